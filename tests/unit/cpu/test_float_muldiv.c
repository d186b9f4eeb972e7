/* Floating-point multiply and divide (POO A22-6821-0 pp.47-48):
 * prenormalization, the long product of short operands, truncation,
 * true zero, exponent overflow and underflow with the masks off and on,
 * and the floating-point divide exception. Expected values are worked out
 * in the comments (hexadecimal digits; fractions of 6 or 14 digits). */
#include <check.h>
#include <stdlib.h>

#include "tests/unit/cpu/test_float_support.h"

START_TEST(test_mer_product_is_long_and_replaces_the_low_half)
{
    /* 2.0 x 3.0: 200000 x 300000 = 060000 000000 (12 digits), normalized
     * one digit: characteristic 41 + 41 - 40 - 1 = 41; the product has the
     * 14 digits of the long format: 41 60000000000000. The low half of the
     * register (DEADBEEF) is replaced; the CC is unchanged. */
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 0) = 0x41200000DEADBEEFull;
    FPR(&c, 2) = 0x41300000CAFEF00Dull;
    test_execute(&c, "3C02"); /* MER 0,2 */
    ck_assert_fpr(&c, 0, 0x4160000000000000ull);
    ck_assert_fpr(&c, 2, 0x41300000CAFEF00Dull);
    ck_assert_uint_eq(c.cc, 3);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mer_keeps_all_twelve_product_digits_in_the_long_result)
{
    /* FFFFFF x FFFFFF = FFFFFE 000001: already normalized, characteristic
     * 41 + 41 - 40 = 42, the last two of the 14 digits zero. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 4) = 0x41FFFFFFull << 32;
    test_execute(&c, "3C44"); /* MER 4,4 */
    ck_assert_fpr(&c, 4, 0x42FFFFFE00000100ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mer_prenormalizes_operands)
{
    /* 43 001000 (1.0) is normalized to 41 100000 before multiplying by
     * 41 200000: 100000 x 200000 = 020000 000000 -> 41 20000000000000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x43001000ull << 32;
    FPR(&c, 6) = 0x41200000ull << 32;
    test_execute(&c, "3C06"); /* MER 0,6 */
    ck_assert_fpr(&c, 0, 0x4120000000000000ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_me_negative_product_from_storage)
{
    /* 41 123456 x -(41 ABCDEF): 123456 x ABCDEF = 0C379A 59BA4A, shifted one
     * digit: C379A5 9BA4A0, characteristic 41, sign minus. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x4112345611111111ull;
    test_put_word(&c, 0x0800, 0xC1ABCDEF);
    test_execute(&c, "7C20 0800"); /* ME 2,X'800' */
    ck_assert_fpr(&c, 2, 0xC1C379A59BA4A000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mdr_postnormalization_brings_in_the_fifteenth_digit)
{
    /* (0.10000000000001)^2 = 0.01000000000000 2000000000000 1 (28 digits):
     * one leading zero, so the product is shifted left one digit before it
     * is truncated and the 15th digit (2) becomes the 14th:
     * 41 10000000000002. Truncating first would give 41 10000000000000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x4110000000000001ull;
    test_execute(&c, "2C22"); /* MDR 2,2 */
    ck_assert_fpr(&c, 2, 0x4110000000000002ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mdr_truncates_the_product_to_fourteen_digits)
{
    /* 12345678ABCDEF x FEDCBA98765432 = 121FA00AE87B19 2B3D98C54AA4AE
     * (worked with exact integers); leading digit not zero, so the first
     * 14 digits with characteristic 41 + 41 - 40 = 42. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x4112345678ABCDEFull;
    FPR(&c, 4) = 0x41FEDCBA98765432ull;
    test_execute(&c, "2C04"); /* MDR 0,4 */
    ck_assert_fpr(&c, 0, 0x42121FA00AE87B19ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_md_signs_follow_the_rules_of_algebra)
{
    /* -3.0 x 2.0 = -6.0. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 6) = 0xC130000000000000ull;
    test_put_double(&c, 0x0800, 0x4120000000000000ull);
    test_execute(&c, "6C60 0800"); /* MD 6,X'800' */
    ck_assert_fpr(&c, 6, 0xC160000000000000ull);
    test_put_double(&c, 0x0808, 0xC120000000000000ull);
    test_execute(&c, "6C60 0808"); /* MD 6,X'808': -6 x -2 = 12 */
    ck_assert_fpr(&c, 6, 0x41C0000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_multiply_by_zero_fraction_gives_true_zero_without_exceptions)
{
    /* POO p.48: a zero product fraction makes sign and characteristic
     * zero, with no exponent overflow or underflow and no significance
     * exception; MER clears the whole register. */
    struct cpu c;
    float_cpu_init(&c, 1, PROGMASK_EXPONENT_UNDERFLOW | PROGMASK_SIGNIFICANCE);
    FPR(&c, 0) = 0xC1123456FFFFFFFFull;
    FPR(&c, 2) = 0x7F000000ull << 32;
    test_execute(&c, "3C02"); /* MER 0,2 */
    ck_assert_fpr(&c, 0, 0);
    ck_assert_uint_eq(c.cc, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    FPR(&c, 4) = 0x8000000000000000ull;
    FPR(&c, 6) = 0x00FFFFFFFFFFFFFFull;
    test_execute(&c, "2C64"); /* MDR 6,4 */
    ck_assert_fpr(&c, 6, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mer_intermediate_characteristic_128_normalized_back_is_not_overflow)
{
    /* 7F 100000 x 41 200000: 7F + 41 - 40 = 80, but the product 020000..
     * is normalized one digit, giving 7F 20000000000000: no exception. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x7F100000ull << 32;
    FPR(&c, 2) = 0x41200000ull << 32;
    test_execute(&c, "3C02"); /* MER 0,2 */
    ck_assert_fpr(&c, 0, 0x7F20000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mer_exponent_overflow_interrupts_0C_and_cc_unchanged)
{
    /* 7F 800000 x 41 800000: 800000 x 800000 = 400000 000000, normalized,
     * characteristic 7F + 41 - 40 = 80: overflow. The register gets the
     * product with the characteristic 128 smaller: 00 40000000000000. */
    struct cpu c;
    float_cpu_init(&c, 2, 0);
    FPR(&c, 0) = 0x7F800000ull << 32;
    FPR(&c, 2) = 0x41800000ull << 32;
    test_execute(&c, "3C02"); /* MER 0,2 */
    test_assert_program_interrupt(&c, PIC_EXPONENT_OVERFLOW, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0x0040000000000000ull);
    ck_assert_uint_eq(old_psw_cc(&c), 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_md_exponent_overflow_interrupts_0C_ilc2)
{
    /* -(61 1..) x 60 1..: 61 + 60 - 40 = 81, the product 01.. is
     * normalized to 80: overflow; result -(00 10000000000000). */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0xE110000000000000ull;
    test_put_double(&c, 0x0800, 0x6010000000000000ull);
    test_execute(&c, "6C20 0800"); /* MD 2,X'800' */
    test_assert_program_interrupt(&c, PIC_EXPONENT_OVERFLOW, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 2, 0x8010000000000000ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mer_exponent_underflow_masked_off_gives_true_zero)
{
    /* 20 100000 x 20 100000: 20 + 20 - 40 = 0, normalized one digit: -1. */
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_SIGNIFICANCE);
    FPR(&c, 0) = 0xA0100000ull << 32;
    FPR(&c, 2) = 0x20100000ull << 32;
    test_execute(&c, "3C02"); /* MER 0,2 */
    ck_assert_fpr(&c, 0, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mdr_exponent_underflow_masked_on_interrupts_0D_with_true_zero)
{
    /* POO p.48: "The characteristic and fraction are made zero, and a
     * program interruption occurs if the corresponding mask bit is one." */
    struct cpu c;
    float_cpu_init(&c, 1, PROGMASK_EXPONENT_UNDERFLOW);
    FPR(&c, 4) = 0x2010000000000000ull;
    FPR(&c, 6) = 0xA010000000000000ull;
    test_execute(&c, "2C46"); /* MDR 4,6 */
    test_assert_program_interrupt(&c, PIC_EXPONENT_UNDERFLOW, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 4, 0);
    ck_assert_uint_eq(old_psw_cc(&c), 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_prenormalization_below_characteristic_zero_is_not_underflow)
{
    /* 00 000100 is normalized to characteristic -3 (100000); x 44 100000:
     * -3 + 44 - 40 = 1, the product 010000.. normalized: 0. The result
     * 00 10000000000000 is exact and no exception occurs, even with the
     * underflow mask on. */
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW);
    FPR(&c, 0) = 0x00000100ull << 32;
    test_put_word(&c, 0x0800, 0x44100000);
    test_execute(&c, "7C00 0800"); /* ME 0,X'800' */
    ck_assert_fpr(&c, 0, 0x0010000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_der_divides_and_keeps_the_low_half_and_cc)
{
    /* 6.0 / 2.0: the dividend fraction 600000 is not smaller than 200000,
     * so the quotient is shifted right one digit: characteristic
     * 41 - 41 + 40 + 1 = 41, fraction 300000. */
    struct cpu c;
    float_cpu_init(&c, 1, 0);
    FPR(&c, 0) = 0x4160000012345678ull;
    FPR(&c, 2) = 0x41200000ull << 32;
    test_execute(&c, "3D02"); /* DER 0,2 */
    ck_assert_fpr(&c, 0, 0x4130000012345678ull);
    ck_assert_uint_eq(c.cc, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_der_truncates_the_quotient)
{
    /* 1.0 / 3.0 = 0.555555.. (hex), truncated: 40 555555. Equal operands
     * give 41 100000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41100000ull << 32;
    FPR(&c, 2) = 0x41300000ull << 32;
    test_execute(&c, "3D02"); /* DER 0,2 */
    ck_assert_fpr(&c, 0, 0x4055555500000000ull);
    FPR(&c, 0) = 0x41300000ull << 32;
    test_execute(&c, "3D02");
    ck_assert_fpr(&c, 0, 0x4110000000000000ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ddr_and_dd_truncate_to_fourteen_digits)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x4110000000000000ull;
    FPR(&c, 4) = 0x4130000000000000ull;
    test_execute(&c, "2D24"); /* DDR 2,4: 1/3 */
    ck_assert_fpr(&c, 2, 0x4055555555555555ull);
    FPR(&c, 2) = 0x4120000000000000ull;
    test_put_double(&c, 0x0800, 0x4130000000000000ull);
    test_execute(&c, "6D20 0800"); /* DD 2,X'800': 2/3 */
    ck_assert_fpr(&c, 2, 0x40AAAAAAAAAAAAAAull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ddr_general_quotient)
{
    /* 12345678ABCDEF / FEDCBA98765432 (both 41): the dividend is smaller,
     * characteristic 40, 14 digits of the exact quotient
     * 0.124924925A4923.. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x4112345678ABCDEFull;
    FPR(&c, 6) = 0x41FEDCBA98765432ull;
    test_execute(&c, "2D06"); /* DDR 0,6 */
    ck_assert_fpr(&c, 0, 0x40124924925A4923ull);
    /* -(41 ABCDEF12345678) / -(40 123456789ABCDE): the dividend fraction
     * is the larger: characteristic 41 - 40 + 40 + 1 = 42, plus sign. */
    FPR(&c, 0) = 0xC1ABCDEF12345678ull;
    FPR(&c, 6) = 0xC0123456789ABCDEull;
    test_execute(&c, "2D06");
    ck_assert_fpr(&c, 0, 0x4296FFFF1F000007ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_de_prenormalizes_both_operands)
{
    /* 43 001000 (1.0) / 42 002000 (0.125): normalized 41 100000 and
     * 40 200000; 100000 < 200000, characteristic 41 - 40 + 40 = 41,
     * fraction 100000 x 16^6 / 200000 = 800000: 41 800000 = 8.0. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 4) = 0x43001000ull << 32;
    test_put_word(&c, 0x0800, 0x42002000);
    test_execute(&c, "7D40 0800"); /* DE 4,X'800' */
    ck_assert_fpr(&c, 4, 0x4180000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_de_negative_quotient)
{
    /* -(41 123456) / 41 ABCDEF = -(40 1B2035). */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 6) = 0xC1123456ull << 32;
    test_put_word(&c, 0x0800, 0x41ABCDEF);
    test_execute(&c, "7D60 0800"); /* DE 6,X'800' */
    ck_assert_fpr(&c, 6, 0xC01B203500000000ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_der_zero_divisor_fraction_is_code_0F_and_register_unchanged)
{
    /* POO p.41: "When a divisor has a zero fraction, division is omitted,
     * a floating-point divide exception exists". Whatever the divisor's
     * characteristic, and even when the dividend is zero too. */
    struct cpu c;
    float_cpu_init(&c, 2, 0);
    FPR(&c, 0) = 0x4120000011111111ull;
    FPR(&c, 2) = 0x41000000ull << 32;
    test_execute(&c, "3D02"); /* DER 0,2 */
    test_assert_program_interrupt(&c, PIC_FLOATING_POINT_DIVIDE, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0x4120000011111111ull);
    ck_assert_uint_eq(old_psw_cc(&c), 2);
    cpu_free(&c);

    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x0000000000000000ull;
    FPR(&c, 2) = 0x8000000000000000ull;
    test_execute(&c, "2D02"); /* DDR 0,2 */
    test_assert_program_interrupt(&c, PIC_FLOATING_POINT_DIVIDE, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_dd_zero_divisor_is_code_0F_ilc2)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 4) = 0x4130000000000005ull;
    test_put_double(&c, 0x0800, 0x4300000000000000ull);
    test_execute(&c, "6D40 0800"); /* DD 4,X'800' */
    test_assert_program_interrupt(&c, PIC_FLOATING_POINT_DIVIDE, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 4, 0x4130000000000005ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_der_zero_dividend_gives_true_zero)
{
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW | PROGMASK_SIGNIFICANCE);
    FPR(&c, 0) = 0xC500000012345678ull;
    FPR(&c, 2) = 0x41200000ull << 32;
    test_execute(&c, "3D02"); /* DER 0,2 */
    ck_assert_fpr(&c, 0, 0x0000000012345678ull);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_der_exponent_overflow_interrupts_0C)
{
    /* 7F 400000 / 40 200000: 400000 >= 200000, characteristic
     * 7F - 40 + 40 + 1 = 80: overflow; fraction 200000, characteristic
     * 128 smaller (00). 7F 100000 / 40 200000 stays in range: 7F 800000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x7F100000ull << 32;
    FPR(&c, 2) = 0x40200000ull << 32;
    test_execute(&c, "3D02"); /* DER 0,2 */
    ck_assert_fpr(&c, 0, 0x7F80000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    FPR(&c, 0) = 0x7F40000099999999ull;
    test_execute(&c, "3D02");
    test_assert_program_interrupt(&c, PIC_EXPONENT_OVERFLOW, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0x0020000099999999ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ddr_exponent_underflow_true_zero_interrupt_only_when_masked_on)
{
    /* 00 1.. / 41 2..: 100.. < 200.., characteristic 0 - 41 + 40 = -1. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x0010000000000000ull;
    FPR(&c, 2) = 0x4120000000000000ull;
    test_execute(&c, "2D02"); /* DDR 0,2 */
    ck_assert_fpr(&c, 0, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);

    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW);
    FPR(&c, 0) = 0x0010000000000000ull;
    FPR(&c, 2) = 0x4120000000000000ull;
    test_execute(&c, "2D02");
    test_assert_program_interrupt(&c, PIC_EXPONENT_UNDERFLOW, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0);
    cpu_free(&c);
}
END_TEST

static Suite *float_muldiv_suite(void)
{
    Suite *s = suite_create("float_muldiv");
    TCase *m = tcase_create("multiply");
    tcase_add_test(m, test_mer_product_is_long_and_replaces_the_low_half);
    tcase_add_test(m, test_mer_keeps_all_twelve_product_digits_in_the_long_result);
    tcase_add_test(m, test_mer_prenormalizes_operands);
    tcase_add_test(m, test_me_negative_product_from_storage);
    tcase_add_test(m, test_mdr_postnormalization_brings_in_the_fifteenth_digit);
    tcase_add_test(m, test_mdr_truncates_the_product_to_fourteen_digits);
    tcase_add_test(m, test_md_signs_follow_the_rules_of_algebra);
    tcase_add_test(m, test_multiply_by_zero_fraction_gives_true_zero_without_exceptions);
    tcase_add_test(m, test_mer_intermediate_characteristic_128_normalized_back_is_not_overflow);
    tcase_add_test(m, test_mer_exponent_overflow_interrupts_0C_and_cc_unchanged);
    tcase_add_test(m, test_md_exponent_overflow_interrupts_0C_ilc2);
    tcase_add_test(m, test_mer_exponent_underflow_masked_off_gives_true_zero);
    tcase_add_test(m, test_mdr_exponent_underflow_masked_on_interrupts_0D_with_true_zero);
    tcase_add_test(m, test_prenormalization_below_characteristic_zero_is_not_underflow);
    suite_add_tcase(s, m);

    TCase *d = tcase_create("divide");
    tcase_add_test(d, test_der_divides_and_keeps_the_low_half_and_cc);
    tcase_add_test(d, test_der_truncates_the_quotient);
    tcase_add_test(d, test_ddr_and_dd_truncate_to_fourteen_digits);
    tcase_add_test(d, test_ddr_general_quotient);
    tcase_add_test(d, test_de_prenormalizes_both_operands);
    tcase_add_test(d, test_de_negative_quotient);
    tcase_add_test(d, test_der_zero_divisor_fraction_is_code_0F_and_register_unchanged);
    tcase_add_test(d, test_dd_zero_divisor_is_code_0F_ilc2);
    tcase_add_test(d, test_der_zero_dividend_gives_true_zero);
    tcase_add_test(d, test_der_exponent_overflow_interrupts_0C);
    tcase_add_test(d, test_ddr_exponent_underflow_true_zero_interrupt_only_when_masked_on);
    suite_add_tcase(s, d);
    return s;
}

int main(void)
{
    return test_run_suite(float_muldiv_suite());
}
