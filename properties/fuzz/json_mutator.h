// Structure-aware mutation for the targets whose input is JSON: byte mutations mostly break
// the syntax, so a target past the parser (a validated case, an outcome) would spend its time
// in the parser's error paths. These mutate the parsed value instead and print it again.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mvconf::fuzz {

/// libFuzzer's LLVMFuzzerCustomMutator for JSON inputs: with probability `structural` (0..1)
/// and when `data` parses, one change to the value (a number, string, boolean, key, array
/// element; a layout's dimensions or memory refitted) printed back; else libFuzzer's own byte
/// mutation. Returns the new size (at most max_size). New kinds of change go in mutate_node().
std::size_t mutate_json(std::uint8_t *data, std::size_t size, std::size_t max_size, unsigned seed,
                        double structural);
/// LLVMFuzzerCustomCrossOver for JSON inputs: a node of `a` replaced by a node of `b`.
std::size_t cross_json(const std::uint8_t *a, std::size_t a_size, const std::uint8_t *b,
                       std::size_t b_size, std::uint8_t *out, std::size_t max_out, unsigned seed);

}  // namespace mvconf::fuzz

/// Defines the two libFuzzer hooks of a JSON target (one use per target .cpp).
#define MVCONF_FUZZ_JSON_MUTATOR(structural)                                                \
  extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t *data, std::size_t size,      \
                                                 std::size_t max_size, unsigned seed) {     \
    return mvconf::fuzz::mutate_json(data, size, max_size, seed, (structural));             \
  }                                                                                         \
  extern "C" std::size_t LLVMFuzzerCustomCrossOver(                                         \
      const std::uint8_t *a, std::size_t a_size, const std::uint8_t *b, std::size_t b_size, \
      std::uint8_t *out, std::size_t max_out, unsigned seed) {                              \
    return mvconf::fuzz::cross_json(a, a_size, b, b_size, out, max_out, seed);              \
  }
