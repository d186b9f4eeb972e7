/* The 1403 (3211) and 1443 printers: write and space, write and skip,
 * immediate space and skip, the carriage tape, overflow, sense, and the
 * text file they write (S360-67.md §4.3; Hercules's printer options). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/device.h"
#include "lib/ebcdic.h"
#include "tests/unit/devices/io_test_support.h"

#define CSW(key, address, unit, channel, count)                                                       \
    (((uint64_t)(key) << 60) | ((uint64_t)(address) << 32) | ((uint64_t)(unit) << 24) |               \
     ((uint64_t)(channel) << 16) | (uint64_t)(count))
#define CE_DE (UNIT_CHANNEL_END | UNIT_DEVICE_END)

static struct io_rig rig;
static char *out;

static void setup(void)
{
    io_rig_init(&rig);
    out = io_test_file_name();
}

static void teardown(void)
{
    io_rig_free(&rig);
    unlink(out);
    free(out);
}

static uint8_t *mem(uint32_t address)
{
    return rig.cpu.storage.bytes + address;
}

/* Writes `text` with `command` (SLI), waits for the status. */
static int print(uint8_t command, const char *text)
{
    size_t n = strlen(text);
    ascii_to_ebcdic(mem(0x400), (const uint8_t *)text, n);
    return io_rig_command_wait(&rig, 0x00E, command, 0x400, CCW_SUPPRESS_LENGTH, n ? (uint16_t)n : 1);
}

/* The printer's file after it is detached. */
static char *printed(void)
{
    struct error err;
    ck_assert(channel_detach(&rig.cs, 0x00E, &err));
    size_t n;
    return io_test_read_file(out, &n);
}

START_TEST(test_write_then_space_prints_a_line_with_ce_de)
{
    io_rig_attach(&rig, 0x00E, "1403", out, NULL);
    ck_assert_int_eq(print(0x09, "LINE ONE   "), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    print(0x11, "LINE TWO");
    print(0x19, "LINE THREE");
    print(0x09, "FOUR");
    char *text = printed();
    ck_assert_str_eq(text, "LINE ONE\nLINE TWO\n\nLINE THREE\n\n\nFOUR\n");
    free(text);
}
END_TEST

START_TEST(test_write_count_other_than_the_print_positions_is_incorrect_length)
{
    io_rig_attach(&rig, 0x00E, "1403", out, NULL);
    memset(mem(0x400), 0x40, 200);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00E, 0x09, 0x400, 0, 132), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    io_rig_command_wait(&rig, 0x00E, 0x09, 0x400, 0, 121);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 0));
    io_rig_command_wait(&rig, 0x00E, 0x09, 0x400, 0, 140);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 8));
}
END_TEST

START_TEST(test_1443_has_120_print_positions)
{
    io_rig_attach(&rig, 0x00E, "1443", out, NULL);
    memset(mem(0x400), 0x40, 200);
    io_rig_command_wait(&rig, 0x00E, 0x09, 0x400, 0, 120);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    io_rig_command_wait(&rig, 0x00E, 0x09, 0x400, 0, 132);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 12));
}
END_TEST

START_TEST(test_immediate_space_gives_channel_end_at_sio_and_device_end_later)
{
    io_rig_attach(&rig, 0x00E, "1403", out, NULL);
    ck_assert_int_eq(io_rig_command(&rig, 0x00E, 0x0B, 0, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, UNIT_CHANNEL_END, 0, 1));
    /* Busy until device end. */
    ck_assert_int_eq(io_rig_command(&rig, 0x00E, 0x0B, 0, 0, 1), 1);
    ck_assert_uint_eq((io_rig_csw(&rig) >> 24) & 0xFF, UNIT_BUSY);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
    print(0x09, "AFTER");
    char *text = printed();
    ck_assert_str_eq(text, "\nAFTER\n");
    free(text);
}
END_TEST

START_TEST(test_skip_to_channel_1_starts_a_new_page)
{
    io_rig_attach(&rig, 0x00E, "1403", out, NULL);
    print(0x09, "PAGE ONE");
    print(0x89, "LAST ON PAGE ONE");
    print(0x09, "PAGE TWO");
    ck_assert_int_eq(io_rig_command(&rig, 0x00E, 0x8B, 0, 0, 1), 1);
    io_rig_settle(&rig);
    io_rig_accept(&rig);
    print(0x01, "PAGE THREE");
    char *text = printed();
    ck_assert_str_eq(text, "PAGE ONE\nLAST ON PAGE ONE\n\fPAGE TWO\n\fPAGE THREE\n");
    free(text);
}
END_TEST

START_TEST(test_skip_to_a_channel_further_down_spaces_to_its_line)
{
    io_rig_attach(&rig, 0x00E, "1403", out, "fcb=1,4", "nofcbcheck", NULL);
    print(0x91, "LINE 1 THEN CHANNEL 2"); /* channel 2 is on line 4 */
    print(0x09, "LINE 4");
    char *text = printed();
    ck_assert_str_eq(text, "LINE 1 THEN CHANNEL 2\n\n\nLINE 4\n");
    free(text);
}
END_TEST

START_TEST(test_space_onto_channel_12_gives_unit_exception)
{
    io_rig_attach(&rig, 0x00E, "1403", out, "fcb=1:1,5:12", NULL);
    print(0x19, "LINE 1");       /* to line 4 */
    ck_assert_uint_eq((io_rig_csw(&rig) >> 24) & 0xFF, CE_DE);
    print(0x09, "LINE 4");       /* onto line 5: channel 12 */
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 0));
    print(0x09, "LINE 5");
    ck_assert_uint_eq((io_rig_csw(&rig) >> 24) & 0xFF, CE_DE);
}
END_TEST

