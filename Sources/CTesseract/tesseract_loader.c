#define VB_TESSERACT_LOADER
#include "tesseract_symbols.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "ctesseract.h"

#define VB_TESSERACT_DEFINE(name) __typeof__(name) *vb_sym_##name;
VB_TESSERACT_SYMBOLS(VB_TESSERACT_DEFINE)
#undef VB_TESSERACT_DEFINE

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = -1;
static char failure[512];

/* libtesseract links leptonica: a lookup through its handle finds leptonica's symbols too.
 * RTLD_GLOBAL so that the OpenMP runtime Tesseract brings is found by name, as when it was
 * linked (ctesseract.c limits it to one thread per engine). */
static void load(void) {
  const char *names[] = {"libtesseract.so.5", "libtesseract.so"};
  void *handle = NULL;
  for (size_t k = 0; k < sizeof names / sizeof *names && !handle; k++) handle = dlopen(names[k], RTLD_NOW | RTLD_GLOBAL);
  if (!handle) {
    const char *why = dlerror();
    snprintf(failure, sizeof failure,
             "OCR needs Tesseract, which is not installed (%s): apt-get install libtesseract5 tesseract-ocr-vie",
             why ? why : "not found");
    return;
  }
#define VB_TESSERACT_FIND(name)                                                                                   \
  vb_sym_##name = (__typeof__(vb_sym_##name))dlsym(handle, #name);                                                 \
  if (!vb_sym_##name) {                                                                                           \
    snprintf(failure, sizeof failure, "the installed Tesseract or leptonica lacks %s: install Tesseract 5", #name); \
    return;                                                                                                       \
  }
  VB_TESSERACT_SYMBOLS(VB_TESSERACT_FIND)
#undef VB_TESSERACT_FIND
  loaded = 0;
}

int vb_tesseract_load(void) {
  pthread_once(&once, load);
  return loaded;
}

const char *vb_ocr_missing_library(void) { return failure; }
