/* The compressed CCKD image format (Hercules 3.x "CKD_C370"), as laid out
 * in the file. Facts from Hercules's cckd.h/cckddasd.c/cckdutil.c and
 * checked against the files that Hercules 3.13's dasdinit -z and dasdcopy
 * write and that its cckdcdsk accepts (tests/e2e/dasd_hercules_compat.sh).
 *
 *   offset 0     device header (512 bytes, "CKD_C370", see ckd_image.c)
 *   offset 512   compressed device header (512 bytes, little-endian):
 *                  0  version, release, modification (0, 3, 1)
 *                  3  options: 0x01 always set by Hercules 3, 0x02 file
 *                     is big-endian, 0x20 space errors, 0x40 opened
 *                     read-write since the last check, 0x80 open now
 *                  4  number of level 1 entries (tracks / 256, rounded up)
 *                  8  number of level 2 entries per table (256)
 *                 12  file size         16 bytes in use
 *                 20  offset of the free space chain (0 if none)
 *                 24  free bytes, counting those inside track allocations
 *                 28  largest free block      32  number of free blocks
 *                 36  free bytes inside track allocations ("imbedded")
 *                 40  cylinders
 *                 44  null track format of tracks with no level 2 table
 *                 45  compression (0 none, 1 zlib, 2 bzip2)
 *                 46  compression parameter (zlib level; -1 default)
 *   offset 1024  level 1 table: 4-byte offsets of level 2 tables (0: none,
 *                all its tracks are null of the header's format)
 *   level 2 table: 256 entries of offset (4), length (2), size (2); offset
 *                0 means a null track whose format is the length field
 *   track image: the track header whose first byte is the compression,
 *                then (zlib) the compressed rest of the track image
 *   free block:  the first 8 bytes hold the offset of the next free block
 *                (0 ends the chain) and this block's length */
#ifndef VM67_DEVICES_CCKD_IMAGE_H
#define VM67_DEVICES_CCKD_IMAGE_H

#include <stdint.h>

#define CCKD_HEADER_OFFSET 512u
#define CCKD_HEADER_SIZE 512u
#define CCKD_L1_OFFSET 1024u
#define CCKD_L2_ENTRIES 256u
#define CCKD_L2_ENTRY_SIZE 8u
#define CCKD_L2_TABLE_SIZE (CCKD_L2_ENTRIES * CCKD_L2_ENTRY_SIZE)
#define CCKD_FREE_BLOCK_SIZE 8u
/* Track images shorter than this are stored, not compressed (Hercules's
 * CCKD_COMPRESS_MIN). */
#define CCKD_COMPRESS_MIN 512u

/* Compressed device header field offsets (from its start). */
enum {
    CCKD_H_VERSION = 0,
    CCKD_H_OPTIONS = 3,
    CCKD_H_L1_ENTRIES = 4,
    CCKD_H_L2_ENTRIES = 8,
    CCKD_H_SIZE = 12,
    CCKD_H_USED = 16,
    CCKD_H_FREE_OFFSET = 20,
    CCKD_H_FREE_TOTAL = 24,
    CCKD_H_FREE_LARGEST = 28,
    CCKD_H_FREE_COUNT = 32,
    CCKD_H_FREE_IMBEDDED = 36,
    CCKD_H_CYLINDERS = 40,
    CCKD_H_NULL_FORMAT = 44,
    CCKD_H_COMPRESSION = 45,
    CCKD_H_COMPRESSION_PARM = 46,
};

enum {
    CCKD_OPTION_HERCULES3 = 0x01,
    CCKD_OPTION_BIG_ENDIAN = 0x02,
    CCKD_OPTION_SPACE_ERRORS = 0x20,
    CCKD_OPTION_OPENED_READ_WRITE = 0x40,
    CCKD_OPTION_OPEN = 0x80,
};

#endif
