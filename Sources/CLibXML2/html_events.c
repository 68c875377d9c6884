#include "html_events.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Strings live in blocks that never move, so events can point into them while the event
 * array grows. */
typedef struct block {
  struct block *next;
  size_t used, capacity;
  char bytes[];
} block;

struct vb_html_page {
  vb_html_event *events;
  size_t count, capacity;
  block *blocks;
  char *encoding;
  char *error;
  int error_line;
  /* While reading. */
  xmlParserCtxtPtr ctxt;
  int depth, max_depth;
  /* Depth inside an element whose content is never shown (0 when not in one). */
  int skipping;
  /* Text read since the last element event, not yet an event: the parser gives a long text
   * in chunks. */
  char *pending;
  size_t pending_length, pending_capacity;
  int pending_line;
  int failed, too_deep;
};

static void fail(vb_html_page *p) {
  p->failed = 1;
  if (p->ctxt) xmlStopParser(p->ctxt);
}

static char *store(vb_html_page *p, const char *s, size_t n) {
  block *b = p->blocks;
  if (!b || b->capacity - b->used < n + 1) {
    size_t capacity = n + 1 > 65536 ? n + 1 : 65536;
    block *grown = malloc(sizeof(block) + capacity);
    if (!grown) { fail(p); return NULL; }
    grown->next = p->blocks;
    grown->used = 0;
    grown->capacity = capacity;
    p->blocks = grown;
    b = grown;
  }
  char *out = b->bytes + b->used;
  if (n && s) memcpy(out, s, n);
  out[n] = 0;
  b->used += n + 1;
  return out;
}

static vb_html_event *add(vb_html_page *p) {
  if (p->failed) return NULL;
  if (p->count == p->capacity) {
    size_t capacity = p->capacity ? p->capacity * 2 : 1024;
    vb_html_event *grown = realloc(p->events, capacity * sizeof *grown);
    if (!grown) { fail(p); return NULL; }
    p->events = grown;
    p->capacity = capacity;
  }
  vb_html_event *e = &p->events[p->count++];
  memset(e, 0, sizeof *e);
  return e;
}

/* Word's conditional comments ("<![if !vml]>", "<![endif]>") reach the HTML parser as text:
 * they are markup, not words, and are cut out of the pending text. */
static void drop_conditionals(vb_html_page *p) {
  char *s = p->pending;
  size_t n = p->pending_length, k = 0;
  if (!memchr(s, '<', n)) return;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '<' && i + 2 < n && s[i + 1] == '!' && s[i + 2] == '[') {
      size_t j = i + 3;
      while (j + 1 < n && !(s[j] == ']' && s[j + 1] == '>')) j++;
      if (j + 1 < n) { i = j + 1; continue; }
    }
    s[k++] = s[i];
  }
  p->pending_length = k;
}

/* The text read since the last element event becomes an event. */
static void flush_text(vb_html_page *p) {
  if (p->pending_length == 0 || p->failed) { p->pending_length = 0; return; }
  drop_conditionals(p);
  if (p->pending_length == 0) return;
  vb_html_event *e = add(p);
  if (!e) return;
  e->kind = VB_HTML_TEXT;
  e->line = p->pending_line;
  e->text = store(p, p->pending, p->pending_length);
  e->text_length = p->pending_length;
  p->pending_length = 0;
}

static int current_line(const vb_html_page *p) {
  return p->ctxt && p->ctxt->input ? p->ctxt->input->line : 0;
}

static const char *const hidden_elements[] = {
    "head", "script", "style", "noscript", "template", "title", "xml", "object", "embed", NULL};

static int is_hidden_element(const char *name) {
  for (const char *const *h = hidden_elements; *h; h++)
    if (strcmp(name, *h) == 0) return 1;
  return 0;
}

/* A number attribute as browsers read it: its leading digits, else 1. */
static int number(const char *value) {
  if (!value) return 1;
  while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r') value++;
  long n = 0;
  int digits = 0;
  for (; *value >= '0' && *value <= '9'; value++, digits++) {
    n = n * 10 + (*value - '0');
    if (n > 65534) n = 65534;
  }
  if (!digits) return 1;
  return (int)n;
}

static void on_start(void *context, const xmlChar *name, const xmlChar **atts) {
  vb_html_page *p = ((xmlParserCtxtPtr)context)->_private;
  if (p->failed) return;
  if (++p->depth > p->max_depth) {
    p->too_deep = 1;
    fail(p);
    return;
  }
  if (p->skipping) { p->skipping++; return; }
  const char *tag = (const char *)name;
  if (is_hidden_element(tag)) { p->skipping = 1; return; }
  flush_text(p);
  vb_html_event *e = add(p);
  if (!e) return;
  e->kind = VB_HTML_START;
  e->line = current_line(p);
  e->name = store(p, tag, strlen(tag));
  e->colspan = e->rowspan = e->start = 1;
  for (const xmlChar **a = atts; a && a[0]; a += 2) {
    const char *key = (const char *)a[0];
    const char *value = a[1] ? (const char *)a[1] : "";
    const char **slot = NULL;
    if (strcasecmp(key, "id") == 0) slot = &e->id;
    else if (strcasecmp(key, "class") == 0) slot = &e->class_name;
    else if (strcasecmp(key, "role") == 0) slot = &e->role;
    else if (strcasecmp(key, "href") == 0) slot = &e->href;
    else if (strcasecmp(key, "style") == 0) slot = &e->style;
    else if (strcasecmp(key, "type") == 0) slot = &e->type;
    else if (strcasecmp(key, "hidden") == 0) { e->style = store(p, "display:none", 12); continue; }
    else if (strcasecmp(key, "colspan") == 0) e->colspan = number(value);
    else if (strcasecmp(key, "rowspan") == 0) e->rowspan = number(value);
    else if (strcasecmp(key, "start") == 0) e->start = number(value);
    if (slot && !*slot) *slot = store(p, value, strlen(value));
  }
}

