// Generators for the Python-level API (docs/python-api.md): keys, values, casts and whole call
// sequences, reaching the corners of spec §5 (invalid keys, out-of-range values, NaN, released
// views, exports outstanding).
#pragma once

#include <rapidcheck.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mvconf/fixtures/layout.h"

namespace mvconf::harness::gen {

/// The encoding of a Python str argument (docs/python-api.md): {"str": s}.
inline nlohmann::json str(const std::string &s) { return {{"str", s}}; }

/// An indexing key for a view of `layout`: ints in and out of range, huge ints, bools, __index__
/// objects, slices with every step (0 included), tuples, ellipsis, and invalid keys.
rc::Gen<nlohmann::json> key(const fixtures::Layout &layout);
/// A value to store: ints at the format limits, floats (NaN, -0.0, huge), bools, bytes of
/// length 1 and 2, __index__/__float__ objects, other objects.
rc::Gen<nlohmann::json> item_value();
/// One call {"method", "args", "on"} for a view of `layout`, `views` views existing; with
/// `only`, one of those methods (drawn with their usual relative weights); with `with_args`,
/// arguments are drawn only for those methods (the others get none: for properties that
/// replace their calls), every other draw unchanged.
rc::Gen<nlohmann::json> call(const fixtures::Layout &layout, int views,
                             const std::vector<std::string> &only = {},
                             const std::vector<std::string> &with_args = {});
/// These calls in this order as one JSON array, shrinking by removing some (one stays).
rc::Gen<nlohmann::json> some_of(std::vector<nlohmann::json> calls);

/// The number of view slots (view 0 included) once `calls` have run.
int views_after(const std::vector<nlohmann::json> &calls);
/// A call list (a JSON array) of `count` calls, call i drawn from `next(the calls before it)`;
/// it shrinks by removing calls (never below `min`), then by simplifying each call.
rc::Gen<nlohmann::json> calls(
    rc::Gen<int> count,
    std::function<rc::Gen<nlohmann::json>(const std::vector<nlohmann::json> &)> next,
    std::size_t min = 1);
/// Arguments of cast(): valid and invalid formats and shapes.
rc::Gen<nlohmann::json> cast_args(const fixtures::Layout &layout);

}  // namespace mvconf::harness::gen
