// The C boundary (issue 10, item 3): every slot of the impl's table is called from C, so no
// input may make it throw, abort or fault. Each test here aborted or crashed the test binary
// before the slots were guarded; now each gets an mvconf_error (CPython's where it has one).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "port_helpers.h"
#include "test_exporter.h"

namespace mvconf::impl::test {
namespace {

// An exporter reporting a len no allocation can satisfy: the copy of a non-contiguous buffer
// is a bytes object of that len. CPython: MemoryError (observed with
// PyBytes_FromStringAndSize(NULL, 2**50)), and OverflowError past the largest bytes object.
TEST(Boundary, GetContiguousOfHugeLenIsMemoryError) {
  TestExporter e = TestExporter::matrix(2, 3, /*fortran=*/true, /*readonly=*/false);
  e.len = ptrdiff_t{1} << 50;
  mvconf_error err{};
  EXPECT_EQ(P()->get_contiguous(P()->ctx, e.ref(), MVCONF_BUF_READ, 'C', &err), nullptr);
  EXPECT_EQ(error_text(err), "MemoryError: ");
  e.len = PTRDIFF_MAX;
  err = mvconf_error{};
  EXPECT_EQ(P()->get_contiguous(P()->ctx, e.ref(), MVCONF_BUF_READ, 'C', &err), nullptr);
  EXPECT_EQ(error_text(err), "OverflowError: byte string is too large");
  EXPECT_EQ(e.gets, e.releases);  // the exporter got its buffer back on the error path
}

class PyCall : public ::testing::Test {
 protected:
  void SetUp() override {
    mvconf_error err{};
    view_ = std::make_unique<View>(
        P(), P()->from_memory(P()->ctx, mem_, sizeof mem_, MVCONF_BUF_WRITE, &err));
    ASSERT_TRUE(*view_) << error_text(err);
  }
  // Calls py_call with `request`: "" and the answer in `answer` on success, else the error.
  std::string call(const std::string &request) {
    mvconf_error err{};
    mvconf_view *made = nullptr;
    std::vector<char> out(4096);
    const int r = P()->py_call(P()->ctx, view_->get(), request.c_str(), nullptr, 0, out.data(),
                               out.size(), &made, &err);
    if (made != nullptr) P()->view_free(P()->ctx, made);
    answer = out.data();
    return r == 0 ? "" : error_text(err);
  }
  std::string answer;

