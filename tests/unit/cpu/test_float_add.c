/* Floating-point add, subtract and compare (POO A22-6821-0 pp.44-47):
 * alignment, the guard digit, normalized and unnormalized results,
 * significance, exponent overflow and underflow with the masks off and on,
 * condition codes and the sign of zero. Every expected value is worked out
 * by hand in the comment above it; "digits" are hexadecimal and "g" marks
 * the guard digit of the intermediate sum. */
#include <check.h>
#include <stdlib.h>

#include "tests/unit/cpu/test_float_support.h"

START_TEST(test_aer_adds_equal_characteristics_cc2_low_half_kept)
{
    /* 1.0 + 2.0 = 3.0: 100000 + 200000 = 300000, characteristic 41. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41100000CCCCCCCCull;
    FPR(&c, 2) = 0x41200000DDDDDDDDull;
    test_execute(&c, "3A02"); /* AER 0,2 */
    ck_assert_fpr(&c, 0, 0x41300000CCCCCCCCull);
    ck_assert_fpr(&c, 2, 0x41200000DDDDDDDDull);
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aer_carry_shifts_sum_right_and_raises_characteristic)
{
    /* 8 + 8: 800000 + 800000 = 1 000000 (carry), shifted right one digit:
     * 100000 with characteristic 41 + 1 = 42, i.e. 16.0. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 4) = 0x41800000ull << 32;
    test_execute(&c, "3A44"); /* AER 4,4 */
    ck_assert_fpr(&c, 4, 0x4210000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ae_aligns_the_operand_with_smaller_characteristic)
{
    /* 16.0 + 1.0: 1.0 = 41 100000 is shifted right one digit to 42
     * 010000; 100000 + 010000 = 110000: 42 110000 = 17.0. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x42100000ull << 32;
    test_put_word(&c, 0x0800, 0x41100000);
    test_execute(&c, "7A20 0800"); /* AE 2,X'800' */
    ck_assert_fpr(&c, 2, 0x4211000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ser_negative_difference_gets_cc1_and_minus_sign)
{
    /* 1.0 - 3.0 = -2.0: the sign of the larger magnitude. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41100000ull << 32;
    FPR(&c, 6) = 0x41300000ull << 32;
    test_execute(&c, "3B06"); /* SER 0,6 */
    ck_assert_fpr(&c, 0, 0xC120000000000000ull);
    ck_assert_uint_eq(c.cc, 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ser_guard_digit_keeps_the_difference_exact)
{
    /* 1.0 - 0.FFFFFF: the second operand is shifted one digit and its last
     * digit F is kept as the guard digit:
     *     41 100000 g0
     *   - 41 0FFFFF gF
     *   = 41 000000 g1, normalized six digits left: 3B 100000 (= 16^-6).
     * Without a guard digit the result would be 3C 100000, 16 times too
     * large. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41100000ull << 32;
    FPR(&c, 2) = 0x40FFFFFFull << 32;
    test_execute(&c, "3B02"); /* SER 0,2 */
    ck_assert_fpr(&c, 0, 0x3B10000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sdr_long_operations_have_the_guard_digit_too)
{
    /* As above with 14 digits: 1.0 - 0.FFFFFFFFFFFFFF = 16^-14, which is
     * 33 10000000000000 (65 - 14 = 51 = X'33'). This is the 1967-68 field
     * change that gave every System/360 a long guard digit; without it the
     * result would be 34 10000000000000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x4110000000000000ull;
    FPR(&c, 4) = 0x40FFFFFFFFFFFFFFull;
    test_execute(&c, "2B24"); /* SDR 2,4 */
    ck_assert_fpr(&c, 2, 0x3310000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aer_postnormalization_brings_guard_digit_into_fraction)
{
    /* 16.0 + C1 100001 (minus 1.0000006):
     *     42 100000 g0
     *   - 42 010000 g1   (41 100001 shifted one digit; the 1 is the guard)
     *   = 42 0EFFFF gF   normalized one digit left: 41 EFFFFF.
     * The guard digit F became the last digit of the result. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x42100000ull << 32;
    FPR(&c, 2) = 0xC1100001ull << 32;
    test_execute(&c, "3A02"); /* AER 0,2 */
    ck_assert_fpr(&c, 0, 0x41EFFFFF00000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aer_only_one_guard_digit_participates)
{
    /* 41 123456 + 47 000000 (a zero fraction with characteristic 47):
     * the first operand is shifted six digits, 47 000000 g1: only its first
     * digit survives, as the guard digit. Normalized: 41 100000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41123456ull << 32;
    FPR(&c, 2) = 0x47000000ull << 32;
    test_execute(&c, "3A02"); /* AER 0,2 */
    ck_assert_fpr(&c, 0, 0x4110000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aer_zero_fraction_with_large_characteristic_absorbs_the_other_operand)
{
    /* POO p.41: zero fractions "participate as normal numbers". With
     * characteristic 48 the first operand is shifted seven digits, past
     * the guard digit: the sum is zero, and with the significance mask off
     * the result is a true zero. */
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 0) = 0x41123456ull << 32;
    FPR(&c, 2) = 0x48000000ull << 32;
    test_execute(&c, "3A02"); /* AER 0,2 */
    ck_assert_fpr(&c, 0, 0);
    ck_assert_uint_eq(c.cc, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aer_normalizes_unnormalized_operands_result)
{
    /* 42 001000 + 42 002000 = 42 003000, normalized two digits: 40 300000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x42001000ull << 32;
    FPR(&c, 2) = 0x42002000ull << 32;
    test_execute(&c, "3A02"); /* AER 0,2 */
    ck_assert_fpr(&c, 0, 0x4030000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aur_leaves_leading_zeros)
{
    /* The same operands with AUR: 42 003000, not normalized. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x42001000ull << 32;
    FPR(&c, 2) = 0x42002000ull << 32;
    test_execute(&c, "3E02"); /* AUR 0,2 */
    ck_assert_fpr(&c, 0, 0x4200300000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sur_keeps_characteristic_where_ser_normalizes)
{
    /* 41 300000 - 41 2F0000 = 41 010000: SUR keeps it; SER gives 40 100000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41300000ull << 32;
    FPR(&c, 2) = 0x412F0000ull << 32;
    test_execute(&c, "3F02"); /* SUR 0,2 */
    ck_assert_fpr(&c, 0, 0x4101000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    FPR(&c, 0) = 0x41300000ull << 32;
    test_execute(&c, "3B02"); /* SER 0,2 */
    ck_assert_fpr(&c, 0, 0x4010000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aur_carry_shifts_right_and_drops_guard_digit)
{
    /* 41 F80000 + 40 800001 (shifted: 41 080000 g1):
     * F80000 g0 + 080000 g1 = 1 000000 g1 (carry), shifted right one
     * digit, which drops the guard digit: 42 100000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41F80000ull << 32;
    FPR(&c, 2) = 0x40800001ull << 32;
    test_execute(&c, "3E02"); /* AUR 0,2 */
    ck_assert_fpr(&c, 0, 0x4210000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_su_significance_ignores_guard_digit_but_se_uses_it)
{
    /* 41 000001 - 40 000011:
     *     41 000001 g0
     *   - 41 000001 g1
     *   = -41 000000 g1.
     * SU truncates to 000000: a zero fraction, a true zero with the mask
     * off, CC 0. SE normalizes the guard digit: -3B 100000 (-(16^-6)),
     * CC 1. */
    struct cpu c;
    float_cpu_init(&c, 1, 0);
    FPR(&c, 2) = 0x4100000155555555ull;
    test_put_word(&c, 0x0800, 0x40000011);
    test_execute(&c, "7F20 0800"); /* SU 2,X'800' */
    ck_assert_fpr(&c, 2, 0x0000000055555555ull);
    ck_assert_uint_eq(c.cc, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 4);

    FPR(&c, 2) = 0x4100000155555555ull;
    test_execute(&c, "7B20 0800"); /* SE 2,X'800' */
    ck_assert_fpr(&c, 2, 0xBB10000055555555ull);
    ck_assert_uint_eq(c.cc, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sur_zero_fraction_with_significance_mask_on_keeps_characteristic_code_0E)
{
    /* The same SUR with PSW bit 39 one: significance interrupts; the zero
     * fraction keeps the intermediate characteristic 41 with a plus sign;
     * CC 0 is in the old PSW; the low half is untouched. */
    struct cpu c;
    float_cpu_init(&c, 1, PROGMASK_SIGNIFICANCE);
    FPR(&c, 2) = 0x4100000155555555ull;
    FPR(&c, 4) = 0x40000011ull << 32;
    test_execute(&c, "3F24"); /* SUR 2,4 */
    test_assert_program_interrupt(&c, PIC_SIGNIFICANCE, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 2, 0x4100000055555555ull);
    ck_assert_uint_eq(old_psw_cc(&c), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ser_equal_operands_give_true_zero_when_significance_masked_off)
{
    struct cpu c;
    float_cpu_init(&c, 2, 0);
    FPR(&c, 0) = 0xC3123456AAAAAAAAull;
    FPR(&c, 2) = 0xC3123456BBBBBBBBull;
    test_execute(&c, "3B02"); /* SER 0,2 */
    ck_assert_fpr(&c, 0, 0x00000000AAAAAAAAull);
    ck_assert_uint_eq(c.cc, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_se_equal_operands_with_significance_mask_on_interrupt_0E_ilc2)
{
    /* The result keeps characteristic 43, the sign is plus (the sign of a
     * zero sum is always plus), CC 0. */
    struct cpu c;
    float_cpu_init(&c, 2, PROGMASK_SIGNIFICANCE);
    FPR(&c, 0) = 0xC3123456AAAAAAAAull;
    test_put_word(&c, 0x0800, 0xC3123456);
    test_execute(&c, "7B00 0800"); /* SE 0,X'800' */
    test_assert_program_interrupt(&c, PIC_SIGNIFICANCE, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 0, 0x43000000AAAAAAAAull);
    ck_assert_uint_eq(old_psw_cc(&c), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_adr_opposite_equal_operands_give_plus_true_zero)
{
    struct cpu c;
    float_cpu_init(&c, 1, PROGMASK_EXPONENT_UNDERFLOW);
    FPR(&c, 4) = 0xC212345678ABCDEFull;
    FPR(&c, 6) = 0x4212345678ABCDEFull;
    test_execute(&c, "2A46"); /* ADR 4,6 */
    ck_assert_fpr(&c, 4, 0);
    ck_assert_uint_eq(c.cc, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sdr_zero_difference_with_significance_mask_on_keeps_characteristic)
{
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_SIGNIFICANCE);
    FPR(&c, 0) = 0x5512345678ABCDEFull;
    FPR(&c, 2) = 0x5512345678ABCDEFull;
    test_execute(&c, "2B02"); /* SDR 0,2 */
    test_assert_program_interrupt(&c, PIC_SIGNIFICANCE, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0x5500000000000000ull);
    ck_assert_uint_eq(old_psw_cc(&c), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_adr_adds_fourteen_digits_with_guard_digit)
{
    /*     41 11111111111111 g0
     *   + 41 02222222222222 g2   (40 22222222222222 shifted one digit)
     *   = 41 13333333333333 g2, already normalized, truncated. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x4111111111111111ull;
    FPR(&c, 2) = 0x4022222222222222ull;
    test_execute(&c, "2A02"); /* ADR 0,2 */
    ck_assert_fpr(&c, 0, 0x4113333333333333ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ad_negative_sum_cc1)
{
    /* -1.0 + 0.5 = -0.5: -(41 100000..) + 40 800000.. = -(41 080000..),
     * normalized: C0 80000000000000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 6) = 0xC110000000000000ull;
    test_put_double(&c, 0x0808, 0x4080000000000000ull);
    test_execute(&c, "6A60 0808"); /* AD 6,X'808' */
    ck_assert_fpr(&c, 6, 0xC080000000000000ull);
    ck_assert_uint_eq(c.cc, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sd_subtracts_long_storage_operand)
{
    /* 3.0 - (-1.5) = 4.5: 41 30.. + 41 18.. = 41 48... */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 4) = 0x4130000000000000ull;
    test_put_double(&c, 0x0800, 0xC118000000000000ull);
    test_execute(&c, "6B40 0800"); /* SD 4,X'800' */
    ck_assert_fpr(&c, 4, 0x4148000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aw_and_sw_keep_unnormalized_long_results)
{
    /* AW: 44 00000000000001 + 44 00000000000002 = 44 00000000000003.
     * SW: 44 00000000000003 - 43 00000000000010 (shifted: 44 ..01) =
     *     44 00000000000002. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x4400000000000001ull;
    test_put_double(&c, 0x0800, 0x4400000000000002ull);
    test_put_double(&c, 0x0808, 0x4300000000000010ull);
    test_execute(&c, "6E20 0800"); /* AW 2,X'800' */
    ck_assert_fpr(&c, 2, 0x4400000000000003ull);
    ck_assert_uint_eq(c.cc, 2);
    test_execute(&c, "6F20 0808"); /* SW 2,X'808' */
    ck_assert_fpr(&c, 2, 0x4400000000000002ull);
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_awr_swr_negative_results_cc1)
{
    /* AWR: -(42 010000..) + 42 008000.. = -(42 008000..), unnormalized.
     * SWR: 40 100000.. - 41 200000.. = -(41 1F0000..) after aligning
     *      40 100000 to 41 010000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0xC201000000000000ull;
    FPR(&c, 2) = 0x4200800000000000ull;
    test_execute(&c, "2E02"); /* AWR 0,2 */
    ck_assert_fpr(&c, 0, 0xC200800000000000ull);
    ck_assert_uint_eq(c.cc, 1);
    FPR(&c, 0) = 0x4010000000000000ull;
    FPR(&c, 2) = 0x4120000000000000ull;
    test_execute(&c, "2F02"); /* SWR 0,2 */
    ck_assert_fpr(&c, 0, 0xC11F000000000000ull);
    ck_assert_uint_eq(c.cc, 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_au_and_se_from_storage)
{
    /* AU: 41 100000 + 41 000001 = 41 100001 (unnormalized add of a
     * normalized sum). SE: 41 100001 - 41 100000 = 41 000001, normalized
     * five digits: 3C 100000. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41100000ull << 32;
    test_put_word(&c, 0x0800, 0x41000001);
    test_put_word(&c, 0x0804, 0x41100000);
    test_execute(&c, "7E00 0800"); /* AU 0,X'800' */
    ck_assert_fpr(&c, 0, 0x4110000100000000ull);
    test_execute(&c, "7B00 0804"); /* SE 0,X'804' */
    ck_assert_fpr(&c, 0, 0x3C10000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_aer_exponent_overflow_sets_cc3_and_always_interrupts_0C)
{
    /* 7F 800000 + 7F 800000 = 1 000000 with characteristic 128: the
     * characteristic is left 128 smaller (0) with the fraction and sign
     * correct; CC 3 ("result exponent overflows", POO p.45); the exception
     * interrupts with the program mask all zero. */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x7F80000012345678ull;
    FPR(&c, 2) = 0x7F800000ull << 32;
    test_execute(&c, "3A02"); /* AER 0,2 */
    test_assert_program_interrupt(&c, PIC_EXPONENT_OVERFLOW, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0x0010000012345678ull);
    ck_assert_uint_eq(old_psw_cc(&c), 3);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sd_negative_exponent_overflow_keeps_minus_sign)
{
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW | PROGMASK_SIGNIFICANCE);
    FPR(&c, 2) = 0xFFF0000000000000ull;
    test_put_double(&c, 0x0800, 0x7F10000000000000ull);
    test_execute(&c, "6B20 0800"); /* SD 2,X'800' */
    test_assert_program_interrupt(&c, PIC_EXPONENT_OVERFLOW, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 2, 0x8010000000000000ull);
    ck_assert_uint_eq(old_psw_cc(&c), 3);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ser_exponent_underflow_masked_off_gives_true_zero_cc0)
{
    /* 00 110000 - 00 100000 = 00 010000, normalized one digit: the
     * characteristic would be -1. With PSW bit 38 zero: a true zero, CC 0,
     * no interruption; the low half stays. */
    struct cpu c;
    float_cpu_init(&c, 2, PROGMASK_SIGNIFICANCE);
    FPR(&c, 0) = 0x00110000ABABABABull;
    FPR(&c, 2) = 0x00100000ull << 32;
    test_execute(&c, "3B02"); /* SER 0,2 */
    ck_assert_fpr(&c, 0, 0x00000000ABABABABull);
    ck_assert_uint_eq(c.cc, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ser_exponent_underflow_masked_on_interrupts_0D_with_true_zero)
{
    /* POO p.41: "A result is forced to be true zero when an exponent
     * underflow occurs"; with the mask bit one the interruption follows.
     * (System/370 would leave 7F 100000 instead.) */
    struct cpu c;
    float_cpu_init(&c, 2, PROGMASK_EXPONENT_UNDERFLOW);
    FPR(&c, 0) = 0x00110000ABABABABull;
    FPR(&c, 2) = 0x00100000ull << 32;
    test_execute(&c, "3B02"); /* SER 0,2 */
    test_assert_program_interrupt(&c, PIC_EXPONENT_UNDERFLOW, 1, TEST_CODE + 2);
    ck_assert_fpr(&c, 0, 0x00000000ABABABABull);
    ck_assert_uint_eq(old_psw_cc(&c), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ad_exponent_underflow_masked_on_interrupts_0D_ilc2)
{
    /* -(00 20000000000000) + 00 1FFFFFFFFFFFFF = -(00 00000000000001),
     * normalized 13 digits: characteristic -13. */
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW);
    FPR(&c, 6) = 0x8020000000000000ull;
    test_put_double(&c, 0x0800, 0x001FFFFFFFFFFFFFull);
    test_execute(&c, "6A60 0800"); /* AD 6,X'800' */
    test_assert_program_interrupt(&c, PIC_EXPONENT_UNDERFLOW, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 6, 0);
    ck_assert_uint_eq(old_psw_cc(&c), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_sur_cannot_underflow)
{
    /* The same operands as the SER underflow: AUR/SUR do not normalize,
     * so 00 010000 is the result, CC 2, with both masks on. */
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW | PROGMASK_SIGNIFICANCE);
    FPR(&c, 0) = 0x00110000ull << 32;
    FPR(&c, 2) = 0x00100000ull << 32;
    test_execute(&c, "3F02"); /* SUR 0,2 */
    ck_assert_fpr(&c, 0, 0x0001000000000000ull);
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cer_sets_cc_0_1_2_and_changes_nothing)
{
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 0) = 0x41200000AAAAAAAAull;
    FPR(&c, 2) = 0x41200000BBBBBBBBull;
    test_execute(&c, "3902"); /* CER 0,2: equal (low halves ignored) */
    ck_assert_uint_eq(c.cc, 0);
    FPR(&c, 2) = 0x41300000ull << 32;
    test_execute(&c, "3902"); /* 2.0 vs 3.0: first low */
    ck_assert_uint_eq(c.cc, 1);
    FPR(&c, 2) = 0xC1300000ull << 32;
    test_execute(&c, "3902"); /* 2.0 vs -3.0: first high */
    ck_assert_uint_eq(c.cc, 2);
    ck_assert_fpr(&c, 0, 0x41200000AAAAAAAAull);
    ck_assert_fpr(&c, 2, 0xC130000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cer_compares_values_not_representations)
{
    /* 41 100000 and 42 010000 are both 1.0. */
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 0) = 0x41100000ull << 32;
    FPR(&c, 2) = 0x42010000ull << 32;
    test_execute(&c, "3902"); /* CER 0,2 */
    ck_assert_uint_eq(c.cc, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cer_zero_fractions_compare_equal_whatever_sign_and_characteristic)
{
    /* POO p.47 programming note. */
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 0) = 0x80000000ull << 32;
    FPR(&c, 2) = 0x7F000000ull << 32;
    test_execute(&c, "3902"); /* CER 0,2 */
    ck_assert_uint_eq(c.cc, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cer_difference_only_in_guard_digit_is_unequal)
{
    /* 41 000001 vs 40 000011 (see the SU/SE test): the difference is
     * -41 000000 g1, not zero, so the first operand is low (CC 1). */
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x41000001ull << 32;
    FPR(&c, 2) = 0x40000011ull << 32;
    test_execute(&c, "3902"); /* CER 0,2 */
    ck_assert_uint_eq(c.cc, 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ce_digits_beyond_the_guard_digit_do_not_count)
{
    /* 42 001000 (1/16) vs 40 100001 (1/16 + 16^-6): aligned two digits the
     * second is 42 001000 g0 (its last digits 01 are lost), equal to the
     * first: CC 0 although the second is larger. */
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 4) = 0x42001000ull << 32;
    test_put_word(&c, 0x0800, 0x40100001);
    test_execute(&c, "7940 0800"); /* CE 4,X'800' */
    ck_assert_uint_eq(c.cc, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_compare_raises_no_overflow_underflow_or_significance)
{
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW | PROGMASK_SIGNIFICANCE);
    /* The difference would overflow (7F F.. + 7F F..). */
    FPR(&c, 0) = 0x7FFFFFFFull << 32;
    FPR(&c, 2) = 0xFFFFFFFFull << 32;
    test_execute(&c, "3902"); /* CER 0,2 */
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    /* The difference would underflow when normalized. */
    FPR(&c, 0) = 0x00100000ull << 32;
    FPR(&c, 2) = 0x00110000ull << 32;
    test_execute(&c, "3902");
    ck_assert_uint_eq(c.cc, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    /* Equal: zero difference, no significance exception. */
    FPR(&c, 2) = 0x00100000ull << 32;
    test_execute(&c, "3902");
    ck_assert_uint_eq(c.cc, 0);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cdr_and_cd_compare_all_fourteen_digits)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0xC212345678ABCDEFull;
    FPR(&c, 4) = 0xC212345678ABCDEEull;
    test_execute(&c, "2924"); /* CDR 2,4: -x vs -(x - ulp): first low */
    ck_assert_uint_eq(c.cc, 1);
    test_put_double(&c, 0x0800, 0xC212345678ABCDEFull);
    test_execute(&c, "6920 0800"); /* CD 2,X'800': equal */
    ck_assert_uint_eq(c.cc, 0);
    test_put_double(&c, 0x0808, 0x4100000000000001ull);
    test_execute(&c, "6940 0808"); /* CD 4,X'808': negative vs positive */
    ck_assert_uint_eq(c.cc, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

static Suite *float_add_suite(void)
{
    Suite *s = suite_create("float_add");
    TCase *t = tcase_create("add_subtract");
    tcase_add_test(t, test_aer_adds_equal_characteristics_cc2_low_half_kept);
    tcase_add_test(t, test_aer_carry_shifts_sum_right_and_raises_characteristic);
    tcase_add_test(t, test_ae_aligns_the_operand_with_smaller_characteristic);
    tcase_add_test(t, test_ser_negative_difference_gets_cc1_and_minus_sign);
    tcase_add_test(t, test_ser_guard_digit_keeps_the_difference_exact);
    tcase_add_test(t, test_sdr_long_operations_have_the_guard_digit_too);
    tcase_add_test(t, test_aer_postnormalization_brings_guard_digit_into_fraction);
    tcase_add_test(t, test_aer_only_one_guard_digit_participates);
    tcase_add_test(t, test_aer_zero_fraction_with_large_characteristic_absorbs_the_other_operand);
    tcase_add_test(t, test_aer_normalizes_unnormalized_operands_result);
    tcase_add_test(t, test_aur_leaves_leading_zeros);
    tcase_add_test(t, test_sur_keeps_characteristic_where_ser_normalizes);
    tcase_add_test(t, test_aur_carry_shifts_right_and_drops_guard_digit);
    tcase_add_test(t, test_adr_adds_fourteen_digits_with_guard_digit);
    tcase_add_test(t, test_ad_negative_sum_cc1);
    tcase_add_test(t, test_sd_subtracts_long_storage_operand);
    tcase_add_test(t, test_aw_and_sw_keep_unnormalized_long_results);
    tcase_add_test(t, test_awr_swr_negative_results_cc1);
    tcase_add_test(t, test_au_and_se_from_storage);
    suite_add_tcase(s, t);

    TCase *z = tcase_create("zero_overflow_underflow");
    tcase_add_test(z, test_su_significance_ignores_guard_digit_but_se_uses_it);
    tcase_add_test(z, test_sur_zero_fraction_with_significance_mask_on_keeps_characteristic_code_0E);
    tcase_add_test(z, test_ser_equal_operands_give_true_zero_when_significance_masked_off);
    tcase_add_test(z, test_se_equal_operands_with_significance_mask_on_interrupt_0E_ilc2);
    tcase_add_test(z, test_adr_opposite_equal_operands_give_plus_true_zero);
    tcase_add_test(z, test_sdr_zero_difference_with_significance_mask_on_keeps_characteristic);
    tcase_add_test(z, test_aer_exponent_overflow_sets_cc3_and_always_interrupts_0C);
    tcase_add_test(z, test_sd_negative_exponent_overflow_keeps_minus_sign);
    tcase_add_test(z, test_ser_exponent_underflow_masked_off_gives_true_zero_cc0);
    tcase_add_test(z, test_ser_exponent_underflow_masked_on_interrupts_0D_with_true_zero);
    tcase_add_test(z, test_ad_exponent_underflow_masked_on_interrupts_0D_ilc2);
    tcase_add_test(z, test_sur_cannot_underflow);
    suite_add_tcase(s, z);

    TCase *k = tcase_create("compare");
    tcase_add_test(k, test_cer_sets_cc_0_1_2_and_changes_nothing);
    tcase_add_test(k, test_cer_compares_values_not_representations);
    tcase_add_test(k, test_cer_zero_fractions_compare_equal_whatever_sign_and_characteristic);
    tcase_add_test(k, test_cer_difference_only_in_guard_digit_is_unequal);
    tcase_add_test(k, test_ce_digits_beyond_the_guard_digit_do_not_count);
    tcase_add_test(k, test_compare_raises_no_overflow_underflow_or_significance);
    tcase_add_test(k, test_cdr_and_cd_compare_all_fourteen_digits);
    suite_add_tcase(s, k);
    return s;
}

int main(void)
{
    return test_run_suite(float_add_suite());
}
