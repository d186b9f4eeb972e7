/* Fixed-point instructions (POO A22-6821 "Fixed-Point Arithmetic"):
 * results, every condition code, and every exception each can raise,
 * with the interruption code, ILC and old PSW address. Operands live at
 * x'800' (block 1); instructions run at TEST_CODE. */
#include <check.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"

#define BEGIN              \
    struct cpu cpu_;       \
    struct cpu *c = &cpu_; \
    test_cpu_init(c)
#define END cpu_free(c)

/* Runs one instruction with R1/R2 preset and checks no interruption. */
static void run_ok(struct cpu *c, const char *hex, unsigned length)
{
    test_execute(c, hex);
    test_assert_no_interrupt(c, TEST_CODE + length);
}

static void enable_overflow(struct cpu *c)
{
    test_set_psw(c, 0, 0, 0, 0, PROGMASK_FIXED_OVERFLOW, TEST_CODE);
}

/* ---- Loads ------------------------------------------------------------- */

START_TEST(test_lr_copies_register_and_leaves_cc)
{
    BEGIN;
    c->cc = 2;
    c->gpr[2] = 0x80000001;
    run_ok(c, "1832", 2);
    ck_assert_uint_eq(c->gpr[3], 0x80000001);
    ck_assert_uint_eq(c->cc, 2);
    END;
}
END_TEST

START_TEST(test_ltr_sets_cc_0_zero_1_negative_2_positive)
{
    static const struct {
        uint32_t value;
        uint8_t cc;
    } cases[] = {{0, 0}, {0xFFFFFFFF, 1}, {0x80000000, 1}, {1, 2}, {0x7FFFFFFF, 2}};
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        BEGIN;
        c->gpr[5] = cases[i].value;
        run_ok(c, "1245", 2);
        ck_assert_uint_eq(c->gpr[4], cases[i].value);
        ck_assert_uint_eq(c->cc, cases[i].cc);
        END;
    }
}
END_TEST

START_TEST(test_lcr_complements_with_cc_0_1_2)
{
    BEGIN;
    c->gpr[2] = 5;
    run_ok(c, "1312", 2);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFB);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[2] = 0xFFFFFFFB;
    run_ok(c, "1312", 2);
    ck_assert_uint_eq(c->gpr[1], 5);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[2] = 0;
    run_ok(c, "1312", 2);
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_lcr_of_maximum_negative_overflows_cc3_completed_code_08_when_enabled)
{
    BEGIN;
    c->gpr[2] = 0x80000000;
    run_ok(c, "1312", 2);
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    ck_assert_uint_eq(c->cc, 3);
    enable_overflow(c);
    c->gpr[1] = 0;
    test_execute(c, "1312");
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 1, TEST_CODE + 2);
    ck_assert_uint_eq((test_old_psw_word1(c, LOW_PROGRAM_OLD) >> 28) & 3, 3);
    END;
}
END_TEST

START_TEST(test_lpr_gives_absolute_value_cc_0_2_and_overflow_cc3_for_maximum_negative)
{
    BEGIN;
    c->gpr[2] = 0xFFFFFFF9;
    run_ok(c, "1012", 2);
    ck_assert_uint_eq(c->gpr[1], 7);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[2] = 0;
    run_ok(c, "1012", 2);
    ck_assert_uint_eq(c->cc, 0);
    c->gpr[2] = 0x80000000;
    run_ok(c, "1012", 2);
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    ck_assert_uint_eq(c->cc, 3);
    enable_overflow(c);
    test_execute(c, "1012");
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 1, TEST_CODE + 2);
    END;
}
END_TEST

START_TEST(test_lnr_gives_minus_absolute_value_cc_0_1_never_overflows)
{
    BEGIN;
    enable_overflow(c);
    c->gpr[2] = 7;
    run_ok(c, "1112", 2);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFF9);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[2] = 0xFFFFFFF9;
    run_ok(c, "1112", 2);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFF9);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[2] = 0x80000000;
    run_ok(c, "1112", 2);
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[2] = 0;
    run_ok(c, "1112", 2);
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_l_with_index_and_base_loads_word)
{
    BEGIN;
    test_put_word(c, 0x0908, 0xCAFEF00D);
    c->gpr[4] = 0x100;
    c->gpr[5] = 0x008;
    run_ok(c, "5834 5800", 4); /* L 3,X'800'(4,5) */
    ck_assert_uint_eq(c->gpr[3], 0xCAFEF00D);
    END;
}
END_TEST

