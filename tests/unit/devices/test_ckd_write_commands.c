/* CKD writes: command sequence, file mask, track capacity, erase, home
 * address and R0, track overflow, write-through to the image file. */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/bytes.h"
#include "tests/unit/devices/test_dasd_support.h"

static struct dasd_fixture f;

/* A 2314 (CKD image); cylinder 0 head 1 holds R1 (no key, 100 bytes X'11')
 * and R2 (8-byte key X'20', 200 bytes X'21'). */
static void setup(void)
{
    dasd_fixture_create(&f, "2314", 2, CKD_IMAGE_FORMAT_CKD);
    static const struct test_record head1[] = {{1, 0, 100, 0x10}, {2, 8, 200, 0x20}};
    dasd_fixture_track(&f, 0, 1, head1, 2);
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

static void assert_unit_check(struct device_command c, uint8_t sense0, uint8_t sense1)
{
    ck_assert_uint_eq(c.status, CE_DE | UNIT_CHECK);
    const uint8_t *s = dasd_sense(&f);
    ck_assert_uint_eq(s[0], sense0);
    ck_assert_uint_eq(s[1], sense1);
}

/* Seek and search until Search ID Equal is satisfied on CC HH R. */
static void find(unsigned cylinder, unsigned head, unsigned record)
{
    dasd_seek(&f, cylinder, head, false);
    uint8_t id[5];
    dasd_id(id, cylinder, head, record);
    for (int i = 0; i < 20; i++) {
        struct device_command c = dasd_run(&f, 0x31, true, id, 5);
        if (c.status == (CE_DE | UNIT_STATUS_MODIFIER))
            return;
        ck_assert_uint_eq(c.status, CE_DE);
    }
    ck_abort_msg("record %u/%u/%u not found", cylinder, head, record);
}

static void set_mask(uint8_t mask, bool chained)
{
    ck_assert_uint_eq(dasd_run(&f, 0x1F, chained, &mask, 1).status, CE_DE);
}

static struct device_command write_ckd(uint8_t code, unsigned cylinder, unsigned head,
                                       unsigned record, unsigned key_length, unsigned data_length,
                                       uint8_t fill)
{
    uint8_t *buffer = malloc(8 + key_length + data_length);
    ckd_track_put_count(buffer, (uint16_t)cylinder, (uint16_t)head, (uint8_t)record,
                        (uint8_t)key_length, (uint16_t)data_length);
    memset(buffer + 8, fill, key_length + data_length);
    struct device_command c = dasd_run(&f, code, true, buffer, 8 + key_length + data_length);
    free(buffer);
    return c;
}

/* Reads the data of record R on a track in a new chain. */
static struct device_command read_record_data(unsigned cylinder, unsigned head, unsigned record)
{
    find(cylinder, head, record);
    return dasd_run(&f, 0x06, true, NULL, 65535);
}

/* The counts of the records after R0 on a track, until No Record Found. */
static unsigned count_records(unsigned cylinder, unsigned head, uint8_t *records)
{
    dasd_seek(&f, cylinder, head, false);
    unsigned n = 0;
    uint8_t first = 0;
    for (;;) {
        struct device_command c = dasd_run(&f, 0x12, true, NULL, 8);
        if (c.status != CE_DE)
            break;
        if (n > 0 && f.buffer[4] == first)
            break; /* around the track once */
        if (n == 0)
            first = f.buffer[4];
        records[n++] = f.buffer[4];
    }
    return n;
}

START_TEST(test_write_data_after_search_id_equal_replaces_the_data)
{
    find(0, 1, 1);
    uint8_t data[100];
    memset(data, 0x77, sizeof data);
    struct device_command c = dasd_run(&f, 0x05, true, data, 100);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 100);
    c = read_record_data(0, 1, 1);
    ck_assert_uint_eq(c.length, 100);
    ck_assert(all_bytes(f.buffer, 0x77, 100));
}
END_TEST

