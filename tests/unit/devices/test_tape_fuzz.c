/* A deterministic fuzz of the tape image readers and the 2400 over
 * damaged images: valid images of each format are truncated, have length
 * words and headers flipped, compressed data corrupted and junk spliced
 * in; every mutant is opened (detection and each explicit format) and
 * walked in every direction, and driven through the 2400 with a random
 * command sequence. The rules checked: open fails or succeeds with an
 * error that names the file; every damage report names the file, a block
 * and an offset; lengths stay within bounds; the drive always ends a
 * command with a sensible status and six sense bytes; and nothing crashes
 * (this test runs in the sanitizer build too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "devices/tape_2400.h"
#include "devices/tape_image.h"
#include "tests/unit/devices/test_tape_support.h"

#define MUTANTS_PER_BASE 150
#define MAX_STEPS 400

static uint64_t rng_state;

static uint32_t rng(void)
{
    /* xorshift64*: deterministic across runs and hosts. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static uint32_t rng_below(uint32_t n)
{
    return n == 0 ? 0 : rng() % n;
}

/* Valid base images. */
enum base { BASE_PADDED, BASE_E11, BASE_AWS, BASE_HET, BASE_COUNT };

static void build_base(enum base which, struct test_bytes *b)
{
    uint8_t data[3000];
    uint16_t prev = 0;
    static const uint32_t lengths[] = {80, 61, 0, 2000, 7, 1, 0, 300, 0, 0};
    for (unsigned i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        uint32_t n = lengths[i];
        test_pattern(data, n, i);
        switch (which) {
        case BASE_PADDED:
        case BASE_E11:
            if (n == 0)
                test_simh_tape_mark(b);
            else
                test_simh_record(b, data, n, which == BASE_PADDED, (i == 4) ? 0x80000000u : 0);
            break;
        case BASE_AWS:
            if (n == 0) {
                test_aws_tape_mark(b, &prev);
            } else if (n > 1000) {
                test_aws_chunk(b, data, 1000, &prev, 0x80, 0);
                test_aws_chunk(b, data + 1000, n - 1000, &prev, 0x20, 0);
            } else {
                test_aws_record(b, data, n, &prev);
            }
            break;
        case BASE_HET:
            if (n == 0) {
                test_aws_tape_mark(b, &prev);
            } else {
                uLongf z = compressBound(n);
                uint8_t *packed = malloc(z);
                ck_assert_int_eq(compress2(packed, &z, data, n, 6), Z_OK);
                if (z > 200) {
                    uint32_t half = (uint32_t)z / 2;
                    test_aws_chunk(b, packed, half, &prev, 0x81, 0);
                    test_aws_chunk(b, packed + half, (uint32_t)z - half, &prev, 0x21, 0);
                } else {
                    test_aws_chunk(b, packed, (uint32_t)z, &prev, 0xA1, 0);
                }
                free(packed);
            }
            break;
        default:
            break;
        }
    }
}

static void mutate(struct test_bytes *b)
{
    unsigned edits = 1 + rng_below(3);
    for (unsigned e = 0; e < edits && b->n > 0; e++) {
        switch (rng_below(6)) {
        case 0: /* truncate */
            b->n = rng_below((uint32_t)b->n);
            break;
        case 1: /* flip a byte anywhere */
            b->p[rng_below((uint32_t)b->n)] ^= (uint8_t)(1 + rng_below(255));
            break;
        case 2: { /* overwrite a 4-byte-aligned word: length words, headers */
            size_t at = rng_below((uint32_t)b->n) & ~(size_t)1;
            for (size_t i = at; i < at + 4 && i < b->n; i++)
                b->p[i] = (uint8_t)rng();
            break;
        }
        case 3: /* big-length word */
            if (b->n >= 4) {
                size_t at = rng_below((uint32_t)b->n - 3);
                static const uint8_t words[][4] = {{0xFF, 0xFF, 0xFF, 0x00}, {0xFF, 0xFF, 0, 0},
                                                   {0xFE, 0xFF, 0xFF, 0xFF}, {0, 0, 0, 0x80},
                                                   {0xFF, 0xFF, 0xFF, 0xFF}, {0xFF, 0xFF, 0x40, 0x00}};
                memcpy(b->p + at, words[rng_below(6)], 4);
            }
            break;
        case 4: { /* splice junk in the middle */
            size_t at = rng_below((uint32_t)b->n);
            uint8_t junk[16];
            size_t k = 1 + rng_below(16);
            for (size_t i = 0; i < k; i++)
                junk[i] = (uint8_t)rng();
            struct test_bytes c = {0};
            test_bytes_put(&c, b->p, at);
            test_bytes_put(&c, junk, k);
            test_bytes_put(&c, b->p + at, b->n - at);
            test_bytes_free(b);
            *b = c;
            break;
        }
        default: /* corrupt a run (compressed data) */ {
            size_t at = rng_below((uint32_t)b->n);
            for (size_t i = at; i < at + 8 && i < b->n; i++)
                b->p[i] = (uint8_t)rng();
            break;
        }
        }
    }
}

