// Everything is in the header: SwiftPM builds a C target from at least one source file.
#include "cbytevector.h"