START_TEST(test_l_effective_address_wraps_at_24_bits)
{
    BEGIN;
    test_put_word(c, 0x0800, 0x11112222);
    c->gpr[5] = 0xFF000700; /* bits 0-7 of the base are ignored */
    run_ok(c, "5835 0100", 4);
    ck_assert_uint_eq(c->gpr[3], 0x11112222);
    c->gpr[5] = 0x00FFFF00; /* x'FFFF00' + x'900' wraps to x'800' */
    run_ok(c, "5830 5900", 4);
    ck_assert_uint_eq(c->gpr[3], 0x11112222);
    END;
}
END_TEST

START_TEST(test_l_fetch_protected_block_with_other_key_is_protection_ilc2)
{
    BEGIN;
    c->storage.keys[1] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(c, 0, 5, PSW_PROBLEM, 0, 0, TEST_CODE);
    c->gpr[3] = 0x5555;
    test_execute(c, "5830 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[3], 0x5555);
    END;
}
END_TEST

START_TEST(test_lh_propagates_sign_of_halfword)
{
    BEGIN;
    test_put_hex(c, 0x0800, "8001 7FFF");
    run_ok(c, "4830 0800", 4);
    ck_assert_uint_eq(c->gpr[3], 0xFFFF8001);
    run_ok(c, "4830 0802", 4);
    ck_assert_uint_eq(c->gpr[3], 0x00007FFF);
    END;
}
END_TEST

START_TEST(test_lh_odd_address_is_specification_and_beyond_storage_is_addressing)
{
    BEGIN;
    test_execute(c, "4830 0801");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    c->gpr[9] = TEST_STORAGE;
    test_execute(c, "4839 0000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_st_stores_word_and_needs_alignment)
{
    BEGIN;
    c->gpr[3] = 0x01020304;
    run_ok(c, "5030 0804", 4);
    ck_assert_uint_eq(test_get_word(c, 0x0804), 0x01020304);
    test_execute(c, "5030 0806");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(test_get_word(c, 0x0804), 0x01020304);
    END;
}
END_TEST

START_TEST(test_st_beyond_storage_is_addressing)
{
    BEGIN;
    c->gpr[7] = TEST_STORAGE - 0x800;
    test_execute(c, "5037 0800");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_sth_stores_low_halfword_and_respects_store_protection)
{
    BEGIN;
    c->gpr[3] = 0xAAAABBBB;
    run_ok(c, "4030 0802", 4);
    ck_assert_uint_eq(test_get_half(c, 0x0802), 0xBBBB);
    ck_assert_uint_eq(test_get_half(c, 0x0800), 0);
    test_execute(c, "4030 0803");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    c->storage.keys[1] = 0x20;
    test_set_psw(c, 0, 3, 0, 0, 0, TEST_CODE);
    c->gpr[3] = 0x1234;
    test_execute(c, "4030 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(test_get_half(c, 0x0800), 0);
    END;
}
END_TEST

START_TEST(test_la_gives_24_bit_address_without_storage_reference)
{
    BEGIN;
    c->gpr[4] = 0x7F000010;
    c->gpr[5] = 0x00FFFFFF;
    c->gpr[9] = 0xFFFFFFFF;
    run_ok(c, "4194 5001", 4); /* LA 9,1(4,5): wraps, high byte zero */
    ck_assert_uint_eq(c->gpr[9], 0x00000010);
    c->gpr[9] = 0xFFFFFFFF;
    run_ok(c, "4190 0FFF", 4);
    ck_assert_uint_eq(c->gpr[9], 0x00000FFF);
    /* Far beyond storage: LA references nothing, so no exception. */
    c->gpr[4] = 0x00FFF000;
    run_ok(c, "4194 0000", 4);
    ck_assert_uint_eq(c->gpr[9], 0x00FFF000);
    END;
}
END_TEST

START_TEST(test_stm_and_lm_wrap_from_register_15_to_0)
{
    BEGIN;
    for (unsigned r = 0; r < 16; r++)
        c->gpr[r] = 0x100 + r;
    run_ok(c, "90E1 0800", 4); /* STM 14,1,X'800' */
    ck_assert_uint_eq(test_get_word(c, 0x0800), 0x10E);
    ck_assert_uint_eq(test_get_word(c, 0x0804), 0x10F);
    ck_assert_uint_eq(test_get_word(c, 0x0808), 0x100);
    ck_assert_uint_eq(test_get_word(c, 0x080C), 0x101);
    ck_assert_uint_eq(test_get_word(c, 0x0810), 0);
    for (unsigned r = 0; r < 16; r++)
        c->gpr[r] = 0;
    run_ok(c, "98E1 0800", 4); /* LM 14,1,X'800' */
    ck_assert_uint_eq(c->gpr[14], 0x10E);
    ck_assert_uint_eq(c->gpr[15], 0x10F);
    ck_assert_uint_eq(c->gpr[0], 0x100);
    ck_assert_uint_eq(c->gpr[1], 0x101);
    ck_assert_uint_eq(c->gpr[2], 0);
    END;
}
END_TEST

START_TEST(test_stm_all_sixteen_registers_across_2k_block)
{
    BEGIN;
    for (unsigned r = 0; r < 16; r++)
        c->gpr[r] = 0xA0 + r;
    c->gpr[12] = 0x17E0; /* base: the area runs x'17E0'-x'181F' */
    run_ok(c, "900F C000", 4);
    for (unsigned r = 0; r < 16; r++)
        ck_assert_uint_eq(test_get_word(c, 0x17E0 + 4 * r), r == 12 ? 0x17E0 : 0xA0 + r);
    for (unsigned r = 0; r < 16; r++)
        c->gpr[r] = 0;
    c->gpr[11] = 0x17E0;
    run_ok(c, "980F B000", 4);
    for (unsigned r = 0; r < 16; r++)
        ck_assert_uint_eq(c->gpr[r], r == 12 ? 0x17E0 : 0xA0 + r);
    END;
}
END_TEST

START_TEST(test_stm_into_protected_second_block_stores_nothing)
{
    BEGIN;
    c->storage.keys[1] = 0x30;
    test_set_psw(c, 0, 3, 0, 0, 0, TEST_CODE);
    c->storage.keys[2] = 0x40;
    c->gpr[12] = 0x0FF8;
    test_execute(c, "9003 C000"); /* STM 0,3: 16 bytes, 8 in each block */
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(test_get_word(c, 0x0FF8), 0);
    ck_assert_uint_eq(test_get_word(c, 0x0FFC), 0);
    END;
}
END_TEST

START_TEST(test_lm_misaligned_is_specification_and_addressing_leaves_registers)
{
    BEGIN;
    test_execute(c, "9801 0802");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    c->gpr[2] = 0x2222;
    c->gpr[3] = 0x3333;
    c->gpr[5] = TEST_STORAGE - 4; /* the second word is beyond storage */
    test_execute(c, "9823 5000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[2], 0x2222);
    ck_assert_uint_eq(c->gpr[3], 0x3333);
    END;
}
END_TEST

/* ---- Add and subtract --------------------------------------------------- */

START_TEST(test_ar_sets_cc_0_1_2_and_cc3_on_negative_overflow)
{
    BEGIN;
    c->gpr[1] = 5;
    c->gpr[2] = 0xFFFFFFFB;
    run_ok(c, "1A12", 2);
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 0);
    c->gpr[2] = 0xFFFFFFFF;
    run_ok(c, "1A12", 2);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[2] = 3;
    run_ok(c, "1A12", 2);
    ck_assert_uint_eq(c->gpr[1], 2);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[1] = 0x80000000;
    c->gpr[2] = 0xFFFFFFFF;
    run_ok(c, "1A12", 2);
    ck_assert_uint_eq(c->gpr[1], 0x7FFFFFFF);
    ck_assert_uint_eq(c->cc, 3);
    END;
}
END_TEST

START_TEST(test_a_adds_word_and_overflow_interrupts_when_mask_on)
{
    BEGIN;
    test_put_word(c, 0x0800, 0x7FFFFFFF);
    c->gpr[1] = 1;
    run_ok(c, "5A10 0800", 4);
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    ck_assert_uint_eq(c->cc, 3);
    enable_overflow(c);
    c->gpr[1] = 1;
    test_execute(c, "5A10 0800");
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_execute(c, "5A10 0801");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_ah_adds_sign_extended_halfword)
{
    BEGIN;
    test_put_hex(c, 0x0800, "FFFE");
    c->gpr[1] = 1;
    run_ok(c, "4A10 0800", 4);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFF);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[1] = 0x80000000;
    enable_overflow(c);
    test_execute(c, "4A10 0800");
    ck_assert_uint_eq(c->gpr[1], 0x7FFFFFFE);
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_execute(c, "4A10 0801");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_sr_sets_cc_0_1_2_3)
{
    BEGIN;
    c->gpr[1] = 7;
    c->gpr[2] = 7;
    run_ok(c, "1B12", 2);
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 0);
    c->gpr[2] = 1;
    run_ok(c, "1B12", 2);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFF);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[2] = 0xFFFFFFFE;
    run_ok(c, "1B12", 2);
    ck_assert_uint_eq(c->gpr[1], 1);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[1] = 0x80000000;
    c->gpr[2] = 1;
    run_ok(c, "1B12", 2);
    ck_assert_uint_eq(c->gpr[1], 0x7FFFFFFF);
    ck_assert_uint_eq(c->cc, 3);
    /* SR R,R clears: never an overflow, even for the maximum negative. */
    c->gpr[3] = 0x80000000;
    run_ok(c, "1B33", 2);
    ck_assert_uint_eq(c->gpr[3], 0);
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_s_and_sh_overflow_interrupts_after_storing_result)
{
    BEGIN;
    test_put_word(c, 0x0800, 0x80000000);
    test_put_hex(c, 0x0804, "8000");
    enable_overflow(c);
    c->gpr[1] = 0;
    test_execute(c, "5B10 0800"); /* 0 - (-2^31) overflows */
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_put_hex(c, 0x0804, "8000");
    c->gpr[1] = 5;
    run_ok(c, "4B10 0804", 4); /* 5 - (-32768) */
    ck_assert_uint_eq(c->gpr[1], 32773);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[1] = 0x7FFFFFFF;
    run_ok(c, "4B10 0804", 4);
    ck_assert_uint_eq(c->gpr[1], 0x80007FFF);
    ck_assert_uint_eq(c->cc, 3);
    test_execute(c, "5B10 0802");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_alr_and_al_cc_0_1_2_3_from_zero_and_carry_never_interrupt)
{
    static const struct {
        uint32_t a, b, sum;
        uint8_t cc;
    } cases[] = {
        {0, 0, 0, 0},
        {1, 2, 3, 1},
        {0x80000000, 0x80000000, 0, 2},
        {0xFFFFFFFF, 2, 1, 3},
        {0x7FFFFFFF, 1, 0x80000000, 1}, /* a signed overflow is no event */
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        BEGIN;
        enable_overflow(c);
        c->gpr[1] = cases[i].a;
        c->gpr[2] = cases[i].b;
        run_ok(c, "1E12", 2);
        ck_assert_uint_eq(c->gpr[1], cases[i].sum);
        ck_assert_uint_eq(c->cc, cases[i].cc);
        c->gpr[1] = cases[i].a;
        test_put_word(c, 0x0800, cases[i].b);
        run_ok(c, "5E10 0800", 4);
        ck_assert_uint_eq(c->gpr[1], cases[i].sum);
        ck_assert_uint_eq(c->cc, cases[i].cc);
        END;
    }
}
END_TEST

START_TEST(test_slr_and_sl_cc_1_2_3_zero_difference_always_carries)
{
    static const struct {
        uint32_t a, b, difference;
        uint8_t cc;
    } cases[] = {
        {5, 5, 0, 2},
        {0, 0, 0, 2},
        {5, 3, 2, 3},
        {5, 0, 5, 3}, /* subtracting zero carries */
        {3, 5, 0xFFFFFFFE, 1},
        {0x80000000, 1, 0x7FFFFFFF, 3},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        BEGIN;
        enable_overflow(c);
        c->gpr[1] = cases[i].a;
        c->gpr[2] = cases[i].b;
        run_ok(c, "1F12", 2);
        ck_assert_uint_eq(c->gpr[1], cases[i].difference);
        ck_assert_uint_eq(c->cc, cases[i].cc);
        c->gpr[1] = cases[i].a;
        test_put_word(c, 0x0800, cases[i].b);
        run_ok(c, "5F10 0800", 4);
        ck_assert_uint_eq(c->gpr[1], cases[i].difference);
        ck_assert_uint_eq(c->cc, cases[i].cc);
        END;
    }
}
END_TEST

START_TEST(test_al_and_sl_misaligned_operand_is_specification)
{
    BEGIN;
    test_execute(c, "5E10 0803");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_execute(c, "5F10 0803");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

/* ---- Compare ------------------------------------------------------------- */

START_TEST(test_cr_c_ch_compare_algebraically_cc_0_1_2)
{
    BEGIN;
    test_put_word(c, 0x0800, 0xFFFFFFFF);
    test_put_hex(c, 0x0804, "FFFF");
    c->gpr[1] = 1;
    c->gpr[2] = 0xFFFFFFFF;
    run_ok(c, "1912", 2);
    ck_assert_uint_eq(c->cc, 2);
    run_ok(c, "1921", 2);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "1922", 2);
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "5910 0800", 4);
    ck_assert_uint_eq(c->cc, 2);
    run_ok(c, "5920 0800", 4);
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "4920 0804", 4); /* CH: x'FFFF' is -1 */
    ck_assert_uint_eq(c->cc, 0);
    c->gpr[3] = 0x80000000;
    run_ok(c, "4930 0804", 4);
    ck_assert_uint_eq(c->cc, 1);
    ck_assert_uint_eq(c->gpr[1], 1);
    END;
}
END_TEST

