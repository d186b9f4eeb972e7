/* The compressed CCKD format: reading and writing tracks through the level
 * 1 and level 2 tables, zlib compression, free space. See cckd_image.h for
 * the layout and ckd_image.h for the write-through policy.
 *
 * Space management. At open, the free space is worked out from what the
 * tables use (every byte after the level 1 table that no level 2 table or
 * track image occupies is free), so a file whose free space chain is
 * stale (vm67 or Hercules killed while writing) needs no repair. A new
 * track image goes to the first free block it fits (taking all of a block
 * that would leave less than a free block's 8 bytes), else to the end of
 * the file; it is written before the level 2 entry that points to it, and
 * the old image's space is freed only after that, so a kill at any moment
 * leaves either the old track or the new one. While the file is open for
 * writing, the header says so (option 0x80, which makes Hercules check the
 * file before using it). Closing writes the free space chain in Hercules's
 * original format (each free block starting with the next one's offset
 * and its own length), the header totals as cckdcdsk computes them, drops
 * free space at the end of the file, and clears the open flag. */
#include "devices/cckd_image.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "devices/ckd_image.h"
#include "devices/cckd_scan.h"
#include "devices/ckd_track.h"
#include "lib/bytes.h"

struct cckd_l2_entry {
    uint32_t offset;
    uint16_t length;
    uint16_t size;
};

struct cckd_free_block {
    uint64_t offset;
    uint64_t length;
};

struct cckd_state {
    uint8_t header[CCKD_HEADER_SIZE];
    uint32_t l1_count;
    uint32_t *l1;                 /* level 2 table offsets, 0 = none */
    struct cckd_l2_entry **l2;    /* NULL where there is no table */
    uint8_t null_format;          /* of tracks with no level 2 table */
    uint8_t compression;
    int compression_level;
    struct cckd_free_block *free;
    size_t free_count;
    size_t free_capacity;
    uint64_t end;                 /* end of the used file */
    bool written;                 /* the header says "open" on disk */
    uint8_t *compressed;          /* a compressed track image */
};

static struct cckd_state *state_of(struct ckd_image *img)
{
    return img->format_state;
}

static void state_free(struct cckd_state *s)
{
    if (s == NULL)
        return;
    if (s->l2 != NULL)
        for (uint32_t i = 0; i < s->l1_count; i++)
            free(s->l2[i]);
    free(s->l2);
    free(s->l1);
    free(s->free);
    free(s->compressed);
    free(s);
}

/* ---- Free space ---------------------------------------------------------- */

static bool free_insert(struct cckd_state *s, uint64_t offset, uint64_t length)
{
    if (length == 0)
        return true;
    size_t i = 0;
    while (i < s->free_count && s->free[i].offset < offset)
        i++;
    /* Merge with the block before and/or after. */
    bool before = i > 0 && s->free[i - 1].offset + s->free[i - 1].length == offset;
    bool after = i < s->free_count && offset + length == s->free[i].offset;
    if (before && after) {
        s->free[i - 1].length += length + s->free[i].length;
        memmove(&s->free[i], &s->free[i + 1], (s->free_count - i - 1) * sizeof s->free[0]);
        s->free_count--;
        return true;
    }
    if (before) {
        s->free[i - 1].length += length;
        return true;
    }
    if (after) {
        s->free[i].offset = offset;
        s->free[i].length += length;
        return true;
    }
    if (s->free_count == s->free_capacity) {
        size_t n = s->free_capacity ? s->free_capacity * 2 : 64;
        struct cckd_free_block *p = realloc(s->free, n * sizeof *p);
        if (p == NULL)
            return false;
        s->free = p;
        s->free_capacity = n;
    }
    memmove(&s->free[i + 1], &s->free[i], (s->free_count - i) * sizeof s->free[0]);
    s->free[i].offset = offset;
    s->free[i].length = length;
    s->free_count++;
    return true;
}

/* Finds space for `length` bytes. With `exact`, the allotment is exactly
 * `length` (level 2 tables); otherwise it may take a whole free block if
 * what is left would be too small to be a free block. Returns the offset
 * and sets *size. */
