// A port table is untrusted input: one from a shared library is checked and copied into the
// harness's own memory before any use, and every case checks the slots it is about to call.
#pragma once

#include <string>
#include <vector>

#include "mvconf/port.h"

namespace mvconf::harness {

/// Check the table a shared-library port returned (readable, ABI major, slot_count, a name,
/// a version, a NULL-terminated feature list of at most 64 names, every slot its features
/// need) and return a copy owned by the harness (never freed) whose strings and slots are the
/// only ones the harness will use: slots past slot_count are NULL in it. nullptr with
/// `error` naming what is wrong.
const mvconf_port *checked_table(const mvconf_port *raw, const std::string &spec,
                                 std::string &error);
/// The name of a slot operation `op` needs that `port` leaves NULL (or does not have below
/// its slot_count); nullptr when it has them all.
const char *missing_slot(const mvconf_port *port, const std::string &op);
/// The slots a port declaring `feature` must fill; nullptr for a feature this harness does not
/// know (every MVCONF_FEATURES entry must be known: a unit test checks it).
const std::vector<const char *> *feature_slot_list(const std::string &feature);
/// A fixed-size string field from a port (mvconf_error's type and message), which may lack
/// its NUL: read within the field.
template <std::size_t N>
std::string bounded_string(const char (&field)[N]) {
  std::size_t n = 0;
  while (n < N && field[n] != '\0') ++n;
  return std::string(field, n);
}

}  // namespace mvconf::harness
