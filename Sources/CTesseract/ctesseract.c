#define _GNU_SOURCE
#include "ctesseract.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <tesseract/capi.h>
#include <unistd.h>

#include "tesseract_symbols.h"

struct vb_ocr {
  TessBaseAPI *api;
  /* Orientation and script detection, or NULL without osd.traineddata. */
  TessBaseAPI *osd;
  /* The page's deadline (vb_ocr_set_time_limit), handed to every recognition while `limited`. */
  ETEXT_DESC *monitor;
  int limited;
  struct timespec deadline;
};

/* Leptonica reports every failed read on stderr; vanban reports them itself. */
static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;
static void quiet_leptonica(void) { setMsgSeverity(L_SEVERITY_NONE); }

/* Debian's Tesseract runs parts of recognition on OpenMP threads (its LSTM asks for them
 * with num_threads clauses). vanban already runs one engine per processor, and OpenMP's
 * spinning threads on a busy machine made a page several times slower (2.8 s against 0.6 s
 * for a 200-dpi page under load), so each engine's thread makes OpenMP's parallel regions
 * inactive: with max-active-levels 0 libgomp runs every region on the calling thread alone,
 * num_threads clauses included (omp_set_num_threads does not override those). Looked up
 * rather than linked: a Tesseract built without OpenMP has no such function. */
