/* DASD image files: one track-level interface over Hercules's two formats.
 *
 *   CKD  (devices/ckd_image.c): a 512-byte device header ("CKD_P370",
 *        heads, track size, device type, all little-endian), then every
 *        track in a slot of `track size` bytes, in cylinder/head order.
 *   CCKD (devices/cckd_image.c): the same device header ("CKD_C370"), a
 *        512-byte compressed-device header, a level 1 table of file
 *        offsets of level 2 tables, each level 2 table giving, for 256
 *        tracks, the offset, length and allotted size of a (zlib
 *        compressed, or stored) track image; free space between them.
 *
 * Writes are write-through: ckd_write_track() returns only after the track
 * image (and for CCKD the table entries that point to it) are written to
 * the file with pwrite(), so a write the guest has been told is complete
 * survives vm67 being killed (the kernel holds the data). fsync() happens
 * on close, and after every write when the image is opened with
 * `sync_every_write` (the device's `sync` option), for those who need the
 * data on the platter even if the host loses power.
 *
 * Every error names the file and a byte offset in it. */
#ifndef VM67_DEVICES_CKD_IMAGE_H
#define VM67_DEVICES_CKD_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/dasd_geometry.h"
#include "lib/error.h"

#define CKD_DEVICE_HEADER_SIZE 512u

enum ckd_image_format {
    CKD_IMAGE_FORMAT_CKD,
    CKD_IMAGE_FORMAT_CCKD,
};

/* CCKD track compression (the values stored in the file). */
enum ckd_compression {
    CKD_COMPRESSION_NONE = 0,
    CKD_COMPRESSION_ZLIB = 1,
    CKD_COMPRESSION_BZIP2 = 2,
};

struct ckd_image_options {
    bool read_only;
    bool sync_every_write;
};

/* Long operations report how far they have got (for a progress bar). */
struct ckd_progress {
    void (*update)(void *arg, uint64_t done, uint64_t total);
    void *arg;
};

static inline void ckd_progress_report(const struct ckd_progress *p, uint64_t done, uint64_t total)
{
    if (p != NULL && p->update != NULL)
        p->update(p->arg, done, total);
}

struct ckd_image;

/* The operations a format implements (devices/ckd_image.c and
 * devices/cckd_image.c). */
struct ckd_image_format_ops {
    bool (*read_track)(struct ckd_image *img, unsigned track, uint8_t *buffer, uint32_t *length,
                       struct error *err);
    bool (*write_track)(struct ckd_image *img, unsigned track, const uint8_t *image,
                        uint32_t length, unsigned flags, struct error *err);
    bool (*close)(struct ckd_image *img, struct error *err);
};

/* ckd_write_track flags. */
enum {
    /* Store the track even if it is a null track (CCKD keeps null tracks
     * as table entries only). dasdinit stores tracks 0 and 1 this way and
     * `vm67 dasd init` must make the same bytes. */
    CKD_WRITE_STORE_NULL = 1,
};

struct ckd_image {
    const struct ckd_image_format_ops *ops;
    enum ckd_image_format format;
    char *path;
    int fd;
    bool read_only;
    bool sync_every_write;
    const struct dasd_geometry *geometry;
    unsigned cylinders;
    unsigned heads;
    uint32_t track_size;   /* largest track image the file can hold */
    uint64_t file_size;
    void *format_state;    /* the CCKD tables */
};

/* Opens an existing image of either format, identified by its header. */
bool ckd_image_open(struct ckd_image **out, const char *path, const struct ckd_image_options *options,
                    struct error *err);

/* Creates a new image (the file must not exist) holding `cylinders`
 * cylinders of model `g`, all tracks null (HA, R0, end of track), in the
 * given format; for CCKD `compression` and `compression_level` (-1 =
 * zlib's default) are recorded in its header. */
bool ckd_image_create(struct ckd_image **out, const char *path, enum ckd_image_format format,
                      const struct dasd_geometry *g, unsigned cylinders,
                      enum ckd_compression compression, int compression_level,
                      const struct ckd_progress *progress, struct error *err);

static inline unsigned ckd_image_tracks(const struct ckd_image *img)
{
    return img->cylinders * img->heads;
}

/* Reads track `track` (cylinder * heads + head) into `buffer` (at least
 * img->track_size bytes), validated: its home address is the track's and
 * its records end with an end-of-track marker. *length is the image's
 * length up to and including that marker. */
bool ckd_read_track(struct ckd_image *img, unsigned track, uint8_t *buffer, uint32_t *length,
                    struct error *err);

/* Writes a track image (validated the same way) through to the file. */
bool ckd_write_track(struct ckd_image *img, unsigned track, const uint8_t *image, uint32_t length,
                     unsigned flags, struct error *err);

/* Flushes, closes and frees the image (also on failure). */
bool ckd_image_close(struct ckd_image *img, struct error *err);

/* Internal to the format files. */
bool ckd_image_open_ckd(struct ckd_image *img, const uint8_t *header, struct error *err);
bool ckd_image_create_ckd(struct ckd_image *img, const struct ckd_progress *progress,
                          struct error *err);
bool cckd_image_open(struct ckd_image *img, const uint8_t *header, struct error *err);
bool cckd_image_create(struct ckd_image *img, enum ckd_compression compression,
                       int compression_level, struct error *err);
bool ckd_image_pread(struct ckd_image *img, void *buffer, uint32_t length, uint64_t offset,
                     const char *what, struct error *err);
bool ckd_image_pwrite(struct ckd_image *img, const void *buffer, uint32_t length, uint64_t offset,
                      const char *what, struct error *err);
void ckd_image_build_header(uint8_t *header, const char *id, unsigned heads, uint32_t track_size,
                            uint8_t device_type);

#endif
