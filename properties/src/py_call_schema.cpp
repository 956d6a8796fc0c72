// A py call line is turned into a request for each port. Whatever a request the reference
// (the oracle's py_call) cannot decode becomes an error of that port's own making, and the
// two ports' own errors differ: a misspelt method, an operator given the wrong number of
// arguments, {"view": -1}, {"slice": [1]} or {"float": "1.5"} were run and reported as
// divergences of the port instead of errors naming the line (found by fuzzing the impl's
// slots with valid case lines, fixtures/fuzz_regressions/impl_slots/).
#include "py_call_schema.h"

#include <map>

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

// Methods and their argument counts: -1 for methods called as Python methods with *args (a
// wrong count is then CPython's own TypeError, worth comparing), and for the lifecycle methods
// the harness performs itself (ops_py.cpp), which read what they need.
const std::map<std::string, int> &methods() {
  static const std::map<std::string, int> m = {{"tobytes", -1},
                                               {"hex", -1},
                                               {"tolist", -1},
                                               {"cast", -1},
                                               {"toreadonly", -1},
                                               {"release", -1},
                                               {"enter", -1},
                                               {"exit", -1},
                                               {"buffer", -1},
                                               {"release_buffer", -1},
                                               {"getitem", 1},
                                               {"setitem", 2},
                                               {"delitem", 1},
                                               {"getattr", 1},
                                               {"len", 0},
                                               {"hash", 0},
                                               {"eq", 1},
                                               {"ne", 1},
                                               {"lt", 1},
                                               {"le", 1},
                                               {"gt", 1},
                                               {"ge", 1},
                                               {"iter", 0},
                                               {"reversed", 0},
                                               {"contains", 1},
                                               {"count", -1},
                                               {"index", -1},
                                               {"create", -1},
                                               {"memoryview", -1},
                                               {"export", -1},
                                               {"release_export", -1},
                                               {"free", -1}};
  return m;
}

bool digits(const std::string &s) {
  const std::size_t from = !s.empty() && s[0] == '-' ? 1 : 0;
  return s.size() > from && s.find_first_not_of("0123456789", from) == std::string::npos;
}

bool hex_pairs(const std::string &s) {
  return s.size() % 2 == 0 && s.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

// A string handed to CPython as a C string: a NUL would cut it there on one side only.
bool c_string(const json &v) {
  return v.is_string() && v.get_ref<const std::string &>().find('\0') == std::string::npos;
}

std::string value_problem(const json &v, const std::string &where) {
  if (v.is_null() || v.is_boolean() || v.is_number()) return "";
  if (v.is_array()) {
    for (const auto &x : v)
      if (std::string p = value_problem(x, where); !p.empty()) return p;
    return "";
  }
  const std::string bad = where + ": not a value of docs/python-api.md: " + v.dump().substr(0, 80);
  if (!v.is_object() || v.size() != 1) return bad;
  const std::string &kind = v.begin().key();
  const json &x = v.begin().value();
  const auto items = [&](std::size_t need) {
    if (!x.is_array() || (need && x.size() != need)) return bad;
    return value_problem(x, where);
  };
  if (kind == "int") return x.is_string() && digits(x.get<std::string>()) ? "" : bad;
  if (kind == "float") return x == "nan" || x == "inf" || x == "-inf" || x == "-0.0" ? "" : bad;
  if (kind == "bytes" || kind == "bytearray")
    return x.is_string() && hex_pairs(x.get<std::string>()) ? "" : bad;
  if (kind == "str" || kind == "object") return c_string(x) ? "" : bad;
  if (kind == "tuple") return items(0);
  if (kind == "slice") return items(3);
  if (kind == "ellipsis") return x == true ? "" : bad;
  if (kind == "index") return x.is_number_integer() ? "" : bad;
  if (kind == "float_like") return x.is_number() ? "" : bad;
  if (kind == "view") return x.is_number_unsigned() ? "" : bad;
  return bad;
}

}  // namespace

std::string py_call_problem(const json &call, const std::string &where) {
  const std::string method = call["method"].get<std::string>();
  const auto it = methods().find(method);
  if (it == methods().end())
    return where + ".method: unknown method '" + method + "' (docs/python-api.md lists them)";
  const json args = call.value("args", json::array());
  if (it->second >= 0 && args.size() != std::size_t(it->second))
    return where + ".args: " + method + " takes " + std::to_string(it->second) + " argument(s)";
  if (method == "getattr" && !(args[0].is_object() && args[0].contains("str")))
    return where + ".args: getattr takes a {\"str\": NAME}";
  return value_problem(args, where + ".args");
}

}  // namespace mvconf::harness
