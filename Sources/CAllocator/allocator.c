#include "callocator.h"

#include <stdint.h>
#include <stddef.h>
#include <jemalloc/jemalloc.h>

// The command-line tool is linked to jemalloc (Debian's libjemalloc, whose `malloc` and `free`
// take the place of glibc's for the whole process: the Swift runtime, Foundation, SQLite,
// poppler and Tesseract alike). Parsing makes and frees millions of small Strings and arrays,
// and glibc's malloc and free were 5-6 % of a bulk ingest's CPU time; with jemalloc the
// 2,000-file benchmark's parse-only run took 6 % less CPU and its peak memory rose by 3 MB
// (tcmalloc and mimalloc were as fast on one thread; tcmalloc lost a tenth on two, and both
// held 10-15 MB more). The libraries are not tied to it: only the executable links this target.
//
// glibc's own thresholds, which this file used to set (blocks kept on the heap rather than
// mapped and unmapped per document), have no counterpart to set: jemalloc keeps freed pages
// for reuse and returns them to the kernel gradually on its own.
void vanban_tune_allocator(void) {
  // Referencing jemalloc here keeps it linked even where the linker drops unused libraries.
  (void)vanban_allocator_version();
}

const char *vanban_allocator_version(void) {
  const char *version = NULL;
  size_t size = sizeof(version);
  if (mallctl("version", &version, &size, NULL, 0) != 0) return NULL;
  return version;
}

long long vanban_allocator_thread_allocated(void) {
  uint64_t allocated = 0;
  size_t size = sizeof(allocated);
  if (mallctl("thread.allocated", &allocated, &size, NULL, 0) != 0) return -1;
  return (long long)allocated;
}
