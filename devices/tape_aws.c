/* AWS tape images and the chunk structure HET shares (format facts from
 * Hercules's awstape.c, hetlib.h and tapedev.h):
 *
 *   Every chunk starts with a 6-byte header: the chunk's length (16 bits,
 *   little-endian), the previous chunk's length (same), flags byte 1 and
 *   flags byte 2. Flags 1: X'80' begin of block, X'40' tape mark, X'20'
 *   end of block; in HET its low two bits name the compression (1 zlib,
 *   2 bzip2), and flags 2 X'80' is Bus-Tech's zlib. A block is one or more
 *   chunks, the first with X'80', the last with X'20'; a tape mark is one
 *   header of length 0. The first header's previous length is 0, and so is
 *   the one after a tape mark.
 *
 * vm67 checks every previous-length field it passes against the chunk
 * before it: reading backward depends on them, so a file whose fields
 * disagree is damaged where they do. */
#include <stdlib.h>
#include <string.h>

#include "devices/tape_format.h"
#include "lib/bytes.h"

struct aws_header {
    uint32_t length;
    uint32_t previous;
    uint8_t flags1, flags2;
};

/* Reads the header at `at`; *got < AWS_HEADER_SIZE when the file ends. */
static bool read_header(struct tape_image *tape, uint64_t at, struct aws_header *h, size_t *got,
                        struct error *err)
{
    uint8_t b[AWS_HEADER_SIZE];
    if (!tape_file_read(tape, at, b, sizeof b, got, err))
        return false;
    if (*got == sizeof b) {
        h->length = load_le16(b);
        h->previous = load_le16(b + 2);
        h->flags1 = b[4];
        h->flags2 = b[5];
    }
    return true;
}

static bool compressed(uint8_t flags1, uint8_t flags2)
{
    return (flags1 & AWS_FLAG1_COMPRESSION) != 0 || (flags2 & AWS_FLAG2_BUSTECH_ZLIB) != 0;
}

