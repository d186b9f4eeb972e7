/* Decimal arithmetic instructions AP, SP, ZAP, CP, MP, DP (POO A22-6821
 * "Decimal Arithmetic"): results, condition codes, the preferred sign
 * codes of both PSW A-bit settings, decimal overflow and divide, data and
 * specification exceptions, overlap, and access exceptions with their
 * interruption code, ILC 3 and old PSW. Test names state the rule.
 *
 * Instructions are given in hex with base 0, so the displacements are the
 * operand addresses: "FA42 0800 0900" is AP X'800'(5),X'900'(3). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"
#include "tests/unit/cpu/test_decimal_support.h"

#define SS_NEXT (TEST_CODE + 6)

/* Runs one SS instruction on operands at X'800' and X'900' and checks the
 * first operand and the CC afterwards (no interruption); the second
 * operand must be unchanged. */
#define check_ss(ascii, instruction, op1, op2, result, cc) \
    check_ss_at(ascii, instruction, op1, op2, result, cc, __LINE__)
static void check_ss_at(bool ascii, const char *instruction, const char *op1, const char *op2, const char *result,
                        unsigned cc, int line)
{
    struct cpu c;
    decimal_cpu_init(&c, ascii, 0);
    test_put_hex(&c, 0x800, op1);
    test_put_hex(&c, 0x900, op2);
    c.cc = 3;
    test_execute(&c, instruction);
    ck_assert_msg(!c.wait && c.ia == SS_NEXT, "line %d: unexpected interruption (old PSW %08X %08X)", line,
                  test_get_word(&c, LOW_PROGRAM_OLD), test_get_word(&c, LOW_PROGRAM_OLD + 4));
    assert_storage_at(&c, 0x800, result, __FILE__, line);
    assert_storage_at(&c, 0x900, op2, __FILE__, line);
    ck_assert_msg(c.cc == cc, "line %d: CC %u, expected %u", line, c.cc, cc);
    cpu_free(&c);
}

/* Runs one SS instruction and checks it takes program interruption
 * `code` with ILC 3, leaving both operands as they were. */
#define check_ss_exception(instruction, op1, op2, code) \
    check_ss_exception_at(instruction, op1, op2, code, __LINE__)
static void check_ss_exception_at(const char *instruction, const char *op1, const char *op2, uint16_t code,
                                  int line)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, op1);
    test_put_hex(&c, 0x900, op2);
    test_execute(&c, instruction);
    test_assert_program_interrupt_at(&c, code, 3, SS_NEXT, __FILE__, line);
    assert_storage_at(&c, 0x800, op1, __FILE__, line);
    assert_storage_at(&c, 0x900, op2, __FILE__, line);
    cpu_free(&c);
}

/* ---- AP ---- */

START_TEST(test_ap_adds_and_sets_cc2_for_positive_sum)
{
    check_ss(false, "FA42 0800 0900", "000001234C", "05678C", "000006912C", 2);
}
END_TEST

START_TEST(test_ap_negative_sum_gets_preferred_minus_D_and_cc1)
{
    /* 12 + (-34) = -22; the alternate minus B in the input. */
    check_ss(false, "FA11 0800 0900", "012C", "034B", "022D", 1);
}
END_TEST

START_TEST(test_ap_zero_sum_is_positive_and_cc0)
{
    /* A22-6821 "Add Decimal": a zero sum is always positive. */
    check_ss(false, "FA11 0800 0900", "005D", "005C", "000C", 0);
    check_ss(false, "FA11 0800 0900", "000D", "000D", "000C", 0);
}
END_TEST

START_TEST(test_ap_accepts_every_plus_and_minus_code_and_generates_preferred_ones)
{
    /* Plus: A, C, E, F; minus: B, D (A22-6821 "Packed format"). */
    check_ss(false, "FA00 0800 0900", "1A", "2E", "3C", 2);
    check_ss(false, "FA00 0800 0900", "1F", "2C", "3C", 2);
    check_ss(false, "FA00 0800 0900", "1B", "2D", "3D", 1);
}
END_TEST

