// A tiny harness-side exporter for the impl's unit tests: it presents a configurable layout
// over its own memory and counts getbuffer/releasebuffer calls.
#ifndef MVCONF_IMPL_TEST_EXPORTER_H
#define MVCONF_IMPL_TEST_EXPORTER_H

#include <mvconf/port.h>

#include <string>
#include <vector>

namespace mvconf::impl::test {

class TestExporter {
 public:
  /// A 1-D exporter of n bytes 0, 1, 2, ... ('B', itemsize 1).
  static TestExporter bytes(ptrdiff_t n, bool readonly);
  /// A 2-D 'B' exporter of rows x cols over bytes 0, 1, 2, ...; C or Fortran strides.
  static TestExporter matrix(ptrdiff_t rows, ptrdiff_t cols, bool fortran, bool readonly);
  /// A plain object without the buffer protocol.
  static TestExporter non_buffer(const char *type_name);

  TestExporter();
  TestExporter(const TestExporter &other);
  TestExporter &operator=(const TestExporter &) = delete;

  const mvconf_exporter *exporter() const { return &exporter_; }
  mvconf_ref ref() const { return mvconf_ref{&exporter_, nullptr}; }

  std::vector<unsigned char> memory;
  std::string format = "B";
  bool has_format = true;
  ptrdiff_t itemsize = 1;
  ptrdiff_t len = -1;  // -1: product(shape)*itemsize
  int readonly = 0;
  int ndim = 1;
  std::vector<ptrdiff_t> shape, strides, suboffsets;
  bool has_shape = true, has_strides = true;
  ptrdiff_t offset = 0;  // buf = memory + offset
  /// When set, getbuffer fails with this error instead.
  std::string fail_type, fail_message;
  /// When set, hash(obj) fails with TypeError "unhashable type: 'TestExporter'".
  bool unhashable = false;

  int gets = 0;
  int releases = 0;
  int last_flags = -1;
  int hashes = 0;

 private:
  static int getbuffer(const mvconf_exporter *self, mvconf_buffer *view, int flags,
                       mvconf_error *err);
  static void releasebuffer(const mvconf_exporter *self, mvconf_buffer *view);
  static int hash(const mvconf_exporter *self, mvconf_error *err);

  mvconf_exporter exporter_;
};

}  // namespace mvconf::impl::test

#endif  // MVCONF_IMPL_TEST_EXPORTER_H