 private:
  char mem_[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  std::unique_ptr<View> view_;
};

TEST_F(PyCall, NonStringMethodIsAnError) {
  for (const char *request : {R"({"method": 5})", R"({"method": null})", R"({"method": ["len"]})",
                              R"({"method": {"len": 1}})", "[]", "not json"})
    EXPECT_TRUE(starts_with(call(request), "SystemError: mvconf impl: py_call: ")) << request;
  EXPECT_EQ(call(R"({"method": "len"})"), "");
  EXPECT_EQ(answer, "8");
}

TEST_F(PyCall, MalformedSliceIsAnError) {
  for (const char *slice : {"5", "\"x\"", "{}", "{\"a\": 1}", "[1, 2, 3, 4]", "null"}) {
    const std::string request =
        std::string(R"({"method": "getitem", "args": [{"slice": )") + slice + "}]}";
    EXPECT_EQ(call(request), "SystemError: mvconf impl: py_call: malformed slice argument")
        << request;
  }
  EXPECT_EQ(call(R"({"method": "getitem", "args": [{"slice": [1, null, 2]}]})"), "");
}

// Any malformed value encoding, in any method: an error or an answer, never an exception.
TEST_F(PyCall, MalformedEncodingsNeverEscape) {
  const char *values[] = {R"({"tuple": 5})",       R"({"bytes": 5})",
                          R"({"int": 5})",         R"({"index": "x"})",
                          R"({"view": "a"})",      R"({"float": "x"})",
                          R"({"str": 7})",         R"({"list": null})",
                          R"({"bytearray": [1]})", R"({"slice": [{"tuple": 1}]})"};
  const char *methods[] = {"getitem", "setitem", "delitem",  "tobytes", "hex",
                           "cast",    "eq",      "contains", "buffer",  "release_buffer"};
  for (const char *m : methods)
    for (const char *v : values) {
      const std::string request =
          std::string(R"({"method": ")") + m + R"(", "args": [)" + v + ", " + v + "]}";
      const std::string got = call(request);
      EXPECT_TRUE(got.empty() || got.find(": ") != std::string::npos) << request;
    }
}

TEST_F(PyCall, DeeplyNestedArgumentsAreRefused) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(call(R"({"method": "getitem", "args": [)" + deep + "]}"),
            "SystemError: mvconf impl: py_call: request nested too deeply");
  const std::string shallow = std::string(100, '[') + std::string(100, ']');
  EXPECT_FALSE(
      starts_with(call(R"({"method": "getitem", "args": [)" + shallow + "]}"), "SystemError"));
}

// GetPointer follows a suboffset by reading a pointer at buf + offset: with buf NULL that
// read would fault.
TEST(Boundary, GetPointerOnNullBufWithSuboffsetsIsAnError) {
  std::vector<ptrdiff_t> shape{2}, strides{8}, sub{0};
  mvconf_buffer b = describe(nullptr, 2, 1, 1, &shape, &strides, &sub);
  const ptrdiff_t index[] = {1};
  mvconf_error err{};
  EXPECT_EQ(P()->get_pointer(P()->ctx, &b, index, &err), nullptr);
  EXPECT_TRUE(starts_with(error_text(err), "SystemError: mvconf impl: PyBuffer_GetPointer: "))
      << error_text(err);
  sub = {-1};  // no suboffset to follow: plain arithmetic on NULL, as in CPython
  b.suboffsets = sub.data();
  err = mvconf_error{};
  EXPECT_EQ(P()->get_pointer(P()->ctx, &b, index, &err), reinterpret_cast<void *>(8));
}

// Observed: the memoryview constructor's TypeError quotes the first 200 bytes of the type
// name, PyObject_GetBuffer's the first 100, and a UTF-8 character cut there reads U+FFFD.
TEST(Boundary, NonBufferTypeNamesAreCutLikeCPython) {
  const std::string prefix = "memoryview: a bytes-like object is required, not '";
  const std::string x300(300, 'x'), x199(199, 'x');
  std::string e_acute = "x";
  for (int i = 0; i < 150; ++i) e_acute += "\xc3\xa9";
  const std::pair<std::string, std::string> cases[] = {
      {x300, std::string(200, 'x')},
      {x199 + "\xe2\x82\xac", x199 + "\xef\xbf\xbd"},
      {"x" + e_acute.substr(1, 200), "x" + e_acute.substr(1, 198) + "\xef\xbf\xbd"},
      {std::string(198, 'x') + "\xc3\xa9", std::string(198, 'x') + "\xc3\xa9"},
      {"int", "int"}};
  for (const auto &[name, quoted] : cases) {
    TestExporter e = TestExporter::non_buffer(name.c_str());
    mvconf_error err{};
    EXPECT_EQ(P()->from_object(P()->ctx, e.ref(), &err), nullptr);
    EXPECT_EQ(error_text(err), "TypeError: " + prefix + quoted + "'");
  }
  TestExporter e = TestExporter::non_buffer(x300.c_str());
  mvconf_buffer out{};
  mvconf_error err{};
  EXPECT_EQ(P()->object_get_buffer(P()->ctx, e.ref(), &out, 0, &err), -1);
  EXPECT_EQ(error_text(err),
            "TypeError: a bytes-like object is required, not '" + std::string(100, 'x') + "'");
}

}  // namespace
}  // namespace mvconf::impl::test
