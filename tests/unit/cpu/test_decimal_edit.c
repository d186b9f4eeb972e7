/* ED and EDMK (POO A22-6821 "Edit", "Edit and Mark"): fill byte, digit
 * selector X'20', significance starter X'21', field separator X'22',
 * message bytes, the significance indicator and the source signs,
 * condition codes, EDMK's register 1, data exceptions, overlap and access
 * exceptions. Patterns go at X'800' (or as stated), sources at X'900'. */
#include <check.h>
#include <stdlib.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"
#include "tests/unit/cpu/test_decimal_support.h"

#define SS_NEXT (TEST_CODE + 6)

/* Edits `source` into `pattern` with ED (or EDMK when `mark`), checks
 * the result and the CC; returns R1 after the instruction. */
#define check_edit(ascii, mark, pattern, source, result, cc) \
    check_edit_at(ascii, mark, pattern, source, result, cc, __LINE__)
static uint32_t check_edit_at(bool ascii, bool mark, const char *pattern, const char *source, const char *result,
                              unsigned cc, int line)
{
    struct cpu c;
    decimal_cpu_init(&c, ascii, 0);
    unsigned length = test_put_hex(&c, 0x800, pattern);
    test_put_hex(&c, 0x900, source);
    c.gpr[1] = 0xAB123456;
    char instruction[32];
    snprintf(instruction, sizeof instruction, "%s%02X 0800 0900", mark ? "DF" : "DE", length - 1);
    test_execute(&c, instruction);
    ck_assert_msg(!c.wait && c.ia == SS_NEXT, "line %d: unexpected interruption", line);
    assert_storage_at(&c, 0x800, result, __FILE__, line);
    assert_storage_at(&c, 0x900, source, __FILE__, line);
    ck_assert_msg(c.cc == cc, "line %d: CC %u, expected %u", line, c.cc, cc);
    uint32_t r1 = c.gpr[1];
    cpu_free(&c);
    return r1;
}

/* The PoO's example: pattern " dd,dsd.dd CR" (b = X'40', d = X'20',
 * s = X'21') edits 0257426 with a minus sign into "  2,574.26 CR". */
#define EXAMPLE_PATTERN "40 20 20 6B 20 21 20 4B 20 20 40 C3 D9"
#define EXAMPLE_MINUS_RESULT "40 40 F2 6B F5 F7 F4 4B F2 F6 40 C3 D9"

START_TEST(test_ed_poo_example_negative_keeps_credit_symbol_cc1)
{
    check_edit(false, false, EXAMPLE_PATTERN, "02 57 42 6D", EXAMPLE_MINUS_RESULT, 1);
}
END_TEST

START_TEST(test_ed_plus_sign_turns_significance_off_so_message_becomes_fill_cc2)
{
    check_edit(false, false, EXAMPLE_PATTERN, "02 57 42 6C", "40 40 F2 6B F5 F7 F4 4B F2 F6 40 40 40", 2);
    /* Every plus code (A, C, E, F) does it; both minus codes (B, D) not. */
    check_edit(false, false, EXAMPLE_PATTERN, "02 57 42 6F", "40 40 F2 6B F5 F7 F4 4B F2 F6 40 40 40", 2);
    check_edit(false, false, EXAMPLE_PATTERN, "02 57 42 6A", "40 40 F2 6B F5 F7 F4 4B F2 F6 40 40 40", 2);
    check_edit(false, false, EXAMPLE_PATTERN, "02 57 42 6E", "40 40 F2 6B F5 F7 F4 4B F2 F6 40 40 40", 2);
    check_edit(false, false, EXAMPLE_PATTERN, "02 57 42 6B", EXAMPLE_MINUS_RESULT, 1);
}
END_TEST

START_TEST(test_ed_all_zero_source_gives_fill_and_cc0)
{
    check_edit(false, false, "40 20 20 6B 20 20 20", "00 00 0C", "40 40 40 40 40 40 40", 0);
    /* A negative zero is still zero for the CC. */
    check_edit(false, false, "5C 20 20 20", "00 0D", "5C 5C 5C 5C", 0);
}
END_TEST