static uint64_t space_get(struct cckd_state *s, uint32_t length, bool exact, uint32_t *size)
{
    for (size_t i = 0; i < s->free_count; i++) {
        struct cckd_free_block *b = &s->free[i];
        if (b->length < length)
            continue;
        uint64_t rest = b->length - length;
        if (rest != 0 && rest < CCKD_FREE_BLOCK_SIZE && exact)
            continue;
        uint64_t offset = b->offset;
        if (rest < CCKD_FREE_BLOCK_SIZE) {
            *size = (uint32_t)b->length;
            memmove(&s->free[i], &s->free[i + 1], (s->free_count - i - 1) * sizeof s->free[0]);
            s->free_count--;
        } else {
            *size = length;
            b->offset += length;
            b->length -= length;
        }
        return offset;
    }
    uint64_t offset = s->end;
    s->end += length;
    *size = length;
    return offset;
}

/* Releases an allotment; space at the end of the file shrinks the file. */
static bool space_release(struct cckd_state *s, uint64_t offset, uint32_t size)
{
    return free_insert(s, offset, size);
}

/* ---- Headers ------------------------------------------------------------- */

static bool write_cckd_header(struct ckd_image *img, struct error *err)
{
    return ckd_image_pwrite(img, state_of(img)->header, CCKD_HEADER_SIZE, CCKD_HEADER_OFFSET,
                            "the compressed device header", err);
}

/* Before the first change to the file: mark it open, so that a reader
 * after a crash knows its free space chain and totals are stale. */
static bool mark_open(struct ckd_image *img, struct error *err)
{
    struct cckd_state *s = state_of(img);
    if (s->written)
        return true;
    s->header[CCKD_H_OPTIONS] |= CCKD_OPTION_HERCULES3 | CCKD_OPTION_OPEN |
                                 CCKD_OPTION_OPENED_READ_WRITE;
    s->written = true;
    return write_cckd_header(img, err);
}

/* ---- Reading ------------------------------------------------------------- */

static struct cckd_l2_entry entry_of(const struct cckd_state *s, unsigned track)
{
    struct cckd_l2_entry none = {0, s->null_format, s->null_format};
    const struct cckd_l2_entry *table = s->l2[track / CCKD_L2_ENTRIES];
    return table == NULL ? none : table[track % CCKD_L2_ENTRIES];
}

bool cckd_decode_track(const char *path, unsigned cylinder, unsigned head, uint64_t offset,
                       const uint8_t *stored, uint32_t stored_length, uint8_t *buffer,
                       uint32_t track_size, uint32_t *length, struct error *err)
{
    if (stored_length < CKD_TRACK_HEADER_SIZE)
        return error_set(err, "%s: cylinder %u head %u: track image at offset %llu is only %u bytes",
                         path, cylinder, head, (unsigned long long)offset, stored_length);
    /* Hercules 3 used the upper bits of the first byte for recovery
     * hints; only the low two give the compression. */
    unsigned compression = stored[0] & 3;
    uint32_t image_length;
    switch (compression) {
    case CKD_COMPRESSION_NONE:
        if (stored_length > track_size)
            return error_set(err, "%s: cylinder %u head %u: stored track image at offset %llu is "
                                  "%u bytes, more than the %u-byte track size",
                             path, cylinder, head, (unsigned long long)offset, stored_length,
                             track_size);
        memcpy(buffer, stored, stored_length);
        image_length = stored_length;
        break;
    case CKD_COMPRESSION_ZLIB: {
        memcpy(buffer, stored, CKD_TRACK_HEADER_SIZE);
        uLongf out = track_size - CKD_TRACK_HEADER_SIZE;
        int rc = uncompress(buffer + CKD_TRACK_HEADER_SIZE, &out, stored + CKD_TRACK_HEADER_SIZE,
                            stored_length - CKD_TRACK_HEADER_SIZE);
        if (rc != Z_OK)
            return error_set(err, "%s: cylinder %u head %u: zlib cannot decompress the track image "
                                  "at offset %llu (%u bytes): %s",
                             path, cylinder, head, (unsigned long long)offset, stored_length,
                             rc == Z_BUF_ERROR ? "it expands beyond the track size"
                             : rc == Z_DATA_ERROR ? "corrupt compressed data"
                                                  : zError(rc));
        image_length = (uint32_t)out + CKD_TRACK_HEADER_SIZE;
        break;
    }
    case CKD_COMPRESSION_BZIP2:
        return error_set(err, "%s: cylinder %u head %u: the track image at offset %llu is compressed "
                              "with bzip2, which vm67 does not support (convert the image with "
                              "Hercules's dasdcopy -z)",
                         path, cylinder, head, (unsigned long long)offset);
    default:
        return error_set(err, "%s: cylinder %u head %u: unknown compression code %u in the first "
                              "byte of the track image at offset %llu",
                         path, cylinder, head, compression, (unsigned long long)offset);
    }
    buffer[0] = 0;
    struct ckd_track_damage damage;
    uint32_t used;
    if (!ckd_track_validate(buffer, image_length, (uint16_t)cylinder, (uint16_t)head, &used, &damage))
        return error_set(err, "%s: cylinder %u head %u record %u: damaged track image at offset "
                              "%llu (%s byte %u): %s",
                         path, cylinder, head, damage.record, (unsigned long long)offset,
                         compression == CKD_COMPRESSION_NONE ? "its" : "decompressed",
                         damage.offset, damage.what);
    *length = used;
    return true;
}

