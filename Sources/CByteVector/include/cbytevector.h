#ifndef CBYTEVECTOR_H
#define CBYTEVECTOR_H

#include <stdint.h>

// SSE2's movemask for the sixteen-byte scans of VanBanBytes: the top bit of each lane gathered
// into one integer, lane k at bit k. Swift has no way to ask for the instruction; written here
// as an inline function, it compiles into the Swift code that calls it (one pmovmskb where the
// Swift version took two multiplies, shifts and extractions a step). x86-64 only: elsewhere
// VanBanBytes keeps its own version.
#if defined(__SSE2__)
#include <emmintrin.h>

typedef int8_t vb_lanes16 __attribute__((ext_vector_type(16)));

static inline uint32_t vb_movemask(vb_lanes16 lanes) {
  return (uint32_t)_mm_movemask_epi8((__m128i)lanes);
}
#endif

#endif
