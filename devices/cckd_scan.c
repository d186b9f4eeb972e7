/* CCKD structure: see cckd_scan.h and the layout in cckd_image.h. */
#include "devices/cckd_scan.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/ckd_image.h"
#include "devices/ckd_track.h"
#include "lib/bytes.h"

/* Something that occupies part of the file. */
struct extent {
    uint64_t offset;
    uint64_t size;
    char what[64];
};

struct extents {
    struct extent *items;
    size_t count;
    size_t capacity;
};

static bool extents_add(struct extents *x, uint64_t offset, uint64_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool extents_add(struct extents *x, uint64_t offset, uint64_t size, const char *fmt, ...)
{
    if (x->count == x->capacity) {
        size_t n = x->capacity ? x->capacity * 2 : 256;
        struct extent *p = realloc(x->items, n * sizeof *p);
        if (p == NULL)
            return false;
        x->items = p;
        x->capacity = n;
    }
    struct extent *e = &x->items[x->count++];
    e->offset = offset;
    e->size = size;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->what, sizeof e->what, fmt, ap);
    va_end(ap);
    return true;
}

static int extent_order(const void *a, const void *b)
{
    const struct extent *x = a, *y = b;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return x->size < y->size ? -1 : x->size > y->size;
}

static bool report(struct cckd_layout *layout, cckd_problem_fn problem, void *arg, uint64_t offset,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static bool report(struct cckd_layout *layout, cckd_problem_fn problem, void *arg, uint64_t offset,
                   const char *fmt, ...)
{
    struct cckd_problem p;
    p.offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p.message, sizeof p.message, fmt, ap);
    va_end(ap);
    layout->problems++;
    return problem == NULL || problem(arg, &p);
}

