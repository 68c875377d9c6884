#include "xml_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct vb_xml_reader {
  xmlTextReaderPtr reader;
  char **namespaces;
  int namespace_count;
  /* An empty element's start was given: its end comes next, without reading. */
  int pending_end;
  const char *pending_name;
  int pending_ns;
  /* Whether the reader stands on a start tag (attributes can be asked). */
  int on_start;
  /* An attribute value libxml2 built for us, freed on the next call. */
  xmlChar *owned_value;
  char *error;
  int error_line;
  int error_level;
};

/* libxml2 2.9 wants its globals set up once, before readers run on several threads. */
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) { xmlInitParser(); }

/* Keeps the first error, or the first fatal one: a namespace error the parser gets past is
 * not what stopped it. */
static void on_error(void *context, xmlErrorPtr error) {
  vb_xml_reader *r = context;
  if (!error || error->level < XML_ERR_ERROR) return;
  if (r->error && (r->error_level >= XML_ERR_FATAL || error->level < XML_ERR_FATAL)) return;
  free(r->error);
  r->error = NULL;
  r->error_level = error->level;
  const char *message = error->message ? error->message : "malformed XML";
  size_t n = strlen(message);
  while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) n--;
  r->error = malloc(n + 1);
  if (r->error) {
    memcpy(r->error, message, n);
    r->error[n] = 0;
  }
  r->error_line = error->line;
}

static void release_value(vb_xml_reader *r) {
  if (r->owned_value) {
    xmlFree(r->owned_value);
    r->owned_value = NULL;
  }
}

vb_xml_reader *vb_xml_reader_new(const char *bytes, size_t length, const char *const *namespaces,
                                 int namespace_count) {
  if (length > (size_t)INT_MAX || namespace_count < 0) return NULL;
  pthread_once(&init_once, init_libxml);
  vb_xml_reader *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  if (namespace_count > 0) {
    r->namespaces = calloc((size_t)namespace_count, sizeof(char *));
    if (!r->namespaces) { free(r); return NULL; }
    for (int i = 0; i < namespace_count; i++) {
      r->namespaces[i] = strdup(namespaces[i] ? namespaces[i] : "");
      r->namespace_count = i + 1;
      if (!r->namespaces[i]) { vb_xml_reader_free(r); return NULL; }
    }
  }
  /* An empty buffer is a malformed document, not a missing one: give libxml2 one byte it
   * will refuse rather than a NULL it cannot read. */
  static const char nothing[] = " ";
  const char *buffer = length ? bytes : nothing;
  int size = length ? (int)length : 1;
  r->reader = xmlReaderForMemory(buffer, size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!r->reader) { vb_xml_reader_free(r); return NULL; }
  xmlTextReaderSetStructuredErrorHandler(r->reader, on_error, r);
  return r;
}

static int namespace_index(const vb_xml_reader *r, const xmlChar *uri) {
  if (!uri) return -1;
  for (int i = 0; i < r->namespace_count; i++)
    if (strcmp((const char *)uri, r->namespaces[i]) == 0) return i;
  return -1;
}

int vb_xml_reader_next(vb_xml_reader *r, vb_xml_event *event) {
  memset(event, 0, sizeof *event);
  release_value(r);
  r->on_start = 0;
  if (r->pending_end) {
    r->pending_end = 0;
    event->kind = VB_XML_END;
    event->name = r->pending_name;
    event->ns = r->pending_ns;
    return 1;
  }
  for (;;) {
    int status = xmlTextReaderRead(r->reader);
    /* Errors the parser got past (an undeclared prefix) leave a document to read. */
    if (status == 0) return 0;
    if (status < 0) {
      if (!r->error) on_error(r, xmlGetLastError());
      if (!r->error) r->error = strdup("malformed XML");
      return -1;
    }
    int type = xmlTextReaderNodeType(r->reader);
    switch (type) {
    case XML_READER_TYPE_ELEMENT: {
      const xmlChar *name = xmlTextReaderConstLocalName(r->reader);
      event->kind = VB_XML_START;
      event->name = name ? (const char *)name : "";
      event->ns = namespace_index(r, xmlTextReaderConstNamespaceUri(r->reader));
      r->on_start = 1;
      if (xmlTextReaderIsEmptyElement(r->reader) == 1) {
        r->pending_end = 1;
        r->pending_name = event->name;
        r->pending_ns = event->ns;
      }
      return 1;
    }
    case XML_READER_TYPE_END_ELEMENT: {
      const xmlChar *name = xmlTextReaderConstLocalName(r->reader);
      event->kind = VB_XML_END;
      event->name = name ? (const char *)name : "";
      event->ns = namespace_index(r, xmlTextReaderConstNamespaceUri(r->reader));
      return 1;
    }
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
      const xmlChar *value = xmlTextReaderConstValue(r->reader);
      if (!value) continue;
      event->kind = VB_XML_TEXT;
      event->text = (const char *)value;
      event->text_length = strlen((const char *)value);
      return 1;
    }
    default:
      /* Comments, processing instructions, the document type, entity references. */
      continue;
    }
  }
}

const char *vb_xml_reader_attribute(vb_xml_reader *r, const char *local_name) {
  release_value(r);
  if (!r->on_start || !local_name) return NULL;
  xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
  if (!node || node->type != XML_ELEMENT_NODE) return NULL;
  for (xmlAttrPtr a = node->properties; a; a = a->next) {
    if (!a->name || strcmp((const char *)a->name, local_name) != 0) continue;
    /* One text child, the usual case, is read in place. */
    if (a->children && !a->children->next && a->children->type == XML_TEXT_NODE && a->children->content)
      return (const char *)a->children->content;
    r->owned_value = xmlNodeListGetString(node->doc, a->children, 1);
    return r->owned_value ? (const char *)r->owned_value : "";
  }
  return NULL;
}

const char *vb_xml_reader_error(const vb_xml_reader *r, int *line) {
  if (line) *line = r->error ? r->error_line : 0;
  return r->error;
}

void vb_xml_reader_free(vb_xml_reader *r) {
  if (!r) return;
  release_value(r);
  if (r->reader) xmlFreeTextReader(r->reader);
  for (int i = 0; i < r->namespace_count; i++) free(r->namespaces[i]);
  free(r->namespaces);
  free(r->error);
  free(r);
}