/* Check marks every passing assertion (a write to its log); the walks
 * below make hundreds of thousands, so they test first and assert only
 * on failure. */
#define FUZZ_CHECK(cond, ...)              \
    do {                                   \
        if (!(cond))                       \
            ck_abort_msg(__VA_ARGS__);     \
    } while (0)

static void check_message(const char *path, enum tape_status s, const struct error *err)
{
    if (s == TAPE_DAMAGED || s == TAPE_BAD_BLOCK) {
        FUZZ_CHECK(strstr(err->message, path) != NULL, "no file in '%s'", err->message);
        FUZZ_CHECK(strstr(err->message, "block ") != NULL, "no block in '%s'", err->message);
        FUZZ_CHECK(strstr(err->message, "offset ") != NULL, "no offset in '%s'", err->message);
    }
    FUZZ_CHECK(s != TAPE_HOST_ERROR, "host error on a readable file: %s", err->message);
}

static void walk_image(const char *path, enum tape_format format)
{
    struct tape_image_options o;
    tape_image_options_init(&o);
    o.format = format;
    o.read_only = true;
    struct error err;
    struct tape_image *t = tape_image_open(path, &o, &err);
    if (t == NULL) {
        ck_assert_msg(strstr(err.message, path) != NULL, "open error without the file: %s",
                      err.message);
        return;
    }
    static uint8_t buf[70000];
    for (int pass = 0; pass < 3; pass++) {
        for (int i = 0; i < MAX_STEPS; i++) {
            uint32_t length = 0;
            uint32_t size = pass == 1 ? 100 : sizeof buf;
            enum tape_status s = tape_image_read_forward(t, buf, size, &length, &err);
            check_message(path, s, &err);
            FUZZ_CHECK(length <= TAPE_MAX_BLOCK_LENGTH, "length %u", length);
            FUZZ_CHECK(tape_image_offset(t) <= tape_image_file_size(t), "offset beyond the file");
            if (s == TAPE_END_OF_DATA || s == TAPE_DAMAGED)
                break;
        }
        for (int i = 0; i < MAX_STEPS; i++) {
            uint32_t length = 0;
            uint32_t size = pass == 1 ? 100 : sizeof buf;
            enum tape_status s = tape_image_read_backward(t, buf, size, &length, &err);
            check_message(path, s, &err);
            FUZZ_CHECK(length <= TAPE_MAX_BLOCK_LENGTH, "length %u", length);
            if (s == TAPE_AT_LOAD_POINT || s == TAPE_DAMAGED)
                break;
        }
        struct tape_motion m;
        enum tape_status s = tape_image_space_file_forward(t, &m, &err);
        check_message(path, s, &err);
        s = tape_image_space_file_backward(t, &m, &err);
        check_message(path, s, &err);
        if (pass == 2)
            tape_image_rewind(t);
    }
    tape_image_close(t);
}