typedef void (*set_levels_fn)(int);
static set_levels_fn omp_set_levels;
static pthread_once_t omp_once = PTHREAD_ONCE_INIT;
static void find_omp(void) { omp_set_levels = (set_levels_fn)dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"); }

static void one_openmp_thread(void) {
  pthread_once(&omp_once, find_omp);
  if (omp_set_levels) omp_set_levels(0);
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A language name that cannot leave the tessdata folder ("vie", "vie+eng"). */
static int is_language(const char *language) {
  if (!language || !*language || strlen(language) > 64) return 0;
  for (const char *p = language; *p; p++) {
    char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return 0;
  }
  return 1;
}

static int holds(const char *dir, const char *language) {
  char path[4096];
  int n = snprintf(path, sizeof path, "%s/%s.traineddata", dir, language);
  return n > 0 && (size_t)n < sizeof path && is_file(path);
}

int vb_ocr_find_tessdata(const char *language, char *path, size_t capacity) {
  if (!is_language(language) || !path || capacity == 0) return VB_OCR_NO_DATA;
  char candidates[4][4096];
  int count = 0;
  const char *env = getenv("TESSDATA_PREFIX");
  if (env && *env && strlen(env) < 4000) {
    snprintf(candidates[count++], sizeof candidates[0], "%s", env);
    snprintf(candidates[count++], sizeof candidates[0], "%s/tessdata", env);
  }
  snprintf(candidates[count++], sizeof candidates[0], "%s", "/usr/share/tesseract-ocr/5/tessdata");
  snprintf(candidates[count++], sizeof candidates[0], "%s", "/usr/share/tesseract-ocr/4.00/tessdata");
  for (int k = 0; k < count; k++) {
    if (!holds(candidates[k], language)) continue;
    size_t n = strlen(candidates[k]);
    if (n >= capacity) return VB_OCR_NO_DATA;
    memcpy(path, candidates[k], n + 1);
    return VB_OCR_OK;
  }
  path[0] = 0;
  return VB_OCR_NO_DATA;
}

int vb_ocr_create(const char *language, vb_ocr **out) { return vb_ocr_create_with(language, 1, out); }

int vb_ocr_create_with(const char *language, int use_osd, vb_ocr **out) {
  if (!out) return VB_OCR_NO_DATA;
  *out = NULL;
  if (vb_tesseract_load() != 0) return VB_OCR_MISSING_LIBRARY;
  pthread_once(&quiet_once, quiet_leptonica);
  char dir[4096];
  if (vb_ocr_find_tessdata(language, dir, sizeof dir) != VB_OCR_OK) return VB_OCR_NO_DATA;
  vb_ocr *ocr = calloc(1, sizeof *ocr);
  if (!ocr) return VB_OCR_NO_MEMORY;
  ocr->api = TessBaseAPICreate();
  if (!ocr->api) {
    free(ocr);
    return VB_OCR_NO_MEMORY;
  }
  /* Tesseract's progress and warnings ("Estimating resolution as …") go nowhere. */
  TessBaseAPISetVariable(ocr->api, "debug_file", "/dev/null");
  /* The LSTM recogniser; data with only the legacy model still loads by the default mode. */
  if (TessBaseAPIInit2(ocr->api, dir, language, OEM_LSTM_ONLY) != 0 &&
      TessBaseAPIInit3(ocr->api, dir, language) != 0) {
    vb_ocr_destroy(ocr);
    return VB_OCR_NO_DATA;
  }
  TessBaseAPISetPageSegMode(ocr->api, PSM_AUTO);
  if (use_osd && holds(dir, "osd")) {
    ocr->osd = TessBaseAPICreate();
    if (ocr->osd && TessBaseAPIInit3(ocr->osd, dir, "osd") == 0) {
      TessBaseAPISetPageSegMode(ocr->osd, PSM_OSD_ONLY);
    } else if (ocr->osd) {
      TessBaseAPIDelete(ocr->osd);
      ocr->osd = NULL;
    }
  }
  *out = ocr;
  return VB_OCR_OK;
}

void vb_ocr_destroy(vb_ocr *ocr) {
  if (!ocr) return;
  if (ocr->api) {
    TessBaseAPIEnd(ocr->api);
    TessBaseAPIDelete(ocr->api);
  }
  if (ocr->osd) {
    TessBaseAPIEnd(ocr->osd);
    TessBaseAPIDelete(ocr->osd);
  }
  if (ocr->monitor) TessMonitorDelete(ocr->monitor);
  free(ocr);
}

int vb_ocr_has_osd(const vb_ocr *ocr) { return ocr && ocr->osd ? 1 : 0; }

static int valid_picture(const unsigned char *pixels, int width, int height, int bytes_per_line, int dpi) {
  return pixels && width > 0 && height > 0 && width <= 65535 && height <= 65535 && bytes_per_line >= width &&
         dpi >= 0 && dpi <= 4800;
}

/* The caller's bytes as an 8-bit leptonica picture. */
static PIX *pix_from_gray(const unsigned char *pixels, int width, int height, int bytes_per_line) {
  PIX *pix = pixCreate(width, height, 8);
  if (!pix) return NULL;
  l_uint32 *data = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < height; y++) {
    l_uint32 *line = data + (size_t)y * (size_t)wpl;
    const unsigned char *row = pixels + (size_t)y * (size_t)bytes_per_line;
    for (int x = 0; x < width; x++) SET_DATA_BYTE(line, x, row[x]);
  }
  return pix;
}

/* Words grown into one result, their text in one buffer. */
typedef struct {
  vb_ocr_result *out;
  size_t word_capacity;
  size_t text_capacity;
} result_builder;

static int append_word(result_builder *b, const char *text, int x0, int y0, int x1, int y1, float confidence,
                       int line) {
  vb_ocr_result *out = b->out;
  size_t n = strlen(text);
  if (out->count == b->word_capacity) {
    size_t capacity = b->word_capacity ? b->word_capacity * 2 : 256;
    vb_ocr_word *words = realloc(out->words, capacity * sizeof *words);
    if (!words) return VB_OCR_NO_MEMORY;
    out->words = words;
    b->word_capacity = capacity;
  }
  if (out->text_length + n > b->text_capacity) {
    size_t capacity = b->text_capacity ? b->text_capacity : 4096;
    while (capacity < out->text_length + n) capacity *= 2;
    char *text_buffer = realloc(out->text, capacity);
    if (!text_buffer) return VB_OCR_NO_MEMORY;
    out->text = text_buffer;
    b->text_capacity = capacity;
  }
  memcpy(out->text + out->text_length, text, n);
  vb_ocr_word *w = &out->words[out->count++];
  w->text_offset = out->text_length;
  w->text_length = n;
  out->text_length += n;
  w->x0 = x0, w->y0 = y0, w->x1 = x1, w->y1 = y1;
  w->confidence = confidence;
  w->line = line;
  return VB_OCR_OK;
}

/* The monitor that carries the page's deadline, or NULL without a limit. */
static ETEXT_DESC *page_monitor(const vb_ocr *ocr) { return ocr->limited ? ocr->monitor : NULL; }

void vb_ocr_set_time_limit(vb_ocr *ocr, int milliseconds) {
  if (!ocr) return;
  ocr->limited = 0;
  if (milliseconds <= 0) return;
  /* A fresh monitor each time: Tesseract's deadline can be moved later but never lifted. */
  if (ocr->monitor) TessMonitorDelete(ocr->monitor);
  ocr->monitor = TessMonitorCreate();
  if (!ocr->monitor) return;
  TessMonitorSetDeadlineMSecs(ocr->monitor, milliseconds);
  clock_gettime(CLOCK_MONOTONIC, &ocr->deadline);
  ocr->deadline.tv_sec += milliseconds / 1000;
  ocr->deadline.tv_nsec += (long)(milliseconds % 1000) * 1000000L;
  if (ocr->deadline.tv_nsec >= 1000000000L) {
    ocr->deadline.tv_sec += 1;
    ocr->deadline.tv_nsec -= 1000000000L;
  }
  ocr->limited = 1;
}

int vb_ocr_time_is_up(const vb_ocr *ocr) {
  if (!ocr || !ocr->limited) return 0;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec > ocr->deadline.tv_sec ||
         (now.tv_sec == ocr->deadline.tv_sec && now.tv_nsec >= ocr->deadline.tv_nsec);
}

/* Recognises `pix` with the engine and gathers its words. */
static int recognize_pix(TessBaseAPI *api, ETEXT_DESC *monitor, PIX *pix, int dpi, vb_ocr_result *out) {
  result_builder b = {.out = out};
  TessBaseAPISetImage2(api, pix);
  if (dpi > 0) TessBaseAPISetSourceResolution(api, dpi);
  if (TessBaseAPIRecognize(api, monitor) != 0) {
    TessBaseAPIClear(api);
    return VB_OCR_FAILED;
  }
  int status = VB_OCR_OK;
  TessResultIterator *it = TessBaseAPIGetIterator(api);
  if (it) {
    TessPageIterator *page = TessResultIteratorGetPageIterator(it);
    int line = -1;
    do {
      if (line < 0 || TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE)) line++;
      int l = 0, t = 0, r = 0, btm = 0;
      if (!TessPageIteratorBoundingBox(page, RIL_WORD, &l, &t, &r, &btm)) continue;
      char *text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
      float confidence = TessResultIteratorConfidence(it, RIL_WORD);
      int w = r - l, h = btm - t;
      /* An empty word that is long and thin is a rule Tesseract found; rules mark table rows. */
      int keep = (text && *text) || (w > 8 * h || h > 8 * w);
      if (keep) status = append_word(&b, text ? text : "", l, t, r, btm, confidence, line);
      if (text) TessDeleteText(text);
    } while (status == VB_OCR_OK && TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
  }
  TessBaseAPIClear(api);
  return status;
}

/* How upright a trial reading looks: the mean confidence over the recognised characters,
 * counting only words laid out across the picture. Tesseract reads a sideways page's
 * vertical lines well enough (its layout analysis turns vertical blocks), so confidence
 * alone cannot tell 0 from 90 degrees; the words' boxes can: upright words are wider than
 * tall. Upside-down text reads with little confidence. */
static double upright_score(const vb_ocr_result *r) {
  double sum = 0, weight = 0;
  for (size_t k = 0; k < r->count; k++) {
    const vb_ocr_word *w = &r->words[k];
    if (w->text_length == 0 || w->confidence < 0) continue;
    size_t characters = 0;
    for (size_t i = 0; i < w->text_length; i++)
      if (((unsigned char)r->text[w->text_offset + i] & 0xC0) != 0x80) characters++;
    double length = (double)characters;
    weight += length;
    int across = w->x1 - w->x0 >= w->y1 - w->y0;
    /* One or two letters say nothing about direction. */
    if (across || characters < 3) sum += w->confidence * length;
  }
  return weight > 0 ? sum / weight : 0;
}

/* Tesseract's OSD gives the page's orientation counter-clockwise ("Orientation in degrees:
 * 90" for a page scanned a quarter turn clockwise); the turn that makes it upright is the
 * rest of a full turn, clockwise, as pixRotateOrth turns. */
static int rotation_from_osd(int orient_deg) {
  switch (((orient_deg % 360) + 360) % 360) {
  case 90: return 270;
  case 180: return 180;
  case 270: return 90;
  default: return 0;
  }
}

/* A reading this confident, its words laid across the picture, is taken as upright: most
 * pages are, and asking OSD first cost as much as reading the page. */
static const double upright_enough = 80;

static int detect_rotation(vb_ocr *ocr, PIX *pix, int dpi, int *rotation, int *method) {
  *rotation = 0;
  *method = VB_OCR_ORIENTATION_CONFIDENCE;
  if (ocr->osd) {
    int deg = 0;
    float confidence = 0, script_confidence = 0;
    const char *script = NULL;
    TessBaseAPISetImage2(ocr->osd, pix);
    if (dpi > 0) TessBaseAPISetSourceResolution(ocr->osd, dpi);
    int found = TessBaseAPIDetectOrientationScript(ocr->osd, &deg, &confidence, &script, &script_confidence);
    TessBaseAPIClear(ocr->osd);
    /* Below about 2, OSD is guessing (a page with a few words, a photograph). */
    if (found && confidence >= 2.0f) {
      *rotation = rotation_from_osd(deg);
      *method = VB_OCR_ORIENTATION_OSD;
      return VB_OCR_OK;
    }
  }
  /* Four trial readings of a copy at about 150 dpi: a quarter of the pixels of a 300-dpi page. */
  double assumed = dpi > 0 ? dpi : 300;
  float factor = assumed > 150 ? (float)(150.0 / assumed) : 1.0f;
  PIX *small = factor < 1 ? pixScale(pix, factor, factor) : pixClone(pix);
  if (!small) return VB_OCR_NO_MEMORY;
  int small_dpi = (int)lround(assumed * factor);
  double best = -1;
  int status = VB_OCR_OK;
  for (int quads = 0; quads < 4 && status == VB_OCR_OK; quads++) {
    PIX *turned = quads == 0 ? pixClone(small) : pixRotateOrth(small, quads);
    if (!turned) {
      status = VB_OCR_NO_MEMORY;
      break;
    }
    vb_ocr_result trial;
    memset(&trial, 0, sizeof trial);
    int s = recognize_pix(ocr->api, page_monitor(ocr), turned, small_dpi, &trial);
    pixDestroy(&turned);
    if (s == VB_OCR_NO_MEMORY) status = s;
    double score = s == VB_OCR_OK ? upright_score(&trial) : 0;
    vb_ocr_result_free(&trial);
    if (score > best) {
      best = score;
      *rotation = quads * 90;
    }
    /* Most pages are upright: a confident first reading settles it. */
    if (quads == 0 && score >= upright_enough) break;
  }
  pixDestroy(&small);
  return status;
}

int vb_ocr_detect_rotation(vb_ocr *ocr, const unsigned char *pixels, int width, int height, int bytes_per_line,
                           int dpi, int *rotation, int *method) {
  int r = 0, m = VB_OCR_ORIENTATION_NONE;
  if (rotation) *rotation = 0;
  if (method) *method = m;
  if (!ocr || !valid_picture(pixels, width, height, bytes_per_line, dpi)) return VB_OCR_BAD_IMAGE;
  one_openmp_thread();
  PIX *pix = pix_from_gray(pixels, width, height, bytes_per_line);
  if (!pix) return VB_OCR_NO_MEMORY;
  int status = detect_rotation(ocr, pix, dpi, &r, &m);
  pixDestroy(&pix);
  if (rotation) *rotation = r;
  if (method) *method = m;
  return status;
}

int vb_ocr_recognize(vb_ocr *ocr, const unsigned char *pixels, int width, int height, int bytes_per_line, int dpi,
                     int detect_orientation, vb_ocr_result *out) {
  if (!out) return VB_OCR_BAD_IMAGE;
  memset(out, 0, sizeof *out);
  if (!ocr || !valid_picture(pixels, width, height, bytes_per_line, dpi)) return VB_OCR_BAD_IMAGE;
  one_openmp_thread();
  PIX *pix = pix_from_gray(pixels, width, height, bytes_per_line);
  if (!pix) return VB_OCR_NO_MEMORY;
  int status = recognize_pix(ocr->api, page_monitor(ocr), pix, dpi, out);
  int rotation = 0, method = VB_OCR_ORIENTATION_NONE;
  if (status == VB_OCR_OK && detect_orientation) {
    if (upright_score(out) >= upright_enough) {
      method = VB_OCR_ORIENTATION_READING;
    } else {
      status = detect_rotation(ocr, pix, dpi, &rotation, &method);
    }
  }
  if (status == VB_OCR_OK && rotation != 0) {
    vb_ocr_result_free(out);
    PIX *turned = pixRotateOrth(pix, rotation / 90);
    pixDestroy(&pix);
    if (!turned) return VB_OCR_NO_MEMORY;
    pix = turned;
    status = recognize_pix(ocr->api, page_monitor(ocr), pix, dpi, out);
  }
  if (status == VB_OCR_OK) {
    out->width = pixGetWidth(pix);
    out->height = pixGetHeight(pix);
    out->rotation = rotation;
    out->orientation_method = method;
  }
  pixDestroy(&pix);
  if (status != VB_OCR_OK) vb_ocr_result_free(out);
  return status;
}

void vb_ocr_result_free(vb_ocr_result *result) {
  if (!result) return;
  free(result->words);
  free(result->text);
  memset(result, 0, sizeof *result);
}

void vb_ocr_gray_free(vb_ocr_gray *image) {
  if (!image) return;
  free(image->pixels);
  memset(image, 0, sizeof *image);
}

/* The picture in `pix` (8-bit, no colour map) copied out to `out`. */
static int gray_out(PIX *pix, int dpi, vb_ocr_gray *out) {
  int width = pixGetWidth(pix), height = pixGetHeight(pix);
  out->pixels = malloc((size_t)width * (size_t)height);
  if (!out->pixels) return VB_OCR_NO_MEMORY;
  l_uint32 *data = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < height; y++) {
    l_uint32 *line = data + (size_t)y * (size_t)wpl;
    unsigned char *row = out->pixels + (size_t)y * (size_t)width;
    for (int x = 0; x < width; x++) row[x] = (unsigned char)GET_DATA_BYTE(line, x);
  }
  out->width = width;
  out->height = height;
  out->bytes_per_line = width;
  out->dpi = dpi;
  return VB_OCR_OK;
}

