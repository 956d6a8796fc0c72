// Turning what a port returns (views, buffers, pointers) into JSON that compares across ports:
// pointers become (region, offset) pairs, objects become kinds.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "mvconf/fixtures/memory.h"
#include "mvconf/port.h"

namespace mvconf::harness {

/// The memory regions a case knows about; pointers are reported relative to them.
class Regions {
 public:
  /// Add an exporter's memory ("data" and "table" regions) under a name prefix.
  void add(const fixtures::Memory *memory, std::string prefix = "");
  /// Add a plain region (e.g. "base" for a GetContiguous copy).
  void add(std::string name, const void *p, std::ptrdiff_t size);
  /// JSON {"region": ..., "offset": ...} for [p, p+size), or {"region": null} if unknown.
  nlohmann::json locate(const void *p, std::ptrdiff_t size) const;
  /// True when [p, p+size) lies inside a known region (so the harness may read it).
  bool readable(const void *p, std::ptrdiff_t size) const;

 private:
  std::vector<std::pair<std::string, const fixtures::Memory *>> memories_;
  struct Plain {
    std::string name;
    const unsigned char *p;
    std::ptrdiff_t size;
  };
  std::vector<Plain> plain_;
  // The plain region holding [p, p+size) and the offset into it, or nullptr.
  const Plain *plain_at(const void *p, std::ptrdiff_t size, std::ptrdiff_t *offset) const;
};

/// Everything observable about a buffer as JSON (fields, pointers located, logical C-order
/// bytes when every item is readable). `format_owner` is the caller's format pointer, if any.
nlohmann::json observe_buffer(const mvconf_buffer &b, const Regions &regions,
                              const char *format_owner = nullptr);
/// Everything observable about a port's memoryview: its buffer, state, base and Check().
nlohmann::json observe_view(const mvconf_port *port, mvconf_view *mv, Regions &regions,
                            const mvconf_exporter *exporter, const char *format_owner);
/// {"type": ..., "message": ...}
nlohmann::json error_json(const mvconf_error &err);

}  // namespace mvconf::harness
