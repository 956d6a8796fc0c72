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

std::string to_line(const Case &c) { return nlohmann::json(c).dump(); }

void showValue(const Case &c, std::ostream &os) { os << to_line(c); }

}  // namespace mvconf::harness
