/* AWS and HET images (devices/tape_aws.c, devices/tape_het.c). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "devices/tape_image.h"
#include "lib/bytes.h"
#include "tests/unit/devices/test_tape_support.h"

static struct test_path save(const char *name, struct test_bytes *b)
{
    struct test_path p = test_tape_path(name);
    test_write_file(p.s, b->p, b->n);
    test_bytes_free(b);
    return p;
}

/* A zlib-compressed copy of data (caller frees). */
static uint8_t *deflated(const uint8_t *data, uint32_t n, uLongf *out)
{
    *out = compressBound(n);
    uint8_t *p = malloc(*out);
    ck_assert_int_eq(compress2(p, out, data, n, 6), Z_OK);
    return p;
}

START_TEST(test_aws_reads_records_and_tape_marks_forward_and_backward)
{
    struct test_bytes b = {0};
    uint16_t prev = 0;
    uint8_t d[300];
    test_pattern(d, 80, 1);
    test_aws_record(&b, d, 80, &prev);
    test_aws_tape_mark(&b, &prev);
    test_pattern(d, 300, 2);
    test_aws_record(&b, d, 300, &prev);
    test_aws_tape_mark(&b, &prev);
    test_aws_tape_mark(&b, &prev);
    struct test_path p = save("basic.aws", &b);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_AWS);
    uint8_t buf[400], want[400];
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 80);
    test_pattern(want, 80, 1);
    ck_assert_mem_eq(buf, want, 80);
    ck_assert_uint_eq(tape_image_offset(t), 86);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 300);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_END_OF_DATA);
    ck_assert_uint_eq(tape_image_block_number(t), 5);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 300);
    test_pattern(want, 300, 2);
    ck_assert_mem_eq(buf, want, 300);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 80);
    ck_assert(tape_image_at_load_point(t));
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_AT_LOAD_POINT);
    tape_image_close(t);
}
END_TEST

START_TEST(test_aws_block_of_several_chunks_reads_whole_both_ways)
{
    struct test_bytes b = {0};
    uint16_t prev = 0;
    uint8_t d[10000];
    test_pattern(d, 10000, 7);
    test_aws_chunk(&b, d, 4096, &prev, 0x80, 0);
    test_aws_chunk(&b, d + 4096, 4096, &prev, 0x00, 0);
    test_aws_chunk(&b, d + 8192, 1808, &prev, 0x20, 0);
    test_aws_tape_mark(&b, &prev);
    struct test_path p = save("chunks.aws", &b);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    uint8_t buf[10000];
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 10000);
    ck_assert_mem_eq(buf, d, 10000);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    /* Backward into a small buffer: the block's last bytes. */
    ck_assert_int_eq(tape_image_read_backward(t, buf, 5000, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 10000);
    ck_assert_mem_eq(buf, d + 5000, 5000);
    ck_assert(tape_image_at_load_point(t));
    tape_image_close(t);
}
END_TEST

START_TEST(test_aws_write_truncates_and_chains_previous_lengths)
{
    struct test_bytes b = {0};
    uint16_t prev = 0;
    uint8_t d[100];
    test_pattern(d, 100, 3);
    test_aws_record(&b, d, 100, &prev);
    test_aws_record(&b, d, 50, &prev);
    test_aws_record(&b, d, 70, &prev);
    struct test_path p = save("write.aws", &b);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, false);
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    uint8_t w[3] = {1, 2, 3};
    ck_assert(tape_image_write_block(t, w, 3, &err));
    ck_assert(tape_image_write_tape_mark(t, &err));
    ck_assert(tape_image_write_block(t, w, 2, &err));
    tape_image_close(t);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    ck_assert_uint_eq(n, 106 + 9 + 6 + 8);
    static const uint8_t want[] = {
        3, 0, 100, 0, 0xA0, 0, 1, 2, 3, /* block: previous 100 */
        0, 0, 3, 0, 0x40, 0,            /* tape mark: previous 3 */
        2, 0, 0, 0, 0xA0, 0, 1, 2,      /* block: previous 0 */
    };
    ck_assert_mem_eq(bytes + 106, want, sizeof want);
    free(bytes);
    /* And it reads back, backward too. */
    t = test_open_image(p.s, TAPE_FORMAT_AWS, true);
    ck_assert_int_eq(tape_image_space_file_forward(t, &(struct tape_motion){0}, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
    struct tape_motion m;
    ck_assert_int_eq(tape_image_space_file_backward(t, &m, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_space_file_backward(t, &m, &err), TAPE_AT_LOAD_POINT);
    ck_assert_uint_eq(m.blocks, 2);
    ck_assert_uint_eq(m.bytes, 103);
    tape_image_close(t);
}
END_TEST

START_TEST(test_aws_previous_length_that_disagrees_is_damage_naming_block_and_offset)
{
    struct test_bytes b = {0};
    uint16_t prev = 0;
    uint8_t d[20] = {0};
    test_aws_record(&b, d, 20, &prev);
    prev = 19; /* wrong */
    test_aws_record(&b, d, 10, &prev);
    struct test_path p = save("badprev.aws", &b);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_DAMAGED);
    ck_assert_ptr_nonnull(strstr(err.message, "badprev.aws: block 2 at offset 26"));
    ck_assert_ptr_nonnull(strstr(err.message, "previous-length field is 19"));
    ck_assert_uint_eq(tape_image_offset(t), 26);
    tape_image_close(t);
}
END_TEST

START_TEST(test_aws_truncated_chunk_and_header_are_damage)
{
    for (int cut = 0; cut < 2; cut++) {
        struct test_bytes b = {0};
        uint16_t prev = 0;
        uint8_t d[40] = {0};
        test_aws_record(&b, d, 40, &prev);
        test_aws_record(&b, d, 40, &prev);
        b.n -= cut ? 43 : 10; /* into the header, or into the data */
        struct test_path p = save(cut ? "cuthdr.aws" : "cutdata.aws", &b);
        struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_AWS, true);
        uint32_t length;
        struct error err;
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_DAMAGED);
        ck_assert_ptr_nonnull(strstr(err.message, "block 2 at offset 46"));
        ck_assert_ptr_nonnull(strstr(err.message, cut ? "truncated block header" : "truncated chunk"));
        tape_image_close(t);
    }
}
END_TEST