START_TEST(test_c_and_ch_misaligned_are_specification)
{
    BEGIN;
    test_execute(c, "5910 0802");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_execute(c, "4910 0801");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

/* ---- Multiply ----------------------------------------------------------- */

START_TEST(test_mr_multiplies_odd_register_into_even_odd_pair_cc_unchanged)
{
    BEGIN;
    c->cc = 1;
    c->gpr[3] = 0x10000;
    c->gpr[5] = 0xFFFF0000; /* -65536 */
    run_ok(c, "1C25", 2);
    ck_assert_uint_eq(c->gpr[2], 0xFFFFFFFF);
    ck_assert_uint_eq(c->gpr[3], 0x00000000);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[3] = 0x80000000;
    c->gpr[5] = 0x80000000;
    run_ok(c, "1C25", 2);
    ck_assert_uint_eq(c->gpr[2], 0x40000000);
    ck_assert_uint_eq(c->gpr[3], 0);
    END;
}
END_TEST

START_TEST(test_mr_and_m_with_odd_r1_are_specification_registers_unchanged)
{
    BEGIN;
    c->gpr[3] = 9;
    c->gpr[4] = 9;
    test_execute(c, "1C35");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 1, TEST_CODE + 2);
    ck_assert_uint_eq(c->gpr[3], 9);
    ck_assert_uint_eq(c->gpr[4], 9);
    test_cpu_reinit(c);
    test_execute(c, "5C30 0800");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_m_multiplies_by_word_and_needs_alignment)
{
    BEGIN;
    test_put_word(c, 0x0800, 0xFFFFFFFD); /* -3 */
    c->gpr[7] = 0x40000001;
    run_ok(c, "5C60 0800", 4);
    ck_assert_uint_eq(c->gpr[6], 0xFFFFFFFF);
    ck_assert_uint_eq(c->gpr[7], 0x3FFFFFFD);
    test_execute(c, "5C60 0801");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_mh_keeps_low_32_bits_of_product_without_overflow)
{
    BEGIN;
    test_put_hex(c, 0x0800, "0003 FFFE");
    c->cc = 2;
    c->gpr[4] = 12345;
    run_ok(c, "4C40 0800", 4);
    ck_assert_uint_eq(c->gpr[4], 37035);
    c->gpr[4] = 0x40000000;
    enable_overflow(c);
    c->cc = 2;
    run_ok(c, "4C40 0800", 4); /* 3 * 2^30 loses its high bits silently */
    ck_assert_uint_eq(c->gpr[4], 0xC0000000);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[4] = 5;
    run_ok(c, "4C40 0802", 4);
    ck_assert_uint_eq(c->gpr[4], 0xFFFFFFF6);
    test_execute(c, "4C40 0803");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

/* ---- Divide ------------------------------------------------------------- */

START_TEST(test_dr_remainder_has_sign_of_dividend_quotient_in_odd_register)
{
    static const struct {
        int64_t dividend;
        int32_t divisor, quotient, remainder;
    } cases[] = {
        {100, 7, 14, 2},
        {-100, 7, -14, -2},
        {100, -7, -14, 2},
        {-100, -7, 14, -2},
        {0x17FFFFFFFLL, 3, 0x7FFFFFFF, 2},
        {-0x80000000LL, 1, INT32_MIN, 0},
        {0x80000000LL, -1, INT32_MIN, 0},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        BEGIN;
        c->cc = 3;
        c->gpr[2] = (uint32_t)((uint64_t)cases[i].dividend >> 32);
        c->gpr[3] = (uint32_t)cases[i].dividend;
        c->gpr[6] = (uint32_t)cases[i].divisor;
        run_ok(c, "1D26", 2);
        ck_assert_int_eq((int32_t)c->gpr[3], cases[i].quotient);
        ck_assert_int_eq((int32_t)c->gpr[2], cases[i].remainder);
        ck_assert_uint_eq(c->cc, 3);
        END;
    }
}
END_TEST

START_TEST(test_dr_by_zero_and_quotient_overflow_are_code_09_and_suppressed)
{
    static const struct {
        uint32_t high, low, divisor;
    } cases[] = {
        {0, 5, 0},
        {0x00000001, 0x00000000, 1},          /* 2^32 */
        {0x00000000, 0x80000000, 1},          /* +2^31 */
        {0xFFFFFFFF, 0x7FFFFFFF, 1},          /* -2^31 - 1 */
        {0x80000000, 0x00000000, 0xFFFFFFFF}, /* the most negative dividend */
        {0x40000000, 0x00000000, 0x7FFFFFFF},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        BEGIN;
        c->gpr[2] = cases[i].high;
        c->gpr[3] = cases[i].low;
        c->gpr[6] = cases[i].divisor;
        test_execute(c, "1D26");
        test_assert_program_interrupt(c, PIC_FIXED_POINT_DIVIDE, 1, TEST_CODE + 2);
        ck_assert_uint_eq(c->gpr[2], cases[i].high);
        ck_assert_uint_eq(c->gpr[3], cases[i].low);
        END;
    }
}
END_TEST

START_TEST(test_d_divides_by_word_and_checks_pair_alignment_and_divide)
{
    BEGIN;
    test_put_word(c, 0x0800, 10);
    test_put_word(c, 0x0804, 0);
    c->gpr[4] = 0;
    c->gpr[5] = 1234;
    run_ok(c, "5D40 0800", 4);
    ck_assert_uint_eq(c->gpr[5], 123);
    ck_assert_uint_eq(c->gpr[4], 4);
    test_execute(c, "5D50 0800");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_execute(c, "5D40 0802");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    c->gpr[5] = 77;
    test_execute(c, "5D40 0804");
    test_assert_program_interrupt(c, PIC_FIXED_POINT_DIVIDE, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[5], 77);
    END;
}
END_TEST

/* ---- Shifts --------------------------------------------------------------- */

START_TEST(test_shift_amount_is_low_six_bits_of_address_and_r3_is_ignored)
{
    BEGIN;
    c->gpr[1] = 1;
    c->gpr[6] = 0x00000FC3; /* low six bits 3 */
    run_ok(c, "8917 6000", 4); /* SLL 1,0(6), R3 = 7 ignored */
    ck_assert_uint_eq(c->gpr[1], 8);
    run_ok(c, "8910 0041", 4); /* SLL 1,X'41': amount 1 */
    ck_assert_uint_eq(c->gpr[1], 16);
    END;
}
END_TEST

START_TEST(test_sll_srl_shift_logically_and_leave_cc)
{
    BEGIN;
    c->cc = 3;
    c->gpr[1] = 0x80000001;
    run_ok(c, "8910 0001", 4);
    ck_assert_uint_eq(c->gpr[1], 0x00000002);
    run_ok(c, "8810 0001", 4);
    ck_assert_uint_eq(c->gpr[1], 0x00000001);
    c->gpr[1] = 0xFFFFFFFF;
    run_ok(c, "8810 001F", 4);
    ck_assert_uint_eq(c->gpr[1], 1);
    run_ok(c, "8910 0020", 4); /* 32 or more: all gone */
    ck_assert_uint_eq(c->gpr[1], 0);
    c->gpr[1] = 0xFFFFFFFF;
    run_ok(c, "8810 003F", 4);
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 3);
    END;
}
END_TEST

