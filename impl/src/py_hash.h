// CPython's bytes hash with hash randomization disabled (PYTHONHASHSEED=0), as hash(memoryview)
// uses it (spec §5.11).
#ifndef MVCONF_IMPL_PY_HASH_H
#define MVCONF_IMPL_PY_HASH_H

#include <mvconf/port.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "rules.h"

namespace mvconf::impl::py {

/// SipHash-c-d (the reference algorithm of Aumasson and Bernstein) with a 128-bit key k0, k1.
uint64_t siphash(int c_rounds, int d_rounds, uint64_t k0, uint64_t k1, const void *data,
                 size_t len);

/// hash(bytes) with a zero key: SipHash-1-3 from 3.11, SipHash-2-4 before; b'' hashes to 0 and
/// -1 becomes -2.
int64_t bytes_hash(const void *data, size_t len, const Rules &rules);

/// The logical content of a complete view in C order (tobytes()), suboffsets followed.
std::string c_order_bytes(const mvconf_buffer &view);

}  // namespace mvconf::impl::py

#endif  // MVCONF_IMPL_PY_HASH_H