START_TEST(test_het_zlib_block_inflates_both_ways_and_detects_het)
{
    uint8_t d[5000];
    test_pattern(d, 5000, 0); /* repetitive: compresses */
    uLongf n;
    uint8_t *z = deflated(d, 5000, &n);
    ck_assert_uint_lt(n, 5000);
    struct test_bytes b = {0};
    uint16_t prev = 0;
    test_aws_chunk(&b, z, (uint32_t)n, &prev, 0xA1, 0);
    test_aws_tape_mark(&b, &prev);
    free(z);
    struct test_path p = save("zlib.aws", &b); /* the data says HET, not the name */
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_HET);
    uint8_t buf[5000];
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 5000);
    ck_assert_mem_eq(buf, d, 5000);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, 1000, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 5000);
    ck_assert_mem_eq(buf, d + 4000, 1000);
    tape_image_close(t);
}
END_TEST

START_TEST(test_het_compressed_block_split_in_chunks_and_bustech_zlib_read)
{
    uint8_t d[60000];
    srand(5);
    for (int i = 0; i < 60000; i++)
        d[i] = (uint8_t)(i % 251 == 0 ? rand() : i / 97);
    uLongf n;
    uint8_t *z = deflated(d, 60000, &n);
    struct test_bytes b = {0};
    uint16_t prev = 0;
    uint32_t half = (uint32_t)n / 2;
    test_aws_chunk(&b, z, half, &prev, 0x81, 0);
    test_aws_chunk(&b, z + half, (uint32_t)n - half, &prev, 0x21, 0);
    test_aws_chunk(&b, z, (uint32_t)n, &prev, 0xA0, 0x80); /* Bus-Tech */
    free(z);
    struct test_path p = save("split.het", &b);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    static uint8_t buf[60000];
    uint32_t length;
    struct error err;
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
        ck_assert_uint_eq(length, 60000);
        ck_assert_mem_eq(buf, d, 60000);
    }
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_mem_eq(buf, d, 60000);
    tape_image_close(t);
}
END_TEST

START_TEST(test_het_bzip2_block_is_a_bad_block_named_and_the_next_block_reads)
{
    struct test_bytes b = {0};
    uint16_t prev = 0;
    uint8_t d[30] = {0x42, 0x5A, 0x68};
    test_aws_record(&b, d, 30, &prev);
    test_aws_chunk(&b, d, 30, &prev, 0xA2, 0);
    test_aws_record(&b, d, 30, &prev);
    struct test_path p = save("bz.het", &b);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    uint8_t buf[64];
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    memset(buf, 0xEE, sizeof buf);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BAD_BLOCK);
    ck_assert_uint_eq(length, 0);
    ck_assert_uint_eq(buf[0], 0xEE); /* never misread as data */
    ck_assert_ptr_nonnull(strstr(err.message, "bz.het: block 2 at offset 36"));
    ck_assert_ptr_nonnull(strstr(err.message, "bzip2-compressed HET block not supported"));
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 30);
    tape_image_close(t);
}
END_TEST

