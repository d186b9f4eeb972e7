/* PACK, UNPK, MVO (no validity checks, right to left, overlap byte by
 * byte as POO A22-6821 describes), and CVB, CVD (RX, ILC 2). Test names
 * state the rule. Instructions use base 0: displacements are addresses. */
#include <check.h>
#include <stdlib.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"
#include "tests/unit/cpu/test_decimal_support.h"

#define SS_NEXT (TEST_CODE + 6)
#define RX_NEXT (TEST_CODE + 4)

/* Runs one SS instruction with operands at X'800' and X'900' and checks
 * the first operand afterwards, the second unchanged, the CC untouched. */
#define check_move(ascii, instruction, op1, op2, result) \
    check_move_at(ascii, instruction, op1, op2, result, __LINE__)
static void check_move_at(bool ascii, const char *instruction, const char *op1, const char *op2,
                          const char *result, int line)
{
    struct cpu c;
    decimal_cpu_init(&c, ascii, 0);
    test_set_psw(&c, 0, 0, ascii ? PSW_ASCII : 0, 1, 0, TEST_CODE);
    test_put_hex(&c, 0x800, op1);
    test_put_hex(&c, 0x900, op2);
    test_execute(&c, instruction);
    ck_assert_msg(!c.wait && c.ia == SS_NEXT, "line %d: unexpected interruption", line);
    assert_storage_at(&c, 0x800, result, __FILE__, line);
    assert_storage_at(&c, 0x900, op2, __FILE__, line);
    ck_assert_msg(c.cc == 1, "line %d: CC changed to %u", line, c.cc);
    cpu_free(&c);
}

/* ---- PACK ---- */

START_TEST(test_pack_zoned_to_packed_with_zone_of_last_digit_as_sign)
{
    check_move(false, "F223 0800 0900", "FFFFFF", "F1F2F3C4", "01234C");
}
END_TEST

START_TEST(test_pack_extends_with_zeros_and_ignores_other_zones)
{
    check_move(false, "F221 0800 0900", "FFFFFF", "35D7", "00057D");
}
END_TEST

START_TEST(test_pack_truncates_high_order_digits)
{
    check_move(false, "F214 0800 0900", "FFFF", "F1F2F3F4F5", "345F");
}
END_TEST

START_TEST(test_pack_checks_no_codes_and_moves_sign_unchanged)
{
    /* Digits and sign are moved unchanged and not checked. */
    check_move(false, "F211 0800 0900", "0000", "ABCD", "0BDC");
}
END_TEST

START_TEST(test_pack_is_not_affected_by_the_ascii_bit)
{
    check_move(true, "F212 0800 0900", "0000", "5152F3", "123F");
}
END_TEST

START_TEST(test_pack_in_place_same_field)
{
    check_move(false, "F233 0800 0800", "F1F2F3F4", "F1F2F3F4", "0001234F");
}
END_TEST