START_TEST(test_write_data_with_short_count_pads_the_data_area_with_zeros)
{
    find(0, 1, 1);
    uint8_t data[10];
    memset(data, 0x66, sizeof data);
    struct device_command c = dasd_run(&f, 0x05, true, data, 10);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 100); /* the channel sees incorrect length */
    read_record_data(0, 1, 1);
    ck_assert(all_bytes(f.buffer, 0x66, 10));
    ck_assert(all_bytes(f.buffer + 10, 0, 90));
}
END_TEST

START_TEST(test_write_data_after_search_key_equal_is_allowed)
{
    dasd_seek(&f, 0, 1, false);
    uint8_t key[8];
    memset(key, 0x20, 8);
    ck_assert_uint_eq(dasd_run(&f, 0x29, true, key, 8).status, CE_DE);
    ck_assert_uint_eq(dasd_run(&f, 0x29, true, key, 8).status, CE_DE | UNIT_STATUS_MODIFIER);
    uint8_t data[200];
    memset(data, 0x55, sizeof data);
    ck_assert_uint_eq(dasd_run(&f, 0x05, true, data, 200).status, CE_DE);
    read_record_data(0, 1, 2);
    ck_assert(all_bytes(f.buffer, 0x55, 200));
}
END_TEST

START_TEST(test_write_data_not_preceded_by_satisfied_search_is_invalid_sequence)
{
    dasd_seek(&f, 0, 1, false);
    uint8_t data[100] = {0};
    assert_unit_check(dasd_run(&f, 0x05, true, data, 100), SENSE_COMMAND_REJECT,
                      SENSE1_INVALID_SEQUENCE);
    /* Satisfied, but the write starts a new chain. */
    find(0, 1, 1);
    assert_unit_check(dasd_run(&f, 0x05, false, data, 100), SENSE_COMMAND_REJECT,
                      SENSE1_INVALID_SEQUENCE);
    /* Satisfied, then another command in between. */
    find(0, 1, 1);
    dasd_run(&f, 0x03, true, NULL, 1);
    assert_unit_check(dasd_run(&f, 0x05, true, data, 100), SENSE_COMMAND_REJECT,
                      SENSE1_INVALID_SEQUENCE);
}
END_TEST

START_TEST(test_write_data_with_mask_inhibiting_writes_is_file_protected)
{
    set_mask(0x40, false);
    dasd_seek(&f, 0, 1, true);
    uint8_t id[5];
    dasd_id(id, 0, 1, 1);
    dasd_run(&f, 0x31, true, id, 5);
    ck_assert_uint_eq(dasd_run(&f, 0x31, true, id, 5).status, CE_DE | UNIT_STATUS_MODIFIER);
    uint8_t data[100] = {0};
    assert_unit_check(dasd_run(&f, 0x05, true, data, 100), 0, SENSE1_FILE_PROTECTED);
    read_record_data(0, 1, 1);
    ck_assert(all_bytes(f.buffer, 0x11, 100));
}
END_TEST

START_TEST(test_write_key_and_data_needs_search_id_not_search_key)
{
    find(0, 1, 2);
    uint8_t kd[208];
    memset(kd, 0x44, sizeof kd);
    struct device_command c = dasd_run(&f, 0x0D, true, kd, 208);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 208);
    dasd_seek(&f, 0, 1, false);
    uint8_t key[8];
    memset(key, 0x44, 8);
    dasd_run(&f, 0x29, true, key, 8);
    ck_assert_uint_eq(dasd_run(&f, 0x29, true, key, 8).status, CE_DE | UNIT_STATUS_MODIFIER);
    assert_unit_check(dasd_run(&f, 0x0D, true, kd, 208), SENSE_COMMAND_REJECT,
                      SENSE1_INVALID_SEQUENCE);
}
END_TEST

START_TEST(test_write_ckd_after_search_id_writes_next_record_and_erases_rest_of_track)
{
    find(0, 1, 1);
    struct device_command c = write_ckd(0x1D, 0, 1, 7, 0, 50, 0x99);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 58);
    uint8_t records[16];
    ck_assert_uint_eq(count_records(0, 1, records), 2);
    ck_assert_uint_eq(records[0], 1);
    ck_assert_uint_eq(records[1], 7);
    c = read_record_data(0, 1, 7);
    ck_assert_uint_eq(c.length, 50);
    ck_assert(all_bytes(f.buffer, 0x99, 50));
}
END_TEST

