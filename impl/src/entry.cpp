// The impl as a shared-library port: the single entry point of docs/port-contract.md, so the
// impl can also be loaded the way a third-party port is (`mvconf run --port PATH.so`).
#include "mvconf/impl/impl.h"
#include "mvconf/port.h"

extern "C" __attribute__((visibility("default"))) const mvconf_port *mvconf_port_entry(
    uint32_t harness_abi) {
  // Same major: the table's slot_count tells a newer-minor harness what is filled. An older
  // harness (before 1.3) allocates exporters without mvconf_exporter.hash, which hash(mv)
  // reads, so it is not served.
  if ((harness_abi >> 16) != MVCONF_ABI_MAJOR || (harness_abi & 0xFFFFu) < 3) return nullptr;
  return mvconf::impl::port();
}
