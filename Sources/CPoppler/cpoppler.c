#include "cpoppler.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "poppler_symbols.h"

struct vb_pdf {
  GBytes *bytes;
  PopplerDocument *document;
  int page_count;
};

static void copy_message(char *message, size_t capacity, const char *text) {
  if (!message || capacity == 0) return;
  if (!text) text = "";
  size_t n = strlen(text);
  if (n >= capacity) n = capacity - 1;
  memcpy(message, text, n);
  message[n] = 0;
}

/* Whether "%%EOF" stands in the last 1024 bytes, as every complete PDF (and every incremental
 * update) ends. */
static int ends_whole(const unsigned char *bytes, size_t length) {
  size_t from = length > 1024 ? length - 1024 : 0;
  for (size_t i = from; i + 5 <= length; i++)
    if (memcmp(bytes + i, "%%EOF", 5) == 0) return 1;
  return 0;
}

int vb_pdf_open(const void *bytes, size_t length, vb_pdf **out, char *message, size_t message_capacity) {
  copy_message(message, message_capacity, "");
  if (!out) return VB_PDF_DAMAGED;
  *out = NULL;
  if (!bytes || length == 0) {
    copy_message(message, message_capacity, "no bytes");
    return VB_PDF_DAMAGED;
  }
  if (vb_poppler_load(message, message_capacity) != 0) return VB_PDF_MISSING_LIBRARY;
  vb_pdf *pdf = calloc(1, sizeof *pdf);
  if (!pdf) return VB_PDF_NO_MEMORY;
  /* Static: poppler reads the caller's bytes in place (a scanned PDF may be hundreds of MB). */
  pdf->bytes = g_bytes_new_static(bytes, length);
  GError *error = NULL;
  pdf->document = poppler_document_new_from_bytes(pdf->bytes, NULL, &error);
  if (!pdf->document) {
    int status = VB_PDF_DAMAGED;
    if (error && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED) status = VB_PDF_ENCRYPTED;
    copy_message(message, message_capacity, error ? error->message : "poppler could not open the document");
    if (error) g_error_free(error);
    g_bytes_unref(pdf->bytes);
    free(pdf);
    return status;
  }
  pdf->page_count = poppler_document_get_n_pages(pdf->document);
  if (pdf->page_count <= 0) {
    /* poppler rebuilds the cross-references of a file cut short and may then find a catalog
     * but none of its pages: that file is damaged, not empty. */
    int whole = ends_whole(bytes, length);
    copy_message(message, message_capacity, whole ? "the document has no pages" : "cut short: no %%EOF and no pages");
    vb_pdf_close(pdf);
    return whole ? VB_PDF_NO_PAGES : VB_PDF_DAMAGED;
  }
  *out = pdf;
  return VB_PDF_OK;
}

void vb_pdf_close(vb_pdf *pdf) {
  if (!pdf) return;
  if (pdf->document) g_object_unref(pdf->document);
  if (pdf->bytes) g_bytes_unref(pdf->bytes);
  free(pdf);
}

int vb_pdf_page_count(const vb_pdf *pdf) { return pdf ? pdf->page_count : 0; }

static PopplerPage *load_page(vb_pdf *pdf, int index) {
  if (!pdf || index < 0 || index >= pdf->page_count) return NULL;
  return poppler_document_get_page(pdf->document, index);
}

/* The page with its size in points, or NULL (nothing to free) when it cannot be loaded or its
 * size is not a finite positive one. */
static PopplerPage *load_sized_page(vb_pdf *pdf, int index, double *w, double *h) {
  PopplerPage *page = load_page(pdf, index);
  if (!page) return NULL;
  *w = 0;
  *h = 0;
  poppler_page_get_size(page, w, h);
  if (!isfinite(*w) || !isfinite(*h) || *w <= 0 || *h <= 0) {
    g_object_unref(page);
    return NULL;
  }
  return page;
}

int vb_pdf_page_size(vb_pdf *pdf, int index, double *width, double *height) {
  double w, h;
  PopplerPage *page = load_sized_page(pdf, index, &w, &h);
  if (!page) return VB_PDF_BAD_PAGE;
  g_object_unref(page);
  if (width) *width = w;
  if (height) *height = h;
  return VB_PDF_OK;
}

