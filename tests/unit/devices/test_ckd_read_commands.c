/* CKD reads, searches and positioning, driven through the device's start()
 * as the channel would (S360-67.md §4.4; IBM 2314 and 2841 component
 * descriptions). Each test name states the rule. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"
#include "tests/unit/devices/test_dasd_support.h"

static struct dasd_fixture f;

/* A 2314 with, on cylinder 0: head 1: R1 (no key, 100 bytes of X'11'),
 * R2 (8-byte key X'20', 200 bytes X'21'), R3 (end of file: no key, no
 * data); head 2: R1 (4-byte key X'30', 50 bytes X'31'); head 3: R1 (10
 * bytes X'41'); head 0: R1 (24 bytes X'51', the IPL record). Others are
 * empty (HA, R0). */
static void setup(void)
{
    dasd_fixture_create(&f, "2314", 2, CKD_IMAGE_FORMAT_CKD);
    static const struct test_record head1[] = {{1, 0, 100, 0x10}, {2, 8, 200, 0x20}, {3, 0, 0, 0}};
    static const struct test_record head2[] = {{1, 4, 50, 0x30}};
    static const struct test_record head3[] = {{1, 0, 10, 0x40}};
    static const struct test_record head0[] = {{1, 0, 24, 0x50}};
    dasd_fixture_track(&f, 0, 1, head1, 3);
    dasd_fixture_track(&f, 0, 2, head2, 1);
    dasd_fixture_track(&f, 0, 3, head3, 1);
    dasd_fixture_track(&f, 0, 0, head0, 1);
    dasd_fixture_attach(&f, NULL);
}

static void teardown(void)
{
    dasd_fixture_destroy(&f);
}

static bool all_bytes(const uint8_t *p, uint8_t value, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != value)
            return false;
    return true;
}

static struct device_command search_id(unsigned cylinder, unsigned head, unsigned record,
                                       uint8_t code)
{
    uint8_t id[5];
    dasd_id(id, cylinder, head, record);
    return dasd_run(&f, code, true, id, 5);
}

static void assert_unit_check(struct device_command c, uint8_t sense0, uint8_t sense1)
{
    ck_assert_uint_eq(c.status, CE_DE | UNIT_CHECK);
    const uint8_t *s = dasd_sense(&f);
    ck_assert_uint_eq(s[0], sense0);
    ck_assert_uint_eq(s[1], sense1);
}

START_TEST(test_read_count_after_seek_reads_r1_count_not_r0)
{
    dasd_seek(&f, 0, 1, false);
    struct device_command c = dasd_run(&f, 0x12, true, NULL, 8);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 8);
    static const uint8_t count[8] = {0, 0, 0, 1, 1, 0, 0, 100};
    ck_assert_mem_eq(f.buffer, count, 8);
}
END_TEST

START_TEST(test_search_id_equal_satisfied_gives_status_modifier_and_read_data_reads_that_record)
{
    dasd_seek(&f, 0, 1, false);
    struct device_command c = search_id(0, 1, 2, 0x31);
    ck_assert_uint_eq(c.status, CE_DE); /* R0 passes first */
    c = search_id(0, 1, 2, 0x31);
    ck_assert_uint_eq(c.status, CE_DE); /* R1 */
    c = search_id(0, 1, 2, 0x31);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_STATUS_MODIFIER);
    ck_assert_uint_eq(c.length, 5);
    c = dasd_run(&f, 0x06, true, NULL, 200);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 200);
    ck_assert(all_bytes(f.buffer, 0x21, 200));
}
END_TEST

START_TEST(test_search_id_equal_compares_r0)
{
    dasd_seek(&f, 0, 1, false);
    struct device_command c = search_id(0, 1, 0, 0x31);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_STATUS_MODIFIER);
}
END_TEST

START_TEST(test_search_loop_ends_with_no_record_found_at_second_index_point)
{
    dasd_seek(&f, 0, 1, false);
    /* R0, R1, R2, R3, index, R0, R1, R2, R3, index: No Record Found. */
    for (int i = 0; i < 8; i++) {
        struct device_command c = search_id(0, 1, 9, 0x31);
        ck_assert_msg(c.status == CE_DE, "search %d status %02X", i, c.status);
    }
    assert_unit_check(search_id(0, 1, 9, 0x31), 0, SENSE1_NO_RECORD_FOUND);
}
END_TEST

