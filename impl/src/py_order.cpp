// memoryview <, <=, >, >= (spec §5.10, "Ordering"). A memoryview has no ordering of its own:
// Python asks the other operand for the reflected comparison, and only a bytearray answers,
// by comparing its bytes with the memoryview's simple buffer. A view that cannot give one
// (released, not C-contiguous) leaves the bytearray without an answer too: TypeError.
#include <algorithm>
#include <cstring>
#include <string>

#include "errors.h"
#include "objects.h"
#include "py_api.h"
#include "py_values.h"

namespace mvconf::impl::py {
namespace {

enum class Order { kLt, kLe, kGt, kGe };

const char *symbol(Order o) {
  switch (o) {
    case Order::kLt:
      return "<";
    case Order::kLe:
      return "<=";
    case Order::kGt:
      return ">";
    case Order::kGe:
      return ">=";
  }
  return "?";
}

// The bytearray's comparison of the view's bytes with its own, as memcmp and then the lengths.
bool bytes_order(const mvconf_buffer &view, const std::string &other, Order o) {
  const auto len = static_cast<size_t>(view.len);
  int cmp = std::memcmp(view.buf, other.data(), std::min(len, other.size()));
  if (cmp == 0) cmp = len < other.size() ? -1 : len > other.size() ? 1 : 0;
  switch (o) {
    case Order::kLt:
      return cmp < 0;
    case Order::kLe:
      return cmp <= 0;
    case Order::kGt:
      return cmp > 0;
    case Order::kGe:
      return cmp >= 0;
  }
  return false;
}

bool order(Call &call, const std::vector<Value> &args, Order o, Value *result) {
  if (args.size() != 1) {
    set_error(call.err, "TypeError", "expected 1 argument, got " + std::to_string(args.size()));
    return false;
  }
  const MemoryView &self = *call.self;
  // The bytearray asks for PyBUF_SIMPLE: a live, C-contiguous view (a 0-d one is). The
  // mutant compares any live view, as if its bytes were in memory order.
  const bool simple = (self.flags() & (MVCONF_VIEW_C | MVCONF_VIEW_SCALAR)) != 0 ||
                      call.rules.broken(Mutation::kOrderingAnyLayout);
  if (kind_of(args[0]) == Kind::kByteArray && !self.released() && simple) {
    if ((self.flags() & (MVCONF_VIEW_C | MVCONF_VIEW_SCALAR)) != 0) {
      *result = bytes_order(self.view(), bytes_of(args[0]), o);
      return true;
    }
    Value copy;
    Call inner{call.rules, call.self, call.views, call.nviews, call.err};
    if (!tobytes(inner, {}, &copy)) return false;
    const std::string data = bytes_of(copy);
    mvconf_buffer flat = self.view();
    flat.buf = const_cast<char *>(data.data());
    flat.len = static_cast<ptrdiff_t>(data.size());
    *result = bytes_order(flat, bytes_of(args[0]), o);
    return true;
  }
  set_error(call.err, "TypeError",
            std::string("'") + symbol(o) +
                "' not supported between instances of 'memoryview' and '" + type_name(args[0]) +
                "'");
  return false;
}

}  // namespace

bool lt(Call &call, const std::vector<Value> &args, Value *result) {
  return order(call, args, Order::kLt, result);
}
bool le(Call &call, const std::vector<Value> &args, Value *result) {
  return order(call, args, Order::kLe, result);
}
bool gt(Call &call, const std::vector<Value> &args, Value *result) {
  return order(call, args, Order::kGt, result);
}
bool ge(Call &call, const std::vector<Value> &args, Value *result) {
  return order(call, args, Order::kGe, result);
}

}  // namespace mvconf::impl::py