START_TEST(test_ap_in_ascii_mode_generates_plus_A_and_minus_B)
{
    /* PSW bit 12 (A): USASCII-8 preferred signs 1010 plus, 1011 minus. */
    check_ss(true, "FA00 0800 0900", "1C", "2C", "3A", 2);
    check_ss(true, "FA00 0800 0900", "1D", "2D", "3B", 1);
    check_ss(true, "FA00 0800 0900", "5D", "5C", "0A", 0);
}
END_TEST

START_TEST(test_ap_carry_propagates_through_all_31_digits)
{
    check_ss(false, "FAF0 0800 0900", "0999999999999999 999999999999999C", "1C",
             "1000000000000000 000000000000000C", 2);
}
END_TEST

START_TEST(test_ap_longer_second_operand_without_lost_digits_is_no_overflow)
{
    /* The field sizes alone are not an indication of overflow. */
    check_ss(false, "FA13 0800 0900", "001C", "0000002C", "003C", 2);
}
END_TEST

START_TEST(test_ap_overflow_sets_cc3_stores_truncated_sum_and_no_interrupt_when_masked_off)
{
    check_ss(false, "FA10 0800 0900", "999C", "1C", "000C", 3);
}
END_TEST

START_TEST(test_ap_overflow_with_mask_on_completes_then_interrupts_code_0A)
{
    struct cpu c;
    decimal_cpu_init(&c, false, PROGMASK_DECIMAL_OVERFLOW);
    test_put_hex(&c, 0x800, "999C");
    test_put_hex(&c, 0x900, "002C");
    test_execute(&c, "FA11 0800 0900");
    test_assert_program_interrupt(&c, PIC_DECIMAL_OVERFLOW, 3, SS_NEXT);
    assert_storage(&c, 0x800, "001C");
    ck_assert_uint_eq(old_psw_cc(&c), 3);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_overflow_from_longer_second_operand)
{
    /* Lost significant digits of an oversized second operand. */
    check_ss(false, "FA12 0800 0900", "001C", "12345C", "346C", 3);
}
END_TEST

START_TEST(test_ap_overflow_to_zero_keeps_sign_of_true_sum)
{
    /* A22-6821 "Add Decimal": when high-order digits are lost, a zero
     * result has the sign of the correct sum: a negative zero. */
    check_ss(false, "FA10 0800 0900", "999D", "1D", "000D", 3);
    check_ss(true, "FA10 0800 0900", "999D", "1D", "000B", 3);
}
END_TEST

