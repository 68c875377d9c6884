// Unversioned entry points into ICU's C API.
//
// ICU renames every C symbol with its major version (unorm2_normalize becomes
// unorm2_normalize_72) through macros in <unicode/urename.h>. Swift does not
// import function-like renaming macros, so the Swift side calls these static
// inline wrappers instead; the macros expand inside this header, which keeps the
// package working with whatever ICU version pkg-config finds.
#ifndef VANBAN_CICU_SHIM_H
#define VANBAN_CICU_SHIM_H

#include <stdint.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

// U_FAILURE / U_SUCCESS are function-like macros, which Swift cannot import.
static inline int vb_u_failure(UErrorCode code) { return U_FAILURE(code) ? 1 : 0; }
static inline int vb_u_success(UErrorCode code) { return U_SUCCESS(code) ? 1 : 0; }
static inline const char *vb_u_errorName(UErrorCode code) { return u_errorName(code); }

// MARK: Normalizer2 (the instances are owned by ICU, immutable and thread-safe)

static inline const UNormalizer2 *vb_unorm2_getNFCInstance(UErrorCode *status) {
  return unorm2_getNFCInstance(status);
}

static inline const UNormalizer2 *vb_unorm2_getNFDInstance(UErrorCode *status) {
  return unorm2_getNFDInstance(status);
}

static inline int32_t vb_unorm2_spanQuickCheckYes(const UNormalizer2 *norm2, const UChar *s,
                                                  int32_t length, UErrorCode *status) {
  return unorm2_spanQuickCheckYes(norm2, s, length, status);
}

static inline int vb_unorm2_quickCheck(const UNormalizer2 *norm2, const UChar *s, int32_t length,
                                       UErrorCode *status) {
  return (int)unorm2_quickCheck(norm2, s, length, status);
}

static inline int vb_unorm2_isNormalized(const UNormalizer2 *norm2, const UChar *s, int32_t length,
                                         UErrorCode *status) {
  return unorm2_isNormalized(norm2, s, length, status) ? 1 : 0;
}

static inline int32_t vb_unorm2_normalize(const UNormalizer2 *norm2, const UChar *src,
                                          int32_t length, UChar *dest, int32_t capacity,
                                          UErrorCode *status) {
  return unorm2_normalize(norm2, src, length, dest, capacity, status);
}

static inline int32_t vb_unorm2_normalizeSecondAndAppend(const UNormalizer2 *norm2, UChar *first,
                                                         int32_t firstLength,
                                                         int32_t firstCapacity,
                                                         const UChar *second,
                                                         int32_t secondLength,
                                                         UErrorCode *status) {
  return unorm2_normalizeSecondAndAppend(norm2, first, firstLength, firstCapacity, second,
                                         secondLength, status);
}

/// Whether text before `c` never interacts with `c` under this normalisation form, i.e. the
/// text can be cut before `c` and each piece normalised on its own.
static inline int vb_unorm2_hasBoundaryBefore(const UNormalizer2 *norm2, UChar32 c) {
  return unorm2_hasBoundaryBefore(norm2, c) ? 1 : 0;
}

// MARK: Strings

static inline UChar *vb_u_strFromUTF8(UChar *dest, int32_t destCapacity, int32_t *destLength,
                                      const char *src, int32_t srcLength, UErrorCode *status) {
  return u_strFromUTF8(dest, destCapacity, destLength, src, srcLength, status);
}

static inline char *vb_u_strToUTF8WithSub(char *dest, int32_t destCapacity, int32_t *destLength,
                                          const UChar *src, int32_t srcLength, UChar32 subchar,
                                          int32_t *numSubstitutions, UErrorCode *status) {
  return u_strToUTF8WithSub(dest, destCapacity, destLength, src, srcLength, subchar,
                            numSubstitutions, status);
}

/// Full Unicode case folding with the default mappings (not the Turkic ones).
static inline int32_t vb_u_strFoldCase(UChar *dest, int32_t destCapacity, const UChar *src,
                                       int32_t srcLength, UErrorCode *status) {
  return u_strFoldCase(dest, destCapacity, src, srcLength, U_FOLD_CASE_DEFAULT, status);
}

// MARK: Transliterator
//
// UTransliterator is `void *` in ICU, so `UTransliterator *` would reach Swift as
// a pointer to an optional raw pointer; the wrappers traffic in plain `void *`.

/// Opens a transliterator from `rules` (or a system transliterator by `id` when
/// `rules` is NULL), always in the forward direction.
static inline void *vb_utrans_openU(const UChar *id, int32_t idLength, const UChar *rules,
                                    int32_t rulesLength, UErrorCode *status) {
  UParseError parseError;
  return (void *)utrans_openU(id, idLength, UTRANS_FORWARD, rules, rulesLength, &parseError,
                              status);
}

static inline void vb_utrans_close(void *trans) { utrans_close((UTransliterator *)trans); }

/// Transliterates `text[0..<*textLength]` in place; on return `*textLength` is the new length
/// (or, with U_BUFFER_OVERFLOW_ERROR, the capacity that would have been needed).
static inline void vb_utrans_transUChars(void *trans, UChar *text, int32_t *textLength,
                                         int32_t textCapacity, UErrorCode *status) {
  int32_t limit = *textLength;
  utrans_transUChars((const UTransliterator *)trans, text, textLength, textCapacity, 0, &limit,
                     status);
}

#endif