int vb_ocr_gray_scale(const unsigned char *pixels, int width, int height, int bytes_per_line, int dpi, double factor,
                      vb_ocr_gray *out) {
  if (!out) return VB_OCR_BAD_IMAGE;
  memset(out, 0, sizeof *out);
  if (!valid_picture(pixels, width, height, bytes_per_line, dpi) || !(factor >= 0.25 && factor <= 4))
    return VB_OCR_BAD_IMAGE;
  /* Leptonica is reached through the loaded symbols: this can be the process's first call
   * into it (a scan's ruled cells, a test), before any engine or image loaded them. */
  if (vb_tesseract_load() != 0) return VB_OCR_MISSING_LIBRARY;
  pthread_once(&quiet_once, quiet_leptonica);
  PIX *pix = pix_from_gray(pixels, width, height, bytes_per_line);
  if (!pix) return VB_OCR_NO_MEMORY;
  PIX *scaled = pixScaleGrayLI(pix, (l_float32)factor, (l_float32)factor);
  pixDestroy(&pix);
  if (!scaled) return VB_OCR_NO_MEMORY;
  int status = gray_out(scaled, (int)lround(dpi * factor), out);
  pixDestroy(&scaled);
  return status;
}

struct vb_image_pages {
  const l_uint8 *bytes;
  size_t length;
  l_int32 format;
  /* The next TIFF directory to read; 0 once the last was read. */
  size_t offset;
  int done;
};