enum tape_status aws_parse_forward(struct tape_image *tape, uint64_t offset,
                                   uint32_t previous_chunk_length, uint64_t block,
                                   struct aws_object *object, struct error *err)
{
    memset(object, 0, sizeof *object);
    object->start = offset;
    uint64_t at = offset;
    uint32_t previous = previous_chunk_length;
    for (bool first = true;; first = false) {
        struct aws_header h;
        size_t got;
        if (!read_header(tape, at, &h, &got, err))
            return TAPE_HOST_ERROR;
        if (got == 0 && first)
            return TAPE_END_OF_DATA;
        if (got < AWS_HEADER_SIZE) {
            tape_error_at(tape, err, block, at, "truncated block header (%zu of 6 bytes)", got);
            return TAPE_DAMAGED;
        }
        if (h.previous != previous) {
            tape_error_at(tape, err, block, at,
                          "header's previous-length field is %u, the chunk before is %u bytes",
                          h.previous, previous);
            return TAPE_DAMAGED;
        }
        if (first && (h.flags1 & AWS_FLAG1_TAPE_MARK)) {
            if (h.flags1 != AWS_FLAG1_TAPE_MARK || h.flags2 != 0 || h.length != 0) {
                tape_error_at(tape, err, block, at,
                              "tape-mark header with length %u and flags %02X %02X", h.length,
                              h.flags1, h.flags2);
                return TAPE_DAMAGED;
            }
            object->tape_mark = true;
            object->chunks = 1;
            object->flags1 = h.flags1;
            object->end = at + AWS_HEADER_SIZE;
            return TAPE_TAPE_MARK;
        }
        if (first) {
            if (!(h.flags1 & AWS_FLAG1_BEGIN)) {
                tape_error_at(tape, err, block, at,
                              "header without the begin-of-block flag (flags %02X %02X)", h.flags1,
                              h.flags2);
                return TAPE_DAMAGED;
            }
            object->flags1 = h.flags1;
            object->flags2 = h.flags2;
        } else if ((h.flags1 & (AWS_FLAG1_BEGIN | AWS_FLAG1_TAPE_MARK)) ||
                   (h.flags1 & AWS_FLAG1_COMPRESSION) != (object->flags1 & AWS_FLAG1_COMPRESSION) ||
                   h.flags2 != object->flags2) {
            tape_error_at(tape, err, block, at,
                          "chunk %u of the block has flags %02X %02X, its first chunk %02X %02X",
                          object->chunks + 1, h.flags1, h.flags2, object->flags1, object->flags2);
            return TAPE_DAMAGED;
        }
        if ((h.flags1 & AWS_FLAG1_RESERVED) || (h.flags2 & ~AWS_FLAG2_BUSTECH_ZLIB)) {
            tape_error_at(tape, err, block, at, "unknown flag bits in %02X %02X", h.flags1, h.flags2);
            return TAPE_DAMAGED;
        }
        if ((h.flags1 & AWS_FLAG1_COMPRESSION) == AWS_FLAG1_COMPRESSION ||
            ((h.flags1 & AWS_FLAG1_COMPRESSION) && (h.flags2 & AWS_FLAG2_BUSTECH_ZLIB))) {
            tape_error_at(tape, err, block, at, "unknown compression in flags %02X %02X", h.flags1,
                          h.flags2);
            return TAPE_DAMAGED;
        }
        if (at + AWS_HEADER_SIZE + h.length > tape->file_size) {
            tape_error_at(tape, err, block, at,
                          "truncated chunk: %u bytes announced, %llu left in the file", h.length,
                          (unsigned long long)(tape->file_size - at - AWS_HEADER_SIZE));
            return TAPE_DAMAGED;
        }
        object->stored_length += h.length;
        if (object->stored_length > TAPE_MAX_BLOCK_LENGTH) {
            tape_error_at(tape, err, block, offset, "block longer than %u bytes",
                          TAPE_MAX_BLOCK_LENGTH);
            return TAPE_DAMAGED;
        }
        object->chunks++;
        object->last_chunk_length = h.length;
        previous = h.length;
        at += AWS_HEADER_SIZE + h.length;
        if (h.flags1 & AWS_FLAG1_END)
            break;
    }
    object->end = at;
    if (object->stored_length == 0) {
        tape_error_at(tape, err, block, offset, "data block of length 0");
        return TAPE_DAMAGED;
    }
    return TAPE_BLOCK;
}

/* Copies bytes [from, from + n) of a block's stored data (its chunks'
 * contents, headers skipped) to out. */
static bool copy_stored(struct tape_image *tape, const struct aws_object *object, uint64_t from,
                        uint64_t n, uint8_t *out, struct error *err)
{
    uint64_t at = object->start, position = 0;
    while (n > 0) {
        struct aws_header h;
        size_t got;
        if (!read_header(tape, at, &h, &got, err))
            return false;
        if (got < AWS_HEADER_SIZE) /* parsed already: the file changed under us */
            return error_set(err, "%s: offset %llu: the file changed while it was read", tape->path,
                             (unsigned long long)at);
        uint64_t chunk_end = position + h.length;
        if (from < chunk_end) {
            uint64_t skip = from - position;
            uint64_t take = h.length - skip < n ? h.length - skip : n;
            if (!tape_file_read(tape, at + AWS_HEADER_SIZE + skip, out, take, &got, err))
                return false;
            if (got < take)
                return error_set(err, "%s: offset %llu: the file changed while it was read",
                                 tape->path, (unsigned long long)at);
            out += take;
            from += take;
            n -= take;
        }
        position = chunk_end;
        at += AWS_HEADER_SIZE + h.length;
    }
    return true;
}

