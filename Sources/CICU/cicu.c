// Unversioned entry points into ICU's C API.
//
// ICU renames every C symbol with its major version (unorm2_normalize becomes
// unorm2_normalize_72) through macros in <unicode/urename.h>. Swift does not
// import function-like renaming macros, so the Swift side calls these plain
// functions instead; the macros expand in this file, which keeps the package
// working with whatever ICU version pkg-config finds.
#include "cicu.h"

#include <stdint.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

// U_FAILURE / U_SUCCESS are function-like macros, which Swift cannot import.
int vb_u_failure(vb_status code_) { return U_FAILURE((UErrorCode)code_) ? 1 : 0; }
const char *vb_u_errorName(vb_status code_) { return u_errorName((UErrorCode)code_); }

// MARK: Normalizer2 (the instances are owned by ICU, immutable and thread-safe)

const vb_normalizer *vb_unorm2_getNFCInstance(vb_status *status_) {
  return (const vb_normalizer *)unorm2_getNFCInstance((UErrorCode *)status_);
}

const vb_normalizer *vb_unorm2_getNFDInstance(vb_status *status_) {
  return (const vb_normalizer *)unorm2_getNFDInstance((UErrorCode *)status_);
}

int32_t vb_unorm2_spanQuickCheckYes(const vb_normalizer *norm2, const uint16_t *s,
                                                  int32_t length, vb_status *status_) {
  return unorm2_spanQuickCheckYes((const UNormalizer2 *)norm2, (const UChar *)s, length, (UErrorCode *)status_);
}

int vb_unorm2_quickCheck(const vb_normalizer *norm2, const uint16_t *s, int32_t length,
                                       vb_status *status_) {
  return (int)unorm2_quickCheck((const UNormalizer2 *)norm2, (const UChar *)s, length, (UErrorCode *)status_);
}

int vb_unorm2_isNormalized(const vb_normalizer *norm2, const uint16_t *s, int32_t length,
                                         vb_status *status_) {
  return unorm2_isNormalized((const UNormalizer2 *)norm2, (const UChar *)s, length, (UErrorCode *)status_) ? 1 : 0;
}

int32_t vb_unorm2_normalize(const vb_normalizer *norm2, const uint16_t *src,
                                          int32_t length, uint16_t *dest, int32_t capacity,
                                          vb_status *status_) {
  return unorm2_normalize((const UNormalizer2 *)norm2, (const UChar *)src, length, (UChar *)dest, capacity, (UErrorCode *)status_);
}

int32_t vb_unorm2_normalizeSecondAndAppend(const vb_normalizer *norm2, uint16_t *first,
                                                         int32_t firstLength,
                                                         int32_t firstCapacity,
                                                         const uint16_t *second,
                                                         int32_t secondLength,
                                                         vb_status *status_) {
  return unorm2_normalizeSecondAndAppend((const UNormalizer2 *)norm2, (UChar *)first, firstLength, firstCapacity, (const UChar *)second,
                                         secondLength, (UErrorCode *)status_);
}

int vb_unorm2_getCombiningClass(const vb_normalizer *norm2, int32_t c) {
  return (int)unorm2_getCombiningClass((const UNormalizer2 *)norm2, c);
}

/// Whether text before `c` never interacts with `c` under this normalisation form, i.e. the
/// text can be cut before `c` and each piece normalised on its own.
int vb_unorm2_hasBoundaryBefore(const vb_normalizer *norm2, int32_t c) {
  return unorm2_hasBoundaryBefore((const UNormalizer2 *)norm2, c) ? 1 : 0;
}

int32_t vb_unorm2_composePair(const vb_normalizer *norm2, int32_t a, int32_t b) {
  return unorm2_composePair((const UNormalizer2 *)norm2, a, b);
}

// MARK: Strings

uint16_t *vb_u_strFromUTF8(uint16_t *dest, int32_t destCapacity, int32_t *destLength,
                                      const char *src, int32_t srcLength, vb_status *status_) {
  return (uint16_t *)u_strFromUTF8((UChar *)dest, destCapacity, destLength, src, srcLength, (UErrorCode *)status_);
}

char *vb_u_strToUTF8WithSub(char *dest, int32_t destCapacity, int32_t *destLength,
                                          const uint16_t *src, int32_t srcLength, int32_t subchar,
                                          int32_t *numSubstitutions, vb_status *status_) {
  return u_strToUTF8WithSub(dest, destCapacity, destLength, (const UChar *)src, srcLength, subchar,
                            numSubstitutions, (UErrorCode *)status_);
}

/// Full Unicode case folding with the default mappings (not the Turkic ones).
int32_t vb_u_strFoldCase(uint16_t *dest, int32_t destCapacity, const uint16_t *src,
                                       int32_t srcLength, vb_status *status_) {
  return u_strFoldCase((UChar *)dest, destCapacity, (const UChar *)src, srcLength, U_FOLD_CASE_DEFAULT, (UErrorCode *)status_);
}

// MARK: Transliterator
//
// UTransliterator is `void *` in ICU, so `UTransliterator *` would reach Swift as
// a pointer to an optional raw pointer; the wrappers traffic in plain `void *`.

/// Opens a transliterator from `rules` (or a system transliterator by `id` when
/// `rules` is NULL), always in the forward direction.
void *vb_utrans_openU(const uint16_t *id, int32_t idLength, const uint16_t *rules,
                                    int32_t rulesLength, vb_status *status_) {
  UParseError parseError;
  return (void *)utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD, (const UChar *)rules, rulesLength, &parseError,
                              (UErrorCode *)status_);
}

void vb_utrans_close(void *trans) { utrans_close((UTransliterator *)trans); }

/// Transliterates `text[0..<*textLength]` in place; on return `*textLength` is the new length
/// (or, with U_BUFFER_OVERFLOW_ERROR, the capacity that would have been needed).
void vb_utrans_transUChars(void *trans, uint16_t *text, int32_t *textLength,
                                         int32_t textCapacity, vb_status *status_) {
  int32_t limit = *textLength;
  utrans_transUChars((const UTransliterator *)trans, (UChar *)text, textLength, textCapacity, 0, &limit,
                     (UErrorCode *)status_);
}
