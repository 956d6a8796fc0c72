#include "mvconf/harness/exporter_layouts.h"

#include <rapidcheck.h>

#include <algorithm>
#include <filesystem>

#include "mvconf/oracle/exporter_probe.h"
#include "mvconf/oracle/oracle.h"
#include "self_path.h"

namespace mvconf::harness {
namespace {

using nlohmann::json;

// A slice bound: null (omitted) or an index that may fall outside the shape on either side.
rc::Gen<json> slice_bound() {
  return rc::gen::map(rc::gen::inRange(-7, 8), [](int i) { return i == -7 ? json() : json(i); });
}

rc::Gen<json> slice_of() {
  return rc::gen::apply(
      [](json start, json stop, int step) {
        return json::array({start, stop, step});
      },
      slice_bound(), slice_bound(), rc::gen::elementOf(std::vector<int>{1, -1, 2, -2, 3, -3}));
}

// The package's real place, relative when it is under the working directory (reports kept in
// the repository then name fixtures/exporters, not one machine's build tree).
std::string shown_path(const std::string &dir) {
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(dir, ec);
  if (ec) return dir;
  const std::filesystem::path rel = real.lexically_relative(std::filesystem::current_path(ec));
  if (ec || rel.empty() || *rel.begin() == "..") return real.string();
  return rel.string();
}

std::string shell_quoted(const std::string &s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

const json &exporter_description() {
  static json description;
  static std::string described;
  if (described != exporter_under_test()) {
    description = mvconf::oracle::describe_exporter(exporter_under_test());
    described = exporter_under_test();
  }
  return description;
}

rc::Gen<json> layout_for(const json &d) {
  const auto formats = d.at("formats").get<std::vector<std::string>>();
  const auto orders = d.at("orders").get<std::vector<std::string>>();
  const auto readonly = d.at("readonly").get<std::vector<bool>>();
  const int max_ndim = d.at("max_ndim").get<int>();
  const int min_extent = d.at("min_extent").get<int>();
  const int max_extent = d.at("max_extent").get<int>();
  const bool slicing = d.at("slicing").get<bool>();
  // 0-d objects exist only where n-d ones do (NumPy scalars arrays, ctypes scalars); a factory
  // that cannot make them (Cython's array) says so with min_ndim.
  const int min_ndim = std::max(d.at("min_ndim").get<int>(), max_ndim > 1 ? 0 : 1);
  return rc::gen::exec([=] {
    json layout;
    layout["format"] = *rc::gen::elementOf(formats);
    const int ndim = *rc::gen::inRange(min_ndim, max_ndim + 1);
    layout["shape"] = *rc::gen::container<std::vector<int>>(
        static_cast<size_t>(ndim), rc::gen::inRange(min_extent, max_extent + 1));
    layout["order"] = *rc::gen::elementOf(orders);
    layout["slices"] = nullptr;
    if (slicing && ndim > 0 && *rc::gen::arbitrary<bool>())
      layout["slices"] =
          *rc::gen::container<std::vector<json>>(static_cast<size_t>(ndim), slice_of());
    layout["readonly"] = static_cast<bool>(*rc::gen::elementOf(readonly));
    layout["seed"] = *rc::gen::inRange(0, 1000);
    return layout;
  });
}

std::string exporter_case_line(const std::string &exporter, const json &layout) {
  return json{{"exporter", exporter}, {"layout", layout}}.dump();
}

std::string exporters_python_dir() { return beside_self(MVCONF_BIN_TO_DATA "/python"); }

void open_exporter_factories(const std::vector<std::string> &user_dirs) {
  mvconf::oracle::initialize();
  mvconf::oracle::add_import_path(exporters_python_dir());
  const std::string ext = beside_self(MVCONF_BIN_TO_DATA "/python-ext");
  if (std::filesystem::is_directory(ext)) mvconf::oracle::add_import_path(ext);
  for (auto it = user_dirs.rbegin(); it != user_dirs.rend(); ++it)
    mvconf::oracle::add_import_path(*it);
}

std::string violations_report(const std::string &exporter, const json &layout,
                              const std::vector<Violation> &found) {
  std::string out;
  for (const auto &v : found) out += "divergence class: " + v.klass + "\n";
  out += "exporter '" + exporter + "', layout " + layout.dump() + "\n";
  for (const auto &v : found) out += "  " + v.klass + ":\n    " + v.detail + "\n";
  // Each class's reproduction asks the real object through ctypes' PyObject_GetBuffer for the
  // request that showed it: no mvconf code between the exporter and what it grants.
  const std::string make =
      "o = F.make(\"" + exporter + "\", json.loads(r\"\"\"" + layout.dump() + "\"\"\"))";
  for (const auto &v : found) {
    const std::string ask =
        v.request.empty() ? "m = memoryview(o); print(m.format, m.itemsize, m.shape, m.strides)"
                          : "print(F.getbuffer(o, \"" + v.request + "\"))";
    out += "reproduce '" + v.klass +
           "' (plain Python): PYTHONPATH=" + shell_quoted(shown_path(exporters_python_dir())) +
           " python3 -c " +
           shell_quoted("import json, mvconf_exporters as F; " + make + "; " + ask) + "\n";
  }
  out += "replay: mvconf exporters --exporter " + shell_quoted(exporter) + " --layout " +
         shell_quoted(layout.dump()) + "\n";
  return out;
}

}  // namespace mvconf::harness