START_TEST(test_pack_overlap_stores_each_result_byte_before_fetching_further_source_bytes)
{
    /* A22-6821 "Pack": overlapping fields are processed by storing each
     * result byte immediately after the operand bytes it needs are
     * fetched. PACK X'800'(3),X'801'(4) with F1F2F3F4 at X'801': the
     * first result byte 4F lands on X'802' (where F2 was) before F2 is
     * fetched, and so on: X'800' gets 03 F3 4F, not 01 23 4F. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "00 F1F2F3F4");
    test_execute(&c, "F223 0800 0801");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "03F34F F3F4");
    cpu_free(&c);
}
END_TEST

START_TEST(test_pack_protected_first_operand_is_protection_exception_storing_nothing)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x800, "AAAA");
    test_put_hex(&c, 0x1800, "F1F2");
    c.gpr[9] = 0x1800;
    test_execute(&c, "F211 0800 9000");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
    assert_storage(&c, 0x800, "AAAA");
    cpu_free(&c);
}
END_TEST

START_TEST(test_pack_second_operand_beyond_storage_is_addressing_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "AAAA");
    c.gpr[9] = TEST_STORAGE - 2;
    test_execute(&c, "F213 0800 9000");
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 3, SS_NEXT);
    assert_storage(&c, 0x800, "AAAA");
    cpu_free(&c);
}
END_TEST

/* ---- UNPK ---- */

START_TEST(test_unpk_packed_to_zoned_with_ebcdic_zones)
{
    check_move(false, "F342 0800 0900", "0000000000", "00123C", "F0F0F1F2C3");
}
END_TEST

START_TEST(test_unpk_in_ascii_mode_supplies_zone_0101)
{
    /* A22-6821 "Unpack": zones 1111 (EBCDIC) or 0101 (USASCII-8) by the
     * PSW A bit; the rightmost byte keeps the sign. */
    check_move(true, "F342 0800 0900", "0000000000", "00123C", "50505152C3");
}
END_TEST

START_TEST(test_unpk_truncates_and_checks_nothing)
{
    check_move(false, "F322 0800 0900", "000000", "12345D", "F3F4D5");
    check_move(false, "F321 0800 0900", "000000", "ABCD", "FAFBDC");
}
END_TEST

START_TEST(test_unpk_extends_with_zero_digits)
{
    check_move(false, "F350 0800 0900", "000000000000", "7C", "F0F0F0F0F0C7");
}
END_TEST

START_TEST(test_unpk_overlap_fetches_each_source_byte_once_after_earlier_stores)
{
    /* A22-6821 "Unpack": overlapping fields are processed right to left,
     * a result byte stored as soon as the source byte it needs is
     * fetched; a source byte gives two result bytes. UNPK X'800'(3),
     * X'801'(3) with 12345C at X'801': C5 lands on X'802' (where 34 was)
     * before that byte is fetched, so the digits come out 5 and C. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "00 12345C");
    test_execute(&c, "F322 0800 0801");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "FCF5C5 5C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_unpk_rightmost_bytes_coinciding_for_two_bytes_works)
{
    /* The programming note: with one or two bytes to unpack, the
     * rightmost bytes may coincide. UNPK X'800'(3),X'801'(2). */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "00 123C");
    test_execute(&c, "F321 0800 0801");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "F1F2C3");
    cpu_free(&c);
}
END_TEST

/* ---- MVO ---- */

START_TEST(test_mvo_places_second_operand_left_of_rightmost_digit_of_first)
{
    /* The PoO example: MVO with 7788990C and 123456 gives 0123456C. */
    check_move(false, "F132 0800 0900", "7788990C", "123456", "0123456C");
}
END_TEST

START_TEST(test_mvo_truncates_high_order_digits_of_second_operand)
{
    check_move(false, "F112 0800 0900", "000F", "123456", "456F");
}
END_TEST

START_TEST(test_mvo_checks_no_codes)
{
    check_move(false, "F111 0800 0900", "FFFF", "ABCD", "BCDF");
}
END_TEST

