#include "py_struct_unpack.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "errors.h"
#include "struct_format.h"

namespace mvconf::impl::py {
namespace {

// Size of one value of `code` (struct_calcsize has accepted the format, so code is known).
ptrdiff_t code_size(char code, bool native) {
  const auto in = [code](const char *codes) { return std::strchr(codes, code) != nullptr; };
  if (in("xcbB?sp")) return 1;
  if (in("hHe")) return 2;
  if (in("iIf")) return 4;
  if (in("lL")) return native ? 8 : 4;
  return 8;  // q Q d, and natively n N P
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

uint64_t read_unsigned(const unsigned char *p, ptrdiff_t size, bool little) {
  uint64_t v = 0;
  for (ptrdiff_t k = 0; k < size; ++k) v = v << 8 | p[little ? size - 1 - k : k];
  return v;
}

double half_to_double(uint64_t h) {
  const int exponent = static_cast<int>(h >> 10 & 0x1F);
  const double mantissa = static_cast<double>(h & 0x3FF);
  double value;
  if (exponent == 0) {
    value = std::ldexp(mantissa, -24);
  } else if (exponent == 31) {
    value = mantissa != 0 ? std::nan("") : HUGE_VAL;
  } else {
    value = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return (h & 0x8000) != 0 ? -value : value;
}

Scalar int_scalar(__int128 v) {
  Scalar s;
  s.i = v;
  return s;
}

Scalar float_scalar(double v) {
  Scalar s;
  s.kind = Scalar::Kind::kFloat;
  s.f = v;
  return s;
}

Scalar bytes_scalar(const unsigned char *p, ptrdiff_t n) {
  Scalar s;
  s.kind = Scalar::Kind::kBytes;
  s.b.assign(reinterpret_cast<const char *>(p), static_cast<size_t>(n));
  return s;
}

// Python int == float: exact, so 2**53 + 1 != 2.0**53.
bool int_equals_float(__int128 i, double f) {
  if (!std::isfinite(f) || f != std::floor(f) || std::fabs(f) >= 0x1p100) return false;
  return static_cast<__int128>(f) == i;
}

}  // namespace

bool scalar_equal(const Scalar &a, const Scalar &b) {
  using K = Scalar::Kind;
  if (a.kind == K::kBytes || b.kind == K::kBytes)
    return a.kind == b.kind && a.b == b.b;  // bytes never equal a number
  if (a.kind == K::kInt && b.kind == K::kInt) return a.i == b.i;
  if (a.kind == K::kFloat && b.kind == K::kFloat) return a.f == b.f;
  return a.kind == K::kInt ? int_equals_float(a.i, b.f) : int_equals_float(b.i, a.f);
}

bool StructUnpacker::compile(const char *format, mvconf_error *err) {
  fields_.clear();
  size_ = struct_calcsize(format, err);
  if (size_ < 0) return false;
  const char *p = format;
  bool native = true, little = true;  // x86-64: native order is little-endian
  if (*p != '\0' && std::strchr("@=<>!", *p) != nullptr) {
    native = *p == '@';
    little = *p == '@' || *p == '=' || *p == '<';
    ++p;
  }
  ptrdiff_t offset = 0;
  while (*p != '\0') {
    if (is_space(*p)) {
      ++p;
      continue;
    }
    ptrdiff_t count = 1;
    if (*p >= '0' && *p <= '9') {
      count = 0;
      for (; *p >= '0' && *p <= '9'; ++p) count = count * 10 + (*p - '0');
    }
    const char code = *p++;
    const ptrdiff_t item = code_size(code, native);
    if (native && offset % item != 0) offset += item - offset % item;
    if (code == 's' || code == 'p') {
      fields_.push_back(Field{code, little, native, offset, count, 1});
    } else if (code != 'x' && count > 0) {
      fields_.push_back(Field{code, little, native, offset, item, count});
    }
    offset += count * item;
  }
  return true;
}

bool StructUnpacker::unpack(const unsigned char *base, ptrdiff_t len, const Rules &rules, Item *out,
                            mvconf_error *err) const {
  out->clear();
  if (len < size_) {
    set_error(err, "struct.error",
              "unpack_from requires a buffer of at least " + std::to_string(size_) +
                  " bytes for unpacking " + std::to_string(size_) +
                  " bytes at offset 0 (actual buffer size is " + std::to_string(len) + ")");
    return false;
  }
  for (const Field &f : fields_) {
    for (ptrdiff_t k = 0; k < f.count; ++k) {
      const unsigned char *p = base + f.offset + k * f.size;
      const bool little = f.little || rules.broken(Mutation::kUnpackIgnoresByteOrder);
      const uint64_t u = f.code == 's' || f.code == 'p' ? 0 : read_unsigned(p, f.size, little);
      switch (f.code) {
        case 's':
          out->push_back(bytes_scalar(p, f.size));
          break;
        case 'p': {
          if (f.size == 0 && !rules.since(13)) {
            set_error(err, "SystemError", "Negative size passed to PyBytes_FromStringAndSize");
            return false;
          }
          const ptrdiff_t n = f.size == 0 ? 0 : std::min<ptrdiff_t>(p[0], f.size - 1);
          out->push_back(bytes_scalar(p + 1, n));
          break;
        }
        case 'c':
          out->push_back(bytes_scalar(p, 1));
          break;
        case '?':
          out->push_back(int_scalar(u != 0 ? 1 : 0));
          break;
        case 'e':
          out->push_back(float_scalar(half_to_double(u)));
          break;
        case 'f': {
          float v;
          const auto bits = static_cast<uint32_t>(u);
          std::memcpy(&v, &bits, sizeof v);
          out->push_back(float_scalar(v));
          break;
        }
        case 'd': {
          double v;
          std::memcpy(&v, &u, sizeof v);
          out->push_back(float_scalar(v));
          break;
        }
        default: {
          const bool is_signed = std::strchr("bhilqn", f.code) != nullptr;
          __int128 v = static_cast<__int128>(u);
          const int bits = static_cast<int>(f.size * 8);
          if (is_signed && bits < 128 && (u >> (bits - 1) & 1) != 0)
            v -= static_cast<__int128>(1) << bits;
          out->push_back(int_scalar(v));
        }
      }
    }
  }
  return true;
}

}  // namespace mvconf::impl::py
