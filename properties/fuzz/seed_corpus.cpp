// The fuzz targets' seed corpora, made at build time from the repository's fixtures (never
// copied in by hand): one file per case line of fixtures/cases/ and fixtures/bad_cases/ (for
// case_line and impl_slots), each expectations file (for expectations), and for port_answer
// the impl's answer to each valid case line as a port would write it, with two handshakes.
// Usage: mvconf_fuzz_seeds OUT_DIR CASE_DIR... -- EXPECTATIONS_DIR
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "mvconf/harness/corpus.h"
#include "mvconf/harness/run_case.h"
#include "mvconf/impl/impl.h"

namespace fs = std::filesystem;

namespace {

// Answers above this are left out: libFuzzer mutates small inputs faster, and the case lines
// already give the structure of every outcome.
constexpr std::size_t kMaxAnswerSeed = 16 << 10;

void write(const fs::path &file, const std::string &text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::vector<fs::path> files_in(const fs::path &dir, const std::string &extension) {
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().extension() == extension) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Every line of the case files under `dir`, kept whether valid or not (bad lines are good
// seeds for the parser); valid ones also give an answer seed.
int case_seeds(const fs::path &dir, const fs::path &out, int &answers) {
  int n = 0;
  for (const auto &file : files_in(dir, ".jsonl")) {
    std::ifstream in(file);
    std::string line;
    for (int k = 1; std::getline(in, line); ++k) {
      if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
      const std::string name = file.stem().string() + "-" + std::to_string(k);
      write(out / "cases" / name, line);
      ++n;
      const auto entry = mvconf::harness::parse_case_line(line, name);
      if (!entry.error.empty()) continue;
      const nlohmann::json answer = {
          {"id", 1}, {"outcome", mvconf::harness::run_case(entry.c, mvconf::impl::port())}};
      const std::string text =
          answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (text.size() <= kMaxAnswerSeed) write(out / "answers" / name, text), ++answers;
    }
  }
  return n;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 5 || std::string(argv[argc - 2]) != "--") {
    std::fprintf(stderr, "usage: %s OUT_DIR CASE_DIR... -- EXPECTATIONS_DIR\n", argv[0]);
    return 2;
  }
  try {
    const fs::path out = argv[1];
    fs::remove_all(out);  // stale seeds of a removed line must go
    for (const char *sub : {"cases", "answers", "expectations"}) fs::create_directories(out / sub);
    int lines = 0, answers = 0, expectations = 0;
    for (int i = 2; i < argc - 2; ++i) lines += case_seeds(argv[i], out, answers);
    for (const auto &file : files_in(argv[argc - 1], ".json")) {
      fs::copy_file(file, out / "expectations" / file.filename());
      ++expectations;
    }
    write(out / "answers" / "handshake-2",
          R"({"mvconf": 2, "name": "impl", "version": "3.11", "features": ["constructors"]})");
    write(out / "answers" / "handshake-1", R"({"mvconf": 1})");
    std::printf("mvconf fuzz seeds: %d case lines, %d answers, %d expectations files in %s\n",
                lines, answers + 2, expectations, out.c_str());
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mvconf_fuzz_seeds: %s\n", e.what());
    return 1;
  }
  return 0;
}