START_TEST(test_sla_keeps_sign_and_sets_cc_0_1_2)
{
    BEGIN;
    c->gpr[1] = 3;
    run_ok(c, "8B10 0002", 4);
    ck_assert_uint_eq(c->gpr[1], 12);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[1] = 0xFFFFFFFD; /* -3 */
    run_ok(c, "8B10 0002", 4);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFF4);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[1] = 0;
    run_ok(c, "8B10 003F", 4);
    ck_assert_uint_eq(c->cc, 0);
    /* -1 shifted 31 places: only ones (like the sign) leave: -2^31. */
    c->gpr[1] = 0xFFFFFFFF;
    run_ok(c, "8B10 001F", 4);
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    ck_assert_uint_eq(c->cc, 1);
    END;
}
END_TEST

START_TEST(test_sla_losing_bit_unlike_sign_is_overflow_cc3_result_stored)
{
    BEGIN;
    c->gpr[1] = 0x40000001;
    run_ok(c, "8B10 0001", 4);
    ck_assert_uint_eq(c->gpr[1], 0x00000002);
    ck_assert_uint_eq(c->cc, 3);
    c->gpr[1] = 0xBFFFFFFF; /* negative, bit 1 zero */
    run_ok(c, "8B10 0001", 4);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFE);
    ck_assert_uint_eq(c->cc, 3);
    /* -1 shifted 32 places: the 32nd shift drops a zero from bit 1. */
    c->gpr[1] = 0xFFFFFFFF;
    run_ok(c, "8B10 0020", 4);
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    ck_assert_uint_eq(c->cc, 3);
    c->gpr[1] = 1;
    run_ok(c, "8B10 003F", 4);
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 3);
    enable_overflow(c);
    c->gpr[1] = 0x40000000;
    test_execute(c, "8B10 0001");
    ck_assert_uint_eq(c->gpr[1], 0);
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_sra_propagates_sign_cc_0_1_2)
{
    BEGIN;
    c->gpr[1] = 0xFFFFFF00;
    run_ok(c, "8A10 0004", 4);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFF0);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "8A10 003F", 4);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFF);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[1] = 0x100;
    run_ok(c, "8A10 0004", 4);
    ck_assert_uint_eq(c->gpr[1], 0x10);
    ck_assert_uint_eq(c->cc, 2);
    run_ok(c, "8A10 0005", 4);
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_sldl_srdl_shift_the_even_odd_pair_and_leave_cc)
{
    BEGIN;
    c->cc = 1;
    c->gpr[2] = 0x00000001;
    c->gpr[3] = 0x80000000;
    run_ok(c, "8D20 0001", 4);
    ck_assert_uint_eq(c->gpr[2], 0x00000003);
    ck_assert_uint_eq(c->gpr[3], 0x00000000);
    run_ok(c, "8C20 0021", 4); /* SRDL 33 */
    ck_assert_uint_eq(c->gpr[2], 0);
    ck_assert_uint_eq(c->gpr[3], 1);
    run_ok(c, "8D20 003F", 4);
    ck_assert_uint_eq(c->gpr[2], 0x80000000);
    ck_assert_uint_eq(c->gpr[3], 0);
    ck_assert_uint_eq(c->cc, 1);
    END;
}
END_TEST

