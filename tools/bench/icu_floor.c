/*
 * The floor for vanban's throughput: read each file and bring it to NFC with ICU's C API, the
 * way vanban's own first stage does (UTF-8 -> UTF-16, quick check, normalise only the part
 * after the first code point that may need it, UTF-16 -> UTF-8). No parser that reads and
 * normalises its input can beat this.
 *
 *   cc -O2 -o icu_floor tools/bench/icu_floor.c $(pkg-config --cflags --libs icu-uc)
 *   ./icu_floor LIST        (LIST: one path a line)
 *
 * Prints files, bytes, and a checksum of the output so the work cannot be optimised away.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static char *read_file(const char *path, long *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0, got;
  char *buf = malloc(cap);
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  *size = (long)n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: icu_floor LIST\n");
    return 2;
  }
  FILE *list = fopen(argv[1], "r");
  if (!list) { perror(argv[1]); return 66; }
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) { fprintf(stderr, "ICU: %s\n", u_errorName(status)); return 70; }

  char path[4096];
  long files = 0, total = 0, normalised = 0;
  uint64_t checksum = 1469598103934665603ULL;
  UChar *u16 = NULL, *out16 = NULL;
  char *out8 = NULL;
  int32_t cap16 = 0, capOut8 = 0;
  while (fgets(path, sizeof path, list)) {
    path[strcspn(path, "\n")] = 0;
    if (!*path) continue;
    long size;
    char *bytes = read_file(path, &size);
    if (!bytes) { perror(path); continue; }
    files++;
    total += size;
    if (cap16 < size + 1) {
      cap16 = (int32_t)size * 2 + 16;
      u16 = realloc(u16, cap16 * sizeof(UChar));
      out16 = realloc(out16, cap16 * sizeof(UChar));
      capOut8 = cap16 * 3;
      out8 = realloc(out8, capOut8);
    }
    int32_t len16 = 0;
    status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u16, cap16, &len16, bytes, (int32_t)size, 0xFFFD, NULL, &status);
    free(bytes);
    if (U_FAILURE(status)) continue;
    status = U_ZERO_ERROR;
    int32_t yes = unorm2_spanQuickCheckYes(nfc, u16, len16, &status);
    const UChar *result = u16;
    int32_t resultLen = len16;
    if (yes < len16) {
      /* Normalise only the tail that may change, as vanban does. */
      normalised++;
      memcpy(out16, u16, yes * sizeof(UChar));
      status = U_ZERO_ERROR;
      resultLen = unorm2_normalizeSecondAndAppend(nfc, out16, yes, cap16, u16 + yes, len16 - yes, &status);
      if (U_FAILURE(status)) continue;
      result = out16;
    }
    int32_t len8 = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(out8, capOut8, &len8, result, resultLen, &status);
    for (int32_t i = 0; i < len8; i += 64) checksum = (checksum ^ (uint8_t)out8[i]) * 1099511628211ULL;
    checksum ^= (uint64_t)len8;
  }
  fclose(list);
  printf("%ld files, %ld bytes, %ld needed normalising, checksum %016llx\n", files, total, normalised,
         (unsigned long long)checksum);
  return 0;
}
