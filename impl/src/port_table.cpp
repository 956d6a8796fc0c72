// The C table: thin adapters from the port contract's slots to the impl. Each slot recovers
// its Rules from ctx, so the faithful port and every mutant share one implementation.
#include "port_table.h"

#include <array>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "buffer_functions.h"
#include "copy_data.h"
#include "errors.h"
#include "memoryview.h"
#include "mvconf/impl/impl.h"
#include "objects.h"
#include "py_api.h"
#include "reexport.h"
#include "struct_format.h"

namespace mvconf::impl {
namespace {

const Rules &rules_of(void *ctx) { return *static_cast<const Rules *>(ctx); }

// Every slot is called from C, where an escaping C++ exception aborts the host: each body runs
// here, and whatever it throws becomes the slot's error (a failed allocation is CPython's
// MemoryError; anything else is a bug of the impl, reported as a SystemError naming the slot).
template <typename R, typename Body>
R guarded(const char *slot, mvconf_error *err, R failed, Body &&body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    set_error(err, "MemoryError", "");
  } catch (const std::exception &e) {
    set_undefined(err, slot, std::string("internal error: ") + e.what());
  } catch (...) {
    set_undefined(err, slot, "internal error");
  }
  return failed;
}

// The slots that have no error to fill: an exception is swallowed (none is expected there).
template <typename Body>
void quiet(Body &&body) noexcept {
  try {
    body();
  } catch (...) {
  }
}

// The impl implements all of ABI 1.3, except what the target CPython lacks: 3.8 has no
// PyBuffer_SizeFromFormat, so a 3.8 target does not claim "size_from_format".
const char *const *features_for(const Rules &rules) {
  static const auto *lists = [] {
    static const char *const all[] = {
#define MVCONF_FEATURE_NAME(name, abi_minor) #name,
        MVCONF_FEATURES(MVCONF_FEATURE_NAME)
#undef MVCONF_FEATURE_NAME
    };
    auto *out = new std::array<std::vector<const char *>, 2>{};
    for (const char *f : all) {
      (*out)[0].push_back(f);
      if (std::string_view(f) != "size_from_format") (*out)[1].push_back(f);
    }
    (*out)[0].push_back(nullptr);
    (*out)[1].push_back(nullptr);
    return out;
  }();
  return (*lists)[rules.since(9) ? 0 : 1].data();
}

mvconf_view *slot_from_object(void *ctx, mvconf_ref obj, mvconf_error *err) {
  return guarded("from_object", err, static_cast<mvconf_view *>(nullptr),
                 [&] { return to_handle(from_object(obj, rules_of(ctx), err)); });
}

mvconf_view *slot_from_memory(void *ctx, char *mem, ptrdiff_t size, int flags, mvconf_error *err) {
  return guarded("from_memory", err, static_cast<mvconf_view *>(nullptr),
                 [&] { return to_handle(from_memory(mem, size, flags, rules_of(ctx), err)); });
}

mvconf_view *slot_from_buffer(void *ctx, const mvconf_buffer *info, mvconf_error *err) {
  return guarded("from_buffer", err, static_cast<mvconf_view *>(nullptr),
                 [&] { return to_handle(from_buffer(info, rules_of(ctx), err)); });
}

mvconf_view *slot_get_contiguous(void *ctx, mvconf_ref obj, int buffertype, char order,
                                 mvconf_error *err) {
  return guarded("get_contiguous", err, static_cast<mvconf_view *>(nullptr), [&] {
    return to_handle(get_contiguous(obj, buffertype, order, rules_of(ctx), err));
  });
}

int slot_check(void *, mvconf_ref obj) { return obj.view != nullptr ? 1 : 0; }

const mvconf_buffer *slot_get_buffer(void *, mvconf_view *mv) {
  return mv != nullptr ? &from_handle(mv)->view() : nullptr;
}

void slot_get_base(void *, mvconf_view *mv, mvconf_base *out) {
  if (out == nullptr) return;
  *out = mvconf_base{};
  out->kind = MVCONF_BASE_NULL;
  if (mv == nullptr) return;
  Object *base = object_of(from_handle(mv)->view());
  if (base == nullptr) return;
  if (base->kind() == ObjectKind::kExporter) {
    out->kind = MVCONF_BASE_EXPORTER;
    out->exporter = static_cast<ExporterObject *>(base)->exporter();
  } else if (base->kind() == ObjectKind::kView) {
    out->kind = MVCONF_BASE_VIEW;  // a PEP 688 __buffer__ view: its base is a memoryview
    out->type_name = "memoryview";
  } else {
    auto *bytes = static_cast<BytesObject *>(base);
    out->kind = MVCONF_BASE_BYTES;
    out->data = bytes->data();
    out->size = bytes->size();
    out->type_name = "bytes";
  }
}

void slot_view_state(void *, mvconf_view *mv, mvconf_view_state *out) {
  if (out == nullptr) return;
  *out = mvconf_view_state{};
  if (mv == nullptr) return;
  const MemoryView *view = from_handle(mv);
  out->flags = view->flags();
  out->mbuf_exports = view->mbuf()->exports();
  out->exports = view->exports();
}

void slot_view_free(void *ctx, mvconf_view *mv) {
  quiet([&] { view_free(from_handle(mv), rules_of(ctx)); });
}

int slot_is_contiguous(void *ctx, const mvconf_buffer *view, char order, mvconf_error *err) {
  return guarded("is_contiguous", err, -1,
                 [&] { return is_contiguous(view, order, rules_of(ctx), err); });
}

int slot_to_contiguous(void *ctx, void *buf, const mvconf_buffer *src, ptrdiff_t len, char order,
                       mvconf_error *err) {
  return guarded("to_contiguous", err, -1,
                 [&] { return to_contiguous(buf, src, len, order, rules_of(ctx), err); });
}

int slot_from_contiguous(void *ctx, const mvconf_buffer *view, const void *buf, ptrdiff_t len,
                         char order, mvconf_error *err) {
  return guarded("from_contiguous", err, -1,
                 [&] { return from_contiguous(view, buf, len, order, rules_of(ctx), err); });
}

int slot_fill_contiguous_strides(void *ctx, int ndim, const ptrdiff_t *shape, ptrdiff_t *strides,
                                 int itemsize, char order, mvconf_error *err) {
  return guarded("fill_contiguous_strides", err, -1, [&] {
    return fill_contiguous_strides(ndim, shape, strides, itemsize, order, rules_of(ctx), err);
  });
}

void *slot_get_pointer(void *ctx, const mvconf_buffer *view, const ptrdiff_t *indices,
                       mvconf_error *err) {
  return guarded("get_pointer", err, static_cast<void *>(nullptr),
                 [&] { return get_pointer(view, indices, rules_of(ctx), err); });
}

int slot_fill_info(void *ctx, mvconf_buffer *view, const mvconf_exporter *obj, void *buf,
                   ptrdiff_t len, int readonly, int flags, mvconf_error *err) {
  return guarded("fill_info", err, -1, [&] {
    return fill_info(view, obj, buf, len, readonly, flags, rules_of(ctx), err);
  });
}

void slot_buffer_release(void *ctx, mvconf_buffer *view) {
  quiet([&] { buffer_release(view, rules_of(ctx)); });
}

int slot_object_get_buffer(void *ctx, mvconf_ref obj, mvconf_buffer *view, int flags,
                           mvconf_error *err) {
  return guarded("object_get_buffer", err, -1,
                 [&] { return object_get_buffer(obj, view, flags, rules_of(ctx), err); });
}

int slot_view_release(void *ctx, mvconf_view *mv, mvconf_error *err) {
  return guarded("view_release", err, -1,
                 [&] { return view_release(from_handle(mv), rules_of(ctx), err); });
}

ptrdiff_t slot_size_from_format(void *ctx, const char *format, mvconf_error *err) {
  return guarded("size_from_format", err, ptrdiff_t{-1},
                 [&] { return size_from_format(format, rules_of(ctx), err); });
}

int slot_copy_data(void *ctx, mvconf_ref dest, mvconf_ref src, mvconf_error *err) {
  return guarded("copy_data", err, -1, [&] { return copy_data(dest, src, rules_of(ctx), err); });
}

int slot_py_call(void *ctx, mvconf_view *mv, const char *request, mvconf_view *const *views,
                 size_t nviews, char *answer, size_t cap, mvconf_view **new_view,
                 mvconf_error *err) {
  return guarded("py_call", err, -1, [&] {
    return py_call(rules_of(ctx), mv, request, views, nviews, answer, cap, new_view, err);
  });
}

}  // namespace

