// The harness's own model of struct-module formats (x86-64 LP64): enough to size items and to
// place specific values in them. It exists so that generators never ask the port under test;
// Fixture.StructLayoutMatchesCalcsize checks it against the oracle's struct.calcsize.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mvconf::harness {

/// One value of a struct format: its code, byte offset in the item, size and byte order.
struct StructField {
  char code = 'B';            ///< the struct code ('s' and 'p' are one field of `size` bytes)
  std::ptrdiff_t offset = 0;  ///< byte offset in the item
  std::ptrdiff_t size = 1;    ///< bytes of the value
  bool little_endian = true;  ///< byte order of multi-byte values
};

/// A format as the struct module lays it out.
struct StructLayout {
  std::ptrdiff_t size = 0;          ///< struct.calcsize(format)
  std::ptrdiff_t padding = 0;       ///< bytes native alignment inserted (not 'x')
  std::vector<StructField> fields;  ///< unpack()'s values in order ('x' none; first 65536)
};

/// struct.calcsize(format) and the fields, or nullopt when struct rejects the format.
std::optional<StructLayout> struct_layout(const std::string &format);
/// The bytes CPython's memoryview reads per item for a format that is one native character
/// after one optional '@' (tolist, m[i], == on equal formats), or 0 for any other format.
std::ptrdiff_t native_item_size(const std::string &format);

}  // namespace mvconf::harness