/* The block's data as the caller wants it (see tape_copy_part). */
static enum tape_status block_data(struct tape_image *tape, const struct aws_object *object,
                                   uint8_t *buf, uint32_t size, bool tail, uint32_t *length,
                                   uint64_t block, struct error *err)
{
    if (!compressed(object->flags1, object->flags2)) {
        uint32_t n = (uint32_t)object->stored_length;
        *length = n;
        if (buf == NULL || size == 0)
            return TAPE_BLOCK;
        uint32_t take = n < size ? n : size;
        if (!copy_stored(tape, object, tail ? n - take : 0, take, buf, err))
            return TAPE_HOST_ERROR;
        return TAPE_BLOCK;
    }
    if ((object->flags1 & AWS_FLAG1_COMPRESSION) == AWS_FLAG1_BZIP2) {
        *length = 0;
        tape_error_at(tape, err, block, object->start,
                      "bzip2-compressed HET block not supported (vm67 is built without bzip2; "
                      "hetupd -z rewrites the tape with zlib)");
        return TAPE_BAD_BLOCK;
    }
    uint8_t *stored = malloc(object->stored_length);
    if (stored == NULL) {
        error_set(err, "%s: out of memory for a %llu-byte block", tape->path,
                  (unsigned long long)object->stored_length);
        return TAPE_HOST_ERROR;
    }
    enum tape_status s = TAPE_HOST_ERROR;
    if (copy_stored(tape, object, 0, object->stored_length, stored, err))
        s = het_inflate_block(tape, stored, object->stored_length, buf, size, tail, length, block,
                              object->start, err);
    free(stored);
    return s;
}

enum tape_status aws_read_forward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                  uint32_t *length, struct error *err)
{
    struct aws_object object;
    uint64_t block = tape->block_number + 1;
    enum tape_status s = aws_parse_forward(tape, tape->offset, tape->previous_chunk_length, block,
                                           &object, err);
    if (s == TAPE_TAPE_MARK) {
        tape->offset = object.end;
        tape->block_number++;
        tape->previous_chunk_length = 0;
        return s;
    }
    if (s != TAPE_BLOCK)
        return s;
    s = block_data(tape, &object, buf, size, false, length, block, err);
    if (s == TAPE_HOST_ERROR)
        return s;
    tape->offset = object.end;
    tape->block_number++;
    tape->previous_chunk_length = object.last_chunk_length;
    return s;
}

enum tape_status aws_read_backward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                   uint32_t *length, struct error *err)
{
    uint64_t end = tape->offset;
    uint64_t block = tape->block_number;
    uint32_t previous = tape->previous_chunk_length;
    if (end < AWS_HEADER_SIZE + (uint64_t)previous) {
        tape_error_at(tape, err, block, end,
                      "the previous chunk (%u bytes) would start before the file", previous);
        return TAPE_DAMAGED;
    }
    /* Walk back over the block's chunks to its first header. */
    uint64_t at = end - AWS_HEADER_SIZE - previous;
    uint32_t expected = previous;
    for (bool last = true;; last = false) {
        struct aws_header h;
        size_t got;
        if (!read_header(tape, at, &h, &got, err))
            return TAPE_HOST_ERROR;
        if (got < AWS_HEADER_SIZE || h.length != expected) {
            tape_error_at(tape, err, block, at,
                          "expected a header of a %u-byte chunk here (previous-length field of "
                          "the next header)",
                          expected);
            return TAPE_DAMAGED;
        }
        if (last && (h.flags1 & AWS_FLAG1_TAPE_MARK)) {
            struct aws_object object;
            enum tape_status s = aws_parse_forward(tape, at, h.previous, block, &object, err);
            if (s != TAPE_TAPE_MARK) {
                if (s != TAPE_HOST_ERROR && s != TAPE_DAMAGED)
                    tape_error_at(tape, err, block, at, "malformed tape-mark header");
                return s == TAPE_HOST_ERROR ? s : TAPE_DAMAGED;
            }
            tape->offset = at;
            tape->block_number--;
            tape->previous_chunk_length = h.previous;
            return TAPE_TAPE_MARK;
        }
        if (last && !(h.flags1 & AWS_FLAG1_END)) {
            tape_error_at(tape, err, block, at, "last chunk of a block without the end-of-block flag");
            return TAPE_DAMAGED;
        }
        if (!last && (h.flags1 & AWS_FLAG1_END)) {
            tape_error_at(tape, err, block, at, "end-of-block flag in the middle of a block");
            return TAPE_DAMAGED;
        }
        if (h.flags1 & AWS_FLAG1_BEGIN)
            break;
        if (at < AWS_HEADER_SIZE + (uint64_t)h.previous) {
            tape_error_at(tape, err, block, at,
                          "the previous chunk (%u bytes) would start before the file", h.previous);
            return TAPE_DAMAGED;
        }
        expected = h.previous;
        at -= AWS_HEADER_SIZE + h.previous;
    }
    /* Parse it forward as a reader would: it must end where we started. */
    struct aws_header first;
    size_t got;
    if (!read_header(tape, at, &first, &got, err))
        return TAPE_HOST_ERROR;
    struct aws_object object;
    enum tape_status s = aws_parse_forward(tape, at, first.previous, block, &object, err);
    if (s == TAPE_HOST_ERROR || s == TAPE_DAMAGED)
        return s;
    if (s != TAPE_BLOCK || object.end != end) {
        tape_error_at(tape, err, block, at, "block read backward does not end at offset %llu",
                      (unsigned long long)end);
        return TAPE_DAMAGED;
    }
    s = block_data(tape, &object, buf, size, true, length, block, err);
    if (s == TAPE_HOST_ERROR)
        return s;
    tape->offset = at;
    tape->block_number--;
    tape->previous_chunk_length = first.previous;
    return s;
}

