/* Tape images: one block-level interface over the file formats users
 * have, so that the drive (devices/tape_2400.c) never knows which one it
 * is reading.
 *
 *   AWS   (tape_aws.c)   6-byte little-endian chunk headers: this chunk's
 *                        length, the previous chunk's length, two flag
 *                        bytes (begin of block, end of block, tape mark).
 *   HET   (tape_het.c)   Hercules Emulated Tape: AWS headers whose blocks
 *                        may be compressed (zlib; bzip2 is recognised and
 *                        reported as not supported).
 *   SIMH  (tape_simh.c)  SIMH .tap: 4-byte little-endian length words
 *                        before and after each record, 0 for a tape mark.
 *                        Two variants: the standard one pads odd-length
 *                        records with one byte, E11 does not.
 *
 * A tape image is a sequence of objects (data blocks and tape marks) from
 * load point. The position is always between two objects; "block N" in
 * messages counts objects from load point starting at 1, tape marks
 * included, as Hercules's tools do.
 *
 * Writing truncates the image at the write point (a real tape has nothing
 * readable after the last block written) and reaches the file before the
 * call returns: an acknowledged write survives vm67 being killed.
 *
 * Format detection (tape_image_open with TAPE_FORMAT_UNKNOWN): the first
 * objects of the file (up to TAPE_DETECT_OBJECTS) are parsed both as an
 * AWS-family image and as a SIMH image; the family whose parse is
 * consistent (previous-length fields that match, length words that match
 * at both ends of each record) wins. HET is told from AWS by a compressed
 * block among those objects, else by the name (.het). SIMH's two variants
 * differ only for odd-length records: the first odd-length record found
 * (scanning up to TAPE_DETECT_VARIANT_OBJECTS) shows whether a pad byte
 * follows; with none found the variant stays open, is settled by the first
 * odd-length record the drive passes, and a tape written before that is
 * padded (SIMH's default). An empty file, or one both families parse, is
 * named by its extension (.aws .het .tap), else taken as AWS (Hercules's
 * default). An explicit format that the file contradicts is an error. */
#ifndef VM67_DEVICES_TAPE_IMAGE_H
#define VM67_DEVICES_TAPE_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/error.h"

#define TAPE_DETECT_OBJECTS 16
#define TAPE_DETECT_VARIANT_OBJECTS 4096

/* The largest block vm67 reads: SIMH's 24-bit record length. Longer
 * claims are damage, and HET blocks that inflate beyond it too. */
#define TAPE_MAX_BLOCK_LENGTH 0x00FFFFFFu

enum tape_format {
    TAPE_FORMAT_UNKNOWN, /* open: find it from the file */
    TAPE_FORMAT_AWS,
    TAPE_FORMAT_HET,
    TAPE_FORMAT_SIMH,    /* SIMH .tap, padded variant (or not yet known) */
    TAPE_FORMAT_E11,     /* SIMH .tap, E11 variant (no pad byte) */
};

struct tape_image_options {
    enum tape_format format; /* TAPE_FORMAT_UNKNOWN: detect */
    bool read_only;          /* open the file read-only (no write ring) */
    bool create;             /* create a missing file (empty: blank tape) */
    /* How HET writes its blocks (Hercules's compress/level/chunksize). */
    bool het_compress;
    int het_level;           /* zlib level 1-9 */
    uint32_t chunk_size;     /* AWS/HET: largest chunk written, 4096-65535 */
};

/* Defaults: detect, read-write, no create, HET compressed at level 4 in
 * 65535-byte chunks (Hercules's defaults). */
void tape_image_options_init(struct tape_image_options *options);

/* What a motion found. */
enum tape_status {
    TAPE_BLOCK,         /* passed a data block; *length is its length */
    TAPE_TAPE_MARK,     /* passed a tape mark */
    TAPE_BAD_BLOCK,     /* passed a block whose data is not good: SIMH's
                           error flag (the data is given), a HET block that
                           does not inflate or is bzip2 (no data); err says
                           which block, where and why */
    TAPE_AT_LOAD_POINT, /* backward motion at load point: nothing moved */
    TAPE_END_OF_DATA,   /* forward motion found no more recorded blocks
                           (end of file, an end-of-medium marker); err holds
                           a note when something was ignored, else "" */
    TAPE_DAMAGED,       /* the image cannot be followed here (truncated
                           record, length words that disagree, bad header):
                           nothing moved; err names file, block, offset */
    TAPE_HOST_ERROR,    /* the host file failed (err says how) */
};

struct tape_image;

/* Opens PATH. On failure fills err (naming the file) and returns NULL. */
struct tape_image *tape_image_open(const char *path, const struct tape_image_options *options,
                                   struct error *err);

/* Flushes to stable storage and closes; NULL is allowed. */
void tape_image_close(struct tape_image *tape);

/* Reads the next block forward. Up to `size` bytes of it go to buf (NULL
 * with size 0 spaces over it); *length is the block's true length. */
enum tape_status tape_image_read_forward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                         uint32_t *length, struct error *err);

/* Reads the previous block, moving back over it. buf gets the block in
 * its recorded order; when it is longer than `size`, its last `size`
 * bytes (the ones a read backward delivers first). */
enum tape_status tape_image_read_backward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                          uint32_t *length, struct error *err);

/* What a file-spacing motion passed, for the drive's tape-length model. */
struct tape_motion {
    uint64_t blocks;      /* data blocks passed */
    uint64_t bytes;       /* their total length */
    uint64_t tape_marks;  /* 0 or 1 */
};

/* Spaces forward (backward) over blocks up to and including the next
 * (previous) tape mark. Returns TAPE_TAPE_MARK when one was passed, or the
 * status that stopped the motion (END_OF_DATA, AT_LOAD_POINT, DAMAGED...);
 * `motion` says what was passed before that. A bad block is passed. */
enum tape_status tape_image_space_file_forward(struct tape_image *tape, struct tape_motion *motion,
                                               struct error *err);
enum tape_status tape_image_space_file_backward(struct tape_image *tape, struct tape_motion *motion,
                                                struct error *err);

/* Writes a block (length 1..65535) or a tape mark at the position,
 * truncating what followed. False with err on a host failure or a
 * read-only image. */
bool tape_image_write_block(struct tape_image *tape, const uint8_t *data, uint32_t length,
                            struct error *err);
bool tape_image_write_tape_mark(struct tape_image *tape, struct error *err);

void tape_image_rewind(struct tape_image *tape);

/* The most file bytes writing a block of `length` bytes (0: a tape mark)
 * adds: its data and the format's headers. */
uint64_t tape_image_object_size_bound(const struct tape_image *tape, uint32_t length);

/* Forces written data to stable storage (fsync). */
bool tape_image_flush(struct tape_image *tape, struct error *err);

bool tape_image_at_load_point(const struct tape_image *tape);
uint64_t tape_image_block_number(const struct tape_image *tape); /* objects before the position */
uint64_t tape_image_offset(const struct tape_image *tape);       /* file offset of the position */
uint64_t tape_image_file_size(const struct tape_image *tape);
bool tape_image_read_only(const struct tape_image *tape);
const char *tape_image_path(const struct tape_image *tape);
enum tape_format tape_image_format(const struct tape_image *tape);

/* "AWS", "HET", "SIMH .tap (padded)", "SIMH .tap (E11)", "SIMH .tap
 * (variant not yet known: writes padded)". */
const char *tape_image_format_description(const struct tape_image *tape);

/* The option word that names a format ("aws", "het", "tap", "e11"). */
const char *tape_format_name(enum tape_format format);

#endif
