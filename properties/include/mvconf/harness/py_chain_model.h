// The harness's model of a Python-level chain of views (cast, slices, toreadonly, memoryview):
// what CPython makes of each step, computed without asking any port.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "mvconf/fixtures/layout.h"

namespace mvconf::harness::chain_model {

/// The single-character native formats a chain casts to.
constexpr const char *kFormats = "BbcHhIiLlQqNnfd?Pe";
/// Bytes per item of one of kFormats.
std::ptrdiff_t size_of(char format);
/// True for 'B', 'b' and 'c', the formats cast() may cast any other format from or to.
bool byte_format(const std::string &format);
/// Bytes the view's items cover: items() * itemsize.
std::ptrdiff_t nbytes(const fixtures::Layout &view);
/// True when the view's items are C-contiguous (what cast() requires).
bool c_contiguous(const fixtures::Layout &view);
/// Python's slice(start, stop, step).indices(n) for `slice` = [start, stop, step] (null or
/// any non-integer is None): sets start and step, returns the slice's length, -1 for step 0.
std::ptrdiff_t slice_indices(const nlohmann::json &slice, std::ptrdiff_t n, std::ptrdiff_t &start,
                             std::ptrdiff_t &step);
/// Applies one chain step ({"method", "args"}) to `view`; false when CPython refuses it (the
/// chain has no view after it). offset follows buf, so slices move it.
bool model_step(fixtures::Layout &view, const nlohmann::json &step);

}  // namespace mvconf::harness::chain_model
