/* SIMH .tap images: both variants, markers, damage (devices/tape_simh.c). */
#include <stdlib.h>
#include <string.h>

#include "devices/tape_image.h"
#include "tests/unit/devices/test_tape_support.h"

/* Writes a tape: blocks of the given lengths (0 = tape mark), pattern
 * data seeded by position. */
static struct test_path make_simh(const char *name, const uint32_t *lengths, unsigned count,
                                  bool padded)
{
    struct test_bytes b = {0};
    uint8_t data[70000];
    for (unsigned i = 0; i < count; i++) {
        if (lengths[i] == 0) {
            test_simh_tape_mark(&b);
        } else {
            test_pattern(data, lengths[i], i);
            test_simh_record(&b, data, lengths[i], padded, 0);
        }
    }
    struct test_path p = test_tape_path(name);
    test_write_file(p.s, b.p, b.n);
    test_bytes_free(&b);
    return p;
}

static void assert_block(struct tape_image *t, uint32_t want_length, unsigned seed)
{
    uint8_t buf[70000], want[70000];
    uint32_t length = 0;
    struct error err;
    enum tape_status s = tape_image_read_forward(t, buf, sizeof buf, &length, &err);
    ck_assert_msg(s == TAPE_BLOCK, "status %d: %s", s, err.message);
    ck_assert_uint_eq(length, want_length);
    test_pattern(want, want_length, seed);
    ck_assert_mem_eq(buf, want, want_length);
}

START_TEST(test_padded_tape_reads_records_and_tape_marks_in_order)
{
    const uint32_t lengths[] = {3, 4, 0, 1, 0};
    struct test_path p = make_simh("padded.tap", lengths, 5, true);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_SIMH);
    ck_assert_str_eq(tape_image_format_description(t), "SIMH .tap (padded)");
    ck_assert(tape_image_at_load_point(t));
    assert_block(t, 3, 0);
    /* 4 + 3 + pad + 4 */
    ck_assert_uint_eq(tape_image_offset(t), 12);
    ck_assert_uint_eq(tape_image_block_number(t), 1);
    assert_block(t, 4, 1);
    uint32_t length = 99;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_TAPE_MARK);
    ck_assert_uint_eq(length, 0);
    assert_block(t, 1, 3);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
    ck_assert_str_eq(err.message, "");
    ck_assert_uint_eq(tape_image_block_number(t), 5);
    /* End of data does not move. */
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
    ck_assert_uint_eq(tape_image_offset(t), tape_image_file_size(t));
    tape_image_close(t);
}
END_TEST

START_TEST(test_e11_odd_record_without_pad_is_detected_and_read)
{
    const uint32_t lengths[] = {24, 61, 4096, 0};
    struct test_path p = make_simh("e11.tap", lengths, 4, false);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_E11);
    ck_assert_str_eq(tape_image_format_description(t), "SIMH .tap (E11)");
    assert_block(t, 24, 0);
    assert_block(t, 61, 1);
    ck_assert_uint_eq(tape_image_offset(t), 32 + 69);
    assert_block(t, 4096, 2);
    tape_image_close(t);
}
END_TEST

START_TEST(test_read_backward_gives_each_block_as_read_forward)
{
    const uint32_t lengths[] = {5, 80, 0, 7, 1, 0, 0};
    for (int padded = 0; padded < 2; padded++) {
        struct test_path p = make_simh(padded ? "back-p.tap" : "back-e.tap", lengths, 7, padded);
        struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
        uint32_t length;
        struct error err;
        while (tape_image_read_forward(t, NULL, 0, &length, &err) != TAPE_END_OF_DATA)
            ;
        ck_assert_uint_eq(tape_image_block_number(t), 7);
        for (int i = 6; i >= 0; i--) {
            uint8_t buf[100], want[100];
            enum tape_status s = tape_image_read_backward(t, buf, sizeof buf, &length, &err);
            if (lengths[i] == 0) {
                ck_assert_int_eq(s, TAPE_TAPE_MARK);
            } else {
                ck_assert_msg(s == TAPE_BLOCK, "block %d: %s", i, err.message);
                ck_assert_uint_eq(length, lengths[i]);
                test_pattern(want, lengths[i], (unsigned)i);
                ck_assert_mem_eq(buf, want, lengths[i]);
            }
            ck_assert_uint_eq(tape_image_block_number(t), (uint64_t)i);
        }
        ck_assert(tape_image_at_load_point(t));
        ck_assert_int_eq(tape_image_read_backward(t, NULL, 0, &length, &err), TAPE_AT_LOAD_POINT);
        ck_assert(tape_image_at_load_point(t));
        tape_image_close(t);
    }
}
END_TEST

