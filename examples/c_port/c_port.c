/* A minimal mvconf port in C99: CPython's PyBuffer_* functions, written from mvconf's
 * behavioural spec. It declares only the "buffer_functions" feature, so the harness runs the
 * IsContiguous, ToContiguous, FromContiguous, FillContiguousStrides, GetPointer and FillInfo
 * properties against it and skips (and reports as skipped) the memoryview constructors. */
#include <mvconf/port.h>
#include <stdio.h>
#include <string.h>

static void fail(mvconf_error *err, const char *type, const char *message) {
  snprintf(err->type, sizeof err->type, "%s", type);
  snprintf(err->message, sizeof err->message, "%s", message);
}

/* Where CPython would read through a NULL pointer, say so instead. */
static int undefined(mvconf_error *err, const char *what) {
  fail(err, "SystemError", what);
  return -1;
}

static int walk_contiguous(const mvconf_buffer *v, int fortran) {
  ptrdiff_t expected = v->itemsize;
  for (int k = 0; k < v->ndim; k++) {
    int i = fortran ? k : v->ndim - 1 - k;
    if (v->shape[i] > 1 && v->strides[i] != expected) return 0;
    expected *= v->shape[i];
  }
  return 1;
}

static int c_contiguous(const mvconf_buffer *v) {
  if (v->len == 0 || v->strides == NULL) return 1;
  return walk_contiguous(v, 0);
}

static int f_contiguous(const mvconf_buffer *v) {
  if (v->len == 0) return 1;
  if (v->strides == NULL) {
    int big = 0;
    if (v->ndim <= 1) return 1;
    for (int i = 0; i < v->ndim; i++) big += v->shape[i] > 1;
    return big <= 1;
  }
  return walk_contiguous(v, 1);
}

static int is_contiguous(void *ctx, const mvconf_buffer *v, char order, mvconf_error *err) {
  (void)ctx;
  if (v->suboffsets != NULL) return 0;
  if (order != 'C' && order != 'F' && order != 'A') return 0;
  /* The walks read shape; so does the Fortran test of a strides-less view of ndim >= 2. */
  if (v->len != 0 && v->shape == NULL && (v->strides != NULL || (order != 'C' && v->ndim >= 2)))
    return undefined(err, "c_port: shape is NULL");
  if (order == 'C') return c_contiguous(v);
  if (order == 'F') return f_contiguous(v);
  return c_contiguous(v) || f_contiguous(v);
}

static void *get_pointer(void *ctx, const mvconf_buffer *v, const ptrdiff_t *indices,
                         mvconf_error *err) {
  char *p = v->buf;
  (void)ctx;
  if (v->ndim > 0 && v->strides == NULL) {
    undefined(err, "c_port: strides is NULL");
    return NULL;
  }
  for (int i = 0; i < v->ndim; i++) {
    p += v->strides[i] * indices[i];
    if (v->suboffsets != NULL && v->suboffsets[i] >= 0) {
      char *next;
      memcpy(&next, p, sizeof next);
      p = next + v->suboffsets[i];
    }
  }
  return p;
}

/* Logical shape and strides of any view: 1-D views may omit shape, any view may omit strides
 * (then it is C-contiguous). */
static int full_layout(const mvconf_buffer *v, ptrdiff_t *shape, ptrdiff_t *strides,
                       mvconf_error *err) {
  if (v->ndim < 0 || v->ndim > MVCONF_MAX_NDIM) return undefined(err, "c_port: bad ndim");
  if (v->ndim == 0) return 0;
  if (v->shape == NULL && v->ndim > 1) return undefined(err, "c_port: shape is NULL");
  for (int i = 0; i < v->ndim; i++)
    shape[i] = v->shape ? v->shape[i] : (v->itemsize ? v->len / v->itemsize : 0);
  ptrdiff_t step = v->itemsize;
  for (int i = v->ndim - 1; i >= 0; i--) {
    strides[i] = v->strides ? v->strides[i] : step;
    step *= shape[i];
  }
  return 0;
}

/* Advance a multi-index in C order (last index fastest) or Fortran order. */
static void next_index(ptrdiff_t *index, const ptrdiff_t *shape, int ndim, int fortran) {
  for (int k = 0; k < ndim; k++) {
    int i = fortran ? k : ndim - 1 - k;
    if (++index[i] < shape[i]) return;
    index[i] = 0;
  }
}

static ptrdiff_t count_items(const ptrdiff_t *shape, int ndim) {
  ptrdiff_t n = 1;
  for (int i = 0; i < ndim; i++) n *= shape[i];
  return n;
}

static int to_contiguous(void *ctx, void *buf, const mvconf_buffer *src, ptrdiff_t len, char order,
                         mvconf_error *err) {
  ptrdiff_t shape[MVCONF_MAX_NDIM], strides[MVCONF_MAX_NDIM], index[MVCONF_MAX_NDIM] = {0};
  if (len != src->len) {
    fail(err, "ValueError", "PyBuffer_ToContiguous: len != view->len");
    return -1;
  }
  int contiguous = is_contiguous(ctx, src, order, err);
  if (contiguous < 0) return -1;
  if (contiguous) {
    memcpy(buf, src->buf, (size_t)len);
    return 0;
  }
  if (src->ndim == 0) return undefined(err, "c_port: 0-d view with an invalid order");
  if (full_layout(src, shape, strides, err) < 0) return -1;
  mvconf_buffer full = *src;
  full.shape = shape;
  full.strides = strides;
  ptrdiff_t n = count_items(shape, src->ndim);
  if (n * src->itemsize > len) return undefined(err, "c_port: shape exceeds len");
  for (ptrdiff_t k = 0; k < n; k++) {
    const char *item = get_pointer(ctx, &full, index, err);
    memcpy((char *)buf + k * src->itemsize, item, (size_t)src->itemsize);
    next_index(index, shape, src->ndim, !(order == 'C' || order == 'A'));
  }
  return 0;
}