START_TEST(test_ed_significance_starter_forces_following_zeros_and_message_bytes)
{
    /* The starter stores the fill for its zero digit, then significance
     * is on: the message byte 4B stays, the next zero digit is printed. */
    check_edit(false, false, "40 20 20 21 4B 20 20", "00 00 5C", "40 40 40 40 4B F0 F5", 2);
}
END_TEST

START_TEST(test_ed_starter_on_zero_field_with_minus_sign_keeps_significance_cc0)
{
    /* Zero source: CC 0 though the indicator is on at the end. */
    check_edit(false, false, "40 21 20 4B 20 20 20 60", "00 00 0D", "40 40 F0 4B F0 F0 F0 60", 0);
}
END_TEST

START_TEST(test_ed_first_pattern_byte_is_fill_and_also_a_digit_selector)
{
    /* A22-6821 "Edit": the fill character may also be a control
     * character; the action is taken after it becomes the fill. */
    check_edit(false, false, "20 20 20", "01 2C", "20 F1 F2", 2);
}
END_TEST

START_TEST(test_ed_message_byte_as_fill_replaces_itself_unchanged)
{
    check_edit(false, false, "5B 20 20 20", "04 5D", "5B 5B F4 F5", 1);
}
END_TEST

START_TEST(test_ed_field_separator_resets_significance_and_cc_reflects_last_field)
{
    /* Field 1 is +1, field 2 is -0: CC 0 from the last field only. */
    check_edit(false, false, "40 20 22 20", "1C 0D", "40 F1 40 40", 0);
    /* Field 1 zero, field 2 negative: CC 1. */
    check_edit(false, false, "40 20 22 20 60", "0C 3D", "40 40 40 F3 60", 1);
    /* The separator is replaced by the fill even with significance on. */
    check_edit(false, false, "40 20 20 22 20", "12 3C", "40 F1 F2 40 F3", 2);
}
END_TEST

START_TEST(test_ed_right_digit_of_a_source_byte_feeds_the_next_selector_across_message_bytes)
{
    check_edit(false, false, "40 20 6B 20 6B 20 20 20", "12 34 5C", "40 F1 6B F2 6B F3 F4 F5", 2);
}
END_TEST

START_TEST(test_ed_in_ascii_mode_zones_digits_with_0101)
{
    /* Significance on at the end, no sign reached: CC 1. */
    check_edit(true, false, "20 20 20 20", "01 23 4C", "20 51 52 53", 1);
}
END_TEST

START_TEST(test_ed_pattern_without_selectors_copies_fill_for_message_bytes_cc0)
{
    check_edit(false, false, "40 C1 C2", "99", "40 40 40", 0);
}
END_TEST

START_TEST(test_ed_256_byte_pattern)
{
    /* L = 255: 256 pattern bytes; 255 selectors take 128 source bytes
     * of digit pairs (1,2), the last right half a sign. */
    char pattern[3 * 256 + 1] = "", result[3 * 256 + 1] = "", source[3 * 128 + 1] = "";
    strcat(pattern, "40 ");
    strcat(result, "40 ");
    for (unsigned i = 1; i < 256; i++) {
        strcat(pattern, "20 ");
        strcat(result, (i % 2) ? "F1 " : "F2 ");
    }
    for (unsigned i = 0; i < 127; i++)
        strcat(source, "12 ");
    strcat(source, "1C");
    check_edit(false, false, pattern, source, result, 2);
}
END_TEST

