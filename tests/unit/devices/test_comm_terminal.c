/* The terminal at the far end of a line (devices/comm_terminal.c): what a
 * 2741 or a Teletype sends when a key is typed and prints for what the
 * program writes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/comm_terminal.h"

static struct comm_terminal terminal_2741(enum comm_2741_code_set set)
{
    struct comm_terminal_config config = {COMM_TERMINAL_2741, set, COMM_PARITY_EVEN, false, 0x03, true};
    struct comm_terminal t;
    comm_terminal_init(&t, &config);
    return t;
}

static struct comm_terminal terminal_tty(bool upper_case_only)
{
    struct comm_terminal_config config = {COMM_TERMINAL_TTY, COMM_2741_EBCD, COMM_PARITY_EVEN, upper_case_only,
                                          0x03, true};
    struct comm_terminal t;
    comm_terminal_init(&t, &config);
    return t;
}

/* Types `text`; collects the codes sent and the echo; returns the result
 * of the last key. */
static enum comm_key_result type(struct comm_terminal *t, const char *text, uint8_t *codes, size_t *code_count,
                                 char *echo)
{
    enum comm_key_result result = COMM_KEY_NOTHING;
    size_t n = 0, e = 0;
    for (const char *p = text; *p; p++) {
        struct comm_key key;
        result = comm_terminal_key(t, (uint8_t)*p, &key);
        memcpy(codes + n, key.codes, key.code_count);
        n += key.code_count;
        memcpy(echo + e, key.echo, key.echo_count);
        e += key.echo_count;
    }
    *code_count = n;
    echo[e] = '\0';
    return result;
}

static void print(struct comm_terminal *t, const uint8_t *codes, size_t length, char *out)
{
    size_t n = comm_terminal_print(t, codes, length, (uint8_t *)out);
    out[n] = '\0';
}

#define assert_codes(got, got_length, ...)                                                                    \
    do {                                                                                                      \
        static const uint8_t expected_[] = {__VA_ARGS__};                                                     \
        ck_assert_uint_eq((got_length), sizeof expected_);                                                    \
        ck_assert_mem_eq((got), expected_, sizeof expected_);                                                 \
    } while (0)

START_TEST(test_2741_first_letter_after_answer_carries_a_shift_and_return_sends_nl_eot)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    uint8_t codes[64];
    size_t n;
    char echo[64];
    ck_assert_int_eq(type(&t, "Hi\r", codes, &n, echo), COMM_KEY_END);
    assert_codes(codes, n, 0x1C, 0x70, 0x7C, 0x73, 0x5B, 0x1F);
    ck_assert_str_eq(echo, "Hi\r\n");
}
END_TEST

START_TEST(test_2741_transmission_after_program_eot_opens_with_eoa)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    static const uint8_t prompt[] = {0x62, 0x5B, 0x1F}; /* "a", NL, EOT */
    char out[16];
    print(&t, prompt, sizeof prompt, out);
    ck_assert_str_eq(out, "a\r\n");
    uint8_t codes[64];
    size_t n;
    char echo[64];
    ck_assert_int_eq(type(&t, "b\r", codes, &n, echo), COMM_KEY_END);
    /* EOA, then the shift the first letter after the answer carries. */
    assert_codes(codes, n, 0x16, 0x7C, 0x64, 0x5B, 0x1F);
    /* The next transmission starts in text mode: no EOA; its first letter
     * carries its shift again. */
    ck_assert_int_eq(type(&t, "c\r", codes, &n, echo), COMM_KEY_END);
    assert_codes(codes, n, 0x7C, 0x67, 0x5B, 0x1F);
}
END_TEST

START_TEST(test_2741_prints_nothing_between_eot_and_eoa)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    static const uint8_t codes[] = {0x62, 0x1F, 0x64, 0x67, 0x16, 0x68};
    char out[16];
    print(&t, codes, sizeof codes, out);
    ck_assert_str_eq(out, "ad");
}
END_TEST