static void on_end(void *context, const xmlChar *name) {
  vb_html_page *p = ((xmlParserCtxtPtr)context)->_private;
  if (p->failed) return;
  if (p->depth > 0) p->depth--;
  if (p->skipping) { p->skipping--; return; }
  flush_text(p);
  vb_html_event *e = add(p);
  if (!e) return;
  e->kind = VB_HTML_END;
  e->line = current_line(p);
  e->name = store(p, (const char *)name, strlen((const char *)name));
}

/* Adds text to what the next text event will hold: the parser gives a text in chunks (and a
 * '<' that opens no tag as a chunk of its own). */
static void on_text(void *context, const xmlChar *chars, int length) {
  vb_html_page *p = ((xmlParserCtxtPtr)context)->_private;
  if (p->failed || p->skipping || length <= 0) return;
  const char *s = (const char *)chars;
  size_t n = (size_t)length;
  /* The parser gives text when it has read past it: the chunk started as many lines up as it
   * holds line breaks. */
  int line = current_line(p);
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\n') line--;
  if (line < 1) line = 1;

  if (n > 0) {
    if (p->pending_length == 0) p->pending_line = line;
    if (p->pending_capacity - p->pending_length < n) {
      size_t capacity = p->pending_capacity ? p->pending_capacity : 4096;
      while (capacity - p->pending_length < n) capacity *= 2;
      char *grown = realloc(p->pending, capacity);
      if (!grown) { fail(p); return; }
      p->pending = grown;
      p->pending_capacity = capacity;
    }
    memcpy(p->pending + p->pending_length, s, n);
    p->pending_length += n;
  }
}

/* Keeps the first error: most are recovered from, and the first says most. */
static void on_error(void *context, xmlErrorPtr error) {
  vb_html_page *p = context ? ((xmlParserCtxtPtr)context)->_private : NULL;
  if (!p) return;
  if (!error || error->level < XML_ERR_ERROR || p->error) return;
  const char *message = error->message ? error->message : "malformed HTML";
  size_t n = strlen(message);
  while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) n--;
  p->error = malloc(n + 1);
  if (p->error) {
    memcpy(p->error, message, n);
    p->error[n] = 0;
  }
  p->error_line = error->line;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) { xmlInitParser(); }

int vb_html_page_read(const char *bytes, size_t length, const char *encoding_name, int max_depth,
                      vb_html_page **out) {
  *out = NULL;
  if (length > (size_t)INT_MAX) return VB_HTML_TOO_LONG;
  pthread_once(&init_once, init_libxml);
  vb_html_page *p = calloc(1, sizeof *p);
  if (!p) return VB_HTML_NO_MEMORY;
  p->max_depth = max_depth > 0 ? max_depth : 256;
  /* libxml2 refuses an empty buffer: give it a space, which reads as a page with nothing. */
  static const char nothing[] = " ";
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(length ? bytes : nothing, length ? (int)length : 1);
  if (!ctxt) { free(p); return VB_HTML_UNREADABLE; }
  p->ctxt = ctxt;
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                               HTML_PARSE_NOBLANKS | HTML_PARSE_NODEFDTD);
  /* Events only: no libxml2 tree is built. */
  xmlSAXHandler *sax = ctxt->sax;
  memset(sax, 0, sizeof *sax);
  sax->initialized = XML_SAX2_MAGIC;
  sax->startElement = on_start;
  sax->endElement = on_end;
  sax->characters = on_text;
  sax->ignorableWhitespace = on_text;
  sax->serror = on_error;
  ctxt->_private = p;
  ctxt->userData = ctxt;
  ctxt->linenumbers = 1;
  if (encoding_name) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding_name);
    if (handler) xmlSwitchToEncoding(ctxt, handler);
  }
  htmlParseDocument(ctxt);
  flush_text(p);

  const xmlChar *encoding = ctxt->input ? ctxt->input->encoding : NULL;
  if (!encoding && ctxt->input && ctxt->input->buf && ctxt->input->buf->encoder)
    encoding = (const xmlChar *)ctxt->input->buf->encoder->name;
  if (!encoding) encoding = ctxt->encoding;
  if (encoding) p->encoding = strdup((const char *)encoding);
  p->ctxt = NULL;
  htmlFreeParserCtxt(ctxt);

  if (p->too_deep) { vb_html_page_free(p); return VB_HTML_TOO_DEEP; }
  if (p->failed) { vb_html_page_free(p); return VB_HTML_NO_MEMORY; }
  *out = p;
  return VB_HTML_OK;
}

size_t vb_html_page_event_count(const vb_html_page *page) { return page->count; }
const vb_html_event *vb_html_page_events(const vb_html_page *page) { return page->events; }
const char *vb_html_page_encoding(const vb_html_page *page) { return page->encoding; }

const char *vb_html_page_error(const vb_html_page *page, int *line) {
  if (line) *line = page->error ? page->error_line : 0;
  return page->error;
}

void vb_html_page_free(vb_html_page *page) {
  if (!page) return;
  for (block *b = page->blocks; b;) {
    block *next = b->next;
    free(b);
    b = next;
  }
  free(page->events);
  free(page->pending);
  free(page->encoding);
  free(page->error);
  free(page);
}