int vb_pdf_page_image_share(vb_pdf *pdf, int index, double *share) {
  if (share) *share = 0;
  double w, h;
  PopplerPage *page = load_sized_page(pdf, index, &w, &h);
  if (!page) return VB_PDF_BAD_PAGE;
  /* Positions only: poppler records where each image is drawn without decoding it. */
  GList *mapping = poppler_page_get_image_mapping(page);
  double area = 0;
  for (GList *item = mapping; item; item = item->next) {
    const PopplerImageMapping *m = item->data;
    double x0 = fmax(0, fmin(m->area.x1, m->area.x2)), x1 = fmin(w, fmax(m->area.x1, m->area.x2));
    double y0 = fmax(0, fmin(m->area.y1, m->area.y2)), y1 = fmin(h, fmax(m->area.y1, m->area.y2));
    if (isfinite(x0) && isfinite(x1) && isfinite(y0) && isfinite(y1) && x1 > x0 && y1 > y0) area += (x1 - x0) * (y1 - y0);
  }
  poppler_page_free_image_mapping(mapping);
  g_object_unref(page);
  if (share) *share = fmin(1, area / (w * h));
  return VB_PDF_OK;
}

int vb_pdf_page_scan_resolution(vb_pdf *pdf, int index, double min_share, double *dpi_x, double *dpi_y) {
  if (dpi_x) *dpi_x = 0;
  if (dpi_y) *dpi_y = 0;
  double w, h;
  PopplerPage *page = load_sized_page(pdf, index, &w, &h);
  if (!page) return VB_PDF_BAD_PAGE;
  GList *mapping = poppler_page_get_image_mapping(page);
  const PopplerImageMapping *largest = NULL;
  double largest_area = 0;
  for (GList *item = mapping; item; item = item->next) {
    const PopplerImageMapping *m = item->data;
    double aw = fabs(m->area.x2 - m->area.x1), ah = fabs(m->area.y2 - m->area.y1);
    if (isfinite(aw) && isfinite(ah) && aw * ah > largest_area) {
      largest_area = aw * ah;
      largest = m;
    }
  }
  if (largest && largest_area >= min_share * w * h) {
    cairo_surface_t *image = poppler_page_get_image(page, largest->image_id);
    if (image && cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
      double aw = fabs(largest->area.x2 - largest->area.x1), ah = fabs(largest->area.y2 - largest->area.y1);
      int iw = cairo_image_surface_get_width(image), ih = cairo_image_surface_get_height(image);
      if (iw > 0 && ih > 0) {
        if (dpi_x) *dpi_x = iw / (aw / 72.0);
        if (dpi_y) *dpi_y = ih / (ah / 72.0);
      }
    }
    if (image) cairo_surface_destroy(image);
  }
  poppler_page_free_image_mapping(mapping);
  g_object_unref(page);
  return VB_PDF_OK;
}

/* White space that separates words in poppler's text: its own spaces and line breaks, and
 * the spaces a producer may have put in the content stream. */
