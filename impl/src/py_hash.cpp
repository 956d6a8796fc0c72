// hash(memoryview) (spec §5.11).
#include "py_hash.h"

#include <cstring>
#include <vector>

#include "buffer_functions.h"
#include "errors.h"
#include "layout.h"
#include "objects.h"
#include "py_api.h"

namespace mvconf::impl::py {
namespace {

uint64_t rotl(uint64_t x, int b) { return x << b | x >> (64 - b); }

void sip_round(uint64_t v[4]) {
  v[0] += v[1];
  v[1] = rotl(v[1], 13);
  v[1] ^= v[0];
  v[0] = rotl(v[0], 32);
  v[2] += v[3];
  v[3] = rotl(v[3], 16);
  v[3] ^= v[2];
  v[0] += v[3];
  v[3] = rotl(v[3], 21);
  v[3] ^= v[0];
  v[2] += v[1];
  v[1] = rotl(v[1], 17);
  v[1] ^= v[2];
  v[2] = rotl(v[2], 32);
}

// hash(view.obj) must succeed, its value is not used: a bytes copy always does, a harness
// exporter unless its hash callback fails (that error propagates), and NULL (FromMemory,
// FromBuffer) is not hashed at all.
bool obj_hashable(Call &call, const mvconf_buffer &view) {
  const Object *base = object_of(view);
  if (base != nullptr && base->kind() == ObjectKind::kView) {
    // A PEP 688 __buffer__ view: hash(view.obj) is the exporting memoryview's own hash, with
    // its checks and its cache (spec §5.11, §5.14). It is alive while this view is registered.
    auto *exporting = const_cast<MemoryView *>(static_cast<const ViewObject *>(base)->view());
    Call sub{call.rules, exporting, call.views, call.nviews, call.err};
    Value ignored;
    return hash(sub, {}, &ignored);
  }
  if (base == nullptr || base->kind() != ObjectKind::kExporter) return true;
  const mvconf_exporter *exporter = static_cast<const ExporterObject *>(base)->exporter();
  if (exporter->hash == nullptr) return true;
  mvconf_error exporter_err{};
  if (exporter->hash(exporter, &exporter_err) == 0) return true;
  if (exporter_err.type[0] == '\0')
    set_undefined(call.err, "hash(memoryview)", "the exporter's hash failed without an error");
  else if (call.err != nullptr)
    *call.err = exporter_err;
  return false;
}

}  // namespace

uint64_t siphash(int c_rounds, int d_rounds, uint64_t k0, uint64_t k1, const void *data,
                 size_t len) {
  uint64_t v[4] = {k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL,
                   k0 ^ 0x6c7967656e657261ULL, k1 ^ 0x7465646279746573ULL};
  const auto *p = static_cast<const unsigned char *>(data);
  const auto compress = [&](uint64_t m) {
    v[3] ^= m;
    for (int r = 0; r < c_rounds; ++r) sip_round(v);
    v[0] ^= m;
  };
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t m = 0;
    for (int k = 7; k >= 0; --k) m = m << 8 | p[i + static_cast<size_t>(k)];  // little-endian
    compress(m);
  }
  uint64_t last = static_cast<uint64_t>(len & 0xFF) << 56;
  for (size_t k = 0; i + k < len; ++k) last |= static_cast<uint64_t>(p[i + k]) << (8 * k);
  compress(last);
  v[2] ^= 0xFF;
  for (int r = 0; r < d_rounds; ++r) sip_round(v);
  return v[0] ^ v[1] ^ v[2] ^ v[3];
}

int64_t bytes_hash(const void *data, size_t len, const Rules &rules) {
  if (len == 0) return 0;
  const uint64_t h =
      rules.since(11) ? siphash(1, 3, 0, 0, data, len) : siphash(2, 4, 0, 0, data, len);
  const auto result = static_cast<int64_t>(h);
  return result == -1 ? -2 : result;
}

std::string c_order_bytes(const mvconf_buffer &view) {
  if (view.ndim == 0)
    return std::string(static_cast<const char *>(view.buf), static_cast<size_t>(view.itemsize));
  ptrdiff_t count = 0;
  if (!element_count(view.ndim, view.shape, &count) || count == 0) return std::string();
  std::string out;
  out.reserve(static_cast<size_t>(count * view.itemsize));
  std::vector<ptrdiff_t> index(static_cast<size_t>(view.ndim), 0);
  for (ptrdiff_t n = 0; n < count; ++n) {
    out.append(element_pointer(view, index.data()), static_cast<size_t>(view.itemsize));
    next_index(view.ndim, view.shape, index.data(), false);
  }
  return out;
}

bool hash(Call &call, const std::vector<Value> &args, Value *result) {
  MemoryView *self = call.self;
  if (!args.empty()) return fail(call, "TypeError", "hash() takes exactly one argument");
  if (!self->hash_cached() || call.rules.broken(Mutation::kHashNotCached)) {
    if (self->released())
      return fail(call, "ValueError", "operation forbidden on released memoryview object");
    const mvconf_buffer &view = self->view();
    if (!view.readonly && !call.rules.broken(Mutation::kHashWritableAllowed))
      return fail(call, "ValueError", "cannot hash writable memoryview object");
    const bool exporter_early = call.rules.broken(Mutation::kHashExporterBeforeFormat);
    if (exporter_early && !obj_hashable(call, view)) return false;
    const char *f = view.format != nullptr ? view.format : "B";
    if (*f == '@') ++f;
    if (f[0] == '\0' || f[1] != '\0' || std::strchr("bBc", f[0]) == nullptr)
      return fail(call, "ValueError",
                  "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    if (!exporter_early && !call.rules.broken(Mutation::kHashIgnoresExporter) &&
        !obj_hashable(call, view))
      return false;
    std::string bytes = c_order_bytes(view);
    const int flags = self->flags();
    if (call.rules.broken(Mutation::kHashFortranPhysical) && (flags & MVCONF_VIEW_C) == 0 &&
        (flags & MVCONF_VIEW_FORTRAN) != 0 &&
        to_contiguous(bytes.data(), &view, static_cast<ptrdiff_t>(bytes.size()), 'F', call.rules,
                      call.err) < 0)
      return false;
    self->cache_hash(bytes_hash(bytes.data(), bytes.size(), call.rules));
  }
  *result = self->cached_hash();
  return true;
}

}  // namespace mvconf::impl::py