START_TEST(test_2741_program_shift_characters_set_the_printing_case)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    static const uint8_t codes[] = {0x62, 0x1C, 0x62, 0x02, 0x7C, 0x62, 0x02, 0x5B, 0x5D, 0x7A, 0x3B, 0x5E, 0x7F};
    char out[32];
    print(&t, codes, sizeof codes, out);
    ck_assert_str_eq(out, "aA=a1\r\n\b\t\n");
    /* Within a transmission, typing in the case of the element needs no
     * shift, even when the program set it meanwhile. */
    uint8_t typed[8];
    size_t n;
    char echo[8];
    type(&t, "B", typed, &n, echo);
    assert_codes(typed, n, 0x1C, 0x64);
    static const uint8_t down[] = {0x7C};
    print(&t, down, 1, out);
    type(&t, "bC", typed, &n, echo);
    assert_codes(typed, n, 0x64, 0x1C, 0x67);
}
END_TEST

START_TEST(test_2741_space_and_correspondence_period_need_no_shift)
{
    struct comm_terminal t = terminal_2741(COMM_2741_CORRESPONDENCE);
    uint8_t codes[16];
    size_t n;
    char echo[16];
    type(&t, " .A.", codes, &n, echo);
    assert_codes(codes, n, 0x01, 0x45, 0x1C, 0x4F, 0x45);
    ck_assert_str_eq(echo, " .A.");
}
END_TEST

START_TEST(test_2741_cent_and_not_signs_are_typed_and_shown_as_bracket_and_caret)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    uint8_t codes[16];
    size_t n;
    char echo[16];
    type(&t, "[~", codes, &n, echo);
    assert_codes(codes, n, 0x1C, 0x20, 0x76);
    ck_assert_str_eq(echo, "[^");
    static const uint8_t printed[] = {0x20, 0x76, 0x7C, 0x20};
    char out[8];
    print(&t, printed, sizeof printed, out);
    ck_assert_str_eq(out, "[^@");
}
END_TEST

START_TEST(test_2741_bypass_inhibits_printing_of_typed_characters_until_restore)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    static const uint8_t bypass[] = {0x38};
    char out[8];
    print(&t, bypass, 1, out);
    uint8_t codes[16];
    size_t n;
    char echo[16];
    type(&t, "pw\r", codes, &n, echo);
    ck_assert_str_eq(echo, "\r\n");
    assert_codes(codes, n, 0x7C, 0x4F, 0x2C, 0x5B, 0x1F);
    static const uint8_t restore[] = {0x58};
    print(&t, restore, 1, out);
    type(&t, "x", codes, &n, echo);
    ck_assert_str_eq(echo, "x");
}
END_TEST

START_TEST(test_2741_refuses_keys_it_does_not_have_with_a_bell)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    struct comm_key key;
    ck_assert_int_eq(comm_terminal_key(&t, '{', &key), COMM_KEY_REFUSED);
    ck_assert_uint_eq(key.code_count, 0);
    ck_assert_uint_eq(key.echo_count, 1);
    ck_assert_uint_eq(key.echo[0], 0x07);
    ck_assert_int_eq(comm_terminal_key(&t, 0x01, &key), COMM_KEY_REFUSED);
}
END_TEST

START_TEST(test_attention_key_is_control_c_by_default_and_abandons_the_transmission)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    struct comm_key key;
    comm_terminal_key(&t, 'a', &key);
    ck_assert(t.transmitting);
    ck_assert_int_eq(comm_terminal_key(&t, 0x03, &key), COMM_KEY_ATTENTION);
    ck_assert(!t.transmitting);
    ck_assert_uint_eq(key.code_count, 0);
    t.config.attention_key = -1;
    ck_assert_int_eq(comm_terminal_key(&t, 0x03, &key), COMM_KEY_REFUSED);
}
END_TEST

START_TEST(test_return_as_cr_lf_is_one_key)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    struct comm_key key;
    ck_assert_int_eq(comm_terminal_key(&t, '\r', &key), COMM_KEY_END);
    ck_assert_int_eq(comm_terminal_key(&t, '\n', &key), COMM_KEY_NOTHING);
    ck_assert_uint_eq(key.code_count, 0);
    /* A LF by itself is RETURN too. */
    ck_assert_int_eq(comm_terminal_key(&t, '\n', &key), COMM_KEY_END);
    assert_codes(key.codes, key.code_count, 0x5B, 0x1F);
}
END_TEST

