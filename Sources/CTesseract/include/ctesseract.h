#ifndef VANBAN_CTESSERACT_H
#define VANBAN_CTESSERACT_H

/* Tesseract's recognition and leptonica's image decoding behind plain C types: their headers
 * stay in ctesseract.c. Every function returns a status (VB_OCR_*) and never aborts on a bad
 * image; what it hands out is freed with the matching *_free function.
 *
 * A vb_ocr engine belongs to one thread at a time: Tesseract's API object keeps the page it
 * recognises, so engines are made per worker, never shared. */

#include <stddef.h>

enum {
  VB_OCR_OK = 0,
  /* No tessdata folder holds <language>.traineddata, or Tesseract would not load it. */
  VB_OCR_NO_DATA = 1,
  VB_OCR_NO_MEMORY = 2,
  /* Width, height, stride or resolution that make no picture. */
  VB_OCR_BAD_IMAGE = 3,
  /* Tesseract's Recognize failed. */
  VB_OCR_FAILED = 4,
  /* Bytes leptonica does not read as PNG, JPEG, TIFF or another format it knows, or a file
   * cut short. */
  VB_OCR_UNREADABLE = 5,
  /* A picture past the caller's pixel limit. */
  VB_OCR_TOO_LARGE = 6,
  /* Tesseract is not installed (it is loaded on the first OCR or image):
   * vb_ocr_missing_library says what to install. */
  VB_OCR_MISSING_LIBRARY = 7
};

/* How vb_ocr_recognize settled the page's orientation. */
enum {
  /* The caller asked for no detection. */
  VB_OCR_ORIENTATION_NONE = 0,
  /* Tesseract's orientation and script detection (osd.traineddata). */
  VB_OCR_ORIENTATION_OSD = 1,
  /* The best mean confidence of the four turns of a smaller copy. */
  VB_OCR_ORIENTATION_CONFIDENCE = 2,
  /* The reading as given was confident, its words across the picture: upright already. */
  VB_OCR_ORIENTATION_READING = 3
};

typedef struct vb_ocr vb_ocr;

/* The tessdata folder holding <language>.traineddata: $TESSDATA_PREFIX (the folder itself or
 * its tessdata/ child), else Debian's /usr/share/tesseract-ocr/5/tessdata, then .../4.00/
 * tessdata. Writes it NUL-terminated to `path`; VB_OCR_NO_DATA when none holds the file or
 * the path does not fit. */
int vb_ocr_find_tessdata(const char *language, char *path, size_t capacity);

/* An engine for `language` ("vie"), with Tesseract's messages silenced. Loads osd.traineddata
 * beside it when present, for orientation. */
int vb_ocr_create(const char *language, vb_ocr **out);
/* As vb_ocr_create; with `use_osd` 0, orientation is always found by confidence, even where
 * osd.traineddata is installed. */
int vb_ocr_create_with(const char *language, int use_osd, vb_ocr **out);
void vb_ocr_destroy(vb_ocr *ocr);
/* 1 when orientation detection uses Tesseract's OSD, 0 when it falls back to confidence. */
int vb_ocr_has_osd(const vb_ocr *ocr);

/* A recognised word; its box is in pixels of the upright picture (after any turn), y downwards. */
typedef struct {
  size_t text_offset;
  size_t text_length;
  int x0, y0, x1, y1;
  /* 0-100. */
  float confidence;
  /* Tesseract's text line, counted from 0 over the page. */
  int line;
} vb_ocr_word;

typedef struct {
  vb_ocr_word *words;
  size_t count;
  /* The words' UTF-8 text, back to back. */
  char *text;
  size_t text_length;
  /* The upright picture the boxes refer to: the input's size, or its sides swapped after a
   * quarter turn. */
  int width;
  int height;
  /* Clockwise turn applied before recognition: 0, 90, 180 or 270. */
  int rotation;
  /* VB_OCR_ORIENTATION_*. */
  int orientation_method;
} vb_ocr_result;

