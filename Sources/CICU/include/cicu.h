#ifndef VANBAN_CICU_H
#define VANBAN_CICU_H

/* The ICU calls vanban needs, behind plain C types. ICU's own headers stay out of this
 * header (they are included by cicu.c only): a Swift module that also imports Foundation
 * would otherwise see two different definitions of ICU's types (Foundation bundles its own
 * ICU headers) and fail to compile, depending on build order. Function names carry no ICU
 * version suffix. */

#include <stdint.h>

typedef int32_t vb_status;
typedef struct vb_normalizer vb_normalizer;

enum { VB_ZERO_ERROR = 0, VB_BUFFER_OVERFLOW_ERROR = 15 };

int vb_u_failure(vb_status code);
const char *vb_u_errorName(vb_status code);

const vb_normalizer *vb_unorm2_getNFCInstance(vb_status *status);
const vb_normalizer *vb_unorm2_getNFDInstance(vb_status *status);
int32_t vb_unorm2_spanQuickCheckYes(const vb_normalizer *norm2, const uint16_t *s, int32_t length,
                                    vb_status *status);
int vb_unorm2_quickCheck(const vb_normalizer *norm2, const uint16_t *s, int32_t length,
                         vb_status *status);
int vb_unorm2_isNormalized(const vb_normalizer *norm2, const uint16_t *s, int32_t length,
                           vb_status *status);
int32_t vb_unorm2_normalize(const vb_normalizer *norm2, const uint16_t *src, int32_t length,
                            uint16_t *dest, int32_t capacity, vb_status *status);
int32_t vb_unorm2_normalizeSecondAndAppend(const vb_normalizer *norm2, uint16_t *first,
                                           int32_t firstLength, int32_t firstCapacity,
                                           const uint16_t *second, int32_t secondLength,
                                           vb_status *status);
/* The canonical combining class of c. */
int vb_unorm2_getCombiningClass(const vb_normalizer *norm2, int32_t c);
int vb_unorm2_hasBoundaryBefore(const vb_normalizer *norm2, int32_t c);
/* The composite of a and b under the normaliser's composition, or a negative value if none. */
int32_t vb_unorm2_composePair(const vb_normalizer *norm2, int32_t a, int32_t b);

uint16_t *vb_u_strFromUTF8(uint16_t *dest, int32_t destCapacity, int32_t *destLength,
                           const char *src, int32_t srcLength, vb_status *status);
char *vb_u_strToUTF8WithSub(char *dest, int32_t destCapacity, int32_t *destLength,
                            const uint16_t *src, int32_t srcLength, int32_t subchar,
                            int32_t *numSubstitutions, vb_status *status);
int32_t vb_u_strFoldCase(uint16_t *dest, int32_t destCapacity, const uint16_t *src,
                         int32_t srcLength, vb_status *status);

void *vb_utrans_openU(const uint16_t *id, int32_t idLength, const uint16_t *rules,
                      int32_t rulesLength, vb_status *status);
void vb_utrans_close(void *trans);
void vb_utrans_transUChars(void *trans, uint16_t *text, int32_t *textLength, int32_t textCapacity,
                           vb_status *status);

#endif
