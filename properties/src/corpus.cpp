#include "mvconf/harness/corpus.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "mvconf/harness/bounded_json.h"
#include "mvconf/harness/case_schema.h"
#include "self_path.h"

namespace mvconf::harness {
namespace fs = std::filesystem;

CorpusEntry parse_case_line(const std::string &line, const std::string &where) {
  CorpusEntry entry;
  entry.where = where;
  try {
    const auto j = parse_bounded(line, kMaxJsonDepth, kMaxCaseBytes, "case line");
    if (std::string problem = case_schema_problem(j); !problem.empty())
      entry.error = "not a case: " + problem;
    else
      entry.c = j.get<Case>(), entry.property = j.value("property", "");
  } catch (const std::exception &e) {
    entry.error = std::string("not a case: ") + e.what();
  }
  if (entry.error.empty()) {
    // validate() must not throw either: a throw here would be a harness bug, kept as the
    // line's error rather than ending the run.
    try {
      if (std::string problem = validate(entry.c); !problem.empty())
        entry.error = "invalid case: " + problem;
    } catch (const std::exception &e) {
      entry.error = std::string("invalid case: ") + e.what();
    }
  }
  return entry;
}

// A bad line is kept as an entry with its error, so that one typo is reported where it is and
// the other lines still run.
static void load_file(const fs::path &file, const std::string &shown,
                      std::vector<CorpusEntry> &out) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::string line;
  LineRead read;
  for (int n = 1; (read = read_bounded_line(in, line, kMaxCaseBytes)) != LineRead::kEnd; ++n) {
    const std::string where = shown + ":" + std::to_string(n);
    if (read == LineRead::kTooLong) {
      CorpusEntry entry;
      entry.where = where;
      entry.error = "invalid case: line longer than " + std::to_string(kMaxCaseBytes) + " bytes";
      out.push_back(std::move(entry));
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    out.push_back(parse_case_line(line, where));
  }
}

std::vector<CorpusEntry> load_corpus(const std::string &path, const std::string &label) {
  std::vector<CorpusEntry> out;
  if (fs::is_directory(path)) {
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(path))
      if (e.path().extension() == ".jsonl") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto &f : files)
      load_file(f, label.empty() ? f.string() : label + "/" + f.filename().string(), out);
  } else if (fs::exists(path)) {
    load_file(path, path, out);
  } else {
    throw std::runtime_error("no such file or directory: " + path);
  }
  return out;
}

std::string corpus_dir() {
  if (const char *dir = std::getenv("MVCONF_CORPUS"); dir && *dir) return dir;
  // Relative to the executable, never a configure-time path: the install can move.
  return beside_self(MVCONF_BIN_TO_DATA "/cases");
}

const char *feature_of(const std::string &op) {
  static const char *const constructors[] = {"from_object", "from_memory", "from_buffer",
                                             "get_contiguous"};
  for (const char *c : constructors)
    if (op == c) return "constructors";
  if (op == "py") return "python_api";
  if (op == "py_chain") return "python_level";
  if (op == "reexport" || op == "size_from_format" || op == "copy_data") {
    static const std::string names[] = {"reexport", "size_from_format", "copy_data"};
    for (const auto &n : names)
      if (op == n) return n.c_str();
  }
  return "buffer_functions";
}

}  // namespace mvconf::harness