START_TEST(test_backspace_and_tab_keys_send_2741_backspace_and_tab)
{
    struct comm_terminal t = terminal_2741(COMM_2741_EBCD);
    uint8_t codes[16];
    size_t n;
    char echo[16];
    type(&t, "a\x7F\b\t", codes, &n, echo);
    assert_codes(codes, n, 0x7C, 0x62, 0x5D, 0x5D, 0x7A);
    ck_assert_str_eq(echo, "a\b\b\t");
}
END_TEST

START_TEST(test_tty_33_sends_upper_case_bit_reversed_ascii_and_cr_ends)
{
    struct comm_terminal t = terminal_tty(true);
    uint8_t codes[16];
    size_t n;
    char echo[16];
    ck_assert_int_eq(type(&t, "hi\r", codes, &n, echo), COMM_KEY_END);
    /* H 48 -> even parity 48 -> reversed 12; I 49 -> C9 -> 93; CR -> B1. */
    assert_codes(codes, n, 0x12, 0x93, 0xB1);
    ck_assert_str_eq(echo, "HI\r\n");
    ck_assert(comm_terminal_ends_transmission(&t, 0xB1));
    ck_assert(!comm_terminal_end_is_exception(&t, 0xB1));
}
END_TEST

START_TEST(test_tty_eot_ends_the_transmission_with_exception)
{
    struct comm_terminal t = terminal_tty(false);
    struct comm_key key;
    ck_assert_int_eq(comm_terminal_key(&t, 0x04, &key), COMM_KEY_END);
    assert_codes(key.codes, key.code_count, 0x21);
    ck_assert(comm_terminal_ends_transmission(&t, 0x21));
    ck_assert(comm_terminal_end_is_exception(&t, 0x21));
    ck_assert_int_eq(comm_terminal_key(&t, 'a', &key), COMM_KEY_DATA);
    ck_assert_uint_eq(key.code_count, 1);
    ck_assert_uint_eq(key.codes[0], comm_tty_line_from_ascii('a', COMM_PARITY_EVEN));
}
END_TEST

START_TEST(test_tty_prints_ascii_folding_lower_case_and_dropping_fill)
{
    struct comm_terminal t = terminal_tty(true);
    const char *text = "ok\r\n\0\x7F{x";
    uint8_t codes[16];
    for (size_t i = 0; i < 8; i++)
        codes[i] = comm_tty_line_from_ascii((uint8_t)text[i], COMM_PARITY_EVEN);
    char out[16];
    print(&t, codes, 8, out);
    ck_assert_str_eq(out, "OK\r\n[X");
    struct comm_terminal lower = terminal_tty(false);
    print(&lower, codes, 8, out);
    ck_assert_str_eq(out, "ok\r\n{x");
}
END_TEST

static Suite *terminal_suite(void)
{
    Suite *s = suite_create("2703 terminals");
    TCase *t = tcase_create("terminal");
    tcase_add_test(t, test_2741_first_letter_after_answer_carries_a_shift_and_return_sends_nl_eot);
    tcase_add_test(t, test_2741_transmission_after_program_eot_opens_with_eoa);
    tcase_add_test(t, test_2741_prints_nothing_between_eot_and_eoa);
    tcase_add_test(t, test_2741_program_shift_characters_set_the_printing_case);
    tcase_add_test(t, test_2741_space_and_correspondence_period_need_no_shift);
    tcase_add_test(t, test_2741_cent_and_not_signs_are_typed_and_shown_as_bracket_and_caret);
    tcase_add_test(t, test_2741_bypass_inhibits_printing_of_typed_characters_until_restore);
    tcase_add_test(t, test_2741_refuses_keys_it_does_not_have_with_a_bell);
    tcase_add_test(t, test_attention_key_is_control_c_by_default_and_abandons_the_transmission);
    tcase_add_test(t, test_return_as_cr_lf_is_one_key);
    tcase_add_test(t, test_backspace_and_tab_keys_send_2741_backspace_and_tab);
    tcase_add_test(t, test_tty_33_sends_upper_case_bit_reversed_ascii_and_cr_ends);
    tcase_add_test(t, test_tty_eot_ends_the_transmission_with_exception);
    tcase_add_test(t, test_tty_prints_ascii_folding_lower_case_and_dropping_fill);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(terminal_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