START_TEST(test_space_onto_channel_9_gives_unit_exception_and_sense_bit)
{
    io_rig_attach(&rig, 0x00E, "1403", out, "fcb=1:1,2:9", NULL);
    ck_assert_int_eq(io_rig_command(&rig, 0x00E, 0x0B, 0, 0, 1), 1);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END | UNIT_EXCEPTION, 0, 0));
    io_rig_command_wait(&rig, 0x00E, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], 0x01);
}
END_TEST

START_TEST(test_default_carriage_tape_has_channel_12_on_line_61)
{
    io_rig_attach(&rig, 0x00E, "1403", out, NULL);
    for (int line = 1; line < 60; line++) {
        print(0x09, "X");
        ck_assert_uint_eq((io_rig_csw(&rig) >> 24) & 0xFF, CE_DE);
    }
    print(0x09, "LINE 60");
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 0));
}
END_TEST

START_TEST(test_spacing_past_the_last_line_starts_a_new_page)
{
    io_rig_attach(&rig, 0x00E, "1403", out, "lpp=3", "fcb=1", NULL);
    print(0x09, "A");
    print(0x09, "B");
    print(0x09, "C");
    print(0x09, "D");
    char *text = printed();
    ck_assert_str_eq(text, "A\nB\nC\n\fD\n");
    free(text);
}
END_TEST

START_TEST(test_skip_to_a_channel_without_punch_is_rejected_with_fcbcheck)
{
    io_rig_attach(&rig, 0x00E, "1403", out, "fcb=1", NULL);
    ck_assert_int_eq(io_rig_command(&rig, 0x00E, 0x91, 0x400, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 1));
    io_rig_command_wait(&rig, 0x00E, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], SENSE_COMMAND_REJECT);
}
END_TEST

START_TEST(test_write_without_spacing_overprints)
{
    io_rig_attach(&rig, 0x00E, "1403", out, NULL);
    print(0x01, "BOLD");
    print(0x09, "BOLD");
    char *text = printed();
    ck_assert_str_eq(text, "BOLD\rBOLD\n");
    free(text);
}
END_TEST

START_TEST(test_crlf_ends_lines_with_cr_lf)
{
    io_rig_attach(&rig, 0x00E, "3211", out, "crlf", NULL);
    print(0x11, "X");
    char *text = printed();
    ck_assert_str_eq(text, "X\r\n\r\n");
    free(text);
}
END_TEST

START_TEST(test_invalid_commands_are_rejected)
{
    io_rig_attach(&rig, 0x00E, "1403", out, NULL);
    static const uint8_t rejected[] = {0x02, 0x21, 0x81, 0xE9, 0x05, 0xFB};
    for (size_t i = 0; i < sizeof rejected; i++) {
        ck_assert_int_eq(io_rig_command(&rig, 0x00E, rejected[i], 0x400, 0, 1), 1);
        io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 1));
    }
    ck_assert_int_eq(io_rig_command(&rig, 0x00E, 0x03, 0x400, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
}
END_TEST

START_TEST(test_printer_options_are_checked)
{
    struct error err;
    char *bad_fcb[] = {out, "fcb=1,70"};
    ck_assert(!io_rig_try_attach(&rig, 0x00E, "1403", bad_fcb, 2, &err));
    ck_assert_str_eq(err.message, "device 00E (1403): fcb=1,70: line 70 is beyond the 66 lines of the page");
    char *bad_pair[] = {out, "fcb=1:13"};
    ck_assert(!io_rig_try_attach(&rig, 0x00E, "1403", bad_pair, 2, &err));
    ck_assert_str_eq(err.message, "device 00E (1403): fcb=1:13: channel 13 is not 1-12");
    char *bad_lpp[] = {out, "lpp=0"};
    ck_assert(!io_rig_try_attach(&rig, 0x00E, "1403", bad_lpp, 2, &err));
    ck_assert_str_eq(err.message, "device 00E (1403): lpp=0: expected a number from 1 to 255");
    char *none[] = {"crlf"};
    ck_assert(!io_rig_try_attach(&rig, 0x00E, "1403", none, 1, &err));
    ck_assert_str_eq(err.message, "device 00E (1403): a printer needs an output file name");
    char *raw[] = {out, "rawcc"};
    ck_assert(!io_rig_try_attach(&rig, 0x00E, "1403", raw, 2, &err));
    ck_assert_str_eq(err.message, "device 00E (1403): the printer option 'rawcc' is not supported by vm67");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("line_printer");
    TCase *tc = tcase_create("line_printer");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_write_then_space_prints_a_line_with_ce_de);
    tcase_add_test(tc, test_write_count_other_than_the_print_positions_is_incorrect_length);
    tcase_add_test(tc, test_1443_has_120_print_positions);
    tcase_add_test(tc, test_immediate_space_gives_channel_end_at_sio_and_device_end_later);
    tcase_add_test(tc, test_skip_to_channel_1_starts_a_new_page);
    tcase_add_test(tc, test_skip_to_a_channel_further_down_spaces_to_its_line);
    tcase_add_test(tc, test_space_onto_channel_12_gives_unit_exception);
    tcase_add_test(tc, test_space_onto_channel_9_gives_unit_exception_and_sense_bit);
    tcase_add_test(tc, test_default_carriage_tape_has_channel_12_on_line_61);
    tcase_add_test(tc, test_spacing_past_the_last_line_starts_a_new_page);
    tcase_add_test(tc, test_skip_to_a_channel_without_punch_is_rejected_with_fcbcheck);
    tcase_add_test(tc, test_write_without_spacing_overprints);
    tcase_add_test(tc, test_crlf_ends_lines_with_cr_lf);
    tcase_add_test(tc, test_invalid_commands_are_rejected);
    tcase_add_test(tc, test_printer_options_are_checked);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
