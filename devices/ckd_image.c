/* DASD image files: opening by header, the uncompressed CKD format, and
 * the helpers both formats share. See devices/ckd_image.h. */
#include "devices/ckd_image.h"
#include "lib/file_util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/ckd_track.h"
#include "lib/bytes.h"

/* Device header fields (Hercules CKD_DEVHDR; numbers little-endian). */
enum {
    HEADER_ID = 0,         /* 8 ASCII bytes */
    HEADER_HEADS = 8,      /* 4 bytes */
    HEADER_TRACK_SIZE = 12, /* 4 bytes */
    HEADER_DEVICE_TYPE = 16,
    HEADER_FILE_SEQUENCE = 17,
    HEADER_HIGH_CYLINDER = 18, /* 2 bytes */
};

/* The largest track slot vm67 accepts (a CCKD level 2 entry records
 * lengths in 16 bits, and no model needs more than 21 KB). */
#define CKD_MAX_TRACK_SIZE 65528u

bool ckd_image_pread(struct ckd_image *img, void *buffer, uint32_t length, uint64_t offset,
                     const char *what, struct error *err)
{
    uint8_t *p = buffer;
    uint32_t done = 0;
    while (done < length) {
        ssize_t n = pread(img->fd, p + done, length - done, (off_t)(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return error_set(err, "%s: cannot read %s at offset %llu: %s", img->path, what,
                             (unsigned long long)(offset + done), strerror(errno));
        if (n == 0)
            return error_set(err, "%s: file ends at offset %llu inside %s (%u bytes at offset %llu)",
                             img->path, (unsigned long long)(offset + done), what, length,
                             (unsigned long long)offset);
        done += (uint32_t)n;
    }
    return true;
}

bool ckd_image_pwrite(struct ckd_image *img, const void *buffer, uint32_t length, uint64_t offset,
                      const char *what, struct error *err)
{
    const uint8_t *p = buffer;
    uint32_t done = 0;
    while (done < length) {
        ssize_t n = pwrite(img->fd, p + done, length - done, (off_t)(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return error_set(err, "%s: cannot write %s at offset %llu: %s", img->path, what,
                             (unsigned long long)(offset + done),
                             n < 0 ? strerror(errno) : "no space written");
        done += (uint32_t)n;
    }
    if (offset + length > img->file_size)
        img->file_size = offset + length;
    return true;
}

void ckd_image_build_header(uint8_t *header, const char *id, unsigned heads, uint32_t track_size,
                            uint8_t device_type)
{
    memset(header, 0, CKD_DEVICE_HEADER_SIZE);
    memcpy(header + HEADER_ID, id, 8);
    store_le32(header + HEADER_HEADS, heads);
    store_le32(header + HEADER_TRACK_SIZE, track_size);
    header[HEADER_DEVICE_TYPE] = device_type;
}

static struct ckd_image *image_new(const char *path)
{
    struct ckd_image *img = calloc(1, sizeof *img);
    if (img == NULL)
        return NULL;
    img->path = strdup(path);
    if (img->path == NULL) {
        free(img);
        return NULL;
    }
    img->fd = -1;
    return img;
}

static void image_free(struct ckd_image *img)
{
    if (img->fd >= 0)
        close(img->fd);
    free(img->path);
    free(img);
}

/* Checks the fields both formats share and fills in the geometry. */
static bool check_device_header(struct ckd_image *img, const uint8_t *header, struct error *err)
{
    uint8_t type = header[HEADER_DEVICE_TYPE];
    img->geometry = dasd_geometry_by_header_type(type);
    if (img->geometry == NULL)
        return error_set(err,
                         "%s: device type X'%02X' at offset %u is not a model vm67 attaches "
                         "(2311, 2314, 2301, 3330)",
                         img->path, type, HEADER_DEVICE_TYPE);
    img->heads = load_le32(header + HEADER_HEADS);
    if (img->heads != img->geometry->heads)
        return error_set(err, "%s: header gives %u heads at offset %u, but a %s has %u", img->path,
                         img->heads, HEADER_HEADS, img->geometry->name, img->geometry->heads);
    img->track_size = load_le32(header + HEADER_TRACK_SIZE);
    uint32_t smallest = CKD_TRACK_HEADER_SIZE + 2 * CKD_COUNT_SIZE + CKD_STANDARD_R0_DATA;
    if (img->track_size < smallest || img->track_size > CKD_MAX_TRACK_SIZE)
        return error_set(err, "%s: track size %u at offset %u is outside %u..%u", img->path,
                         img->track_size, HEADER_TRACK_SIZE, smallest, CKD_MAX_TRACK_SIZE);
    if (header[HEADER_FILE_SEQUENCE] != 0 || load_le16(header + HEADER_HIGH_CYLINDER) != 0)
        return error_set(err,
                         "%s: file %u of a multi-file CKD image (sequence byte at offset %u): "
                         "multi-file images are not supported; join them with Hercules's dasdcopy",
                         img->path, header[HEADER_FILE_SEQUENCE], HEADER_FILE_SEQUENCE);
    return true;
}

bool ckd_image_open(struct ckd_image **out, const char *path, const struct ckd_image_options *options,
                    struct error *err)
{
    *out = NULL;
    struct ckd_image *img = image_new(path);
    if (img == NULL)
        return error_set(err, "%s: out of memory", path);
    img->read_only = options != NULL && options->read_only;
    img->sync_every_write = options != NULL && options->sync_every_write;
    img->fd = open(path, (img->read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (img->fd < 0) {
        error_set(err, "%s: cannot open: %s", path, strerror(errno));
        image_free(img);
        return false;
    }
    /* One writer at a time: two machines updating one image would
     * destroy it. Readers share. */
    if (flock(img->fd, (img->read_only ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        error_set(err, "%s: image is in use by another process (%s)", path,
                  errno == EWOULDBLOCK ? "locked" : strerror(errno));
        image_free(img);
        return false;
    }
    struct stat st;
    if (fstat(img->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error_set(err, "%s: not a regular file", path);
        image_free(img);
        return false;
    }
    img->file_size = (uint64_t)st.st_size;
    if (img->file_size < CKD_DEVICE_HEADER_SIZE) {
        error_set(err, "%s: not a DASD image: the file has %llu bytes, a device header alone takes %u "
                       "(file ends at offset %llu)",
                  path, (unsigned long long)img->file_size, CKD_DEVICE_HEADER_SIZE,
                  (unsigned long long)img->file_size);
        image_free(img);
        return false;
    }
    uint8_t header[CKD_DEVICE_HEADER_SIZE];
    if (!ckd_image_pread(img, header, sizeof header, 0, "the device header", err)) {
        image_free(img);
        return false;
    }
    bool ok;
    if (memcmp(header, "CKD_P370", 8) == 0) {
        ok = check_device_header(img, header, err) && ckd_image_open_ckd(img, header, err);
    } else if (memcmp(header, "CKD_C370", 8) == 0) {
        ok = check_device_header(img, header, err) && cckd_image_open(img, header, err);
    } else if (memcmp(header, "CKD_S370", 8) == 0) {
        ok = error_set(err, "%s: a CCKD shadow file (id at offset 0): shadow files are not supported",
                       path);
    } else if (memcmp(header, "CKD_P064", 8) == 0 || memcmp(header, "CKD_C064", 8) == 0 ||
               memcmp(header, "CKD_S064", 8) == 0) {
        ok = error_set(err, "%s: a Hercules 4 CCKD64/CKD64 image (id at offset 0): not supported; "
                            "convert it with Hercules's convto32",
                       path);
    } else if (memcmp(header, "FBA_C370", 8) == 0) {
        ok = error_set(err, "%s: a compressed FBA image (id at offset 0), not a CKD one", path);
    } else {
        char id[9];
        for (int i = 0; i < 8; i++)
            id[i] = header[i] >= 0x20 && header[i] < 0x7F ? (char)header[i] : '.';
        id[8] = '\0';
        ok = error_set(err,
                       "%s: not a Hercules CKD or CCKD image: header id at offset 0 is \"%s\" "
                       "(expected CKD_P370 or CKD_C370)",
                       path, id);
    }
    if (!ok) {
        if (img->ops != NULL) {
            struct error ignored;
            img->ops->close(img, &ignored);
        }
        image_free(img);
        return false;
    }
    *out = img;
    return true;
}

bool ckd_image_create(struct ckd_image **out, const char *path, enum ckd_image_format format,
                      const struct dasd_geometry *g, unsigned cylinders,
                      enum ckd_compression compression, int compression_level,
                      const struct ckd_progress *progress, struct error *err)
{
    *out = NULL;
    if (cylinders == 0 || cylinders > 65535)
        return error_set(err, "%s: %u cylinders is outside 1..65535", path, cylinders);
    struct ckd_image *img = image_new(path);
    if (img == NULL)
        return error_set(err, "%s: out of memory", path);
    img->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (img->fd < 0) {
        error_set(err, "%s: cannot create: %s", path, strerror(errno));
        image_free(img);
        return false;
    }
    if (flock(img->fd, LOCK_EX | LOCK_NB) != 0) {
        error_set(err, "%s: image is in use by another process", path);
        file_remove_if_regular(path);
        image_free(img);
        return false;
    }
    img->format = format;
    img->geometry = g;
    img->cylinders = cylinders;
    img->heads = g->heads;
    img->track_size = dasd_image_track_size(g);
    bool ok = format == CKD_IMAGE_FORMAT_CKD
                  ? ckd_image_create_ckd(img, progress, err)
                  : cckd_image_create(img, compression, compression_level, err);
    if (!ok) {
        if (img->ops != NULL) {
            struct error ignored;
            img->ops->close(img, &ignored);
        }
        file_remove_if_regular(path);
        image_free(img);
        return false;
    }
    *out = img;
    return true;
}

bool ckd_read_track(struct ckd_image *img, unsigned track, uint8_t *buffer, uint32_t *length,
                    struct error *err)
{
    if (track >= ckd_image_tracks(img))
        return error_set(err, "%s: track %u is beyond the image's %u tracks", img->path, track,
                         ckd_image_tracks(img));
    return img->ops->read_track(img, track, buffer, length, err);
}

bool ckd_write_track(struct ckd_image *img, unsigned track, const uint8_t *image, uint32_t length,
                     unsigned flags, struct error *err)
{
    if (img->read_only)
        return error_set(err, "%s: image is read-only", img->path);
    if (track >= ckd_image_tracks(img))
        return error_set(err, "%s: track %u is beyond the image's %u tracks", img->path, track,
                         ckd_image_tracks(img));
    unsigned cylinder = track / img->heads, head = track % img->heads;
    uint32_t used;
    struct ckd_track_damage damage;
    if (length > img->track_size)
        return error_set(err, "%s: cylinder %u head %u: a track image of %u bytes does not fit the "
                              "image's %u-byte tracks",
                         img->path, cylinder, head, length, img->track_size);
    if (!ckd_track_validate(image, length, (uint16_t)cylinder, (uint16_t)head, &used, &damage))
        return error_set(err, "%s: cylinder %u head %u: refusing to write a malformed track image "
                              "(byte %u: %s)",
                         img->path, cylinder, head, damage.offset, damage.what);
    if (used != length)
        return error_set(err, "%s: cylinder %u head %u: refusing to write a track image with %u "
                              "bytes after its end-of-track marker",
                         img->path, cylinder, head, length - used);
    if (!img->ops->write_track(img, track, image, length, flags, err))
        return false;
    if (img->sync_every_write && fsync(img->fd) != 0)
        return error_set(err, "%s: fsync after writing cylinder %u head %u: %s", img->path, cylinder,
                         head, strerror(errno));
    return true;
}

bool ckd_image_close(struct ckd_image *img, struct error *err)
{
    if (img == NULL)
        return true;
    bool ok = img->ops->close(img, err);
    if (ok && !img->read_only && fsync(img->fd) != 0)
        ok = error_set(err, "%s: fsync on close: %s", img->path, strerror(errno));
    if (close(img->fd) != 0 && ok)
        ok = error_set(err, "%s: close: %s", img->path, strerror(errno));
    img->fd = -1;
    image_free(img);
    return ok;
}

/* ---- The uncompressed CKD format ---------------------------------------- */

static uint64_t ckd_track_offset(const struct ckd_image *img, unsigned track)
{
    return CKD_DEVICE_HEADER_SIZE + (uint64_t)track * img->track_size;
}

static bool ckd_format_read_track(struct ckd_image *img, unsigned track, uint8_t *buffer,
                                  uint32_t *length, struct error *err)
{
    uint64_t offset = ckd_track_offset(img, track);
    unsigned cylinder = track / img->heads, head = track % img->heads;
    char what[64];
    snprintf(what, sizeof what, "cylinder %u head %u", cylinder, head);
    if (!ckd_image_pread(img, buffer, img->track_size, offset, what, err))
        return false;
    struct ckd_track_damage damage;
    if (!ckd_track_validate(buffer, img->track_size, (uint16_t)cylinder, (uint16_t)head, length,
                            &damage))
        return error_set(err, "%s: cylinder %u head %u record %u: damaged track at offset %llu: %s",
                         img->path, cylinder, head, damage.record,
                         (unsigned long long)(offset + damage.offset), damage.what);
    return true;
}

static bool ckd_format_write_track(struct ckd_image *img, unsigned track, const uint8_t *image,
                                   uint32_t length, unsigned flags, struct error *err)
{
    (void)flags;
    uint8_t *slot = calloc(1, img->track_size);
    if (slot == NULL)
        return error_set(err, "%s: out of memory", img->path);
    memcpy(slot, image, length);
    char what[64];
    snprintf(what, sizeof what, "cylinder %u head %u", track / img->heads, track % img->heads);
    bool ok = ckd_image_pwrite(img, slot, img->track_size, ckd_track_offset(img, track), what, err);
    free(slot);
    return ok;
}

static bool ckd_format_close(struct ckd_image *img, struct error *err)
{
    (void)img;
    (void)err;
    return true;
}

static const struct ckd_image_format_ops ckd_format_ops = {
    .read_track = ckd_format_read_track,
    .write_track = ckd_format_write_track,
    .close = ckd_format_close,
};

bool ckd_image_open_ckd(struct ckd_image *img, const uint8_t *header, struct error *err)
{
    (void)header;
    img->ops = &ckd_format_ops;
    img->format = CKD_IMAGE_FORMAT_CKD;
    uint64_t cylinder_bytes = (uint64_t)img->heads * img->track_size;
    uint64_t body = img->file_size - CKD_DEVICE_HEADER_SIZE;
    if (body % cylinder_bytes != 0)
        return error_set(err,
                         "%s: truncated or padded: the file ends at offset %llu, inside cylinder %llu "
                         "(cylinders are %llu bytes from offset %u)",
                         img->path, (unsigned long long)img->file_size,
                         (unsigned long long)(body / cylinder_bytes),
                         (unsigned long long)cylinder_bytes, CKD_DEVICE_HEADER_SIZE);
    if (body / cylinder_bytes == 0 || body / cylinder_bytes > 65535)
        return error_set(err, "%s: %llu cylinders (the file ends at offset %llu) is outside 1..65535",
                         img->path, (unsigned long long)(body / cylinder_bytes),
                         (unsigned long long)img->file_size);
    img->cylinders = (unsigned)(body / cylinder_bytes);
    return true;
}

bool ckd_image_create_ckd(struct ckd_image *img, const struct ckd_progress *progress,
                          struct error *err)
{
    img->ops = &ckd_format_ops;
    uint8_t header[CKD_DEVICE_HEADER_SIZE];
    ckd_image_build_header(header, "CKD_P370", img->heads, img->track_size,
                           img->geometry->header_type);
    if (!ckd_image_pwrite(img, header, sizeof header, 0, "the device header", err))
        return false;
    uint32_t cylinder_bytes = img->heads * img->track_size;
    uint8_t *cylinder = calloc(1, cylinder_bytes);
    if (cylinder == NULL)
        return error_set(err, "%s: out of memory", img->path);
    bool ok = true;
    for (unsigned c = 0; c < img->cylinders && ok; c++) {
        for (unsigned h = 0; h < img->heads; h++)
            ckd_track_build_null(cylinder + h * img->track_size, (uint16_t)c, (uint16_t)h,
                                 CKD_NULL_FORMAT_EMPTY);
        char what[32];
        snprintf(what, sizeof what, "cylinder %u", c);
        ok = ckd_image_pwrite(img, cylinder, cylinder_bytes,
                              CKD_DEVICE_HEADER_SIZE + (uint64_t)c * cylinder_bytes, what, err);
        ckd_progress_report(progress, c + 1, img->cylinders);
    }
    free(cylinder);
    return ok;
}
