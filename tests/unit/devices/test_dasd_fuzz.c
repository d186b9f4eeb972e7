/* Fuzz test of the image readers: valid CKD and CCKD images are mutated
 * (bytes flipped, 32-bit fields set to extreme values, the file cut short)
 * with a fixed seed, and every mutant is opened, read track by track,
 * checked with `dasd check`'s code and run through the device's commands.
 * Each failure must be a clean error naming the file and a byte offset;
 * nothing may crash (run it in the sanitizer build) or hang. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/dasd_tools.h"
#include "lib/bytes.h"
#include "tests/unit/devices/test_dasd_support.h"

#define MUTANTS 300

static uint32_t next(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    *size = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *bytes = malloc(*size);
    ck_assert_uint_eq(fread(bytes, 1, *size, fp), *size);
    fclose(fp);
    return bytes;
}

static void spill(const char *path, const uint8_t *bytes, size_t size)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(bytes, 1, size, fp), size);
    fclose(fp);
}

static void assert_clean_error(const struct error *err, const char *path, unsigned mutant)
{
    ck_assert_msg(strstr(err->message, path) != NULL && strstr(err->message, "offset") != NULL,
                  "mutant %u: error without file or offset: %s", mutant, err->message);
}

/* A base image with records, compressed and stored tracks, and (CCKD)
 * free space left by rewrites. */
static void build_base(struct dasd_fixture *f, enum ckd_image_format format)
{
    dasd_fixture_create(f, "2311", 3, format);
    for (unsigned round = 0; round < 2; round++) {
        for (unsigned t = 0; t < 12; t++) {
            struct test_record r[3] = {{1, 0, (uint16_t)(100 + 300 * t + round), (uint8_t)t},
                                       {2, 8, 600, (uint8_t)(t + 7)},
                                       {3, 0, 0, 0}};
            dasd_fixture_track(f, t / 10, t % 10, r, round == 0 ? 3 : 1 + t % 3);
        }
    }
}

/* Everything a reader does with an image, on the mutant. */
static void exercise(struct dasd_fixture *f, unsigned mutant)
{
    struct ckd_image *img;
    struct error err;
    struct ckd_image_options read_only = {.read_only = true};
    if (!ckd_image_open(&img, f->path, &read_only, &err)) {
        assert_clean_error(&err, f->path, mutant);
    } else {
        uint8_t *t = malloc(img->track_size);
        for (unsigned track = 0; track < ckd_image_tracks(img); track++) {
            uint32_t n;
            if (!ckd_read_track(img, track, t, &n, &err))
                assert_clean_error(&err, f->path, mutant);
            else
                ck_assert_uint_le(n, img->track_size);
        }
        free(t);
        ckd_image_close(img, NULL);
    }
    FILE *sink = fopen("/dev/null", "w");
    dasd_check(f->path, sink, NULL);
    if (!dasd_list(f->path, sink, &err))
        ck_assert(err.message[0] != '\0');
    fclose(sink);
    /* The device: attach read-write and walk the tracks with reads,
     * searches and an update; errors must be unit checks. */
    char *argv[] = {f->path};
    if (!f->dev.type->attach(&f->dev, 1, argv, &err)) {
        assert_clean_error(&err, f->path, mutant);
        return;
    }
    for (unsigned track = 0; track < 30; track++) {
        uint8_t seek[6] = {0, 0, 0, (uint8_t)(track / 10), 0, (uint8_t)(track % 10)};
        struct device_command c = dasd_run(f, 0x07, false, seek, 6);
        for (int i = 0; i < 6 && c.status == CE_DE; i++)
            c = dasd_run(f, (uint8_t)(i % 2 ? 0x06 : 0x12), true, NULL, 4096);
        uint8_t id[5];
        dasd_id(id, track / 10, track % 10, 1);
        dasd_run(f, 0x07, false, seek, 6);
        c = dasd_run(f, 0x31, true, id, 5);
        if (c.status == CE_DE)
            c = dasd_run(f, 0x31, true, id, 5);
        if (c.status == (CE_DE | UNIT_STATUS_MODIFIER)) {
            uint8_t data[64] = {0x42};
            dasd_run(f, 0x05, true, data, sizeof data);
        }
    }
    dasd_run(f, 0x02, false, NULL, 24);
    f->dev.type->detach(&f->dev);
}

static void fuzz(enum ckd_image_format format, uint32_t seed)
{
    struct dasd_fixture f;
    build_base(&f, format);
    /* The device reports each damaged track on stderr; thousands of them
     * would bury the test log. */
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    close(null);
    size_t size;
    uint8_t *base = slurp(f.path, &size);
    uint8_t *mutant = malloc(size);
    uint32_t state = seed;
    for (unsigned m = 0; m < MUTANTS; m++) {
        memcpy(mutant, base, size);
        size_t length = size;
        switch (next(&state) % 4) {
        case 0: /* cut short */
            length = next(&state) % size;
            break;
        case 1: { /* a few bytes, mostly in the headers and tables */
            unsigned n = 1 + next(&state) % 8;
            for (unsigned i = 0; i < n; i++) {
                size_t at = next(&state) % 2 ? next(&state) % (size < 4096 ? size : 4096)
                                             : next(&state) % size;
                mutant[at] ^= (uint8_t)(1u << (next(&state) % 8));
            }
            break;
        }
        case 2: { /* a 32-bit field set to an extreme */
            static const uint32_t values[] = {0, 1, 0x7FFFFFFF, 0xFFFFFFFF, 0xFFFF, 512, 1024};
            size_t at = (next(&state) % ((size < 4096 ? size : 4096) / 4)) * 4;
            uint32_t v = values[next(&state) % (sizeof values / sizeof values[0])];
            if (next(&state) % 3 == 0)
                v = (uint32_t)size + next(&state) % 64 - 32;
            store_le32(mutant + at, v);
            break;
        }
        default: { /* a run of garbage anywhere */
            size_t at = next(&state) % size;
            for (size_t i = at; i < size && i < at + 64; i++)
                mutant[i] = (uint8_t)next(&state);
            break;
        }
        }
        spill(f.path, mutant, length);
        exercise(&f, m);
    }
    free(mutant);
    free(base);
    dasd_fixture_destroy(&f);
}

START_TEST(test_mutated_ckd_images_give_clean_errors_naming_file_and_offset)
{
    fuzz(CKD_IMAGE_FORMAT_CKD, 0x2311CAFE);
}
END_TEST

START_TEST(test_mutated_cckd_images_give_clean_errors_naming_file_and_offset)
{
    fuzz(CKD_IMAGE_FORMAT_CCKD, 0xCC4D1967);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dasd image fuzz");
    TCase *t = tcase_create("fuzz");
    tcase_add_test(t, test_mutated_ckd_images_give_clean_errors_naming_file_and_offset);
    tcase_add_test(t, test_mutated_cckd_images_give_clean_errors_naming_file_and_offset);
    suite_add_tcase(s, t);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
