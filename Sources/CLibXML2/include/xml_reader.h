#ifndef VANBAN_XML_READER_H
#define VANBAN_XML_READER_H

/* An XML document in memory read as a stream of events with libxml2's xmlTextReader, behind
 * plain C types: a DOCX part can be tens of megabytes, and a tree of it would cost many times
 * that. Entities are not substituted and nothing is fetched from the network; libxml2's own
 * limits (nesting depth 256, text nodes of 10 MB) stay on, so a hostile part fails as
 * malformed instead of exhausting memory. */

#include <stddef.h>

typedef struct vb_xml_reader vb_xml_reader;

enum {
  VB_XML_START = 1,
  VB_XML_END = 2,
  /* Character data: text, CDATA and white space alike. */
  VB_XML_TEXT = 3,
};

typedef struct {
  int kind;
  /* The element's local name (start and end events); NULL for text. */
  const char *name;
  /* The position of the element's namespace URI in the list given to vb_xml_reader_new, or -1
   * when it is in none of them. */
  int ns;
  /* UTF-8 text of a text event, not NUL-terminated inside the document; NULL otherwise. */
  const char *text;
  size_t text_length;
} vb_xml_event;

/* NULL when memory runs out or the length is past libxml2's int. The namespace strings are
 * copied. */
vb_xml_reader *vb_xml_reader_new(const char *bytes, size_t length, const char *const *namespaces,
                                 int namespace_count);

/* 1 when `event` holds the next event (valid until the next call); 0 at the end of the
 * document; -1 when the XML is not well-formed (see vb_xml_reader_error). An empty element
 * (<w:b/>) gives a start event and then an end event. */
int vb_xml_reader_next(vb_xml_reader *reader, vb_xml_event *event);

/* The value of the current start tag's attribute with this local name, whatever its
 * namespace; NULL when it has none or the current event is not a start. Valid until the next
 * call of any vb_xml_reader function. */
const char *vb_xml_reader_attribute(vb_xml_reader *reader, const char *local_name);

/* libxml2's message for the first error, and its line (1-based, 0 when unknown); NULL when
 * there was none. */
const char *vb_xml_reader_error(const vb_xml_reader *reader, int *line);

void vb_xml_reader_free(vb_xml_reader *reader);

#endif
