/* Opening tape images: format detection, options, files (tape_image.c). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/tape_image.h"
#include "tests/unit/devices/test_tape_support.h"

static struct tape_image *open_with(const char *path, enum tape_format format, bool create,
                                    struct error *err)
{
    struct tape_image_options o;
    tape_image_options_init(&o);
    o.format = format;
    o.create = create;
    return tape_image_open(path, &o, err);
}

static struct test_path simh_file(const char *name)
{
    struct test_bytes b = {0};
    uint8_t d[7] = {1, 2, 3, 4, 5, 6, 7};
    test_simh_record(&b, d, 7, true, 0);
    test_simh_tape_mark(&b);
    struct test_path p = test_tape_path(name);
    test_write_file(p.s, b.p, b.n);
    test_bytes_free(&b);
    return p;
}

static struct test_path aws_file(const char *name)
{
    struct test_bytes b = {0};
    uint16_t prev = 0;
    uint8_t d[7] = {1, 2, 3, 4, 5, 6, 7};
    test_aws_record(&b, d, 7, &prev);
    test_aws_tape_mark(&b, &prev);
    struct test_path p = test_tape_path(name);
    test_write_file(p.s, b.p, b.n);
    test_bytes_free(&b);
    return p;
}

START_TEST(test_content_decides_the_format_whatever_the_name)
{
    struct error err;
    struct test_path a = aws_file("really-aws.tap");
    struct tape_image *t = open_with(a.s, TAPE_FORMAT_UNKNOWN, false, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_AWS);
    tape_image_close(t);
    struct test_path s = simh_file("really-simh.aws");
    t = open_with(s.s, TAPE_FORMAT_UNKNOWN, false, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_SIMH);
    ck_assert_str_eq(tape_image_format_description(t), "SIMH .tap (padded)");
    tape_image_close(t);
}
END_TEST

START_TEST(test_uncompressed_image_named_het_is_het_and_writes_compressed)
{
    struct error err;
    struct test_path a = aws_file("plain.het");
    struct tape_image *t = open_with(a.s, TAPE_FORMAT_UNKNOWN, false, &err);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_HET);
    uint32_t length;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    static const uint8_t zeros[1000];
    ck_assert(tape_image_write_block(t, zeros, sizeof zeros, &err));
    tape_image_close(t);
    size_t n;
    uint8_t *bytes = test_read_file(a.s, &n);
    ck_assert_uint_eq(bytes[13 + 4], 0xA1); /* zlib */
    free(bytes);
}
END_TEST

START_TEST(test_empty_file_takes_its_format_from_the_option_then_the_name_then_aws)
{
    static const struct {
        const char *name;
        enum tape_format option, want;
    } cases[] = {
        {"blank.het", TAPE_FORMAT_UNKNOWN, TAPE_FORMAT_HET},
        {"blank.tap", TAPE_FORMAT_UNKNOWN, TAPE_FORMAT_SIMH},
        {"blank.aws", TAPE_FORMAT_UNKNOWN, TAPE_FORMAT_AWS},
        {"blank.img", TAPE_FORMAT_UNKNOWN, TAPE_FORMAT_AWS},
        {"blank2.img", TAPE_FORMAT_E11, TAPE_FORMAT_E11},
        {"blank2.aws", TAPE_FORMAT_HET, TAPE_FORMAT_HET},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_path p = test_tape_path(cases[i].name);
        test_write_file(p.s, "", 0);
        struct error err;
        struct tape_image *t = open_with(p.s, cases[i].option, false, &err);
        ck_assert_msg(t != NULL, "%s", err.message);
        ck_assert_msg(tape_image_format(t) == cases[i].want, "%s", cases[i].name);
        uint32_t length;
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
        tape_image_close(t);
    }
}
END_TEST