START_TEST(test_mvo_overlap_fetches_each_source_byte_after_earlier_stores)
{
    /* MVO X'800'(3),X'801'(3) with 123456 at X'801': the first result
     * byte 64 lands on X'802' before that byte is fetched, the second
     * (45) on X'801' before it is fetched: 56 45 64, not 23 45 64. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "00 123456");
    test_execute(&c, "F122 0800 0801");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "564564 56");
    cpu_free(&c);
}
END_TEST

START_TEST(test_mvo_same_field_shifts_right_one_digit)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "012345");
    test_execute(&c, "F121 0800 0800");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "001235");
    cpu_free(&c);
}
END_TEST

START_TEST(test_mvo_protected_first_operand_is_protection_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x2000 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    c.gpr[9] = 0x2000;
    test_execute(&c, "F100 9000 0900");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
    cpu_free(&c);
}
END_TEST

/* ---- CVB ---- */

static void run_cvb(struct cpu *c, const char *doubleword)
{
    decimal_cpu_init(c, false, 0);
    test_put_hex(c, 0x808, doubleword);
    c->gpr[3] = 0x5A5A5A5A;
    test_execute(c, "4F30 0808");
}

START_TEST(test_cvb_converts_positive_and_negative_values)
{
    struct cpu c;
    run_cvb(&c, "00000000 0000123C");
    test_assert_no_interrupt(&c, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 123);
    cpu_free(&c);
    run_cvb(&c, "00000000 0000001D");
    ck_assert_uint_eq(c.gpr[3], 0xFFFFFFFF);
    cpu_free(&c);
    run_cvb(&c, "00000000 0000001B");
    ck_assert_uint_eq(c.gpr[3], 0xFFFFFFFF);
    cpu_free(&c);
    run_cvb(&c, "00000000 0000001F");
    ck_assert_uint_eq(c.gpr[3], 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvb_negative_zero_gives_zero)
{
    struct cpu c;
    run_cvb(&c, "00000000 0000000D");
    test_assert_no_interrupt(&c, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvb_limits_minus_2147483648_and_2147483647_convert)
{
    struct cpu c;
    run_cvb(&c, "00000214 7483648D");
    test_assert_no_interrupt(&c, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 0x80000000);
    cpu_free(&c);
    run_cvb(&c, "00000214 7483647C");
    test_assert_no_interrupt(&c, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 0x7FFFFFFF);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvb_too_large_stores_low_32_bits_then_fixed_point_divide_code_9)
{
    /* A22-6821 "Fixed-Point Divide": the conversion is completed, ignoring
     * the bits beyond the register, then the interruption. */
    struct cpu c;
    run_cvb(&c, "00000214 7483648C");
    test_assert_program_interrupt(&c, PIC_FIXED_POINT_DIVIDE, 2, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 0x80000000);
    cpu_free(&c);
    run_cvb(&c, "99999999 9999999D");
    test_assert_program_interrupt(&c, PIC_FIXED_POINT_DIVIDE, 2, RX_NEXT);
    /* -999999999999999 = -0x38D7EA4C67FFF; its low 32 bits: */
    ck_assert_uint_eq(c.gpr[3], (uint32_t)(0 - UINT64_C(999999999999999)));
    cpu_free(&c);
    run_cvb(&c, "00000214 7483649D");
    test_assert_program_interrupt(&c, PIC_FIXED_POINT_DIVIDE, 2, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 0x7FFFFFFF);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvb_invalid_sign_or_digit_is_data_exception_register_unchanged)
{
    struct cpu c;
    run_cvb(&c, "00000000 00001234");
    test_assert_program_interrupt(&c, PIC_DATA, 2, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 0x5A5A5A5A);
    cpu_free(&c);
    run_cvb(&c, "A0000000 0000001C");
    test_assert_program_interrupt(&c, PIC_DATA, 2, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 0x5A5A5A5A);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvb_unaligned_doubleword_is_specification_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x80C, "00000000 0000001C");
    c.gpr[3] = 7;
    test_execute(&c, "4F30 080C");
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 7);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvb_uses_index_and_base_and_beyond_storage_is_addressing)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x2010, "00000000 0000042C");
    c.gpr[4] = 0x10;
    c.gpr[5] = 0x2000;
    test_execute(&c, "4F34 5000");
    test_assert_no_interrupt(&c, RX_NEXT);
    ck_assert_uint_eq(c.gpr[3], 42);
    c.gpr[5] = TEST_STORAGE;
    test_execute(&c, "4F34 5000");
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 2, RX_NEXT);
    cpu_free(&c);
}
END_TEST

/* ---- CVD ---- */

static void run_cvd(struct cpu *c, bool ascii, uint32_t value)
{
    decimal_cpu_init(c, ascii, 0);
    c->gpr[6] = value;
    test_execute(c, "4E60 0810");
}

START_TEST(test_cvd_converts_with_preferred_ebcdic_signs)
{
    struct cpu c;
    run_cvd(&c, false, 123);
    test_assert_no_interrupt(&c, RX_NEXT);
    assert_storage(&c, 0x810, "00000000 0000123C");
    cpu_free(&c);
    run_cvd(&c, false, (uint32_t)-1);
    assert_storage(&c, 0x810, "00000000 0000001D");
    cpu_free(&c);
    run_cvd(&c, false, 0);
    assert_storage(&c, 0x810, "00000000 0000000C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvd_extremes)
{
    struct cpu c;
    run_cvd(&c, false, 0x80000000);
    assert_storage(&c, 0x810, "00000214 7483648D");
    cpu_free(&c);
    run_cvd(&c, false, 0x7FFFFFFF);
    assert_storage(&c, 0x810, "00000214 7483647C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvd_in_ascii_mode_uses_signs_A_and_B)
{
    struct cpu c;
    run_cvd(&c, true, 5);
    assert_storage(&c, 0x810, "00000000 0000005A");
    cpu_free(&c);
    run_cvd(&c, true, (uint32_t)-5);
    assert_storage(&c, 0x810, "00000000 0000005B");
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvd_unaligned_is_specification_exception_storing_nothing)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.gpr[6] = 9;
    test_execute(&c, "4E60 0814");
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, RX_NEXT);
    assert_storage(&c, 0x810, "00000000 00000000 00000000");
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvd_into_protected_block_is_protection_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    c.gpr[6] = 9;
    test_execute(&c, "4E60 0810");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, RX_NEXT);
    assert_storage(&c, 0x810, "00000000 00000000");
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvd_then_cvb_round_trip)
{
    static const uint32_t values[] = {0, 1, 10, 99, 1000000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF0000};
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct cpu c;
        decimal_cpu_init(&c, false, 0);
        c.gpr[6] = values[i];
        test_execute(&c, "4E60 0810");
        test_execute(&c, "4F70 0810");
        test_assert_no_interrupt(&c, RX_NEXT);
        ck_assert_uint_eq(c.gpr[7], values[i]);
        cpu_free(&c);
    }
}
END_TEST

