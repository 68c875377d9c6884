#ifndef CALLOCATOR_H
#define CALLOCATOR_H

/// Settles glibc's malloc thresholds for a process that parses many documents one after
/// another; a no-op elsewhere. See allocator.c for why.
void vanban_tune_allocator(void);

#endif
