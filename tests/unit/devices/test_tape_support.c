#include "tests/unit/devices/test_tape_support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int test_tape_run_suite(Suite *s)
{
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
