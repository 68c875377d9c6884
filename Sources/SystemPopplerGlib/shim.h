/* Only CPoppler includes these; the module exists to carry poppler-glib's pkg-config flags
 * (include paths, libraries) to CPoppler without naming the machine's triple. */
#include <poppler.h>
#include <cairo.h>