static int is_space(gunichar c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

typedef struct {
  vb_pdf_words *out;
  size_t capacity;
  /* The word being gathered. */
  size_t start;
  int has_box;
  double x0, y0, x1, y1;
  /* Its last character's rectangle, for `breaks_before`. */
  int has_last;
  double lx0, ly0, lx1, ly1;
} word_builder;

/* Whether a character drawn at `r` cannot continue the word whose last character is at the
 * builder's last rectangle, although poppler's text puts no space between them: poppler
 * joins the end of one column's line to the start of the next block ("TĨNHCỘNG",
 * "liệuSở" across a table's rule). Sets *new_line when the character does not even stand on
 * the same line. Works along x for upright text and along y for text drawn sideways. */
static int breaks_before(const word_builder *b, const PopplerRectangle *r, int *new_line) {
  *new_line = 0;
  if (!b->has_last) return 0;
  double x0 = fmin(r->x1, r->x2), x1 = fmax(r->x1, r->x2);
  double y0 = fmin(r->y1, r->y2), y1 = fmax(r->y1, r->y2);
  if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) return 0;
  double h = fmin(y1 - y0, b->ly1 - b->ly0), w = fmin(x1 - x0, b->lx1 - b->lx0);
  double y_overlap = fmin(y1, b->ly1) - fmax(y0, b->ly0);
  double x_overlap = fmin(x1, b->lx1) - fmax(x0, b->lx0);
  if (h > 0 && y_overlap >= 0.5 * h) {
    /* Upright: a gap wider than a space, or a step back to the left, ends the word. */
    double size = fmax(y1 - y0, b->ly1 - b->ly0);
    double gap = x0 - b->lx1;
    if (x1 < b->lx0 - 0.1 * size) {
      *new_line = 1;
      return 1;
    }
    if (gap > 0.35 * size) {
      /* Beyond two character heights it is another column. */
      *new_line = gap > 2 * size;
      return 1;
    }
    return 0;
  }
  if (w > 0 && x_overlap >= 0.5 * w && (y0 >= b->ly1 - 0.5 * h || y1 <= b->ly0 + 0.5 * h)) {
    /* Sideways (a landscape table drawn turned on a portrait page): the same along y. */
    double size = fmax(x1 - x0, b->lx1 - b->lx0);
    double gap = fmax(y0 - b->ly1, b->ly0 - y1);
    if (gap > 0.35 * size) {
      *new_line = gap > 2 * size;
      return 1;
    }
    return 0;
  }
  *new_line = 1;
  return 1;
}

static int push_word(word_builder *b, int line) {
  vb_pdf_words *out = b->out;
  size_t length = out->text_length - b->start;
  if (length == 0) return VB_PDF_OK;
  if (!b->has_box) {
    /* Characters poppler gave no rectangle for: no place on the page, so no word. */
    out->text_length = b->start;
    return VB_PDF_OK;
  }
  if (out->count == b->capacity) {
    size_t capacity = b->capacity ? b->capacity * 2 : 256;
    vb_pdf_word *words = realloc(out->words, capacity * sizeof *words);
    if (!words) return VB_PDF_NO_MEMORY;
    out->words = words;
    b->capacity = capacity;
  }
  vb_pdf_word *w = &out->words[out->count++];
  w->text_offset = b->start;
  w->text_length = length;
  w->x0 = b->x0;
  w->y0 = b->y0;
  w->x1 = b->x1;
  w->y1 = b->y1;
  w->line = line;
  w->annotation = VB_PDF_WORD_CONTENT;
  return VB_PDF_OK;
}

static void add_rect(word_builder *b, const PopplerRectangle *r) {
  double x0 = fmin(r->x1, r->x2), x1 = fmax(r->x1, r->x2);
  double y0 = fmin(r->y1, r->y2), y1 = fmax(r->y1, r->y2);
  if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) return;
  b->lx0 = x0, b->ly0 = y0, b->lx1 = x1, b->ly1 = y1;
  b->has_last = 1;
  if (!b->has_box) {
    b->x0 = x0, b->y0 = y0, b->x1 = x1, b->y1 = y1;
    b->has_box = 1;
    return;
  }
  b->x0 = fmin(b->x0, x0), b->y0 = fmin(b->y0, y0);
  b->x1 = fmax(b->x1, x1), b->y1 = fmax(b->y1, y1);
}

/* The boxes (in points, y downwards) of the page's annotations whose appearance may print
 * text: a signed PDF's signature fields (the number and the day a clerk stamps at issue,
 * "Số: 507", "ngày 24", and the signing body's stamp), free text and stamps. Links and the
 * like print none. Returns how many, at most `capacity`. */
static size_t text_annotation_boxes(PopplerPage *page, double height, double (*boxes)[4], size_t capacity) {
  GList *mapping = poppler_page_get_annot_mapping(page);
  size_t n = 0;
  for (GList *l = mapping; l && n < capacity; l = l->next) {
    PopplerAnnotMapping *m = l->data;
    if (!m || !m->annot) continue;
    switch (poppler_annot_get_annot_type(m->annot)) {
    case POPPLER_ANNOT_WIDGET:
    case POPPLER_ANNOT_FREE_TEXT:
    case POPPLER_ANNOT_STAMP:
      boxes[n][0] = fmin(m->area.x1, m->area.x2);
      boxes[n][1] = height - fmax(m->area.y1, m->area.y2);
      boxes[n][2] = fmax(m->area.x1, m->area.x2);
      boxes[n][3] = height - fmin(m->area.y1, m->area.y2);
      n++;
      break;
    default:
      break;
    }
  }
  if (mapping) poppler_page_free_annot_mapping(mapping);
  return n;
}

