/* `vm67 dasd ls`: the volume label and the OS VTOC.
 *
 * The label is R3 of cylinder 0 head 0 (key 'VOL1', 80 bytes: volume
 * serial at 4, the VTOC's CCHHR at 11). The VTOC is a run of 140-byte data
 * set control blocks (key 44, data 96); the format 4 DSCB comes first and
 * gives the VTOC's extent; a format 1 DSCB describes a data set (its name
 * is the key) with three extents, and points to a format 3 DSCB holding
 * more (OS/360 System Control Blocks, GC28-6628, "DSCB formats").
 *
 * CMS minidisks (label 'CMS1') are recognised, but their file directory
 * is not listed: its on-disk layout in CP-67 CMS 3.x (800-byte blocks,
 * the master file directory the ADT points to) could not be established
 * from the sources at hand, which have the CMS macros (ADT, FST) but not
 * the code that reads the directory from disk. */
#include <stdlib.h>
#include <string.h>

#include "devices/dasd_tools.h"
#include "devices/ckd_track.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"

static const uint8_t key_vol1[4] = {0xE5, 0xD6, 0xD3, 0xF1};
static const uint8_t label_cms1[4] = {0xC3, 0xD4, 0xE2, 0xF1};

/* DSCB data area offsets (after the 44-byte key). */
enum {
    DSCB_FORMAT = 0,
    DS1_EXTENT_COUNT = 15,
    DS1_DSORG = 38,
    DS1_RECFM = 40,
    DS1_BLKSIZE = 42,
    DS1_LRECL = 44,
    DS1_KEYLEN = 46,
    DS1_EXTENTS = 61,     /* three of 10 bytes */
    DS1_FORMAT3 = 91,     /* CCHHR */
    DS3_EXTENTS = 1,      /* nine more (the key holds four) */
    DS3_NEXT = 91,
    DS4_VTOC_EXTENT = 61,
    DS4_DEVICE_SIZE = 18, /* cylinders (2), tracks per cylinder (2) */
};

struct volume {
    struct ckd_image *img;
    uint8_t *track;
    uint32_t length;
};

/* Finds record `record` on a track; returns its offset or 0. */
static uint32_t find_record(struct volume *v, unsigned cylinder, unsigned head, unsigned record,
                            struct ckd_record *out, struct error *err)
{
    if (cylinder >= v->img->cylinders || head >= v->img->heads) {
        error_set(err, "%s: cylinder %u head %u is not on the volume", v->img->path, cylinder, head);
        return 0;
    }
    if (!ckd_read_track(v->img, cylinder * v->img->heads + head, v->track, &v->length, err))
        return 0;
    uint32_t offset = CKD_TRACK_HEADER_SIZE;
    while (!ckd_is_end_of_track(v->track + offset)) {
        ckd_track_record(v->track, offset, out);
        if (out->record == record && offset != CKD_TRACK_HEADER_SIZE)
            return offset;
        offset = ckd_record_end(out);
    }
    error_set(err, "%s: cylinder %u head %u has no record %u", v->img->path, cylinder, head, record);
    return 0;
}

static void text(char *to, const uint8_t *from, size_t n)
{
    ebcdic_to_ascii((uint8_t *)to, from, n);
    to[n] = '\0';
    for (size_t i = n; i > 0 && to[i - 1] == ' '; i--)
        to[i - 1] = '\0';
}

static const char *dsorg_name(const uint8_t *d)
{
    uint8_t a = d[0], b = d[1];
    if (b & 0x08)
        return "VS";
    if (a & 0x80)
        return "IS";
    if (a & 0x40)
        return "PS";
    if (a & 0x20)
        return "DA";
    if (a & 0x02)
        return "PO";
    return a == 0 && b == 0 ? "-" : "??";
}

