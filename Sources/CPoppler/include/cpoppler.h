#ifndef VANBAN_CPOPPLER_H
#define VANBAN_CPOPPLER_H

/* A PDF read with poppler-glib, behind plain C types: glib's, cairo's and poppler's headers
 * stay in cpoppler.c, so Swift never sees GObject types or the machine's glib include paths.
 * Every function returns a status (VB_PDF_*) and never aborts on a bad file; what it hands
 * out is freed with the matching *_free function.
 *
 * One vb_pdf may be used from one thread at a time: the caller serialises (poppler's
 * document and page caches are not safe to share unguarded). */

#include <stddef.h>

enum {
  VB_PDF_OK = 0,
  /* The document needs a password. */
  VB_PDF_ENCRYPTED = 1,
  /* Not a PDF poppler can repair: cut short, no catalog, broken cross-references. */
  VB_PDF_DAMAGED = 2,
  /* A document without a page that ends whole (a file cut short whose pages are lost is
   * VB_PDF_DAMAGED). */
  VB_PDF_NO_PAGES = 3,
  VB_PDF_NO_MEMORY = 4,
  /* A page index out of range, or a page poppler cannot load. */
  VB_PDF_BAD_PAGE = 5,
  /* A rendering past the caller's pixel limit or cairo's 32767-pixel side. */
  VB_PDF_TOO_LARGE = 6,
  /* cairo could not draw the page. */
  VB_PDF_RENDER_FAILED = 7,
  /* poppler-glib is not installed (it is loaded on the first PDF): the message says what to
   * install. */
  VB_PDF_MISSING_LIBRARY = 8
};

typedef struct vb_pdf vb_pdf;

/* Opens `length` bytes of a PDF. The bytes are not copied: they must stay valid and unchanged
 * until vb_pdf_close. On failure *out is NULL and `message` (if not NULL) holds poppler's
 * reason, NUL-terminated and cut to `message_capacity`. */
int vb_pdf_open(const void *bytes, size_t length, vb_pdf **out, char *message, size_t message_capacity);
void vb_pdf_close(vb_pdf *pdf);

int vb_pdf_page_count(const vb_pdf *pdf);

/* The page's size in points as it is shown, its /Rotate applied. */
int vb_pdf_page_size(vb_pdf *pdf, int index, double *width, double *height);

/* A word of a page's text layer: characters between white space, in poppler's reading order
 * (flow, block, line). Boxes are in points, y downwards, in the page's shown orientation. */
typedef struct {
  /* Byte range of the word's UTF-8 text in vb_pdf_words.text. */
  size_t text_offset;
  size_t text_length;
  double x0, y0, x1, y1;
  /* poppler's line, counted from 0 over the page: a new line after each line break of
   * poppler's text. */
  int line;
  /* VB_PDF_WORD_CONTENT, or a word an annotation prints (a signed PDF's signature fields):
   * VB_PDF_WORD_ANNOTATION, or VB_PDF_WORD_STAMP for one of a signing stamp's words (an
   * annotation printing an e-mail address or a clock time), which is no part of the text. */
  int annotation;
} vb_pdf_word;

enum { VB_PDF_WORD_CONTENT = 0, VB_PDF_WORD_ANNOTATION = 1, VB_PDF_WORD_STAMP = -1 };

typedef struct {
  vb_pdf_word *words;
  size_t count;
  /* The words' UTF-8 text, back to back (not NUL-separated). */
  char *text;
  size_t text_length;
} vb_pdf_words;

/* Free what vb_pdf_page_words (below, after the picture's type) gave. */
void vb_pdf_words_free(vb_pdf_words *words);

/* The share of page `index` (0 to 1) that pictures cover: a scanned page with a few words of
 * text on it (a digital signature's stamp) is still a scan. Overlapping pictures count once
 * each, and the share is capped at 1. */
int vb_pdf_page_image_share(vb_pdf *pdf, int index, double *share);

/* The resolution of the picture that covers most of page `index` (a scan: one image drawn
 * over at least `min_share` of the page), in pixels per inch across and down; 0 for both
 * when no picture covers that much. Decodes that one picture to learn its size. */
int vb_pdf_page_scan_resolution(vb_pdf *pdf, int index, double min_share, double *dpi_x, double *dpi_y);

/* An 8-bit grayscale picture, 0 black, 255 white, rows `bytes_per_line` apart. */
typedef struct {
  unsigned char *pixels;
  int width;
  int height;
  int bytes_per_line;
} vb_pdf_gray;

/* Page `index` drawn at `dpi` on white, as it would print (annotations that print, form
 * fields). VB_PDF_TOO_LARGE when width x height would pass `max_pixels`. On success free
 * with vb_pdf_gray_free. */
int vb_pdf_render_gray(vb_pdf *pdf, int index, double dpi, size_t max_pixels, vb_pdf_gray *out);

/* The words of page `index` (0-based). A page without text gives count 0 and VB_PDF_OK.
 * On success free with vb_pdf_words_free.
 * A page that holds annotations is drawn to read them (see cpoppler.c); with `picture`
 * (may be NULL) that drawing is handed out: the page at `dpi` on white as it shows (not as it
 * prints), for the caller's look at its drawn lines. `picture->pixels` is NULL when the page
 * was not drawn so (no annotations, `dpi` 0, past `max_pixels`, or fewer than `min_words`
 * words in the page's content); otherwise free it with vb_pdf_gray_free. */
int vb_pdf_page_words(vb_pdf *pdf, int index, double dpi, size_t max_pixels, size_t min_words, vb_pdf_words *out,
                      vb_pdf_gray *picture);
void vb_pdf_gray_free(vb_pdf_gray *image);

/* Another document over the same bytes as `pdf` (which stay the caller's, as for vb_pdf_open),
 * so that several threads may each read their own pages at once: one vb_pdf is one thread's at
 * a time, but separate documents are independent. Close it with vb_pdf_close before `pdf`'s
 * bytes go. */
int vb_pdf_reopen(const vb_pdf *pdf, vb_pdf **out);

/* 1 when the picture holds a run of at least `min_run` pixels darker than `ink`, along a row or
 * down a column; 0 otherwise. A page of plain text has none (a glyph's stroke is short), so the
 * search for a table's drawn lines can stop here; the first run found ends the scan. */
int vb_pdf_gray_has_run(const unsigned char *pixels, int width, int height, int bytes_per_line, int ink, int min_run);

#endif
