#include "mvconf/harness/repro.h"

#include <algorithm>
#include <sstream>

#include "mvconf/fixtures/memory.h"
#include "mvconf/port.h"
#include "node_ports.h"

namespace mvconf::harness {
namespace {

using fixtures::Layout;

std::string py_list(const std::vector<std::ptrdiff_t> &v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::string py_char(int c) {
  std::ostringstream os;
  if (c >= 32 && c < 127 && c != '\'' && c != '\\')
    os << "'" << static_cast<char>(c) << "'";
  else
    os << "chr(" << (c & 0xff) << ")";
  return os.str();
}

// Why _testbuffer.ndarray cannot present this layout (empty when it can).
std::string no_ndarray_reason(const Layout &l) {
  if (l.pil) return "PIL layouts are built by ndarray itself (ND_PIL) with other strides";
  if (l.negative_suboffsets) return "the exporter reports suboffsets that are all -1";
  if (l.len) return "the exporter reports a len other than product(shape) * itemsize";
  if (!l.format) return "the exporter reports a NULL format";
  if (!l.present_shape || !l.present_strides) return "the exporter reports NULL shape/strides";
  if (l.ndim > 128) return "ndim exceeds _testbuffer's ND_MAX_NDIM";
  if (l.offset % l.itemsize) return "offset is not a multiple of itemsize";
  for (auto s : l.strides)
    if (s % l.itemsize) return "a stride is not a multiple of itemsize";
  // ndarray's memory is the items (padded to whole items, at least one), and buf must point
  // at a whole item inside it even for empty arrays.
  const std::ptrdiff_t padded =
      std::max(l.itemsize, (l.memlen + l.itemsize - 1) / l.itemsize * l.itemsize);
  if (l.offset + l.itemsize > padded) return "offset is past the last item of the memory";
  return "";
}

// Formats whose items survive struct unpack/pack byte for byte; others are shown as 'Ns'.
bool exact_format_of(const std::string &f) {
  return f.size() == 1 && std::string("bBhHiIlLqQnNPc").find(f) != std::string::npos;
}

std::string ndarray_expr(const Layout &l) {
  fixtures::Memory memory(l);
  std::string hex = memory.data_hex();
  const std::ptrdiff_t pad = (l.itemsize - l.memlen % l.itemsize) % l.itemsize;
  hex += std::string(static_cast<std::size_t>(pad) * 2, '0');
  if (l.memlen + pad == 0) hex = std::string(static_cast<std::size_t>(l.itemsize) * 2, '0');
  const std::string fmt = exact_format_of(*l.format) ? *l.format : std::to_string(l.itemsize) + "s";
  std::ostringstream os;
  const char *flags = l.readonly ? "0" : "ND_WRITABLE";
  os << "fmt, mem = '" << fmt << "', bytes.fromhex('" << hex << "')\n"
     << "items = [x[0] if len(x) == 1 else x for x in struct.iter_unpack(fmt, mem)]\n";
  if (l.ndim == 0)  // ndarray takes a 0-d array's single item as a scalar
    os << "nd = ndarray(items[" << l.offset / l.itemsize
       << "], shape=[], format=fmt, flags=" << flags << ")\n";
  else
    os << "nd = ndarray(items, shape=" << py_list(l.shape) << ", strides=" << py_list(l.strides)
       << ", offset=" << l.offset << ", format=fmt, flags=" << flags << ")\n";
  return os.str();
}

const char *view_attrs =
    "def show(m):\n"
    "    print(dict(format=m.format, itemsize=m.itemsize, ndim=m.ndim, shape=m.shape,\n"
    "               strides=m.strides, suboffsets=m.suboffsets, readonly=m.readonly,\n"
    "               nbytes=m.nbytes, c=m.c_contiguous, f=m.f_contiguous, "
    "contiguous=m.contiguous,\n"
    "               obj_is_nd=m.obj is nd, obj_type=type(m.obj).__name__, "
    "bytes=m.tobytes().hex()))\n";

std::string shell_quote(const std::string &s, bool always = false) {
  if (!always && s.find_first_of(" \t'\"$&;|<>()*?") == std::string::npos) return s;
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

}  // namespace

std::string ndarray_code(const Layout &l, bool *exact_format) {
  if (!no_ndarray_reason(l).empty()) return "";
  if (exact_format) *exact_format = exact_format_of(*l.format);
  return "import struct\nfrom _testbuffer import *\n" + ndarray_expr(l);
}

std::string python_snippet(const Case &c, const std::string &port_spec) {
  const Layout &l = c.layout;
  const std::string reason = no_ndarray_reason(l);
  const std::string replay =
      "replay it instead: mvconf replay case.jsonl --port " + shell_quote(port_spec);
  if (c.op == "fill_contiguous_strides") {
    return "# PyBuffer_FillContiguousStrides has no Python-level entry point; " + replay + "\n";
  }
  if (c.op == "from_memory" || c.op == "fill_info" || c.op == "from_contiguous") {
    return "# " + c.op + " has no _testbuffer entry point; " + replay + "\n";
  }
  // Only Python-level calls can observe hash(view.obj); an ndarray there would be a wrong repro.
  if (c.op == "py" && has_unhashable_exporter(c))
    return "# no _testbuffer.ndarray equivalent (the exporter is unhashable; ndarray is hashable "
           "and cannot be subclassed); " +
           replay + "\n";
  if (!reason.empty())
    return "# no _testbuffer.ndarray equivalent (" + reason + "); " + replay + "\n";
  std::ostringstream os;
  os << ndarray_code(l, nullptr);
  const std::string via = c.args.value("via", "exporter");
  const std::string obj = via == "view"         ? "memoryview(nd)"
                          : via == "non_buffer" ? c.args.value("type_name", "int") + "()"
                                                : "nd";
  const int order = c.args.value("order", int{'C'});
  if (c.op == "from_object") {
    os << view_attrs << "show(memoryview(" << obj << "))\n";
  } else if (c.op == "from_buffer") {
    os << view_attrs << "show(nd.memoryview_from_buffer())\n";
  } else if (c.op == "get_contiguous") {
    const int type = c.args.value("buffertype", MVCONF_BUF_READ);
    if ((type != MVCONF_BUF_READ && type != MVCONF_BUF_WRITE) ||
        (order != 'C' && order != 'F' && order != 'A'))
      os << "# _testbuffer.get_contiguous rejects this buffertype/order before calling the C API;\n"
         << "# " << replay << "\n";
    os << view_attrs << "show(get_contiguous(" << obj << ", "
       << (type == MVCONF_BUF_WRITE  ? "PyBUF_WRITE"
           : type == MVCONF_BUF_READ ? "PyBUF_READ"
                                     : std::to_string(type))
       << ", " << py_char(order) << "))\n";
  } else if (c.op == "is_contiguous") {
    os << "print(is_contiguous(nd, " << py_char(order) << "))\n";
  } else if (c.op == "to_contiguous") {
    os << "print(py_buffer_to_contiguous(nd, " << py_char(order) << ", PyBUF_FULL_RO).hex())\n";
  } else if (c.op == "get_pointer") {
    os << "print(get_pointer(nd, "
       << py_list(c.args.value("indices", std::vector<std::ptrdiff_t>{}))
       << "))  # the item at that pointer (bounds-checked here, not in the C API)\n";
  }
  return os.str();
}

// Whatever a port reported prints: bytes that are not UTF-8 were escaped by the caller, and
// `replace` keeps one that slipped through from throwing.
static std::string dump(const nlohmann::json &j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string failure_report(const Case &c, const std::string &property, const Outcome &want,
                           const Outcome &got, const std::string &oracle_name,
                           const std::string &port_name, const std::string &port_spec) {
  std::ostringstream os;
  os << "port '" << port_name << "' differs from " << oracle_name << " on " << c.op << "\n"
     << "mvconf-case: " << to_line(c, property) << "\n"
     << "expected (" << oracle_name << "): " << dump(want) << "\n"
     << "got (" << port_name << "): " << dump(got) << "\n"
     << "differences (JSON patch from expected to got): " << dump(nlohmann::json::diff(want, got))
     << "\n"
     << "replay: save the mvconf-case JSON as case.jsonl, then: mvconf replay case.jsonl --port "
     << shell_quote(port_spec) << "\n";
  if (c.op != "py_chain") {
    os << "on CPython (python3):\n" << python_snippet(c, port_spec);
    return os.str();
  }
  // The same program on both sides: CPython of the oracle's version, and the interpreter of
  // a python:COMMAND port.
  const std::string program = shell_quote(py_chain_program(c), true);
  std::string cpython = "python3";
  if (oracle_name.rfind("cpython-", 0) == 0) {
    const std::string v = oracle_name.substr(8);
    const auto dot = v.find('.', v.find('.') + 1);
    cpython = "python" + v.substr(0, dot);
  }
  if (const NodePort *node = find_node_port(port_spec)) {
    const std::string program_text = py_chain_program(c);
    // A runtime under Node.js has no -c: the program goes in a file, which its runner runs
    // as it runs the driver (a file without answer() is run and the runner exits).
    os << "at the Python level, the same program on CPython and on the port:\n"
       << "cat > case.py <<'MVCONF_EOF'\n"
       << program_text << (program_text.empty() || program_text.back() != '\n' ? "\n" : "")
       << "MVCONF_EOF\n"
       << "PYTHONHASHSEED=0 " << cpython << " case.py\n"
       << "node fixtures/ports/node/" << node->spec << ".mjs case.py < /dev/null\n";
    return os.str();
  }
  const bool interpreter = port_spec.rfind("python:", 0) == 0;
  const std::string runs = interpreter ? port_spec.substr(7) : cpython;
  os << "at the Python level, the same program on CPython and on the port:\n"
     << "PYTHONHASHSEED=0 " << runs << " -c " << program << "\n";
  if (interpreter)
    os << "(on CPython: the same with " << cpython << " in place of " << runs << ")\n";
  return os.str();
}

}  // namespace mvconf::harness