START_TEST(test_single_track_read_count_on_empty_track_is_no_record_found)
{
    dasd_seek(&f, 0, 5, false);
    assert_unit_check(dasd_run(&f, 0x12, true, NULL, 8), 0, SENSE1_NO_RECORD_FOUND);
}
END_TEST

START_TEST(test_search_id_high_is_satisfied_by_a_higher_id_only)
{
    dasd_seek(&f, 0, 1, false);
    ck_assert_uint_eq(search_id(0, 1, 1, 0x51).status, CE_DE); /* R0 lower */
    ck_assert_uint_eq(search_id(0, 1, 1, 0x51).status, CE_DE); /* R1 equal */
    ck_assert_uint_eq(search_id(0, 1, 1, 0x51).status, CE_DE | UNIT_STATUS_MODIFIER); /* R2 */
}
END_TEST

START_TEST(test_search_id_equal_or_high_is_satisfied_by_equal_id)
{
    dasd_seek(&f, 0, 1, false);
    ck_assert_uint_eq(search_id(0, 1, 1, 0x71).status, CE_DE);
    ck_assert_uint_eq(search_id(0, 1, 1, 0x71).status, CE_DE | UNIT_STATUS_MODIFIER);
}
END_TEST

START_TEST(test_search_with_short_argument_compares_only_the_bytes_sent)
{
    dasd_seek(&f, 0, 1, false);
    uint8_t cchh[4] = {0, 0, 0, 1};
    struct device_command c = dasd_run(&f, 0x31, true, cchh, 4);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_STATUS_MODIFIER); /* R0's CCHH matches */
    ck_assert_uint_eq(c.length, 5);
    /* A partial compare does not allow a write. */
    uint8_t data[100] = {0};
    c = dasd_run(&f, 0x05, true, data, 100);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_CHECK);
}
END_TEST

START_TEST(test_search_key_after_search_id_compares_that_records_key)
{
    dasd_seek(&f, 0, 1, false);
    search_id(0, 1, 2, 0x31);
    search_id(0, 1, 2, 0x31);
    ck_assert_uint_eq(search_id(0, 1, 2, 0x31).status, CE_DE | UNIT_STATUS_MODIFIER);
    uint8_t key[8];
    memset(key, 0x20, 8);
    struct device_command c = dasd_run(&f, 0x29, true, key, 8);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_STATUS_MODIFIER);
    ck_assert_uint_eq(c.length, 8);
}
END_TEST

START_TEST(test_search_key_on_record_without_key_is_never_satisfied)
{
    dasd_seek(&f, 0, 1, false);
    uint8_t key[8];
    memset(key, 0x20, 8);
    struct device_command c = dasd_run(&f, 0x29, true, key, 8); /* R1 has no key */
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 0);
    c = dasd_run(&f, 0x29, true, key, 8); /* R2 */
    ck_assert_uint_eq(c.status, CE_DE | UNIT_STATUS_MODIFIER);
}
END_TEST

START_TEST(test_search_key_high_is_satisfied_when_recorded_key_is_higher)
{
    dasd_seek(&f, 0, 2, false);
    uint8_t low[4] = {0x2F, 0x2F, 0x2F, 0x2F}, high[4] = {0x31, 0, 0, 0};
    ck_assert_uint_eq(dasd_run(&f, 0x49, true, low, 4).status, CE_DE | UNIT_STATUS_MODIFIER);
    dasd_seek(&f, 0, 2, false);
    ck_assert_uint_eq(dasd_run(&f, 0x49, true, high, 4).status, CE_DE);
    dasd_seek(&f, 0, 2, false);
    uint8_t equal[4] = {0x30, 0x30, 0x30, 0x30};
    ck_assert_uint_eq(dasd_run(&f, 0x49, true, equal, 4).status, CE_DE);
    dasd_seek(&f, 0, 2, false);
    ck_assert_uint_eq(dasd_run(&f, 0x69, true, equal, 4).status, CE_DE | UNIT_STATUS_MODIFIER);
}
END_TEST

