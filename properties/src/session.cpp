#include "mvconf/harness/session.h"

#include <algorithm>
#include <cstring>

#include "mvconf/port.h"

namespace mvconf::harness {
namespace {
std::unique_ptr<Subject> the_oracle;
std::unique_ptr<Subject> the_subject;
std::string the_spec = "impl";
}  // namespace

Subject &oracle() { return *the_oracle; }
Subject &subject() { return *the_subject; }

void set_ports(std::unique_ptr<Subject> o, std::unique_ptr<Subject> s) {
  the_oracle = std::move(o);
  the_subject = std::move(s);
}

const std::string &subject_spec() { return the_spec; }
void set_subject_spec(std::string spec) { the_spec = std::move(spec); }

std::vector<std::string> &excluded_features() {
  static std::vector<std::string> f;
  return f;
}

namespace {
bool excluded(const char *feature) {
  const auto &f = excluded_features();
  return std::find(f.begin(), f.end(), feature) != f.end();
}
}  // namespace

bool subject_has(const char *feature) {
  return the_subject && the_subject->has(feature) && !excluded(feature);
}

std::string missing_feature_reason(const char *feature) {
  return excluded(feature) ? std::string("feature '") + feature + "' excluded by --without"
                           : std::string("port does not implement feature '") + feature + "'";
}

std::map<std::string, OpTally> &tallies() {
  static std::map<std::string, OpTally> t;
  return t;
}

std::map<std::string, OpTally> &property_tallies() {
  static std::map<std::string, OpTally> t;
  return t;
}

void count_self_check() { ++property_tallies()[current_property()].cases; }

std::string &current_property() {
  static std::string name;
  return name;
}

std::map<std::string, std::string> &property_features() {
  static std::map<std::string, std::string> f;
  return f;
}

bool register_property_feature(const char *property, const char *feature) {
  property_features()[property] = feature;
  return true;
}

bool &verbose_output() {
  static bool verbose = false;
  return verbose;
}

std::map<std::string, long> &coverage() {
  static std::map<std::string, long> c;
  return c;
}

void note_coverage(const Case &c) {
  const fixtures::Layout &l = c.layout;
  auto &cov = coverage();
  auto note = [&cov](bool hit, const char *what) {
    if (hit) ++cov[what];
  };
  note(l.ndim == 0, "ndim 0");
  note(l.ndim == 1, "ndim 1");
  note(l.ndim >= 2 && l.ndim <= 3, "ndim 2-3");
  note(l.ndim >= 4 && l.ndim < 64, "ndim 4-63");
  note(l.ndim == 64, "ndim 64");
  note(l.ndim > 64, "ndim > 64");
  bool zero = false, one = false, neg = false, zstride = false, odd = false;
  for (int i = 0; i < l.ndim && i < int(l.shape.size()); ++i) {
    zero |= l.shape[i] == 0;
    one |= l.shape[i] == 1;
    neg |= l.strides[i] < 0;
    zstride |= l.strides[i] == 0;
    odd |= l.strides[i] % l.itemsize != 0;
  }
  note(zero, "extent 0");
  note(one, "extent 1");
  note(neg, "negative stride");
  note(zstride, "zero stride");
  note(odd, "stride not a multiple of itemsize");
  note(l.itemsize == 1, "itemsize 1");
  note(l.itemsize > 8, "itemsize 9-16");
  note(!l.format, "format NULL");
  note(!l.present_shape, "shape NULL");
  note(!l.present_strides, "strides NULL");
  note(l.pil, "PIL suboffsets");
  note(l.negative_suboffsets, "suboffsets all -1");
  note(l.readonly, "readonly");
  note(l.unhashable, "unhashable exporter");
  note(l.offset > 0 && !l.pil, "buf at an offset");
  note(l.len.has_value(), "len != items * itemsize");
  if (c.args.contains("order")) {
    const int o = c.args["order"];
    note(o != 'C' && o != 'F' && o != 'A', "invalid order");
  }
  if (c.args.contains("buffertype")) {
    const int t = c.args["buffertype"];
    note(t != MVCONF_BUF_READ && t != MVCONF_BUF_WRITE, "buffertype neither READ nor WRITE");
  }
  note(c.args.value("via", "") == "view", "argument is a memoryview");
}

}  // namespace mvconf::harness
