// PEP 688 on memoryview (spec §5.14, 3.12+): `mv.__buffer__(flags)` wraps memory_getbuf's
// export in a new memoryview whose `.obj` is mv, and `mv.__release_buffer__(view)` releases
// such a view. Before 3.12 neither attribute exists.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "errors.h"
#include "memoryview.h"
#include "objects.h"
#include "py_api.h"
#include "py_values.h"
#include "reexport.h"

namespace mvconf::impl::py {
namespace {

// Both are slot wrappers taking exactly one positional argument; the wrapper's message has an
// empty name before "expected" (hence the leading space, byte for byte).
bool one_argument(Call &call, const std::vector<Value> &args) {
  if (args.size() == 1) return true;
  return fail(call, "TypeError",
              " expected 1 argument, got " + std::to_string(static_cast<int64_t>(args.size())));
}

// The attribute lookup of a version without PEP 688.
bool missing_before_312(Call &call, const char *name) {
  if (call.rules.since(12)) return false;
  set_error(call.err, "AttributeError",
            std::string("'memoryview' object has no attribute '") + name + "'");
  return true;
}

// The flags argument: an index-sized integer (OverflowError beyond int64), at most INT_MAX,
// and, below INT_MIN, truncated to a C int like the slot's own conversion.
bool flags_arg(Call &call, const Value &v, int *out) {
  Int i;
  if (!index_of(v, &i))
    return fail(call, "TypeError",
                "'" + type_name(v) + "' object cannot be interpreted as an integer");
  if (!i.fits_i64)
    return fail(call, "OverflowError", "cannot fit 'int' into an index-sized integer");
  if (i.i64 > INT32_MAX) return fail(call, "OverflowError", "buffer flags too large");
  *out = static_cast<int>(static_cast<int32_t>(static_cast<uint32_t>(i.i64)));
  return true;
}

}  // namespace

bool buffer(Call &call, const std::vector<Value> &args, Value *) {
  if (missing_before_312(call, "__buffer__") || !one_argument(call, args)) return false;
  int flags = 0;
  if (!flags_arg(call, args[0], &flags)) return false;
  mvconf_buffer exported{};
  if (view_get_buffer(call.self, &exported, flags, call.rules, call.err) < 0) return false;
  // The new managed buffer owns that export; the last registered view of it gives it back
  // (release, __release_buffer__ or free), which drops call.self's export count once.
  const Rules rules = call.rules;
  auto base = std::make_shared<ViewObject>(call.self,
                                           [rules](mvconf_buffer *b) { buffer_release(b, rules); });
  auto mbuf = std::make_shared<ManagedBuffer>(std::move(base), exported, true);
  call.new_view = view_from_master(std::move(mbuf), call.rules, "memoryview.__buffer__", call.err);
  return call.new_view != nullptr;
}

bool release_buffer(Call &call, const std::vector<Value> &args, Value *result) {
  if (missing_before_312(call, "__release_buffer__") || !one_argument(call, args)) return false;
  if (kind_of(args[0]) != Kind::kView)
    return fail(call, "TypeError", "expected a memoryview object");
  MemoryView *view = view_arg(call, args[0]);
  if (view == nullptr) return false;
  // Only a view of a buffer this memoryview exported qualifies, released or not.
  const Object *base = object_of(view->view());
  const bool mine = base != nullptr && base->kind() == ObjectKind::kView &&
                    static_cast<const ViewObject *>(base)->view() == call.self;
  if (!mine && !call.rules.broken(Mutation::kReleaseBufferNoIdentityCheck))
    return fail(call, "ValueError", "memoryview's buffer is not this object");
  if (view->released())
    return fail(call, "ValueError", "memoryview's buffer has already been released");
  // Then exactly view.release(): refused with a BufferError while it has exports of its own.
  if (view_release(view, call.rules, call.err) < 0) return false;
  *result = nullptr;
  return true;
}

}  // namespace mvconf::impl::py
