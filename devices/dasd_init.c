/* `vm67 dasd init`: blank volumes, laid out as Hercules 3.13's dasdinit
 * lays them out (tests/e2e/dasd_hercules_compat.sh compares the bytes). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/cckd_image.h"
#include "lib/file_util.h"
#include "devices/ckd_track.h"
#include "devices/dasd_tools.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"

/* EBCDIC 'IPL1', 'IPL2', 'VOL1'. */
static const uint8_t key_ipl1[4] = {0xC9, 0xD7, 0xD3, 0xF1};
static const uint8_t key_ipl2[4] = {0xC9, 0xD7, 0xD3, 0xF2};
static const uint8_t key_vol1[4] = {0xE5, 0xD6, 0xD3, 0xF1};

static uint8_t *put_record(uint8_t *p, uint8_t record, const uint8_t *key, const uint8_t *data,
                           uint16_t data_length)
{
    ckd_track_put_count(p, 0, 0, record, 4, data_length);
    memcpy(p + CKD_COUNT_SIZE, key, 4);
    memcpy(p + CKD_COUNT_SIZE + 4, data, data_length);
    return p + CKD_COUNT_SIZE + 4 + data_length;
}

static void ebcdic_field(uint8_t *to, const char *text, size_t width)
{
    memset(to, 0x40, width);
    for (size_t i = 0; i < width && text[i] != '\0'; i++)
        to[i] = ascii_to_ebcdic_char((uint8_t)toupper((unsigned char)text[i]));
}

/* Track 0: HA, R0, IPL1, IPL2, VOL1, end of track. Returns its length. */
static uint32_t build_track_zero(uint8_t *t, const char *volser)
{
    uint32_t n = ckd_track_build_null(t, 0, 0, CKD_NULL_FORMAT_EMPTY) - CKD_END_OF_TRACK_SIZE;
    uint8_t *p = t + n;
    /* IPL1: a disabled-wait PSW (machine check and wait bits, address
     * X'0F') and a no-op CCW, so IPLing a blank volume stops at once. */
    uint8_t ipl1[24] = {0x00, 0x06, 0, 0, 0, 0, 0, 0x0F, 0x03, 0, 0, 0, 0, 0, 0, 0x01};
    p = put_record(p, 1, key_ipl1, ipl1, sizeof ipl1);
    uint8_t ipl2[144] = {0};
    p = put_record(p, 2, key_ipl2, ipl2, sizeof ipl2);
    /* The volume label: 'VOL1', volume serial, security byte X'40', the
     * VTOC's CCHHR (0 1 1), blanks, and the owner field as dasdinit fills
     * it ("    HERCULES" from offset 37). */
    uint8_t label[80];
    memset(label, 0x40, sizeof label);
    memcpy(label, key_vol1, 4);
    ebcdic_field(label + 4, volser, 6);
    label[10] = 0x40;
    static const uint8_t vtoc[5] = {0, 0, 0, 1, 1};
    memcpy(label + 11, vtoc, 5);
    ebcdic_field(label + 41, "HERCULES", 8);
    p = put_record(p, 3, key_vol1, label, sizeof label);
    ckd_track_put_end(p);
    return (uint32_t)(p + CKD_END_OF_TRACK_SIZE - t);
}

/* A fresh CCKD volume as dasdinit -z writes it: the level 1 table, one
 * level 2 table right after it whose only entries are tracks 0 and 1
 * (both stored, uncompressed, even track 1's empty image), those two
 * images, no free space. Every other track is null (the header's null
 * format 1: HA, R0, end of track). */
