// `exec:COMMAND` port specs: the command is split into an argv the way a POSIX shell splits
// words, but nothing else a shell does happens (no variables, globs, redirections or `;`).
#pragma once

#include <string>
#include <vector>

namespace mvconf::harness {

/// Split `command` into words: blanks separate words; '...' keeps everything literally;
/// "..." keeps everything but a backslash before \ " $ ` or a newline; a backslash outside
/// quotes keeps the next character. An unquoted shell operator (; & | < > ( ) $ `), an
/// unterminated quote or an empty command is refused: empty result with `error` set.
std::vector<std::string> split_command(const std::string &command, std::string &error);

}  // namespace mvconf::harness