START_TEST(test_read_data_of_end_of_file_record_gives_unit_exception)
{
    dasd_seek(&f, 0, 1, false);
    for (int i = 0; i < 3; i++)
        search_id(0, 1, 3, 0x31);
    ck_assert_uint_eq(search_id(0, 1, 3, 0x31).status, CE_DE | UNIT_STATUS_MODIFIER);
    struct device_command c = dasd_run(&f, 0x06, true, NULL, 80);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_EXCEPTION);
    ck_assert_uint_eq(c.length, 0);
}
END_TEST

START_TEST(test_read_data_without_search_reads_next_record_after_r0)
{
    dasd_seek(&f, 0, 1, false);
    struct device_command c = dasd_run(&f, 0x06, true, NULL, 100);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 100);
    ck_assert(all_bytes(f.buffer, 0x11, 100));
}
END_TEST

START_TEST(test_read_key_and_data_after_search_id_reads_key_then_data)
{
    dasd_seek(&f, 0, 1, false);
    for (int i = 0; i < 2; i++)
        search_id(0, 1, 2, 0x31);
    ck_assert_uint_eq(search_id(0, 1, 2, 0x31).status, CE_DE | UNIT_STATUS_MODIFIER);
    struct device_command c = dasd_run(&f, 0x0E, true, NULL, 208);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 208);
    ck_assert(all_bytes(f.buffer, 0x20, 8));
    ck_assert(all_bytes(f.buffer + 8, 0x21, 200));
}
END_TEST

START_TEST(test_read_count_key_data_after_search_id_reads_the_following_record)
{
    dasd_seek(&f, 0, 1, false);
    search_id(0, 1, 1, 0x31);
    ck_assert_uint_eq(search_id(0, 1, 1, 0x31).status, CE_DE | UNIT_STATUS_MODIFIER);
    struct device_command c = dasd_run(&f, 0x1E, true, NULL, 216);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 216);
    static const uint8_t count[8] = {0, 0, 0, 1, 2, 8, 0, 200};
    ck_assert_mem_eq(f.buffer, count, 8);
    ck_assert(all_bytes(f.buffer + 8, 0x20, 8));
    ck_assert(all_bytes(f.buffer + 16, 0x21, 200));
}
END_TEST

START_TEST(test_read_r0_after_seek_reads_standard_r0)
{
    dasd_seek(&f, 0, 1, false);
    struct device_command c = dasd_run(&f, 0x16, true, NULL, 16);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 16);
    static const uint8_t r0[16] = {0, 0, 0, 1, 0, 0, 0, 8};
    ck_assert_mem_eq(f.buffer, r0, 16);
}
END_TEST

START_TEST(test_read_home_address_gives_flag_and_cchh)
{
    dasd_seek(&f, 1, 7, false);
    struct device_command c = dasd_run(&f, 0x1A, true, NULL, 5);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 5);
    static const uint8_t ha[5] = {0, 0, 1, 0, 7};
    ck_assert_mem_eq(f.buffer, ha, 5);
}
END_TEST

START_TEST(test_search_home_address_equal_is_satisfied_by_this_tracks_cchh)
{
    dasd_seek(&f, 1, 7, false);
    uint8_t good[4] = {0, 1, 0, 7}, bad[4] = {0, 1, 0, 8};
    ck_assert_uint_eq(dasd_run(&f, 0x39, true, bad, 4).status, CE_DE);
    ck_assert_uint_eq(dasd_run(&f, 0x39, true, good, 4).status, CE_DE | UNIT_STATUS_MODIFIER);
}
END_TEST

START_TEST(test_multitrack_read_count_continues_on_next_head)
{
    dasd_seek(&f, 0, 2, false);
    ck_assert_uint_eq(dasd_run(&f, 0x12, true, NULL, 8).status, CE_DE);
    struct device_command c = dasd_run(&f, 0x92, true, NULL, 8);
    ck_assert_uint_eq(c.status, CE_DE);
    static const uint8_t count[8] = {0, 0, 0, 3, 1, 0, 0, 10};
    ck_assert_mem_eq(f.buffer, count, 8);
    /* The heads are on track 3 now. */
    c = dasd_run(&f, 0x1A, true, NULL, 5);
    static const uint8_t ha[5] = {0, 0, 0, 0, 3};
    ck_assert_mem_eq(f.buffer, ha, 5);
}
END_TEST