static bool write_fresh_cckd(const struct dasd_init_options *o, const struct dasd_geometry *g,
                             unsigned cylinders, const uint8_t *track0, uint32_t length0,
                             struct error *err)
{
    uint32_t tracks = cylinders * g->heads;
    uint32_t l1_count = (tracks + CCKD_L2_ENTRIES - 1) / CCKD_L2_ENTRIES;
    uint8_t track1[64];
    uint32_t length1 = ckd_track_build_null(track1, 0, 1, CKD_NULL_FORMAT_EMPTY);
    uint32_t l2_offset = CCKD_L1_OFFSET + 4 * l1_count;
    uint32_t offset0 = l2_offset + CCKD_L2_TABLE_SIZE;
    uint32_t offset1 = offset0 + length0;
    uint32_t size = offset1 + length1;
    uint8_t *file = calloc(1, size);
    if (file == NULL)
        return error_set(err, "%s: out of memory", o->path);
    ckd_image_build_header(file, "CKD_C370", g->heads, dasd_image_track_size(g), g->header_type);
    uint8_t *h = file + CCKD_HEADER_OFFSET;
    h[CCKD_H_VERSION + 1] = 3;
    h[CCKD_H_VERSION + 2] = 1;
    h[CCKD_H_OPTIONS] = CCKD_OPTION_HERCULES3 | CCKD_OPTION_OPENED_READ_WRITE;
    store_le32(h + CCKD_H_L1_ENTRIES, l1_count);
    store_le32(h + CCKD_H_L2_ENTRIES, CCKD_L2_ENTRIES);
    store_le32(h + CCKD_H_SIZE, size);
    store_le32(h + CCKD_H_USED, size);
    store_le32(h + CCKD_H_CYLINDERS, cylinders);
    h[CCKD_H_NULL_FORMAT] = CKD_NULL_FORMAT_EMPTY;
    h[CCKD_H_COMPRESSION] = (uint8_t)o->compression;
    store_le16(h + CCKD_H_COMPRESSION_PARM, 0xFFFF);
    store_le32(file + CCKD_L1_OFFSET, l2_offset);
    uint8_t *l2 = file + l2_offset;
    store_le32(l2, offset0);
    store_le16(l2 + 4, (uint16_t)length0);
    store_le16(l2 + 6, (uint16_t)length0);
    store_le32(l2 + 8, offset1);
    store_le16(l2 + 12, (uint16_t)length1);
    store_le16(l2 + 14, (uint16_t)length1);
    memcpy(file + offset0, track0, length0);
    memcpy(file + offset1, track1, length1);
    int fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        free(file);
        return error_set(err, "%s: cannot create: %s", o->path, strerror(errno));
    }
    bool ok = true;
    ssize_t n = write(fd, file, size);
    if (n != (ssize_t)size)
        ok = error_set(err, "%s: cannot write %u bytes at offset 0: %s", o->path, size,
                       n < 0 ? strerror(errno) : "short write");
    if (ok && fsync(fd) != 0)
        ok = error_set(err, "%s: fsync: %s", o->path, strerror(errno));
    if (close(fd) != 0 && ok)
        ok = error_set(err, "%s: close: %s", o->path, strerror(errno));
    if (!ok)
        file_remove_if_regular(o->path);
    free(file);
    return ok;
}

bool dasd_init(const struct dasd_init_options *o, const struct ckd_progress *progress,
               struct error *err)
{
    unsigned cylinders;
    const struct dasd_geometry *g = dasd_geometry_find(o->model, &cylinders);
    if (g == NULL)
        return error_set(err, "unknown device type '%s' (vm67 makes 2311, 2314, 2301, 3330, "
                              "3330-11)",
                         o->model);
    if (o->cylinders != 0)
        cylinders = o->cylinders;
    else if (o->alternates)
        cylinders += g->alternate_cylinders;
    if (cylinders == 0 || cylinders > 65535)
        return error_set(err, "%u cylinders is outside 1..65535", cylinders);
    const char *volser = o->raw ? "" : o->volser;
    if (!o->raw) {
        size_t n = volser != NULL ? strlen(volser) : 0;
        if (n == 0 || n > 6)
            return error_set(err, "volume serial '%s' must have 1 to 6 characters",
                             volser != NULL ? volser : "");
        for (size_t i = 0; i < n; i++)
            if (!isalnum((unsigned char)volser[i]) && volser[i] != '@' && volser[i] != '#' &&
                volser[i] != '$')
                return error_set(err, "volume serial '%s': character %zu ('%c') is not a letter, "
                                      "digit, @, # or $",
                                 volser, i + 1, volser[i]);
    }
    uint8_t *track0 = calloc(1, dasd_image_track_size(g));
    if (track0 == NULL)
        return error_set(err, "%s: out of memory", o->path);
    uint32_t length0 = o->raw ? ckd_track_build_null(track0, 0, 0, CKD_NULL_FORMAT_EMPTY)
                              : build_track_zero(track0, volser);
    bool ok;
    if (o->format == CKD_IMAGE_FORMAT_CCKD) {
        ok = write_fresh_cckd(o, g, cylinders, track0, length0, err);
        ckd_progress_report(progress, cylinders, cylinders);
    } else {
        struct ckd_image *img;
        ok = ckd_image_create(&img, o->path, CKD_IMAGE_FORMAT_CKD, g, cylinders,
                              CKD_COMPRESSION_NONE, -1, progress, err);
        if (ok) {
            ok = ckd_write_track(img, 0, track0, length0, 0, err);
            ok = ckd_image_close(img, ok ? err : NULL) && ok;
            if (!ok)
                file_remove_if_regular(o->path);
        }
    }
    free(track0);
    return ok;
}
