/* The DASD tools behind `vm67 dasd init | ls | copy | check` (the command
 * line is src/command_dasd.c). They live here, next to the image formats
 * they use, so the unit tests can call them directly. */
#ifndef VM67_DEVICES_DASD_TOOLS_H
#define VM67_DEVICES_DASD_TOOLS_H

#include <stdbool.h>
#include <stdio.h>

#include "devices/ckd_image.h"
#include "lib/error.h"

struct dasd_init_options {
    const char *path;
    const char *model;            /* "2314", "3330-11" ... */
    const char *volser;           /* 1-6 characters; NULL with raw */
    unsigned cylinders;           /* 0: the model's (plus alternates) */
    bool alternates;              /* -a: add the alternate cylinders */
    bool raw;                     /* -r: no IPL records, no volume label */
    enum ckd_image_format format;
    enum ckd_compression compression; /* CCKD only */
};

/* Creates a blank volume the way Hercules's dasdinit does, byte for byte:
 * on cylinder 0 head 0, after R0, an IPL1 record (key 'IPL1', 24 bytes: a
 * disabled-wait PSW and a no-op CCW), IPL2 (key 'IPL2', 144 zero bytes)
 * and the volume label R3 (key 'VOL1', 80 bytes) pointing at a VTOC on
 * cylinder 0 head 1 record 1; every other track HA, R0, end of track. */
bool dasd_init(const struct dasd_init_options *options, const struct ckd_progress *progress,
               struct error *err);

/* Copies an image track by track into a new file of the given format
 * (converting CKD to CCKD or back). */
bool dasd_copy(const char *input, const char *output, enum ckd_image_format format,
               enum ckd_compression compression, const struct ckd_progress *progress,
               struct error *err);

/* Verifies an image: its headers and tables, and every track's structure
 * (and, for CCKD, decompression, the free space chain and the header's
 * totals). Each problem is printed on `out`, one line naming the file,
 * cylinder/head/record where they apply, and the byte offset. Returns the
 * number of problems (0: sound). Notes that are not damage (a CCKD file
 * left open by a writer that died) go to `out` too, prefixed "note:". */
unsigned dasd_check(const char *path, FILE *out, const struct ckd_progress *progress);

/* Lists a volume: its label, then the VTOC's data sets (name,
 * organisation, record format, lengths, extents). A CMS minidisk is
 * recognised but its directory cannot be listed (see dasd_list.c). */
bool dasd_list(const char *path, FILE *out, struct error *err);

#endif
