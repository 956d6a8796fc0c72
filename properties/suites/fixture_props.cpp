// Self-check that we test what we think we test: the fixture exporter presents a layout to
// CPython exactly as _testbuffer.ndarray (CPython's own reference exporter) does, built by
// the very code the failure reports print. Runs on the oracle only.
#include "mvconf/fixtures/exporter.h"
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "mvconf/harness/check.h"
#include "mvconf/harness/generators.h"
#include "mvconf/harness/repro.h"
#include "mvconf/oracle/oracle.h"

namespace {

namespace gen = mvconf::harness::gen;

// Everything Python sees of a memoryview, as one string.
std::string describe(const char *expr, bool with_format) {
  return std::string("import json\nm = ") + expr + "\nresult = json.dumps(dict(" +
         (with_format ? "format=m.format, " : "") +
         "itemsize=m.itemsize, ndim=m.ndim, shape=m.shape, strides=m.strides,\n"
         "  suboffsets=m.suboffsets, readonly=m.readonly, nbytes=m.nbytes, c=m.c_contiguous,\n"
         "  f=m.f_contiguous, contiguous=m.contiguous, data=m.tobytes().hex()))\n";
}

TEST(Fixture, PresentsLayoutsLikeTestbufferNdarray) {
  mvconf::oracle::initialize();  // the embedded CPython, whatever --oracle says
  if (mvconf::oracle::run_python("import _testbuffer\nresult = 1") != "1")
    GTEST_SKIP() << "this CPython has no _testbuffer module";
  mvconf::harness::check_self([] {
    const auto layout = *gen::layout(gen::LayoutOptions().without_pil().without_hidden_fields());
    bool exact = false;
    const std::string code = mvconf::harness::ndarray_code(layout, &exact);
    RC_PRE(!code.empty());
    RC_TAG(gen::classify(layout));
    const std::string theirs = mvconf::oracle::run_python(code + describe("memoryview(nd)", exact));
    const mvconf_port *cpython = mvconf::oracle::port();
    mvconf::fixtures::Exporter exp(layout);
    mvconf_error err{};
    mvconf_view *mv = cpython->from_object(cpython->ctx, mvconf_ref{exp.handle(), nullptr}, &err);
    if (!mv) RC_FAIL(std::string("CPython rejected the fixture: ") + err.type + ": " + err.message);
    const std::string ours = mvconf::oracle::run_python(describe("view", exact), mv);
    mvconf::harness::count_self_check();
    cpython->view_free(cpython->ctx, mv);
    if (theirs != ours)
      RC_FAIL("fixture and _testbuffer.ndarray differ\nndarray: " + theirs + "\nfixture: " + ours +
              "\ncode:\n" + code);
    RC_ASSERT(exp.outstanding() == 0);
  });
}

}  // namespace