int vb_image_open(const void *bytes, size_t length, vb_image_pages **out) {
  if (!out) return VB_OCR_UNREADABLE;
  *out = NULL;
  if (vb_tesseract_load() != 0) return VB_OCR_MISSING_LIBRARY;
  pthread_once(&quiet_once, quiet_leptonica);
  /* findFileFormatBuffer reads the first 12 bytes. */
  if (!bytes || length < 12) return VB_OCR_UNREADABLE;
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormatBuffer(bytes, &format) != 0 || format == IFF_UNKNOWN) return VB_OCR_UNREADABLE;
  vb_image_pages *pages = calloc(1, sizeof *pages);
  if (!pages) return VB_OCR_NO_MEMORY;
  pages->bytes = bytes;
  pages->length = length;
  pages->format = format;
  *out = pages;
  return VB_OCR_OK;
}

void vb_image_close(vb_image_pages *pages) { free(pages); }

/* Whether a PNG's chunks run whole to IEND. libpng reports a file cut short on stderr before
 * leptonica can decline it; a cut file is the common damage, and this finds it first. */
static int png_is_whole(const l_uint8 *bytes, size_t length) {
  size_t at = 8;
  while (at + 12 <= length) {
    size_t chunk = ((size_t)bytes[at] << 24) | ((size_t)bytes[at + 1] << 16) | ((size_t)bytes[at + 2] << 8) | bytes[at + 3];
    if (chunk > length - at - 12) return 0;
    if (memcmp(bytes + at + 4, "IEND", 4) == 0) return 1;
    at += chunk + 12;
  }
  return 0;
}