/* poppler builds a page's text from its content only, leaving out what annotations draw;
 * a page rendered first keeps the text of that rendering, annotations' appearances included
 * (hidden ones stay out). One render to a 1x1 surface is enough. */
static void render_for_text(PopplerPage *page) {
  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
  if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
    cairo_t *cr = cairo_create(surface);
    if (cairo_status(cr) == CAIRO_STATUS_SUCCESS) poppler_page_render(page, cr);
    cairo_destroy(cr);
  }
  cairo_surface_destroy(surface);
}

/* The words of poppler's text of `page`, into `out` (zeroed by the caller). */
static int page_words(PopplerPage *page, vb_pdf_words *out) {
  char *text = poppler_page_get_text(page);
  PopplerRectangle *rects = NULL;
  guint rect_count = 0;
  /* One rectangle per character of poppler_page_get_text's text, line breaks included. */
  if (!text || !poppler_page_get_text_layout(page, &rects, &rect_count)) rect_count = 0;
  int status = VB_PDF_OK;
  size_t text_bytes = text ? strlen(text) : 0;
  if (text_bytes > 0 && rect_count > 0) {
    out->text = malloc(text_bytes);
    if (!out->text) status = VB_PDF_NO_MEMORY;
  }
  if (status == VB_PDF_OK && out->text) {
    word_builder b = {.out = out};
    int line = 0;
    size_t k = 0;
    const char *p = text, *end = text + text_bytes;
    while (p < end && status == VB_PDF_OK) {
      gunichar c = g_utf8_get_char_validated(p, end - p);
      const char *next;
      if (c == (gunichar)-1 || c == (gunichar)-2) {
        /* Not UTF-8 (poppler writes UTF-8; this is defence): skip the byte as one character. */
        next = p + 1;
        c = 0xFFFD;
      } else {
        next = g_utf8_next_char(p);
        if (next > end) next = end;
      }
      if (is_space(c)) {
        status = push_word(&b, line);
        b.start = out->text_length;
        b.has_box = 0;
        b.has_last = 0;
        if (c == '\n') line++;
      } else {
        /* A combining mark may sit above its letter; it never starts a word. */
        int new_line = 0;
        if (k < rect_count && !g_unichar_ismark(c) && breaks_before(&b, &rects[k], &new_line)) {
          status = push_word(&b, line);
          b.start = out->text_length;
          b.has_box = 0;
          if (new_line) line++;
        }
        size_t n = (size_t)(next - p);
        memcpy(out->text + out->text_length, p, n);
        out->text_length += n;
        if (k < rect_count) add_rect(&b, &rects[k]);
      }
      k++;
      p = next;
    }
    if (status == VB_PDF_OK) status = push_word(&b, line);
  }
  g_free(rects);
  g_free(text);
  if (status != VB_PDF_OK) vb_pdf_words_free(out);
  return status;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Whether the word's text holds an e-mail address or a clock time ("20:01:14", "+07:00"):
 * what a digital signature's stamp prints beside the signer's name, and no document's own
 * words near a signature field do. */
static int looks_like_stamp(const char *text, size_t length) {
  for (size_t i = 0; i < length; i++) {
    if (text[i] == '@') return 1;
    if (text[i] == ':' && i > 0 && i + 2 < length && is_digit(text[i - 1]) && is_digit(text[i + 1]) && is_digit(text[i + 2]))
      return 1;
  }
  return 0;
}

static int same_word(const vb_pdf_words *a, const vb_pdf_word *x, const vb_pdf_words *b, const vb_pdf_word *y) {
  return x->text_length == y->text_length && fabs(x->x0 - y->x0) < 0.5 && fabs(x->y0 - y->y0) < 0.5 &&
         fabs(x->x1 - y->x1) < 0.5 && fabs(x->y1 - y->y1) < 0.5 &&
         memcmp(a->text + x->text_offset, b->text + y->text_offset, x->text_length) == 0;
}

/* The first of `count` boxes holding the word's centre, or `count` for none. */
static size_t box_of(const vb_pdf_word *word, double (*boxes)[4], size_t count) {
  double cx = (word->x0 + word->x1) / 2, cy = (word->y0 + word->y1) / 2;
  size_t b = 0;
  while (b < count && !(cx >= boxes[b][0] && cx <= boxes[b][2] && cy >= boxes[b][1] && cy <= boxes[b][3])) b++;
  return b;
}

static int draw_gray(PopplerPage *page, double w, double h, double dpi, size_t max_pixels, int printing,
                     vb_pdf_gray *out, int *drawn);

int vb_pdf_page_words(vb_pdf *pdf, int index, double dpi, size_t max_pixels, size_t min_words, vb_pdf_words *out,
                      vb_pdf_gray *picture) {
  if (!out) return VB_PDF_BAD_PAGE;
  memset(out, 0, sizeof *out);
  if (picture) memset(picture, 0, sizeof *picture);
  double w = 0, h = 0;
  PopplerPage *page = load_sized_page(pdf, index, &w, &h);
  if (!page) return VB_PDF_BAD_PAGE;
  enum { max_boxes = 64 };
  double boxes[max_boxes][4];
  size_t box_count = text_annotation_boxes(page, h, boxes, max_boxes);
  if (box_count == 0) {
    int status = page_words(page, out);
    g_object_unref(page);
    return status;
  }
  /* A page with such annotations is read twice: as its content alone, and rendered, with
   * what the annotations print. A word of the second reading that the first lacks is an
   * annotation's; the words of an annotation that prints a signing stamp are marked so the
   * caller leaves them out (and says so), the others (the number, the day) are kept. */
  vb_pdf_words content;
  memset(&content, 0, sizeof content);
  int status = page_words(page, &content);
  g_object_unref(page);
  if (status != VB_PDF_OK) return status;
  PopplerPage *drawn = load_page(pdf, index);
  if (!drawn) {
    vb_pdf_words_free(&content);
    return VB_PDF_BAD_PAGE;
  }
  /* The rendering that gives the annotations' text is the page's picture when the caller
   * wants one (for its drawn lines): the page is drawn once, not once for each. A picture
   * that cannot be had (too large), or is not wanted (a page of too few words for drawn
   * lines to matter, such as a signed scan, where the full-size picture would cost more than
   * the 1x1 one), leaves the 1x1 rendering to give the text. */
  int rendered = 0;
  if (picture && dpi > 0 && content.count >= min_words && draw_gray(drawn, w, h, dpi, max_pixels, 0, picture, &rendered) != VB_PDF_OK) {
    free(picture->pixels);
    memset(picture, 0, sizeof *picture);
  }
  if (!rendered) render_for_text(drawn);
  status = page_words(drawn, out);
  g_object_unref(drawn);
  if (status != VB_PDF_OK) {
    vb_pdf_words_free(&content);
    if (picture) vb_pdf_gray_free(picture);
    return status;
  }
  /* Only a word inside an annotation's box can be the annotation's; the others are content
   * and are not looked up. A box whose words look like a stamp's makes all its words the
   * stamp's, the name above the e-mail address included. */
  int stamp[max_boxes] = {0};
  for (size_t k = 0; k < out->count; k++) {
    vb_pdf_word *word = &out->words[k];
    size_t b = box_of(word, boxes, box_count);
    if (b == box_count) continue;
    int found = 0;
    for (size_t j = 0; j < content.count && !found; j++) found = same_word(out, word, &content, &content.words[j]);
    if (found) continue;
    word->annotation = VB_PDF_WORD_ANNOTATION;
    if (looks_like_stamp(out->text + word->text_offset, word->text_length)) stamp[b] = 1;
  }
  for (size_t k = 0; k < out->count; k++) {
    vb_pdf_word *word = &out->words[k];
    if (word->annotation == VB_PDF_WORD_ANNOTATION && stamp[box_of(word, boxes, box_count)]) word->annotation = VB_PDF_WORD_STAMP;
  }
  vb_pdf_words_free(&content);
  return VB_PDF_OK;
}

void vb_pdf_words_free(vb_pdf_words *words) {
  if (!words) return;
  free(words->words);
  free(words->text);
  memset(words, 0, sizeof *words);
}

/* `page` (w x h points) drawn at `dpi` on white into `out`, as it prints (`printing`) or as it
 * shows. `*drawn` (may be NULL) is set once poppler has drawn the page, even if the picture
 * is then lost for want of memory. */
static int draw_gray(PopplerPage *page, double w, double h, double dpi, size_t max_pixels, int printing,
                     vb_pdf_gray *out, int *drawn) {
  if (!isfinite(dpi) || dpi <= 0) return VB_PDF_BAD_PAGE;
  double scale = dpi / 72.0;
  double pw = ceil(w * scale), ph = ceil(h * scale);
  if (!isfinite(pw) || !isfinite(ph) || pw < 1 || ph < 1) return VB_PDF_BAD_PAGE;
  if (pw > 32767 || ph > 32767 || pw * ph > (double)max_pixels) return VB_PDF_TOO_LARGE;
  int width = (int)pw, height = (int)ph;
  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return VB_PDF_NO_MEMORY;
  }
  cairo_t *cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  if (printing)
    poppler_page_render_for_printing(page, cr);
  else
    poppler_page_render(page, cr);
  if (drawn) *drawn = 1;
  int status = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? VB_PDF_OK : VB_PDF_RENDER_FAILED;
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  if (status == VB_PDF_OK) {
    out->pixels = malloc((size_t)width * (size_t)height);
    if (!out->pixels) status = VB_PDF_NO_MEMORY;
  }
  if (status == VB_PDF_OK) {
    const unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < height; y++) {
      const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
      unsigned char *gray = out->pixels + (size_t)y * (size_t)width;
      for (int x = 0; x < width; x++) {
        uint32_t p = row[x];
        uint32_t r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
        gray[x] = (unsigned char)((r * 299 + g * 587 + b * 114 + 500) / 1000);
      }
    }
    out->width = width;
    out->height = height;
    out->bytes_per_line = width;
  }
  cairo_surface_destroy(surface);
  return status;
}