static bool cckd_read_track(struct ckd_image *img, unsigned track, uint8_t *buffer,
                            uint32_t *length, struct error *err)
{
    struct cckd_state *s = state_of(img);
    unsigned cylinder = track / img->heads, head = track % img->heads;
    struct cckd_l2_entry e = entry_of(s, track);
    if (e.offset == 0) {
        if (e.length > CKD_NULL_FORMAT_EMPTY) {
            uint64_t where = s->l2[track / CCKD_L2_ENTRIES] != NULL
                                 ? s->l1[track / CCKD_L2_ENTRIES] +
                                       (uint64_t)(track % CCKD_L2_ENTRIES) * CCKD_L2_ENTRY_SIZE + 4
                                 : CCKD_HEADER_OFFSET + CCKD_H_NULL_FORMAT;
            return error_set(err, "%s: cylinder %u head %u: null track format %u (at offset %llu) "
                                  "is not one a %s uses",
                             img->path, cylinder, head, e.length, (unsigned long long)where,
                             img->geometry->name);
        }
        *length = ckd_track_build_null(buffer, (uint16_t)cylinder, (uint16_t)head,
                                       (enum ckd_null_format)e.length);
        return true;
    }
    char what[64];
    snprintf(what, sizeof what, "the track image of cylinder %u head %u", cylinder, head);
    if (!ckd_image_pread(img, s->compressed, e.length, e.offset, what, err))
        return false;
    return cckd_decode_track(img->path, cylinder, head, e.offset, s->compressed, e.length, buffer,
                             img->track_size, length, err);
}

/* ---- Writing ------------------------------------------------------------- */

static void put_l2_entry(uint8_t *p, const struct cckd_l2_entry *e)
{
    store_le32(p, e->offset);
    store_le16(p + 4, e->length);
    store_le16(p + 6, e->size);
}

/* Gives level 1 slot `index` a level 2 table (in memory; written by the
 * caller once the new track entry is in it). */
static bool new_l2_table(struct ckd_image *img, uint32_t index, struct error *err)
{
    struct cckd_state *s = state_of(img);
    struct cckd_l2_entry *t = malloc(CCKD_L2_ENTRIES * sizeof *t);
    if (t == NULL)
        return error_set(err, "%s: out of memory", img->path);
    for (unsigned i = 0; i < CCKD_L2_ENTRIES; i++) {
        t[i].offset = 0;
        t[i].length = t[i].size = s->null_format;
    }
    uint32_t size;
    uint64_t offset = space_get(s, CCKD_L2_TABLE_SIZE, true, &size);
    if (offset > UINT32_MAX - CCKD_L2_TABLE_SIZE) {
        free(t);
        return error_set(err, "%s: the image would grow beyond 4 GB, the CCKD format's limit",
                         img->path);
    }
    s->l2[index] = t;
    s->l1[index] = (uint32_t)offset;
    return true;
}

static bool write_l2_table(struct ckd_image *img, uint32_t index, struct error *err)
{
    struct cckd_state *s = state_of(img);
    uint8_t table[CCKD_L2_TABLE_SIZE];
    for (unsigned i = 0; i < CCKD_L2_ENTRIES; i++)
        put_l2_entry(table + i * CCKD_L2_ENTRY_SIZE, &s->l2[index][i]);
    char what[48];
    snprintf(what, sizeof what, "level 2 table %u", index);
    if (!ckd_image_pwrite(img, table, CCKD_L2_TABLE_SIZE, s->l1[index], what, err))
        return false;
    uint8_t l1_entry[4];
    store_le32(l1_entry, s->l1[index]);
    snprintf(what, sizeof what, "level 1 entry %u", index);
    return ckd_image_pwrite(img, l1_entry, 4, CCKD_L1_OFFSET + 4ull * index, what, err);
}