START_TEST(test_het_block_that_does_not_inflate_is_a_bad_block)
{
    uint8_t d[2000];
    test_pattern(d, 2000, 1);
    uLongf n;
    uint8_t *z = deflated(d, 2000, &n);
    z[n / 2] ^= 0x55;
    z[n / 2 + 1] ^= 0xFF;
    struct test_bytes b = {0};
    uint16_t prev = 0;
    test_aws_chunk(&b, z, (uint32_t)n, &prev, 0xA1, 0);
    test_aws_chunk(&b, z, (uint32_t)n - 3, &prev, 0xA1, 0); /* stream cut short */
    test_aws_tape_mark(&b, &prev);
    free(z);
    struct test_path p = save("corrupt.het", &b);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_HET, true);
    uint8_t buf[2000];
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BAD_BLOCK);
    ck_assert_ptr_nonnull(strstr(err.message, "block 1 at offset 0"));
    ck_assert_ptr_nonnull(strstr(err.message, "does not inflate"));
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BAD_BLOCK);
    ck_assert_ptr_nonnull(strstr(err.message, "block 2"));
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_TAPE_MARK);
    tape_image_close(t);
}
END_TEST

START_TEST(test_het_writes_compressible_blocks_with_zlib_and_others_plain)
{
    struct test_path p = test_tape_path("new.het");
    struct tape_image_options o;
    tape_image_options_init(&o);
    o.create = true;
    struct error err;
    struct tape_image *t = tape_image_open(p.s, &o, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_HET);
    uint8_t zeros[4000] = {0};
    uint8_t noise[64];
    srand(9);
    for (int i = 0; i < 64; i++)
        noise[i] = (uint8_t)rand();
    ck_assert(tape_image_write_block(t, zeros, sizeof zeros, &err));
    ck_assert(tape_image_write_block(t, noise, sizeof noise, &err));
    tape_image_close(t);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    ck_assert_uint_eq(bytes[4], 0xA1);
    uint32_t first = load_le16(bytes);
    ck_assert_uint_lt(first, 100);
    ck_assert_uint_eq(bytes[6 + first + 4], 0xA0);
    ck_assert_uint_eq(load_le16(bytes + 6 + first), 64);
    ck_assert_uint_eq(load_le16(bytes + 6 + first + 2), first);
    free(bytes);
    t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    uint8_t buf[4000];
    uint32_t length;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 4000);
    ck_assert_mem_eq(buf, zeros, 4000);
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_mem_eq(buf, noise, 64);
    tape_image_close(t);
}
END_TEST

START_TEST(test_chunk_size_option_splits_written_blocks)
{
    struct test_path p = test_tape_path("small-chunks.aws");
    struct tape_image_options o;
    tape_image_options_init(&o);
    o.create = true;
    o.chunk_size = 4096;
    struct error err;
    struct tape_image *t = tape_image_open(p.s, &o, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    uint8_t d[10000];
    test_pattern(d, 10000, 4);
    ck_assert(tape_image_write_block(t, d, 10000, &err));
    ck_assert(tape_image_write_tape_mark(t, &err));
    tape_image_close(t);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    ck_assert_uint_eq(n, 3 * 6 + 10000 + 6);
    ck_assert_uint_eq(bytes[4], 0x80);
    ck_assert_uint_eq(bytes[6 + 4096 + 4], 0x00);
    ck_assert_uint_eq(bytes[2 * (6 + 4096) + 4], 0x20);
    ck_assert_uint_eq(load_le16(bytes + 2 * (6 + 4096)), 10000 - 8192);
    ck_assert_uint_eq(load_le16(bytes + n - 4), 10000 - 8192);
    free(bytes);
}
END_TEST

static Suite *aws_suite(void)
{
    Suite *s = suite_create("tape_aws");
    TCase *t = tcase_create("aws_het");
    tcase_add_test(t, test_aws_reads_records_and_tape_marks_forward_and_backward);
    tcase_add_test(t, test_aws_block_of_several_chunks_reads_whole_both_ways);
    tcase_add_test(t, test_aws_write_truncates_and_chains_previous_lengths);
    tcase_add_test(t, test_aws_previous_length_that_disagrees_is_damage_naming_block_and_offset);
    tcase_add_test(t, test_aws_truncated_chunk_and_header_are_damage);
    tcase_add_test(t, test_het_zlib_block_inflates_both_ways_and_detects_het);
    tcase_add_test(t, test_het_compressed_block_split_in_chunks_and_bustech_zlib_read);
    tcase_add_test(t, test_het_bzip2_block_is_a_bad_block_named_and_the_next_block_reads);
    tcase_add_test(t, test_het_block_that_does_not_inflate_is_a_bad_block);
    tcase_add_test(t, test_het_writes_compressible_blocks_with_zlib_and_others_plain);
    tcase_add_test(t, test_chunk_size_option_splits_written_blocks);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_tape_run_suite(aws_suite());
}
