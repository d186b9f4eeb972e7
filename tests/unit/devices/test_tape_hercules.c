/* Byte compatibility with Hercules's own tape tools (Debian package
 * hercules: hetinit, hetupd, hetmap, tapemap): tapes they make read in
 * vm67, tapes vm67 writes read in them. Skips (77) when they are absent. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/tape_image.h"
#include "tests/unit/devices/test_tape_support.h"

static void run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    char quiet[2200];
    snprintf(quiet, sizeof quiet, "%s >/dev/null 2>&1", cmd);
    int rc = system(quiet);
    ck_assert_msg(rc == 0, "'%s' failed (%d)", cmd, rc);
}

/* The command's standard output (caller frees). */
static char *output_of(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *output_of(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    char quiet[2200];
    snprintf(quiet, sizeof quiet, "%s 2>/dev/null", cmd);
    FILE *p = popen(quiet, "r");
    ck_assert_ptr_nonnull(p);
    struct test_bytes b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        test_bytes_put(&b, chunk, n);
    pclose(p);
    test_bytes_put(&b, "", 1);
    return (char *)b.p;
}

struct object {
    enum tape_status status;
    uint32_t length;
    uint8_t data[100];
};

/* Reads up to `max` objects (first 100 bytes of each) to the end. */
static unsigned read_all(const char *path, struct object *objects, unsigned max)
{
    struct tape_image *t = test_open_image(path, TAPE_FORMAT_UNKNOWN, true);
    unsigned n = 0;
    for (;;) {
        ck_assert_uint_lt(n, max);
        struct error err;
        uint8_t buf[70000];
        uint32_t length;
        enum tape_status s = tape_image_read_forward(t, buf, sizeof buf, &length, &err);
        if (s == TAPE_END_OF_DATA)
            break;
        objects[n].status = s;
        objects[n].length = length;
        memcpy(objects[n].data, buf, length < 100 ? length : 100);
        n++;
    }
    tape_image_close(t);
    return n;
}

START_TEST(test_hetinit_labelled_tape_reads_as_its_decompressed_copy_does)
{
    struct test_path het = test_tape_path("labelled.het");
    struct test_path plain = test_tape_path("labelled-plain.het");
    run("hetinit -i '%s' VOL001 OWNER", het.s);
    run("hetupd -d '%s' '%s'", het.s, plain.s);
    struct tape_image *t = test_open_image(het.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_HET);
    tape_image_close(t);
    struct object a[16], b[16];
    unsigned na = read_all(het.s, a, 16), nb = read_all(plain.s, b, 16);
    ck_assert_uint_eq(na, nb);
    ck_assert_uint_ge(na, 3);
    for (unsigned i = 0; i < na; i++) {
        ck_assert_int_eq(a[i].status, b[i].status);
        ck_assert_uint_eq(a[i].length, b[i].length);
        ck_assert_mem_eq(a[i].data, b[i].data, a[i].length < 100 ? a[i].length : 100);
    }
    /* VOL1VOL001 in EBCDIC, then HDR1. */
    static const uint8_t vol1[] = {0xE5, 0xD6, 0xD3, 0xF1, 0xE5, 0xD6, 0xD3, 0xF0, 0xF0, 0xF1};
    ck_assert_int_eq(a[0].status, TAPE_BLOCK);
    ck_assert_uint_eq(a[0].length, 80);
    ck_assert_mem_eq(a[0].data, vol1, sizeof vol1);
    static const uint8_t hdr1[] = {0xC8, 0xC4, 0xD9, 0xF1};
    ck_assert_uint_eq(a[1].length, 80);
    ck_assert_mem_eq(a[1].data, hdr1, sizeof hdr1);
    ck_assert_int_eq(a[2].status, TAPE_TAPE_MARK);
}
END_TEST

START_TEST(test_hetinit_unlabelled_tape_is_two_tape_marks)
{
    struct test_path het = test_tape_path("nl.het");
    run("hetinit -n '%s'", het.s);
    struct object o[4];
    ck_assert_uint_eq(read_all(het.s, o, 4), 2);
    ck_assert_int_eq(o[0].status, TAPE_TAPE_MARK);
    ck_assert_int_eq(o[1].status, TAPE_TAPE_MARK);
}
END_TEST

START_TEST(test_hetupd_bzip2_blocks_are_reported_and_never_misread)
{
    struct test_path het = test_tape_path("z.het");
    struct test_path bz = test_tape_path("bz.het");
    run("hetinit -i '%s' VOL002 OWNER", het.s);
    run("hetupd -b '%s' '%s'", het.s, bz.s);
    struct tape_image *t = test_open_image(bz.s, TAPE_FORMAT_UNKNOWN, true);
    uint8_t buf[100];
    uint32_t length;
    struct error err;
    memset(buf, 0xEE, sizeof buf);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BAD_BLOCK);
    ck_assert_uint_eq(length, 0);
    ck_assert_uint_eq(buf[0], 0xEE);
    ck_assert_ptr_nonnull(strstr(err.message, "bz.het: block 1 at offset 0"));
    ck_assert_ptr_nonnull(strstr(err.message, "bzip2"));
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BAD_BLOCK);
    ck_assert_ptr_nonnull(strstr(err.message, "block 2"));
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    tape_image_close(t);
}
END_TEST

