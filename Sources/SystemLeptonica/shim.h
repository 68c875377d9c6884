/* Only CTesseract includes this; the module carries leptonica's pkg-config flags. */
#include <leptonica/allheaders.h>
