/* Card readers and punches: the 2540 reader (3505, 2501) and punch
 * (3525), the 1442 read punch and the 1442 model N2 punch (S360-67.md
 * §4.2; Hercules's reader and punch options). */
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
static char *files[8];
static unsigned file_count;

static void setup(void)
{
    io_rig_init(&rig);
    file_count = 0;
}

static void teardown(void)
{
    io_rig_free(&rig);
    for (unsigned i = 0; i < file_count; i++) {
        unlink(files[i]);
        free(files[i]);
    }
}

static char *keep(char *path)
{
    files[file_count++] = path;
    return path;
}

static uint8_t *mem(uint32_t address)
{
    return rig.cpu.storage.bytes + address;
}

/* An EBCDIC deck of `n` cards: card i is "CARD i" and blanks. */
static char *ebcdic_deck(unsigned n)
{
    uint8_t cards[10 * 80];
    memset(cards, 0x40, sizeof cards);
    for (unsigned i = 0; i < n; i++) {
        char text[16];
        snprintf(text, sizeof text, "CARD %u", i + 1);
        ascii_to_ebcdic(cards + 80 * i, (const uint8_t *)text, strlen(text));
    }
    return keep(io_test_file(cards, 80 * n));
}

static void assert_card_text(uint32_t address, const char *text)
{
    uint8_t want[80];
    memset(want, 0x40, sizeof want);
    ascii_to_ebcdic(want, (const uint8_t *)text, strlen(text));
    ck_assert_mem_eq(mem(address), want, 80);
}

/* ---- The 2540 reader. */

START_TEST(test_read_transfers_the_next_80_column_card)
{
    io_rig_attach(&rig, 0x00C, "2540R", ebcdic_deck(2), "ebcdic", NULL);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    assert_card_text(0x200, "CARD 1");
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "CARD 2");
}
END_TEST

START_TEST(test_read_count_other_than_80_is_incorrect_length)
{
    io_rig_attach(&rig, 0x00C, "2540R", ebcdic_deck(3), NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 40);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 0));
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 100);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 20));
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, CCW_SUPPRESS_LENGTH, 100);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 20));
}
END_TEST

