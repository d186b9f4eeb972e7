/* The 1052 console (S360-67.md §4.1): writes, the read inquiry with END,
 * CANCEL and HALT I/O, REQUEST, no-op, alarm, sense and command reject. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/console_1052.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"
#include "tests/unit/devices/io_test_support.h"

#define CSW(key, address, unit, channel, count)                                                       \
    (((uint64_t)(key) << 60) | ((uint64_t)(address) << 32) | ((uint64_t)(unit) << 24) |               \
     ((uint64_t)(channel) << 16) | (uint64_t)(count))
#define CE_DE (UNIT_CHANNEL_END | UNIT_DEVICE_END)

static struct io_rig rig;
static struct device *console;

/* What the host side heard. */
static char heard[1024];
static unsigned reads_started;

static void append(const char *text)
{
    strncat(heard, text, sizeof heard - strlen(heard) - 1);
}

static void host_wrote(void *context, struct device *dev, uint8_t command, const uint8_t *text, size_t length)
{
    (void)context;
    (void)dev;
    char shown[256];
    ebcdic_to_display(shown, sizeof shown, text, length);
    char line[300];
    snprintf(line, sizeof line, "W%02X %s|", command, shown);
    append(line);
}

static void host_read_started(void *context, struct device *dev)
{
    (void)context;
    (void)dev;
    reads_started++;
}

static void host_read_ended(void *context, struct device *dev, const uint8_t *text, size_t length, bool cancelled)
{
    (void)context;
    (void)dev;
    char shown[256];
    ebcdic_to_display(shown, sizeof shown, text, length);
    char line[300];
    snprintf(line, sizeof line, "R %s%s|", shown, cancelled ? " CANCEL" : "");
    append(line);
}

static void host_control(void *context, struct device *dev, uint8_t command)
{
    (void)context;
    (void)dev;
    char line[16];
    snprintf(line, sizeof line, "N%02X|", command);
    append(line);
}

static void host_attention(void *context, struct device *dev)
{
    (void)context;
    (void)dev;
    append("ATTN|");
}

static const struct console_1052_host host = {
    .wrote = host_wrote,
    .read_started = host_read_started,
    .read_ended = host_read_ended,
    .control = host_control,
    .attention = host_attention,
};

static void setup(void)
{
    io_rig_init(&rig);
    console = io_rig_attach(&rig, 0x01F, "1052", NULL);
    console_1052_set_host(console, &host);
    heard[0] = '\0';
    reads_started = 0;
}

static void teardown(void)
{
    io_rig_free(&rig);
}

static uint8_t *mem(uint32_t address)
{
    return rig.cpu.storage.bytes + address;
}

static void type_ascii(const char *text)
{
    uint8_t e[128];
    size_t n = strlen(text);
    ascii_to_ebcdic(e, (const uint8_t *)text, n);
    ck_assert(console_1052_type_text(console, e, n));
}

START_TEST(test_write_with_carrier_return_types_the_text_and_ends_with_ce_de)
{
    ascii_to_ebcdic(mem(0x200), (const uint8_t *)"HELLO", 5);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x01F, 0x09, 0x200, 0, 5), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert_str_eq(heard, "W09 HELLO|");
}
END_TEST

START_TEST(test_write_takes_any_count_without_incorrect_length)
{
    memset(mem(0x200), 0x40, 200);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x01F, 0x01, 0x200, 0, 200), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_read_inquiry_waits_for_end_and_stores_what_was_typed)
{
    ck_assert_int_eq(io_rig_command(&rig, 0x01F, 0x0A, 0x300, 0, 80), 0);
    ck_assert(console_1052_reading(console));
    ck_assert_uint_eq(reads_started, 1);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 2);
    type_ascii("hello");
    ck_assert(console_1052_press_end(console));
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    /* 5 of 80 bytes and no SLI: incorrect length, 75 left. */
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 75));
    uint8_t want[5];
    ascii_to_ebcdic(want, (const uint8_t *)"hello", 5);
    ck_assert_mem_eq(mem(0x300), want, 5);
    ck_assert_str_eq(heard, "R hello|");
    ck_assert(!console_1052_reading(console));
}
END_TEST

START_TEST(test_empty_line_with_sli_ends_with_the_whole_count_left)
{
    io_rig_command(&rig, 0x01F, 0x0A, 0x300, CCW_SUPPRESS_LENGTH, 80);
    console_1052_press_end(console);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 80));
}
END_TEST

START_TEST(test_key_beyond_the_count_ends_the_read_with_incorrect_length)
{
    /* TOS's "IS IT EOF" reply has a count of 1: the operator types YES;
     * Y is taken, E is printed and refused (the read ends), S is lost. */
    mem(0x300)[1] = 0xEE;
    io_rig_command(&rig, 0x01F, 0x0A, 0x300, 0, 1);
    type_ascii("YES");
    ck_assert(!console_1052_reading(console));
    ck_assert(!console_1052_press_end(console));
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 0));
    ck_assert_uint_eq(mem(0x300)[0], 0xE8); /* Y */
    ck_assert_uint_eq(mem(0x300)[1], 0xEE);
    ck_assert_str_eq(heard, "R YE|");
}
END_TEST

