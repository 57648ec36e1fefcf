/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export-private.h: what the export files share: the atomic output, the spans of the area
 * that is exported and the job that draws it. */
#pragma once

#include <cairo.h>

#include "jm-export.h"
#include "io/jm-atomic-file.h"
#include "layout/jm-layout.h"
#include "render/jm-renderer.h"

G_BEGIN_DECLS

#define MIN_SCALE 0.05
#define MAX_SCALE 16.0
/* PDF viewers refuse pages above 200 inches (14400 pt). */
#define PDF_MAX_POINTS 14400.0
/* Bytes of image drawn at once while writing a PNG. */
#define PNG_BAND_BYTES (16 * 1024 * 1024)

/* Space along the bottom of a page for its number, points. */
#define PAGE_FOOTER 18.0
/* Natural size: 96 document units per inch. */
#define POINTS_PER_UNIT 0.75

/* Atomic output file: the core's one atomic writer, with the first write error kept. */

typedef struct
{
  JmAtomicFile *file;
  GError       *error;
} JmExportOutput;

typedef struct
{
  double src;  /* where the run starts in the map, document units */
  double len;
} JmExportSpan;

/* Everything an export draws with: one theme, layout and renderer, the render options and the
 * spans of the chosen area (headers separately). */
typedef struct
{
  JmTheme         *theme;
  JmLayout        *layout;
  JmRenderer      *renderer;
  JmRenderOptions  opts;
  char            *role_id;
  GArray          *head_x;   /* the lane header column */
  GArray          *head_y;   /* the stage header row */
  GArray          *body_x;   /* the stages (or parts) of the area, left to right */
  GArray          *body_y;   /* the lanes (or parts), top to bottom */
  GArray          *all_x;    /* head + body, merged */
  GArray          *all_y;
} JmExportJob;

/* jm-export.c */
gboolean
jm_export_output_open (JmExportOutput *out,
                       const char     *filename,
                       GError        **error);

gboolean
jm_export_output_write (JmExportOutput *out,
                        const void     *data,
                        gsize           len);

void
jm_export_output_abort (JmExportOutput *out);

gboolean
jm_export_output_commit (JmExportOutput *out,
                         GError        **error);

cairo_status_t
jm_export_write_file_cb (void                *closure,
                         const unsigned char *data,
                         unsigned int         length);

cairo_status_t
jm_export_write_bytes_cb (void                *closure,
                          const unsigned char *data,
                          unsigned int         length);

void
jm_export_spans_append (GArray *spans,
                        double  src,
                        double  len);

double
jm_export_spans_total (GArray *spans);

void
jm_export_spans_slice (GArray *spans,
                       double  v0,
                       double  v1,
                       GArray *out);

gboolean
jm_export_spans_map (GArray *spans,
                     double  src,
                     double *out);

void
jm_export_job_clear (JmExportJob *job);

gboolean
jm_export_job_init (JmExportJob           *job,
                    JmDocument            *document,
                    const JmExportOptions *options,
                    GError               **error);

void
jm_export_job_get_size (JmExportJob *job,
                        double      *width,
                        double      *height);

void
jm_export_job_draw (JmExportJob  *job,
                    cairo_t      *cr,
                    GArray       *xs,
                    GArray       *ys,
                    const JmRect *out,
                    gboolean      clip,
                    gboolean      sticky);

G_END_DECLS
