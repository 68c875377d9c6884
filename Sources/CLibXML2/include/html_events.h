#ifndef VANBAN_HTML_EVENTS_H
#define VANBAN_HTML_EVENTS_H

/* An HTML page read with libxml2's HTML parser into a flat stream of events (element start,
 * element end, text), behind plain C types: libxml2's own types stay in html_events.c.
 *
 * The parser is driven through SAX, so no libxml2 tree is built and nothing here recurses: a
 * page nested a million elements deep costs memory in proportion to its size, not stack.
 * Elements are balanced the way a browser balances them (implied end tags are given as end
 * events). The parser finds the encoding itself (byte-order mark, <meta charset>, else
 * ISO-8859-1) unless one is given, and decodes character references. Nothing is fetched from
 * the network.
 *
 * What a reader of the page never sees is left out here: the content of <head>, <script>,
 * <style>, <noscript>, <template>, <title>, Word's <xml> islands, comments, and the
 * conditional comments Word writes as text ("<![if !vml]>"). */

#include <stddef.h>

enum {
  VB_HTML_START = 1,
  VB_HTML_END = 2,
  VB_HTML_TEXT = 3,
};

typedef struct {
  int kind;
  /* The source line (1-based): of a start tag, the line its '>' stands on; of text, the line
   * its first character stands on. */
  int line;
  /* Start and end: the element's name, lower-case ASCII. NULL for text. */
  const char *name;
  /* Text: UTF-8, NUL-terminated, `text_length` bytes. NULL for elements. */
  const char *text;
  size_t text_length;
  /* Start: the attributes readers of documents use, NULL when absent (`hidden` is given as
   * the style "display:none"). `colspan`, `rowspan` and `start` are 1 when absent, else the
   * leading digits written (0 kept: `rowspan="0"` spans to the end; junk or a sign as 1; capped
   * at 65534). */
  const char *id;
  const char *class_name;
  const char *role;
  const char *href;
  const char *style;
  const char *type;
  int colspan;
  int rowspan;
  int start;
} vb_html_event;

typedef struct vb_html_page vb_html_page;

enum {
  VB_HTML_OK = 0,
  /* libxml2 could not start reading the bytes. */
  VB_HTML_UNREADABLE = -1,
  VB_HTML_NO_MEMORY = -2,
  /* Elements nested deeper than `max_depth`. */
  VB_HTML_TOO_DEEP = -3,
  /* The length is past libxml2's int. */
  VB_HTML_TOO_LONG = -4,
};

/* Reads the page; *out is set on VB_HTML_OK (free with vb_html_page_free) and NULL otherwise.
 * `encoding` (a name libxml2 knows, "UTF-8", "windows-1252") overrides what the page declares;
 * NULL lets libxml2 find it. `max_depth` bounds element nesting. */
int vb_html_page_read(const char *bytes, size_t length, const char *encoding, int max_depth,
                      vb_html_page **out);

size_t vb_html_page_event_count(const vb_html_page *page);
/* The events, valid until vb_html_page_free. */
const vb_html_event *vb_html_page_events(const vb_html_page *page);
/* The encoding the page was read in as libxml2 names it ("windows-1252", "UTF-8"), or NULL
 * when libxml2 kept its default. */
const char *vb_html_page_encoding(const vb_html_page *page);
/* libxml2's first error message and its line (0 when none): the parser recovers from most,
 * so this is for notes, not failure. NULL when there was none. */
const char *vb_html_page_error(const vb_html_page *page, int *line);

void vb_html_page_free(vb_html_page *page);

#endif
