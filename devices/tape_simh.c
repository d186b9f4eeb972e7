/* SIMH .tap images (format facts from SIMH's sim_tape.c and its magtape
 * document, "SIMH Magtape Representation and Handling"):
 *
 *   - A record is a 4-byte little-endian length word n, n data bytes, and
 *     the same word again. In the standard variant a record of odd length
 *     has one pad byte before the trailing word; E11 has none.
 *   - Bit 31 of the length word is SIMH's error flag: the record was read
 *     with an error (the drive gives a data check); the length is in bits
 *     0-23. Bits 24-30 carry SIMH's private record classes, which vm67
 *     does not read (damage).
 *   - Word 0 is a tape mark; 0xFFFFFFFF the end of the medium; 0xFFFFFFFE
 *     an erase gap (skipped); 0xFFFEFFFF a half gap (skipped, 2 bytes);
 *     reading backward, 0xFFFFFFFF and 0xFFFF00xx are half gaps. Other
 *     words 0xFFxxxxxx are reserved markers (damage).
 *   - Some writers end a tape with 16-bit end-of-medium words stored as
 *     0x0000FFFF (bos.tap has six after its last record). Such a word with
 *     no room after it for a 65535-byte record is taken as the end of the
 *     medium, with a note; any other record that runs past the end of the
 *     file is a truncated record.
 *
 * The variant is settled by the first odd-length record passed (see
 * tape_image.h): its trailing word is either right after the data (E11)
 * or one byte further (padded), never both. */
#include <string.h>

#include "devices/tape_format.h"
#include "lib/bytes.h"

#define SIMH_TAPE_MARK 0x00000000u
#define SIMH_END_OF_MEDIUM 0xFFFFFFFFu
#define SIMH_GAP 0xFFFFFFFEu
#define SIMH_FORWARD_HALF_GAP 0xFFFEFFFFu
#define SIMH_ERROR_FLAG 0x80000000u
#define SIMH_CLASS_BITS 0x7F000000u
#define SIMH_LENGTH_BITS 0x00FFFFFFu
#define SIMH_SIXTEEN_BIT_END 0x0000FFFFu

static bool read_word(struct tape_image *tape, uint64_t offset, uint32_t *word, size_t *got,
                      struct error *err)
{
    uint8_t b[4];
    if (!tape_file_read(tape, offset, b, 4, got, err))
        return false;
    if (*got == 4)
        *word = load_le32(b);
    return true;
}

static uint32_t pad_of(enum simh_variant variant, uint32_t n)
{
    return variant == SIMH_VARIANT_PADDED ? (n & 1) : 0;
}

/* Does the word at `at` equal `word` (and lie within the file)? */
static bool word_matches(struct tape_image *tape, uint64_t at, uint32_t word, bool *host_failed,
                         struct error *err)
{
    uint32_t w = 0;
    size_t got;
    if (!read_word(tape, at, &w, &got, err)) {
        *host_failed = true;
        return false;
    }
    return got == 4 && w == word;
}

/* Reads the data bytes wanted from a record whose data starts at `data`. */
static bool read_data(struct tape_image *tape, uint64_t data, uint32_t n, uint8_t *buf, uint32_t size,
                      bool tail, struct error *err)
{
    if (buf == NULL || size == 0)
        return true;
    uint32_t take = n < size ? n : size;
    size_t got;
    if (!tape_file_read(tape, data + (tail ? n - take : 0), buf, take, &got, err))
        return false;
    return true; /* the extent was checked against the file size */
}

