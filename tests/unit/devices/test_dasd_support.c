#include "tests/unit/devices/test_dasd_support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/bytes.h"

static const struct device_type *type_of(const char *model)
{
    const struct device_type *t = device_type_find(model);
    ck_assert_msg(t != NULL, "no device type %s", model);
    return t;
}

void dasd_fixture_create(struct dasd_fixture *f, const char *model, unsigned cylinders,
                         enum ckd_image_format format)
{
    memset(f, 0, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/vm67-dasd-XXXXXX", tmp != NULL ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/disk.%s", f->dir,
             format == CKD_IMAGE_FORMAT_CKD ? "ckd" : "cckd");
    f->geometry = dasd_geometry_find(model, NULL);
    ck_assert_ptr_nonnull(f->geometry);
    struct ckd_image *img;
    struct error err;
    ck_assert_msg(ckd_image_create(&img, f->path, format, f->geometry, cylinders,
                                   format == CKD_IMAGE_FORMAT_CCKD ? CKD_COMPRESSION_ZLIB
                                                                   : CKD_COMPRESSION_NONE,
                                   -1, NULL, &err),
                  "create: %s", err.message);
    ck_assert_msg(ckd_image_close(img, &err), "close: %s", err.message);
    f->buffer = calloc(1, DEVICE_BUFFER_SIZE);
    ck_assert_ptr_nonnull(f->buffer);
    f->dev.type = type_of(model);
    f->dev.address = 0x190;
}

void dasd_fixture_track(struct dasd_fixture *f, unsigned cylinder, unsigned head,
                        const struct test_record *records, unsigned count)
{
    struct ckd_image *img;
    struct error err;
    ck_assert_msg(ckd_image_open(&img, f->path, NULL, &err), "open: %s", err.message);
    uint8_t *t = calloc(1, img->track_size);
    uint32_t n = ckd_track_build_null(t, (uint16_t)cylinder, (uint16_t)head, CKD_NULL_FORMAT_EMPTY);
    n -= CKD_END_OF_TRACK_SIZE;
    for (unsigned i = 0; i < count; i++) {
        const struct test_record *r = &records[i];
        ck_assert_uint_le(n + CKD_COUNT_SIZE + r->key_length + r->data_length + 8, img->track_size);
        ckd_track_put_count(t + n, (uint16_t)cylinder, (uint16_t)head, r->record, r->key_length,
                            r->data_length);
        n += CKD_COUNT_SIZE;
        memset(t + n, r->fill, r->key_length);
        n += r->key_length;
        memset(t + n, (uint8_t)(r->fill + 1), r->data_length);
        n += r->data_length;
    }
    ckd_track_put_end(t + n);
    n += CKD_END_OF_TRACK_SIZE;
    ck_assert_msg(ckd_write_track(img, cylinder * img->heads + head, t, n, 0, &err), "write: %s",
                  err.message);
    ck_assert_msg(ckd_image_close(img, &err), "close: %s", err.message);
    free(t);
}

void dasd_fixture_attach(struct dasd_fixture *f, const char *const *options)
{
    char *argv[16];
    int argc = 0;
    argv[argc++] = f->path;
    for (int i = 0; options != NULL && options[i] != NULL && argc < 15; i++)
        argv[argc++] = (char *)options[i];
    struct error err;
    ck_assert_msg(f->dev.type->attach(&f->dev, argc, argv, &err), "attach: %s", err.message);
}

void dasd_fixture_destroy(struct dasd_fixture *f)
{
    if (f->dev.state != NULL)
        f->dev.type->detach(&f->dev);
    DIR *dir = opendir(f->dir);
    if (dir != NULL) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[600];
            snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
            unlink(p);
        }
        closedir(dir);
    }
    rmdir(f->dir);
    free(f->buffer);
}

struct device_command dasd_run(struct dasd_fixture *f, uint8_t code, bool chained,
                               const void *data, uint32_t count)
{
    struct device_command cmd = {0};
    cmd.code = code;
    cmd.chained = chained;
    cmd.count = count;
    cmd.data = f->buffer;
    enum ccw_class c = ccw_class_of(code);
    if (c == CCW_CLASS_WRITE || c == CCW_CLASS_CONTROL) {
        memset(f->buffer, 0, DEVICE_BUFFER_SIZE);
        if (data != NULL)
            memcpy(f->buffer, data, count);
    } else {
        memset(f->buffer, 0xEE, DEVICE_BUFFER_SIZE);
    }
    f->dev.type->start(&f->dev, &cmd);
    ck_assert(!cmd.pending);
    return cmd;
}

void dasd_seek(struct dasd_fixture *f, unsigned cylinder, unsigned head, bool chained)
{
    uint8_t arg[6] = {0};
    store_be16(arg + 2, (uint16_t)cylinder);
    store_be16(arg + 4, (uint16_t)head);
    struct device_command c = dasd_run(f, 0x07, chained, arg, 6);
    ck_assert_uint_eq(c.status, CE_DE);
}

const uint8_t *dasd_sense(struct dasd_fixture *f)
{
    struct device_command c = dasd_run(f, 0x04, false, NULL, f->geometry->sense_length);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, f->geometry->sense_length);
    return f->buffer;
}

void dasd_id(uint8_t id[5], unsigned cylinder, unsigned head, unsigned record)
{
    store_be16(id, (uint16_t)cylinder);
    store_be16(id + 2, (uint16_t)head);
    id[4] = (uint8_t)record;
}
