// The py_call slot: parse the request, run the method, write the answer.
#include <cstring>
#include <map>
#include <string>

#include "errors.h"
#include "objects.h"
#include "py_api.h"

namespace mvconf::impl::py {

bool fail(Call &call, const char *type, const std::string &message) {
  set_error(call.err, type, message);
  return false;
}

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
                                                        {"reversed", reversed},
                                                        {"count", count},
                                                        {"index", index}};
  auto it = methods.find(name);
  return it == methods.end() ? nullptr : it->second;
}

}  // namespace mvconf::impl::py

namespace mvconf::impl {

namespace {

// Far deeper than any argument the harness sends (its case lines stop at 200 levels).
constexpr int kMaxRequestDepth = 256;

// The method run on the request's parts; true with *result set, or false with err set.
bool run_method(const Rules &rules, mvconf_view *mv, const std::string &name,
                const nlohmann::json &args, mvconf_view *const *views, size_t nviews,
                py::Value *result, mvconf_view **new_view, mvconf_error *err) {
  py::Method method = py::find_method(name);
  if (method == nullptr) {
    set_error(err, "SystemError", "mvconf impl: py_call: unknown method");
    return false;
  }
  // The methods take the arguments as a vector of values, which a JSON array already is.
  static const std::vector<py::Value> kNoArgs;
  const std::vector<py::Value> &list =
      args.is_array() ? args.get_ref<const nlohmann::json::array_t &>() : kNoArgs;
  py::Call call{rules, from_handle(mv), views, nviews, err};
  if (!method(call, list, result)) return false;
  if (new_view) *new_view = call.new_view ? to_handle(call.new_view) : nullptr;
  if (call.new_view) *result = nullptr;  // the text slot answers "null" for a view
  return true;
}

bool answer_fits(const std::string &text, size_t cap, mvconf_error *err) {
  if (text.size() + 1 <= cap) return true;
  set_error(err, "SystemError", "mvconf impl: py_call: answer does not fit");
  return false;
}

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
  static const nlohmann::json kNoArgs = nlohmann::json::array();
  const auto args = j.find("args");
  py::Value result;
  if (!run_method(rules, mv, j["method"].get_ref<const std::string &>(),
                  args == j.end() ? kNoArgs : *args, views, nviews, &result, new_view, err))
    return -1;
  const std::string text = result.dump();
  if (!answer_fits(text, cap, err)) return -1;
  std::memcpy(answer, text.c_str(), text.size() + 1);
  return 0;
}

int py_call_values(const Rules &rules, mvconf_view *mv, const std::string &method,
                   const nlohmann::json &args, mvconf_view *const *views, size_t nviews, size_t cap,
                   PyAnswer *answer, mvconf_view **new_view, mvconf_error *err) {
  if (mv == nullptr || answer == nullptr || cap == 0) {
    set_error(err, "SystemError", "mvconf impl: py_call: NULL argument");
    return -1;
  }
  if (!run_method(rules, mv, method, args, views, nviews, &answer->value, new_view, err)) return -1;
  answer->is_text = !plain_answer(answer->value, cap);
  if (answer->is_text) {
    // What the text slot does with such an answer: print it (which may throw, as there) and
    // refuse what does not fit.
    answer->text = answer->value.dump();
    if (!answer_fits(answer->text, cap, err)) return -1;
  }
  return 0;
}

}  // namespace mvconf::impl
