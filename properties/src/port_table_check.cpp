#include "port_table_check.h"

#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <vector>

namespace mvconf::harness {
namespace {

using Slot = void (*)();

constexpr const char *kSlotNames[] = {"from_object",
                                      "from_memory",
                                      "from_buffer",
                                      "get_contiguous",
                                      "check",
                                      "get_buffer",
                                      "get_base",
                                      "view_state",
                                      "view_free",
                                      "is_contiguous",
                                      "to_contiguous",
                                      "from_contiguous",
                                      "fill_contiguous_strides",
                                      "get_pointer",
                                      "fill_info",
                                      "buffer_release",
                                      "object_get_buffer",
                                      "view_release",
                                      "size_from_format",
                                      "copy_data",
                                      "py_call"};
constexpr std::size_t kKnownSlots = sizeof kSlotNames / sizeof *kSlotNames;
static_assert(kKnownSlots == MVCONF_PORT_SLOTS_1_2, "one name per slot of this ABI");
static_assert(offsetof(mvconf_port, py_call) ==
                  offsetof(mvconf_port, from_object) + (kKnownSlots - 1) * sizeof(Slot),
              "the slots are consecutive function pointers");

constexpr std::size_t kMaxFeatures = 64;
constexpr std::size_t kMaxString = 256;
// A slot_count beyond this is garbage, not a future ABI.
constexpr uint32_t kMaxSlotCount = 256;

// Reads through the kernel, which reports an unmapped address as EFAULT instead of faulting:
// a port's pointers are checked before the harness dereferences them.
bool safe_read(const void *from, void *to, std::size_t n) {
  iovec local{to, n}, remote{const_cast<void *>(from), n};
  return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == static_cast<ssize_t>(n);
}

// A NUL-terminated string of at most kMaxString bytes at `p`, read a page at a time so that
// a short string at the end of a mapping is still readable.
bool safe_string(const char *p, std::string &out) {
  out.clear();
  if (!p) return false;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  while (out.size() <= kMaxString) {
    const auto at = reinterpret_cast<std::uintptr_t>(p) + out.size();
    const std::size_t n = std::min<std::size_t>(page - at % page, kMaxString + 1 - out.size());
    char chunk[kMaxString + 1];
    if (!safe_read(reinterpret_cast<const void *>(at), chunk, n)) return false;
    const void *nul = std::memchr(chunk, '\0', n);
    out.append(chunk, nul ? static_cast<const char *>(nul) - chunk : n);
    if (nul) return true;
  }
  return false;
}

Slot slot(const mvconf_port *port, std::size_t i) {
  Slot s;
  std::memcpy(
      &s,
      reinterpret_cast<const char *>(port) + offsetof(mvconf_port, from_object) + i * sizeof(Slot),
      sizeof s);
  return s;
}

std::size_t slot_index(const char *name) {
  for (std::size_t i = 0; i < kKnownSlots; ++i)
    if (std::strcmp(kSlotNames[i], name) == 0) return i;
  return kKnownSlots;
}

const std::vector<const char *> kObserve = {"check", "get_buffer", "get_base", "view_state",
                                            "view_free"};

std::vector<const char *> with_observation(std::vector<const char *> slots) {
  slots.insert(slots.end(), kObserve.begin(), kObserve.end());
  return slots;
}

// The slots each feature promises.
const std::map<std::string, std::vector<const char *>> &feature_slots() {
  static const std::map<std::string, std::vector<const char *>> m = {
      {"constructors",
       with_observation({"from_object", "from_memory", "from_buffer", "get_contiguous"})},
      {"buffer_functions",
       {"is_contiguous", "to_contiguous", "from_contiguous", "fill_contiguous_strides",
        "get_pointer", "fill_info", "buffer_release"}},
      {"export_counts", {"view_state"}},
      {"reexport",
       with_observation({"from_object", "object_get_buffer", "view_release", "buffer_release"})},
      {"size_from_format", {"size_from_format"}},
      {"copy_data", with_observation({"from_object", "copy_data"})},
      {"python_api", with_observation({"from_object", "py_call"})},
      {"exporter_hash", {}},
      {"python_level", {"from_object", "view_free", "py_call"}},
  };
  return m;
}

// The slots each operation calls (run_case.cpp's table).
const std::map<std::string, std::vector<const char *>> &op_slots() {
  static const std::map<std::string, std::vector<const char *>> m = {
      {"from_object", with_observation({"from_object"})},
      {"from_memory", with_observation({"from_memory"})},
      {"from_buffer", with_observation({"from_buffer"})},
      {"get_contiguous", with_observation({"get_contiguous"})},
      {"is_contiguous", {"is_contiguous"}},
      {"to_contiguous", {"to_contiguous"}},
      {"from_contiguous", {"from_contiguous"}},
      {"fill_contiguous_strides", {"fill_contiguous_strides"}},
      {"get_pointer", {"get_pointer"}},
      {"fill_info", {"fill_info", "buffer_release"}},
      {"reexport", feature_slots().at("reexport")},
      {"size_from_format", {"size_from_format"}},
      {"copy_data", feature_slots().at("copy_data")},
      {"py", feature_slots().at("python_api")},
      {"py_chain", feature_slots().at("python_level")},
  };
  return m;
}

// A checked table and the strings it points to, kept for the life of the process.
struct OwnedTable {
  mvconf_port port{};
  std::string name, version;
  std::vector<std::string> features;
  std::vector<const char *> feature_ptrs;
};

}  // namespace

const mvconf_port *checked_table(const mvconf_port *raw, const std::string &spec,
                                 std::string &error) {
  static std::deque<OwnedTable> tables;
  OwnedTable t;
  const std::string who = "port '" + spec + "'";
  const std::size_t header = offsetof(mvconf_port, from_object);
  if (!safe_read(raw, &t.port, header)) {
    error = who + ": its table pointer is not readable memory";
    return nullptr;
  }
  if (t.port.abi_major != MVCONF_ABI_MAJOR) {
    error = who + " speaks ABI " + std::to_string(t.port.abi_major) + ", harness " +
            std::to_string(MVCONF_ABI_MAJOR);
    return nullptr;
  }
  if (t.port.slot_count < MVCONF_PORT_SLOTS_1_0 || t.port.slot_count > kMaxSlotCount) {
    error = who + " has slot_count " + std::to_string(t.port.slot_count) + ", not within " +
            std::to_string(MVCONF_PORT_SLOTS_1_0) + " to " + std::to_string(kMaxSlotCount);
    return nullptr;
  }
  const std::size_t slots = std::min<std::size_t>(t.port.slot_count, kKnownSlots);
  if (!safe_read(reinterpret_cast<const char *>(raw) + header,
                 reinterpret_cast<char *>(&t.port) + header, slots * sizeof(Slot))) {
    error = who + ": its table's " + std::to_string(slots) + " slots are not readable memory";
    return nullptr;
  }
  t.port.slot_count = static_cast<uint32_t>(slots);  // the copy has exactly these slots
  if (!safe_string(t.port.name, t.name) || t.name.empty()) {
    error = who + ": name is NULL, empty, unreadable or longer than " + std::to_string(kMaxString) +
            " bytes";
    return nullptr;
  }
  if (!safe_string(t.port.version, t.version)) {
    error = who + ": version is NULL, unreadable or longer than " + std::to_string(kMaxString) +
            " bytes";
    return nullptr;
  }
  for (std::size_t i = 0;; ++i) {
    const char *f = nullptr;
    if (i == kMaxFeatures) {
      error = who + ": features has no NULL terminator within " + std::to_string(kMaxFeatures) +
              " entries";
      return nullptr;
    }
    if (!t.port.features || !safe_read(t.port.features + i, &f, sizeof f)) {
      error = who + ": features is not a readable NULL-terminated array";
      return nullptr;
    }
    if (!f) break;
    std::string name;
    if (!safe_string(f, name)) {
      error = who + ": feature " + std::to_string(i) + " is not a readable string of at most " +
              std::to_string(kMaxString) + " bytes";
      return nullptr;
    }
    t.features.push_back(name);
  }
  for (const auto &f : t.features) {
    const auto it = feature_slots().find(f);
    if (it == feature_slots().end()) continue;  // a feature of a newer ABI: nothing to use
    for (const char *s : it->second)
      if (slot_index(s) >= slots || !slot(&t.port, slot_index(s))) {
        error = who + " declares '" + f + "' but its slot " + s + " is NULL" +
                (slot_index(s) >= slots ? " (beyond slot_count)" : "");
        return nullptr;
      }
  }
  OwnedTable &kept = tables.emplace_back(std::move(t));
  for (const auto &f : kept.features) kept.feature_ptrs.push_back(f.c_str());
  kept.feature_ptrs.push_back(nullptr);
  kept.port.name = kept.name.c_str();
  kept.port.version = kept.version.c_str();
  kept.port.features = kept.feature_ptrs.data();
  return &kept.port;
}

const std::vector<const char *> *feature_slot_list(const std::string &feature) {
  const auto it = feature_slots().find(feature);
  return it == feature_slots().end() ? nullptr : &it->second;
}

const char *missing_slot(const mvconf_port *port, const std::string &op) {
  const auto it = op_slots().find(op);
  if (it == op_slots().end()) return nullptr;
  for (const char *s : it->second) {
    const std::size_t i = slot_index(s);
    if (i >= port->slot_count || !slot(port, i)) return s;
  }
  return nullptr;
}

}  // namespace mvconf::harness