START_TEST(test_format_a_track_with_search_home_write_r0_and_write_ckd_chain)
{
    set_mask(0xC0, false);
    dasd_seek(&f, 1, 3, true);
    uint8_t ha[4] = {0, 1, 0, 3};
    ck_assert_uint_eq(dasd_run(&f, 0x39, true, ha, 4).status, CE_DE | UNIT_STATUS_MODIFIER);
    ck_assert_uint_eq(write_ckd(0x15, 1, 3, 0, 0, 8, 0).status, CE_DE);
    for (unsigned r = 1; r <= 7; r++)
        ck_assert_uint_eq(write_ckd(0x1D, 1, 3, r, 0, 800, (uint8_t)r).status, CE_DE);
    uint8_t records[16];
    ck_assert_uint_eq(count_records(1, 3, records), 7);
    read_record_data(1, 3, 5);
    ck_assert(all_bytes(f.buffer, 5, 800));
}
END_TEST

START_TEST(test_eighth_800_byte_record_overruns_a_2314_track)
{
    /* 7 records of 800 bytes fit a 2314 track, 8 do not (the most is 793
     * for 8 records: GA26-3599 track capacity table). */
    find(0, 1, 0);
    unsigned r;
    for (r = 1; r <= 7; r++)
        ck_assert_uint_eq(write_ckd(0x1D, 0, 1, r, 0, 800, 0).status, CE_DE);
    assert_unit_check(write_ckd(0x1D, 0, 1, r, 0, 800, 0), 0, SENSE1_TRACK_OVERRUN);
    uint8_t records[16];
    ck_assert_uint_eq(count_records(0, 1, records), 7);
}
END_TEST

START_TEST(test_one_record_of_track_capacity_fits_and_one_byte_more_overruns)
{
    find(0, 1, 0);
    ck_assert_uint_eq(write_ckd(0x1D, 0, 1, 1, 0, 7294, 0x12).status, CE_DE);
    find(0, 1, 0);
    assert_unit_check(write_ckd(0x1D, 0, 1, 1, 0, 7295, 0x12), 0, SENSE1_TRACK_OVERRUN);
    /* The overrun erased the track after R0. */
    uint8_t records[16];
    ck_assert_uint_eq(count_records(0, 1, records), 0);
    /* With a key the key overhead counts: KL + DL + 45 <= 7294. */
    find(0, 1, 0);
    ck_assert_uint_eq(write_ckd(0x1D, 0, 1, 1, 10, 7239, 0x12).status, CE_DE);
    find(0, 1, 0);
    assert_unit_check(write_ckd(0x1D, 0, 1, 1, 10, 7240, 0x12), 0, SENSE1_TRACK_OVERRUN);
}
END_TEST

START_TEST(test_write_ckd_with_mask_allowing_only_updates_is_file_protected)
{
    set_mask(0x80, false);
    dasd_seek(&f, 0, 1, true);
    uint8_t id[5];
    dasd_id(id, 0, 1, 0);
    ck_assert_uint_eq(dasd_run(&f, 0x31, true, id, 5).status, CE_DE | UNIT_STATUS_MODIFIER);
    assert_unit_check(write_ckd(0x1D, 0, 1, 1, 0, 10, 0), 0, SENSE1_FILE_PROTECTED);
}
END_TEST

START_TEST(test_write_r0_needs_search_home_address_and_mask_allowing_all_writes)
{
    /* Default mask (00) inhibits Write R0. */
    dasd_seek(&f, 0, 1, false);
    uint8_t ha[4] = {0, 0, 0, 1};
    ck_assert_uint_eq(dasd_run(&f, 0x39, true, ha, 4).status, CE_DE | UNIT_STATUS_MODIFIER);
    assert_unit_check(write_ckd(0x15, 0, 1, 0, 0, 8, 0), 0, SENSE1_FILE_PROTECTED);
    /* Not after a search home address: invalid sequence. */
    set_mask(0xC0, false);
    dasd_seek(&f, 0, 1, true);
    assert_unit_check(write_ckd(0x15, 0, 1, 0, 0, 8, 0), SENSE_COMMAND_REJECT,
                      SENSE1_INVALID_SEQUENCE);
}
END_TEST