/* The bytes to store for a track image: compressed when that helps. */
static uint32_t encode_track(struct cckd_state *s, const uint8_t *image, uint32_t length,
                             const uint8_t **stored)
{
    *stored = image;
    if (s->compression != CKD_COMPRESSION_ZLIB || length < CCKD_COMPRESS_MIN)
        return length;
    uLongf out = 65536 - CKD_TRACK_HEADER_SIZE;
    int level = s->compression_level >= 0 && s->compression_level <= 9 ? s->compression_level
                                                                         : Z_DEFAULT_COMPRESSION;
    if (compress2(s->compressed + CKD_TRACK_HEADER_SIZE, &out, image + CKD_TRACK_HEADER_SIZE,
                  length - CKD_TRACK_HEADER_SIZE, level) != Z_OK ||
        out + CKD_TRACK_HEADER_SIZE >= length)
        return length;
    memcpy(s->compressed, image, CKD_TRACK_HEADER_SIZE);
    s->compressed[0] = CKD_COMPRESSION_ZLIB;
    *stored = s->compressed;
    return (uint32_t)out + CKD_TRACK_HEADER_SIZE;
}

static bool cckd_write_track(struct ckd_image *img, unsigned track, const uint8_t *image,
                             uint32_t length, unsigned flags, struct error *err)
{
    struct cckd_state *s = state_of(img);
    unsigned cylinder = track / img->heads, head = track % img->heads;
    uint32_t index = track / CCKD_L2_ENTRIES, slot = track % CCKD_L2_ENTRIES;
    if (!mark_open(img, err))
        return false;
    uint64_t old_end = s->end;
    bool new_table = false;
    if (s->l2[index] == NULL) {
        /* The table goes first, so a fresh image has it right after the
         * level 1 table, as dasdinit lays it out. */
        if (!new_l2_table(img, index, err))
            return false;
        new_table = true;
    }
    struct cckd_l2_entry old = s->l2[index][slot];
    struct cckd_l2_entry e;
    int null_format = (flags & CKD_WRITE_STORE_NULL)
                          ? -1
                          : ckd_track_null_format(image, length, (uint16_t)cylinder, (uint16_t)head);
    if (null_format >= 0) {
        e.offset = 0;
        e.length = e.size = (uint16_t)null_format;
    } else {
        const uint8_t *stored;
        uint32_t stored_length = encode_track(s, image, length, &stored);
        uint32_t size;
        uint64_t offset = space_get(s, stored_length, false, &size);
        if (offset + size > UINT32_MAX)
            return error_set(err, "%s: the image would grow beyond 4 GB, the CCKD format's limit",
                             img->path);
        char what[64];
        snprintf(what, sizeof what, "the track image of cylinder %u head %u", cylinder, head);
        if (stored == image) {
            /* The first byte of a stored image is its compression code. */
            memcpy(s->compressed, image, length);
            s->compressed[0] = CKD_COMPRESSION_NONE;
            stored = s->compressed;
        }
        if (!ckd_image_pwrite(img, stored, stored_length, offset, what, err))
            return false;
        e.offset = (uint32_t)offset;
        e.length = (uint16_t)stored_length;
        e.size = (uint16_t)size;
    }
    s->l2[index][slot] = e;
    if (new_table) {
        if (!write_l2_table(img, index, err))
            return false;
    } else {
        uint8_t entry[CCKD_L2_ENTRY_SIZE];
        put_l2_entry(entry, &e);
        char what[64];
        snprintf(what, sizeof what, "the level 2 entry of cylinder %u head %u", cylinder, head);
        if (!ckd_image_pwrite(img, entry, sizeof entry,
                              s->l1[index] + (uint64_t)slot * CCKD_L2_ENTRY_SIZE, what, err))
            return false;
    }
    if (old.offset != 0 && !space_release(s, old.offset, old.size))
        return error_set(err, "%s: out of memory", img->path);
    if (s->end != old_end) {
        store_le32(s->header + CCKD_H_SIZE, (uint32_t)s->end);
        if (!write_cckd_header(img, err))
            return false;
    }
    return true;
}

/* ---- Closing ------------------------------------------------------------- */

/* Recomputes the header's space totals as cckdcdsk does, writes the free
 * space chain and truncates free space at the end of the file. */
