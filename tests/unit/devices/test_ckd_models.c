/* The models and their attachment: the 2301 drum, the 3330's 24 sense
 * bytes, a device on a CCKD image, configuration errors, multitrack reads
 * of the home address and R0, writes across track overflow segments. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"
#include "tests/unit/devices/test_dasd_support.h"

static bool all_bytes(const uint8_t *p, uint8_t value, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != value)
            return false;
    return true;
}

static void find(struct dasd_fixture *f, unsigned cylinder, unsigned head, unsigned record)
{
    dasd_seek(f, cylinder, head, false);
    uint8_t id[5];
    dasd_id(id, cylinder, head, record);
    for (int i = 0; i < 20; i++) {
        struct device_command c = dasd_run(f, 0x31, true, id, 5);
        if (c.status == (CE_DE | UNIT_STATUS_MODIFIER))
            return;
        ck_assert_uint_eq(c.status, CE_DE);
    }
    ck_abort_msg("record %u/%u/%u not found", cylinder, head, record);
}

static struct device_command write_ckd(struct dasd_fixture *f, uint8_t code, unsigned cylinder,
                                       unsigned head, unsigned record, unsigned data_length,
                                       uint8_t fill)
{
    uint8_t *buffer = malloc(8 + data_length);
    ckd_track_put_count(buffer, (uint16_t)cylinder, (uint16_t)head, (uint8_t)record, 0,
                        (uint16_t)data_length);
    memset(buffer + 8, fill, data_length);
    struct device_command c = dasd_run(f, code, true, buffer, 8 + data_length);
    free(buffer);
    return c;
}

START_TEST(test_2301_drum_tracks_are_heads_0_to_199_of_cylinder_0)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2301", 1, CKD_IMAGE_FORMAT_CKD);
    dasd_fixture_attach(&f, NULL);
    dasd_seek(&f, 0, 199, false);
    uint8_t beyond[6] = {0, 0, 0, 0, 0, 200};
    struct device_command c = dasd_run(&f, 0x07, false, beyond, 6);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(dasd_sense(&f)[0], SENSE_COMMAND_REJECT | SENSE0_SEEK_CHECK);
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_2301_track_takes_four_pages_and_a_half_as_cp67_pages_it)
{
    /* CP-67 puts nine 4096-byte pages on each pair of drum tracks: four
     * whole pages and half of one on each (S360-67.md §4.5 ⚠; the 2301
     * record overheads in devices/dasd_geometry.c are unverified). */
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2301", 1, CKD_IMAGE_FORMAT_CCKD);
    dasd_fixture_attach(&f, NULL);
    find(&f, 0, 7, 0);
    for (unsigned r = 1; r <= 4; r++)
        ck_assert_uint_eq(write_ckd(&f, 0x1D, 0, 7, r, 4096, (uint8_t)r).status, CE_DE);
    ck_assert_uint_eq(write_ckd(&f, 0x1D, 0, 7, 5, 2048, 5).status, CE_DE);
    find(&f, 0, 7, 4);
    struct device_command c = write_ckd(&f, 0x1D, 0, 7, 5, 4096, 5);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(dasd_sense(&f)[1], SENSE1_TRACK_OVERRUN);
    find(&f, 0, 7, 3);
    c = dasd_run(&f, 0x06, true, NULL, 4096);
    ck_assert_uint_eq(c.length, 4096);
    ck_assert(all_bytes(f.buffer, 3, 4096));
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_3330_sense_has_24_bytes)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "3330", 2, CKD_IMAGE_FORMAT_CCKD);
    dasd_fixture_attach(&f, NULL);
    dasd_run(&f, 0x22, false, NULL, 1); /* not a 3330 command in vm67 */
    const uint8_t *s = dasd_sense(&f);
    ck_assert_uint_eq(s[0], SENSE_COMMAND_REJECT);
    for (int i = 1; i < 24; i++)
        ck_assert_uint_eq(s[i], 0);
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_records_written_to_a_cckd_image_are_there_after_reattaching)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2314", 3, CKD_IMAGE_FORMAT_CCKD);
    dasd_fixture_attach(&f, NULL);
    find(&f, 2, 11, 0);
    for (unsigned r = 1; r <= 3; r++)
        ck_assert_uint_eq(write_ckd(&f, 0x1D, 2, 11, r, 800, (uint8_t)(0x60 + r)).status, CE_DE);
    f.dev.type->detach(&f.dev);
    dasd_fixture_attach(&f, NULL);
    find(&f, 2, 11, 2);
    struct device_command c = dasd_run(&f, 0x06, true, NULL, 800);
    ck_assert_uint_eq(c.length, 800);
    ck_assert(all_bytes(f.buffer, 0x62, 800));
    dasd_fixture_destroy(&f);
}
END_TEST

