/* The arguments of a tape drive's configuration line (after the type):
 *
 *     cuu 2400 FILE [OPTION...]
 *
 * FILE is the tape image, or `*` for a drive with no reel mounted. The
 * options are Hercules's where Hercules has one (so that its
 * configuration files work unchanged), plus the format words:
 *
 *   ro, noring, readonly=1    no write ring: the tape is file protected
 *   rw, ring, readonly=0      write ring in (the default)
 *   aws, het, tap (or simh), e11
 *                             the image's format, when the file cannot say
 *                             (see devices/tape_image.h)
 *   compress=0|1, idrc=0|1    HET: write blocks compressed (default 1)
 *   method=1                  HET: zlib (method=2, bzip2, is refused)
 *   level=1..9                HET: zlib level (default 4)
 *   chunksize=4096..65535     AWS/HET: largest chunk written (65535)
 *   awstape                   HET: write plain AWS chunks of 4096 bytes
 *   maxsize=N[K|M|G], maxsizeK=N, maxsizeM=N
 *                             largest image file; a write that would pass
 *                             it runs off the reel (0: no limit but the
 *                             reel's length)
 *   eotmargin=N[K|M|G]        with maxsize: the end-of-tape marker is this
 *                             far before it (default 128K)
 *   deonirq=0|1, noautomount  accepted for Hercules's sake; they concern
 *                             3480 drives and automatic mounting, which a
 *                             2400 does not have, and change nothing
 *
 * A file that does not exist is created empty (a blank reel) unless the
 * ring is out. */
#ifndef VM67_DEVICES_TAPE_OPTIONS_H
#define VM67_DEVICES_TAPE_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/tape_image.h"
#include "lib/error.h"

struct tape_drive_options {
    const char *path;                 /* NULL: no reel mounted ("*") */
    struct tape_image_options image;
    uint64_t maxsize;                 /* 0: none */
    uint64_t eot_margin;
};

/* Parses argv[0..argc-1] (FILE then options). Errors name the offending
 * argument. */
bool tape_options_parse(int argc, char **argv, struct tape_drive_options *options,
                        struct error *err);

#endif