START_TEST(test_ap_same_field_as_both_operands_doubles_it)
{
    /* Coincident rightmost bytes are allowed: a number added to itself. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "04321D");
    test_execute(&c, "FA22 0800 0800");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "08642D");
    ck_assert_uint_eq(c.cc, 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_coincident_rightmost_bytes_with_shorter_second_operand)
{
    /* X'800'(3) + X'801'(2): the second operand is the right part of the
     * first; 12345 + 345 = 12690. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "12345C");
    test_execute(&c, "FA21 0800 0801");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "12690C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_invalid_digit_in_first_operand_is_data_exception_storing_nothing)
{
    check_ss_exception("FA11 0800 0900", "0A1C", "001C", PIC_DATA);
}
END_TEST

START_TEST(test_ap_invalid_sign_in_second_operand_is_data_exception)
{
    check_ss_exception("FA11 0800 0900", "001C", "0019", PIC_DATA);
}
END_TEST

START_TEST(test_ap_sign_code_in_a_digit_position_is_data_exception)
{
    check_ss_exception("FA11 0800 0900", "001C", "0C1C", PIC_DATA);
    check_ss_exception("FA11 0800 0900", "D01C", "001C", PIC_DATA);
}
END_TEST

START_TEST(test_ap_data_exception_leaves_condition_code_unchanged)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_set_psw(&c, 0, 0, 0, 2, 0, TEST_CODE);
    test_put_hex(&c, 0x800, "1C");
    test_put_hex(&c, 0x900, "1A");
    test_put_hex(&c, 0x901, "FF");
    test_execute(&c, "FA01 0800 0900");
    test_assert_program_interrupt(&c, PIC_DATA, 3, SS_NEXT);
    ck_assert_uint_eq(old_psw_cc(&c), 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_protected_first_operand_is_protection_exception_storing_nothing)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x800, "001C");
    test_put_hex(&c, 0x1000 + 0x100, "002C");
    c.gpr[9] = 0x1000;
    test_execute(&c, "FA11 0800 9100");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
    assert_storage(&c, 0x800, "001C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_fetch_protected_second_operand_is_protection_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x2000 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x800, "001C");
    c.gpr[9] = 0x2000;
    test_execute(&c, "FA11 0800 9000");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
    assert_storage(&c, 0x800, "001C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_second_operand_beyond_storage_is_addressing_exception)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "001C");
    c.gpr[9] = TEST_STORAGE - 1; /* the operand's second byte is outside */
    test_execute(&c, "FA11 0800 9000");
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 3, SS_NEXT);
    assert_storage(&c, 0x800, "001C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_first_operand_crossing_into_protected_block_stores_nothing)
{
    /* All blocks of an operand are checked before anything is stored. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x1000 >> 11] = 0x50;
    c.storage.keys[0x1800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x17FE, "0000001C");
    test_put_hex(&c, 0x900, "9C");
    c.gpr[9] = 0x1000;
    test_execute(&c, "FA30 97FE 0900");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
    assert_storage(&c, 0x17FE, "0000001C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_ap_operands_crossing_a_2k_block_boundary_add_correctly)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x17FD, "00000987654C");
    test_put_hex(&c, 0x27FF, "12345C");
    c.gpr[9] = 0x1000;
    c.gpr[10] = 0x2000;
    test_execute(&c, "FA52 97FD A7FF");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x17FD, "00000999999C");
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

/* ---- SP ---- */

START_TEST(test_sp_subtracts_with_sign_of_second_operand_inverted)
{
    check_ss(false, "FB11 0800 0900", "050C", "075C", "025D", 1);
    check_ss(false, "FB11 0800 0900", "050C", "075D", "125C", 2);
    check_ss(false, "FB11 0800 0900", "050D", "075D", "025C", 2);
}
END_TEST

START_TEST(test_sp_of_a_field_from_itself_gives_positive_zero)
{
    /* A22-6821 "Subtract Decimal": a zero difference is positive; the
     * programming idiom SP X,X clears a field. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "98765D");
    test_execute(&c, "FB22 0800 0800");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "00000C");
    ck_assert_uint_eq(c.cc, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sp_overflow_sets_cc3_and_keeps_sign_of_true_difference)
{
    check_ss(false, "FB10 0800 0900", "999D", "1C", "000D", 3);
}
END_TEST

START_TEST(test_sp_in_ascii_mode_generates_ascii_signs)
{
    check_ss(true, "FB00 0800 0900", "1C", "3C", "2B", 1);
}
END_TEST

START_TEST(test_sp_invalid_digit_is_data_exception)
{
    check_ss_exception("FB11 0800 0900", "001C", "0F1C", PIC_DATA);
}
END_TEST

/* ---- ZAP ---- */

START_TEST(test_zap_extends_second_operand_with_zeros)
{
    check_ss(false, "F842 0800 0900", "FFFFFFFFFF", "12345D", "000012345D", 1);
}
END_TEST

START_TEST(test_zap_does_not_check_the_first_operand)
{
    /* A22-6821 "Zero and Add": only the second operand is checked. */
    check_ss(false, "F821 0800 0900", "ABCDEF", "001C", "00001C", 2);
}
END_TEST

START_TEST(test_zap_checks_the_second_operand)
{
    check_ss_exception("F821 0800 0900", "000000", "1A1C", PIC_DATA);
    check_ss_exception("F821 0800 0900", "000000", "0011", PIC_DATA);
}
END_TEST

START_TEST(test_zap_of_negative_zero_gives_positive_zero_cc0)
{
    check_ss(false, "F811 0800 0900", "999C", "000D", "000C", 0);
}
END_TEST

START_TEST(test_zap_normalizes_sign_to_preferred_code)
{
    check_ss(false, "F810 0800 0900", "0000", "7F", "007C", 2);
    check_ss(false, "F810 0800 0900", "0000", "7B", "007D", 1);
    check_ss(true, "F810 0800 0900", "0000", "7F", "007A", 2);
    check_ss(true, "F810 0800 0900", "0000", "7D", "007B", 1);
}
END_TEST

START_TEST(test_zap_overflow_keeps_second_operand_sign_for_zero_result)
{
    /* "When high-order digits are lost because of overflow, a zero
     * result has the sign of the second operand." */
    check_ss(false, "F812 0800 0900", "0000", "01000D", "000D", 3);
    check_ss(false, "F812 0800 0900", "0000", "12345C", "345C", 3);
}
END_TEST

START_TEST(test_zap_overflow_with_mask_on_interrupts_after_storing)
{
    struct cpu c;
    decimal_cpu_init(&c, false, PROGMASK_DECIMAL_OVERFLOW);
    test_put_hex(&c, 0x900, "12345C");
    test_execute(&c, "F802 0800 0900");
    test_assert_program_interrupt(&c, PIC_DECIMAL_OVERFLOW, 3, SS_NEXT);
    assert_storage(&c, 0x800, "5C");
    ck_assert_uint_eq(old_psw_cc(&c), 3);
    cpu_free(&c);
}
END_TEST

START_TEST(test_zap_result_rightmost_byte_right_of_source_rightmost_is_processed_right_to_left)
{
    /* A22-6821 "Zero and Add": the fields may overlap when the result's
     * rightmost byte is at or right of the source's. ZAP X'800'(4),
     * X'800'(3) shifts 12345 right by one byte into a longer field. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "12345C77");
    test_execute(&c, "F832 0800 0800");
    test_assert_no_interrupt(&c, SS_NEXT);
    assert_storage(&c, 0x800, "0012345C");
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_zap_first_operand_is_store_access_only)
{
    /* Store protection of the first operand: code 4; fetch protection of
     * a store-accessible block plays no part with matching keys. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    c.gpr[9] = 0x1800;
    test_put_hex(&c, 0x1800, "5C");
    test_execute(&c, "F800 0800 9000");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
    cpu_free(&c);
}
END_TEST

/* ---- CP ---- */

START_TEST(test_cp_equal_low_high)
{
    check_ss(false, "F911 0800 0900", "123C", "123F", "123C", 0);
    check_ss(false, "F911 0800 0900", "122C", "123C", "122C", 1);
    check_ss(false, "F911 0800 0900", "124C", "123C", "124C", 2);
}
END_TEST

START_TEST(test_cp_is_algebraic_for_negative_numbers)
{
    check_ss(false, "F911 0800 0900", "005D", "003D", "005D", 1);
    check_ss(false, "F911 0800 0900", "003D", "005D", "003D", 2);
    check_ss(false, "F911 0800 0900", "003D", "001C", "003D", 1);
    check_ss(false, "F911 0800 0900", "001C", "003B", "001C", 2);
}
END_TEST

START_TEST(test_cp_positive_zero_equals_negative_zero)
{
    check_ss(false, "F911 0800 0900", "000C", "000D", "000C", 0);
    check_ss(false, "F910 0800 0900", "000B", "0F", "000B", 0);
}
END_TEST

START_TEST(test_cp_extends_shorter_operand_with_zeros)
{
    check_ss(false, "F930 0800 0900", "0000001C", "1C", "0000001C", 0);
    check_ss(false, "F903 0800 0900", "1C", "1000001C", "1C", 1);
}
END_TEST

START_TEST(test_cp_checks_both_operands)
{
    check_ss_exception("F911 0800 0900", "12AC", "001C", PIC_DATA);
    check_ss_exception("F911 0800 0900", "001C", "0012", PIC_DATA);
}
END_TEST

START_TEST(test_cp_only_fetches_so_a_store_protected_operand_is_fine)
{
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x800, "5C");
    c.gpr[9] = 0x1800;
    test_put_hex(&c, 0x1800, "5D");
    test_execute(&c, "F900 0800 9000");
    test_assert_no_interrupt(&c, SS_NEXT);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

/* ---- MP ---- */

START_TEST(test_mp_multiplies_and_leaves_cc_unchanged)
{
    /* CC was set to 3 by check_ss; MP leaves it. */
    check_ss(false, "FC41 0800 0900", "000001234C", "567C", "000699678C", 3);
}
END_TEST

START_TEST(test_mp_product_sign_follows_algebra)
{
    check_ss(false, "FC20 0800 0900", "00012C", "3D", "00036D", 3);
    check_ss(false, "FC20 0800 0900", "00012D", "3D", "00036C", 3);
    check_ss(true, "FC20 0800 0900", "00012D", "3C", "00036B", 3);
}
END_TEST

START_TEST(test_mp_zero_product_keeps_algebraic_sign_negative_zero)
{
    /* A22-6821 "Multiply Decimal": the sign follows the rules of algebra
     * even when one or both operands are zero. */
    check_ss(false, "FC20 0800 0900", "00000C", "5D", "00000D", 3);
    check_ss(false, "FC20 0800 0900", "00012D", "0C", "00000D", 3);
}
END_TEST

START_TEST(test_mp_largest_operands_give_30_digit_product)
{
    check_ss(false, "FCF7 0800 0900", "0000000000000000 999999999999999C", "999999999999999C",
             "0999999999999998 000000000000001C", 3);
}
END_TEST

START_TEST(test_mp_multiplicand_without_enough_leading_zero_bytes_is_data_exception)
{
    /* The multiplicand needs as many leftmost zero bytes as the multiplier
     * has bytes: here 2 multiplier bytes, but only 3 leading zero digits. */
    check_ss_exception("FC31 0800 0900", "0001234C", "012C", PIC_DATA);
    /* A nonzero digit in the leftmost byte with a 1-byte multiplier. */
    check_ss_exception("FC10 0800 0900", "100C", "2C", PIC_DATA);
}
END_TEST

START_TEST(test_mp_exactly_enough_leading_zero_bytes_is_accepted)
{
    check_ss(false, "FC31 0800 0900", "0000234C", "999C", "0233766C", 3);
}
END_TEST

START_TEST(test_mp_multiplier_longer_than_8_bytes_is_specification_exception)
{
    check_ss_exception("FCF8 0800 0900", "0000000000000000 000000000000001C", "0000000000000000 1C",
                       PIC_SPECIFICATION);
}
END_TEST

START_TEST(test_mp_multiplier_not_shorter_than_multiplicand_is_specification_exception)
{
    check_ss_exception("FC11 0800 0900", "001C", "001C", PIC_SPECIFICATION);
    check_ss_exception("FC12 0800 0900", "001C", "00001C", PIC_SPECIFICATION);
}
END_TEST

START_TEST(test_mp_specification_exception_comes_before_access_exceptions)
{
    /* The operation is suppressed on the length check: an operand beyond
     * storage is never reached. */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    c.gpr[9] = TEST_STORAGE + 0x1000;
    test_execute(&c, "FC11 9000 9000");
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 3, SS_NEXT);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mp_invalid_multiplier_sign_is_data_exception)
{
    check_ss_exception("FC20 0800 0900", "00012C", "39", PIC_DATA);
}
END_TEST

/* ---- DP ---- */

START_TEST(test_dp_quotient_left_remainder_right_with_their_signs)
{
    /* The PoO example: 012345678 / -321 = -38460 remainder +18; the
     * quotient takes L1-L2 bytes, the remainder the divisor's size. */
    check_ss(false, "FD41 0800 0900", "012345678C", "321D", "38460D018C", 3);
}
END_TEST

START_TEST(test_dp_remainder_has_dividend_sign_even_when_zero)
{
    /* A22-6821 "Divide Decimal": quotient sign by algebra, remainder the
     * dividend's, even for zero values. */
    check_ss(false, "FD20 0800 0900", "00010D", "5C", "002D0D", 3);
    check_ss(false, "FD20 0800 0900", "00003D", "5D", "000C3D", 3);
}
END_TEST

START_TEST(test_dp_in_ascii_mode_uses_ascii_signs)
{
    check_ss(true, "FD20 0800 0900", "00017D", "5C", "003B2B", 3);
}
END_TEST

START_TEST(test_dp_by_zero_is_decimal_divide_exception_storing_nothing)
{
    check_ss_exception("FD41 0800 0900", "012345678C", "000C", PIC_DECIMAL_DIVIDE);
}
END_TEST

START_TEST(test_dp_quotient_too_large_is_decimal_divide_exception)
{
    /* The PoO example with the one-byte divisor -1: the quotient would
     * need 8 digits in a 7-digit field. */
    check_ss_exception("FD40 0800 0900", "012345678C", "1D", PIC_DECIMAL_DIVIDE);
    /* Trial comparison: divisor aligned one digit right of the dividend's
     * leftmost digit; equal means too large (A22-6821 programming note). */
    check_ss_exception("FD10 0800 0900", "050C", "5C", PIC_DECIMAL_DIVIDE);
}
END_TEST

START_TEST(test_dp_quotient_just_fitting_is_accepted)
{
    check_ss(false, "FD10 0800 0900", "049C", "5C", "9C4C", 3);
}
END_TEST

START_TEST(test_dp_dividend_without_leading_zero_is_decimal_divide_exception)
{
    /* A22-6821 programming note: a dividend with no leading zero always
     * gives a decimal-divide exception. */
    check_ss_exception("FD10 0800 0900", "100C", "9C", PIC_DECIMAL_DIVIDE);
}
END_TEST

START_TEST(test_dp_divisor_longer_than_8_bytes_is_specification_exception)
{
    check_ss_exception("FDF8 0800 0900", "0000000000000000 000000000000001C", "0000000000000000 1C",
                       PIC_SPECIFICATION);
}
END_TEST

START_TEST(test_dp_divisor_not_shorter_than_dividend_is_specification_exception)
{
    check_ss_exception("FD22 0800 0900", "00001C", "00001C", PIC_SPECIFICATION);
}
END_TEST

START_TEST(test_dp_invalid_data_is_data_exception_even_with_zero_divisor)
{
    /* The divide exception is recognized only for valid operands. */
    check_ss_exception("FD20 0800 0900", "0A001C", "0C", PIC_DATA);
    check_ss_exception("FD20 0800 0900", "00001C", "01", PIC_DATA);
}
END_TEST

START_TEST(test_dp_largest_dividend_by_largest_divisor)
{
    /* 30-digit dividend / 15-digit divisor with a 15-digit quotient:
     * (10^15-1) * 10^15 - 1 = (10^15-1) * (10^15-1) + (10^15-2). */
    check_ss(false, "FDF7 0800 0900", "0999999999999998 999999999999999C", "999999999999999C",
             "999999999999999C 999999999999998C", 3);
}
END_TEST

START_TEST(test_dp_by_coincident_divisor_field)
{
    /* The divisor is the rightmost byte of the dividend field (their
     * rightmost bytes coincide, as A22-6821 "Divide Decimal" allows). */
    struct cpu c;
    decimal_cpu_init(&c, false, 0);
    test_put_hex(&c, 0x800, "0100005C"); /* 100005; the divisor is its 5C */
    test_execute(&c, "FD30 0800 0803");
    test_assert_no_interrupt(&c, SS_NEXT);
    /* 100005 / 5 = 20001, remainder +0. */
    assert_storage(&c, 0x800, "20001C0C");
    cpu_free(&c);
}
END_TEST

START_TEST(test_fields_of_every_length_load_and_store_exactly_at_every_block_position)
{
    /* ZAP from and to fields of 1..16 bytes placed at the start, the end
     * and across the end of a 2K block: the digits read are exactly the
     * field's, the bytes stored exactly the field's (guard bytes around
     * it stay). */
    static const unsigned offsets[] = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 1000, 2030, 2031, 2032, 2033,
                                       2036, 2039, 2040, 2041, 2043, 2045, 2046, 2047};
    for (unsigned n = 1; n <= 16; n++) {
        for (unsigned k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
            struct cpu c;
            decimal_cpu_init(&c, false, 0);
            uint32_t address = 0x1800 + offsets[k];
            memset(c.storage.bytes + 0x1700, 0xEE, 0xA00);
            /* The field: digits 1,2,...,9,0,1,... then sign D. */
            uint8_t field[16];
            for (unsigned i = 0; i < n; i++) {
                unsigned high = (2 * i + 1) % 10, low = (2 * i + 2) % 10;
                field[i] = (uint8_t)(high << 4 | low);
            }
            field[n - 1] = (uint8_t)((field[n - 1] & 0xF0) | 0xD);
            memcpy(c.storage.bytes + address, field, n);
            c.gpr[9] = address;
            char instruction[32];
            snprintf(instruction, sizeof instruction, "F8F%X 0A00 9000", n - 1);
            test_execute(&c, instruction);
            test_assert_no_interrupt(&c, SS_NEXT);
            uint8_t expected[16] = {0};
            memcpy(expected + 16 - n, field, n);
            ck_assert_msg(memcmp(c.storage.bytes + 0xA00, expected, 16) == 0, "load n=%u offset=%u", n, offsets[k]);

            test_put_hex(&c, 0xB00, "7C");
            snprintf(instruction, sizeof instruction, "F8%X0 9000 0B00", n - 1);
            test_execute(&c, instruction);
            test_assert_no_interrupt(&c, SS_NEXT);
            for (unsigned i = 0; i < n; i++) {
                uint8_t want = i == n - 1 ? 0x7C : 0x00;
                ck_assert_msg(c.storage.bytes[address + i] == want, "store n=%u offset=%u byte %u", n, offsets[k], i);
            }
            ck_assert_msg(c.storage.bytes[address - 1] == 0xEE && c.storage.bytes[address + n] == 0xEE,
                          "guard bytes n=%u offset=%u", n, offsets[k]);
            cpu_free(&c);
        }
    }
}
END_TEST

static Suite *decimal_suite(void)
{
    Suite *s = suite_create("decimal arithmetic");
    TCase *t = tcase_create("AP");
    tcase_add_test(t, test_ap_adds_and_sets_cc2_for_positive_sum);
    tcase_add_test(t, test_ap_negative_sum_gets_preferred_minus_D_and_cc1);
    tcase_add_test(t, test_ap_zero_sum_is_positive_and_cc0);
    tcase_add_test(t, test_ap_accepts_every_plus_and_minus_code_and_generates_preferred_ones);
    tcase_add_test(t, test_ap_in_ascii_mode_generates_plus_A_and_minus_B);
    tcase_add_test(t, test_ap_carry_propagates_through_all_31_digits);
    tcase_add_test(t, test_ap_longer_second_operand_without_lost_digits_is_no_overflow);
    tcase_add_test(t, test_ap_overflow_sets_cc3_stores_truncated_sum_and_no_interrupt_when_masked_off);
    tcase_add_test(t, test_ap_overflow_with_mask_on_completes_then_interrupts_code_0A);
    tcase_add_test(t, test_ap_overflow_from_longer_second_operand);
    tcase_add_test(t, test_ap_overflow_to_zero_keeps_sign_of_true_sum);
    tcase_add_test(t, test_ap_same_field_as_both_operands_doubles_it);
    tcase_add_test(t, test_ap_coincident_rightmost_bytes_with_shorter_second_operand);
    tcase_add_test(t, test_ap_invalid_digit_in_first_operand_is_data_exception_storing_nothing);
    tcase_add_test(t, test_ap_invalid_sign_in_second_operand_is_data_exception);
    tcase_add_test(t, test_ap_sign_code_in_a_digit_position_is_data_exception);
    tcase_add_test(t, test_ap_data_exception_leaves_condition_code_unchanged);
    tcase_add_test(t, test_ap_protected_first_operand_is_protection_exception_storing_nothing);
    tcase_add_test(t, test_ap_fetch_protected_second_operand_is_protection_exception);
    tcase_add_test(t, test_ap_second_operand_beyond_storage_is_addressing_exception);
    tcase_add_test(t, test_ap_first_operand_crossing_into_protected_block_stores_nothing);
    tcase_add_test(t, test_ap_operands_crossing_a_2k_block_boundary_add_correctly);
    suite_add_tcase(s, t);

    t = tcase_create("SP");
    tcase_add_test(t, test_sp_subtracts_with_sign_of_second_operand_inverted);
    tcase_add_test(t, test_sp_of_a_field_from_itself_gives_positive_zero);
    tcase_add_test(t, test_sp_overflow_sets_cc3_and_keeps_sign_of_true_difference);
    tcase_add_test(t, test_sp_in_ascii_mode_generates_ascii_signs);
    tcase_add_test(t, test_sp_invalid_digit_is_data_exception);
    suite_add_tcase(s, t);

    t = tcase_create("ZAP");
    tcase_add_test(t, test_zap_extends_second_operand_with_zeros);
    tcase_add_test(t, test_zap_does_not_check_the_first_operand);
    tcase_add_test(t, test_zap_checks_the_second_operand);
    tcase_add_test(t, test_zap_of_negative_zero_gives_positive_zero_cc0);
    tcase_add_test(t, test_zap_normalizes_sign_to_preferred_code);
    tcase_add_test(t, test_zap_overflow_keeps_second_operand_sign_for_zero_result);
    tcase_add_test(t, test_zap_overflow_with_mask_on_interrupts_after_storing);
    tcase_add_test(t, test_zap_result_rightmost_byte_right_of_source_rightmost_is_processed_right_to_left);
    tcase_add_test(t, test_zap_first_operand_is_store_access_only);
    suite_add_tcase(s, t);

    t = tcase_create("CP");
    tcase_add_test(t, test_cp_equal_low_high);
    tcase_add_test(t, test_cp_is_algebraic_for_negative_numbers);
    tcase_add_test(t, test_cp_positive_zero_equals_negative_zero);
    tcase_add_test(t, test_cp_extends_shorter_operand_with_zeros);
    tcase_add_test(t, test_cp_checks_both_operands);
    tcase_add_test(t, test_cp_only_fetches_so_a_store_protected_operand_is_fine);
    suite_add_tcase(s, t);

    t = tcase_create("MP");
    tcase_add_test(t, test_mp_multiplies_and_leaves_cc_unchanged);
    tcase_add_test(t, test_mp_product_sign_follows_algebra);
    tcase_add_test(t, test_mp_zero_product_keeps_algebraic_sign_negative_zero);
    tcase_add_test(t, test_mp_largest_operands_give_30_digit_product);
    tcase_add_test(t, test_mp_multiplicand_without_enough_leading_zero_bytes_is_data_exception);
    tcase_add_test(t, test_mp_exactly_enough_leading_zero_bytes_is_accepted);
    tcase_add_test(t, test_mp_multiplier_longer_than_8_bytes_is_specification_exception);
    tcase_add_test(t, test_mp_multiplier_not_shorter_than_multiplicand_is_specification_exception);
    tcase_add_test(t, test_mp_specification_exception_comes_before_access_exceptions);
    tcase_add_test(t, test_mp_invalid_multiplier_sign_is_data_exception);
    suite_add_tcase(s, t);

    t = tcase_create("DP");
    tcase_add_test(t, test_dp_quotient_left_remainder_right_with_their_signs);
    tcase_add_test(t, test_dp_remainder_has_dividend_sign_even_when_zero);
    tcase_add_test(t, test_dp_in_ascii_mode_uses_ascii_signs);
    tcase_add_test(t, test_dp_by_zero_is_decimal_divide_exception_storing_nothing);
    tcase_add_test(t, test_dp_quotient_too_large_is_decimal_divide_exception);
    tcase_add_test(t, test_dp_quotient_just_fitting_is_accepted);
    tcase_add_test(t, test_dp_dividend_without_leading_zero_is_decimal_divide_exception);
    tcase_add_test(t, test_dp_divisor_longer_than_8_bytes_is_specification_exception);
    tcase_add_test(t, test_dp_divisor_not_shorter_than_dividend_is_specification_exception);
    tcase_add_test(t, test_dp_invalid_data_is_data_exception_even_with_zero_divisor);
    tcase_add_test(t, test_dp_largest_dividend_by_largest_divisor);
    tcase_add_test(t, test_dp_by_coincident_divisor_field);
    suite_add_tcase(s, t);

    t = tcase_create("operand access");
    tcase_add_test(t, test_fields_of_every_length_load_and_store_exactly_at_every_block_position);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(decimal_suite());
}