static void expect_attach_error(struct dasd_fixture *f, const char *type, const char *option,
                                const char *needle)
{
    const struct device_type *t = device_type_find(type);
    struct device dev = {.type = t, .address = 0x191};
    char *argv[] = {f->path, (char *)option};
    struct error err;
    ck_assert(!t->attach(&dev, option != NULL ? 2 : 1, argv, &err));
    ck_assert_msg(strstr(err.message, needle) != NULL, "%s (wanted %s)", err.message, needle);
}

START_TEST(test_attach_refuses_other_models_images_unknown_options_and_shadow_files)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2311", 1, CKD_IMAGE_FORMAT_CKD);
    expect_attach_error(&f, "2314", NULL, "a 2311 image (device type byte at offset 16), attached as a 2314");
    expect_attach_error(&f, "2311", "bogus", "unknown option 'bogus'");
    expect_attach_error(&f, "2311", "sf=shadow.*", "shadow files are not supported");
    /* Hercules's tuning options are accepted. */
    const struct device_type *t = device_type_find("2311");
    struct device dev = {.type = t, .address = 0x192};
    char *argv[] = {f.path, "nosyncio", "cu=2841", "lazywrite", "cache=4"};
    struct error err;
    ck_assert_msg(t->attach(&dev, 5, argv, &err), "%s", err.message);
    char line[256];
    t->describe(&dev, line, sizeof line);
    ck_assert_msg(strstr(line, "2311 ") == line && strstr(line, "cyl 0 head 0"), "%s", line);
    t->detach(&dev);
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_device_types_are_found_by_hercules_names)
{
    ck_assert_str_eq(device_type_find("3330-11")->name, "3330");
    ck_assert_str_eq(device_type_find("2319")->name, "2314");
    ck_assert_str_eq(device_type_find("2301")->name, "2301");
}
END_TEST

