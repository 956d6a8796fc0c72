// As large as the largest answer the harness parses (bounded_json.h), so that every answer of
// a valid case fits: with 1 MiB, a tolist of a 2**20-item view did not, and the two ports'
// own "answer does not fit" errors were reported as a divergence (the impl_slots fuzz
// target's invariant). Mapped: a 256 MiB vector would be zero-filled for every py case, and
// under ASan malloc poisons and unpoisons the shadow of all of it.
#include "answer_buffer.h"

#include <sys/mman.h>

#include <new>

#include "mvconf/harness/bounded_json.h"

namespace mvconf::harness {

AnswerBuffer::AnswerBuffer() : size_(kMaxAnswerBytes) {
  void *p = mmap(nullptr, size_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  data_ = static_cast<char *>(p);
}

AnswerBuffer::~AnswerBuffer() { munmap(data_, size_); }

}  // namespace mvconf::harness
