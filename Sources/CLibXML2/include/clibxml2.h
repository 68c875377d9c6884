#ifndef VANBAN_CLIBXML2_H
#define VANBAN_CLIBXML2_H

/* An HTML page (a portal's page, a Word "Save as Web Page" file) read with libxml2's HTML
 * parser and walked into lines of text, behind plain C types: libxml2's own headers stay in
 * clibxml2.c. The parser finds the encoding itself (byte-order mark, <meta charset>, else
 * windows-1252 as browsers do) and decodes character references. */

#include <stddef.h>

typedef struct {
  /* UTF-8, lines separated by '\n'; the cells of a table row by '\t'. */
  char *text;
  size_t length;
  /* For each line of `text`, the line of the HTML source its first text came from (1-based). */
  int *source_lines;
  size_t line_count;
  /* The encoding the page declared or was read in, or NULL. */
  char *encoding;
} vb_html_text;

/* 0 on success; -1 when the bytes are no HTML document libxml2 can read, -2 when memory ran
 * out. On success, free with vb_html_free. */
int vb_html_to_text(const char *bytes, size_t length, vb_html_text *out);
void vb_html_free(vb_html_text *text);

#endif