START_TEST(test_multitrack_read_home_address_and_r0_move_to_the_next_head)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2314", 1, CKD_IMAGE_FORMAT_CKD);
    static const struct test_record r[] = {{1, 0, 10, 0x10}};
    dasd_fixture_track(&f, 0, 4, r, 1);
    dasd_fixture_attach(&f, NULL);
    dasd_seek(&f, 0, 4, false);
    ck_assert_uint_eq(dasd_run(&f, 0x12, true, NULL, 8).status, CE_DE);
    struct device_command c = dasd_run(&f, 0x9A, true, NULL, 5);
    ck_assert_uint_eq(c.status, CE_DE);
    static const uint8_t ha5[5] = {0, 0, 0, 0, 5};
    ck_assert_mem_eq(f.buffer, ha5, 5);
    dasd_seek(&f, 0, 4, false);
    ck_assert_uint_eq(dasd_run(&f, 0x12, true, NULL, 8).status, CE_DE);
    c = dasd_run(&f, 0x96, true, NULL, 16);
    ck_assert_uint_eq(c.status, CE_DE);
    static const uint8_t r0[8] = {0, 0, 0, 5, 0, 0, 0, 8};
    ck_assert_mem_eq(f.buffer, r0, 8);
    /* Single track: the same track's R0, after the index point. */
    dasd_seek(&f, 0, 4, false);
    dasd_run(&f, 0x12, true, NULL, 8);
    dasd_run(&f, 0x16, true, NULL, 16);
    static const uint8_t r0_4[8] = {0, 0, 0, 4, 0, 0, 0, 8};
    ck_assert_mem_eq(f.buffer, r0_4, 8);
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_write_data_of_a_track_overflow_record_continues_on_the_next_track)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2311", 1, CKD_IMAGE_FORMAT_CKD);
    dasd_fixture_attach(&f, NULL);
    find(&f, 0, 2, 0);
    ck_assert_uint_eq(write_ckd(&f, 0x01, 0, 2, 1, 100, 0xAA).status, CE_DE);
    find(&f, 0, 3, 0);
    ck_assert_uint_eq(write_ckd(&f, 0x1D, 0, 3, 1, 50, 0xBB).status, CE_DE);
    find(&f, 0, 2, 1);
    uint8_t data[150];
    memset(data, 0xCC, sizeof data);
    struct device_command c = dasd_run(&f, 0x05, true, data, 150);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 150);
    find(&f, 0, 3, 1);
    c = dasd_run(&f, 0x06, true, NULL, 50);
    ck_assert_uint_eq(c.length, 50);
    ck_assert(all_bytes(f.buffer, 0xCC, 50));
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_devinit_mounts_another_image_and_keeps_the_old_one_if_refused)
{
    struct dasd_fixture a, b;
    dasd_fixture_create(&a, "2314", 1, CKD_IMAGE_FORMAT_CKD);
    dasd_fixture_create(&b, "2314", 1, CKD_IMAGE_FORMAT_CCKD);
    static const struct test_record ra[] = {{1, 0, 10, 0xA0}}, rb[] = {{1, 0, 20, 0xB0}};
    dasd_fixture_track(&a, 0, 2, ra, 1);
    dasd_fixture_track(&b, 0, 2, rb, 1);
    dasd_fixture_attach(&a, NULL);
    char *argv_b[] = {b.path};
    struct error err;
    ck_assert_msg(a.dev.type->reinit(&a.dev, 1, argv_b, &err), "%s", err.message);
    dasd_seek(&a, 0, 2, false);
    struct device_command c = dasd_run(&a, 0x06, true, NULL, 20);
    ck_assert_uint_eq(c.length, 20);
    ck_assert(all_bytes(a.buffer, 0xB1, 20));
    char *argv_missing[] = {"/nonexistent/disk.ckd"};
    ck_assert(!a.dev.type->reinit(&a.dev, 1, argv_missing, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/disk.ckd: cannot open"));
    dasd_seek(&a, 0, 2, false);
    c = dasd_run(&a, 0x06, true, NULL, 20);
    ck_assert_uint_eq(c.length, 20);
    dasd_fixture_destroy(&a);
    dasd_fixture_destroy(&b);
}
END_TEST

START_TEST(test_damaged_track_in_the_image_is_an_equipment_check)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2311", 1, CKD_IMAGE_FORMAT_CKD);
    /* Track 6's home address names another track. */
    FILE *fp = fopen(f.path, "r+b");
    fseek(fp, 512 + 6 * 4096 + 4, SEEK_SET);
    fputc(9, fp);
    fclose(fp);
    dasd_fixture_attach(&f, NULL);
    uint8_t seek[6] = {0, 0, 0, 0, 0, 6};
    struct device_command c = dasd_run(&f, 0x07, false, seek, 6);
    ck_assert_uint_eq(c.status, CE_DE | UNIT_CHECK);
    const uint8_t *s = dasd_sense(&f);
    ck_assert_uint_eq(s[0], SENSE_EQUIPMENT_CHECK);
    ck_assert_uint_eq(s[1], 0);
    /* The other tracks still work. */
    dasd_seek(&f, 0, 5, false);
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_multitrack_read_data_reads_the_first_record_of_the_next_track)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2314", 1, CKD_IMAGE_FORMAT_CKD);
    static const struct test_record h5[] = {{1, 0, 30, 0x50}}, h6[] = {{1, 0, 40, 0x60}};
    dasd_fixture_track(&f, 0, 5, h5, 1);
    dasd_fixture_track(&f, 0, 6, h6, 1);
    dasd_fixture_attach(&f, NULL);
    dasd_seek(&f, 0, 5, false);
    struct device_command c = dasd_run(&f, 0x06, true, NULL, 30);
    ck_assert_uint_eq(c.length, 30);
    c = dasd_run(&f, 0x86, true, NULL, 40);
    ck_assert_uint_eq(c.status, CE_DE);
    ck_assert_uint_eq(c.length, 40);
    ck_assert(all_bytes(f.buffer, 0x61, 40));
    /* Single track instead: R1 of the same track again, after the index. */
    dasd_seek(&f, 0, 5, false);
    dasd_run(&f, 0x06, true, NULL, 30);
    c = dasd_run(&f, 0x06, true, NULL, 30);
    ck_assert_uint_eq(c.length, 30);
    ck_assert(all_bytes(f.buffer, 0x51, 30));
    dasd_fixture_destroy(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ckd models");
    TCase *t = tcase_create("models");
    tcase_add_test(t, test_2301_drum_tracks_are_heads_0_to_199_of_cylinder_0);
    tcase_add_test(t, test_2301_track_takes_four_pages_and_a_half_as_cp67_pages_it);
    tcase_add_test(t, test_3330_sense_has_24_bytes);
    tcase_add_test(t, test_records_written_to_a_cckd_image_are_there_after_reattaching);
    tcase_add_test(t, test_attach_refuses_other_models_images_unknown_options_and_shadow_files);
    tcase_add_test(t, test_device_types_are_found_by_hercules_names);
    tcase_add_test(t, test_multitrack_read_home_address_and_r0_move_to_the_next_head);
    tcase_add_test(t, test_write_data_of_a_track_overflow_record_continues_on_the_next_track);
    tcase_add_test(t, test_devinit_mounts_another_image_and_keeps_the_old_one_if_refused);
    tcase_add_test(t, test_damaged_track_in_the_image_is_an_equipment_check);
    tcase_add_test(t, test_multitrack_read_data_reads_the_first_record_of_the_next_track);
    suite_add_tcase(s, t);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
