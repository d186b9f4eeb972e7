/* Track images: validation, decoding, null tracks. */
#include "devices/ckd_track.h"

#include <stdio.h>
#include <string.h>

#include "lib/bytes.h"

bool ckd_is_end_of_track(const uint8_t *p)
{
    static const uint8_t marker[CKD_END_OF_TRACK_SIZE] = {0xFF, 0xFF, 0xFF, 0xFF,
                                                          0xFF, 0xFF, 0xFF, 0xFF};
    return memcmp(p, marker, CKD_END_OF_TRACK_SIZE) == 0;
}

void ckd_track_record(const uint8_t *image, uint32_t offset, struct ckd_record *out)
{
    const uint8_t *p = image + offset;
    uint16_t cc = load_be16(p);
    out->offset = offset;
    out->overflow = (cc & CKD_OVERFLOW_FLAG) != 0;
    out->cylinder = cc & (uint16_t)~CKD_OVERFLOW_FLAG;
    out->head = load_be16(p + 2);
    out->record = p[4];
    out->key_length = p[5];
    out->data_length = load_be16(p + 6);
}

static bool damaged(struct ckd_track_damage *damage, uint32_t offset, unsigned record,
                    const char *what)
{
    if (damage != NULL) {
        damage->offset = offset;
        damage->record = record;
        snprintf(damage->what, sizeof damage->what, "%s", what);
    }
    return false;
}

bool ckd_track_validate(const uint8_t *image, uint32_t length, uint16_t cylinder, uint16_t head,
                        uint32_t *used_length, struct ckd_track_damage *damage)
{
    if (length < CKD_TRACK_HEADER_SIZE + CKD_END_OF_TRACK_SIZE)
        return damaged(damage, 0, 0, "track image too short for a home address and end of track");
    uint16_t ha_cylinder = load_be16(image + 1);
    uint16_t ha_head = load_be16(image + 3);
    if (ha_cylinder != cylinder || ha_head != head) {
        char what[160];
        snprintf(what, sizeof what,
                 "home address names cylinder %u head %u instead of cylinder %u head %u",
                 ha_cylinder, ha_head, cylinder, head);
        return damaged(damage, 1, 0, what);
    }
    uint32_t offset = CKD_TRACK_HEADER_SIZE;
    for (unsigned n = 0;; n++) {
        if (offset + CKD_END_OF_TRACK_SIZE > length)
            return damaged(damage, offset, n, "no end-of-track marker before the end of the track image");
        if (ckd_is_end_of_track(image + offset)) {
            *used_length = offset + CKD_END_OF_TRACK_SIZE;
            return true;
        }
        struct ckd_record r;
        ckd_track_record(image, offset, &r);
        /* The record and an end-of-track marker after it must fit. */
        if ((uint64_t)ckd_record_end(&r) + CKD_END_OF_TRACK_SIZE > length) {
            char what[160];
            snprintf(what, sizeof what,
                     "record %u (key length %u, data length %u) runs past the end of the track image",
                     r.record, r.key_length, r.data_length);
            return damaged(damage, offset, r.record, what);
        }
        offset = ckd_record_end(&r);
    }
}

void ckd_track_put_count(uint8_t *p, uint16_t cylinder, uint16_t head, uint8_t record,
                         uint8_t key_length, uint16_t data_length)
{
    store_be16(p, cylinder);
    store_be16(p + 2, head);
    p[4] = record;
    p[5] = key_length;
    store_be16(p + 6, data_length);
}

void ckd_track_put_header(uint8_t *p, uint16_t cylinder, uint16_t head)
{
    p[0] = 0;
    store_be16(p + 1, cylinder);
    store_be16(p + 3, head);
}

void ckd_track_put_end(uint8_t *p)
{
    memset(p, 0xFF, CKD_END_OF_TRACK_SIZE);
}

uint32_t ckd_track_build_null(uint8_t *image, uint16_t cylinder, uint16_t head,
                              enum ckd_null_format format)
{
    uint8_t *p = image;
    ckd_track_put_header(p, cylinder, head);
    p += CKD_TRACK_HEADER_SIZE;
    ckd_track_put_count(p, cylinder, head, 0, 0, CKD_STANDARD_R0_DATA);
    p += CKD_COUNT_SIZE;
    memset(p, 0, CKD_STANDARD_R0_DATA);
    p += CKD_STANDARD_R0_DATA;
    if (format == CKD_NULL_FORMAT_EOF) {
        ckd_track_put_count(p, cylinder, head, 1, 0, 0);
        p += CKD_COUNT_SIZE;
    }
    ckd_track_put_end(p);
    p += CKD_END_OF_TRACK_SIZE;
    return (uint32_t)(p - image);
}

int ckd_track_null_format(const uint8_t *image, uint32_t length, uint16_t cylinder,
                          uint16_t head)
{
    uint8_t null_track[64];
    for (int format = CKD_NULL_FORMAT_EOF; format <= CKD_NULL_FORMAT_EMPTY; format++) {
        uint32_t n = ckd_track_build_null(null_track, cylinder, head, (enum ckd_null_format)format);
        if (n == length && memcmp(null_track, image, n) == 0)
            return format;
    }
    return -1;
}
