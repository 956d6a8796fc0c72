#include "mvconf/harness/case.h"

#include <ostream>

namespace mvconf::harness {

void to_json(nlohmann::json &j, const Case &c) {
  j = nlohmann::json{{"op", c.op}, {"layout", c.layout}, {"args", c.args}};
}

void from_json(const nlohmann::json &j, Case &c) {
  j.at("op").get_to(c.op);
  c.layout = j.at("layout").get<fixtures::Layout>();
  c.args = j.value("args", nlohmann::json::object());
}

bool has_unhashable_exporter(const Case &c) {
  if (c.layout.unhashable) return true;
  const auto marked = [](const nlohmann::json &l) {
    return l.is_object() && l.value("unhashable", false);
  };
  if (c.args.contains("src_layout") && marked(c.args["src_layout"])) return true;
  for (const auto &l : c.args.value("others", nlohmann::json::array()))
    if (marked(l)) return true;
  return false;
}

std::string to_line(const Case &c, const std::string &property) {
  nlohmann::json j = c;
  if (!property.empty()) j["property"] = property;
  return j.dump();
}

void showValue(const Case &c, std::ostream &os) { os << to_line(c); }

}  // namespace mvconf::harness