START_TEST(test_option_the_content_contradicts_is_an_error_naming_the_file)
{
    struct error err;
    struct test_path a = aws_file("aws-as-tap.aws");
    ck_assert_ptr_null(open_with(a.s, TAPE_FORMAT_SIMH, false, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "aws-as-tap.aws: not a SIMH .tap image"));
    struct test_path s = simh_file("tap-as-aws.tap");
    ck_assert_ptr_null(open_with(s.s, TAPE_FORMAT_AWS, false, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "tap-as-aws.tap: not an AWS image"));
}
END_TEST

START_TEST(test_file_that_is_no_tape_image_is_an_error)
{
    struct test_path p = test_tape_path("text.txt");
    test_write_file(p.s, "hello, this is not a tape\n", 26);
    struct error err;
    ck_assert_ptr_null(open_with(p.s, TAPE_FORMAT_UNKNOWN, false, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "text.txt: not a tape image vm67 knows"));
}
END_TEST

START_TEST(test_missing_file_is_created_blank_only_when_asked)
{
    struct test_path p = test_tape_path("missing.aws");
    struct error err;
    ck_assert_ptr_null(open_with(p.s, TAPE_FORMAT_UNKNOWN, false, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "missing.aws"));
    ck_assert_ptr_nonnull(strstr(err.message, "No such file"));
    struct tape_image *t = open_with(p.s, TAPE_FORMAT_UNKNOWN, true, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    ck_assert_uint_eq(tape_image_file_size(t), 0);
    tape_image_close(t);
    ck_assert_int_eq(access(p.s, F_OK), 0);
}
END_TEST

START_TEST(test_read_only_image_refuses_writes_and_leaves_the_file_alone)
{
    struct test_path a = aws_file("ro.aws");
    struct tape_image *t = test_open_image(a.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert(tape_image_read_only(t));
    struct error err;
    uint8_t d[1] = {0};
    ck_assert(!tape_image_write_block(t, d, 1, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "write protected"));
    ck_assert(!tape_image_write_tape_mark(t, &err));
    tape_image_close(t);
    size_t n;
    free(test_read_file(a.s, &n));
    ck_assert_uint_eq(n, 13 + 6);
}
END_TEST

START_TEST(test_directory_is_not_a_tape)
{
    struct test_path p = test_tape_path("adir");
    ck_assert_int_eq(mkdir(p.s, 0700), 0);
    struct error err;
    ck_assert_ptr_null(open_with(p.s, TAPE_FORMAT_UNKNOWN, false, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "adir"));
    rmdir(p.s);
}
END_TEST

START_TEST(test_write_of_a_block_out_of_range_is_refused)
{
    struct test_path p = test_tape_path("range.aws");
    test_write_file(p.s, "", 0);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, false);
    struct error err;
    static uint8_t big[65536];
    ck_assert(!tape_image_write_block(t, big, 0, &err));
    ck_assert(!tape_image_write_block(t, big, 65536, &err));
    ck_assert(tape_image_write_block(t, big, 65535, &err));
    ck_assert_uint_eq(tape_image_file_size(t), 65535 + 6);
    tape_image_close(t);
}
END_TEST

static Suite *image_suite(void)
{
    Suite *s = suite_create("tape_image");
    TCase *t = tcase_create("open");
    tcase_add_test(t, test_content_decides_the_format_whatever_the_name);
    tcase_add_test(t, test_uncompressed_image_named_het_is_het_and_writes_compressed);
    tcase_add_test(t, test_empty_file_takes_its_format_from_the_option_then_the_name_then_aws);
    tcase_add_test(t, test_option_the_content_contradicts_is_an_error_naming_the_file);
    tcase_add_test(t, test_file_that_is_no_tape_image_is_an_error);
    tcase_add_test(t, test_missing_file_is_created_blank_only_when_asked);
    tcase_add_test(t, test_read_only_image_refuses_writes_and_leaves_the_file_alone);
    tcase_add_test(t, test_directory_is_not_a_tape);
    tcase_add_test(t, test_write_of_a_block_out_of_range_is_refused);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_tape_run_suite(image_suite());
}