static void recfm_name(uint8_t r, char *out)
{
    char *p = out;
    switch (r & 0xC0) {
    case 0x80: *p++ = 'F'; break;
    case 0x40: *p++ = 'V'; break;
    case 0xC0: *p++ = 'U'; break;
    default: *p++ = '-'; break;
    }
    if (r & 0x20) *p++ = 'T';
    if (r & 0x10) *p++ = 'B';
    if (r & 0x08) *p++ = 'S';
    if (r & 0x04) *p++ = 'A';
    if (r & 0x02) *p++ = 'M';
    *p = '\0';
}

/* Adds an extent's tracks; returns false for an unused extent slot. */
static bool extent_tracks(const uint8_t *e, unsigned heads, unsigned *extents, unsigned *tracks)
{
    if (e[0] == 0)
        return false;
    unsigned low = load_be16(e + 2) * heads + load_be16(e + 4);
    unsigned high = load_be16(e + 6) * heads + load_be16(e + 8);
    (*extents)++;
    if (high >= low)
        *tracks += high - low + 1;
    return true;
}

static void list_data_set(struct volume *v, FILE *out, const uint8_t *key, const uint8_t *data)
{
    char name[45], recfm[8];
    text(name, key, 44);
    recfm_name(data[DS1_RECFM], recfm);
    unsigned extents = 0, tracks = 0;
    unsigned heads = v->img->heads;
    for (int i = 0; i < 3; i++)
        extent_tracks(data + DS1_EXTENTS + 10 * i, heads, &extents, &tracks);
    /* Format 3 DSCBs hold the rest (at most a few in a chain). */
    uint8_t next[5];
    memcpy(next, data + DS1_FORMAT3, 5);
    for (int hops = 0; hops < 16 && (next[0] | next[1] | next[2] | next[3] | next[4]); hops++) {
        struct ckd_record r;
        struct error err;
        uint32_t at = find_record(v, load_be16(next), load_be16(next + 2), next[4], &r, &err);
        if (at == 0 || r.key_length != 44 || r.data_length != 96) {
            fprintf(out, "  (format 3 DSCB of %s not readable)\n", name);
            break;
        }
        const uint8_t *k3 = v->track + at + CKD_COUNT_SIZE;
        const uint8_t *d3 = k3 + 44;
        for (int i = 0; i < 4; i++)
            extent_tracks(k3 + 4 + 10 * i, heads, &extents, &tracks);
        for (int i = 0; i < 9; i++)
            extent_tracks(d3 + DS3_EXTENTS + 10 * i, heads, &extents, &tracks);
        memcpy(next, d3 + DS3_NEXT, 5);
    }
    fprintf(out, "%-44s %-4s %-5s %5u %5u %3u %6u", name, dsorg_name(data + DS1_DSORG), recfm,
            load_be16(data + DS1_LRECL), load_be16(data + DS1_BLKSIZE), extents, tracks);
    const uint8_t *e = data + DS1_EXTENTS;
    if (e[0] != 0)
        fprintf(out, "  %u/%u-%u/%u", load_be16(e + 2), load_be16(e + 4), load_be16(e + 6),
                load_be16(e + 8));
    fputc('\n', out);
}