static bool write_free_space(struct ckd_image *img, struct error *err)
{
    struct cckd_state *s = state_of(img);
    /* Free space at the end of the file is dropped. */
    while (s->free_count > 0 &&
           s->free[s->free_count - 1].offset + s->free[s->free_count - 1].length >= s->end) {
        s->end = s->free[s->free_count - 1].offset;
        s->free_count--;
    }
    uint64_t used = CKD_DEVICE_HEADER_SIZE + CCKD_HEADER_SIZE + 4ull * s->l1_count;
    uint64_t imbedded = 0;
    uint32_t tracks = img->cylinders * img->heads;
    for (uint32_t i = 0; i < s->l1_count; i++) {
        if (s->l2[i] == NULL)
            continue;
        used += CCKD_L2_TABLE_SIZE;
        for (unsigned j = 0; j < CCKD_L2_ENTRIES; j++) {
            const struct cckd_l2_entry *e = &s->l2[i][j];
            if (e->offset == 0 || i * CCKD_L2_ENTRIES + j >= tracks)
                continue;
            used += e->length;
            imbedded += (uint32_t)(e->size - e->length);
        }
    }
    uint64_t free_total = imbedded, largest = 0;
    for (size_t i = 0; i < s->free_count; i++) {
        uint8_t block[CCKD_FREE_BLOCK_SIZE];
        uint64_t next = i + 1 < s->free_count ? s->free[i + 1].offset : 0;
        store_le32(block, (uint32_t)next);
        store_le32(block + 4, (uint32_t)s->free[i].length);
        if (!ckd_image_pwrite(img, block, sizeof block, s->free[i].offset, "a free space block", err))
            return false;
        free_total += s->free[i].length;
        if (s->free[i].length > largest)
            largest = s->free[i].length;
    }
    uint8_t *h = s->header;
    store_le32(h + CCKD_H_SIZE, (uint32_t)s->end);
    store_le32(h + CCKD_H_USED, (uint32_t)used);
    store_le32(h + CCKD_H_FREE_OFFSET, s->free_count ? (uint32_t)s->free[0].offset : 0);
    store_le32(h + CCKD_H_FREE_TOTAL, (uint32_t)free_total);
    store_le32(h + CCKD_H_FREE_LARGEST, (uint32_t)largest);
    store_le32(h + CCKD_H_FREE_COUNT, (uint32_t)s->free_count);
    store_le32(h + CCKD_H_FREE_IMBEDDED, (uint32_t)imbedded);
    h[CCKD_H_OPTIONS] &= (uint8_t)~CCKD_OPTION_OPEN;
    if (!write_cckd_header(img, err))
        return false;
    if (ftruncate(img->fd, (off_t)s->end) != 0)
        return error_set(err, "%s: cannot truncate to offset %llu: %s", img->path,
                         (unsigned long long)s->end, strerror(errno));
    img->file_size = s->end;
    return true;
}

static bool cckd_close(struct ckd_image *img, struct error *err)
{
    struct cckd_state *s = state_of(img);
    bool ok = true;
    if (s != NULL && s->written && !img->read_only)
        ok = write_free_space(img, err);
    state_free(s);
    img->format_state = NULL;
    return ok;
}

static const struct ckd_image_format_ops cckd_format_ops = {
    .read_track = cckd_read_track,
    .write_track = cckd_write_track,
    .close = cckd_close,
};

/* ---- Opening and creating ------------------------------------------------ */

static struct cckd_state *state_new(uint32_t l1_count)
{
    struct cckd_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->l1_count = l1_count;
    s->l1 = calloc(l1_count ? l1_count : 1, sizeof *s->l1);
    s->l2 = calloc(l1_count ? l1_count : 1, sizeof *s->l2);
    s->compressed = malloc(65536);
    if (s->l1 == NULL || s->l2 == NULL || s->compressed == NULL) {
        state_free(s);
        return NULL;
    }
    return s;
}

/* Stops at the first problem the scan finds. */
static bool first_problem(void *arg, const struct cckd_problem *p)
{
    struct error *err = arg;
    error_set(err, "%s", p->message);
    return false;
}