START_TEST(test_empty_hopper_is_intervention_required)
{
    io_rig_attach(&rig, 0x00C, "3505", ebcdic_deck(1), NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    ck_assert_int_eq(io_rig_command(&rig, 0x00C, 0x02, 0x200, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
    io_rig_command_wait(&rig, 0x00C, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], SENSE_INTERVENTION_REQUIRED);
}
END_TEST

START_TEST(test_empty_hopper_with_eof_is_unit_exception_on_every_read)
{
    io_rig_attach(&rig, 0x00C, "2501", ebcdic_deck(1), "eof", NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    ck_assert_int_eq(io_rig_command(&rig, 0x00C, 0x02, 0x200, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 80));
    ck_assert_int_eq(io_rig_command(&rig, 0x00C, 0x02, 0x200, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 80));
}
END_TEST

START_TEST(test_text_deck_is_translated_padded_and_folded_to_upper_case)
{
    const char *text = "// JOB hello\r\nshort\n\tTAB\n";
    io_rig_attach(&rig, 0x00C, "2540R", keep(io_test_file(text, strlen(text))), "ascii", NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "// JOB HELLO");
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "SHORT");
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "        TAB");
}
END_TEST

START_TEST(test_lowercase_option_keeps_lower_case)
{
    const char *text = "Mixed Case\n";
    io_rig_attach(&rig, 0x00C, "2540R", keep(io_test_file(text, strlen(text))), "ascii", "lowercase", NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "Mixed Case");
}
END_TEST

START_TEST(test_format_is_detected_without_ascii_or_ebcdic)
{
    const char *text = "DETECTED AS TEXT\n";
    io_rig_attach(&rig, 0x00C, "2540R", keep(io_test_file(text, strlen(text))), NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "DETECTED AS TEXT");
    io_rig_attach(&rig, 0x00D, "2540R", ebcdic_deck(1), NULL);
    io_rig_command_wait(&rig, 0x00D, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "CARD 1");
}
END_TEST

START_TEST(test_text_line_longer_than_80_is_refused_naming_the_line_unless_trunc)
{
    char text[200];
    memset(text, 'A', 90);
    strcpy(text + 90, "\n");
    char *deck = keep(io_test_file("OK\n", 3));
    char *longdeck = keep(io_test_file(text, strlen(text)));
    char both[256];
    snprintf(both, sizeof both, "%s", longdeck);
    struct error err;
    char *argv[] = {deck, both, "ascii"};
    ck_assert(!io_rig_try_attach(&rig, 0x00C, "2540R", argv, 3, &err));
    char want[512];
    snprintf(want, sizeof want,
             "device 00C (2540R): %s:1: the card has 90 columns, more than 80 (the trunc option cuts it)", longdeck);
    ck_assert_str_eq(err.message, want);
    char *argv2[] = {longdeck, "ascii", "trunc"};
    ck_assert(io_rig_try_attach(&rig, 0x00C, "2540R", argv2, 3, &err));
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
}
END_TEST

START_TEST(test_ebcdic_file_not_whole_cards_is_refused_unless_autopad)
{
    uint8_t bytes[83];
    memset(bytes, 0xC1, sizeof bytes);
    char *deck = keep(io_test_file(bytes, sizeof bytes));
    struct error err;
    char *argv[] = {deck, "ebcdic"};
    ck_assert(!io_rig_try_attach(&rig, 0x00C, "2540R", argv, 2, &err));
    ck_assert(strstr(err.message, "83 bytes is not a whole number of 80-byte cards (the last card has 3 bytes") !=
              NULL);
    char *argv2[] = {deck, "ebcdic", "autopad"};
    ck_assert(io_rig_try_attach(&rig, 0x00C, "2540R", argv2, 3, &err));
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    ck_assert_mem_eq(mem(0x200), "\xC1\xC1\xC1\x40\x40", 5);
}
END_TEST

START_TEST(test_missing_file_and_unknown_option_are_refused)
{
    struct error err;
    char *argv[] = {"/nonexistent/deck"};
    ck_assert(!io_rig_try_attach(&rig, 0x00C, "2540R", argv, 1, &err));
    ck_assert_str_eq(err.message, "device 00C (2540R): /nonexistent/deck: No such file or directory");
    char *argv2[] = {"speed=fast"};
    ck_assert(!io_rig_try_attach(&rig, 0x00C, "2540R", argv2, 1, &err));
    ck_assert_str_eq(err.message, "device 00C (2540R): unknown reader option 'speed=fast'");
}
END_TEST

START_TEST(test_files_without_multifile_end_one_by_one)
{
    char *a = ebcdic_deck(1);
    char *b = ebcdic_deck(1);
    io_rig_attach(&rig, 0x00C, "2540R", a, b, "eof", NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    ck_assert_int_eq(io_rig_command(&rig, 0x00C, 0x02, 0x200, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 80));
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80), 0);
    assert_card_text(0x200, "CARD 1");
}
END_TEST

START_TEST(test_files_with_multifile_follow_each_other)
{
    char *a = ebcdic_deck(1);
    char *b = ebcdic_deck(2);
    io_rig_attach(&rig, 0x00C, "2540R", a, b, "eof", "multifile", NULL);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80), 0);
        io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    }
    ck_assert_int_eq(io_rig_command(&rig, 0x00C, 0x02, 0x200, 0, 80), 1);
}
END_TEST

START_TEST(test_devinit_of_an_empty_reader_presents_device_end)
{
    io_rig_attach(&rig, 0x00C, "2540R", ebcdic_deck(1), "eof", NULL);
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    char *argv[] = {ebcdic_deck(1), "eof"};
    struct error err;
    ck_assert_msg(channel_reinit(&rig.cs, 0x00C, 2, argv, &err), "%s", err.message);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "CARD 1");
}
END_TEST

START_TEST(test_devinit_of_a_reader_with_cards_presents_nothing)
{
    io_rig_attach(&rig, 0x00C, "2540R", ebcdic_deck(2), NULL);
    char *argv[] = {ebcdic_deck(1)};
    struct error err;
    ck_assert(channel_reinit(&rig.cs, 0x00C, 1, argv, &err));
    ck_assert_int_eq(io_rig_accept(&rig), -1);
}
END_TEST

START_TEST(test_devinit_with_a_bad_deck_keeps_the_old_one)
{
    io_rig_attach(&rig, 0x00C, "2540R", ebcdic_deck(1), NULL);
    char *argv[] = {"/nonexistent/deck"};
    struct error err;
    ck_assert(!channel_reinit(&rig.cs, 0x00C, 1, argv, &err));
    ck_assert_str_eq(err.message, "device 00C (2540R): /nonexistent/deck: No such file or directory");
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "CARD 1");
}
END_TEST

