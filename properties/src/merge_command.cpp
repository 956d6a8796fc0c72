// `mvconf merge`: N shards of one run into the report of that run. Shards that are not all of
// one run (another seed, port, oracle, filter or mvconf; a shard missing or given twice) are
// refused: a merge of part of the cases would read as the whole run.
#include "merge_command.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "mvconf/harness/expectations.h"
#include "report.h"
#include "run_command.h"

namespace mvconf::cli {
namespace {

using namespace mvconf::harness;

struct MergeOptions {
  std::vector<std::string> files;
  std::string expect, json, junit, markdown;
};

std::string shard_name(const RunResults &r) {
  return std::to_string(r.shard_index) + "/" + std::to_string(r.shard_count);
}

std::vector<std::string> property_names(const RunResults &r) {
  std::vector<std::string> names;
  for (const auto &p : r.properties) names.push_back(p.name);
  return names;
}

// Every shard must come from the same run command but for --shard and the output files.
void check_one_run(const std::vector<RunResults> &shards, const std::vector<std::string> &files) {
  const RunResults &a = shards.front();
  std::set<int> seen;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const RunResults &s = shards[i];
    const std::string &f = files[i];
    if (s.shard_count == 1)
      throw UsageError(f + " is a whole run, not a shard (mvconf run --shard I/N writes shards)");
    const std::pair<const char *, std::pair<const std::string &, const std::string &>> same[] = {
        {"port", {s.port, a.port}},
        {"port version", {s.port_version, a.port_version}},
        {"oracle", {s.oracle, a.oracle}},
        {"oracle version", {s.oracle_version, a.oracle_version}},
        {"RapidCheck parameters (seed, cases)", {s.rc_params, a.rc_params}}};
    for (const auto &[what, values] : same)
      if (values.first != values.second)
        throw UsageError(f + " and " + files[0] + " are not shards of one run: " + what + " '" +
                         values.first + "' against '" + values.second + "'");
    if (s.shard_count != a.shard_count)
      throw UsageError(f + " is shard " + shard_name(s) + ", " + files[0] + " shard " +
                       shard_name(a) + ": not shards of one run");
    if (property_names(s) != property_names(a))
      throw UsageError(f + " and " + files[0] +
                       " ran different properties (another --gtest_filter or --without)");
    if (!seen.insert(s.shard_index).second)
      throw UsageError("shard " + shard_name(s) + " is given twice (" + f + ")");
  }
  for (int i = 1; i <= a.shard_count; ++i)
    if (!seen.count(i))
      throw UsageError("shard " + std::to_string(i) + "/" + std::to_string(a.shard_count) +
                       " is missing: without it the merge would report part of the run's cases "
                       "as the whole run");
}

// The file the shards were judged by must judge the merge, and be written against their oracle.
void load_merge_expectations(const MergeOptions &o, const RunResults &a) {
  expectations().clear();
  if (o.expect.empty()) {
    if (!a.expect_file.empty())
      throw UsageError("the shards were run with --expect " + a.expect_file +
                       ": give mvconf merge --expect too, or their expected classes count as new");
    return;
  }
  PortOptions file;  // only what the file says: its entries and its oracle
  try {
    load_expect_file(file, o.expect);
    check_expectation_properties(all_properties());
  } catch (const std::exception &e) {
    throw UsageError(e.what());
  }
  const std::string &oracle = file.expect_oracle;
  const std::string prefix = "cpython:";
  const bool matches = oracle.empty() || oracle == a.oracle ||
                       (oracle.rfind(prefix, 0) == 0 && a.oracle.rfind("cpython", 0) == 0 &&
                        (a.oracle_version + ".").rfind(oracle.substr(prefix.size()) + ".", 0) == 0);
  if (!matches)
    throw UsageError(o.expect + " lists differences from " + oracle + ", but the shards were " +
                     "judged by " + a.oracle + " (CPython " + a.oracle_version + ")");
}

// One property over all shards. A property that did not run through RapidCheck (the corpus,
// the self-checks) ran whole in every shard: the first shard's result stands for it.
PropertyResult merge_property(const std::vector<RunResults> &shards, std::size_t at) {
  PropertyResult m = shards.front().properties[at];
  if (!m.sharded) return m;
  m.cases = m.failed = 0;
  m.seconds = 0;
  m.classes.clear();
  m.stale.clear();
  m.detail.clear();
  std::set<std::string> left_out, details, ops;
  bool all_skipped = true;
  for (const auto &s : shards) {
    const PropertyResult &p = s.properties[at];
    m.cases += p.cases;
    m.failed += p.failed;
    m.seconds += p.seconds;
    all_skipped = all_skipped && p.status == "skipped";
    left_out.insert(p.not_compared.begin(), p.not_compared.end());
    ops.insert(p.ops.begin(), p.ops.end());
    if (!p.detail.empty()) details.insert(p.detail);
    for (const auto &k : p.classes) {
      auto it = std::find_if(m.classes.begin(), m.classes.end(),
                             [&](const ClassResult &c) { return c.signature == k.signature; });
      if (it == m.classes.end()) {
        m.classes.push_back(k);
        continue;
      }
      // The case the one run would have met first, and shrunk from, is the earliest one.
      const long cases = it->cases + k.cases;
      if (k.first_at < it->first_at) *it = k;
      it->cases = cases;
    }
  }
  std::sort(m.classes.begin(), m.classes.end(),
            [](const ClassResult &x, const ClassResult &y) { return x.first_at < y.first_at; });
  m.not_compared.assign(left_out.begin(), left_out.end());
  m.ops.assign(ops.begin(), ops.end());
  for (const auto &d : details) m.detail += (m.detail.empty() ? "" : "\n") + d;
  // Shard-local case numbers do not add up; the evaluation number of the first class does.
  m.first_failure_at = m.classes.empty() ? 0 : m.classes.front().first_at;
  m.status = all_skipped ? "skipped" : "";
  return m;
}

RunResults merge(const std::vector<RunResults> &shards, const std::string &command_line) {
  RunResults r = shards.front();
  r.command = command_line;
  r.shard_index = r.shard_count = 1;
  r.seconds = 0;
  r.notes.clear();
  r.properties.clear();
  std::set<std::string> notes;
  for (const auto &s : shards) {
    r.seconds += s.seconds;
    for (const auto &n : s.notes)
      if (n.rfind("shard ", 0) != 0) notes.insert(n);  // each shard's own line is about it
  }
  r.notes.push_back("merged from " + std::to_string(shards.size()) + " shards of `" +
                    shards.front().command + "`; seconds are their sum");
  r.notes.insert(r.notes.end(), notes.begin(), notes.end());
  for (std::size_t i = 0; i < shards.front().properties.size(); ++i)
    r.properties.push_back(merge_property(shards, i));
  return r;
}

}  // namespace