START_TEST(test_multitrack_search_past_last_head_is_end_of_cylinder)
{
    dasd_seek(&f, 0, 19, false);
    ck_assert_uint_eq(search_id(0, 19, 5, 0xB1).status, CE_DE); /* R0 */
    assert_unit_check(search_id(0, 19, 5, 0xB1), 0, SENSE1_END_OF_CYLINDER);
}
END_TEST

START_TEST(test_multitrack_search_finds_record_on_a_later_track)
{
    dasd_seek(&f, 0, 1, false);
    int searches = 0;
    struct device_command c;
    do {
        c = search_id(0, 3, 1, 0xB1);
        searches++;
    } while (c.status == CE_DE && searches < 100);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_STATUS_MODIFIER);
    /* Head 1: R0-R3, head 2: R0, R1, head 3: R0, R1. */
    ck_assert_int_eq(searches, 8);
}
END_TEST

START_TEST(test_read_ipl_seeks_to_cylinder_0_head_0_and_reads_r1_data)
{
    dasd_seek(&f, 1, 4, false);
    struct device_command c = dasd_run(&f, 0x02, false, NULL, 24);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 24);
    ck_assert(all_bytes(f.buffer, 0x51, 24));
}
END_TEST

START_TEST(test_seek_beyond_last_cylinder_is_command_reject_with_seek_check)
{
    uint8_t arg[6] = {0, 0, 0, 2, 0, 0}; /* the image has cylinders 0-1 */
    assert_unit_check(dasd_run(&f, 0x07, false, arg, 6), SENSE_COMMAND_REJECT | SENSE0_SEEK_CHECK, 0);
    uint8_t head[6] = {0, 0, 0, 0, 0, 20};
    assert_unit_check(dasd_run(&f, 0x07, false, head, 6), SENSE_COMMAND_REJECT | SENSE0_SEEK_CHECK, 0);
    uint8_t bin[6] = {0, 1, 0, 0, 0, 0};
    assert_unit_check(dasd_run(&f, 0x07, false, bin, 6), SENSE_COMMAND_REJECT | SENSE0_SEEK_CHECK, 0);
}
END_TEST

START_TEST(test_seek_with_fewer_than_six_bytes_is_command_reject)
{
    uint8_t arg[6] = {0};
    assert_unit_check(dasd_run(&f, 0x07, false, arg, 5), SENSE_COMMAND_REJECT, 0);
}
END_TEST

START_TEST(test_seek_head_keeps_the_cylinder)
{
    dasd_seek(&f, 1, 0, false);
    uint8_t arg[6] = {0, 0, 0, 0, 0, 5};
    ck_assert_uint_eq(dasd_run(&f, 0x1B, true, arg, 6).status, CE_DE);
    dasd_run(&f, 0x1A, true, NULL, 5);
    static const uint8_t ha[5] = {0, 0, 1, 0, 5};
    ck_assert_mem_eq(f.buffer, ha, 5);
}
END_TEST

START_TEST(test_recalibrate_returns_arm_to_cylinder_0_head_0)
{
    dasd_seek(&f, 1, 9, false);
    ck_assert_uint_eq(dasd_run(&f, 0x13, false, NULL, 1).status, CE_DE);
    dasd_run(&f, 0x1A, true, NULL, 5);
    static const uint8_t ha[5] = {0, 0, 0, 0, 0};
    ck_assert_mem_eq(f.buffer, ha, 5);
}
END_TEST