START_TEST(test_read_backward_of_a_block_longer_than_the_buffer_gives_its_last_bytes)
{
    const uint32_t lengths[] = {1000};
    struct test_path p = make_simh("tail.tap", lengths, 1, true);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    uint8_t buf[100], want[1000];
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 1000);
    test_pattern(want, 1000, 0);
    ck_assert_mem_eq(buf, want + 900, 100);
    /* Forward, the first bytes. */
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 1000);
    ck_assert_mem_eq(buf, want, 100);
    tape_image_close(t);
}
END_TEST

START_TEST(test_end_of_medium_marker_stops_forward_motion_where_it_is)
{
    struct test_bytes b = {0};
    uint8_t d[2] = {1, 2};
    test_simh_record(&b, d, 2, true, 0);
    test_bytes_le32(&b, 0xFFFFFFFFu);
    test_simh_record(&b, d, 2, true, 0); /* never reached */
    struct test_path p = test_tape_path("eom.tap");
    test_write_file(p.s, b.p, b.n);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_SIMH, true);
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
    ck_assert_uint_eq(tape_image_offset(t), 10);
    tape_image_close(t);
    test_bytes_free(&b);
}
END_TEST

START_TEST(test_sixteen_bit_end_words_after_the_last_record_are_end_of_data_with_a_note)
{
    /* bos.tap's tail: a record, then six words 0x0000FFFF. */
    struct test_bytes b = {0};
    uint8_t d[61];
    test_pattern(d, 61, 0);
    test_simh_record(&b, d, 61, false, 0);
    test_simh_tape_mark(&b);
    test_simh_record(&b, d, 20, false, 0);
    uint64_t junk_at = b.n;
    for (int i = 0; i < 6; i++)
        test_bytes_le32(&b, 0x0000FFFFu);
    struct test_path p = test_tape_path("bos-tail.tap");
    test_write_file(p.s, b.p, b.n);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_E11);
    uint32_t length;
    struct error err;
    for (int i = 0; i < 3; i++)
        ck_assert_int_ne(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
    ck_assert_uint_eq(tape_image_offset(t), junk_at);
    ck_assert_ptr_nonnull(strstr(err.message, "bos-tail.tap"));
    ck_assert_ptr_nonnull(strstr(err.message, "0x0000FFFF"));
    ck_assert_ptr_nonnull(strstr(err.message, "end of the medium"));
    tape_image_close(t);
    test_bytes_free(&b);
}
END_TEST

START_TEST(test_truncated_record_is_damage_naming_file_block_and_offset)
{
    const uint32_t lengths[] = {10, 0, 100};
    struct test_path p = make_simh("trunc.tap", lengths, 3, true);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    test_write_file(p.s, bytes, n - 30); /* cut into the third block */
    free(bytes);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_DAMAGED);
    ck_assert_ptr_nonnull(strstr(err.message, p.s));
    ck_assert_ptr_nonnull(strstr(err.message, "block 3 at offset 22"));
    ck_assert_ptr_nonnull(strstr(err.message, "truncated record"));
    /* Nothing moved. */
    ck_assert_uint_eq(tape_image_offset(t), 22);
    ck_assert_uint_eq(tape_image_block_number(t), 2);
    tape_image_close(t);
}
END_TEST

START_TEST(test_length_words_that_disagree_are_damage_both_ways)
{
    const uint32_t lengths[] = {10, 12, 14};
    struct test_path p = make_simh("mismatch.tap", lengths, 3, true);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    /* The second record's trailing word (offset 18 + 4 + 12 = 34). */
    bytes[34] = 13;
    test_write_file(p.s, bytes, n);
    free(bytes);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_SIMH, true);
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_DAMAGED);
    ck_assert_ptr_nonnull(strstr(err.message, "block 2 at offset 18"));
    ck_assert_ptr_nonnull(strstr(err.message, "do not match"));
    tape_image_close(t);
}
END_TEST

START_TEST(test_error_flag_record_is_a_bad_block_that_still_gives_its_data)
{
    struct test_bytes b = {0};
    uint8_t d[6] = {1, 2, 3, 4, 5, 6};
    test_simh_record(&b, d, 6, true, 0x80000000u);
    test_simh_record(&b, d, 4, true, 0);
    struct test_path p = test_tape_path("errflag.tap");
    test_write_file(p.s, b.p, b.n);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_SIMH, true);
    uint8_t buf[16];
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BAD_BLOCK);
    ck_assert_uint_eq(length, 6);
    ck_assert_mem_eq(buf, d, 6);
    ck_assert_ptr_nonnull(strstr(err.message, "block 1 at offset 0"));
    ck_assert_ptr_nonnull(strstr(err.message, "error flag"));
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BAD_BLOCK);
    ck_assert(tape_image_at_load_point(t));
    tape_image_close(t);
    test_bytes_free(&b);
}
END_TEST