static enum tape_status simh_read_forward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                          uint32_t *length, struct error *err)
{
    uint64_t at = tape->offset;
    uint64_t block = tape->block_number + 1;
    for (;;) {
        uint32_t w = 0;
        size_t got;
        if (!read_word(tape, at, &w, &got, err))
            return TAPE_HOST_ERROR;
        if (got == 0) {
            tape->offset = at; /* gaps before the end are passed */
            return TAPE_END_OF_DATA;
        }
        if (got < 4) {
            tape_error_at(tape, err, block, at, "truncated length word (%zu of 4 bytes)", got);
            return TAPE_DAMAGED;
        }
        if (w == SIMH_TAPE_MARK) {
            tape->offset = at + 4;
            tape->block_number++;
            return TAPE_TAPE_MARK;
        }
        if (w == SIMH_END_OF_MEDIUM) {
            tape->offset = at;
            return TAPE_END_OF_DATA;
        }
        if (w == SIMH_GAP) {
            at += 4;
            continue;
        }
        if (w == SIMH_FORWARD_HALF_GAP) {
            at += 2;
            continue;
        }
        if ((w >> 24) == 0xFF) {
            tape_error_at(tape, err, block, at, "reserved SIMH marker 0x%08X", w);
            return TAPE_DAMAGED;
        }
        if ((w & SIMH_CLASS_BITS) != 0) {
            tape_error_at(tape, err, block, at, "length word 0x%08X: SIMH private record class %u",
                          w, (w & SIMH_CLASS_BITS) >> 24);
            return TAPE_DAMAGED;
        }
        uint32_t n = w & SIMH_LENGTH_BITS;
        if (w == SIMH_SIXTEEN_BIT_END && at + 8 + n > tape->file_size) {
            tape->offset = at;
            error_set(err, "%s: offset %llu: word 0x0000FFFF with no room for a record after it "
                           "(%llu bytes to the end of the file): taken as the end of the medium",
                      tape->path, (unsigned long long)at, (unsigned long long)(tape->file_size - at));
            return TAPE_END_OF_DATA;
        }
        if (n == 0) {
            tape_error_at(tape, err, block, at, "record of length 0 with the error flag");
            return TAPE_DAMAGED;
        }
        /* Find the trailing word: the variant says where, or an odd
         * record settles an unknown variant. */
        enum simh_variant variant = tape->variant;
        bool host_failed = false;
        if (variant == SIMH_VARIANT_UNKNOWN && (n & 1)) {
            bool e11 = word_matches(tape, at + 4 + n, w, &host_failed, err);
            bool padded = !host_failed && word_matches(tape, at + 5 + n, w, &host_failed, err);
            if (host_failed)
                return TAPE_HOST_ERROR;
            if (e11 != padded) {
                variant = e11 ? SIMH_VARIANT_E11 : SIMH_VARIANT_PADDED;
                tape->variant = variant;
            }
        }
        if (variant == SIMH_VARIANT_UNKNOWN)
            variant = SIMH_VARIANT_PADDED; /* even n: both agree */
        uint64_t trailer = at + 4 + n + pad_of(variant, n);
        if (trailer + 4 > tape->file_size) {
            tape_error_at(tape, err, block, at,
                          "truncated record: %u data bytes announced, %llu bytes left in the file",
                          n, (unsigned long long)(tape->file_size - at - 4));
            return TAPE_DAMAGED;
        }
        if (!word_matches(tape, trailer, w, &host_failed, err)) {
            if (host_failed)
                return TAPE_HOST_ERROR;
            uint32_t t = 0;
            size_t g;
            read_word(tape, trailer, &t, &g, NULL);
            tape_error_at(tape, err, block, at,
                          "length words do not match: %u at the start, 0x%08X at offset %llu",
                          n, t, (unsigned long long)trailer);
            return TAPE_DAMAGED;
        }
        if (!read_data(tape, at + 4, n, buf, size, false, err))
            return TAPE_HOST_ERROR;
        *length = n;
        tape->offset = trailer + 4;
        tape->block_number++;
        if (w & SIMH_ERROR_FLAG) {
            tape_error_at(tape, err, block, at, "record of %u bytes marked with SIMH's error flag", n);
            return TAPE_BAD_BLOCK;
        }
        return TAPE_BLOCK;
    }
}