START_TEST(test_set_file_mask_seek_control_restricts_seeks)
{
    uint8_t mask, arg[6] = {0, 0, 0, 1, 0, 1};
    mask = 0x08; /* Seek Cylinder and Seek Head only */
    ck_assert_uint_eq(dasd_run(&f, 0x1F, false, &mask, 1).status, CE_DE);
    assert_unit_check(dasd_run(&f, 0x07, true, arg, 6), 0, SENSE1_FILE_PROTECTED);
    mask = 0x08;
    dasd_run(&f, 0x1F, false, &mask, 1);
    ck_assert_uint_eq(dasd_run(&f, 0x0B, true, arg, 6).status, CE_DE);
    mask = 0x10; /* Seek Head only */
    dasd_run(&f, 0x1F, false, &mask, 1);
    assert_unit_check(dasd_run(&f, 0x0B, true, arg, 6), 0, SENSE1_FILE_PROTECTED);
    mask = 0x10;
    dasd_run(&f, 0x1F, false, &mask, 1);
    ck_assert_uint_eq(dasd_run(&f, 0x1B, true, arg, 6).status, CE_DE);
    mask = 0x18; /* no seeks */
    dasd_run(&f, 0x1F, false, &mask, 1);
    assert_unit_check(dasd_run(&f, 0x1B, true, arg, 6), 0, SENSE1_FILE_PROTECTED);
    mask = 0x08;
    dasd_run(&f, 0x1F, false, &mask, 1);
    assert_unit_check(dasd_run(&f, 0x13, true, NULL, 1), 0, SENSE1_FILE_PROTECTED);
}
END_TEST

START_TEST(test_file_mask_lasts_only_to_the_end_of_the_chain)
{
    uint8_t mask = 0x18, arg[6] = {0, 0, 0, 1, 0, 1};
    dasd_run(&f, 0x1F, false, &mask, 1);
    assert_unit_check(dasd_run(&f, 0x07, true, arg, 6), 0, SENSE1_FILE_PROTECTED);
    ck_assert_uint_eq(dasd_run(&f, 0x07, false, arg, 6).status, CE_DE);
}
END_TEST

START_TEST(test_second_set_file_mask_in_a_chain_is_invalid_sequence)
{
    uint8_t mask = 0x40;
    ck_assert_uint_eq(dasd_run(&f, 0x1F, false, &mask, 1).status, CE_DE);
    assert_unit_check(dasd_run(&f, 0x1F, true, &mask, 1), SENSE_COMMAND_REJECT,
                      SENSE1_INVALID_SEQUENCE);
}
END_TEST

START_TEST(test_file_mask_with_reserved_bits_is_command_reject)
{
    uint8_t mask = 0x20;
    assert_unit_check(dasd_run(&f, 0x1F, false, &mask, 1), SENSE_COMMAND_REJECT, 0);
    mask = 0x01;
    assert_unit_check(dasd_run(&f, 0x1F, false, &mask, 1), SENSE_COMMAND_REJECT, 0);
}
END_TEST

START_TEST(test_multitrack_head_switch_with_no_seek_mask_is_file_protected)
{
    dasd_seek(&f, 0, 5, false);
    uint8_t mask = 0x18;
    dasd_run(&f, 0x1F, true, &mask, 1);
    ck_assert_uint_eq(search_id(0, 5, 9, 0xB1).status, CE_DE); /* R0 */
    assert_unit_check(search_id(0, 5, 9, 0xB1), 0, SENSE1_FILE_PROTECTED);
}
END_TEST

START_TEST(test_invalid_command_codes_are_command_reject)
{
    static const uint8_t codes[] = {0x22, 0x85, 0x8D, 0x82, 0x17, 0x27, 0x0F, 0x84};
    for (size_t i = 0; i < sizeof codes; i++) {
        uint8_t data[8] = {0};
        struct device_command c = dasd_run(&f, codes[i], false, data, 8);
        ck_assert_msg(c.status == (CE_DE | UNIT_CHECK), "code %02X status %02X", codes[i], c.status);
        ck_assert_uint_eq(dasd_sense(&f)[0], SENSE_COMMAND_REJECT);
    }
}
END_TEST

START_TEST(test_sense_bytes_are_reset_by_the_next_command)
{
    uint8_t arg[6] = {0, 0, 0, 9, 0, 0};
    dasd_run(&f, 0x07, false, arg, 6);
    ck_assert_uint_eq(dasd_sense(&f)[0], SENSE_COMMAND_REJECT | SENSE0_SEEK_CHECK);
    /* Sense again reads the same bytes; any other command clears them. */
    ck_assert_uint_eq(dasd_sense(&f)[0], SENSE_COMMAND_REJECT | SENSE0_SEEK_CHECK);
    ck_assert_uint_eq(dasd_run(&f, 0x03, false, NULL, 1).status, CE_DE);
    const uint8_t *s = dasd_sense(&f);
    for (int i = 0; i < 6; i++)
        ck_assert_uint_eq(s[i], 0);
}
END_TEST