START_TEST(test_erase_gaps_are_passed_both_ways_and_are_not_blocks)
{
    struct test_bytes b = {0};
    uint8_t d[4] = {9, 8, 7, 6};
    test_bytes_le32(&b, 0xFFFFFFFEu);
    test_simh_record(&b, d, 4, true, 0);
    test_bytes_le32(&b, 0xFFFFFFFEu);
    test_bytes_le32(&b, 0xFFFFFFFEu);
    test_simh_tape_mark(&b);
    struct test_path p = test_tape_path("gaps.tap");
    test_write_file(p.s, b.p, b.n);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_SIMH, true);
    uint8_t buf[8];
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_mem_eq(buf, d, 4);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_TAPE_MARK);
    ck_assert_uint_eq(tape_image_block_number(t), 2);
    ck_assert_int_eq(tape_image_read_backward(t, NULL, 0, &length, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_read_backward(t, buf, sizeof buf, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(tape_image_offset(t), 4);
    ck_assert_int_eq(tape_image_read_backward(t, NULL, 0, &length, &err), TAPE_AT_LOAD_POINT);
    ck_assert(tape_image_at_load_point(t));
    tape_image_close(t);
    test_bytes_free(&b);
}
END_TEST

START_TEST(test_reserved_markers_and_private_classes_are_damage)
{
    static const uint32_t words[] = {0xFF000001u, 0x12000004u};
    for (unsigned i = 0; i < 2; i++) {
        struct test_bytes b = {0};
        uint8_t d[4] = {0};
        test_simh_record(&b, d, 4, true, 0);
        test_bytes_le32(&b, words[i]);
        test_bytes_put(&b, d, 4);
        test_bytes_le32(&b, words[i]);
        struct test_path p = test_tape_path(i ? "class.tap" : "reserved.tap");
        test_write_file(p.s, b.p, b.n);
        struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_SIMH, true);
        uint32_t length;
        struct error err;
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_DAMAGED);
        ck_assert_ptr_nonnull(strstr(err.message, "block 2 at offset 12"));
        tape_image_close(t);
        test_bytes_free(&b);
    }
}
END_TEST

START_TEST(test_write_truncates_at_the_position_and_keeps_the_e11_variant)
{
    const uint32_t lengths[] = {3, 5, 7};
    struct test_path p = make_simh("write-e11.tap", lengths, 3, false);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, false);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_E11);
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    uint8_t d[3] = {0xC1, 0xC2, 0xC3};
    ck_assert(tape_image_write_block(t, d, 3, &err));
    ck_assert(tape_image_write_tape_mark(t, &err));
    ck_assert_uint_eq(tape_image_block_number(t), 3);
    tape_image_close(t);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    static const uint8_t want[] = {3, 0, 0, 0, 0, 7, 14, 3, 0, 0, 0,
                                   3, 0, 0, 0, 0xC1, 0xC2, 0xC3, 3, 0, 0, 0, 0, 0, 0, 0};
    ck_assert_uint_eq(n, sizeof want);
    ck_assert_mem_eq(bytes, want, sizeof want);
    free(bytes);
}
END_TEST

START_TEST(test_tape_of_even_records_stays_open_and_writes_padded_by_default_or_e11_by_option)
{
    for (int e11 = 0; e11 < 2; e11++) {
        const uint32_t lengths[] = {2, 4};
        struct test_path p = make_simh(e11 ? "even-e.tap" : "even-p.tap", lengths, 2, true);
        struct tape_image *t = test_open_image(p.s, e11 ? TAPE_FORMAT_E11 : TAPE_FORMAT_UNKNOWN,
                                               false);
        if (!e11)
            ck_assert_str_eq(tape_image_format_description(t),
                             "SIMH .tap (variant not yet known: writes padded)");
        uint32_t length;
        struct error err;
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
        uint8_t d[1] = {0x5A};
        ck_assert(tape_image_write_block(t, d, 1, &err));
        tape_image_close(t);
        size_t n;
        uint8_t *bytes = test_read_file(p.s, &n);
        ck_assert_uint_eq(n, 10 + 12 + (e11 ? 9 : 10));
        ck_assert_uint_eq(bytes[22 + 4], 0x5A);
        ck_assert_uint_eq(bytes[22 + 5], e11 ? 1 : 0); /* trailing word or pad */
        free(bytes);
        t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
        ck_assert_int_eq(tape_image_format(t), e11 ? TAPE_FORMAT_E11 : TAPE_FORMAT_SIMH);
        tape_image_close(t);
    }
}
END_TEST

