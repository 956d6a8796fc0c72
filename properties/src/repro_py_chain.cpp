// The reproduction of a py_chain case: a plain Python program that builds the same base, the
// same chain and makes the same calls, printing each result, so that it runs unchanged on
// CPython and on the implementation under test (`pypy3 -c '...'`).
#include <sstream>

#include "mvconf/harness/lifecycle_law.h"
#include "mvconf/harness/repro.h"

namespace mvconf::harness {
namespace {

using json = nlohmann::json;

// What every program starts with: the helper classes of docs/python-api.md (the same names,
// so type names in messages agree) and show(), which prints a result or an exception.
const char *kPrelude =
    "class Index:\n"
    "    def __init__(self, n): self.n = n\n"
    "    def __index__(self): return self.n\n"
    "class FloatLike:\n"
    "    def __init__(self, x): self.x = x\n"
    "    def __float__(self): return self.x\n"
    "def show(what, f, on=None):\n"
    "    try:\n"
    "        r = f()\n"
    "    except Exception as e:\n"
    "        print(what, '->', type(e).__name__ + ':', e)\n"
    "        return None\n"
    "    if not isinstance(r, memoryview) or r is on:\n"
    "        print(what, '->', repr(r))\n"
    "        return None\n"
    "    d = {}\n"
    "    for a in ('format', 'itemsize', 'ndim', 'shape', 'strides', 'suboffsets', 'readonly',\n"
    "              'nbytes', 'c_contiguous', 'f_contiguous', 'contiguous', 'tobytes'):\n"
    "        try:\n"
    "            d[a] = r.tobytes().hex() if a == 'tobytes' else getattr(r, a)\n"
    "        except Exception as e:\n"
    "            d[a] = type(e).__name__ + ': ' + str(e)\n"
    "    print(what, '->', d)\n"
    "    return r\n";

std::string expr(const json &j);

std::string items(const json &list, bool tuple) {
  std::string out;
  for (const auto &v : list) out += (out.empty() ? "" : ", ") + expr(v);
  if (tuple) return "(" + out + (list.size() == 1 ? ",)" : ")");
  return "[" + out + "]";
}

// A JSON value (docs/python-api.md) as a Python expression.
std::string expr(const json &j) {
  if (j.is_null()) return "None";
  if (j.is_boolean()) return j.get<bool>() ? "True" : "False";
  if (j.is_number() || j.is_string()) return j.dump();  // a JSON string is a Python literal
  if (j.is_array()) return items(j, false);
  if (j.is_object() && j.size() == 1) {
    const std::string key = j.begin().key();
    const json &v = j.begin().value();
    if (key == "int" && v.is_string()) return v.get<std::string>();
    if (key == "float" && v.is_string()) return "float(" + v.dump() + ")";
    if ((key == "bytes" || key == "bytearray") && v.is_string())
      return key + ".fromhex(" + v.dump() + ")";
    if (key == "str") return v.dump();
    if (key == "tuple" && v.is_array()) return items(v, true);
    if (key == "slice" && v.is_array() && v.size() == 3)
      return "slice(" + expr(v[0]) + ", " + expr(v[1]) + ", " + expr(v[2]) + ")";
    if (key == "ellipsis") return "...";
    if (key == "index") return "Index(" + expr(v) + ")";
    if (key == "float_like") return "FloatLike(" + expr(v) + ")";
    if (key == "object" && v.is_string()) return "type(" + v.dump() + ", (), {})()";
    if (key == "view" && v.is_number_integer()) return "v[" + v.dump() + "]";
  }
  return "None  # unknown value " + j.dump();
}

// The expression one call evaluates, on the view named `m`; "" for calls that are not one.
std::string call_expr(const std::string &method, const std::string &m, const json &args) {
  const auto arg = [&](std::size_t i) { return i < args.size() ? expr(args[i]) : "None"; };
  std::string list;
  for (const auto &a : args) list += (list.empty() ? "" : ", ") + expr(a);
  static const std::pair<const char *, const char *> ops[] = {
      {"eq", "=="}, {"ne", "!="}, {"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="}};
  for (const auto &[name, op] : ops)
    if (method == name) return m + " " + op + " " + arg(0);
  if (method == "getitem") return m + "[" + arg(0) + "]";
  if (method == "setitem") return m + ".__setitem__(" + arg(0) + ", " + arg(1) + ")";
  if (method == "delitem") return m + ".__delitem__(" + arg(0) + ")";
  if (method == "len" || method == "hash") return method + "(" + m + ")";
  if (method == "getattr" && !args.empty() && args[0].is_object() && args[0].contains("str"))
    return m + "." + args[0]["str"].get<std::string>();
  if (method == "iter") return "list(iter(" + m + "))";
  if (method == "reversed") return "list(reversed(" + m + "))";
  if (method == "contains") return arg(0) + " in " + m;
  if (method == "enter" || method == "exit") return m + ".__" + method + "__(" + list + ")";
  if (method == "buffer") return m + ".__buffer__(" + list + ")";
  if (method == "release_buffer") return m + ".__release_buffer__(" + list + ")";
  if (method == "memoryview") return "memoryview(" + m + ")";
  if (method == "create") return "memoryview(base)";
  if (method == "export" || method == "release_export" || method == "free") return "";
  return m + "." + method + "(" + list + ")";
}

// One line per call: shown, and appended to `slots` when it takes a view slot.
void lines(std::ostringstream &os, const json &calls, const std::string &slots, bool chained) {
  for (const auto &c : calls) {
    const std::string method = c.value("method", "");
    const std::string on =
        chained ? slots + "[-1]" : slots + "[" + std::to_string(c.value("on", 0)) + "]";
    const std::string e = call_expr(method, on, c.value("args", json::array()));
    if (method == "free") {
      os << on << " = None\n";
    } else if (e.empty()) {
      os << "# " << method << ": not expressible at the Python level\n";
    } else {
      const std::string shown = "show(" + json(e).dump() + ", lambda: " + e + ", " + on + ")";
      os << (takes_view_slot(method) ? slots + ".append(" + shown + ")" : shown) << "\n";
    }
  }
}

}  // namespace

std::string py_chain_program(const Case &c) {
  std::ostringstream os;
  os << kPrelude;
  std::string hex;
  {
    static const char digits[] = "0123456789abcdef";
    std::vector<unsigned char> data(std::size_t(c.layout.memlen > 0 ? c.layout.memlen : 0));
    for (std::size_t j = 0; j < data.size(); ++j)
      data[j] = static_cast<unsigned char>((j * 131 + c.layout.fill * 29 + 7) & 0xff);
    for (const auto &p : c.args.value("patches", json::array())) {
      const std::string h = p.value("hex", "");
      const auto at = std::size_t(p.value("at", 0L));
      for (std::size_t k = 0; k + 1 < h.size() && at + k / 2 < data.size(); k += 2)
        data[at + k / 2] = static_cast<unsigned char>(std::stoi(h.substr(k, 2), nullptr, 16));
    }
    for (unsigned char b : data) (hex += digits[b >> 4]) += digits[b & 15];
  }
  os << "base = " << (c.layout.readonly ? "bytes" : "bytearray") << ".fromhex('" << hex << "')\n"
     << "c = [memoryview(base)]\n";
  lines(os, c.args.value("chain", json::array()), "c", true);
  os << "v = [c[-1]]\n";
  lines(os, c.args.value("calls", json::array()), "v", false);
  os << "print('memory after:', bytes(base).hex())\n";
  return os.str();
}

}  // namespace mvconf::harness