START_TEST(test_srda_shifts_pair_arithmetically_cc_0_1_2)
{
    BEGIN;
    c->gpr[4] = 0x80000000;
    c->gpr[5] = 0;
    run_ok(c, "8E40 0020", 4); /* SRDA 32 */
    ck_assert_uint_eq(c->gpr[4], 0xFFFFFFFF);
    ck_assert_uint_eq(c->gpr[5], 0x80000000);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[4] = 0;
    c->gpr[5] = 0x10;
    run_ok(c, "8E40 0004", 4);
    ck_assert_uint_eq(c->gpr[5], 1);
    ck_assert_uint_eq(c->cc, 2);
    run_ok(c, "8E40 0001", 4);
    ck_assert_uint_eq(c->gpr[5], 0);
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_slda_cc_and_overflow_over_63_numeric_bits)
{
    BEGIN;
    c->gpr[4] = 0;
    c->gpr[5] = 0x80000000;
    run_ok(c, "8F40 0001", 4);
    ck_assert_uint_eq(c->gpr[4], 1);
    ck_assert_uint_eq(c->gpr[5], 0);
    ck_assert_uint_eq(c->cc, 2);
    c->gpr[4] = 0xFFFFFFFF;
    c->gpr[5] = 0xFFFFFFFF;
    run_ok(c, "8F40 003F", 4); /* -1 by 63: only ones leave */
    ck_assert_uint_eq(c->gpr[4], 0x80000000);
    ck_assert_uint_eq(c->gpr[5], 0);
    ck_assert_uint_eq(c->cc, 1);
    c->gpr[4] = 0x20000000;
    c->gpr[5] = 0x00000001;
    run_ok(c, "8F40 0002", 4);
    ck_assert_uint_eq(c->gpr[4], 0);
    ck_assert_uint_eq(c->gpr[5], 4);
    ck_assert_uint_eq(c->cc, 3);
    enable_overflow(c);
    c->gpr[4] = 0x40000000;
    c->gpr[5] = 0;
    test_execute(c, "8F40 0001");
    ck_assert_uint_eq(c->gpr[4], 0);
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_double_shifts_with_odd_r1_are_specification)
{
    static const char *const ops[] = {"8C30 0001", "8D30 0001", "8E30 0001", "8F30 0001"};
    for (unsigned i = 0; i < 4; i++) {
        BEGIN;
        c->gpr[3] = 0x12345678;
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
        ck_assert_uint_eq(c->gpr[3], 0x12345678);
        END;
    }
}
END_TEST

