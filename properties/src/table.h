// Aligned text tables for the terminal (`mvconf list ...`).
#pragma once

#include <string>
#include <vector>

namespace mvconf::cli {

/// Rows (the first is the header) as aligned columns two spaces apart, widths counted in
/// characters (UTF-8 aware); the last column is wrapped at `width` characters when `width` is
/// not 0, continuation lines indented under it.
std::string format_table(const std::vector<std::vector<std::string>> &rows, std::size_t width = 0);

/// The terminal's width when stdout is a terminal, 0 otherwise (pass it to format_table).
std::size_t terminal_width();

}  // namespace mvconf::cli
