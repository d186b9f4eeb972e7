/* A 2314 on the channel engine: channel programs as CMS and OS/360 write
 * them, through START I/O, the CSW and the interruption (S360-67.md §3-4),
 * and the IPL from a disk (§3.6). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/channel.h"
#include "lib/bytes.h"
#include "tests/unit/devices/io_test_support.h"
#include "tests/unit/devices/test_dasd_support.h"

#define CSW(key, address, unit, channel, count)                                                    \
    (((uint64_t)(key) << 60) | ((uint64_t)(address) << 32) | ((uint64_t)(unit) << 24) |            \
     ((uint64_t)(channel) << 16) | (uint64_t)(count))

#define CC 0x40
#define SLI 0x20

static struct dasd_fixture f;
static struct io_rig rig;

static uint8_t *mem(uint32_t address)
{
    return rig.cpu.storage.bytes + address;
}

/* Cylinder 0: head 0 holds the IPL records (R1: a PSW and, at 8, a Read
 * Data CCW for R2 into X'600'; R2: 100 bytes X'61'); head 1 holds R1 (100
 * bytes X'11') and R2 (key X'20' x 8, 200 bytes X'21'). */
static void setup(void)
{
    dasd_fixture_create(&f, "2314", 3, CKD_IMAGE_FORMAT_CKD);
    static const struct test_record head1[] = {{1, 0, 100, 0x10}, {2, 8, 200, 0x20}};
    dasd_fixture_track(&f, 0, 1, head1, 2);
    struct ckd_image *img;
    struct error err;
    ck_assert(ckd_image_open(&img, f.path, NULL, &err));
    uint8_t t[512];
    uint32_t n = ckd_track_build_null(t, 0, 0, CKD_NULL_FORMAT_EMPTY) - 8;
    ckd_track_put_count(t + n, 0, 0, 1, 0, 24);
    n += 8;
    static const uint8_t ipl[24] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00,
                                    0x06, 0x00, 0x06, 0x00, 0x20, 0x00, 0x00, 100};
    memcpy(t + n, ipl, 24);
    n += 24;
    ckd_track_put_count(t + n, 0, 0, 2, 0, 100);
    n += 8;
    memset(t + n, 0x61, 100);
    n += 100;
    ckd_track_put_end(t + n);
    ck_assert_msg(ckd_write_track(img, 0, t, n + 8, 0, &err), "%s", err.message);
    ck_assert(ckd_image_close(img, &err));
    io_rig_init(&rig);
    char *argv[] = {f.path};
    ck_assert_msg(channel_attach(&rig.cs, 0x190, device_type_find("2314"), 1, argv, &err), "%s",
                  err.message);
}

static void teardown(void)
{
    io_rig_free(&rig);
    dasd_fixture_destroy(&f);
}

/* CMS's chain (DIOSCT): SEEK, SEARCH ID EQUAL, TIC *-8, READ or WRITE,
 * NO-OP, at X'100', with the seek address at X'300'. */
static void cms_chain(uint8_t command, uint16_t cylinder, uint16_t head, uint8_t record,
                      uint16_t count)
{
    static const uint8_t zero[2] = {0};
    memcpy(mem(0x300), zero, 2);
    store_be16(mem(0x302), cylinder);
    store_be16(mem(0x304), head);
    *mem(0x306) = record;
    io_rig_put_ccw(&rig, 0x100, 0x07, 0x300, CC, 6);
    io_rig_put_ccw(&rig, 0x108, 0x31, 0x302, CC, 5);
    io_rig_put_ccw(&rig, 0x110, 0x08, 0x108, 0, 1);
    io_rig_put_ccw(&rig, 0x118, command, 0x400, CC | SLI, count);
    io_rig_put_ccw(&rig, 0x120, 0x03, 0, SLI, 1);
    io_rig_set_caw(&rig, 0, 0x100);
}

static void run_to_interruption(void)
{
    ck_assert_int_eq(io_rig_sio(&rig, 0x190), 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x190);
}

START_TEST(test_cms_chain_reads_the_record_and_ends_with_channel_end_device_end)
{
    cms_chain(0x06, 0, 1, 2, 200);
    run_to_interruption();
    /* The last CCW used is the no-op at X'120', which moved nothing. */
    io_rig_assert_csw(&rig, CSW(0, 0x128, CE_DE, 0, 1));
    for (int i = 0; i < 200; i++)
        ck_assert_uint_eq(*mem(0x400 + i), 0x21);
    ck_assert_uint_eq(*mem(0x400 + 200), 0);
}
END_TEST

START_TEST(test_cms_chain_write_then_read_gives_back_the_data)
{
    memset(mem(0x400), 0x7A, 100);
    cms_chain(0x05, 0, 1, 1, 100);
    run_to_interruption();
    io_rig_assert_csw(&rig, CSW(0, 0x128, CE_DE, 0, 1));
    memset(mem(0x400), 0, 100);
    cms_chain(0x06, 0, 1, 1, 100);
    run_to_interruption();
    for (int i = 0; i < 100; i++)
        ck_assert_uint_eq(*mem(0x400 + i), 0x7A);
}
END_TEST

START_TEST(test_search_for_a_missing_record_ends_the_chain_with_no_record_found)
{
    cms_chain(0x06, 0, 1, 9, 100);
    run_to_interruption();
    /* The search at X'108' ended with unit check, having taken all 5
     * bytes of its argument. */
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE | UNIT_CHECK, 0, 0));
    io_rig_put_ccw(&rig, 0x140, 0x04, 0x500, 0, 6);
    io_rig_set_caw(&rig, 0, 0x140);
    run_to_interruption();
    io_rig_assert_csw(&rig, CSW(0, 0x148, CE_DE, 0, 0));
    static const uint8_t sense[6] = {0, 0x08, 0, 0, 0, 0};
    ck_assert_mem_eq(mem(0x500), sense, 6);
}
END_TEST

START_TEST(test_short_read_count_without_sli_is_incorrect_length)
{
    cms_chain(0x06, 0, 1, 1, 50);
    *mem(0x11C) = CC; /* the read CCW's flags: no SLI */
    run_to_interruption();
    io_rig_assert_csw(&rig, CSW(0, 0x120, CE_DE, CHANNEL_INCORRECT_LENGTH, 0));
    ck_assert_uint_eq(*mem(0x400 + 49), 0x11);
    ck_assert_uint_eq(*mem(0x400 + 50), 0);
}
END_TEST

START_TEST(test_ipl_from_a_2314_reads_r1_to_location_0_and_runs_the_ccw_at_8)
{
    struct error err;
    ck_assert_msg(channel_ipl_start(&rig.cs, 0x190, &err), "%s", err.message);
    io_rig_settle(&rig);
    ck_assert_int_eq(rig.ipl_result, 1);
    static const uint8_t psw[8] = {0, 0, 0, 0, 0, 0, 0x20, 0};
    ck_assert_mem_eq(mem(0), psw, 8);
    for (int i = 0; i < 100; i++)
        ck_assert_uint_eq(*mem(0x600 + i), 0x61);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("2314 on the channel");
    TCase *t = tcase_create("channel programs");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_cms_chain_reads_the_record_and_ends_with_channel_end_device_end);
    tcase_add_test(t, test_cms_chain_write_then_read_gives_back_the_data);
    tcase_add_test(t, test_search_for_a_missing_record_ends_the_chain_with_no_record_found);
    tcase_add_test(t, test_short_read_count_without_sli_is_incorrect_length);
    tcase_add_test(t, test_ipl_from_a_2314_reads_r1_to_location_0_and_runs_the_ccw_at_8);
    suite_add_tcase(s, t);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