START_TEST(test_ed_sign_code_in_left_half_of_source_byte_is_data_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_set_psw(&c, 0, 0, 0, 2, 0, TEST_CODE);
    test_put_hex(&c, 0x800, "40 20 20 20 20");
    test_put_hex(&c, 0x900, "12 C3");
    test_execute(&c, "DE04 0800 0900");
    test_assert_program_interrupt(&c, PIC_DATA, 3, SS_NEXT);
    assert_storage(&c, 0x800, "40 20 20 20 20");
    ck_assert_uint_eq(old_psw_cc(&c), 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ed_right_half_is_never_invalid_digit_or_sign)
{
    /* Right halves 0-9 are digits, A-F signs: no data exception. */
    check_edit(false, false, "40 20 20 60", "1A 2B", "40 F1 F2 60", 1);
}
END_TEST

START_TEST(test_ed_source_bytes_are_fetched_only_as_needed)
{
    /* The pattern needs one source byte; the next one is beyond storage
     * and never fetched. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "40 20 20");
    c.gpr[9] = TEST_STORAGE - 1;
    test_put_hex(&c, TEST_STORAGE - 1, "45");
    test_execute(&c, "DE02 0800 9000");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "40 F4 F5");
    ck_assert_uint_eq(c.cc, 1); /* nonzero, no sign reached: indicator on */
    cpu_free(&c);
}
END_TEST

START_TEST(test_ed_source_beyond_storage_is_addressing_exception_storing_nothing)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "40 20 20 20");
    c.gpr[9] = TEST_STORAGE - 1;
    test_put_hex(&c, TEST_STORAGE - 1, "45");
    test_execute(&c, "DE03 0800 9000");
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 3, SS_NEXT);
    assert_storage(&c, 0x800, "40 20 20 20");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ed_pattern_crossing_into_protected_block_is_protection_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x1000 >> 11] = 0x50;
    c.storage.keys[0x1800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x17FE, "40 20 20 20");
    test_put_hex(&c, 0x900, "01 23");
    c.gpr[9] = 0x1000;
    test_execute(&c, "DE03 97FE 0900");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
    assert_storage(&c, 0x17FE, "40 20 20 20");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ed_pattern_crossing_a_2k_block_edits_correctly)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x17FE, "40 20 20 20");
    test_put_hex(&c, 0x900, "12 3C");
    c.gpr[9] = 0x1000;
    test_execute(&c, "DE03 97FE 0900");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x17FE, "40 F1 F2 F3");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ed_source_inside_pattern_reads_bytes_already_edited)
{
    /* Processing is left to right, a byte at a time: the source at X'800'
     * is the pattern itself. The first source byte (01) is read before
     * anything is stored; the second source byte, X'801', is read after
     * its pattern byte was replaced by the fill (01), so the last digit is
     * 0, not the 2 of the original X'20'. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "01 20 20 20");
    test_execute(&c, "DE03 0800 0800");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "01 01 F1 F0");
    ck_assert_uint_eq(c.cc, 1);
    cpu_free(&c);
}
END_TEST

/* ---- EDMK ---- */

START_TEST(test_edmk_puts_address_of_first_significant_digit_in_r1_bits_8_31)
{
    /* The digit 2 of the PoO example lands at X'802'; R1 bits 0-7 (AB)
     * are kept. */
    uint32_t r1 = check_edit(false, true, EXAMPLE_PATTERN, "02 57 42 6D", EXAMPLE_MINUS_RESULT, 1);
    ck_assert_uint_eq(r1, 0xAB000802);
}
END_TEST

START_TEST(test_edmk_leaves_r1_when_significance_is_forced_by_the_starter)
{
    /* The starter turns significance on with a zero digit; the 5 after it
     * is then no start of significance. */
    uint32_t r1 = check_edit(false, true, "40 21 20 20", "00 5C", "40 40 F0 F5", 2);
    ck_assert_uint_eq(r1, 0xAB123456);
}
END_TEST

START_TEST(test_edmk_zero_source_leaves_r1_unchanged)
{
    uint32_t r1 = check_edit(false, true, "40 20 20 20", "00 0C", "40 40 40 40", 0);
    ck_assert_uint_eq(r1, 0xAB123456);
}
END_TEST

START_TEST(test_edmk_starter_with_nonzero_digit_marks_it)
{
    /* Significance started by the digit itself at a starter position. */
    uint32_t r1 = check_edit(false, true, "40 20 21 20", "07 5C", "40 40 F7 F5", 2);
    ck_assert_uint_eq(r1, 0xAB000802);
}
END_TEST

START_TEST(test_edmk_marks_the_last_field_whose_significance_a_digit_started)
{
    uint32_t r1 = check_edit(false, true, "40 20 20 22 20 20", "12 03", "40 F1 F2 40 40 F3", 1);
    ck_assert_uint_eq(r1, 0xAB000805);
}
END_TEST

START_TEST(test_edmk_data_exception_leaves_r1_and_pattern)
{
    /* The first digit starts significance (a mark), then the next source
     * byte has a sign code in its left half: nothing is stored and R1
     * keeps its value. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "40 20 20 20");
    test_put_hex(&c, 0x900, "1F B2");
    c.gpr[1] = 0x11111111;
    test_execute(&c, "DF03 0800 0900");
    test_assert_program_interrupt(&c, PIC_DATA, 3, SS_NEXT);
    assert_storage(&c, 0x800, "40 20 20 20");
    ck_assert_uint_eq(c.gpr[1], 0x11111111);
    cpu_free(&c);
}
END_TEST

static Suite *decimal_edit_suite(void)
{
    Suite *s = suite_create("edit");
    TCase *t = tcase_create("ED");
    tcase_add_test(t, test_ed_poo_example_negative_keeps_credit_symbol_cc1);
    tcase_add_test(t, test_ed_plus_sign_turns_significance_off_so_message_becomes_fill_cc2);
    tcase_add_test(t, test_ed_all_zero_source_gives_fill_and_cc0);
    tcase_add_test(t, test_ed_significance_starter_forces_following_zeros_and_message_bytes);
    tcase_add_test(t, test_ed_starter_on_zero_field_with_minus_sign_keeps_significance_cc0);
    tcase_add_test(t, test_ed_first_pattern_byte_is_fill_and_also_a_digit_selector);
    tcase_add_test(t, test_ed_message_byte_as_fill_replaces_itself_unchanged);
    tcase_add_test(t, test_ed_field_separator_resets_significance_and_cc_reflects_last_field);
    tcase_add_test(t, test_ed_right_digit_of_a_source_byte_feeds_the_next_selector_across_message_bytes);
    tcase_add_test(t, test_ed_in_ascii_mode_zones_digits_with_0101);
    tcase_add_test(t, test_ed_pattern_without_selectors_copies_fill_for_message_bytes_cc0);
    tcase_add_test(t, test_ed_256_byte_pattern);
    tcase_add_test(t, test_ed_sign_code_in_left_half_of_source_byte_is_data_exception);
    tcase_add_test(t, test_ed_right_half_is_never_invalid_digit_or_sign);
    tcase_add_test(t, test_ed_source_bytes_are_fetched_only_as_needed);
    tcase_add_test(t, test_ed_source_beyond_storage_is_addressing_exception_storing_nothing);
    tcase_add_test(t, test_ed_pattern_crossing_into_protected_block_is_protection_exception);
    tcase_add_test(t, test_ed_pattern_crossing_a_2k_block_edits_correctly);
    tcase_add_test(t, test_ed_source_inside_pattern_reads_bytes_already_edited);
    suite_add_tcase(s, t);

    t = tcase_create("EDMK");
    tcase_add_test(t, test_edmk_puts_address_of_first_significant_digit_in_r1_bits_8_31);
    tcase_add_test(t, test_edmk_leaves_r1_when_significance_is_forced_by_the_starter);
    tcase_add_test(t, test_edmk_zero_source_leaves_r1_unchanged);
    tcase_add_test(t, test_edmk_starter_with_nonzero_digit_marks_it);
    tcase_add_test(t, test_edmk_marks_the_last_field_whose_significance_a_digit_started);
    tcase_add_test(t, test_edmk_data_exception_leaves_r1_and_pattern);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(decimal_edit_suite());
}
