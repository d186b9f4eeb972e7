/* Helpers for the DASD unit tests: temporary images laid out track by
 * track, a device attached to one, and commands run through the device's
 * start() exactly as the channel would give them (no channel needed). */
#ifndef VM67_TESTS_DASD_SUPPORT_H
#define VM67_TESTS_DASD_SUPPORT_H

#include <check.h>
#include <stdint.h>

#include "devices/ckd_image.h"
#include "devices/dasd_ckd.h"
#include "devices/device.h"

/* A record to lay on a track: record number, key length and data length;
 * key and data bytes are `fill` (key) and `fill + 1` (data). */
struct test_record {
    uint8_t record;
    uint8_t key_length;
    uint16_t data_length;
    uint8_t fill;
};

struct dasd_fixture {
    char dir[256];
    char path[320];
    const struct dasd_geometry *geometry;
    struct device dev;
    uint8_t *buffer;           /* DEVICE_BUFFER_SIZE, the command's data */
};

/* A new empty image (all tracks HA, R0, end of track) in a fresh
 * temporary directory; not attached yet. */
void dasd_fixture_create(struct dasd_fixture *f, const char *model, unsigned cylinders,
                         enum ckd_image_format format);

/* Lays records R1.. (after a standard R0) on a track of the unattached
 * image. */
void dasd_fixture_track(struct dasd_fixture *f, unsigned cylinder, unsigned head,
                        const struct test_record *records, unsigned count);

/* Attaches the image to f->dev with configuration options (NULL-ended). */
void dasd_fixture_attach(struct dasd_fixture *f, const char *const *options);

/* Detaches (if attached) and removes the temporary files. */
void dasd_fixture_destroy(struct dasd_fixture *f);

/* Runs one command. For write-type and control commands `data` holds the
 * `count` bytes the channel gathered; for reads the data comes back in
 * f->buffer. `chained` says whether the channel reached it by command
 * chaining. */
struct device_command dasd_run(struct dasd_fixture *f, uint8_t code, bool chained,
                               const void *data, uint32_t count);

/* Seek to cylinder/head, asserting normal ending status. */
void dasd_seek(struct dasd_fixture *f, unsigned cylinder, unsigned head, bool chained);

/* Sense: returns f->buffer after a Sense command. */
const uint8_t *dasd_sense(struct dasd_fixture *f);

/* The 5-byte ID CC HH R of a record on this track. */
void dasd_id(uint8_t id[5], unsigned cylinder, unsigned head, unsigned record);

#define CE_DE (UNIT_CHANNEL_END | UNIT_DEVICE_END)

#endif