int py_call_values(void *ctx, mvconf_view *mv, const std::string &method,
                   const nlohmann::json &args, mvconf_view *const *views, size_t nviews, size_t cap,
                   PyAnswer *answer, mvconf_view **new_view, mvconf_error *err) {
  // Guarded under the text slot's name: an exception ends either form the same way.
  return guarded("py_call", err, -1, [&] {
    return py_call_values(rules_of(ctx), mv, method, args, views, nviews, cap, answer, new_view,
                          err);
  });
}


namespace {

// One target per supported CPython; names "impl:3.X" (the version is the text after "impl:").
constexpr int kTargets = MVCONF_NEWEST_MINOR - MVCONF_OLDEST_MINOR + 1;

const std::array<std::string, kTargets> &target_names() {
  static const auto *names = [] {
    auto *out = new std::array<std::string, kTargets>{};
    for (int i = 0; i < kTargets; ++i)
      (*out)[i] = "impl:3." + std::to_string(MVCONF_OLDEST_MINOR + i);
    return out;
  }();
  return *names;
}

}  // namespace

mvconf_port make_port(const Rules *rules, const char *name) {
  mvconf_port p{};
  p.abi_major = MVCONF_ABI_MAJOR;
  p.abi_minor = MVCONF_ABI_MINOR;
  p.slot_count = MVCONF_PORT_SLOTS_1_2;
  p.name = name;
  p.version = target_names()[rules->target_minor - MVCONF_OLDEST_MINOR].c_str() + 5;
  p.features = features_for(*rules);
  p.ctx = const_cast<Rules *>(rules);
  p.from_object = slot_from_object;
  p.from_memory = slot_from_memory;
  p.from_buffer = slot_from_buffer;
  p.get_contiguous = slot_get_contiguous;
  p.check = slot_check;
  p.get_buffer = slot_get_buffer;
  p.get_base = slot_get_base;
  p.view_state = slot_view_state;
  p.view_free = slot_view_free;
  p.is_contiguous = slot_is_contiguous;
  p.to_contiguous = slot_to_contiguous;
  p.from_contiguous = slot_from_contiguous;
  p.fill_contiguous_strides = slot_fill_contiguous_strides;
  p.get_pointer = slot_get_pointer;
  p.fill_info = slot_fill_info;
  p.buffer_release = slot_buffer_release;
  p.object_get_buffer = slot_object_get_buffer;
  p.view_release = slot_view_release;
  p.size_from_format = slot_size_from_format;
  p.copy_data = slot_copy_data;
  p.py_call = slot_py_call;
  return p;
}

const mvconf_port *port() {
  static const mvconf_port table = make_port(&faithful_rules(), "impl");
  return &table;
}

const mvconf_port *port_for(std::string_view target) {
  static const auto *tables = [] {
    static Rules rules[kTargets];
    auto *out = new std::array<mvconf_port, kTargets>{};
    for (int i = 0; i < kTargets; ++i) {
      rules[i].target_minor = MVCONF_OLDEST_MINOR + i;
      (*out)[i] = make_port(&rules[i], target_names()[i].c_str());
    }
    return out;
  }();
  for (int i = 0; i < kTargets; ++i)
    if (target == target_names()[i].c_str() + 5) return &(*tables)[i];
  return nullptr;
}

}  // namespace mvconf::impl