static Suite *fixed_point_suite(void)
{
    Suite *s = suite_create("fixed point");
    TCase *t = tcase_create("loads and stores");
    tcase_add_test(t, test_lr_copies_register_and_leaves_cc);
    tcase_add_test(t, test_ltr_sets_cc_0_zero_1_negative_2_positive);
    tcase_add_test(t, test_lcr_complements_with_cc_0_1_2);
    tcase_add_test(t, test_lcr_of_maximum_negative_overflows_cc3_completed_code_08_when_enabled);
    tcase_add_test(t, test_lpr_gives_absolute_value_cc_0_2_and_overflow_cc3_for_maximum_negative);
    tcase_add_test(t, test_lnr_gives_minus_absolute_value_cc_0_1_never_overflows);
    tcase_add_test(t, test_l_with_index_and_base_loads_word);
    tcase_add_test(t, test_l_effective_address_wraps_at_24_bits);
    tcase_add_test(t, test_l_fetch_protected_block_with_other_key_is_protection_ilc2);
    tcase_add_test(t, test_lh_propagates_sign_of_halfword);
    tcase_add_test(t, test_lh_odd_address_is_specification_and_beyond_storage_is_addressing);
    tcase_add_test(t, test_st_stores_word_and_needs_alignment);
    tcase_add_test(t, test_st_beyond_storage_is_addressing);
    tcase_add_test(t, test_sth_stores_low_halfword_and_respects_store_protection);
    tcase_add_test(t, test_la_gives_24_bit_address_without_storage_reference);
    tcase_add_test(t, test_stm_and_lm_wrap_from_register_15_to_0);
    tcase_add_test(t, test_stm_all_sixteen_registers_across_2k_block);
    tcase_add_test(t, test_stm_into_protected_second_block_stores_nothing);
    tcase_add_test(t, test_lm_misaligned_is_specification_and_addressing_leaves_registers);
    suite_add_tcase(s, t);

    t = tcase_create("arithmetic");
    tcase_add_test(t, test_ar_sets_cc_0_1_2_and_cc3_on_negative_overflow);
    tcase_add_test(t, test_a_adds_word_and_overflow_interrupts_when_mask_on);
    tcase_add_test(t, test_ah_adds_sign_extended_halfword);
    tcase_add_test(t, test_sr_sets_cc_0_1_2_3);
    tcase_add_test(t, test_s_and_sh_overflow_interrupts_after_storing_result);
    tcase_add_test(t, test_alr_and_al_cc_0_1_2_3_from_zero_and_carry_never_interrupt);
    tcase_add_test(t, test_slr_and_sl_cc_1_2_3_zero_difference_always_carries);
    tcase_add_test(t, test_al_and_sl_misaligned_operand_is_specification);
    tcase_add_test(t, test_cr_c_ch_compare_algebraically_cc_0_1_2);
    tcase_add_test(t, test_c_and_ch_misaligned_are_specification);
    tcase_add_test(t, test_mr_multiplies_odd_register_into_even_odd_pair_cc_unchanged);
    tcase_add_test(t, test_mr_and_m_with_odd_r1_are_specification_registers_unchanged);
    tcase_add_test(t, test_m_multiplies_by_word_and_needs_alignment);
    tcase_add_test(t, test_mh_keeps_low_32_bits_of_product_without_overflow);
    tcase_add_test(t, test_dr_remainder_has_sign_of_dividend_quotient_in_odd_register);
    tcase_add_test(t, test_dr_by_zero_and_quotient_overflow_are_code_09_and_suppressed);
    tcase_add_test(t, test_d_divides_by_word_and_checks_pair_alignment_and_divide);
    suite_add_tcase(s, t);

    t = tcase_create("shifts");
    tcase_add_test(t, test_shift_amount_is_low_six_bits_of_address_and_r3_is_ignored);
    tcase_add_test(t, test_sll_srl_shift_logically_and_leave_cc);
    tcase_add_test(t, test_sla_keeps_sign_and_sets_cc_0_1_2);
    tcase_add_test(t, test_sla_losing_bit_unlike_sign_is_overflow_cc3_result_stored);
    tcase_add_test(t, test_sra_propagates_sign_cc_0_1_2);
    tcase_add_test(t, test_sldl_srdl_shift_the_even_odd_pair_and_leave_cc);
    tcase_add_test(t, test_srda_shifts_pair_arithmetically_cc_0_1_2);
    tcase_add_test(t, test_slda_cc_and_overflow_over_63_numeric_bits);
    tcase_add_test(t, test_double_shifts_with_odd_r1_are_specification);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(fixed_point_suite());
}
