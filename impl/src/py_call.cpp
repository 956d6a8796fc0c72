// The py_call slot: parse the request, run the method, write the answer.
#include <cstring>
#include <map>
#include <string>

#include "errors.h"
#include "objects.h"
#include "py_api.h"

namespace mvconf::impl::py {

Method find_method(const std::string &name) {
  static const std::map<std::string, Method> methods = {{"tobytes", tobytes},
                                                        {"hex", hex},
                                                        {"tolist", tolist},
                                                        {"getitem", getitem},
                                                        {"setitem", setitem},
                                                        {"delitem", delitem},
                                                        {"len", len},
                                                        {"getattr", getattr},
                                                        {"toreadonly", toreadonly},
                                                        {"release", release},
                                                        {"enter", enter},
                                                        {"exit", exit},
                                                        {"cast", cast},
                                                        {"eq", eq},
                                                        {"ne", ne},
                                                        {"lt", lt},
                                                        {"le", le},
                                                        {"gt", gt},
                                                        {"ge", ge},
                                                        {"hash", hash},
                                                        {"buffer", buffer},
                                                        {"release_buffer", release_buffer},
                                                        {"iter", iter},
                                                        {"contains", contains},
                                                        {"reversed", reversed}};
  auto it = methods.find(name);
  return it == methods.end() ? nullptr : it->second;
}

}  // namespace mvconf::impl::py

namespace mvconf::impl {

namespace {

// Far deeper than any argument the harness sends (its case lines stop at 200 levels).
constexpr int kMaxRequestDepth = 256;

}  // namespace

int py_call(const Rules &rules, mvconf_view *mv, const char *request, mvconf_view *const *views,
            size_t nviews, char *answer, size_t cap, mvconf_view **new_view, mvconf_error *err) {
  if (mv == nullptr || request == nullptr || answer == nullptr || cap == 0) {
    set_error(err, "SystemError", "mvconf impl: py_call: NULL argument");
    return -1;
  }
  // Bounded: the request comes from a C host, and values are copied and walked recursively
  // later, so nesting deeper than any Python-level argument is refused here.
  bool too_deep = false;
  const auto bound = [&too_deep](int depth, nlohmann::json::parse_event_t event, nlohmann::json &) {
    if ((event == nlohmann::json::parse_event_t::object_start ||
         event == nlohmann::json::parse_event_t::array_start) &&
        depth >= kMaxRequestDepth)
      too_deep = true;
    return !too_deep;
  };
  const auto j = nlohmann::json::parse(request, bound, false);
  if (too_deep) {
    set_error(err, "SystemError", "mvconf impl: py_call: request nested too deeply");
    return -1;
  }
  if (j.is_discarded() || !j.is_object() || !j.contains("method") || !j["method"].is_string()) {
    set_error(err, "SystemError", "mvconf impl: py_call: request is not {\"method\": \"...\"}");
    return -1;
  }
  py::Method method = py::find_method(j["method"].get<std::string>());
  if (method == nullptr) {
    set_error(err, "SystemError", "mvconf impl: py_call: unknown method");
    return -1;
  }
  std::vector<py::Value> args;
  if (j.contains("args") && j["args"].is_array())
    for (const auto &a : j["args"]) args.push_back(a);
  py::Call call{rules, from_handle(mv), views, nviews, err};
  py::Value result;
  if (!method(call, args, &result)) return -1;
  if (new_view) *new_view = call.new_view ? to_handle(call.new_view) : nullptr;
  const std::string text = call.new_view ? "null" : result.dump();
  if (text.size() + 1 > cap) {
    set_error(err, "SystemError", "mvconf impl: py_call: answer does not fit");
    return -1;
  }
  std::memcpy(answer, text.c_str(), text.size() + 1);
  return 0;
}

}  // namespace mvconf::impl
