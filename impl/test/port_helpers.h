// Small helpers shared by the impl's unit tests: calling the port table, owning views and
// reading back their layout.
#ifndef MVCONF_IMPL_PORT_HELPERS_H
#define MVCONF_IMPL_PORT_HELPERS_H

#include <gtest/gtest.h>
#include <mvconf/impl/impl.h>
#include <mvconf/port.h>

#include <memory>
#include <string>
#include <vector>

namespace mvconf::impl::test {

/// The impl's port table, as every test calls it.
inline const mvconf_port *P() { return port(); }

/// Frees a view through its port when it goes out of scope.
class View {
 public:
  View(const mvconf_port *p, mvconf_view *v) : port_(p), view_(v) {}
  View(View &&o) noexcept : port_(o.port_), view_(o.view_) { o.view_ = nullptr; }
  View(const View &) = delete;
  ~View() { reset(); }
  void reset() {
    if (view_ != nullptr) port_->view_free(port_->ctx, view_);
    view_ = nullptr;
  }
  explicit operator bool() const { return view_ != nullptr; }
  mvconf_view *get() const { return view_; }
  mvconf_ref ref() const { return mvconf_ref{nullptr, view_}; }
  const mvconf_buffer &buf() const { return *port_->get_buffer(port_->ctx, view_); }
  std::vector<ptrdiff_t> shape() const {
    const mvconf_buffer &b = buf();
    return b.shape ? std::vector<ptrdiff_t>(b.shape, b.shape + b.ndim) : std::vector<ptrdiff_t>{};
  }
  std::vector<ptrdiff_t> strides() const {
    const mvconf_buffer &b = buf();
    return b.strides ? std::vector<ptrdiff_t>(b.strides, b.strides + b.ndim)
                     : std::vector<ptrdiff_t>{};
  }
  mvconf_base base() const {
    mvconf_base out;
    port_->get_base(port_->ctx, view_, &out);
    return out;
  }
  mvconf_view_state state() const {
    mvconf_view_state out;
    port_->view_state(port_->ctx, view_, &out);
    return out;
  }

 private:
  const mvconf_port *port_;
  mvconf_view *view_;
};

/// A buffer description over `mem` with the given layout (NULL when the vectors are empty).
inline mvconf_buffer describe(void *mem, ptrdiff_t len, ptrdiff_t itemsize, int ndim,
                              std::vector<ptrdiff_t> *shape, std::vector<ptrdiff_t> *strides,
                              std::vector<ptrdiff_t> *suboffsets = nullptr) {
  mvconf_buffer b{};
  b.buf = mem;
  b.len = len;
  b.itemsize = itemsize;
  b.ndim = ndim;
  b.shape = shape && !shape->empty() ? shape->data() : nullptr;
  b.strides = strides && !strides->empty() ? strides->data() : nullptr;
  b.suboffsets = suboffsets && !suboffsets->empty() ? suboffsets->data() : nullptr;
  return b;
}

/// An error outcome, printable by gtest.
inline std::string error_text(const mvconf_error &e) {
  return std::string(e.type) + ": " + e.message;
}

/// True when `text` starts with `prefix`.
inline bool starts_with(const std::string &text, const std::string &prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace mvconf::impl::test

#endif  // MVCONF_IMPL_PORT_HELPERS_H