START_TEST(test_variant_is_settled_by_the_first_odd_record_passed_beyond_detection)
{
    /* 4200 even records (more than detection scans), then an E11 odd one. */
    struct test_bytes b = {0};
    uint8_t d[8] = {0};
    for (int i = 0; i < 4200; i++)
        test_simh_record(&b, d, 2, false, 0);
    test_simh_record(&b, d, 5, false, 0);
    struct test_path p = test_tape_path("late-odd.tap");
    test_write_file(p.s, b.p, b.n);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_SIMH);
    uint32_t length;
    struct error err;
    for (int i = 0; i < 4200; i++)
        ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 5);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_E11);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_END_OF_DATA);
    tape_image_close(t);
    test_bytes_free(&b);
}
END_TEST

START_TEST(test_option_contradicting_the_variant_is_an_open_error)
{
    const uint32_t lengths[] = {3};
    struct test_path p = make_simh("contra.tap", lengths, 1, false);
    struct tape_image_options o;
    tape_image_options_init(&o);
    o.format = TAPE_FORMAT_SIMH;
    o.read_only = true;
    struct error err;
    ck_assert_ptr_null(tape_image_open(p.s, &o, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "contra.tap"));
    ck_assert_ptr_nonnull(strstr(err.message, "e11"));
}
END_TEST

START_TEST(test_space_file_passes_blocks_to_the_tape_mark_and_counts_them)
{
    const uint32_t lengths[] = {10, 20, 30, 0, 40, 0};
    struct test_path p = make_simh("files.tap", lengths, 6, true);
    struct tape_image *t = test_open_image(p.s, TAPE_FORMAT_SIMH, true);
    struct tape_motion m;
    struct error err;
    ck_assert_int_eq(tape_image_space_file_forward(t, &m, &err), TAPE_TAPE_MARK);
    ck_assert_uint_eq(m.blocks, 3);
    ck_assert_uint_eq(m.bytes, 60);
    ck_assert_uint_eq(m.tape_marks, 1);
    ck_assert_uint_eq(tape_image_block_number(t), 4);
    ck_assert_int_eq(tape_image_space_file_forward(t, &m, &err), TAPE_TAPE_MARK);
    ck_assert_int_eq(tape_image_space_file_forward(t, &m, &err), TAPE_END_OF_DATA);
    ck_assert_uint_eq(m.blocks, 0);
    ck_assert_int_eq(tape_image_space_file_backward(t, &m, &err), TAPE_TAPE_MARK);
    ck_assert_uint_eq(m.blocks, 0);
    ck_assert_uint_eq(tape_image_block_number(t), 5);
    ck_assert_int_eq(tape_image_space_file_backward(t, &m, &err), TAPE_TAPE_MARK);
    ck_assert_uint_eq(m.blocks, 1);
    ck_assert_uint_eq(tape_image_block_number(t), 3);
    ck_assert_int_eq(tape_image_space_file_backward(t, &m, &err), TAPE_AT_LOAD_POINT);
    ck_assert_uint_eq(m.blocks, 3);
    ck_assert(tape_image_at_load_point(t));
    tape_image_close(t);
}
END_TEST

static Suite *simh_suite(void)
{
    Suite *s = suite_create("tape_simh");
    TCase *t = tcase_create("simh");
    tcase_add_test(t, test_padded_tape_reads_records_and_tape_marks_in_order);
    tcase_add_test(t, test_e11_odd_record_without_pad_is_detected_and_read);
    tcase_add_test(t, test_read_backward_gives_each_block_as_read_forward);
    tcase_add_test(t, test_read_backward_of_a_block_longer_than_the_buffer_gives_its_last_bytes);
    tcase_add_test(t, test_end_of_medium_marker_stops_forward_motion_where_it_is);
    tcase_add_test(t, test_sixteen_bit_end_words_after_the_last_record_are_end_of_data_with_a_note);
    tcase_add_test(t, test_truncated_record_is_damage_naming_file_block_and_offset);
    tcase_add_test(t, test_length_words_that_disagree_are_damage_both_ways);
    tcase_add_test(t, test_error_flag_record_is_a_bad_block_that_still_gives_its_data);
    tcase_add_test(t, test_erase_gaps_are_passed_both_ways_and_are_not_blocks);
    tcase_add_test(t, test_reserved_markers_and_private_classes_are_damage);
    tcase_add_test(t, test_write_truncates_at_the_position_and_keeps_the_e11_variant);
    tcase_add_test(t, test_tape_of_even_records_stays_open_and_writes_padded_by_default_or_e11_by_option);
    tcase_add_test(t, test_variant_is_settled_by_the_first_odd_record_passed_beyond_detection);
    tcase_add_test(t, test_option_contradicting_the_variant_is_an_open_error);
    tcase_add_test(t, test_space_file_passes_blocks_to_the_tape_mark_and_counts_them);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_tape_run_suite(simh_suite());
}