bool cckd_image_open(struct ckd_image *img, const uint8_t *header, struct error *err)
{
    (void)header;
    img->ops = &cckd_format_ops;
    img->format = CKD_IMAGE_FORMAT_CCKD;
    struct cckd_layout layout;
    if (!cckd_scan_tables(img->fd, img->path, img->file_size, img->heads, &layout, first_problem,
                          err)) {
        cckd_layout_free(&layout);
        return false;
    }
    struct cckd_state *s = state_new(layout.l1_count);
    if (s == NULL) {
        cckd_layout_free(&layout);
        return error_set(err, "%s: out of memory", img->path);
    }
    img->format_state = s;
    memcpy(s->header, layout.header, CCKD_HEADER_SIZE);
    img->cylinders = layout.cylinders;
    s->null_format = layout.header[CCKD_H_NULL_FORMAT];
    s->compression = layout.header[CCKD_H_COMPRESSION];
    s->compression_level = (int16_t)load_le16(layout.header + CCKD_H_COMPRESSION_PARM);
    s->end = layout.end;
    /* Left open by a writer that died: its free space chain and totals are
     * stale; this session's close rewrites them (as Hercules checks such a
     * file before use). */
    if ((layout.header[CCKD_H_OPTIONS] & CCKD_OPTION_OPEN) && !img->read_only)
        s->written = true;
    for (uint32_t i = 0; i < layout.l1_count; i++) {
        if (layout.l2[i] == NULL)
            continue;
        s->l1[i] = layout.l1[i];
        s->l2[i] = malloc(CCKD_L2_ENTRIES * sizeof *s->l2[i]);
        if (s->l2[i] == NULL) {
            cckd_layout_free(&layout);
            return error_set(err, "%s: out of memory", img->path);
        }
        for (unsigned j = 0; j < CCKD_L2_ENTRIES; j++) {
            const uint8_t *p = layout.l2[i] + j * CCKD_L2_ENTRY_SIZE;
            s->l2[i][j].offset = load_le32(p);
            s->l2[i][j].length = load_le16(p + 4);
            s->l2[i][j].size = load_le16(p + 6);
        }
    }
    for (size_t i = 0; i < layout.gap_count; i++)
        if (!free_insert(s, layout.gaps[i].offset, layout.gaps[i].length)) {
            cckd_layout_free(&layout);
            return error_set(err, "%s: out of memory", img->path);
        }
    cckd_layout_free(&layout);
    return true;
}

bool cckd_image_create(struct ckd_image *img, enum ckd_compression compression,
                       int compression_level, struct error *err)
{
    img->ops = &cckd_format_ops;
    uint32_t tracks = img->cylinders * img->heads;
    uint32_t l1_count = (tracks + CCKD_L2_ENTRIES - 1) / CCKD_L2_ENTRIES;
    struct cckd_state *s = state_new(l1_count);
    if (s == NULL)
        return error_set(err, "%s: out of memory", img->path);
    img->format_state = s;
    s->null_format = CKD_NULL_FORMAT_EMPTY;
    s->compression = (uint8_t)compression;
    s->compression_level = compression_level;
    s->end = CCKD_L1_OFFSET + 4ull * l1_count;
    uint8_t *h = s->header;
    h[CCKD_H_VERSION] = 0;
    h[CCKD_H_VERSION + 1] = 3;
    h[CCKD_H_VERSION + 2] = 1;
    h[CCKD_H_OPTIONS] = CCKD_OPTION_HERCULES3;
    store_le32(h + CCKD_H_L1_ENTRIES, l1_count);
    store_le32(h + CCKD_H_L2_ENTRIES, CCKD_L2_ENTRIES);
    store_le32(h + CCKD_H_SIZE, (uint32_t)s->end);
    store_le32(h + CCKD_H_USED, (uint32_t)s->end);
    store_le32(h + CCKD_H_CYLINDERS, img->cylinders);
    h[CCKD_H_NULL_FORMAT] = CKD_NULL_FORMAT_EMPTY;
    h[CCKD_H_COMPRESSION] = (uint8_t)compression;
    store_le16(h + CCKD_H_COMPRESSION_PARM, (uint16_t)(int16_t)compression_level);
    uint8_t device_header[CKD_DEVICE_HEADER_SIZE];
    ckd_image_build_header(device_header, "CKD_C370", img->heads, img->track_size,
                           img->geometry->header_type);
    if (!ckd_image_pwrite(img, device_header, sizeof device_header, 0, "the device header", err) ||
        !write_cckd_header(img, err))
        return false;
    uint8_t *l1 = calloc(l1_count, 4);
    if (l1 == NULL)
        return error_set(err, "%s: out of memory", img->path);
    bool ok = ckd_image_pwrite(img, l1, 4 * l1_count, CCKD_L1_OFFSET, "the level 1 table", err);
    free(l1);
    /* A new file is complete as it stands; writes mark it open. */
    return ok;
}
