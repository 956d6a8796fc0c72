// len(), the attributes (spec §5.1), toreadonly() (§5.8) and release() (§5.9).
#include <string>
#include <vector>

#include "errors.h"
#include "memoryview.h"
#include "objects.h"
#include "py_api.h"
#include "py_values.h"
#include "reexport.h"

namespace mvconf::impl::py {
namespace {

// The METH_NOARGS error; 3.8 names the method without its type.
bool no_args(Call &call, const char *name, const std::vector<Value> &args) {
  if (args.empty()) return true;
  return fail(call, "TypeError",
              std::string(call.rules.since(9) ? "memoryview." : "") + name +
                  "() takes no arguments (" + std::to_string(args.size()) + " given)");
}

Value tuple_of(const ptrdiff_t *values, int n) {
  Value items = Value::array();
  for (int i = 0; values != nullptr && i < n; ++i) items.push_back(make_int(values[i]));
  return Value{{"tuple", items}};
}

// view.obj as Python sees it: the exporter, the bytes copy of GetContiguous, or None.
Value obj_of(const MemoryView &mv) {
  const Object *base = object_of(mv.view());
  if (base == nullptr) return nullptr;
  if (base->kind() == ObjectKind::kBytes) return Value{{"object", "bytes"}};
  // A PEP 688 __buffer__ view: the exporting memoryview, which the harness encodes by type.
  if (base->kind() == ObjectKind::kView) return Value{{"object", "memoryview"}};
  const mvconf_exporter *e = static_cast<const ExporterObject *>(base)->exporter();
  return Value{{"object", e->type_name != nullptr ? e->type_name : "object"}};
}

bool is_method_name(const std::string &name) {
  static const char *const names[] = {"tobytes", "hex",       "tolist",   "cast",    "toreadonly",
                                      "release", "__enter__", "__exit__", "__len__", "__getitem__"};
  for (const char *n : names)
    if (name == n) return true;
  return false;
}

}  // namespace

bool len(Call &call, const std::vector<Value> &, Value *result) {
  if (released(call)) return false;
  const mvconf_buffer &view = call.self->view();
  if (view.ndim == 0) {
    if (call.rules.since(12)) return fail(call, "TypeError", "0-dim memory has no length");
    *result = 1;  // ≤3.11: a 0-d view has length 1
    return true;
  }
  *result = make_int(view.shape[0]);
  return true;
}

bool getattr(Call &call, const std::vector<Value> &args, Value *result) {
  if (args.size() != 1 || kind_of(args[0]) != Kind::kStr)
    return fail(call, "SystemError", "mvconf impl: getattr needs a str name");
  const std::string name = args[0]["str"].get<std::string>();
  // Methods are found (bound) even on a released view; only the getters check.
  if (is_method_name(name)) {
    *result = Value{{"object", "builtin_function_or_method"}};
    return true;
  }
  static const char *const getters[] = {"obj",        "nbytes",       "readonly",     "itemsize",
                                        "format",     "ndim",         "shape",        "strides",
                                        "suboffsets", "c_contiguous", "f_contiguous", "contiguous"};
  bool known = false;
  for (const char *g : getters) known = known || name == g;
  if (!known)
    return fail(call, "AttributeError", "'memoryview' object has no attribute '" + name + "'");
  if (released(call)) return false;
  const MemoryView &mv = *call.self;
  const mvconf_buffer &v = mv.view();
  const int f = mv.flags();
  const bool scalar = (f & MVCONF_VIEW_SCALAR) != 0;
  if (name == "obj") *result = obj_of(mv);
  if (name == "nbytes") *result = make_int(v.len);
  if (name == "readonly") *result = v.readonly != 0;
  if (name == "itemsize") *result = make_int(v.itemsize);
  if (name == "format") *result = make_str(v.format != nullptr ? v.format : "B");
  if (name == "ndim") *result = v.ndim;
  if (name == "shape") *result = tuple_of(v.shape, v.ndim);
  if (name == "strides") *result = tuple_of(v.strides, v.ndim);
  if (name == "suboffsets") *result = tuple_of(v.suboffsets, v.ndim);
  if (name == "c_contiguous") *result = scalar || (f & MVCONF_VIEW_C) != 0;
  if (name == "f_contiguous") *result = scalar || (f & MVCONF_VIEW_FORTRAN) != 0;
  if (name == "contiguous") *result = scalar || (f & (MVCONF_VIEW_C | MVCONF_VIEW_FORTRAN)) != 0;
  return true;
}

bool toreadonly(Call &call, const std::vector<Value> &args, Value *) {
  if (!no_args(call, "toreadonly", args) || released(call)) return false;
  // Always a new view on the same managed buffer, even when self is read-only already.
  mvconf_buffer view = call.self->view();
  view.readonly = 1;
  call.new_view = new MemoryView(call.self->mbuf(), view, call.self->flags());
  return true;
}

// `with m:` -- __enter__ answers the view itself (refused once released), __exit__ releases it
// whatever the (exception) arguments are.
bool enter(Call &call, const std::vector<Value> &args, Value *result) {
  if (!no_args(call, "__enter__", args)) return false;
  if (call.self->released())
    return fail(call, "ValueError", "operation forbidden on released memoryview object");
  (void)result;
  call.new_view = call.self;
  return true;
}

bool exit(Call &call, const std::vector<Value> &args, Value *result) {
  (void)args;
  if (view_release(call.self, call.rules, call.err) < 0) return false;
  *result = nullptr;
  return true;
}

bool release(Call &call, const std::vector<Value> &args, Value *result) {
  if (!no_args(call, "release", args)) return false;
  if (view_release(call.self, call.rules, call.err) < 0) return false;
  *result = nullptr;
  return true;
}

// Added in 3.14, after every version the impl targets: looking them up fails as for any name
// a memoryview does not have, whatever the arguments.
bool count(Call &call, const std::vector<Value> &, Value *) {
  return fail(call, "AttributeError", "'memoryview' object has no attribute 'count'");
}

bool index(Call &call, const std::vector<Value> &, Value *) {
  return fail(call, "AttributeError", "'memoryview' object has no attribute 'index'");
}

}  // namespace mvconf::impl::py