static Suite *decimal_format_suite(void)
{
    Suite *s = suite_create("decimal format conversions");
    TCase *t = tcase_create("PACK");
    tcase_add_test(t, test_pack_zoned_to_packed_with_zone_of_last_digit_as_sign);
    tcase_add_test(t, test_pack_extends_with_zeros_and_ignores_other_zones);
    tcase_add_test(t, test_pack_truncates_high_order_digits);
    tcase_add_test(t, test_pack_checks_no_codes_and_moves_sign_unchanged);
    tcase_add_test(t, test_pack_is_not_affected_by_the_ascii_bit);
    tcase_add_test(t, test_pack_in_place_same_field);
    tcase_add_test(t, test_pack_overlap_stores_each_result_byte_before_fetching_further_source_bytes);
    tcase_add_test(t, test_pack_protected_first_operand_is_protection_exception_storing_nothing);
    tcase_add_test(t, test_pack_second_operand_beyond_storage_is_addressing_exception);
    suite_add_tcase(s, t);

    t = tcase_create("UNPK");
    tcase_add_test(t, test_unpk_packed_to_zoned_with_ebcdic_zones);
    tcase_add_test(t, test_unpk_in_ascii_mode_supplies_zone_0101);
    tcase_add_test(t, test_unpk_truncates_and_checks_nothing);
    tcase_add_test(t, test_unpk_extends_with_zero_digits);
    tcase_add_test(t, test_unpk_overlap_fetches_each_source_byte_once_after_earlier_stores);
    tcase_add_test(t, test_unpk_rightmost_bytes_coinciding_for_two_bytes_works);
    suite_add_tcase(s, t);

    t = tcase_create("MVO");
    tcase_add_test(t, test_mvo_places_second_operand_left_of_rightmost_digit_of_first);
    tcase_add_test(t, test_mvo_truncates_high_order_digits_of_second_operand);
    tcase_add_test(t, test_mvo_checks_no_codes);
    tcase_add_test(t, test_mvo_overlap_fetches_each_source_byte_after_earlier_stores);
    tcase_add_test(t, test_mvo_same_field_shifts_right_one_digit);
    tcase_add_test(t, test_mvo_protected_first_operand_is_protection_exception);
    suite_add_tcase(s, t);

    t = tcase_create("CVB");
    tcase_add_test(t, test_cvb_converts_positive_and_negative_values);
    tcase_add_test(t, test_cvb_negative_zero_gives_zero);
    tcase_add_test(t, test_cvb_limits_minus_2147483648_and_2147483647_convert);
    tcase_add_test(t, test_cvb_too_large_stores_low_32_bits_then_fixed_point_divide_code_9);
    tcase_add_test(t, test_cvb_invalid_sign_or_digit_is_data_exception_register_unchanged);
    tcase_add_test(t, test_cvb_unaligned_doubleword_is_specification_exception);
    tcase_add_test(t, test_cvb_uses_index_and_base_and_beyond_storage_is_addressing);
    suite_add_tcase(s, t);

    t = tcase_create("CVD");
    tcase_add_test(t, test_cvd_converts_with_preferred_ebcdic_signs);
    tcase_add_test(t, test_cvd_extremes);
    tcase_add_test(t, test_cvd_in_ascii_mode_uses_signs_A_and_B);
    tcase_add_test(t, test_cvd_unaligned_is_specification_exception_storing_nothing);
    tcase_add_test(t, test_cvd_into_protected_block_is_protection_exception);
    tcase_add_test(t, test_cvd_then_cvb_round_trip);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(decimal_format_suite());
}