static int from_contiguous(void *ctx, const mvconf_buffer *v, const void *buf, ptrdiff_t len,
                           char order, mvconf_error *err) {
  ptrdiff_t index[MVCONF_MAX_NDIM] = {0};
  if (len > v->len) len = v->len;
  int contiguous = is_contiguous(ctx, v, order, err);
  if (contiguous < 0) return -1;
  if (contiguous) {
    memcpy(v->buf, buf, (size_t)len);
    return 0;
  }
  if (v->ndim > 0 && (v->shape == NULL || v->strides == NULL))
    return undefined(err, "c_port: shape or strides is NULL");
  ptrdiff_t n = v->itemsize > 0 ? len / v->itemsize : 0;
  ptrdiff_t items = count_items(v->shape, v->ndim);
  if (n > items) n = items;
  for (ptrdiff_t k = 0; k < n; k++) {
    char *item = get_pointer(ctx, v, index, err);
    memcpy(item, (const char *)buf + k * v->itemsize, (size_t)v->itemsize);
    next_index(index, v->shape, v->ndim, order == 'F');
  }
  return 0;
}

static int fill_contiguous_strides(void *ctx, int ndim, const ptrdiff_t *shape, ptrdiff_t *strides,
                                   int itemsize, char order, mvconf_error *err) {
  ptrdiff_t step = itemsize;
  (void)ctx;
  (void)err;
  for (int k = 0; k < ndim; k++) {
    int i = order == 'F' ? k : ndim - 1 - k;
    strides[i] = step;
    step *= shape[i];
  }
  return 0;
}

static int fill_info(void *ctx, mvconf_buffer *view, const mvconf_exporter *obj, void *buf,
                     ptrdiff_t len, int readonly, int flags, mvconf_error *err) {
  (void)ctx;
  if (view == NULL) {
    fail(err, "BufferError", "PyBuffer_FillInfo: view==NULL argument is obsolete");
    return -1;
  }
  if ((flags & MVCONF_BUF_WRITABLE) && readonly == 1) {
    fail(err, "BufferError", "Object is not writable.");
    return -1;
  }
  view->obj = (void *)obj;
  view->buf = buf;
  view->len = len;
  view->readonly = readonly;
  view->itemsize = 1;
  view->format = (flags & MVCONF_BUF_FORMAT) ? "B" : NULL;
  view->ndim = 1;
  view->shape = (flags & MVCONF_BUF_ND) == MVCONF_BUF_ND ? &view->len : NULL;
  view->strides = (flags & MVCONF_BUF_STRIDES) == MVCONF_BUF_STRIDES ? &view->itemsize : NULL;
  view->suboffsets = NULL;
  view->internal = NULL;
  return 0;
}

static void buffer_release(void *ctx, mvconf_buffer *view) {
  (void)ctx;
  const mvconf_exporter *owner = view->obj;
  if (owner == NULL) return;
  if (owner->releasebuffer) owner->releasebuffer(owner, view);
  view->obj = NULL;
}

/* The memoryview slots are not implemented: the feature is not declared, so the harness
 * never calls them; they still answer, because a port must never crash. */
static mvconf_view *no_view(mvconf_error *err) {
  fail(err, "NotImplementedError", "c_port has no memoryview");
  return NULL;
}
static mvconf_view *from_object(void *c, mvconf_ref o, mvconf_error *e) {
  (void)c, (void)o;
  return no_view(e);
}
static mvconf_view *from_memory(void *c, char *m, ptrdiff_t s, int f, mvconf_error *e) {
  (void)c, (void)m, (void)s, (void)f;
  return no_view(e);
}
static mvconf_view *from_buffer(void *c, const mvconf_buffer *i, mvconf_error *e) {
  (void)c, (void)i;
  return no_view(e);
}
static mvconf_view *get_contiguous(void *c, mvconf_ref o, int t, char r, mvconf_error *e) {
  (void)c, (void)o, (void)t, (void)r;
  return no_view(e);
}
static int check(void *c, mvconf_ref o) {
  (void)c;
  return o.view != NULL;
}
static const mvconf_buffer *get_buffer(void *c, mvconf_view *v) {
  (void)c, (void)v;
  return NULL;
}
static void get_base(void *c, mvconf_view *v, mvconf_base *out) {
  (void)c, (void)v;
  memset(out, 0, sizeof *out);
}
static void view_state(void *c, mvconf_view *v, mvconf_view_state *out) {
  (void)c, (void)v;
  memset(out, 0, sizeof *out);
}
static void view_free(void *c, mvconf_view *v) { (void)c, (void)v; }

static const char *const features[] = {"buffer_functions", NULL};

static const mvconf_port port = {MVCONF_ABI_MAJOR,
                                 MVCONF_ABI_MINOR,
                                 MVCONF_PORT_SLOTS_1_0,
                                 "c_port",
                                 "3.11",
                                 features,
                                 NULL,
                                 from_object,
                                 from_memory,
                                 from_buffer,
                                 get_contiguous,
                                 check,
                                 get_buffer,
                                 get_base,
                                 view_state,
                                 view_free,
                                 is_contiguous,
                                 to_contiguous,
                                 from_contiguous,
                                 fill_contiguous_strides,
                                 get_pointer,
                                 fill_info,
                                 buffer_release};

__attribute__((visibility("default"))) const mvconf_port *mvconf_port_entry(uint32_t abi) {
  return (abi >> 16) == MVCONF_ABI_MAJOR ? &port : NULL;
}
