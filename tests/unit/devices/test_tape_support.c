#include "tests/unit/devices/test_tape_support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/tape_2400.h"
#include "lib/bytes.h"

static char scratch_dir[400];

static void remove_scratch(void)
{
    DIR *dir = opendir(scratch_dir);
    if (dir != NULL) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[1024];
            snprintf(p, sizeof p, "%s/%s", scratch_dir, e->d_name);
            unlink(p);
        }
        closedir(dir);
    }
    rmdir(scratch_dir);
}

struct test_path test_tape_path(const char *name)
{
    if (scratch_dir[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch_dir, sizeof scratch_dir, "%s/vm67-tape-XXXXXX",
                 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
        ck_assert_ptr_nonnull(mkdtemp(scratch_dir));
        atexit(remove_scratch);
    }
    struct test_path p;
    snprintf(p.s, sizeof p.s, "%s/%s", scratch_dir, name);
    return p;
}

void test_bytes_put(struct test_bytes *b, const void *data, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (b->p == NULL)
            ck_abort_msg("out of memory");
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->n, data, n);
    b->n += n;
}

void test_bytes_le32(struct test_bytes *b, uint32_t v)
{
    uint8_t w[4];
    store_le32(w, v);
    test_bytes_put(b, w, 4);
}

void test_bytes_free(struct test_bytes *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

void test_simh_record(struct test_bytes *b, const uint8_t *data, uint32_t n, bool padded,
                      uint32_t flags)
{
    test_bytes_le32(b, n | flags);
    test_bytes_put(b, data, n);
    if (padded && (n & 1)) {
        uint8_t pad = 0;
        test_bytes_put(b, &pad, 1);
    }
    test_bytes_le32(b, n | flags);
}

void test_simh_tape_mark(struct test_bytes *b)
{
    test_bytes_le32(b, 0);
}

void test_aws_chunk(struct test_bytes *b, const uint8_t *data, uint32_t n, uint16_t *previous,
                    uint8_t flags1, uint8_t flags2)
{
    uint8_t h[6];
    store_le16(h, (uint16_t)n);
    store_le16(h + 2, *previous);
    h[4] = flags1;
    h[5] = flags2;
    test_bytes_put(b, h, 6);
    test_bytes_put(b, data, n);
    *previous = (uint16_t)n;
}

void test_aws_record(struct test_bytes *b, const uint8_t *data, uint32_t n, uint16_t *previous)
{
    test_aws_chunk(b, data, n, previous, 0xA0, 0);
}

void test_aws_tape_mark(struct test_bytes *b, uint16_t *previous)
{
    test_aws_chunk(b, NULL, 0, previous, 0x40, 0);
}

void test_pattern(uint8_t *p, uint32_t n, unsigned seed)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = (uint8_t)((seed * 31u + i * 7u) & 0xFF);
}

void test_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    if (n > 0)
        ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

uint8_t *test_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    struct test_bytes b = {0};
    uint8_t chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        test_bytes_put(&b, chunk, got);
    fclose(f);
    *n = b.n;
    if (b.p == NULL)
        b.p = malloc(1);
    return b.p;
}

struct tape_image *test_open_image(const char *path, enum tape_format format, bool read_only)
{
    struct tape_image_options o;
    tape_image_options_init(&o);
    o.format = format;
    o.read_only = read_only;
    struct error err;
    error_clear(&err);
    struct tape_image *t = tape_image_open(path, &o, &err);
    ck_assert_msg(t != NULL, "open %s: %s", path, err.message);
    return t;
}

/* The channel engine's entry for status that ends no command: recorded. */
void channel_device_status(struct device *dev, uint8_t status)
{
    struct test_drive *t = dev->host_private;
    ck_assert_uint_lt(t->async_count, sizeof t->async);
    t->async[t->async_count++] = status;
}

bool test_drive_attach(struct test_drive *t, const char *args, struct error *err)
{
    memset(t, 0, sizeof *t);
    event_queue_init(&t->events);
    t->dev.type = &tape_2400_type;
    t->dev.address = 0x0C0;
    t->dev.events = &t->events;
    t->dev.host_private = t;
    char copy[1400];
    snprintf(copy, sizeof copy, "%s", args);
    char *argv[32];
    int argc = 0;
    for (char *tok = strtok(copy, " "); tok != NULL && argc < 31; tok = strtok(NULL, " "))
        argv[argc++] = tok;
    argv[argc] = NULL;
    error_clear(err);
    return tape_2400_type.attach(&t->dev, argc, argv, err);
}

void test_drive_attach_ok(struct test_drive *t, const char *args)
{
    struct error err;
    bool ok = test_drive_attach(t, args, &err);
    ck_assert_msg(ok, "attach %s: %s", args, err.message);
}

void test_drive_detach(struct test_drive *t)
{
    if (t->dev.state != NULL)
        tape_2400_type.detach(&t->dev);
}

struct device_command test_drive_run(struct test_drive *t, uint8_t code, uint32_t count,
                                     const uint8_t *data)
{
    struct device_command cmd;
    memset(&cmd, 0, sizeof cmd);
    cmd.code = code;
    cmd.count = count;
    cmd.data = t->buffer;
    memset(t->buffer, 0xEE, sizeof t->buffer);
    if (data != NULL)
        memcpy(t->buffer, data, count);
    cmd.length = 0xDEADBEEF;
    cmd.status = 0xFF;
    tape_2400_type.start(&t->dev, &cmd);
    if (cmd.pending)
        ck_abort_msg("command %02X left pending", code);
    return cmd;
}

uint8_t test_drive_motion(struct test_drive *t, uint8_t code)
{
    t->async_count = 0;
    struct device_command c = test_drive_run(t, code, 1, NULL);
    if (c.status & UNIT_DEVICE_END) {
        test_drive_settle(t);
        ck_assert_uint_eq(t->async_count, 0);
        return c.status;
    }
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END);
    ck_assert_uint_eq(c.length, 0);
    ck_assert_uint_eq(c.delay, 0);
    test_drive_settle(t);
    ck_assert_uint_eq(t->async_count, 1);
    ck_assert(t->async[0] & UNIT_DEVICE_END);
    ck_assert(!(t->async[0] & UNIT_CHANNEL_END));
    t->async_count = 0;
    return (uint8_t)(c.status | t->async[0]);
}

void test_drive_settle(struct test_drive *t)
{
    uint64_t due;
    while ((due = event_next_due(&t->events)) != UINT64_MAX)
        event_run_due(&t->events, due);
}

void test_drive_sense(struct test_drive *t, uint8_t sense[6])
{
    struct device_command c = test_drive_run(t, 0x04, 6, NULL);
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END | UNIT_DEVICE_END);
    ck_assert_uint_eq(c.length, 6);
    memcpy(sense, t->buffer, 6);
}

int test_tape_run_suite(Suite *s)
{
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
