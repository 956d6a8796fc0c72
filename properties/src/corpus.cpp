#include "mvconf/harness/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace mvconf::harness {
namespace fs = std::filesystem;

static void load_file(const fs::path &file, std::vector<CorpusEntry> &out) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("mvconf: cannot read " + file.string());
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    const std::string where = file.string() + ":" + std::to_string(n);
    try {
      out.push_back({nlohmann::json::parse(line).get<Case>(), where});
    } catch (const std::exception &e) {
      throw std::runtime_error(where + ": not a case: " + e.what());
    }
    if (std::string problem = validate(out.back().c); !problem.empty())
      throw std::runtime_error(where + ": invalid case: " + problem);
  }
}

std::vector<CorpusEntry> load_corpus(const std::string &path) {
  std::vector<CorpusEntry> out;
  if (fs::is_directory(path)) {
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(path))
      if (e.path().extension() == ".jsonl") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto &f : files) load_file(f, out);
  } else {
    load_file(path, out);
  }
  return out;
}

const char *feature_of(const std::string &op) {
  static const char *const constructors[] = {"from_object", "from_memory", "from_buffer",
                                             "get_contiguous"};
  for (const char *c : constructors)
    if (op == c) return "constructors";
  if (op == "py") return "python_api";
  if (op == "reexport" || op == "size_from_format" || op == "copy_data") {
    static const std::string names[] = {"reexport", "size_from_format", "copy_data"};
    for (const auto &n : names)
      if (op == n) return n.c_str();
  }
  return "buffer_functions";
}

}  // namespace mvconf::harness
