#include "command_words.h"

#include <cstring>

namespace mvconf::harness {

std::vector<std::string> split_command(const std::string &command, std::string &error) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char ch = command[i];
    if (ch == ' ' || ch == '\t' || ch == '\n') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else if (ch == '\'') {
      const std::size_t end = command.find('\'', i + 1);
      if (end == std::string::npos) {
        error = "unterminated ' in the command";
        return {};
      }
      word.append(command, i + 1, end - i - 1);
      in_word = true;
      i = end;
    } else if (ch == '"') {
      std::size_t j = i + 1;
      for (; j < command.size() && command[j] != '"'; ++j) {
        if (command[j] == '\\' && j + 1 < command.size() &&
            std::strchr("\\\"$`\n", command[j + 1]) != nullptr)
          ++j;
        else if (command[j] == '$' || command[j] == '`') {
          // Refused rather than kept literally: a user writing "$HOME" means an expansion.
          error = std::string("'") + command[j] + "' inside \"...\" (no shell runs the command)";
          return {};
        }
        word += command[j];
      }
      if (j >= command.size()) {
        error = "unterminated \" in the command";
        return {};
      }
      in_word = true;
      i = j;
    } else if (ch == '\\') {
      if (i + 1 < command.size()) word += command[++i];
      in_word = true;
    } else if (std::strchr(";&|<>()$`", ch) != nullptr) {
      // Kept out rather than passed on as a literal word: the user meant shell syntax, which
      // would silently do something else here. `exec:sh -c '...'` is the explicit way.
      error = std::string("unquoted '") + ch +
              "': the command runs without a shell (use exec:sh -c '...' for shell syntax)";
      return {};
    } else {
      word += ch;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  if (words.empty()) error = "empty command";
  return words;
}

}  // namespace mvconf::harness