START_TEST(test_feed_skips_a_card_channel_end_at_once_device_end_later)
{
    io_rig_attach(&rig, 0x00C, "2540R", ebcdic_deck(2), NULL);
    ck_assert_int_eq(io_rig_command(&rig, 0x00C, 0x23, 0x200, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, UNIT_CHANNEL_END, 0, 1));
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
    io_rig_command_wait(&rig, 0x00C, 0x02, 0x200, 0, 80);
    assert_card_text(0x200, "CARD 2");
}
END_TEST

START_TEST(test_stacker_selects_read_and_column_binary_is_rejected)
{
    io_rig_attach(&rig, 0x00C, "2540R", ebcdic_deck(3), NULL);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00C, 0x42, 0x200, 0, 80), 0);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00C, 0x82, 0x200, 0, 80), 0);
    ck_assert_int_eq(io_rig_command(&rig, 0x00C, 0x22, 0x200, 0, 160), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 160));
    io_rig_command_wait(&rig, 0x00C, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], SENSE_COMMAND_REJECT);
}
END_TEST

/* ---- Punches. */

START_TEST(test_punch_writes_ebcdic_card_images_by_default)
{
    char *out = keep(io_test_file_name());
    io_rig_attach(&rig, 0x00D, "2540P", out, NULL);
    ascii_to_ebcdic(mem(0x200), (const uint8_t *)"PUNCH", 5);
    memset(mem(0x205), 0x40, 75);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00D, 0x01, 0x200, 0, 80), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    channel_detach(&rig.cs, 0x00D, NULL);
    size_t n;
    char *bytes = io_test_read_file(out, &n);
    ck_assert_uint_eq(n, 80);
    ck_assert_mem_eq(bytes, mem(0x200), 80);
    free(bytes);
}
END_TEST

START_TEST(test_punch_ascii_lines_lose_trailing_blanks_and_crlf_ends_them)
{
    char *out = keep(io_test_file_name());
    io_rig_attach(&rig, 0x00D, "3525", out, "ascii", "crlf", NULL);
    memset(mem(0x200), 0x40, 80);
    ascii_to_ebcdic(mem(0x200), (const uint8_t *)"ONE", 3);
    io_rig_command_wait(&rig, 0x00D, 0x01, 0x200, 0, 80);
    /* A short count: the rest of the card is blank, and incorrect length. */
    ascii_to_ebcdic(mem(0x300), (const uint8_t *)"TWO", 3);
    io_rig_command_wait(&rig, 0x00D, 0x41, 0x300, 0, 3);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 0));
    channel_detach(&rig.cs, 0x00D, NULL);
    size_t n;
    char *text = io_test_read_file(out, &n);
    ck_assert_str_eq(text, "ONE\r\nTWO\r\n");
    free(text);
}
END_TEST

START_TEST(test_punch_noclear_appends)
{
    char *out = keep(io_test_file("OLD\n", 4));
    io_rig_attach(&rig, 0x00D, "2540P", out, "ascii", "noclear", NULL);
    memset(mem(0x200), 0x40, 80);
    ascii_to_ebcdic(mem(0x200), (const uint8_t *)"NEW", 3);
    io_rig_command_wait(&rig, 0x00D, 0x01, 0x200, 0, 80);
    channel_detach(&rig.cs, 0x00D, NULL);
    size_t n;
    char *text = io_test_read_file(out, &n);
    ck_assert_str_eq(text, "OLD\nNEW\n");
    free(text);
}
END_TEST

START_TEST(test_punch_without_file_name_is_refused)
{
    struct error err;
    ck_assert(!io_rig_try_attach(&rig, 0x00D, "2540P", NULL, 0, &err));
    ck_assert_str_eq(err.message, "device 00D (2540P): a punch needs an output file name");
}
END_TEST

/* ---- The 1442. */

START_TEST(test_1442_reads_and_punches_with_punch_option)
{
    char *out = keep(io_test_file_name());
    char punch[300];
    snprintf(punch, sizeof punch, "punch=%s", out);
    io_rig_attach(&rig, 0x00A, "1442", ebcdic_deck(1), "eof", punch, NULL);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00A, 0x02, 0x200, 0, 80), 0);
    assert_card_text(0x200, "CARD 1");
    ck_assert_int_eq(io_rig_command(&rig, 0x00A, 0x02, 0x200, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 80));
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00A, 0x81, 0x200, 0, 80), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    channel_detach(&rig.cs, 0x00A, NULL);
    size_t n;
    char *bytes = io_test_read_file(out, &n);
    ck_assert_uint_eq(n, 80);
    free(bytes);
}
END_TEST

