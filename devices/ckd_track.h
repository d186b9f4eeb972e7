/* The Hercules track image: how one CKD track is laid out in a CKD or CCKD
 * image file, and the checks that keep a damaged one from being misread.
 *
 *   track header   5 bytes: flag byte (0 in an image; in a CCKD file the
 *                  compression code), CC, HH: the home address
 *   records        each a count area CC HH R KL DL DL (8 bytes), then KL
 *                  key bytes, then DL data bytes; R0 comes first
 *   end of track   8 bytes of X'FF'
 *
 * A count area whose cylinder has its top bit set is a track overflow
 * segment (written by Write Special Count, Key and Data). */
#ifndef VM67_DEVICES_CKD_TRACK_H
#define VM67_DEVICES_CKD_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CKD_TRACK_HEADER_SIZE 5u
#define CKD_COUNT_SIZE 8u
#define CKD_END_OF_TRACK_SIZE 8u
#define CKD_STANDARD_R0_DATA 8u
#define CKD_OVERFLOW_FLAG 0x8000u /* in the count area's cylinder */

/* Null track formats, as the CCKD level 2 table records them for tracks
 * that are not stored: 0 = HA, R0, an end-of-file record R1 (KL=0 DL=0),
 * end of track; 1 = HA, R0, end of track. (Format 2 is Linux's 3390
 * layout, which no model vm67 attaches uses.) */
enum ckd_null_format {
    CKD_NULL_FORMAT_EOF = 0,
    CKD_NULL_FORMAT_EMPTY = 1,
};

/* Where a damaged track image went wrong: `offset` is the byte offset in
 * the track image, `record` the record number in the damaged count area
 * (or, when the end-of-track marker is missing, the number of records
 * before the place it should be). */
struct ckd_track_damage {
    uint32_t offset;
    unsigned record;
    char what[160];
};

/* One record as found in a track image. */
struct ckd_record {
    uint32_t offset;       /* of its count area in the image */
    uint16_t cylinder;     /* count area CC, overflow flag removed */
    uint16_t head;
    uint8_t record;
    uint8_t key_length;
    uint16_t data_length;
    bool overflow;         /* a track overflow segment */
};

static inline uint32_t ckd_record_end(const struct ckd_record *r)
{
    return r->offset + CKD_COUNT_SIZE + r->key_length + r->data_length;
}

/* Checks a track image of at most `length` bytes (what the image file
 * holds; the end-of-track marker may come before) and returns the length
 * up to and including its end-of-track marker in *used_length. The home
 * address must name `cylinder`/`head`. Records are not copied; call
 * ckd_track_record() to read them. */
bool ckd_track_validate(const uint8_t *image, uint32_t length, uint16_t cylinder, uint16_t head,
                        uint32_t *used_length, struct ckd_track_damage *damage);

/* Decodes the count area at `offset` (the caller knows it is one). */
void ckd_track_record(const uint8_t *image, uint32_t offset, struct ckd_record *out);

/* True if the 8 bytes at `p` are the end-of-track marker. */
bool ckd_is_end_of_track(const uint8_t *p);

/* Writes a null track of the given format; returns its length. `image`
 * must hold 45 bytes. */
uint32_t ckd_track_build_null(uint8_t *image, uint16_t cylinder, uint16_t head,
                              enum ckd_null_format format);

/* The null format this image is, byte for byte, or -1 if it is not one. */
int ckd_track_null_format(const uint8_t *image, uint32_t length, uint16_t cylinder,
                          uint16_t head);

/* Writes a count area. */
void ckd_track_put_count(uint8_t *p, uint16_t cylinder, uint16_t head, uint8_t record,
                         uint8_t key_length, uint16_t data_length);

/* Writes a track header (flag byte 0). */
void ckd_track_put_header(uint8_t *p, uint16_t cylinder, uint16_t head);

/* Writes the end-of-track marker. */
void ckd_track_put_end(uint8_t *p);

#endif
