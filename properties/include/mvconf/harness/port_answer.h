// Reading what an out-of-process port writes (docs/out-of-process.md): its handshake line and
// one answer line per case, both untrusted JSON. Pure functions, so they can be fuzzed alone.
#pragma once

#include <string>
#include <vector>

#include "mvconf/harness/case.h"

namespace mvconf::harness {

/// The protocol versions this harness speaks (1 is accepted for one more release).
constexpr int kProtocol = 2;

/// What a port's handshake declares. Extend by adding a field and reading it in
/// parse_handshake (an unexpected type there refuses the handshake).
struct Handshake {
  int protocol = 0;  ///< 1 or kProtocol
  std::string name;  ///< "name", or the fallback name when absent
  std::string version = "?";
  std::vector<std::string> features;
};

/// Reads the handshake `line` into `out`: "" when it is one this harness speaks, else why not.
/// `fallback_name` is the name of a port that gives none. Never throws.
std::string parse_handshake(const std::string &line, const std::string &fallback_name,
                            Handshake &out);
/// The outcome of the answer `line` to case `id`: {"id": ID, "outcome": {...}} in protocol 2,
/// {"outcome": {...}} in protocol 1. Anything else sets `problem` (a protocol error) and
/// returns null. Never throws.
Outcome parse_answer(const std::string &line, long id, int protocol, std::string &problem);
/// `line` without its trailing newlines, cut to 200 bytes, for messages.
std::string excerpt(std::string line);

}  // namespace mvconf::harness