bool aws_write_chunks(struct tape_image *tape, const uint8_t *data, uint32_t length,
                      uint8_t compression_flag, struct error *err)
{
    uint32_t chunk = tape->options.chunk_size;
    if (chunk < 1 || chunk > 65535)
        chunk = 65535;
    uint32_t chunks = length == 0 ? 1 : (length + chunk - 1) / chunk;
    size_t total = (size_t)chunks * AWS_HEADER_SIZE + length;
    uint8_t *p = tape_scratch(tape, total, err);
    if (p == NULL)
        return false;
    uint32_t previous = tape->previous_chunk_length, done = 0;
    uint8_t *out = p;
    for (uint32_t i = 0; i < chunks; i++) {
        uint32_t n = length - done < chunk ? length - done : chunk;
        uint8_t flags1 = compression_flag;
        if (i == 0)
            flags1 |= AWS_FLAG1_BEGIN;
        if (i + 1 == chunks)
            flags1 |= AWS_FLAG1_END;
        store_le16(out, (uint16_t)n);
        store_le16(out + 2, (uint16_t)previous);
        out[4] = flags1;
        out[5] = 0;
        memcpy(out + AWS_HEADER_SIZE, data + done, n);
        out += AWS_HEADER_SIZE + n;
        done += n;
        previous = n;
    }
    if (!tape_file_append(tape, p, total, err))
        return false;
    tape->previous_chunk_length = previous;
    return true;
}

static bool aws_write_block(struct tape_image *tape, const uint8_t *data, uint32_t length,
                            struct error *err)
{
    return aws_write_chunks(tape, data, length, 0, err);
}

bool aws_write_tape_mark(struct tape_image *tape, struct error *err)
{
    uint8_t h[AWS_HEADER_SIZE];
    store_le16(h, 0);
    store_le16(h + 2, (uint16_t)tape->previous_chunk_length);
    h[4] = AWS_FLAG1_TAPE_MARK;
    h[5] = 0;
    if (!tape_file_append(tape, h, sizeof h, err))
        return false;
    tape->previous_chunk_length = 0;
    return true;
}

const struct tape_format_ops tape_aws_ops = {
    .read_forward = aws_read_forward,
    .read_backward = aws_read_backward,
    .write_block = aws_write_block,
    .write_tape_mark = aws_write_tape_mark,
};
