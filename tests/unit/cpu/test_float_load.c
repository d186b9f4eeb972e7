/* Floating-point loads, stores, sign control and halve, and the exceptions
 * common to all floating-point instructions: register numbers, operand
 * alignment, addressing, protection, and the extended-precision opcodes a
 * 67 does not have (POO A22-6821-0 pp.42-47, p.79). Values are hand-made
 * register images; test names state the rule. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/cpu/test_float_support.h"

START_TEST(test_ler_copies_leftmost_half_and_keeps_low_half_and_cc)
{
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 0) = 0xC212345611111111ull;
    FPR(&c, 2) = 0x41100000AAAAAAAAull;
    test_execute(&c, "3802"); /* LER 0,2 */
    ck_assert_fpr(&c, 0, 0x4110000011111111ull);
    ck_assert_fpr(&c, 2, 0x41100000AAAAAAAAull);
    ck_assert_uint_eq(c.cc, 3);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ldr_copies_all_64_bits)
{
    struct cpu c;
    float_cpu_init(&c, 1, 0);
    FPR(&c, 4) = 0x1111111111111111ull;
    FPR(&c, 6) = 0xC1ABCDEF01234567ull;
    test_execute(&c, "2846"); /* LDR 4,6 */
    ck_assert_fpr(&c, 4, 0xC1ABCDEF01234567ull);
    ck_assert_uint_eq(c.cc, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_le_loads_word_into_leftmost_half_keeping_low_half)
{
    struct cpu c;
    float_cpu_init(&c, 2, 0);
    FPR(&c, 4) = 0x00000000DEADBEEFull;
    test_put_word(&c, 0x0800, 0x43ABCDEF);
    c.gpr[1] = 0x0700;
    c.gpr[2] = 0x0080;
    test_execute(&c, "7841 2080"); /* LE 4,X'080'(1,2) */
    ck_assert_fpr(&c, 4, 0x43ABCDEFDEADBEEFull);
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ld_loads_doubleword)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    test_put_double(&c, 0x0808, 0xBF12345678ABCDEFull);
    test_execute(&c, "6860 0808"); /* LD 6,X'808' */
    ck_assert_fpr(&c, 6, 0xBF12345678ABCDEFull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ste_stores_only_the_leftmost_half)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x4234567899999999ull;
    test_put_word(&c, 0x0804, 0x55555555);
    test_execute(&c, "7020 0800"); /* STE 2,X'800' */
    ck_assert_uint_eq(test_get_word(&c, 0x0800), 0x42345678);
    ck_assert_uint_eq(test_get_word(&c, 0x0804), 0x55555555);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_std_stores_the_doubleword)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0xC1FEDCBA98765432ull;
    test_execute(&c, "6000 0810"); /* STD 0,X'810' */
    ck_assert(test_get_double(&c, 0x0810) == 0xC1FEDCBA98765432ull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lper_makes_sign_plus_cc2_and_keeps_low_half)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x00000000ABCDEF01ull;
    FPR(&c, 2) = 0xC2123456FFFFFFFFull;
    test_execute(&c, "3002"); /* LPER 0,2 */
    ck_assert_fpr(&c, 0, 0x42123456ABCDEF01ull);
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lpdr_of_minus_zero_fraction_gives_plus_and_cc0)
{
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 6) = 0xC500000000000000ull;
    test_execute(&c, "2026"); /* LPDR 2,6 */
    ck_assert_fpr(&c, 2, 0x4500000000000000ull);
    ck_assert_uint_eq(c.cc, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lner_makes_sign_minus_cc1)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 4) = 0x4110000000000000ull;
    test_execute(&c, "3144"); /* LNER 4,4 */
    ck_assert_fpr(&c, 4, 0xC110000000000000ull);
    ck_assert_uint_eq(c.cc, 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lndr_sets_sign_minus_even_for_zero_fraction_with_cc0)
{
    /* POO p.44: "The sign bit of the second operand is made one, even if
     * the fraction is zero." */
    struct cpu c;
    float_cpu_init(&c, 2, 0);
    FPR(&c, 2) = 0x4100000000000000ull;
    test_execute(&c, "2102"); /* LNDR 0,2 */
    ck_assert_fpr(&c, 0, 0xC100000000000000ull);
    ck_assert_uint_eq(c.cc, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lter_sets_cc_from_sign_and_fraction_only)
{
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    /* A minus sign and a characteristic with a zero fraction: CC 0. */
    FPR(&c, 2) = 0xC300000000000000ull;
    test_execute(&c, "3202"); /* LTER 0,2 */
    ck_assert_uint_eq(c.cc, 0);
    ck_assert_fpr(&c, 0, 0xC300000000000000ull);
    /* Short: the low-order half is not tested, so a zero leftmost fraction
     * is CC 0 even with bits in the low half. */
    FPR(&c, 2) = 0x4000000012345678ull;
    FPR(&c, 0) = 0;
    test_execute(&c, "3202");
    ck_assert_uint_eq(c.cc, 0);
    ck_assert_fpr(&c, 0, 0x4000000000000000ull);
    FPR(&c, 2) = 0xC0100000ull << 32;
    test_execute(&c, "3202");
    ck_assert_uint_eq(c.cc, 1);
    FPR(&c, 2) = 0x00000001ull << 32;
    test_execute(&c, "3202");
    ck_assert_uint_eq(c.cc, 2);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ltdr_tests_all_14_fraction_digits)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x8000000000000001ull;
    test_execute(&c, "2222"); /* LTDR 2,2 */
    ck_assert_uint_eq(c.cc, 1);
    ck_assert_fpr(&c, 2, 0x8000000000000001ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lcer_inverts_sign_and_sets_cc)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 0) = 0x0000000077777777ull;
    FPR(&c, 6) = 0x41200000AAAAAAAAull;
    test_execute(&c, "3306"); /* LCER 0,6 */
    ck_assert_fpr(&c, 0, 0xC120000077777777ull);
    ck_assert_uint_eq(c.cc, 1);
    FPR(&c, 6) = 0xC120000000000000ull;
    test_execute(&c, "3306");
    ck_assert_fpr(&c, 0, 0x4120000077777777ull);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lcdr_of_zero_fraction_inverts_sign_with_cc0)
{
    struct cpu c;
    float_cpu_init(&c, 1, 0);
    FPR(&c, 4) = 0x0000000000000000ull;
    test_execute(&c, "2364"); /* LCDR 6,4 */
    ck_assert_fpr(&c, 6, 0x8000000000000000ull);
    ck_assert_uint_eq(c.cc, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_her_shifts_fraction_right_one_bit_without_normalizing)
{
    /* POO p.47: no normalization, sign and characteristic unchanged, the
     * low-order half of the result register unchanged, CC unchanged. */
    struct cpu c;
    float_cpu_init(&c, 3, 0);
    FPR(&c, 0) = 0x0000000012345678ull;
    FPR(&c, 2) = 0xC1100001FFFFFFFFull;
    test_execute(&c, "3402"); /* HER 0,2 */
    ck_assert_fpr(&c, 0, 0xC108000012345678ull);
    ck_assert_uint_eq(c.cc, 3);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_her_has_no_zero_test_so_zero_fraction_keeps_sign_and_characteristic)
{
    struct cpu c;
    float_cpu_init(&c, 0, PROGMASK_EXPONENT_UNDERFLOW | PROGMASK_SIGNIFICANCE);
    FPR(&c, 4) = 0xC7000001ull << 32;
    test_execute(&c, "3444"); /* HER 4,4 */
    ck_assert_fpr(&c, 4, 0xC700000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_hdr_shifts_the_long_fraction_right_one_bit)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 6) = 0x4210000000000003ull;
    test_execute(&c, "2406"); /* HDR 0,6 */
    ck_assert_fpr(&c, 0, 0x4208000000000001ull);
    /* Characteristic 0 stays 0: no underflow, no normalization. */
    FPR(&c, 6) = 0x0010000000000000ull;
    test_execute(&c, "2406");
    ck_assert_fpr(&c, 0, 0x0008000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

/* Every floating-point register field other than 0, 2, 4, 6 is a
 * specification exception; the operation is suppressed. */
START_TEST(test_rr_register_other_than_0_2_4_6_is_specification_exception)
{
    for (unsigned r = 0; r < 16; r++) {
        if (r == 0 || r == 2 || r == 4 || r == 6)
            continue;
        char insn[5];
        struct cpu c;
        /* As R1. */
        float_cpu_init(&c, 1, 0);
        FPR(&c, 0) = 0x4110000000000000ull;
        FPR(&c, 2) = 0x4120000000000000ull;
        snprintf(insn, sizeof insn, "2A%X2", r); /* ADR r,2 */
        test_execute(&c, insn);
        test_assert_program_interrupt(&c, PIC_SPECIFICATION, 1, TEST_CODE + 2);
        ck_assert_uint_eq(old_psw_cc(&c), 1);
        ck_assert_fpr(&c, 0, 0x4110000000000000ull);
        ck_assert_fpr(&c, 2, 0x4120000000000000ull);
        cpu_free(&c);
        /* As R2. */
        float_cpu_init(&c, 1, 0);
        FPR(&c, 0) = 0x4110000000000000ull;
        snprintf(insn, sizeof insn, "380%X", r); /* LER 0,r */
        test_execute(&c, insn);
        test_assert_program_interrupt(&c, PIC_SPECIFICATION, 1, TEST_CODE + 2);
        ck_assert_fpr(&c, 0, 0x4110000000000000ull);
        cpu_free(&c);
    }
}
END_TEST

START_TEST(test_rx_r1_odd_is_specification_exception_ilc2)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    test_put_word(&c, 0x0800, 0x41100000);
    test_execute(&c, "7830 0800"); /* LE 3,X'800' */
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_rx_index_and_base_are_general_registers_and_may_be_odd)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    test_put_word(&c, 0x0900, 0x41300000);
    c.gpr[1] = 0x0800;
    c.gpr[3] = 0x00F0;
    test_execute(&c, "7801 3010"); /* LE 0,X'010'(1,3) */
    ck_assert_fpr(&c, 0, 0x4130000000000000ull);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_short_rx_operand_off_word_boundary_is_specification_exception)
{
    struct cpu c;
    float_cpu_init(&c, 2, 0);
    FPR(&c, 0) = 0x4110000000000000ull;
    test_execute(&c, "7A00 0802"); /* AE 0,X'802' */
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(old_psw_cc(&c), 2);
    ck_assert_fpr(&c, 0, 0x4110000000000000ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_long_rx_operand_on_word_but_not_doubleword_is_specification_exception)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    test_put_double(&c, 0x0804, 0x4110000000000000ull);
    test_execute(&c, "6800 0804"); /* LD 0,X'804' */
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 0, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_std_off_doubleword_boundary_stores_nothing)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    FPR(&c, 2) = 0x4110000000000000ull;
    test_execute(&c, "6020 0804"); /* STD 2,X'804' */
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    ck_assert(test_get_double(&c, 0x0800) == 0);
    ck_assert(test_get_double(&c, 0x0808) == 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_operand_beyond_storage_is_addressing_exception)
{
    struct cpu c;
    float_cpu_init(&c, 1, 0);
    FPR(&c, 0) = 0x4110000000000000ull;
    c.gpr[5] = TEST_STORAGE;
    test_execute(&c, "6A00 5000"); /* AD 0,0(,5) */
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 0, 0x4110000000000000ull);
    ck_assert_uint_eq(old_psw_cc(&c), 1);
    cpu_free(&c);
}
END_TEST

