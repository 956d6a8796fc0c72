// Generators of Python-constructible views ("py_chain" cases, docs/python-api.md): a bytes or
// bytearray base and a chain of cast(), slices, toreadonly() and memoryview() that reaches
// n-d, 0-d, empty, offset, non-unit and negative-stride views the way Python code does.
#pragma once

#include <rapidcheck.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mvconf/fixtures/layout.h"

namespace mvconf::harness::gen {

/// A base and the chain of steps applied to it, with the model of the view the chain ends in.
struct Chain {
  fixtures::Layout base;              ///< the base's bytes: 1-D 'B', readonly for bytes
  std::vector<nlohmann::json> steps;  ///< {"method", "args"} calls, each on the last view
  fixtures::Layout view;              ///< the final view as the model predicts it
  bool made = true;                   ///< false when the model predicts a step fails
};

/// The model's view after `steps` on `base` (Chain::view, Chain::made); offsets are relative
/// to the base's first byte. Extend it with the step kinds the generator learns.
Chain replay_chain(const fixtures::Layout &base, const std::vector<nlohmann::json> &steps);
/// A base of 0 to 48 bytes (often 24 or 48, which most formats divide), bytes or bytearray.
rc::Gen<fixtures::Layout> chain_base();
/// A chain on a base: mostly valid steps (casts of C-contiguous views, slices with every
/// step, toreadonly, memoryview), sometimes one CPython refuses. Shrinks by dropping steps.
rc::Gen<Chain> chain(rc::Gen<fixtures::Layout> base = chain_base());
/// A distribution tag for the model view: 0-d, empty, n-d, negative stride, strided, offset.
std::string classify_chain(const Chain &chain);

}  // namespace mvconf::harness::gen
