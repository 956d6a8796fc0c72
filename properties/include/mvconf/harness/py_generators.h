// Generators for the Python-level API (docs/python-api.md): keys, values, casts and whole call
// sequences, reaching the corners of spec §5 (invalid keys, out-of-range values, NaN, released
// views, exports outstanding).
#pragma once

#include <rapidcheck.h>

#include <nlohmann/json.hpp>

#include "mvconf/fixtures/layout.h"

namespace mvconf::harness::gen {

/// An indexing key for a view of `layout`: ints in and out of range, huge ints, bools, __index__
/// objects, slices with every step (0 included), tuples, ellipsis, and invalid keys.
rc::Gen<nlohmann::json> key(const fixtures::Layout &layout);
/// A value to store: ints at the format limits, floats (NaN, -0.0, huge), bools, bytes of
/// length 1 and 2, __index__/__float__ objects, other objects.
rc::Gen<nlohmann::json> item_value();
/// One call {"method", "args", "on"} for a view of `layout`, `views` views existing.
rc::Gen<nlohmann::json> call(const fixtures::Layout &layout, int views);
/// Arguments of cast(): valid and invalid formats and shapes.
rc::Gen<nlohmann::json> cast_args(const fixtures::Layout &layout);

}  // namespace mvconf::harness::gen