static void write_sample(const char *path, bool het)
{
    struct tape_image_options o;
    tape_image_options_init(&o);
    o.format = het ? TAPE_FORMAT_HET : TAPE_FORMAT_AWS;
    o.create = true;
    struct error err;
    struct tape_image *t = tape_image_open(path, &o, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    static uint8_t d[4000];
    test_pattern(d, 80, 1);
    ck_assert(tape_image_write_block(t, d, 80, &err));
    ck_assert(tape_image_write_block(t, d, 80, &err));
    ck_assert(tape_image_write_tape_mark(t, &err));
    memset(d, 0x40, sizeof d);
    ck_assert(tape_image_write_block(t, d, 4000, &err));
    ck_assert(tape_image_write_tape_mark(t, &err));
    ck_assert(tape_image_write_tape_mark(t, &err));
    tape_image_close(t);
}

static const char sample_map[] = "File 1: Blocks=2, block size min=80, max=80\n"
                                 "File 2: Blocks=1, block size min=4000, max=4000\n"
                                 "File 3: Blocks=0, block size min=0, max=0\n"
                                 "End of tape.\n";

START_TEST(test_aws_tape_vm67_writes_maps_in_tapemap_and_hetmap)
{
    struct test_path aws = test_tape_path("vm67.aws");
    write_sample(aws.s, false);
    char *map = output_of("tapemap '%s'", aws.s);
    ck_assert_str_eq(map, sample_map);
    free(map);
    map = output_of("hetmap -t '%s'", aws.s);
    ck_assert_str_eq(map, sample_map);
    free(map);
}
END_TEST

START_TEST(test_het_tape_vm67_writes_maps_in_hetmap_and_decompresses_to_its_aws_twin)
{
    struct test_path het = test_tape_path("vm67.het");
    struct test_path aws = test_tape_path("twin.aws");
    struct test_path plain = test_tape_path("vm67-plain.het");
    write_sample(het.s, true);
    write_sample(aws.s, false);
    char *map = output_of("hetmap -t '%s'", het.s);
    ck_assert_str_eq(map, sample_map);
    free(map);
    map = output_of("hetmap '%s'", het.s);
    ck_assert_ptr_nonnull(strstr(map, "Uncompressed bytes  : 4160"));
    free(map);
    /* Hercules's decompressed copy is byte for byte the AWS vm67 writes. */
    run("hetupd -d '%s' '%s'", het.s, plain.s);
    size_t n1, n2;
    uint8_t *a = test_read_file(plain.s, &n1), *b = test_read_file(aws.s, &n2);
    ck_assert_uint_eq(n1, n2);
    ck_assert_mem_eq(a, b, n1);
    free(a);
    free(b);
}
END_TEST

static Suite *hercules_suite(void)
{
    Suite *s = suite_create("tape_hercules");
    TCase *t = tcase_create("tools");
    tcase_add_test(t, test_hetinit_labelled_tape_reads_as_its_decompressed_copy_does);
    tcase_add_test(t, test_hetinit_unlabelled_tape_is_two_tape_marks);
    tcase_add_test(t, test_hetupd_bzip2_blocks_are_reported_and_never_misread);
    tcase_add_test(t, test_aws_tape_vm67_writes_maps_in_tapemap_and_hetmap);
    tcase_add_test(t, test_het_tape_vm67_writes_maps_in_hetmap_and_decompresses_to_its_aws_twin);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    static const char *const tools[] = {"hetinit", "hetupd", "hetmap", "tapemap"};
    for (unsigned i = 0; i < 4; i++) {
        char cmd[100];
        snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tools[i]);
        if (system(cmd) != 0) {
            printf("skipped: %s not found (Hercules's tape tools: Debian package hercules)\n",
                   tools[i]);
            return 77;
        }
    }
    return test_tape_run_suite(hercules_suite());
}