int vb_pdf_render_gray(vb_pdf *pdf, int index, double dpi, size_t max_pixels, vb_pdf_gray *out) {
  if (!out) return VB_PDF_BAD_PAGE;
  memset(out, 0, sizeof *out);
  if (!isfinite(dpi) || dpi <= 0) return VB_PDF_BAD_PAGE;
  double w, h;
  PopplerPage *page = load_sized_page(pdf, index, &w, &h);
  if (!page) return VB_PDF_BAD_PAGE;
  int status = draw_gray(page, w, h, dpi, max_pixels, 1, out, NULL);
  g_object_unref(page);
  return status;
}

void vb_pdf_gray_free(vb_pdf_gray *image) {
  if (!image) return;
  free(image->pixels);
  memset(image, 0, sizeof *image);
}

int vb_pdf_reopen(const vb_pdf *pdf, vb_pdf **out) {
  if (!out) return VB_PDF_DAMAGED;
  *out = NULL;
  if (!pdf || !pdf->bytes) return VB_PDF_DAMAGED;
  gsize length = 0;
  const void *bytes = g_bytes_get_data(pdf->bytes, &length);
  return vb_pdf_open(bytes, length, out, NULL, 0);
}

int vb_pdf_gray_has_run(const unsigned char *pixels, int width, int height, int bytes_per_line, int ink, int min_run) {
  if (!pixels || width <= 0 || height <= 0 || bytes_per_line < width) return 0;
  if (min_run < 1) min_run = 1;
  if (min_run > width && min_run > height) return 0;
  /* One pass in memory order: a counter per column for the vertical runs. */
  int *down = calloc((size_t)width, sizeof *down);
  if (!down) return 1; /* cannot tell: let the caller look */
  int found = 0;
  for (int y = 0; y < height && !found; y++) {
    const unsigned char *row = pixels + (size_t)y * (size_t)bytes_per_line;
    int across = 0;
    for (int x = 0; x < width; x++) {
      if (row[x] < ink) {
        if (++across >= min_run || ++down[x] >= min_run) {
          found = 1;
          break;
        }
      } else {
        across = 0;
        down[x] = 0;
      }
    }
  }
  free(down);
  return found;
}
