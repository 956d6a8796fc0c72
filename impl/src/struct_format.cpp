#include "struct_format.h"

#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

#include "errors.h"

namespace mvconf::impl {
namespace {

constexpr ptrdiff_t kMax = std::numeric_limits<ptrdiff_t>::max();

void set_struct_error(mvconf_error *err, const char *message) {
  set_error(err, "struct.error", message);
}

// "position 3" or "position 3-5": how Python's Unicode errors name a range [start, end).
std::string position(ptrdiff_t start, ptrdiff_t end) {
  std::string s = "position " + std::to_string(start);
  if (end - start > 1) s += "-" + std::to_string(end - 1);
  return s;
}

// The number of bytes of the UTF-8 sequence led by `lead`, and the range its second byte must
// lie in (the Unicode "well-formed" table: no overlongs, surrogates or code points > U+10FFFF).
int sequence_length(unsigned char lead, unsigned char *lo, unsigned char *hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (lead == 0xE0) *lo = 0xA0;
    if (lead == 0xED) *hi = 0x9F;
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (lead == 0xF0) *lo = 0x90;
    if (lead == 0xF4) *hi = 0x8F;
    return 4;
  }
  return 0;  // ASCII is handled by the caller; anything else cannot start a sequence
}

// CPython turns the C string into str (UTF-8, strict) and struct then encodes it as ASCII: a
// decode error anywhere wins over an encode error, which wins over any struct.error. Each
// reports the first offending range, decode errors in bytes and encode errors in characters.
bool check_text(const unsigned char *s, mvconf_error *err) {
  ptrdiff_t chars = 0, bad_start = -1, bad_end = -1;
  unsigned long first_bad = 0;
  for (ptrdiff_t i = 0; s[i] != 0;) {
    if (s[i] < 0x80) {
      ++i;
      ++chars;
      continue;
    }
    unsigned char lo, hi;
    const int n = sequence_length(s[i], &lo, &hi);
    const char *reason = n == 0 ? "invalid start byte" : nullptr;
    int k = 1;  // valid bytes of the sequence so far
    for (; reason == nullptr && k < n; ++k) {
      const unsigned char b = s[i + k];
      if (b == 0) reason = "unexpected end of data";
      if (b != 0 && (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)))
        reason = "invalid continuation byte";
      if (reason != nullptr) break;
    }
    if (reason != nullptr) {
      char text[160];
      if (k == 1) {
        std::snprintf(text, sizeof text, "byte 0x%02x in ", s[i]);
      } else {
        std::snprintf(text, sizeof text, "bytes in ");
      }
      set_error(
          err, "UnicodeDecodeError",
          std::string("'utf-8' codec can't decode ") + text + position(i, i + k) + ": " + reason);
      return false;
    }
    unsigned long cp = s[i] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (int j = 1; j < n; ++j) cp = cp << 6 | (s[i + j] & 0x3F);
    if (bad_start < 0) {
      bad_start = chars;
      first_bad = cp;
    }
    if (bad_end < 0 || bad_end == chars) bad_end = chars + 1;  // extend a consecutive run
    i += n;
    ++chars;
  }
  if (bad_start < 0) return true;
  std::string what;
  if (bad_end - bad_start == 1) {
    char text[32];
    const char *form = first_bad <= 0xFF     ? "'\\x%02lx'"
                       : first_bad <= 0xFFFF ? "'\\u%04lx'"
                                             : "'\\U%08lx'";
    std::snprintf(text, sizeof text, form, first_bad);
    what = std::string("character ") + text;
  } else {
    what = "characters";
  }
  set_error(err, "UnicodeEncodeError",
            "'ascii' codec can't encode " + what + " in " + position(bad_start, bad_end) +
                ": ordinal not in range(128)");
  return false;
}

// Size of one item of `code`, or 0 for a code the mode does not know. Native sizes are those
// of the C types on x86-64 LP64 (long 8); standard sizes are the struct module's fixed ones.
ptrdiff_t item_size(char code, bool native) {
  const auto in = [code](const char *codes) { return std::strchr(codes, code) != nullptr; };
  if (code == '\0') return 0;
  if (in("xcbB?sp")) return 1;
  if (in("hHe")) return 2;
  if (in("iIf")) return 4;
  if (in("lL")) return native ? 8 : 4;
  if (in("qQd")) return 8;
  if (in("nNP")) return native ? 8 : 0;  // ssize_t, size_t and void * exist only natively
  return 0;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

ptrdiff_t struct_calcsize(const char *format, mvconf_error *err, const Rules &rules) {
  if (format == nullptr) {
    set_undefined(err, "PyBuffer_SizeFromFormat", "format is NULL");
    return -1;
  }
  if (!check_text(reinterpret_cast<const unsigned char *>(format), err)) return -1;
  const char *p = format;
  bool native = true;
  // The byte-order character is only recognised first; anywhere else it is a bad char.
  if (*p != '\0' && std::strchr("@=<>!", *p) != nullptr) native = *p++ == '@';
  ptrdiff_t size = 0;
  while (*p != '\0') {
    if (is_space(*p)) {  // between items only: a count and its code must touch
      ++p;
      continue;
    }
    ptrdiff_t count = 1;
    if (is_digit(*p)) {
      count = 0;
      for (; is_digit(*p); ++p) {
        const int d = *p - '0';
        if (count > (kMax - d) / 10) {
          set_struct_error(err, "total struct size too long");
          return -1;
        }
        count = count * 10 + d;
      }
      if (*p == '\0') {
        set_struct_error(err, "repeat count given without format specifier");
        return -1;
      }
    }
    const ptrdiff_t item = item_size(*p, native);
    if (item == 0) {
      set_struct_error(err, "bad char in struct format");
      return -1;
    }
    ++p;
    if (count == 0 && rules.broken(Mutation::kCalcsizeZeroCountNoAlign)) continue;
    // Native mode aligns each item to its own size (a count of 0 still aligns: that is how a
    // format asks for trailing padding). No padding is added at the end.
    const bool aligned = native || rules.broken(Mutation::kCalcsizeStandardAligns);
    if (aligned && size % item != 0) {
      const ptrdiff_t pad = item - size % item;
      if (size > kMax - pad) {
        set_struct_error(err, "total struct size too long");
        return -1;
      }
      size += pad;
    }
    // 's' and 'p' take the count as a byte length; item is 1 for them, so count*item fits.
    if (count > (kMax - size) / item) {
      set_struct_error(err, "total struct size too long");
      return -1;
    }
    size += count * item;
  }
  return size;
}

bool check_format_text(const char *format, mvconf_error *err) {
  return check_text(reinterpret_cast<const unsigned char *>(format), err);
}

ptrdiff_t size_from_format(const char *format, const Rules &rules, mvconf_error *err) {
  // bpo-15913: 3.8 declares PyBuffer_SizeFromFormat but libpython has no such symbol.
  if (!rules.since(9)) {
    set_error(err, "SystemError",
              "mvconf impl: PyBuffer_SizeFromFormat does not exist in CPython 3.8");
    return -1;
  }
  return struct_calcsize(format, err, rules);
}

}  // namespace mvconf::impl
