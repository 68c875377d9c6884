#include "callocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// Each document is parsed into arrays of a few hundred kilobytes (its lines, an OCR file's
// word boxes) that are freed when the next one starts. With glibc's defaults such a block is
// mapped and unmapped for every document, or the heap top is trimmed back to the kernel, and
// each new document then pays page faults to get the same memory again: measured on the
// 2,000-file benchmark, about 5% of the CPU time of a parse-only run. Keeping blocks under
// 32 MB on the heap and freed memory up to 64 MB before trimming removes most of those faults;
// the peak resident size stays what the largest document needs (the benchmark's did not move).
void vanban_tune_allocator(void) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}
