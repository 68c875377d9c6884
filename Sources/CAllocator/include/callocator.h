#ifndef CALLOCATOR_H
#define CALLOCATOR_H

/// Settles the allocator for a process that parses many documents one after another, keeps
/// the command-line tool linked to jemalloc, and turns off SQLite's count of its allocations.
/// Call it first, before SQLite is used. See allocator.c for why.
void vanban_tune_allocator(void);

/// The allocator's name and version ("jemalloc 5.3.0-0-g…"), or NULL when malloc is not
/// jemalloc's.
const char *vanban_allocator_version(void);

/// Bytes the calling thread has allocated through jemalloc so far, or -1 when jemalloc cannot
/// say: a test allocates through plain `malloc` and sees this grow, which shows that `malloc`
/// itself is jemalloc's and not glibc's.
long long vanban_allocator_thread_allocated(void);

#endif
