#include "mvconf/harness/case_schema.h"

#include <climits>
#include <map>
#include <vector>

#include "py_call_schema.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

// The kinds of values: integer (one that fits the C++ type the harness reads it into, so
// nothing is truncated: Int is a ptrdiff_t, Int32 an int, Order a char given as a byte value),
// boolean, string, array, layout object, string or null, unsigned 32-bit, and the two string
// choices the ops read (a misspelt choice would silently run the default path).
enum Kind { Int, Int32, Order, Bool, Str, Arr, Lay, StrOrNull, UInt, Via, ReexportVia, FreeOrder };

// What a view is made from (ops_views.cpp, ops_reexport.cpp; reexport asks a view or the
// exporter itself), and which of two views is freed first (ops_views.cpp).
const std::vector<std::string> kVias = {"exporter", "view", "non_buffer"};
const std::vector<std::string> kReexportVias = {"exporter", "view"};
const std::vector<std::string> kFreeOrders = {"result_first", "first_first"};

std::string one_of(const json &v, const std::vector<std::string> &choices,
                   const std::string &where) {
  std::string list;
  for (const auto &c : choices) {
    if (v.is_string() && v.get<std::string>() == c) return "";
    list += (list.empty() ? "\"" : ", \"") + c + "\"";
  }
  return where + ": must be one of " + list;
}

using Schema = std::map<std::string, Kind>;

const Schema &layout_schema() {
  static const Schema s = {
      {"format", StrOrNull}, {"itemsize", Int},       {"ndim", Int32},
      {"shape", Arr},        {"strides", Arr},        {"offset", Int},
      {"memlen", Int},       {"pil", Bool},           {"negative_suboffsets", Bool},
      {"readonly", Bool},    {"present_shape", Bool}, {"present_strides", Bool},
      {"len", Int},          {"fill", UInt},          {"unhashable", Bool}};
  return s;
}

// The arguments each operation reads (the ops_*.cpp files); nothing else is accepted.
const std::map<std::string, Schema> &arg_schemas() {
  static const Schema construct = {{"via", Via}, {"free", FreeOrder}, {"type_name", Str}};
  auto with = [](Schema s, const Schema &more) {
    s.insert(more.begin(), more.end());
    return s;
  };
  static const std::map<std::string, Schema> s = {
      {"from_object", construct},
      {"get_contiguous", with(construct, {{"buffertype", Int32}, {"order", Order}})},
      {"from_memory", with(construct, {{"size", Int}, {"flags", Int32}})},
      {"from_buffer", with(construct, {{"buf_null", Bool}, {"obj_set", Bool}})},
      {"is_contiguous", {{"order", Order}}},
      {"to_contiguous", {{"order", Order}, {"len_delta", Int}}},
      {"from_contiguous", {{"order", Order}, {"data_len", Int}}},
      {"fill_contiguous_strides", {{"order", Order}}},
      {"get_pointer", {{"indices", Arr}}},
      {"fill_info",
       {{"readonly", Int32},
        {"flags", Int32},
        {"len", Int},
        {"view_null", Bool},
        {"obj_set", Bool},
        {"buf_null", Bool}}},
      {"reexport",
       {{"flags", Int32}, {"exports", Int32}, {"via", ReexportVia}, {"released", Bool}}},
      {"size_from_format", {{"format", Str}}},
      {"copy_data", {{"src_layout", Lay}, {"dest_via", Via}, {"src_via", Via}}},
      {"py", {{"calls", Arr}, {"others", Arr}, {"patches", Arr}}},
      {"py_chain", {{"chain", Arr}, {"calls", Arr}, {"patches", Arr}}},
  };
  return s;
}

std::string known(const Schema &s) {
  std::string out;
  for (const auto &[k, kind] : s) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "none" : out;
}

std::string check_object(const json &j, const Schema &s, const std::string &where,
                         const std::vector<std::string> &required = {});

// True when v is an integer in lo..hi (an unsigned JSON number above INT64_MAX never is).
bool integer_in(const json &v, long long lo, long long hi) {
  if (!v.is_number_integer()) return false;
  if (v.is_number_unsigned())
    return v.get<unsigned long long>() <= static_cast<unsigned long long>(hi);
  const long long x = v.get<long long>();
  return x >= lo && x <= hi;
}

std::string check_integers(const json &list, const std::string &where) {
  for (const auto &v : list)
    if (!integer_in(v, LLONG_MIN, LLONG_MAX))
      return where + ": must hold 64-bit signed integers only";
  return "";
}

