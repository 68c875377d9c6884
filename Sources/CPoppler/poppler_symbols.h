/* poppler-glib, glib and cairo reached through dlopen rather than linked: these libraries
 * and the ~90 they pull in (fontconfig, X11, gnutls, …) cost every vanban process tens of
 * milliseconds to load, and most runs (text, DOCX, HTML) never read a PDF. The first PDF
 * loads them (vb_poppler_load); the names below then stand for the symbols found.
 *
 * Include after <poppler.h> and <cairo.h>, in CPoppler's .c files only. */
#ifndef VB_POPPLER_SYMBOLS_H
#define VB_POPPLER_SYMBOLS_H

#include <cairo.h>
#include <poppler.h>
#include <stddef.h>

#define VB_POPPLER_SYMBOLS(X)                                                                       \
  X(cairo_create) X(cairo_destroy) X(cairo_image_surface_create) X(cairo_image_surface_get_data)    \
  X(cairo_image_surface_get_width) X(cairo_image_surface_get_height) X(poppler_page_get_image)       \
  X(cairo_image_surface_get_stride) X(cairo_paint) X(cairo_scale) X(cairo_set_source_rgb)           \
  X(cairo_status) X(cairo_surface_destroy) X(cairo_surface_flush) X(cairo_surface_status)           \
  X(g_bytes_get_data) X(g_bytes_new_static) X(g_bytes_unref) X(g_error_free) X(g_free)              \
  X(g_object_unref) X(g_unichar_ismark) X(g_utf8_get_char_validated) X(g_utf8_skip)                 \
  X(poppler_document_get_n_pages) X(poppler_document_get_page) X(poppler_document_new_from_bytes)   \
  X(poppler_error_quark)                                                                            \
  X(poppler_page_free_image_mapping) X(poppler_page_get_image_mapping) X(poppler_page_get_size)     \
  X(poppler_page_get_text) X(poppler_page_get_text_layout) X(poppler_page_render_for_printing)      \
  X(poppler_page_render) X(poppler_page_get_annot_mapping) X(poppler_page_free_annot_mapping)       \
  X(poppler_annot_get_annot_type)

#define VB_POPPLER_DECLARE(name) extern __typeof__(name) *vb_sym_##name;
VB_POPPLER_SYMBOLS(VB_POPPLER_DECLARE)
#undef VB_POPPLER_DECLARE

/* 0 once the libraries are loaded (the first call loads them, later calls only ask); -1 when
 * they are not installed, with what to install in `message`. Thread-safe. */
int vb_poppler_load(char *message, size_t capacity);

#ifndef VB_POPPLER_LOADER
#define cairo_create (*vb_sym_cairo_create)
#define cairo_destroy (*vb_sym_cairo_destroy)
#define cairo_image_surface_create (*vb_sym_cairo_image_surface_create)
#define cairo_image_surface_get_data (*vb_sym_cairo_image_surface_get_data)
#define cairo_image_surface_get_stride (*vb_sym_cairo_image_surface_get_stride)
#define cairo_image_surface_get_width (*vb_sym_cairo_image_surface_get_width)
#define cairo_image_surface_get_height (*vb_sym_cairo_image_surface_get_height)
#define poppler_page_get_image (*vb_sym_poppler_page_get_image)
#define cairo_paint (*vb_sym_cairo_paint)
#define cairo_scale (*vb_sym_cairo_scale)
#define cairo_set_source_rgb (*vb_sym_cairo_set_source_rgb)
#define cairo_status (*vb_sym_cairo_status)
#define cairo_surface_destroy (*vb_sym_cairo_surface_destroy)
#define cairo_surface_flush (*vb_sym_cairo_surface_flush)
#define cairo_surface_status (*vb_sym_cairo_surface_status)
#define g_bytes_get_data (*vb_sym_g_bytes_get_data)
#define g_bytes_new_static (*vb_sym_g_bytes_new_static)
#define g_bytes_unref (*vb_sym_g_bytes_unref)
#define g_error_free (*vb_sym_g_error_free)
#define g_free (*vb_sym_g_free)
#define g_object_unref (*vb_sym_g_object_unref)
#define g_unichar_ismark (*vb_sym_g_unichar_ismark)
#define g_utf8_get_char_validated (*vb_sym_g_utf8_get_char_validated)
#define g_utf8_skip (*vb_sym_g_utf8_skip)
#define poppler_document_get_n_pages (*vb_sym_poppler_document_get_n_pages)
#define poppler_document_get_page (*vb_sym_poppler_document_get_page)
#define poppler_document_new_from_bytes (*vb_sym_poppler_document_new_from_bytes)
#define poppler_error_quark (*vb_sym_poppler_error_quark)
#define poppler_page_free_image_mapping (*vb_sym_poppler_page_free_image_mapping)
#define poppler_page_get_image_mapping (*vb_sym_poppler_page_get_image_mapping)
#define poppler_page_get_size (*vb_sym_poppler_page_get_size)
#define poppler_page_get_text (*vb_sym_poppler_page_get_text)
#define poppler_page_get_text_layout (*vb_sym_poppler_page_get_text_layout)
#define poppler_page_render_for_printing (*vb_sym_poppler_page_render_for_printing)
#define poppler_page_render (*vb_sym_poppler_page_render)
#define poppler_page_get_annot_mapping (*vb_sym_poppler_page_get_annot_mapping)
#define poppler_page_free_annot_mapping (*vb_sym_poppler_page_free_annot_mapping)
#define poppler_annot_get_annot_type (*vb_sym_poppler_annot_get_annot_type)
#endif

#endif
