/* Inside the tape image layer: the state every format shares and the
 * operations each format file implements. Only devices/tape_*.c include
 * this; the drive uses devices/tape_image.h. */
#ifndef VM67_DEVICES_TAPE_FORMAT_H
#define VM67_DEVICES_TAPE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/tape_image.h"

enum simh_variant {
    SIMH_VARIANT_UNKNOWN, /* no odd-length record seen yet */
    SIMH_VARIANT_PADDED,
    SIMH_VARIANT_E11,
};

struct tape_format_ops;

struct tape_image {
    char *path;
    int fd;
    bool read_only;
    bool written;                   /* written since the last flush */
    enum tape_format format;
    const struct tape_format_ops *ops;
    struct tape_image_options options;

    uint64_t file_size;
    uint64_t offset;                /* position: file offset of the next object */
    uint64_t block_number;          /* objects between load point and the position */

    /* AWS/HET: length of the chunk just before the position (the
     * previous-length field of the next header). */
    uint32_t previous_chunk_length;

    /* SIMH. */
    enum simh_variant variant;
    enum simh_variant variant_default; /* what writes use while unknown */

    /* Scratch for assembling a whole object before one write. */
    uint8_t *scratch;
    size_t scratch_size;
};

/* One format. Reads move the position only on success (BLOCK, TAPE_MARK,
 * BAD_BLOCK); writes happen at the position, after the file has been
 * truncated there. */
struct tape_format_ops {
    enum tape_status (*read_forward)(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                     uint32_t *length, struct error *err);
    enum tape_status (*read_backward)(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                      uint32_t *length, struct error *err);
    bool (*write_block)(struct tape_image *tape, const uint8_t *data, uint32_t length,
                        struct error *err);
    bool (*write_tape_mark)(struct tape_image *tape, struct error *err);
};

extern const struct tape_format_ops tape_aws_ops;
extern const struct tape_format_ops tape_het_ops;
extern const struct tape_format_ops tape_simh_ops;

/* Helpers in tape_image.c. */

/* Reads up to n bytes at offset; *got says how many (fewer at end of
 * file). False with err on a host error. */
bool tape_file_read(struct tape_image *tape, uint64_t offset, void *buf, size_t n, size_t *got,
                    struct error *err);

/* Truncates the file at the position and writes n bytes there, as one
 * write; the position and file size move past them. */
bool tape_file_append(struct tape_image *tape, const void *data, size_t n, struct error *err);

/* A scratch buffer of at least n bytes owned by the image (NULL on
 * allocation failure, with err set). */
uint8_t *tape_scratch(struct tape_image *tape, size_t n, struct error *err);

/* Sets err to "PATH: block N at offset X: " followed by the message. */
bool tape_error_at(struct tape_image *tape, struct error *err, uint64_t block, uint64_t offset,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Copies the wanted part of a block of `length` bytes whose bytes start at
 * `start` in `from`: the first `size` (forward) or the last `size`
 * (backward, `tail`). */
void tape_copy_part(uint8_t *buf, uint32_t size, const uint8_t *from, uint32_t length, bool tail);

/* AWS-family blocks (tape_aws.c), shared with the format checks in
 * tape_image.c: parses one object at `offset` without moving. */
struct aws_object {
    uint64_t start;           /* offset of its first header */
    uint64_t end;             /* offset after its last chunk */
    uint64_t stored_length;   /* sum of the chunks' lengths */
    uint32_t chunks;
    uint32_t last_chunk_length;
    uint8_t flags1, flags2;   /* of the first chunk */
    bool tape_mark;
};
enum tape_status aws_parse_forward(struct tape_image *tape, uint64_t offset,
                                   uint32_t previous_chunk_length, uint64_t block,
                                   struct aws_object *object, struct error *err);

/* The compression flags of an AWS-family block (flags1 low bits, flags2
 * top bit), in tape_aws.c. */
#define AWS_FLAG1_BEGIN 0x80
#define AWS_FLAG1_TAPE_MARK 0x40
#define AWS_FLAG1_END 0x20
#define AWS_FLAG1_RESERVED 0x1C
#define AWS_FLAG1_COMPRESSION 0x03
#define AWS_FLAG1_ZLIB 0x01
#define AWS_FLAG1_BZIP2 0x02
#define AWS_FLAG2_BUSTECH_ZLIB 0x80
#define AWS_HEADER_SIZE 6

/* HET compression (tape_het.c). */

/* Inflates a zlib stream of `in_length` bytes, giving the block to buf as
 * tape_copy_part would and its length in *length. TAPE_BLOCK, or
 * TAPE_BAD_BLOCK with err naming block and offset when it does not
 * inflate cleanly or inflates beyond TAPE_MAX_BLOCK_LENGTH. */
enum tape_status het_inflate_block(struct tape_image *tape, const uint8_t *in, size_t in_length,
                                   uint8_t *buf, uint32_t size, bool tail, uint32_t *length,
                                   uint64_t block, uint64_t offset, struct error *err);

/* The AWS-family motions HET shares (tape_aws.c). */
enum tape_status aws_read_forward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                  uint32_t *length, struct error *err);
enum tape_status aws_read_backward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                   uint32_t *length, struct error *err);
bool aws_write_tape_mark(struct tape_image *tape, struct error *err);

/* Writes one block as AWS-family chunks of at most chunk_size, with the
 * given compression flag in flags1 (tape_aws.c). */
bool aws_write_chunks(struct tape_image *tape, const uint8_t *data, uint32_t length,
                      uint8_t compression_flag, struct error *err);

#endif
