// The conformance page: every implementation and exporter side by side, as a static site
// (plain HTML and CSS) built from saved `mvconf run` / `mvconf exporters` JSON results.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mvconf::harness {

/// One row of the matrix as the entries file (fixtures/matrix/entries.json) names it; the
/// version-drift rows ("drift") are made by `mvconf matrix` from the installed oracles.
struct MatrixEntry {
  std::string id;                 ///< file stem of its page and its JSON result ("pypy3")
  std::string kind;               ///< "implementation", "exporter" or "drift"
  std::string title;              ///< what the row is called on the page
  std::vector<std::string> args;  ///< the mvconf command line that produces its result
  std::string markdown;           ///< the Markdown report the same run writes ("" for none)
};

/// A row with what is known about it: its saved result, or why there is none.
struct MatrixRow {
  MatrixEntry entry;
  nlohmann::json result;    ///< the run's --json output (null when absent)
  std::string unavailable;  ///< why there is no result ("" when there is one)
  bool crashed = false;     ///< the run itself died (a signal), not merely could not start
};

/// What one cell says: the worst status among its properties and the classes it holds.
struct MatrixCell {
  std::string status;  ///< "pass", "expected", "new", "skipped", "crashed" or "none"
  int classes = 0;     ///< divergence classes (new and expected) in the cell
  int properties = 0;  ///< properties (exporters: contract clauses) that fed the cell
  int stale = 0;       ///< expectations in the cell whose class did not occur
};

/// Reads an entries file; throws std::runtime_error naming the file and the entry on any error
/// (a missing field, a duplicate id, an unknown kind, an id that is not a plain file stem).
std::vector<MatrixEntry> load_matrix_entries(const std::string &path);
/// The column a property or class falls in: a run's property suite ("PyCast") or, for
/// exporters, the contract clause a class signature concerns ("contiguity").
std::string matrix_family(const std::string &kind, const std::string &property,
                          const std::string &signature);
/// The columns of the rows of `kind`, in order of first appearance.
std::vector<std::string> matrix_columns(const std::vector<MatrixRow> &rows,
                                        const std::string &kind);
/// The cell of `row` in column `family`.
MatrixCell matrix_cell(const MatrixRow &row, const std::string &family);
/// The class signature a stale-expectation line of a result names ("" when it names none).
std::string stale_signature(const std::string &stale);
/// The anchor of a class on its row's page (unique within the page, stable across runs).
std::string class_anchor(const std::string &property, const std::string &signature);
/// Writes index.html, style.css and one ID.html per row into `dir` (which must exist); the
/// `regenerate` command line is printed on every page. Throws std::runtime_error on I/O errors.
void write_matrix_site(const std::vector<MatrixRow> &rows, const std::string &dir,
                       const std::string &regenerate);
/// The Markdown findings page: every row's classes with their reasons, linking to the site
/// (`site_dir` as seen from the findings page's directory).
std::string findings_markdown(const std::vector<MatrixRow> &rows, const std::string &site_dir,
                              const std::string &regenerate);

}  // namespace mvconf::harness
