// `mvconf matrix`: every row of fixtures/matrix/entries.json (and the version-drift steps
// between the installed CPython oracles) run or read back, then written as the conformance
// site and docs/findings.md. A row that cannot run is a visible "not run" row, never a gap.
#include "matrix_command.h"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "child_process.h"
#include "diff_versions_command.h"
#include "matrix_site.h"
#include "mvconf/harness/ports.h"
#include "report.h"
#include "self_path.h"

namespace mvconf::cli {
namespace {

using namespace mvconf::harness;
using json = nlohmann::json;
namespace fs = std::filesystem;

struct MatrixOptions {
  std::string entries = "fixtures/matrix/entries.json";
  std::string out = "docs/conformance";
  std::string results;  // default: OUT/results
  std::string findings = "docs/findings.md";
  bool no_findings = false;
  bool run = false;
  std::vector<std::string> only;
  std::string cases;  // overrides every row's --cases when given
  std::string drift_cases = "2000";
};

std::vector<MatrixRow> drift_rows(const std::string &cases) {
  std::vector<MatrixRow> rows;
  const auto versions = oracle_versions();
  for (std::size_t i = 0; i + 1 < versions.size(); ++i) {
    MatrixRow r;
    r.entry = {"cpython-" + versions[i] + "-to-" + versions[i + 1], "drift",
               "CPython " + versions[i] + " → " + versions[i + 1],
               drift_run_args(versions[i], versions[i + 1], cases), ""};
    rows.push_back(r);
  }
  // The step after the newest installed oracle is shown as missing, so the timeline says
  // where it stops and why instead of ending silently.
  const std::string last = versions.empty() ? "3.8" : versions.back();
  const std::string next = "3." + std::to_string(std::stoi(last.substr(2)) + 1);
  MatrixRow r;
  r.entry = {"cpython-" + last + "-to-" + next, "drift", "CPython " + last + " → " + next,
             drift_run_args(last, next, cases), ""};
  r.unavailable = "no CPython " + next + " oracle here (mvconf-cpython" + next +
                  " is not built: configure with -DMVCONF_PYTHONS=auto where it is installed)";
  rows.push_back(r);
  return rows;
}

// Without --run the drift steps are the saved ones, so that the site is a function of the
// results alone, whatever oracles this build has.
std::vector<MatrixRow> saved_drift_rows(const fs::path &results, const std::string &cases) {
  std::vector<std::pair<int, MatrixRow>> found;
  std::error_code ec;
  for (const auto &f : fs::directory_iterator(results, ec)) {
    const std::string name = f.path().filename().string();
    const auto to = name.find("-to-");
    if (name.rfind("cpython-3.", 0) != 0 || to == std::string::npos ||
        f.path().extension() != ".json")
      continue;
    const std::string older = name.substr(8, to - 8),
                      newer = name.substr(to + 4, name.size() - 5 - (to + 4));
    const auto minor = [](const std::string &v) {
      return v.size() > 2 && v.size() <= 4 && v.rfind("3.", 0) == 0 &&
                     v.find_first_not_of("0123456789", 2) == std::string::npos
                 ? std::stoi(v.substr(2))
                 : -1;
    };
    if (minor(older) < 0 || minor(newer) < 0) continue;
    MatrixRow r;
    r.entry = {"cpython-" + older + "-to-" + newer, "drift", "CPython " + older + " → " + newer,
               drift_run_args(older, newer, cases), ""};
    found.emplace_back(minor(older), r);
  }
  std::sort(found.begin(), found.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<MatrixRow> rows;
  for (auto &f : found) rows.push_back(f.second);
  return rows;
}

// The row's arguments with --cases replaced or added (the entries' own limits stay otherwise).
std::vector<std::string> with_cases(std::vector<std::string> args, const std::string &cases) {
  if (cases.empty()) return args;
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--cases") {
      args[i + 1] = cases;
      return args;
    }
  args.push_back("--cases");
  args.push_back(cases);
  return args;
}

std::string last_line(const std::string &text) {
  const std::size_t end = text.find_last_not_of("\n ");
  if (end == std::string::npos) return "(no output)";
  const std::size_t start = text.rfind('\n', end) + 1;  // npos + 1 == 0: the first line
  return text.substr(start, end + 1 - start);
}

void save(const fs::path &path, const json &j) {
  std::ofstream out(path);
  out << j.dump(2) << '\n';
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void run_row(MatrixRow &r, const fs::path &result, const MatrixOptions &o) {
  std::vector<std::string> argv = {self_path()};
  // The drift steps have their own --drift-cases; --cases is for the entries' rows.
  for (const auto &a : with_cases(r.entry.args, r.entry.kind == "drift" ? "" : o.cases))
    argv.push_back(a);
  argv.insert(argv.end(), {"--json", result.string()});
  if (!r.entry.markdown.empty() && o.cases.empty())  // a shortened run leaves the reports alone
    argv.insert(argv.end(), {"--markdown", r.entry.markdown});
  std::printf("%-34s ...", r.entry.id.c_str());
  std::fflush(stdout);
  fs::remove(result);
  const auto t0 = std::chrono::steady_clock::now();
  std::string output, error;
  const int status = run_command(argv, &output, false, 0, error, true);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::ifstream in(result);
  r.result = in ? json::parse(in, nullptr, false) : json();
  if (status == -1) {
    r.unavailable = "mvconf could not be started: " + error;
  } else if (WIFSIGNALED(status)) {
    r.crashed = true;
    r.unavailable = "the run crashed (" + describe_status(status) + "): " + last_line(output);
  } else if (WEXITSTATUS(status) > 1 || !r.result.is_object()) {
    r.unavailable = last_line(output);
  }
  if (!r.unavailable.empty()) {
    r.result = json();
    save(result, {{"unavailable", r.unavailable}, {"crashed", r.crashed}});
    std::printf(" not run (%.0f s): %s\n", secs, r.unavailable.c_str());
  } else {
    std::printf(" %.0f s: %s\n", secs, r.result.value("summary", "").c_str());
  }
}

void read_row(MatrixRow &r, const fs::path &result) {
  std::ifstream in(result);
  if (!in) {
    r.unavailable = "no saved result " + result.string() + " (mvconf matrix --run makes it)";
    return;
  }
  const json j = json::parse(in, nullptr, false);
  if (!j.is_object()) {
    r.unavailable = "the saved result " + result.string() + " is not a JSON object";
  } else if (j.contains("unavailable")) {
    r.unavailable = j.value("unavailable", std::string("not run"));
    r.crashed = j.value("crashed", false);
  } else if (!j.value("properties", json()).is_array()) {
    r.unavailable = "the saved result " + result.string() + " has no \"properties\" array";
  } else {
    r.result = j;
  }
}

int matrix(const MatrixOptions &o) {
  std::vector<MatrixRow> rows;
  try {
    for (auto &e : load_matrix_entries(o.entries)) rows.push_back({e, json(), "", false});
  } catch (const std::exception &e) {
    throw UsageError(e.what());
  }
  const fs::path results = o.results.empty() ? fs::path(o.out) / "results" : fs::path(o.results);
  for (auto &r : o.run ? drift_rows(o.drift_cases) : saved_drift_rows(results, o.drift_cases))
    rows.push_back(r);
  std::set<std::string> ids;
  for (const auto &r : rows) ids.insert(r.entry.id);
  for (const auto &id : o.only)
    if (!ids.count(id)) {
      std::string known;
      for (const auto &k : ids) known += " " + k;
      throw UsageError("--only " + id + ": no such row (rows:" + known + ")");
    }
  if (!o.only.empty() && !o.run) throw UsageError("--only selects the rows --run runs");
  std::error_code ec;
  fs::create_directories(results, ec);
  fs::create_directories(o.out, ec);
  if (!fs::is_directory(results) || !fs::is_directory(o.out))
    throw UsageError("cannot make the directories " + o.out + " and " + results.string());
  if (!o.no_findings) check_writable(o.findings);
  const std::set<std::string> only(o.only.begin(), o.only.end());
  const auto t0 = std::chrono::steady_clock::now();
  for (auto &r : rows) {
    const fs::path result = results / (r.entry.id + ".json");
    if (!r.unavailable.empty()) {
      if (o.run) save(result, {{"unavailable", r.unavailable}, {"crashed", false}});
      continue;
    }
    if (o.run && (only.empty() || only.count(r.entry.id)))
      run_row(r, result, o);
    else
      read_row(r, result);
  }
  std::string regenerate = "mvconf matrix --run";
  if (o.out != "docs/conformance") regenerate += " --out " + o.out;
  if (!o.results.empty()) regenerate += " --results " + o.results;
  if (!o.cases.empty()) regenerate += " --cases " + o.cases;
  write_matrix_site(rows, o.out, regenerate);
  if (!o.no_findings) {
    std::ofstream out(o.findings);
    const fs::path from = fs::absolute(o.findings).parent_path();
    out << findings_markdown(rows, fs::absolute(o.out).lexically_relative(from).generic_string(),
                             regenerate);
    if (!out.flush()) throw std::runtime_error("writing " + o.findings + " failed");
  }
  int with = 0;
  for (const auto &r : rows) with += r.unavailable.empty();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "matrix: %d of %zu rows with results, %zu not run; site in %s/index.html%s%s "
      "(%.0f s)\n",
      with, rows.size(), rows.size() - std::size_t(with), o.out.c_str(),
      o.no_findings ? "" : ", findings in ", o.no_findings ? "" : o.findings.c_str(), secs);
  if (with == 0) {
    std::printf("NOT A RESULT: no row has a result to show\n");
    return 1;
  }
  return 0;
}

}  // namespace

Action add_matrix_command(CLI::App &app) {
  auto o = std::make_shared<MatrixOptions>();
  CLI::App *cmd = app.add_subcommand(
      "matrix", "the conformance page: every implementation and exporter side by side (HTML)");
  cmd->add_flag("--run", o->run, "run every row (else read the saved results)");
  cmd->add_option("--only", o->only,
                  "with --run, run only this row (repeatable); the others are read")
      ->type_name("ID");
  cmd->add_option("--entries", o->entries, "the rows to show")
      ->type_name("FILE")
      ->capture_default_str();
  cmd->add_option("--out", o->out, "where the site is written")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_option("--results", o->results,
                  "where each row's JSON result is kept (default OUT/results)")
      ->type_name("DIR");
  cmd->add_option("--findings", o->findings, "the Markdown findings page written with the site")
      ->type_name("FILE")
      ->capture_default_str();
  cmd->add_flag("--no-findings", o->no_findings, "do not write the findings page");
  cmd->add_option("--cases", o->cases,
                  "cases per property in every row (a quick look; the rows' Markdown reports are "
                  "then left alone)")
      ->type_name("N")
      ->check(whole_number(2000000000));
  cmd->add_option("--drift-cases", o->drift_cases, "cases per property in each version-drift step")
      ->type_name("N")
      ->check(whole_number(2000000000))
      ->capture_default_str();
  cmd->footer(
      "Run from the source tree: the rows' commands name its files. Exit status: 0 the site was\n"
      "written, 1 no row had a result (nothing to show), 2 bad usage or an unreadable entries "
      "file.\n"
      "A row that cannot run (a runtime absent, a port that cannot start) is a 'not run' row.");
  return [o] { return matrix(*o); };
}

}  // namespace mvconf::cli