static bool list_vtoc(struct volume *v, FILE *out, const uint8_t *pointer, struct error *err)
{
    unsigned cylinder = load_be16(pointer), head = load_be16(pointer + 2);
    struct ckd_record r;
    uint32_t at = find_record(v, cylinder, head, pointer[4], &r, err);
    if (at == 0)
        return error_prefix(err, "VTOC: ");
    const uint8_t *f4 = v->track + at + CKD_COUNT_SIZE + r.key_length;
    if (r.key_length != 44 || r.data_length != 96 || f4[DSCB_FORMAT] != 0xF4)
        return error_set(err, "%s: the VTOC's first DSCB (cylinder %u head %u record %u) is not a "
                              "format 4 DSCB",
                         v->img->path, cylinder, head, pointer[4]);
    const uint8_t *vtoc = f4 + DS4_VTOC_EXTENT;
    unsigned first = load_be16(vtoc + 2) * v->img->heads + load_be16(vtoc + 4);
    unsigned last = load_be16(vtoc + 6) * v->img->heads + load_be16(vtoc + 8);
    fprintf(out, "VTOC: cylinder %u head %u to cylinder %u head %u\n", first / v->img->heads,
            first % v->img->heads, last / v->img->heads, last % v->img->heads);
    fprintf(out, "%-44s %-4s %-5s %5s %5s %3s %6s  %s\n", "DATA SET", "ORG", "RECFM", "LRECL",
            "BLKSZ", "EXT", "TRACKS", "FIRST EXTENT");
    if (last < first || last >= ckd_image_tracks(v->img))
        return error_set(err, "%s: the format 4 DSCB gives a VTOC extent of tracks %u..%u", v->img->path,
                         first, last);
    unsigned data_sets = 0;
    for (unsigned t = first; t <= last; t++) {
        if (!ckd_read_track(v->img, t, v->track, &v->length, err))
            return false;
        /* Copy the track: listing a data set may read its format 3. */
        uint8_t *copy = malloc(v->length);
        if (copy == NULL)
            return error_set(err, "out of memory");
        memcpy(copy, v->track, v->length);
        uint32_t offset = CKD_TRACK_HEADER_SIZE;
        while (!ckd_is_end_of_track(copy + offset)) {
            ckd_track_record(copy, offset, &r);
            const uint8_t *key = copy + offset + CKD_COUNT_SIZE;
            if (offset != CKD_TRACK_HEADER_SIZE && r.key_length == 44 && r.data_length == 96 &&
                key[44 + DSCB_FORMAT] == 0xF1) {
                list_data_set(v, out, key, key + 44);
                data_sets++;
            }
            offset = ckd_record_end(&r);
        }
        free(copy);
    }
    fprintf(out, "%u data set%s\n", data_sets, data_sets == 1 ? "" : "s");
    return true;
}

bool dasd_list(const char *path, FILE *out, struct error *err)
{
    struct ckd_image_options read_only = {.read_only = true};
    struct volume v = {0};
    if (!ckd_image_open(&v.img, path, &read_only, err))
        return false;
    v.track = malloc(v.img->track_size);
    bool ok = v.track != NULL || error_set(err, "out of memory");
    struct ckd_record r;
    uint32_t at = ok ? find_record(&v, 0, 0, 3, &r, err) : 0;
    if (ok && at == 0)
        ok = error_prefix(err, "no volume label: ");
    if (ok) {
        const uint8_t *key = v.track + at + CKD_COUNT_SIZE;
        const uint8_t *label = key + r.key_length;
        char volser[7];
        if (r.data_length >= 80 && (memcmp(label, label_cms1, 4) == 0 ||
                                    (r.key_length == 4 && memcmp(key, label_cms1, 4) == 0))) {
            text(volser, label + 4, 6);
            fprintf(out, "%s: %s, CMS minidisk %s\n", path, v.img->geometry->name, volser);
            ok = error_set(err, "%s: listing a CMS minidisk's file directory is not supported "
                                "(the CP-67 CMS 800-byte directory layout is not established in vm67)",
                           path);
        } else if (r.data_length < 80 || memcmp(label, key_vol1, 4) != 0) {
            ok = error_set(err, "%s: cylinder 0 head 0 record 3 is not a VOL1 or CMS1 label", path);
        } else {
            text(volser, label + 4, 6);
            fprintf(out, "%s: %s volume %s, %u cylinders\n", path, v.img->geometry->name, volser,
                    v.img->cylinders);
            uint8_t pointer[5];
            memcpy(pointer, label + 11, 5);
            ok = list_vtoc(&v, out, pointer, err);
        }
    }
    free(v.track);
    ckd_image_close(v.img, NULL);
    return ok;
}