START_TEST(test_store_beyond_storage_is_addressing_exception)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    c.gpr[5] = TEST_STORAGE - 8;
    test_execute(&c, "7000 5008"); /* STE 0,8(,5) */
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ste_into_block_with_other_key_is_protection_exception)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    FPR(&c, 0) = 0x4110000000000000ull;
    test_execute(&c, "7000 0800"); /* STE 0,X'800' */
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(test_get_word(&c, 0x0800), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_std_into_block_with_matching_key_is_allowed)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    c.storage.keys[0x0800 >> 11] = 0x50;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    FPR(&c, 6) = 0x4110000000000001ull;
    test_execute(&c, "6060 0800"); /* STD 6,X'800' */
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    ck_assert(test_get_double(&c, 0x0800) == 0x4110000000000001ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ld_from_fetch_protected_block_is_protection_exception)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    c.storage.keys[0x0800 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_put_double(&c, 0x0800, 0x4110000000000000ull);
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_execute(&c, "6840 0800"); /* LD 4,X'800' */
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_fpr(&c, 4, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ae_from_fetch_protected_block_is_protection_exception_and_cc_kept)
{
    struct cpu c;
    float_cpu_init(&c, 0, 0);
    c.storage.keys[0x0800 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_put_word(&c, 0x0800, 0x41100000);
    test_set_psw(&c, 0, 5, 0, 3, 0, TEST_CODE);
    FPR(&c, 2) = 0x4120000000000000ull;
    test_execute(&c, "7A20 0800"); /* AE 2,X'800' */
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(old_psw_cc(&c), 3);
    ck_assert_fpr(&c, 2, 0x4120000000000000ull);
    cpu_free(&c);
}
END_TEST

START_TEST(test_extended_precision_opcodes_are_operation_exceptions_on_67)
{
    /* LRDR MXR MXDR LRER AXR SXR (RR) and MXD (RX) are Model 85 and
     * System/370 instructions (S360-67.md §1.7). */
    static const char *const ops[] = {"2500", "2600", "2700", "3500", "3600", "3700", "67000800"};
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        struct cpu c;
        float_cpu_init(&c, 0, 0);
        FPR(&c, 0) = 0x4110000000000000ull;
        test_execute(&c, ops[i]);
        unsigned ilc = ops[i][0] == '6' ? 2 : 1;
        test_assert_program_interrupt(&c, PIC_OPERATION, ilc, TEST_CODE + 2 * ilc);
        ck_assert_fpr(&c, 0, 0x4110000000000000ull);
        cpu_free(&c);
    }
}
END_TEST

static Suite *float_load_suite(void)
{
    Suite *s = suite_create("float_load");
    TCase *t = tcase_create("load_store_sign_halve");
    tcase_add_test(t, test_ler_copies_leftmost_half_and_keeps_low_half_and_cc);
    tcase_add_test(t, test_ldr_copies_all_64_bits);
    tcase_add_test(t, test_le_loads_word_into_leftmost_half_keeping_low_half);
    tcase_add_test(t, test_ld_loads_doubleword);
    tcase_add_test(t, test_ste_stores_only_the_leftmost_half);
    tcase_add_test(t, test_std_stores_the_doubleword);
    tcase_add_test(t, test_lper_makes_sign_plus_cc2_and_keeps_low_half);
    tcase_add_test(t, test_lpdr_of_minus_zero_fraction_gives_plus_and_cc0);
    tcase_add_test(t, test_lner_makes_sign_minus_cc1);
    tcase_add_test(t, test_lndr_sets_sign_minus_even_for_zero_fraction_with_cc0);
    tcase_add_test(t, test_lter_sets_cc_from_sign_and_fraction_only);
    tcase_add_test(t, test_ltdr_tests_all_14_fraction_digits);
    tcase_add_test(t, test_lcer_inverts_sign_and_sets_cc);
    tcase_add_test(t, test_lcdr_of_zero_fraction_inverts_sign_with_cc0);
    tcase_add_test(t, test_her_shifts_fraction_right_one_bit_without_normalizing);
    tcase_add_test(t, test_her_has_no_zero_test_so_zero_fraction_keeps_sign_and_characteristic);
    tcase_add_test(t, test_hdr_shifts_the_long_fraction_right_one_bit);
    suite_add_tcase(s, t);

    TCase *e = tcase_create("exceptions");
    tcase_add_test(e, test_rr_register_other_than_0_2_4_6_is_specification_exception);
    tcase_add_test(e, test_rx_r1_odd_is_specification_exception_ilc2);
    tcase_add_test(e, test_rx_index_and_base_are_general_registers_and_may_be_odd);
    tcase_add_test(e, test_short_rx_operand_off_word_boundary_is_specification_exception);
    tcase_add_test(e, test_long_rx_operand_on_word_but_not_doubleword_is_specification_exception);
    tcase_add_test(e, test_std_off_doubleword_boundary_stores_nothing);
    tcase_add_test(e, test_operand_beyond_storage_is_addressing_exception);
    tcase_add_test(e, test_store_beyond_storage_is_addressing_exception);
    tcase_add_test(e, test_ste_into_block_with_other_key_is_protection_exception);
    tcase_add_test(e, test_std_into_block_with_matching_key_is_allowed);
    tcase_add_test(e, test_ld_from_fetch_protected_block_is_protection_exception);
    tcase_add_test(e, test_ae_from_fetch_protected_block_is_protection_exception_and_cc_kept);
    tcase_add_test(e, test_extended_precision_opcodes_are_operation_exceptions_on_67);
    suite_add_tcase(s, e);
    return s;
}

int main(void)
{
    return test_run_suite(float_load_suite());
}
