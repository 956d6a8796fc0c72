// Reading back a run's JSON results (write_json's form), for `mvconf merge`. A missing field
// or one of the wrong kind is an error naming the file and the field: results taken as defaults
// would merge into a verdict nobody's run gave.
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "report.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

// Reads one field of `j` into `out`; `where` names it in the error ("properties[3].cases").
template <typename T>
void field(const json &j, const char *key, T &out, const std::string &where) {
  const auto it = j.find(key);
  if (it == j.end()) throw std::runtime_error("no \"" + std::string(key) + "\" in " + where);
  try {
    out = it->get<T>();
  } catch (const json::exception &) {
    throw std::runtime_error("\"" + std::string(key) + "\" in " + where + " is " + it->type_name() +
                             ", not what mvconf writes there");
  }
}

// Reads the list `key` of `j`, each element by `read` (named "WHERE: KEY[I]" in errors).
template <typename T>
void list(const json &j, const char *key, std::vector<T> &out, const std::string &where,
          T (*read)(const json &, const std::string &)) {
  json items;
  field(j, key, items, where);
  if (!items.is_array())
    throw std::runtime_error("\"" + std::string(key) + "\" in " + where + " is no list");
  for (std::size_t i = 0; i < items.size(); ++i)
    out.push_back(read(items[i], where + ": " + key + "[" + std::to_string(i) + "]"));
}

ClassResult read_class(const json &j, const std::string &where) {
  ClassResult k;
  std::string status;
  field(j, "signature", k.signature, where);
  field(j, "status", status, where);
  if (status != "expected" && status != "new")
    throw std::runtime_error("\"status\" in " + where + " is \"" + status +
                             "\", not \"expected\" or \"new\"");
  k.expected = status == "expected";
  field(j, "reason", k.reason, where);
  field(j, "cases", k.cases, where);
  field(j, "first_at", k.first_at, where);
  field(j, "first_case", k.first_case, where);
  field(j, "minimal_case", k.minimal_case, where);
  field(j, "shrink_cases", k.shrink_cases, where);
  field(j, "note", k.note, where);
  field(j, "reproduce", k.reproduce, where);
  field(j, "report", k.report, where);
  return k;
}

PropertyResult read_property(const json &j, const std::string &where) {
  PropertyResult p;
  field(j, "name", p.name, where);
  field(j, "status", p.status, where);
  field(j, "cases", p.cases, where);
  field(j, "failed", p.failed, where);
  field(j, "first_failure_at", p.first_failure_at, where);
  field(j, "stale", p.stale, where);
  field(j, "not_compared", p.not_compared, where);
  field(j, "detail", p.detail, where);
  field(j, "seconds", p.seconds, where);
  field(j, "sharded", p.sharded, where);
  field(j, "ops", p.ops, where);
  list(j, "classes", p.classes, where, read_class);
  return p;
}

}  // namespace

RunResults read_json(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  const json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw std::runtime_error(path + " is not a JSON object (mvconf run --json writes one)");
  RunResults r;
  std::string version;
  field(j, "mvconf_version", version, path);
  if (version != MVCONF_VERSION)
    throw std::runtime_error(path + " was written by mvconf " + version + ", this is " +
                             MVCONF_VERSION + ": rerun it with this mvconf");
  field(j, "port", r.port, path);
  field(j, "port_version", r.port_version, path);
  field(j, "oracle", r.oracle, path);
  field(j, "oracle_version", r.oracle_version, path);
  field(j, "version_note", r.version_note, path);
  field(j, "rc_params", r.rc_params, path);
  field(j, "command", r.command, path);
  field(j, "expect", r.expect_file, path);
  field(j, "notes", r.notes, path);
  field(j, "seconds", r.seconds, path);
  json shard;
  field(j, "shard", shard, path);
  field(shard, "index", r.shard_index, path + ": shard");
  field(shard, "count", r.shard_count, path + ": shard");
  list(j, "properties", r.properties, path, read_property);
  return r;
}

}  // namespace mvconf::harness
