/* Helpers for the tape unit tests: scratch files, builders for image
 * bytes in each format, and a 2400 drive driven through its device type
 * with a recording stand-in for the channel. */
#ifndef VM67_TESTS_DEVICES_TEST_TAPE_SUPPORT_H
#define VM67_TESTS_DEVICES_TEST_TAPE_SUPPORT_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/device.h"
#include "devices/tape_image.h"
#include "lib/event_queue.h"

/* A path in this process's scratch directory (removed at exit). */
struct test_path {
    char s[512];
};
struct test_path test_tape_path(const char *name);

/* Growing byte strings, for building image files. */
struct test_bytes {
    uint8_t *p;
    size_t n, cap;
};
void test_bytes_put(struct test_bytes *b, const void *data, size_t n);
void test_bytes_le32(struct test_bytes *b, uint32_t v);
void test_bytes_free(struct test_bytes *b);

/* SIMH .tap objects. `padded`: the standard variant (pad byte after odd
 * records); `flags` is or-ed into both length words (SIMH's error flag). */
void test_simh_record(struct test_bytes *b, const uint8_t *data, uint32_t n, bool padded,
                      uint32_t flags);
void test_simh_tape_mark(struct test_bytes *b);

/* AWS/HET objects: single chunk, uncompressed unless flags1 says. The
 * previous chunk length is tracked in *previous. */
void test_aws_record(struct test_bytes *b, const uint8_t *data, uint32_t n, uint16_t *previous);
void test_aws_chunk(struct test_bytes *b, const uint8_t *data, uint32_t n, uint16_t *previous,
                    uint8_t flags1, uint8_t flags2);
void test_aws_tape_mark(struct test_bytes *b, uint16_t *previous);

/* Deterministic pattern data: byte i of block `seed` is (seed * 31 + i * 7) & 0xFF. */
void test_pattern(uint8_t *p, uint32_t n, unsigned seed);

void test_write_file(const char *path, const void *data, size_t n);
/* The whole file; caller frees. */
uint8_t *test_read_file(const char *path, size_t *n);

/* Opens an image with default options and this format (UNKNOWN:
 * detect); fails the test with the error if it cannot. */
struct tape_image *test_open_image(const char *path, enum tape_format format, bool read_only);

/* A 2400 with its own event queue. */
struct test_drive {
    struct device dev;
    struct event_queue events;
    uint8_t buffer[DEVICE_BUFFER_SIZE];
    uint8_t async[16];        /* statuses given to channel_device_status */
    unsigned async_count;
};

/* Attaches with a configuration-line argument string ("file ro tap"). */
bool test_drive_attach(struct test_drive *t, const char *args, struct error *err);
void test_drive_attach_ok(struct test_drive *t, const char *args);
void test_drive_detach(struct test_drive *t);

/* Runs one command. For a write the `data` bytes (count of them) are
 * what the channel gathered. */
struct device_command test_drive_run(struct test_drive *t, uint8_t code, uint32_t count,
                                     const uint8_t *data);

/* Runs a tape-motion control command (spacing, write tape mark, erase
 * gap, rewind) to its end: either refused at once (channel end and device
 * end together), or channel end at once, no length, no delay, then
 * exactly one later status with device end. Returns the initial status
 * or-ed with the later one. */
uint8_t test_drive_motion(struct test_drive *t, uint8_t code);

/* Fires every scheduled event (rewind completions). */
void test_drive_settle(struct test_drive *t);

/* The six sense bytes after a sense command. */
void test_drive_sense(struct test_drive *t, uint8_t sense[6]);

int test_tape_run_suite(Suite *s);

#endif
