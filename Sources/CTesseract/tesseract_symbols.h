/* Tesseract and leptonica reached through dlopen rather than linked, as poppler is (see
 * CPoppler's poppler_symbols.h): they and what they pull in (libarchive, curl, the image
 * codecs) cost every vanban process time to load, and most runs OCR nothing. The first OCR
 * engine or image loads them (vb_tesseract_load); the names below then stand for the symbols
 * found.
 *
 * Include after <leptonica/allheaders.h> and <tesseract/capi.h>, in CTesseract's .c files only. */
#ifndef VB_TESSERACT_SYMBOLS_H
#define VB_TESSERACT_SYMBOLS_H

#include <leptonica/allheaders.h>
#include <stddef.h>
#include <tesseract/capi.h>

#define VB_TESSERACT_SYMBOLS(X) \
  X(TessBaseAPIClear) X(TessBaseAPICreate) X(TessBaseAPIDelete) \
  X(TessBaseAPIDetectOrientationScript) X(TessBaseAPIEnd) X(TessBaseAPIGetIterator) \
  X(TessBaseAPIInit2) X(TessBaseAPIInit3) X(TessBaseAPIRecognize) X(TessBaseAPISetImage2) \
  X(TessBaseAPISetPageSegMode) X(TessBaseAPISetSourceResolution) X(TessBaseAPISetVariable) \
  X(TessDeleteText) X(TessMonitorCreate) X(TessMonitorDelete) X(TessMonitorSetDeadlineMSecs) \
  X(TessPageIteratorBoundingBox) X(TessPageIteratorIsAtBeginningOf) X(TessResultIteratorConfidence) \
  X(TessResultIteratorDelete) X(TessResultIteratorGetPageIterator) X(TessResultIteratorGetUTF8Text) \
  X(TessResultIteratorNext) X(findFileFormatBuffer) X(pixAlphaBlendUniform) X(pixClone) \
  X(pixConvertTo8) X(pixCreate) X(pixDestroy) X(pixGetColormap) X(pixGetData) X(pixGetDepth) \
  X(pixGetHeight) X(pixGetSpp) X(pixGetWidth) X(pixGetWpl) X(pixGetXRes) X(pixReadHeaderMem) \
  X(pixReadMem) X(pixReadMemFromMultipageTiff) X(pixRotateOrth) X(pixScale) X(pixScaleGrayLI) X(setMsgSeverity)

#define VB_TESSERACT_DECLARE(name) extern __typeof__(name) *vb_sym_##name;
VB_TESSERACT_SYMBOLS(VB_TESSERACT_DECLARE)
#undef VB_TESSERACT_DECLARE

/* 0 once the libraries are loaded (the first call loads them, later calls only ask); -1 when
 * they are not installed. Thread-safe. */
int vb_tesseract_load(void);

#ifndef VB_TESSERACT_LOADER
#define TessBaseAPIClear (*vb_sym_TessBaseAPIClear)
#define TessBaseAPICreate (*vb_sym_TessBaseAPICreate)
#define TessBaseAPIDelete (*vb_sym_TessBaseAPIDelete)
#define TessBaseAPIDetectOrientationScript (*vb_sym_TessBaseAPIDetectOrientationScript)
#define TessBaseAPIEnd (*vb_sym_TessBaseAPIEnd)
#define TessBaseAPIGetIterator (*vb_sym_TessBaseAPIGetIterator)
#define TessBaseAPIInit2 (*vb_sym_TessBaseAPIInit2)
#define TessBaseAPIInit3 (*vb_sym_TessBaseAPIInit3)
#define TessBaseAPIRecognize (*vb_sym_TessBaseAPIRecognize)
#define TessBaseAPISetImage2 (*vb_sym_TessBaseAPISetImage2)
#define TessBaseAPISetPageSegMode (*vb_sym_TessBaseAPISetPageSegMode)
#define TessBaseAPISetSourceResolution (*vb_sym_TessBaseAPISetSourceResolution)
#define TessBaseAPISetVariable (*vb_sym_TessBaseAPISetVariable)
#define TessDeleteText (*vb_sym_TessDeleteText)
#define TessMonitorCreate (*vb_sym_TessMonitorCreate)
#define TessMonitorDelete (*vb_sym_TessMonitorDelete)
#define TessMonitorSetDeadlineMSecs (*vb_sym_TessMonitorSetDeadlineMSecs)
#define TessPageIteratorBoundingBox (*vb_sym_TessPageIteratorBoundingBox)
#define TessPageIteratorIsAtBeginningOf (*vb_sym_TessPageIteratorIsAtBeginningOf)
#define TessResultIteratorConfidence (*vb_sym_TessResultIteratorConfidence)
#define TessResultIteratorDelete (*vb_sym_TessResultIteratorDelete)
#define TessResultIteratorGetPageIterator (*vb_sym_TessResultIteratorGetPageIterator)
#define TessResultIteratorGetUTF8Text (*vb_sym_TessResultIteratorGetUTF8Text)
#define TessResultIteratorNext (*vb_sym_TessResultIteratorNext)
#define findFileFormatBuffer (*vb_sym_findFileFormatBuffer)
#define pixAlphaBlendUniform (*vb_sym_pixAlphaBlendUniform)
#define pixClone (*vb_sym_pixClone)
#define pixConvertTo8 (*vb_sym_pixConvertTo8)
#define pixCreate (*vb_sym_pixCreate)
#define pixDestroy (*vb_sym_pixDestroy)
#define pixGetColormap (*vb_sym_pixGetColormap)
#define pixGetData (*vb_sym_pixGetData)
#define pixGetDepth (*vb_sym_pixGetDepth)
#define pixGetHeight (*vb_sym_pixGetHeight)
#define pixGetSpp (*vb_sym_pixGetSpp)
#define pixGetWidth (*vb_sym_pixGetWidth)
#define pixGetWpl (*vb_sym_pixGetWpl)
#define pixGetXRes (*vb_sym_pixGetXRes)
#define pixReadHeaderMem (*vb_sym_pixReadHeaderMem)
#define pixReadMem (*vb_sym_pixReadMem)
#define pixReadMemFromMultipageTiff (*vb_sym_pixReadMemFromMultipageTiff)
#define pixRotateOrth (*vb_sym_pixRotateOrth)
#define pixScale (*vb_sym_pixScale)
#define pixScaleGrayLI (*vb_sym_pixScaleGrayLI)
#define setMsgSeverity (*vb_sym_setMsgSeverity)
#endif

#endif