/* `pix` as 8-bit gray without a colour map, transparent parts over white. */
static PIX *to_gray(PIX *pix) {
  PIX *p = pixClone(pix);
  if (!p) return NULL;
  if (pixGetDepth(p) == 32 && pixGetSpp(p) == 4) {
    PIX *blended = pixAlphaBlendUniform(p, 0xffffff00);
    pixDestroy(&p);
    if (!blended) return NULL;
    p = blended;
  }
  if (pixGetDepth(p) != 8 || pixGetColormap(p)) {
    PIX *gray = pixConvertTo8(p, 0);
    pixDestroy(&p);
    p = gray;
  }
  return p;
}

int vb_image_next(vb_image_pages *pages, size_t max_pixels, vb_ocr_gray *out) {
  if (!out) return -VB_OCR_UNREADABLE;
  memset(out, 0, sizeof *out);
  if (!pages || pages->done) return 0;
  PIX *pix = NULL;
  if (L_FORMAT_IS_TIFF(pages->format)) {
    size_t offset = pages->offset;
    pix = pixReadMemFromMultipageTiff(pages->bytes, pages->length, &offset);
    /* A directory that points back or nowhere ends the file rather than looping on it. */
    if (offset == 0 || offset <= pages->offset || offset >= pages->length) pages->done = 1;
    pages->offset = offset;
  } else {
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    pages->done = 1;
    if (pages->format == IFF_PNG && !png_is_whole(pages->bytes, pages->length)) return -VB_OCR_UNREADABLE;
    if (pixReadHeaderMem(pages->bytes, pages->length, &format, &w, &h, &bps, &spp, &cmap) == 0 &&
        (double)w * (double)h > (double)max_pixels)
      return -VB_OCR_TOO_LARGE;
    pix = pixReadMem(pages->bytes, pages->length);
  }
  if (!pix) {
    pages->done = 1;
    return -VB_OCR_UNREADABLE;
  }
  if ((double)pixGetWidth(pix) * (double)pixGetHeight(pix) > (double)max_pixels) {
    pixDestroy(&pix);
    pages->done = 1;
    return -VB_OCR_TOO_LARGE;
  }
  l_int32 xres = pixGetXRes(pix);
  PIX *gray = to_gray(pix);
  pixDestroy(&pix);
  if (!gray) {
    pages->done = 1;
    return -VB_OCR_NO_MEMORY;
  }
  /* A resolution outside what scanners write is a default or a mistake; Tesseract estimates. */
  int status = gray_out(gray, xres >= 50 && xres <= 2400 ? xres : 0, out);
  pixDestroy(&gray);
  if (status != VB_OCR_OK) {
    pages->done = 1;
    return -status;
  }
  return 1;
}

int vb_active_processor_count(void) {
#ifdef CPU_COUNT
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
#endif
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

void vb_ocr_set_block_mode(vb_ocr *ocr, int block) {
  if (!ocr || !ocr->api) return;
  TessBaseAPISetPageSegMode(ocr->api, block ? PSM_SINGLE_BLOCK : PSM_AUTO);
}