Action add_merge_command(CLI::App &app, const std::string &command_line) {
  auto o = std::make_shared<MergeOptions>();
  CLI::App *sub = app.add_subcommand(
      "merge", "add up the JSON results of the shards of one run (mvconf run --shard I/N)");
  sub->add_option("files", o->files, "every shard's --json file, once each")
      ->type_name("FILE ...")
      ->required();
  sub->add_option("--expect", o->expect, "the expectations the shards were run with")
      ->type_name("FILE");
  sub->add_option("--json", o->json, "also write the merged results as JSON")->type_name("FILE");
  sub->add_option("--junit", o->junit, "also write them as JUnit XML")->type_name("FILE");
  sub->add_option("--markdown", o->markdown, "also write them as Markdown")->type_name("FILE");
  sub->footer(
      "Classes are matched by signature; each keeps the minimal case of its earliest case, as\n"
      "one run with all the shards' cases would. Exit status: 0 nothing unexpected diverged,\n"
      "1 something did (or nothing was compared), 2 bad usage (shards not of one run).");
  return [o, command_line] {
    for (const std::string *out : {&o->json, &o->junit, &o->markdown})
      if (!out->empty()) check_writable(*out);
    std::vector<RunResults> shards;
    for (const auto &f : o->files) {
      try {
        shards.push_back(read_json(f));
      } catch (const std::exception &e) {
        throw UsageError(e.what());
      }
    }
    check_one_run(shards, o->files);
    load_merge_expectations(*o, shards.front());
    RunResults r = merge(shards, command_line);
    r.expect_file = o->expect;
    judge_results(r);
    print_report(r, false);
    int status = r.exit_status();
    write_report_files(r, o->json, o->junit, o->markdown, status);
    return status;
  };
}

}  // namespace mvconf::cli