START_TEST(test_write_r0_erases_the_records_after_it)
{
    set_mask(0xC0, false);
    dasd_seek(&f, 0, 1, true);
    uint8_t ha[4] = {0, 0, 0, 1};
    ck_assert_uint_eq(dasd_run(&f, 0x39, true, ha, 4).status, CE_DE | UNIT_STATUS_MODIFIER);
    ck_assert_uint_eq(write_ckd(0x15, 0, 1, 0, 0, 8, 0x33).status, CE_DE);
    uint8_t records[16];
    ck_assert_uint_eq(count_records(0, 1, records), 0);
    dasd_seek(&f, 0, 1, false);
    struct device_command c = dasd_run(&f, 0x16, true, NULL, 16);
    ck_assert_uint_eq(c.length, 16);
    ck_assert(all_bytes(f.buffer + 8, 0x33, 8));
}
END_TEST

START_TEST(test_erase_removes_the_records_after_the_searched_one)
{
    find(0, 1, 1);
    uint8_t count[8] = {0, 0, 0, 1, 2, 0, 0, 10};
    struct device_command c = dasd_run(&f, 0x11, true, count, 8);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 18);
    uint8_t records[16];
    ck_assert_uint_eq(count_records(0, 1, records), 1);
    ck_assert_uint_eq(records[0], 1);
}
END_TEST

START_TEST(test_write_home_address_erases_the_track_and_needs_mask_11)
{
    uint8_t ha[5] = {0, 0, 0, 0, 1};
    dasd_seek(&f, 0, 1, false);
    assert_unit_check(dasd_run(&f, 0x19, true, ha, 5), 0, SENSE1_FILE_PROTECTED);
    set_mask(0xC0, false);
    dasd_seek(&f, 0, 1, true);
    ck_assert_uint_eq(dasd_run(&f, 0x19, true, ha, 5).status, CE_DE);
    /* Only the home address is left: no R0. */
    dasd_seek(&f, 0, 1, false);
    assert_unit_check(dasd_run(&f, 0x16, true, NULL, 16), 0, SENSE1_NO_RECORD_FOUND);
    /* Write HA then Write R0 restores a usable track. */
    set_mask(0xC0, false);
    dasd_seek(&f, 0, 1, true);
    ck_assert_uint_eq(dasd_run(&f, 0x19, true, ha, 5).status, CE_DE);
    ck_assert_uint_eq(write_ckd(0x15, 0, 1, 0, 0, 8, 0).status, CE_DE);
    ck_assert_uint_eq(write_ckd(0x1D, 0, 1, 1, 0, 20, 0x42).status, CE_DE);
    read_record_data(0, 1, 1);
    ck_assert(all_bytes(f.buffer, 0x42, 20));
}
END_TEST

START_TEST(test_write_home_address_of_another_track_is_command_reject)
{
    set_mask(0xC0, false);
    dasd_seek(&f, 0, 1, true);
    uint8_t ha[5] = {1, 0, 0, 0, 1}; /* flagged defective */
    assert_unit_check(dasd_run(&f, 0x19, true, ha, 5), SENSE_COMMAND_REJECT, 0);
    uint8_t records[16];
    ck_assert_uint_eq(count_records(0, 1, records), 2);
}
END_TEST

START_TEST(test_track_overflow_record_is_read_across_tracks)
{
    /* Head 2: R1 a 100-byte overflow segment; head 3: R1 the last 50. */
    find(0, 2, 0);
    ck_assert_uint_eq(write_ckd(0x01, 0, 2, 1, 0, 100, 0xAA).status, CE_DE);
    find(0, 3, 0);
    ck_assert_uint_eq(write_ckd(0x1D, 0, 3, 1, 0, 50, 0xBB).status, CE_DE);
    dasd_seek(&f, 0, 2, false);
    struct device_command c = dasd_run(&f, 0x12, true, NULL, 8);
    ck_assert_uint_eq(f.buffer[0], 0x80); /* the flag in the count area */
    find(0, 2, 1);
    c = dasd_run(&f, 0x06, true, NULL, 150);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 150);
    ck_assert(all_bytes(f.buffer, 0xAA, 100));
    ck_assert(all_bytes(f.buffer + 100, 0xBB, 50));
}
END_TEST

