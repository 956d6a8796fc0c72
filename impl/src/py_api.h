// The Python-level memoryview API behind the py_call slot (docs/python-api.md): one function
// per method, dispatched by name in py_call.cpp.
#ifndef MVCONF_IMPL_PY_API_H
#define MVCONF_IMPL_PY_API_H

#include <mvconf/port.h>
#include <mvconf/py_call_values.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "rules.h"

namespace mvconf::impl {

class MemoryView;

namespace py {

/// A Python value in the JSON encoding of docs/python-api.md.
using Value = nlohmann::json;

/// What a method sees: the target view, the views arguments may name ({"view": i}), and where
/// to put a Python exception or a memoryview result.
struct Call {
  const Rules &rules;
  MemoryView *self;
  mvconf_view *const *views;
  size_t nviews;
  mvconf_error *err;
  MemoryView *new_view = nullptr;  ///< set by methods whose result is a memoryview
};

/// Sets call.err to the Python exception `type`(message) and returns false: how every method
/// fails.
bool fail(Call &call, const char *type, const std::string &message);

/// A method: true with *result set (ignored when call.new_view is set), or false with
/// call.err set.
using Method = bool (*)(Call &call, const std::vector<Value> &args, Value *result);

// Items, bytes and attributes (py_items.cpp, py_bytes.cpp, py_attributes.cpp).
bool tobytes(Call &call, const std::vector<Value> &args, Value *result);
bool hex(Call &call, const std::vector<Value> &args, Value *result);
bool tolist(Call &call, const std::vector<Value> &args, Value *result);
bool getitem(Call &call, const std::vector<Value> &args, Value *result);
bool setitem(Call &call, const std::vector<Value> &args, Value *result);
bool delitem(Call &call, const std::vector<Value> &args, Value *result);
bool len(Call &call, const std::vector<Value> &args, Value *result);
bool getattr(Call &call, const std::vector<Value> &args, Value *result);
bool toreadonly(Call &call, const std::vector<Value> &args, Value *result);
bool release(Call &call, const std::vector<Value> &args, Value *result);
bool enter(Call &call, const std::vector<Value> &args, Value *result);
bool exit(Call &call, const std::vector<Value> &args, Value *result);
// Casts, comparison and hashing (py_cast.cpp, py_compare.cpp, py_hash.cpp).
bool cast(Call &call, const std::vector<Value> &args, Value *result);
bool eq(Call &call, const std::vector<Value> &args, Value *result);
bool ne(Call &call, const std::vector<Value> &args, Value *result);
bool hash(Call &call, const std::vector<Value> &args, Value *result);
// Ordering (py_order.cpp): mv < other, <=, >, >=; only a bytearray operand answers.
bool lt(Call &call, const std::vector<Value> &args, Value *result);
bool le(Call &call, const std::vector<Value> &args, Value *result);
bool gt(Call &call, const std::vector<Value> &args, Value *result);
bool ge(Call &call, const std::vector<Value> &args, Value *result);
// PEP 688, 3.12+ (py_pep688.cpp): mv.__buffer__(flags) and mv.__release_buffer__(view).
bool buffer(Call &call, const std::vector<Value> &args, Value *result);
bool release_buffer(Call &call, const std::vector<Value> &args, Value *result);

// Iteration (py_iter.cpp): list(iter(mv)), args[0] in mv, list(reversed(mv)).
bool iter(Call &call, const std::vector<Value> &args, Value *result);
bool contains(Call &call, const std::vector<Value> &args, Value *result);
bool reversed(Call &call, const std::vector<Value> &args, Value *result);
/// m.count(value) and m.index(value[, start[, stop]]): 3.14's; before it, the lookup's
/// AttributeError (the impl targets up to 3.13).
bool count(Call &call, const std::vector<Value> &args, Value *result);
bool index(Call &call, const std::vector<Value> &args, Value *result);

/// The method for a name, or nullptr.
Method find_method(const std::string &name);

}  // namespace py

/// The py_call slot (docs/python-api.md) for a port with these rules.
int py_call(const Rules &rules, mvconf_view *mv, const char *request, mvconf_view *const *views,
            size_t nviews, char *answer, size_t cap, mvconf_view **new_view, mvconf_error *err);
/// The same call on values (mvconf/py_call_values.h), for the harness in this process.
int py_call_values(const Rules &rules, mvconf_view *mv, const std::string &method,
                   const nlohmann::json &args, mvconf_view *const *views, size_t nviews, size_t cap,
                   PyAnswer *answer, mvconf_view **new_view, mvconf_error *err);
}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_PY_API_H