START_TEST(test_no_operation_is_immediate_and_a_seek_across_cylinders_takes_longest)
{
    struct device_command nop = dasd_run(&f, 0x03, false, NULL, 1);
    ck_assert_uint_eq(nop.status, CE_DE);
    ck_assert_uint_eq(nop.delay, 0);
    ck_assert_uint_eq(nop.length, 0);
    uint8_t arg[6] = {0, 0, 0, 1, 0, 0};
    struct device_command seek = dasd_run(&f, 0x07, false, arg, 6);
    struct device_command same = dasd_run(&f, 0x07, false, arg, 6);
    ck_assert_uint_gt(same.delay, 0);
    ck_assert_uint_gt(seek.delay, same.delay);
}
END_TEST

static Suite *read_suite(void)
{
    Suite *s = suite_create("ckd read commands");
    TCase *t = tcase_create("2314");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_read_count_after_seek_reads_r1_count_not_r0);
    tcase_add_test(t, test_search_id_equal_satisfied_gives_status_modifier_and_read_data_reads_that_record);
    tcase_add_test(t, test_search_id_equal_compares_r0);
    tcase_add_test(t, test_search_loop_ends_with_no_record_found_at_second_index_point);
    tcase_add_test(t, test_single_track_read_count_on_empty_track_is_no_record_found);
    tcase_add_test(t, test_search_id_high_is_satisfied_by_a_higher_id_only);
    tcase_add_test(t, test_search_id_equal_or_high_is_satisfied_by_equal_id);
    tcase_add_test(t, test_search_with_short_argument_compares_only_the_bytes_sent);
    tcase_add_test(t, test_search_key_after_search_id_compares_that_records_key);
    tcase_add_test(t, test_search_key_on_record_without_key_is_never_satisfied);
    tcase_add_test(t, test_search_key_high_is_satisfied_when_recorded_key_is_higher);
    tcase_add_test(t, test_read_data_of_end_of_file_record_gives_unit_exception);
    tcase_add_test(t, test_read_data_without_search_reads_next_record_after_r0);
    tcase_add_test(t, test_read_key_and_data_after_search_id_reads_key_then_data);
    tcase_add_test(t, test_read_count_key_data_after_search_id_reads_the_following_record);
    tcase_add_test(t, test_read_r0_after_seek_reads_standard_r0);
    tcase_add_test(t, test_read_home_address_gives_flag_and_cchh);
    tcase_add_test(t, test_search_home_address_equal_is_satisfied_by_this_tracks_cchh);
    tcase_add_test(t, test_multitrack_read_count_continues_on_next_head);
    tcase_add_test(t, test_multitrack_search_past_last_head_is_end_of_cylinder);
    tcase_add_test(t, test_multitrack_search_finds_record_on_a_later_track);
    tcase_add_test(t, test_read_ipl_seeks_to_cylinder_0_head_0_and_reads_r1_data);
    tcase_add_test(t, test_seek_beyond_last_cylinder_is_command_reject_with_seek_check);
    tcase_add_test(t, test_seek_with_fewer_than_six_bytes_is_command_reject);
    tcase_add_test(t, test_seek_head_keeps_the_cylinder);
    tcase_add_test(t, test_recalibrate_returns_arm_to_cylinder_0_head_0);
    tcase_add_test(t, test_set_file_mask_seek_control_restricts_seeks);
    tcase_add_test(t, test_file_mask_lasts_only_to_the_end_of_the_chain);
    tcase_add_test(t, test_second_set_file_mask_in_a_chain_is_invalid_sequence);
    tcase_add_test(t, test_file_mask_with_reserved_bits_is_command_reject);
    tcase_add_test(t, test_multitrack_head_switch_with_no_seek_mask_is_file_protected);
    tcase_add_test(t, test_invalid_command_codes_are_command_reject);
    tcase_add_test(t, test_sense_bytes_are_reset_by_the_next_command);
    tcase_add_test(t, test_no_operation_is_immediate_and_a_seek_across_cylinders_takes_longest);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(read_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