/* Recognises an 8-bit grayscale picture (0 black) of `width` x `height` pixels, rows
 * `bytes_per_line` apart, scanned at `dpi` (0 when unknown: Tesseract estimates). With
 * `detect_orientation`, a reading that does not look upright is followed by orientation
 * detection and, for a turned page, a second reading of the page turned upright. On success
 * free with vb_ocr_result_free. */
int vb_ocr_recognize(vb_ocr *ocr, const unsigned char *pixels, int width, int height, int bytes_per_line, int dpi,
                     int detect_orientation, vb_ocr_result *out);
void vb_ocr_result_free(vb_ocr_result *result);

/* With `block` non-zero, the next recognitions read the picture as one block of text
 * (Tesseract's PSM_SINGLE_BLOCK): a table column cut out of a page, whose lone row numbers
 * the page-level layout analysis drops. Zero restores the automatic page layout. */
void vb_ocr_set_block_mode(vb_ocr *ocr, int block);

/* Gives the recognitions that follow on this engine `milliseconds` in all, from now: past it,
 * Tesseract stops between words and the recognition under way fails (VB_OCR_FAILED), as do
 * those after it, quickly. Layout analysis is not interrupted, only recognition. 0 or less lifts
 * the limit. Set it before each page: the time runs from this call. */
void vb_ocr_set_time_limit(vb_ocr *ocr, int milliseconds);
/* 1 when a time limit is set and has passed: a recognition that failed then was stopped. */
int vb_ocr_time_is_up(const vb_ocr *ocr);

/* The clockwise turn (0, 90, 180, 270) that makes the picture upright, and how it was found. */
int vb_ocr_detect_rotation(vb_ocr *ocr, const unsigned char *pixels, int width, int height, int bytes_per_line,
                           int dpi, int *rotation, int *method);

/* An 8-bit grayscale picture decoded from an image file; 0 black. `dpi` is the file's own
 * resolution, 0 when it names none. */
typedef struct {
  unsigned char *pixels;
  int width;
  int height;
  int bytes_per_line;
  int dpi;
} vb_ocr_gray;

void vb_ocr_gray_free(vb_ocr_gray *image);

/* `pixels` resampled by `factor` (0.25 to 4) across and down, by linear interpolation between
 * the grey levels: a scan enlarged to the resolution Tesseract reads best keeps smooth edges,
 * where repeating pixels (what a renderer does for a 1.5 enlargement) draws stairs that read
 * as stray marks. `out->dpi` is `dpi` times `factor`, rounded. Free with vb_ocr_gray_free. */
int vb_ocr_gray_scale(const unsigned char *pixels, int width, int height, int bytes_per_line, int dpi, double factor,
                      vb_ocr_gray *out);

/* The pages of an image file: one for PNG and JPEG, each page of a multi-page TIFF in turn.
 * The bytes are not copied: they must stay valid until vb_image_close. */
typedef struct vb_image_pages vb_image_pages;

/* VB_OCR_UNREADABLE when leptonica knows no such format. */
int vb_image_open(const void *bytes, size_t length, vb_image_pages **out);
/* The next page as grayscale (alpha composed over white), decoded only now, so a long TIFF
 * never sits in memory whole. 1 with a page, 0 after the last, or a negative VB_OCR_* status
 * (-VB_OCR_UNREADABLE, -VB_OCR_TOO_LARGE when the page passes `max_pixels`) for a page that
 * cannot be read; reading stops there. */
int vb_image_next(vb_image_pages *pages, size_t max_pixels, vb_ocr_gray *out);
void vb_image_close(vb_image_pages *pages);

/* The processors this process may run on (its affinity mask), at least 1: how many OCR
 * engines are worth running at once. */
int vb_active_processor_count(void);

/* After VB_OCR_MISSING_LIBRARY: why Tesseract could not be loaded, and what to install. */
const char *vb_ocr_missing_library(void);

#endif