std::string check_value(const json &v, Kind kind, const std::string &where) {
  switch (kind) {
    case Int:
      return integer_in(v, LLONG_MIN, LLONG_MAX) ? "" : where + ": must be a 64-bit signed integer";
    case Int32:
      return integer_in(v, INT_MIN, INT_MAX) ? "" : where + ": must be a 32-bit signed integer";
    case Order:
      return integer_in(v, -128, 255) ? ""
                                      : where + ": must be a byte value (an integer in -128..255)";
    case UInt:
      return v.is_number_unsigned() && v.get<unsigned long long>() <= 0xffffffffULL
                 ? ""
                 : where + ": must be an integer from 0 to 4294967295";
    case Bool:
      return v.is_boolean() ? "" : where + ": must be true or false";
    case Str:
      return v.is_string() ? "" : where + ": must be a string";
    case StrOrNull:
      return v.is_string() || v.is_null() ? "" : where + ": must be a string or null";
    case Arr:
      return v.is_array() ? "" : where + ": must be an array";
    case Via:
      return one_of(v, kVias, where);
    case ReexportVia:
      return one_of(v, kReexportVias, where);
    case FreeOrder:
      return one_of(v, kFreeOrders, where);
    case Lay: {
      std::string p = check_object(v, layout_schema(), where,
                                   {"format", "itemsize", "ndim", "shape", "strides"});
      for (const char *list : {"shape", "strides"})
        if (p.empty()) p = check_integers(v[list], where + "." + list);
      return p;
    }
  }
  return "";
}

std::string check_object(const json &j, const Schema &s, const std::string &where,
                         const std::vector<std::string> &required) {
  if (!j.is_object()) return where + ": must be an object";
  for (const auto &[k, v] : j.items()) {
    const auto it = s.find(k);
    const std::string at = where + "." + k;
    if (it == s.end()) return at + ": unknown key (known: " + known(s) + ")";
    if (std::string p = check_value(v, it->second, at); !p.empty()) return p;
  }
  for (const auto &k : required)
    if (!j.contains(k)) return where + "." + k + ": missing";
  return "";
}

std::string check_py(const json &args) {
  static const Schema call = {{"method", Str}, {"args", Arr}, {"on", UInt}};
  static const Schema patch = {{"hex", Str}, {"exporter", UInt}, {"at", Int}};
  for (const char *list : {"calls", "chain"})
    for (const auto &c : args.value(list, json::array())) {
      const std::string where = std::string("args.") + list + "[]";
      if (std::string p = check_object(c, call, where, {"method"}); !p.empty()) return p;
      if (std::string p = py_call_problem(c, where); !p.empty()) return p;
    }
  for (const auto &c : args.value("patches", json::array()))
    if (std::string p = check_object(c, patch, "args.patches[]", {"hex"}); !p.empty()) return p;
  for (const auto &l : args.value("others", json::array()))
    if (std::string p = check_value(l, Lay, "args.others[]"); !p.empty()) return p;
  return "";
}

}  // namespace

std::string case_schema_problem(const json &j) {
  static const Schema top = {{"op", Str}, {"layout", Lay}, {"args", Arr}, {"property", Str}};
  if (!j.is_object()) return "a case must be a JSON object";
  for (const auto &[k, v] : j.items())
    if (!top.count(k)) return k + ": unknown key (known: args, layout, op, property)";
  if (!j.contains("op") || !j["op"].is_string()) return "op: missing or not a string";
  const std::string op = j["op"];
  const auto schema = arg_schemas().find(op);
  if (schema == arg_schemas().end()) return "op: unknown operation '" + op + "'";
  if (!j.contains("layout")) return "layout: missing";
  if (std::string p = check_value(j["layout"], Lay, "layout"); !p.empty()) return p;
  for (const char *list : {"shape", "strides"})
    if (std::string p = check_integers(j["layout"][list], std::string("layout.") + list);
        !p.empty())
      return p;
  if (j.contains("property") && !j["property"].is_string()) return "property: must be a string";
  if (!j.contains("args")) return "";
  const std::string for_op = " for " + op;
  const json &args = j["args"];
  if (!args.is_object()) return "args: must be an object";
  for (const auto &[k, v] : args.items()) {
    const auto it = schema->second.find(k);
    if (it == schema->second.end())
      return "args." + k + ": unknown key" + for_op + " (known: " + known(schema->second) + ")";
    if (std::string p = check_value(v, it->second, "args." + k); !p.empty()) return p;
  }
  if (args.contains("indices"))
    if (std::string p = check_integers(args["indices"], "args.indices"); !p.empty()) return p;
  return op == "py" || op == "py_chain" ? check_py(args) : "";
}

}  // namespace mvconf::harness