static bool read_exact(int fd, void *buffer, size_t length, uint64_t offset)
{
    uint8_t *p = buffer;
    size_t done = 0;
    while (done < length) {
        ssize_t n = pread(fd, p + done, length - done, (off_t)(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += (size_t)n;
    }
    return true;
}

void cckd_layout_free(struct cckd_layout *layout)
{
    if (layout->l2 != NULL)
        for (uint32_t i = 0; i < layout->l1_count; i++)
            free(layout->l2[i]);
    free(layout->l2);
    free(layout->l1);
    free(layout->gaps);
    layout->l2 = NULL;
    layout->l1 = NULL;
    layout->gaps = NULL;
}

/* Checks one level 2 table's entries; adds the track images to `x`. */
static bool scan_l2(const char *path, struct cckd_layout *layout, uint32_t index, unsigned heads,
                    uint64_t low, struct extents *x, cckd_problem_fn problem, void *arg)
{
    const uint8_t *table = layout->l2[index];
    uint64_t table_offset = layout->l1[index];
    uint32_t tracks = layout->cylinders * heads;
    for (unsigned j = 0; j < CCKD_L2_ENTRIES; j++) {
        uint32_t track = index * CCKD_L2_ENTRIES + j;
        const uint8_t *p = table + j * CCKD_L2_ENTRY_SIZE;
        uint64_t where = table_offset + (uint64_t)j * CCKD_L2_ENTRY_SIZE;
        uint32_t offset = load_le32(p);
        uint16_t length = load_le16(p + 4), size = load_le16(p + 6);
        unsigned cylinder = track / heads, head = track % heads;
        if (offset == 0 || offset == 0xFFFFFFFFu) {
            if (track < tracks && offset == 0 && length > CKD_NULL_FORMAT_EMPTY &&
                !report(layout, problem, arg, where,
                        "%s: cylinder %u head %u: level 2 entry at offset %llu gives null track "
                        "format %u, which no model vm67 attaches uses",
                        path, cylinder, head, (unsigned long long)where, length))
                return false;
            continue;
        }
        if (track >= tracks) {
            if (!report(layout, problem, arg, where,
                        "%s: level 2 entry at offset %llu is for track %u, beyond the image's %u "
                        "tracks",
                        path, (unsigned long long)where, track, tracks))
                return false;
            continue;
        }
        if (length < CKD_TRACK_HEADER_SIZE + CKD_END_OF_TRACK_SIZE || size < length) {
            if (!report(layout, problem, arg, where,
                        "%s: cylinder %u head %u: level 2 entry at offset %llu has length %u and "
                        "size %u (a track image needs at least %u bytes, and its size is at least "
                        "its length)",
                        path, cylinder, head, (unsigned long long)where, length, size,
                        CKD_TRACK_HEADER_SIZE + CKD_END_OF_TRACK_SIZE))
                return false;
            continue;
        }
        if (offset < low || (uint64_t)offset + size > layout->end) {
            if (!report(layout, problem, arg, where,
                        "%s: cylinder %u head %u: level 2 entry at offset %llu places the track "
                        "image at offset %u..%llu, outside the file's data area %llu..%llu",
                        path, cylinder, head, (unsigned long long)where, offset,
                        (unsigned long long)offset + size, (unsigned long long)low,
                        (unsigned long long)layout->end))
                return false;
            continue;
        }
        if (!extents_add(x, offset, size, "the track image of cylinder %u head %u", cylinder, head))
            return report(layout, problem, arg, 0, "%s: out of memory", path) && false;
    }
    return true;
}

bool cckd_scan_tables(int fd, const char *path, uint64_t file_size, unsigned heads,
                      struct cckd_layout *layout, cckd_problem_fn problem, void *arg)
{
    memset(layout, 0, sizeof *layout);
    layout->end = file_size;
    if (file_size < CCKD_L1_OFFSET || !read_exact(fd, layout->header, CCKD_HEADER_SIZE, CCKD_HEADER_OFFSET)) {
        report(layout, problem, arg, file_size,
               "%s: file ends at offset %llu, inside the compressed device header (offsets %u..%u)",
               path, (unsigned long long)file_size, CCKD_HEADER_OFFSET, CCKD_L1_OFFSET);
        return false;
    }
    const uint8_t *h = layout->header;
    if (h[CCKD_H_OPTIONS] & CCKD_OPTION_BIG_ENDIAN) {
        report(layout, problem, arg, CCKD_HEADER_OFFSET + CCKD_H_OPTIONS,
               "%s: big-endian CCKD image (option byte X'%02X' at offset %u): not supported; "
               "convert it with Hercules's cckdswap",
               path, h[CCKD_H_OPTIONS], CCKD_HEADER_OFFSET + CCKD_H_OPTIONS);
        return false;
    }
    uint32_t l2_entries = load_le32(h + CCKD_H_L2_ENTRIES);
    if (l2_entries != CCKD_L2_ENTRIES) {
        report(layout, problem, arg, CCKD_HEADER_OFFSET + CCKD_H_L2_ENTRIES,
               "%s: %u entries per level 2 table at offset %u (CCKD uses %u)", path, l2_entries,
               CCKD_HEADER_OFFSET + CCKD_H_L2_ENTRIES, CCKD_L2_ENTRIES);
        return false;
    }
    uint32_t cylinders = load_le32(h + CCKD_H_CYLINDERS);
    if (cylinders == 0 || cylinders > 65535) {
        report(layout, problem, arg, CCKD_HEADER_OFFSET + CCKD_H_CYLINDERS,
               "%s: %u cylinders at offset %u is outside 1..65535", path, cylinders,
               CCKD_HEADER_OFFSET + CCKD_H_CYLINDERS);
        return false;
    }
    layout->cylinders = cylinders;
    uint32_t tracks = cylinders * heads;
    uint32_t l1_count = load_le32(h + CCKD_H_L1_ENTRIES);
    if (l1_count != (tracks + CCKD_L2_ENTRIES - 1) / CCKD_L2_ENTRIES) {
        report(layout, problem, arg, CCKD_HEADER_OFFSET + CCKD_H_L1_ENTRIES,
               "%s: %u level 1 entries at offset %u, but %u cylinders of %u tracks need %u", path,
               l1_count, CCKD_HEADER_OFFSET + CCKD_H_L1_ENTRIES, cylinders, heads,
               (tracks + CCKD_L2_ENTRIES - 1) / CCKD_L2_ENTRIES);
        return false;
    }
    uint64_t low = CCKD_L1_OFFSET + 4ull * l1_count;
    if (low > file_size) {
        report(layout, problem, arg, file_size,
               "%s: file ends at offset %llu, inside the level 1 table (offsets %u..%llu)", path,
               (unsigned long long)file_size, CCKD_L1_OFFSET, (unsigned long long)low);
        return false;
    }
    layout->l1_count = l1_count;
    layout->l1 = calloc(l1_count ? l1_count : 1, sizeof *layout->l1);
    layout->l2 = calloc(l1_count ? l1_count : 1, sizeof *layout->l2);
    uint8_t *raw = malloc(4ull * l1_count + 1);
    if (layout->l1 == NULL || layout->l2 == NULL || raw == NULL ||
        !read_exact(fd, raw, 4ull * l1_count, CCKD_L1_OFFSET)) {
        free(raw);
        report(layout, problem, arg, CCKD_L1_OFFSET, "%s: cannot read the level 1 table at offset %u",
               path, CCKD_L1_OFFSET);
        return false;
    }
    for (uint32_t i = 0; i < l1_count; i++)
        layout->l1[i] = load_le32(raw + 4 * i);
    free(raw);

    struct extents x = {0};
    bool go = true;
    for (uint32_t i = 0; i < l1_count && go; i++) {
        uint32_t offset = layout->l1[i];
        if (offset == 0 || offset == 0xFFFFFFFFu)
            continue;
        uint64_t where = CCKD_L1_OFFSET + 4ull * i;
        if (offset < low || (uint64_t)offset + CCKD_L2_TABLE_SIZE > file_size) {
            go = report(layout, problem, arg, where,
                        "%s: level 1 entry %u at offset %llu places a level 2 table at offset "
                        "%u..%llu, outside the file's data area %llu..%llu (tracks %u..%u lost)",
                        path, i, (unsigned long long)where, offset,
                        (unsigned long long)offset + CCKD_L2_TABLE_SIZE, (unsigned long long)low,
                        (unsigned long long)file_size, i * CCKD_L2_ENTRIES,
                        i * CCKD_L2_ENTRIES + CCKD_L2_ENTRIES - 1);
            continue;
        }
        layout->l2[i] = malloc(CCKD_L2_TABLE_SIZE);
        if (layout->l2[i] == NULL || !read_exact(fd, layout->l2[i], CCKD_L2_TABLE_SIZE, offset)) {
            go = report(layout, problem, arg, offset, "%s: cannot read level 2 table %u at offset %u",
                        path, i, offset);
            free(layout->l2[i]);
            layout->l2[i] = NULL;
            continue;
        }
        if (!extents_add(&x, offset, CCKD_L2_TABLE_SIZE, "level 2 table %u", i)) {
            go = report(layout, problem, arg, 0, "%s: out of memory", path) && false;
            break;
        }
        go = scan_l2(path, layout, i, heads, low, &x, problem, arg);
    }

    /* Overlaps, then the gaps between what is used. */
    if (go) {
        if (x.count > 1)
            qsort(x.items, x.count, sizeof x.items[0], extent_order);
        uint64_t position = low;
        const char *previous = "the level 1 table";
        for (size_t i = 0; i < x.count && go; i++) {
            struct extent *e = &x.items[i];
            if (e->offset < position) {
                go = report(layout, problem, arg, e->offset,
                            "%s: %s at offset %llu overlaps %s (which ends at offset %llu)", path,
                            e->what, (unsigned long long)e->offset, previous,
                            (unsigned long long)position);
            } else if (e->offset > position) {
                struct cckd_gap *g = realloc(layout->gaps, (layout->gap_count + 1) * sizeof *g);
                if (g == NULL) {
                    go = report(layout, problem, arg, 0, "%s: out of memory", path) && false;
                    break;
                }
                layout->gaps = g;
                g[layout->gap_count].offset = position;
                g[layout->gap_count].length = e->offset - position;
                layout->gap_count++;
            }
            if (e->offset + e->size > position) {
                position = e->offset + e->size;
                previous = e->what;
            }
        }
        if (go && position < file_size) {
            struct cckd_gap *g = realloc(layout->gaps, (layout->gap_count + 1) * sizeof *g);
            if (g != NULL) {
                layout->gaps = g;
                g[layout->gap_count].offset = position;
                g[layout->gap_count].length = file_size - position;
                layout->gap_count++;
            } else {
                go = report(layout, problem, arg, 0, "%s: out of memory", path) && false;
            }
        }
    }
    free(x.items);
    return go;
}

/* Hercules 3 also writes the chain as one array ("FREE_BLK", then an
 * offset and length per free block), sometimes past the end the header
 * gives; the array must list the gaps. */
static void scan_free_array(int fd, const char *path, struct cckd_layout *layout, uint32_t size,
                            uint32_t free_offset, uint32_t free_count, cckd_problem_fn problem,
                            void *arg)
{
    size_t gaps = layout->gap_count;
    /* An array written at the end of the file is not itself free space. */
    if (gaps > 0 && free_offset == size && layout->gaps[gaps - 1].offset == size)
        gaps--;
    if (free_count != gaps) {
        report(layout, problem, arg, CCKD_HEADER_OFFSET + CCKD_H_FREE_COUNT,
               "%s: header counts %u free blocks at offset %u, the tables leave %zu", path,
               free_count, CCKD_HEADER_OFFSET + CCKD_H_FREE_COUNT, gaps);
        return;
    }
    for (size_t i = 0; i < gaps; i++) {
        uint8_t entry[CCKD_FREE_BLOCK_SIZE];
        uint64_t where = free_offset + CCKD_FREE_BLOCK_SIZE * (i + 1);
        if (!read_exact(fd, entry, sizeof entry, where)) {
            report(layout, problem, arg, where, "%s: free space array ends early at offset %llu",
                   path, (unsigned long long)where);
            return;
        }
        if (load_le32(entry) != layout->gaps[i].offset ||
            load_le32(entry + 4) != layout->gaps[i].length) {
            report(layout, problem, arg, where,
                   "%s: free space array entry %zu at offset %llu (offset %u, length %u) does not "
                   "match the unused space at offset %llu (length %llu)",
                   path, i, (unsigned long long)where, load_le32(entry), load_le32(entry + 4),
                   (unsigned long long)layout->gaps[i].offset,
                   (unsigned long long)layout->gaps[i].length);
            return;
        }
    }
}

void cckd_scan_free_space(int fd, const char *path, struct cckd_layout *layout,
                          cckd_problem_fn problem, void *arg)
{
    const uint8_t *h = layout->header;
    uint32_t size = load_le32(h + CCKD_H_SIZE);
    uint32_t free_offset = load_le32(h + CCKD_H_FREE_OFFSET);
    uint32_t free_count = load_le32(h + CCKD_H_FREE_COUNT);
    uint8_t first[CCKD_FREE_BLOCK_SIZE];
    if (free_offset != 0 && free_offset + CCKD_FREE_BLOCK_SIZE <= layout->end &&
        read_exact(fd, first, sizeof first, free_offset) && memcmp(first, "FREE_BLK", 8) == 0) {
        scan_free_array(fd, path, layout, size, free_offset, free_count, problem, arg);
        return;
    }
    if (size != layout->end &&
        !report(layout, problem, arg, CCKD_HEADER_OFFSET + CCKD_H_SIZE,
                "%s: header gives the file size as %u at offset %u, but the file has %llu bytes",
                path, size, CCKD_HEADER_OFFSET + CCKD_H_SIZE, (unsigned long long)layout->end))
        return;
    /* Walk the chain; it must list exactly the gaps, in order. */
    uint64_t offset = free_offset;
    size_t n = 0;
    while (offset != 0) {
        if (n >= layout->gap_count) {
            report(layout, problem, arg, offset,
                   "%s: free space chain lists a block at offset %llu where the tables leave no "
                   "free space",
                   path, (unsigned long long)offset);
            return;
        }
        uint8_t block[CCKD_FREE_BLOCK_SIZE];
        if (offset + CCKD_FREE_BLOCK_SIZE > layout->end || !read_exact(fd, block, sizeof block, offset)) {
            report(layout, problem, arg, offset,
                   "%s: free space chain points to offset %llu, outside the file", path,
                   (unsigned long long)offset);
            return;
        }
        uint32_t length = load_le32(block + 4);
        if (offset != layout->gaps[n].offset || length != layout->gaps[n].length) {
            report(layout, problem, arg, offset,
                   "%s: free block %zu at offset %llu (length %u) does not match the unused space "
                   "at offset %llu (length %llu)",
                   path, n, (unsigned long long)offset, length,
                   (unsigned long long)layout->gaps[n].offset,
                   (unsigned long long)layout->gaps[n].length);
            return;
        }
        offset = load_le32(block);
        n++;
    }
    if (n != layout->gap_count) {
        report(layout, problem, arg, layout->gaps[n].offset,
               "%s: %llu bytes at offset %llu are neither used nor on the free space chain", path,
               (unsigned long long)layout->gaps[n].length, (unsigned long long)layout->gaps[n].offset);
        return;
    }
    if (free_count != n)
        report(layout, problem, arg, CCKD_HEADER_OFFSET + CCKD_H_FREE_COUNT,
               "%s: header counts %u free blocks at offset %u, the chain has %zu", path, free_count,
               CCKD_HEADER_OFFSET + CCKD_H_FREE_COUNT, n);
}