static enum tape_status simh_read_backward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                           uint32_t *length, struct error *err)
{
    uint64_t at = tape->offset; /* end of the object to pass */
    uint64_t block = tape->block_number;
    for (;;) {
        if (at == 0) {
            tape->offset = 0; /* only gaps were before */
            return TAPE_AT_LOAD_POINT;
        }
        if (at < 4) {
            tape_error_at(tape, err, block, 0, "%llu bytes before offset %llu are no object",
                          (unsigned long long)at, (unsigned long long)at);
            return TAPE_DAMAGED;
        }
        uint32_t w = 0;
        size_t got;
        if (!read_word(tape, at - 4, &w, &got, err))
            return TAPE_HOST_ERROR;
        if (got < 4) {
            tape_error_at(tape, err, block, at - 4, "length word beyond the end of the file");
            return TAPE_DAMAGED;
        }
        if (w == SIMH_TAPE_MARK) {
            tape->offset = at - 4;
            tape->block_number--;
            return TAPE_TAPE_MARK;
        }
        if (w == SIMH_GAP) {
            at -= 4;
            continue;
        }
        if (w == SIMH_END_OF_MEDIUM || (w & 0xFFFF7F00u) == 0xFFFF0000u) {
            at -= 2; /* reverse half gap */
            continue;
        }
        if ((w >> 24) == 0xFF) {
            tape_error_at(tape, err, block, at - 4, "reserved SIMH marker 0x%08X", w);
            return TAPE_DAMAGED;
        }
        if ((w & SIMH_CLASS_BITS) != 0) {
            tape_error_at(tape, err, block, at - 4,
                          "length word 0x%08X: SIMH private record class %u", w,
                          (w & SIMH_CLASS_BITS) >> 24);
            return TAPE_DAMAGED;
        }
        uint32_t n = w & SIMH_LENGTH_BITS;
        if (n == 0) {
            tape_error_at(tape, err, block, at - 4, "record of length 0 with the error flag");
            return TAPE_DAMAGED;
        }
        enum simh_variant variant = tape->variant;
        bool host_failed = false;
        if (variant == SIMH_VARIANT_UNKNOWN && (n & 1)) {
            bool e11 = at >= 8 + (uint64_t)n && word_matches(tape, at - 8 - n, w, &host_failed, err);
            bool padded = !host_failed && at >= 9 + (uint64_t)n &&
                          word_matches(tape, at - 9 - n, w, &host_failed, err);
            if (host_failed)
                return TAPE_HOST_ERROR;
            if (e11 != padded) {
                variant = e11 ? SIMH_VARIANT_E11 : SIMH_VARIANT_PADDED;
                tape->variant = variant;
            }
        }
        if (variant == SIMH_VARIANT_UNKNOWN)
            variant = SIMH_VARIANT_PADDED;
        uint64_t extent = 8 + (uint64_t)n + pad_of(variant, n);
        if (extent > at) {
            tape_error_at(tape, err, block, at - 4,
                          "trailing length word %u reaches before the start of the file", n);
            return TAPE_DAMAGED;
        }
        uint64_t start = at - extent;
        if (!word_matches(tape, start, w, &host_failed, err)) {
            if (host_failed)
                return TAPE_HOST_ERROR;
            uint32_t s = 0;
            size_t g;
            read_word(tape, start, &s, &g, NULL);
            tape_error_at(tape, err, block, start,
                          "length words do not match: 0x%08X at the start, %u at offset %llu", s,
                          n, (unsigned long long)(at - 4));
            return TAPE_DAMAGED;
        }
        if (!read_data(tape, start + 4, n, buf, size, true, err))
            return TAPE_HOST_ERROR;
        *length = n;
        tape->offset = start;
        tape->block_number--;
        if (w & SIMH_ERROR_FLAG) {
            tape_error_at(tape, err, block, start, "record of %u bytes marked with SIMH's error flag",
                          n);
            return TAPE_BAD_BLOCK;
        }
        return TAPE_BLOCK;
    }
}

static bool simh_write_block(struct tape_image *tape, const uint8_t *data, uint32_t length,
                             struct error *err)
{
    if (tape->variant == SIMH_VARIANT_UNKNOWN && (length & 1)) {
        /* Nothing before the write point has told the variant (every
         * record there is even), so the tape becomes what it was opened
         * as. */
        tape->variant = tape->variant_default;
    }
    enum simh_variant variant = tape->variant == SIMH_VARIANT_UNKNOWN ? tape->variant_default
                                                                      : tape->variant;
    uint32_t pad = pad_of(variant, length);
    size_t total = 8 + (size_t)length + pad;
    uint8_t *p = tape_scratch(tape, total, err);
    if (p == NULL)
        return false;
    store_le32(p, length);
    memcpy(p + 4, data, length);
    if (pad)
        p[4 + length] = 0;
    store_le32(p + 4 + length + pad, length);
    return tape_file_append(tape, p, total, err);
}

static bool simh_write_tape_mark(struct tape_image *tape, struct error *err)
{
    uint8_t zero[4] = {0, 0, 0, 0};
    return tape_file_append(tape, zero, 4, err);
}

const struct tape_format_ops tape_simh_ops = {
    .read_forward = simh_read_forward,
    .read_backward = simh_read_backward,
    .write_block = simh_write_block,
    .write_tape_mark = simh_write_tape_mark,
};
