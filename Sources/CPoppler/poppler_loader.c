#define VB_POPPLER_LOADER
#include "poppler_symbols.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define VB_POPPLER_DEFINE(name) __typeof__(name) *vb_sym_##name;
VB_POPPLER_SYMBOLS(VB_POPPLER_DEFINE)
#undef VB_POPPLER_DEFINE

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = -1;
static char failure[512];

/* poppler-glib links glib, gobject and cairo: a lookup through its handle finds theirs too.
 * The versioned name is the one the linker would have recorded; the bare one is tried for
 * systems that only have the development link. */
static void load(void) {
  const char *names[] = {"libpoppler-glib.so.8", "libpoppler-glib.so"};
  void *handle = NULL;
  for (size_t k = 0; k < sizeof names / sizeof *names && !handle; k++) handle = dlopen(names[k], RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *why = dlerror();
    snprintf(failure, sizeof failure,
             "reading PDFs needs poppler-glib, which is not installed (%s): apt-get install libpoppler-glib8",
             why ? why : "not found");
    return;
  }
#define VB_POPPLER_FIND(name)                                                                                  \
  vb_sym_##name = (__typeof__(vb_sym_##name))dlsym(handle, #name);                                              \
  if (!vb_sym_##name) {                                                                                        \
    snprintf(failure, sizeof failure, "the installed poppler-glib lacks %s: install poppler-glib 22 or later", #name); \
    return;                                                                                                    \
  }
  VB_POPPLER_SYMBOLS(VB_POPPLER_FIND)
#undef VB_POPPLER_FIND
  loaded = 0;
}

int vb_poppler_load(char *message, size_t capacity) {
  pthread_once(&once, load);
  if (loaded != 0 && message && capacity > 0) {
    size_t n = strlen(failure);
    if (n >= capacity) n = capacity - 1;
    memcpy(message, failure, n);
    message[n] = 0;
  }
  return loaded;
}