START_TEST(test_track_overflow_off_the_last_head_is_overflow_incomplete)
{
    find(0, 19, 0);
    ck_assert_uint_eq(write_ckd(0x01, 0, 19, 1, 0, 100, 0xAA).status, CE_DE);
    find(0, 19, 1);
    assert_unit_check(dasd_run(&f, 0x06, true, NULL, 150), 0,
                      SENSE1_END_OF_CYLINDER | SENSE1_OVERFLOW_INCOMPLETE);
}
END_TEST

START_TEST(test_write_is_in_the_file_when_the_command_ends)
{
    find(0, 1, 1);
    uint8_t data[100];
    memset(data, 0x5A, sizeof data);
    ck_assert_uint_eq(dasd_run(&f, 0x05, true, data, 100).status, CE_DE);
    /* Read the file behind the device's back, without detaching: track
     * (0,1) is the second slot; R1's data follows HA (5), R0 (16) and R1's
     * count (8). */
    int fd = open(f.path, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    uint8_t slot[100];
    off_t offset = 512 + 7680 + 5 + 16 + 8;
    ck_assert_int_eq(pread(fd, slot, 100, offset), 100);
    close(fd);
    ck_assert(all_bytes(slot, 0x5A, 100));
}
END_TEST

START_TEST(test_write_to_image_attached_read_only_is_file_protected)
{
    f.dev.type->detach(&f.dev);
    static const char *const ro[] = {"ro", NULL};
    dasd_fixture_attach(&f, ro);
    find(0, 1, 1);
    uint8_t data[100] = {0};
    assert_unit_check(dasd_run(&f, 0x05, true, data, 100), 0, SENSE1_FILE_PROTECTED);
}
END_TEST

static Suite *write_suite(void)
{
    Suite *s = suite_create("ckd write commands");
    TCase *t = tcase_create("2314");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_write_data_after_search_id_equal_replaces_the_data);
    tcase_add_test(t, test_write_data_with_short_count_pads_the_data_area_with_zeros);
    tcase_add_test(t, test_write_data_after_search_key_equal_is_allowed);
    tcase_add_test(t, test_write_data_not_preceded_by_satisfied_search_is_invalid_sequence);
    tcase_add_test(t, test_write_data_with_mask_inhibiting_writes_is_file_protected);
    tcase_add_test(t, test_write_key_and_data_needs_search_id_not_search_key);
    tcase_add_test(t, test_write_ckd_after_search_id_writes_next_record_and_erases_rest_of_track);
    tcase_add_test(t, test_format_a_track_with_search_home_write_r0_and_write_ckd_chain);
    tcase_add_test(t, test_eighth_800_byte_record_overruns_a_2314_track);
    tcase_add_test(t, test_one_record_of_track_capacity_fits_and_one_byte_more_overruns);
    tcase_add_test(t, test_write_ckd_with_mask_allowing_only_updates_is_file_protected);
    tcase_add_test(t, test_write_r0_needs_search_home_address_and_mask_allowing_all_writes);
    tcase_add_test(t, test_write_r0_erases_the_records_after_it);
    tcase_add_test(t, test_erase_removes_the_records_after_the_searched_one);
    tcase_add_test(t, test_write_home_address_erases_the_track_and_needs_mask_11);
    tcase_add_test(t, test_write_home_address_of_another_track_is_command_reject);
    tcase_add_test(t, test_track_overflow_record_is_read_across_tracks);
    tcase_add_test(t, test_track_overflow_off_the_last_head_is_overflow_incomplete);
    tcase_add_test(t, test_write_is_in_the_file_when_the_command_ends);
    tcase_add_test(t, test_write_to_image_attached_read_only_is_file_protected);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(write_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
