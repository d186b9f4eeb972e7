/* `vm67 dasd check`: every structure of an image, every track, each
 * problem on one line with its file, place and byte offset. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/cckd_scan.h"
#include "devices/ckd_track.h"
#include "devices/dasd_tools.h"
#include "lib/bytes.h"

struct check {
    const char *path;
    FILE *out;
    unsigned problems;
};

static bool print_problem(void *arg, const struct cckd_problem *p)
{
    struct check *c = arg;
    fprintf(c->out, "%s\n", p->message);
    c->problems++;
    return true;
}

static void problem(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct check *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->out, fmt, ap);
    va_end(ap);
    fputc('\n', c->out);
    c->problems++;
}

/* Uncompressed images: every track slot. */
static void check_ckd(struct check *c, const struct ckd_progress *progress)
{
    struct ckd_image_options read_only = {.read_only = true};
    struct ckd_image *img;
    struct error err;
    if (!ckd_image_open(&img, c->path, &read_only, &err)) {
        problem(c, "%s", err.message);
        return;
    }
    uint8_t *track = malloc(img->track_size);
    for (unsigned t = 0; track != NULL && t < ckd_image_tracks(img); t++) {
        uint32_t length;
        if (!ckd_read_track(img, t, track, &length, &err))
            problem(c, "%s", err.message);
        if ((t + 1) % img->heads == 0)
            ckd_progress_report(progress, (t + 1) / img->heads, img->cylinders);
    }
    free(track);
    ckd_image_close(img, NULL);
}

/* The header's space totals, recomputed from the tables as cckdcdsk does. */
static void check_totals(struct check *c, const struct cckd_layout *layout, unsigned heads)
{
    uint64_t used = CKD_DEVICE_HEADER_SIZE + CCKD_HEADER_SIZE + 4ull * layout->l1_count;
    uint64_t imbedded = 0, gaps = 0, largest = 0;
    uint32_t tracks = layout->cylinders * heads;
    for (uint32_t i = 0; i < layout->l1_count; i++) {
        if (layout->l2[i] == NULL)
            continue;
        used += CCKD_L2_TABLE_SIZE;
        for (unsigned j = 0; j < CCKD_L2_ENTRIES && i * CCKD_L2_ENTRIES + j < tracks; j++) {
            const uint8_t *e = layout->l2[i] + j * CCKD_L2_ENTRY_SIZE;
            if (load_le32(e) == 0 || load_le32(e) == 0xFFFFFFFFu)
                continue;
            used += load_le16(e + 4);
            imbedded += load_le16(e + 6) - load_le16(e + 4);
        }
    }
    const uint8_t *h = layout->header;
    uint32_t size = load_le32(h + CCKD_H_SIZE);
    for (size_t i = 0; i < layout->gap_count; i++) {
        if (layout->gaps[i].offset >= size)
            continue; /* a free space array written past the end */
        gaps += layout->gaps[i].length;
        if (layout->gaps[i].length > largest)
            largest = layout->gaps[i].length;
    }
    static const struct {
        unsigned field;
        const char *name;
    } fields[] = {{CCKD_H_USED, "bytes used"},
                  {CCKD_H_FREE_TOTAL, "free bytes"},
                  {CCKD_H_FREE_LARGEST, "largest free block"},
                  {CCKD_H_FREE_IMBEDDED, "free bytes inside track allocations"}};
    uint64_t expected[] = {used, gaps + imbedded, largest, imbedded};
    for (size_t i = 0; i < 4; i++) {
        uint32_t recorded = load_le32(h + fields[i].field);
        if (recorded != expected[i])
            problem(c, "%s: header gives %s as %u at offset %u; the tables make it %llu", c->path,
                    fields[i].name, recorded, CCKD_HEADER_OFFSET + fields[i].field,
                    (unsigned long long)expected[i]);
    }
}

static void check_cckd(struct check *c, const uint8_t *device_header,
                       const struct ckd_progress *progress)
{
    /* The device header's own fields are checked by opening the image. */
    struct ckd_image_options read_only = {.read_only = true};
    struct ckd_image *img;
    struct error err;
    bool opened = ckd_image_open(&img, c->path, &read_only, &err);
    if (opened)
        ckd_image_close(img, NULL);
    unsigned heads = load_le32(device_header + 8);
    const struct dasd_geometry *g = dasd_geometry_by_header_type(device_header[16]);
    if (!opened && (g == NULL || g->heads != heads)) {
        problem(c, "%s", err.message);
        return;
    }
    int fd = open(c->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        problem(c, "%s: cannot open: %s", c->path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return;
    }
    struct cckd_layout layout;
    bool usable = cckd_scan_tables(fd, c->path, (uint64_t)st.st_size, heads, &layout, print_problem, c);
    if (!opened && layout.problems == 0)
        problem(c, "%s", err.message); /* a device header field, not the tables */
    if (usable) {
        if (layout.header[CCKD_H_OPTIONS] & CCKD_OPTION_OPEN) {
            fprintf(c->out,
                    "note: %s was not closed cleanly (open flag in the option byte at offset %u): "
                    "its free space chain and totals are stale and are rebuilt when it is next "
                    "opened for writing\n",
                    c->path, CCKD_HEADER_OFFSET + CCKD_H_OPTIONS);
        } else if (layout.problems == 0) {
            cckd_scan_free_space(fd, c->path, &layout, print_problem, c);
            check_totals(c, &layout, heads);
        }
        uint32_t track_size = load_le32(device_header + 12);
        uint8_t *stored = malloc(65536), *track = malloc(track_size);
        uint64_t low = CCKD_L1_OFFSET + 4ull * layout.l1_count;
        uint32_t tracks = layout.cylinders * heads;
        for (uint32_t t = 0; stored != NULL && track != NULL && t < tracks; t++) {
            const uint8_t *table = layout.l2[t / CCKD_L2_ENTRIES];
            if (table != NULL) {
                const uint8_t *e = table + (t % CCKD_L2_ENTRIES) * CCKD_L2_ENTRY_SIZE;
                uint32_t offset = load_le32(e);
                uint16_t length = load_le16(e + 4), size = load_le16(e + 6);
                bool sane = offset != 0 && offset != 0xFFFFFFFFu && offset >= low &&
                            (uint64_t)offset + size <= (uint64_t)st.st_size && length <= size &&
                            length >= CKD_TRACK_HEADER_SIZE + CKD_END_OF_TRACK_SIZE;
                uint32_t n;
                if (sane && pread(fd, stored, length, offset) == (ssize_t)length &&
                    !cckd_decode_track(c->path, t / heads, t % heads, offset, stored, length, track,
                                       track_size, &n, &err))
                    problem(c, "%s", err.message);
            }
            if ((t + 1) % heads == 0)
                ckd_progress_report(progress, (t + 1) / heads, layout.cylinders);
        }
        free(stored);
        free(track);
    }
    cckd_layout_free(&layout);
    close(fd);
}

unsigned dasd_check(const char *path, FILE *out, const struct ckd_progress *progress)
{
    struct check c = {.path = path, .out = out};
    uint8_t header[CKD_DEVICE_HEADER_SIZE];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? pread(fd, header, sizeof header, 0) : -1;
    if (fd >= 0)
        close(fd);
    if (n == (ssize_t)sizeof header && memcmp(header, "CKD_C370", 8) == 0)
        check_cckd(&c, header, progress);
    else
        check_ckd(&c, progress);
    return c.problems;
}
