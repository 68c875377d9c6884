#include "callocator.h"

#include <stdint.h>
#include <stddef.h>
#include <jemalloc/jemalloc.h>
#include <sqlite3.h>

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
  // SQLite counts every block it allocates (for sqlite3_memory_used and the soft heap limit,
  // which vanban does not use) under a process-wide mutex: Debian builds it with the count on.
  // Off, the ingest writing thread, which bounds what a second parsing thread gains, ran 8 %
  // fewer instructions (callgrind, 420 bench files). It must be set before SQLite initialises,
  // so here, before any command opens a database; if it is too late it fails and changes nothing.
  (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
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
