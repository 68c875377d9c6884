/* Only CTesseract includes this; the module carries tesseract's pkg-config flags. */
#include <tesseract/capi.h>
