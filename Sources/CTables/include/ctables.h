/* Tables vanban once computed at every start from ICU and the standard library's Unicode
 * properties (~100 million instructions, most of what a one-file run cost), written out once
 * by the tests instead (see Tests/VanBanTextTests/GeneratedTablesTests.swift) and compiled in.
 * The tests recompute them on every run and fail if an ICU or Unicode update changed them. */
#ifndef VB_CTABLES_H
#define VB_CTABLES_H

/* ToneFoldTable.packed: 80 bytes a scalar of the blocks it covers. */
const unsigned char *vb_tone_fold_table(void);
unsigned long vb_tone_fold_table_size(void);

/* ScalarClass's flags, one byte a scalar below its bound. */
const unsigned char *vb_scalar_class_table(void);
unsigned long vb_scalar_class_table_size(void);

/* One of those bytes, read where Swift inlines it: the parser asks several scalars of every
 * line, and a Swift static holding the table's address was checked for initialisation at
 * every read. `i` must be below vb_scalar_class_table_size(). */
extern const unsigned char vb_scalar_class_table_bytes[];
static inline unsigned char vb_scalar_class_at(unsigned long i) { return vb_scalar_class_table_bytes[i]; }

#endif