START_TEST(test_1442_punch_command_without_punch_file_is_intervention_required)
{
    io_rig_attach(&rig, 0x00A, "1442", ebcdic_deck(1), NULL);
    ck_assert_int_eq(io_rig_command(&rig, 0x00A, 0x01, 0x200, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
    io_rig_command_wait(&rig, 0x00A, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], SENSE_INTERVENTION_REQUIRED);
}
END_TEST

START_TEST(test_1442_rejects_commands_outside_its_set)
{
    io_rig_attach(&rig, 0x00A, "1442", ebcdic_deck(1), NULL);
    static const uint8_t rejected[] = {0x82, 0x22, 0x0A, 0x13, 0x05};
    for (size_t i = 0; i < sizeof rejected; i++) {
        ck_assert_int_eq(io_rig_command(&rig, 0x00A, rejected[i], 0x200, 0, 80), 1);
        io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
    }
    ck_assert_int_eq(io_rig_command(&rig, 0x00A, 0x03, 0x200, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
}
END_TEST

START_TEST(test_1442_n2_punches_to_its_file)
{
    char *out = keep(io_test_file_name());
    io_rig_attach(&rig, 0x00D, "1442N2", out, "ascii", NULL);
    memset(mem(0x200), 0x40, 80);
    ascii_to_ebcdic(mem(0x200), (const uint8_t *)"N2", 2);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00D, 0x01, 0x200, 0, 80), 0);
    ck_assert_int_eq(io_rig_command(&rig, 0x00D, 0x02, 0x200, 0, 80), 1); /* no reading */
    channel_detach(&rig.cs, 0x00D, NULL);
    size_t n;
    char *text = io_test_read_file(out, &n);
    ck_assert_str_eq(text, "N2\n");
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("card_units");
    TCase *tc = tcase_create("card_units");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_transfers_the_next_80_column_card);
    tcase_add_test(tc, test_read_count_other_than_80_is_incorrect_length);
    tcase_add_test(tc, test_empty_hopper_is_intervention_required);
    tcase_add_test(tc, test_empty_hopper_with_eof_is_unit_exception_on_every_read);
    tcase_add_test(tc, test_text_deck_is_translated_padded_and_folded_to_upper_case);
    tcase_add_test(tc, test_lowercase_option_keeps_lower_case);
    tcase_add_test(tc, test_format_is_detected_without_ascii_or_ebcdic);
    tcase_add_test(tc, test_text_line_longer_than_80_is_refused_naming_the_line_unless_trunc);
    tcase_add_test(tc, test_ebcdic_file_not_whole_cards_is_refused_unless_autopad);
    tcase_add_test(tc, test_missing_file_and_unknown_option_are_refused);
    tcase_add_test(tc, test_files_without_multifile_end_one_by_one);
    tcase_add_test(tc, test_files_with_multifile_follow_each_other);
    tcase_add_test(tc, test_devinit_of_an_empty_reader_presents_device_end);
    tcase_add_test(tc, test_devinit_of_a_reader_with_cards_presents_nothing);
    tcase_add_test(tc, test_devinit_with_a_bad_deck_keeps_the_old_one);
    tcase_add_test(tc, test_feed_skips_a_card_channel_end_at_once_device_end_later);
    tcase_add_test(tc, test_stacker_selects_read_and_column_binary_is_rejected);
    tcase_add_test(tc, test_punch_writes_ebcdic_card_images_by_default);
    tcase_add_test(tc, test_punch_ascii_lines_lose_trailing_blanks_and_crlf_ends_them);
    tcase_add_test(tc, test_punch_noclear_appends);
    tcase_add_test(tc, test_punch_without_file_name_is_refused);
    tcase_add_test(tc, test_1442_reads_and_punches_with_punch_option);
    tcase_add_test(tc, test_1442_punch_command_without_punch_file_is_intervention_required);
    tcase_add_test(tc, test_1442_rejects_commands_outside_its_set);
    tcase_add_test(tc, test_1442_n2_punches_to_its_file);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