START_TEST(test_typing_exactly_the_count_waits_for_end_without_incorrect_length)
{
    io_rig_command(&rig, 0x01F, 0x0A, 0x300, 0, 2);
    type_ascii("NO");
    ck_assert(console_1052_reading(console));
    console_1052_press_end(console);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert_str_eq(heard, "R NO|");
}
END_TEST

START_TEST(test_cancel_during_a_read_ends_it_with_unit_exception)
{
    io_rig_command(&rig, 0x01F, 0x0A, 0x300, CCW_SUPPRESS_LENGTH, 80);
    type_ascii("abc");
    ck_assert(console_1052_press_cancel(console));
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 77));
    ck_assert_str_eq(heard, "R abc CANCEL|");
}
END_TEST

START_TEST(test_cancel_without_a_read_does_nothing)
{
    ck_assert(!console_1052_press_cancel(console));
    ck_assert_int_eq(io_rig_accept(&rig), -1);
}
END_TEST

START_TEST(test_halt_io_ends_a_pending_read_with_what_was_typed)
{
    io_rig_command(&rig, 0x01F, 0x0A, 0x300, CCW_SUPPRESS_LENGTH, 80);
    type_ascii("ab");
    ck_assert_int_eq(io_rig_hio(&rig, 0x01F), 1);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 78));
    ck_assert_str_eq(heard, "R ab|");
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 0);
}
END_TEST

START_TEST(test_request_presents_attention_with_zero_csw_fields)
{
    ck_assert(console_1052_press_request(console));
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_ATTENTION, 0, 0));
    ck_assert_str_eq(heard, "ATTN|");
}
END_TEST

START_TEST(test_request_during_a_read_is_ignored)
{
    io_rig_command(&rig, 0x01F, 0x0A, 0x300, CCW_SUPPRESS_LENGTH, 80);
    ck_assert(!console_1052_press_request(console));
    ck_assert_int_eq(io_rig_accept(&rig), -1);
    ck_assert_str_eq(heard, "");
}
END_TEST

START_TEST(test_no_op_and_alarm_are_immediate)
{
    ck_assert_int_eq(io_rig_command(&rig, 0x01F, 0x03, 0x300, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
    ck_assert_int_eq(io_rig_command(&rig, 0x01F, 0x0B, 0x300, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
    ck_assert_str_eq(heard, "N03|N0B|");
}
END_TEST

START_TEST(test_unknown_command_is_rejected_and_sense_says_command_reject)
{
    ck_assert_int_eq(io_rig_command(&rig, 0x01F, 0x02, 0x300, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
    mem(0x300)[0] = 0xEE;
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x01F, 0x04, 0x300, 0, 1), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert_uint_eq(mem(0x300)[0], SENSE_COMMAND_REJECT);
    /* The next command other than sense resets the sense byte. */
    io_rig_command(&rig, 0x01F, 0x03, 0x300, 0, 1);
    io_rig_command_wait(&rig, 0x01F, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], 0);
}
END_TEST

START_TEST(test_commands_with_high_bits_are_rejected)
{
    ck_assert_int_eq(io_rig_command(&rig, 0x01F, 0x49, 0x300, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 1));
}
END_TEST

START_TEST(test_hercules_names_3215_and_1052_c_are_the_console)
{
    struct device *d = io_rig_attach(&rig, 0x009, "3215", NULL);
    ck_assert(device_is_console(d));
    d = io_rig_attach(&rig, 0x01A, "3215-C", "/", NULL);
    ck_assert(device_is_console(d));
    d = io_rig_attach(&rig, 0x01B, "1052", "noprompt", NULL);
    ck_assert(device_is_console(d));
    struct error err;
    char *argv[] = {"bogus"};
    ck_assert(!io_rig_try_attach(&rig, 0x01C, "1052", argv, 1, &err));
    ck_assert_str_eq(err.message, "device 01C (1052): unknown console option 'bogus'");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("console_1052");
    TCase *tc = tcase_create("console_1052");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_write_with_carrier_return_types_the_text_and_ends_with_ce_de);
    tcase_add_test(tc, test_write_takes_any_count_without_incorrect_length);
    tcase_add_test(tc, test_read_inquiry_waits_for_end_and_stores_what_was_typed);
    tcase_add_test(tc, test_empty_line_with_sli_ends_with_the_whole_count_left);
    tcase_add_test(tc, test_key_beyond_the_count_ends_the_read_with_incorrect_length);
    tcase_add_test(tc, test_typing_exactly_the_count_waits_for_end_without_incorrect_length);
    tcase_add_test(tc, test_cancel_during_a_read_ends_it_with_unit_exception);
    tcase_add_test(tc, test_cancel_without_a_read_does_nothing);
    tcase_add_test(tc, test_halt_io_ends_a_pending_read_with_what_was_typed);
    tcase_add_test(tc, test_request_presents_attention_with_zero_csw_fields);
    tcase_add_test(tc, test_request_during_a_read_is_ignored);
    tcase_add_test(tc, test_no_op_and_alarm_are_immediate);
    tcase_add_test(tc, test_unknown_command_is_rejected_and_sense_says_command_reject);
    tcase_add_test(tc, test_commands_with_high_bits_are_rejected);
    tcase_add_test(tc, test_hercules_names_3215_and_1052_c_are_the_console);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
