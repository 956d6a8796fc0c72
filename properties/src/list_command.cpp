// `mvconf list`: every table comes from where the fact lives (the port specs from ports.cpp,
// the mutants from the impl, the properties and their features from the registered tests), so
// the listing cannot drift from what `run` does.
#include "list_command.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "mvconf/harness/corpus.h"
#include "mvconf/harness/exporter_layouts.h"
#include "mvconf/harness/features.h"
#include "mvconf/harness/ports.h"
#include "mvconf/harness/session.h"
#include "mvconf/impl/impl.h"
#include "mvconf/oracle/oracle.h"
#include "run_command.h"
#include "table.h"

namespace mvconf::cli {
namespace {

using namespace mvconf::harness;
using Rows = std::vector<std::vector<std::string>>;

std::string join(const std::vector<std::string> &items, const char *sep = ", ") {
  std::string out;
  for (const auto &s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Corpus, Fixture: tests that are not MVCONF_PROP properties (no single feature).
std::string feature_of_property(const std::string &name) {
  const auto it = property_features().find(name);
  return it == property_features().end() ? "-" : it->second;
}

Rows ports() {
  Rows rows = {{"spec", "port"}};
  for (const auto &[spec, what] : known_ports())
    if (spec.rfind("mutant:", 0) != 0) rows.push_back({spec, what});
  rows.push_back({"mutant:NAME", "the impl with one rule broken (" +
                                     std::to_string(impl::mutants().size()) +
                                     " mutants: mvconf list mutants); mutant:a+b breaks two"});
  return rows;
}

Rows properties() {
  Rows rows = {{"property", "feature"}};
  for (const auto &name : all_properties()) rows.push_back({name, feature_of_property(name)});
  return rows;
}

Rows features() {
  std::map<std::string, std::vector<std::string>> suites;
  std::map<std::string, int> count;
  for (const auto &name : all_properties()) {
    const std::string f = feature_of_property(name), suite = name.substr(0, name.find('.'));
    ++count[f];
    auto &s = suites[f];
    if (s.empty() || s.back() != suite) s.push_back(suite);
  }
  Rows rows = {{"feature", "properties", "suites"}};
  // A feature no property requires changes what the properties compare (port.h).
  for (const char *f : kFeatures)
    rows.push_back({f, std::to_string(count[f]),
                    count[f] ? join(suites[f]) : "(none: it changes what is compared)"});
  return rows;
}

Rows mutants() {
  Rows rows = {{"mutant", "rule it breaks"}};
  for (const auto &m : impl::mutants()) rows.push_back({m.name, m.rule});
  return rows;
}

// The shipped factories, from mvconf_exporters itself (the one list), with what each makes.
Rows exporters() {
  open_exporter_factories({});
  const std::string text = mvconf::oracle::run_python(
      "import json, mvconf_exporters as F\n"
      "result = json.dumps([[n, F.describe(n)] for n in F.names()])\n");
  if (text.rfind("error: ", 0) == 0) throw UsageError("cannot list the exporters: " + text);
  Rows rows = {{"exporter", "formats", "ndim", "orders", "slices", "readonly"}};
  for (const auto &entry : nlohmann::json::parse(text)) {
    const std::string name = entry[0];
    const nlohmann::json &d = entry[1];
    if (d.contains("unavailable")) {
      rows.push_back({name, "unavailable: " + d.value("unavailable", ""), "", "", "", ""});
      continue;
    }
    std::vector<std::string> orders = d["orders"], readonly;
    for (bool r : d["readonly"]) readonly.push_back(r ? "yes" : "no");
    rows.push_back({name, std::to_string(d["formats"].size()),
                    "up to " + std::to_string(d["max_ndim"].get<int>()), join(orders, "/"),
                    d["slicing"].get<bool>() ? "yes" : "no", join(readonly, "/")});
  }
  return rows;
}

struct Topic {
  const char *name;
  Rows (*rows)();
};
const Topic kTopics[] = {{"ports", ports},
                         {"properties", properties},
                         {"features", features},
                         {"mutants", mutants},
                         {"exporters", exporters}};

// `mvconf list` alone: one line per topic, and where the files it uses are.
void overview() {
  std::vector<std::string> specs,
      oracles = {"cpython (embedded CPython " MVCONF_PYTHON_VERSION ")"};
  for (const auto &row : ports()) specs.push_back(row[0]);
  specs.erase(specs.begin());  // the header
  const auto servers = oracle_server_versions();
  for (const auto &v : oracle_versions())
    oracles.push_back(
        "cpython:" + v +
        (std::count(servers.begin(), servers.end(), v) ? "" : " (Pyodide, Python level)"));
  std::set<std::string> suites;
  const auto names = all_properties();
  for (const auto &n : names) suites.insert(n.substr(0, n.find('.')));
  std::vector<std::string> feature_names(std::begin(kFeatures), std::end(kFeatures));
  const std::string corpus = corpus_dir();
  std::size_t files = 0;
  std::error_code ec;
  for (const auto &e : std::filesystem::directory_iterator(corpus, ec))
    files += e.path().extension() == ".jsonl";
  const Rows rows = {
      {"ports", join(specs)},
      {"oracles", join(oracles)},
      {"properties",
       std::to_string(names.size()) + " in " + std::to_string(suites.size()) + " suites"},
      {"features", join(feature_names)},
      {"mutants", std::to_string(impl::mutants().size())},
      {"corpus", corpus + (ec ? " (missing)" : " (" + std::to_string(files) + " files)")}};
  std::fputs(format_table(rows, terminal_width()).c_str(), stdout);
  std::printf("\nmvconf list ports|properties|features|mutants|exporters prints one in full.\n");
}

}  // namespace

Action add_list_command(CLI::App &app) {
  auto topic = std::make_shared<std::string>();
  std::string names;
  for (const Topic &t : kTopics) names += (names.empty() ? "" : "|") + std::string(t.name);
  CLI::App *list =
      app.add_subcommand("list", "list ports, properties, features, mutants or exporters");
  list->add_option("topic", *topic, "what to list (default: a short overview)")->type_name(names);
  return [topic, names] {
    for (const Topic &t : kTopics)
      if (*topic == t.name) {
        std::fputs(format_table(t.rows(), terminal_width()).c_str(), stdout);
        return 0;
      }
    // Checked here, not by a CLI11 validator, so that an unknown option is reported first.
    if (!topic->empty()) throw UsageError("unknown topic '" + *topic + "' (one of " + names + ")");
    overview();
    return 0;
  };
}

}  // namespace mvconf::cli
