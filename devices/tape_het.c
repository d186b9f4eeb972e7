/* HET (Hercules Emulated Tape): AWS chunks whose blocks may be
 * compressed (format facts from Hercules's hetlib.c and hetlib.h). A
 * compressed block is compressed whole, then cut into chunks; its flags
 * byte 1 says zlib (X'01') or bzip2 (X'02'), or flags byte 2 X'80' says
 * Bus-Tech's zlib. Hercules stores a block uncompressed when compression
 * would not make it smaller, and so does vm67.
 *
 * zlib is one of vm67's dependencies, bzip2 is not: a bzip2 block is a
 * data check to the guest and an error naming it (tape_aws.c), never data.
 * A block that does not inflate, inflates with bytes left over, or
 * inflates beyond TAPE_MAX_BLOCK_LENGTH is a bad block the same way. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "devices/tape_format.h"

/* Keeps the last `size` bytes of a stream in a ring, for reading
 * backward a block longer than the caller's buffer. */
struct tail_ring {
    uint8_t *ring;
    uint32_t size;
    uint64_t written;
};

static void ring_put(struct tail_ring *r, const uint8_t *p, size_t n)
{
    if (n >= r->size) {
        p += n - r->size;
        n = r->size;
    }
    while (n > 0) {
        uint32_t at = (uint32_t)(r->written % r->size);
        size_t room = r->size - at;
        size_t take = n < room ? n : room;
        memcpy(r->ring + at, p, take);
        r->written += take;
        p += take;
        n -= take;
    }
}

enum tape_status het_inflate_block(struct tape_image *tape, const uint8_t *in, size_t in_length,
                                   uint8_t *buf, uint32_t size, bool tail, uint32_t *length,
                                   uint64_t block, uint64_t offset, struct error *err)
{
    *length = 0;
    if (buf == NULL)
        size = 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK) {
        error_set(err, "%s: zlib cannot start inflating", tape->path);
        return TAPE_HOST_ERROR;
    }
    /* Forward: inflate straight into buf, the rest into a scratch piece
     * only to count it. Backward (tail): everything through the scratch
     * piece into a ring of the last `size` bytes. */
    uint8_t piece[16384];
    struct tail_ring ring = {.ring = buf, .size = size, .written = 0};
    uint64_t total = 0;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)in_length;
    int rc = Z_OK;
    const char *problem = NULL;
    while (rc == Z_OK) {
        bool direct = !tail && total < size;
        uint8_t *out = direct ? buf + total : piece;
        uInt room = direct ? (uInt)(size - total) : (uInt)sizeof piece;
        z.next_out = out;
        z.avail_out = room;
        rc = inflate(&z, Z_NO_FLUSH);
        size_t produced = room - z.avail_out;
        if (tail && size > 0)
            ring_put(&ring, piece, produced);
        total += produced;
        if (total > TAPE_MAX_BLOCK_LENGTH) {
            problem = "inflates to more than 16 MiB";
            break;
        }
        if (rc == Z_BUF_ERROR && z.avail_in == 0) {
            problem = "compressed data ends before the end of its zlib stream";
            break;
        }
        if (rc == Z_BUF_ERROR && produced > 0)
            rc = Z_OK; /* output space ran out: go on */
    }
    if (problem == NULL && rc != Z_STREAM_END)
        problem = z.msg != NULL ? z.msg : "zlib error";
    if (problem == NULL && z.avail_in != 0)
        problem = "bytes left over after its zlib stream";
    if (problem == NULL && total == 0)
        problem = "inflates to no data";
    inflateEnd(&z);
    if (problem != NULL) {
        tape_error_at(tape, err, block, offset, "HET block does not inflate: %s", problem);
        return TAPE_BAD_BLOCK;
    }
    if (tail && size > 0 && total > size) {
        /* Rotate the ring so the oldest byte comes first. */
        uint32_t start = (uint32_t)(ring.written % size);
        uint8_t *copy = malloc(size);
        if (copy == NULL) {
            error_set(err, "%s: out of memory", tape->path);
            return TAPE_HOST_ERROR;
        }
        memcpy(copy, buf + start, size - start);
        memcpy(copy + size - start, buf, start);
        memcpy(buf, copy, size);
        free(copy);
    }
    *length = (uint32_t)total;
    return TAPE_BLOCK;
}

static bool het_write_block(struct tape_image *tape, const uint8_t *data, uint32_t length,
                            struct error *err)
{
    if (!tape->options.het_compress)
        return aws_write_chunks(tape, data, length, 0, err);
    uLongf room = compressBound(length);
    uint8_t *packed = malloc(room);
    if (packed == NULL)
        return error_set(err, "%s: out of memory", tape->path);
    int level = tape->options.het_level;
    if (level < 1 || level > 9)
        level = 4;
    bool ok;
    if (compress2(packed, &room, data, length, level) == Z_OK && room < length)
        ok = aws_write_chunks(tape, packed, (uint32_t)room, AWS_FLAG1_ZLIB, err);
    else
        ok = aws_write_chunks(tape, data, length, 0, err);
    free(packed);
    return ok;
}

const struct tape_format_ops tape_het_ops = {
    .read_forward = aws_read_forward,
    .read_backward = aws_read_backward,
    .write_block = het_write_block,
    .write_tape_mark = aws_write_tape_mark,
};
