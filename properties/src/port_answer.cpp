// The port's lines are parsed here and nowhere else, depth- and size-bounded: an outcome is
// walked recursively later (comparison, classes, reports), and a port may write anything.
#include "mvconf/harness/port_answer.h"

#include "mvconf/harness/bounded_json.h"

namespace mvconf::harness {

std::string excerpt(std::string line) {
  while (!line.empty() && line.back() == '\n') line.pop_back();
  return line.size() <= 200 ? line : line.substr(0, 200) + "...";
}

std::string parse_handshake(const std::string &line, const std::string &fallback_name,
                            Handshake &out) {
  const std::string refused = "bad handshake from '" + fallback_name +
                              "' (this harness speaks protocol 1 and 2): " + excerpt(line);
  nlohmann::json j;
  try {
    j = parse_bounded(line, kMaxJsonDepth, kMaxCaseBytes, "handshake");
  } catch (const BoundedJsonError &) {
    return refused;
  }
  if (!j.is_object() || !j.contains("mvconf") || !j["mvconf"].is_number_integer()) return refused;
  // Compared as a 64-bit value: a narrowing get<int>() would take 4294967298 for protocol 2.
  const auto &m = j["mvconf"];
  const bool known =
      m.is_number_unsigned()
          ? m.get<unsigned long long>() >= 1 && m.get<unsigned long long>() <= kProtocol
          : m.get<long long>() >= 1 && m.get<long long>() <= kProtocol;
  if (!known) return refused;
  try {
    Handshake h;
    h.protocol = m.get<int>();
    h.name = j.value("name", fallback_name);
    h.version = j.value("version", "?");
    h.features = j.value("features", std::vector<std::string>{});
    out = std::move(h);
  } catch (const std::exception &) {
    return refused;  // a name, version or feature list of the wrong type
  }
  return "";
}

Outcome parse_answer(const std::string &line, long id, int protocol, std::string &problem) {
  nlohmann::json j;
  std::string bad;
  try {
    j = parse_bounded(line, kMaxJsonDepth, kMaxAnswerBytes, "answer");
  } catch (const BoundedJsonError &e) {
    bad = e.what();
  }
  // Anything but the answer to this case is a protocol error, so no answer can be taken for
  // another case's.
  if (!bad.empty()) {
    problem = "not JSON (" + excerpt(bad) + "): " + excerpt(line);
  } else if (!j.is_object() || !j.contains("outcome") || !j["outcome"].is_object()) {
    problem = "answer without an \"outcome\" object: " + excerpt(line);
  } else if (protocol >= 2 && (!j.contains("id") || j["id"] != id)) {
    problem = "answer for case id " + (j.contains("id") ? excerpt(j["id"].dump()) : "(none)") +
              ", expected id " + std::to_string(id) + ": " + excerpt(line);
  } else {
    return std::move(j["outcome"]);
  }
  return {};
}

}  // namespace mvconf::harness