static void drive_randomly(const char *path, bool ring)
{
    static const uint8_t codes[] = {0x02, 0x02, 0x0C, 0x37, 0x27, 0x3F, 0x2F,
                                    0x01, 0x1F, 0x07, 0x03, 0xEB, 0x04, 0x17};
    char args[700];
    snprintf(args, sizeof args, "%s%s", path, ring ? "" : " ro");
    struct test_drive *t = malloc(sizeof *t);
    struct error err;
    if (!test_drive_attach(t, args, &err)) {
        ck_assert_msg(strstr(err.message, path) != NULL, "attach error without the file: %s",
                      err.message);
        free(t);
        return;
    }
    for (int i = 0; i < 60; i++) {
        uint8_t code = codes[rng_below(sizeof codes)];
        uint8_t data[64];
        for (int k = 0; k < 64; k++)
            data[k] = (uint8_t)rng();
        struct device_command c = test_drive_run(t, code, code == 0x01 ? 1 + rng_below(64) : 64,
                                                 code == 0x01 ? data : NULL);
        if (c.status == UNIT_BUSY) {
            test_drive_settle(t);
            continue;
        }
        FUZZ_CHECK(c.status & UNIT_CHANNEL_END, "code %02X: status %02X", code, c.status);
        FUZZ_CHECK(!(c.status & (UNIT_ATTENTION | UNIT_STATUS_MODIFIER)), "status %02X", c.status);
        FUZZ_CHECK(t->dev.sense_length == 6, "sense length %u", t->dev.sense_length);
        FUZZ_CHECK(c.length <= TAPE_MAX_BLOCK_LENGTH || (code != 0x02 && code != 0x0C),
                   "length %u", c.length);
        test_drive_settle(t);
        t->async_count = 0;
    }
    test_drive_detach(t);
    free(t);
}

START_TEST(test_mutated_images_give_clean_errors_and_never_crash)
{
    rng_state = 0x9E3779B97F4A7C15ull;
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    unsigned opened = 0;
    for (int base = 0; base < BASE_COUNT; base++) {
        for (int i = 0; i < MUTANTS_PER_BASE; i++) {
            struct test_bytes b = {0};
            build_base((enum base)base, &b);
            mutate(&b);
            /* Fresh names: rewriting one file from zero makes some file
             * systems flush it at every close. */
            char name[64];
            snprintf(name, sizeof name, "mutant-%d-%d.img", base, i);
            struct test_path path = test_tape_path(name);
            test_write_file(path.s, b.p, b.n);
            walk_image(path.s, TAPE_FORMAT_UNKNOWN);
            walk_image(path.s, TAPE_FORMAT_AWS);
            walk_image(path.s, TAPE_FORMAT_HET);
            walk_image(path.s, TAPE_FORMAT_SIMH);
            walk_image(path.s, TAPE_FORMAT_E11);
            /* With the ring in one time in four (each written tape is
             * synced when it is closed). */
            drive_randomly(path.s, i % 4 == 0);
            unlink(path.s);
            test_bytes_free(&b);
            opened++;
        }
    }
    ck_assert_uint_eq(opened, BASE_COUNT * MUTANTS_PER_BASE);
}
END_TEST

START_TEST(test_unmutated_bases_read_cleanly_to_their_end)
{
    for (int base = 0; base < BASE_COUNT; base++) {
        struct test_bytes b = {0};
        build_base((enum base)base, &b);
        struct test_path p = test_tape_path("base.img");
        test_write_file(p.s, b.p, b.n);
        test_bytes_free(&b);
        struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
        static const enum tape_format want[] = {TAPE_FORMAT_SIMH, TAPE_FORMAT_E11, TAPE_FORMAT_AWS,
                                                TAPE_FORMAT_HET};
        ck_assert_int_eq(tape_image_format(t), want[base]);
        unsigned objects = 0, bad = 0;
        uint32_t length;
        struct error err;
        enum tape_status s;
        static uint8_t buf[4000];
        while ((s = tape_image_read_forward(t, buf, sizeof buf, &length, &err)) != TAPE_END_OF_DATA) {
            ck_assert_msg(s == TAPE_BLOCK || s == TAPE_TAPE_MARK || s == TAPE_BAD_BLOCK, "%s",
                          err.message);
            if (s == TAPE_BAD_BLOCK)
                bad++;
            objects++;
        }
        ck_assert_uint_eq(objects, 10);
        ck_assert_uint_eq(bad, base <= BASE_E11 ? 1 : 0); /* the error-flag record */
        tape_image_close(t);
    }
}
END_TEST

static Suite *fuzz_suite(void)
{
    Suite *s = suite_create("tape_fuzz");
    TCase *t = tcase_create("fuzz");
    tcase_add_test(t, test_unmutated_bases_read_cleanly_to_their_end);
    tcase_add_test(t, test_mutated_images_give_clean_errors_and_never_crash);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_tape_run_suite(fuzz_suite());
}
