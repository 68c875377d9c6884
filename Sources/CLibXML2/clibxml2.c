#include "clibxml2.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The text being built: bytes, and the source line of each finished line. */
typedef struct {
  char *bytes;
  size_t length, capacity;
  int *lines;
  size_t line_count, line_capacity;
  /* The source line of the first text on the line being built, 0 when it has none yet. */
  int pending_line;
  /* Whether the last byte written was a space (runs of white space become one space). */
  int after_space;
  /* Inside a table row: cells are parted by tabs, and blocks inside a cell by spaces. */
  int in_row, cells_in_row;
  /* Where the line being built starts in `bytes`. */
  size_t line_start;
  int failed;
} builder;

static void put(builder *b, const char *s, size_t n) {
  if (b->failed) return;
  if (b->length + n + 1 > b->capacity) {
    size_t cap = b->capacity ? b->capacity : 4096;
    while (cap < b->length + n + 1) cap *= 2;
    char *grown = realloc(b->bytes, cap);
    if (!grown) { b->failed = 1; return; }
    b->bytes = grown;
    b->capacity = cap;
  }
  memcpy(b->bytes + b->length, s, n);
  b->length += n;
}

/* Ends the line being built, when it holds anything. */
static void end_line(builder *b) {
  if (b->failed) return;
  /* Trailing spaces go; a line with no text (tabs of empty cells) is dropped whole. */
  while (b->length > b->line_start && b->bytes[b->length - 1] == ' ') b->length--;
  if (b->pending_line == 0) { b->length = b->line_start; return; }
  if (b->line_count == b->line_capacity) {
    size_t cap = b->line_capacity ? b->line_capacity * 2 : 256;
    int *grown = realloc(b->lines, cap * sizeof(int));
    if (!grown) { b->failed = 1; return; }
    b->lines = grown;
    b->line_capacity = cap;
  }
  b->lines[b->line_count++] = b->pending_line;
  put(b, "\n", 1);
  b->line_start = b->length;
  b->pending_line = 0;
  b->after_space = 1;
}

static void text(builder *b, const char *s, int source_line) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;
    /* Word's conditional comments ("<![if !vml]>", "<![endif]>") reach the HTML parser as
     * text: they are markup, not words. */
    if (c == '<' && p[1] == '!' && p[2] == '[') {
      const char *end = strstr((const char *)p, "]>");
      if (end) { p = (const unsigned char *)end + 1; continue; }
    }
    int space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
    /* U+00A0 (no-break space), as UTF-8 C2 A0. */
    if (c == 0xC2 && p[1] == 0xA0) { space = 1; p++; }
    if (space) {
      if (!b->after_space && b->pending_line) { put(b, " ", 1); b->after_space = 1; }
      continue;
    }
    if (b->pending_line == 0) b->pending_line = source_line > 0 ? source_line : 1;
    put(b, (const char *)p, 1);
    b->after_space = 0;
  }
}

static int is_named(const xmlNode *n, const char *const *names) {
  for (; *names; names++)
    if (strcasecmp((const char *)n->name, *names) == 0) return 1;
  return 0;
}

static const char *const skipped[] = {"head", "style", "script", "title", "xml", "noscript", "template", NULL};
static const char *const blocks[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "blockquote", "center", "section", "article", "header", "footer", "pre", "hr", "form", "address", NULL};

static void walk(builder *b, const xmlNode *node, int depth) {
  for (const xmlNode *n = node; n && !b->failed; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) text(b, (const char *)n->content, (int)xmlGetLineNo((xmlNode *)n));
      continue;
    }
    if (n->type != XML_ELEMENT_NODE || !n->name) continue;
    if (is_named(n, skipped)) continue;
    if (depth > 512) continue; /* a page nested deeper than any document is not walked further */
    const char *name = (const char *)n->name;
    if (strcasecmp(name, "br") == 0) {
      if (b->in_row) { if (!b->after_space) { put(b, " ", 1); b->after_space = 1; } }
      else end_line(b);
      continue;
    }
    if (strcasecmp(name, "tr") == 0) {
      end_line(b);
      int saved_row = b->in_row, saved_cells = b->cells_in_row;
      b->in_row = 1;
      b->cells_in_row = 0;
      walk(b, n->children, depth + 1);
      end_line(b);
      b->in_row = saved_row;
      b->cells_in_row = saved_cells;
      continue;
    }
    if (b->in_row && (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)) {
      if (b->cells_in_row > 0) {
        while (b->length > b->line_start && b->bytes[b->length - 1] == ' ') b->length--;
        put(b, "\t", 1);
        b->after_space = 1;
      }
      b->cells_in_row++;
      walk(b, n->children, depth + 1);
      continue;
    }
    int block = is_named(n, blocks);
    if (block && b->in_row) {
      /* A paragraph inside a cell: the cell goes on after a space. A nested table's rows
       * are walked as rows of their own. */
      if (strcasecmp(name, "table") == 0) {
        int saved_row = b->in_row;
        b->in_row = 0;
        end_line(b);
        walk(b, n->children, depth + 1);
        end_line(b);
        b->in_row = saved_row;
        continue;
      }
      if (!b->after_space && b->pending_line) { put(b, " ", 1); b->after_space = 1; }
      walk(b, n->children, depth + 1);
      if (!b->after_space && b->pending_line) { put(b, " ", 1); b->after_space = 1; }
      continue;
    }
    if (block) end_line(b);
    walk(b, n->children, depth + 1);
    if (block) end_line(b);
  }
}

int vb_html_to_text(const char *bytes, size_t length, vb_html_text *out) {
  memset(out, 0, sizeof *out);
  if (length > (size_t)INT32_MAX) return -1;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                HTML_PARSE_COMPACT;
  htmlDocPtr doc = htmlReadMemory(bytes, (int)length, NULL, NULL, options);
  if (!doc) return -1;
  xmlNode *root = xmlDocGetRootElement(doc);
  if (!root) { xmlFreeDoc(doc); return -1; }
  builder b = {0};
  b.after_space = 1;
  walk(&b, root, 0);
  end_line(&b);
  put(&b, "", 0);
  if (b.failed) {
    free(b.bytes);
    free(b.lines);
    xmlFreeDoc(doc);
    return -2;
  }
  if (b.bytes) b.bytes[b.length] = 0;
  out->text = b.bytes;
  out->length = b.length;
  out->source_lines = b.lines;
  out->line_count = b.line_count;
  if (doc->encoding) out->encoding = strdup((const char *)doc->encoding);
  xmlFreeDoc(doc);
  return 0;
}

void vb_html_free(vb_html_text *t) {
  free(t->text);
  free(t->source_lines);
  free(t->encoding);
  memset(t, 0, sizeof *t);
}
