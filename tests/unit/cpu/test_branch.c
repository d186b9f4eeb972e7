/* Branching (POO A22-6821 "Branching"; the 67's BAS/BASR, S360-67.md
 * §2.4) and EXECUTE with all of its rules. Instructions run at TEST_CODE
 * (x'1000'); branch and EX targets are at x'A00'-x'B00' (a 12-bit
 * displacement reaches them without a base register). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"

#define BEGIN              \
    struct cpu cpu_;       \
    struct cpu *c = &cpu_; \
    test_cpu_init(c)
#define END cpu_free(c)

static void run_ok(struct cpu *c, const char *hex, uint32_t next)
{
    test_execute(c, hex);
    test_assert_no_interrupt(c, next);
}

/* ---- Branch on condition --------------------------------------------- */

START_TEST(test_bc_mask_bits_8_4_2_1_select_cc_0_1_2_3)
{
    for (unsigned cc = 0; cc < 4; cc++) {
        for (unsigned mask = 0; mask < 16; mask++) {
            BEGIN;
            char hex[16];
            snprintf(hex, sizeof hex, "47%X0 0A00", mask);
            c->cc = (uint8_t)cc;
            bool taken = (mask & (8u >> cc)) != 0;
            run_ok(c, hex, taken ? 0x0A00 : TEST_CODE + 4);
            ck_assert_uint_eq(c->cc, cc);
            END;
        }
    }
}
END_TEST

START_TEST(test_bcr_branches_to_register_address_and_never_when_r2_is_zero)
{
    BEGIN;
    c->cc = 1;
    c->gpr[6] = 0xFF000A00; /* the high byte is not part of the address */
    run_ok(c, "0746", 0x0A00);
    run_ok(c, "0786", TEST_CODE + 2); /* mask 8 does not select CC 1 */
    c->gpr[0] = 0x0A00;
    run_ok(c, "07F0", TEST_CODE + 2); /* BCR 15,0: the no-op */
    END;
}
END_TEST

START_TEST(test_bc_address_is_displacement_plus_index_plus_base)
{
    BEGIN;
    c->gpr[4] = 0x100;
    c->gpr[5] = 0x1000;
    run_ok(c, "47F4 5080", 0x1180);
    END;
}
END_TEST

/* ---- Branch and link ------------------------------------------------- */

START_TEST(test_bal_links_ilc_cc_program_mask_and_updated_address)
{
    BEGIN;
    test_set_psw(c, 0, 0, 0, 2, 0xA, TEST_CODE);
    run_ok(c, "45E0 0A00", 0x0A00);
    ck_assert_uint_eq(c->gpr[14], 0xAA001004); /* ILC 2, CC 2, mask A */
    END;
}
END_TEST

START_TEST(test_balr_links_ilc_1_and_with_r2_zero_does_not_branch)
{
    BEGIN;
    test_set_psw(c, 0, 0, 0, 3, 0x5, TEST_CODE);
    run_ok(c, "05E0", TEST_CODE + 2);
    ck_assert_uint_eq(c->gpr[14], 0x75001002); /* ILC 1, CC 3, mask 5 */
    END;
}
END_TEST

START_TEST(test_balr_with_same_register_branches_to_its_old_contents)
{
    BEGIN;
    c->gpr[14] = 0x00000B00;
    run_ok(c, "05EE", 0x0B00);
    ck_assert_uint_eq(c->gpr[14], 0x40001002);
    END;
}
END_TEST

START_TEST(test_bas_and_basr_link_plain_address_with_high_byte_zero)
{
    BEGIN;
    test_set_psw(c, 0, 0, 0, 3, 0xF, TEST_CODE);
    run_ok(c, "4DE0 0A00", 0x0A00);
    ck_assert_uint_eq(c->gpr[14], 0x00001004);
    c->gpr[15] = 0x0B00;
    run_ok(c, "0DEF", 0x0B00);
    ck_assert_uint_eq(c->gpr[14], 0x00001002);
    run_ok(c, "0DE0", TEST_CODE + 2); /* BASR R1,0 links only */
    ck_assert_uint_eq(c->gpr[14], 0x00001002);
    ck_assert_uint_eq(c->cc, 3);
    END;
}
END_TEST

START_TEST(test_bas_target_uses_register_before_it_is_replaced_by_link)
{
    BEGIN;
    c->gpr[14] = 0x0A00;
    run_ok(c, "4DEE 0010", 0x0A10); /* BAS 14,X'10'(14) */
    ck_assert_uint_eq(c->gpr[14], 0x00001004);
    END;
}
END_TEST

/* ---- Branch on count and on index -------------------------------------- */

START_TEST(test_bct_decrements_and_branches_unless_result_is_zero)
{
    BEGIN;
    c->cc = 2;
    c->gpr[3] = 2;
    run_ok(c, "4630 0A00", 0x0A00);
    ck_assert_uint_eq(c->gpr[3], 1);
    run_ok(c, "4630 0A00", TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[3], 0);
    run_ok(c, "4630 0A00", 0x0A00); /* 0 - 1 = -1: branch, no overflow */
    ck_assert_uint_eq(c->gpr[3], 0xFFFFFFFF);
    c->gpr[3] = 0x80000000;
    run_ok(c, "4630 0A00", 0x0A00);
    ck_assert_uint_eq(c->gpr[3], 0x7FFFFFFF);
    ck_assert_uint_eq(c->cc, 2);
    END;
}
END_TEST

START_TEST(test_bct_branch_address_is_computed_before_counting)
{
    BEGIN;
    c->gpr[1] = 0x0A01;
    run_ok(c, "4610 10FF", 0x0B00); /* BCT 1,X'FF'(1) */
    ck_assert_uint_eq(c->gpr[1], 0x0A00);
    END;
}
END_TEST

START_TEST(test_bctr_counts_and_with_r2_zero_never_branches)
{
    BEGIN;
    c->gpr[3] = 5;
    c->gpr[4] = 0x0A00;
    run_ok(c, "0634", 0x0A00);
    ck_assert_uint_eq(c->gpr[3], 4);
    run_ok(c, "0630", TEST_CODE + 2);
    ck_assert_uint_eq(c->gpr[3], 3);
    c->gpr[3] = 1;
    run_ok(c, "0634", TEST_CODE + 2);
    ck_assert_uint_eq(c->gpr[3], 0);
    END;
}
END_TEST

START_TEST(test_bxh_adds_increment_and_branches_when_sum_is_high)
{
    BEGIN;
    c->gpr[1] = 10;
    c->gpr[2] = 1;  /* increment (R3 = 2, even) */
    c->gpr[3] = 10; /* comparand: R3 + 1 */
    run_ok(c, "8612 0A00", 0x0A00);
    ck_assert_uint_eq(c->gpr[1], 11);
    c->gpr[1] = 9;
    run_ok(c, "8612 0A00", TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[1], 10);
    /* Algebraic comparison: -1 is low. */
    c->gpr[1] = 0xFFFFFFFE;
    run_ok(c, "8612 0A00", TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFF);
    END;
}
END_TEST

START_TEST(test_bxle_branches_when_sum_is_low_or_equal)
{
    BEGIN;
    c->gpr[1] = 9;
    c->gpr[2] = 1;
    c->gpr[3] = 10;
    run_ok(c, "8712 0A00", 0x0A00);
    ck_assert_uint_eq(c->gpr[1], 10);
    run_ok(c, "8712 0A00", TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[1], 11);
    END;
}
END_TEST

START_TEST(test_bxh_bxle_with_odd_r3_use_it_as_increment_and_comparand)
{
    BEGIN;
    c->gpr[1] = 5;
    c->gpr[3] = 5;
    run_ok(c, "8713 0A00", TEST_CODE + 4); /* 10 <= 5? no */
    ck_assert_uint_eq(c->gpr[1], 10);
    run_ok(c, "8613 0A00", 0x0A00); /* 15 > 5 */
    ck_assert_uint_eq(c->gpr[1], 15);
    END;
}
END_TEST

START_TEST(test_bxh_bxle_read_comparand_before_r1_is_replaced)
{
    BEGIN;
    /* R1 = R3 = 1 (odd): increment and comparand are both the old R1. */
    c->gpr[1] = 3;
    run_ok(c, "8611 0A00", 0x0A00); /* 6 > 3 */
    ck_assert_uint_eq(c->gpr[1], 6);
    c->gpr[1] = 0xFFFFFFFD;
    run_ok(c, "8611 0A00", TEST_CODE + 4); /* -6 > -3? no */
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFA);
    /* R1 is the comparand register R3+1: compared with its old value. */
    c->gpr[2] = 0xFFFFFFFF;
    c->gpr[3] = 4;
    run_ok(c, "8732 0A00", 0x0A00); /* 3 <= 4 */
    ck_assert_uint_eq(c->gpr[3], 3);
    END;
}
END_TEST

START_TEST(test_bxle_loop_runs_the_expected_number_of_times)
{
    BEGIN;
    /* LA 1,0 / LA 2,4 / LA 3,36 / loop: A 5,X'800'(1) / BXLE 1,2,loop */
    for (unsigned i = 0; i < 10; i++)
        test_put_word(c, 0x0800 + 4 * i, i + 1);
    test_put_hex(c, TEST_CODE, "4110 0000 4120 0004 4130 0024 5A51 0800 8712 C00C");
    c->gpr[12] = TEST_CODE;
    c->ia = TEST_CODE;
    cpu_run(c, 3 + 2 * 10);
    test_assert_no_interrupt(c, TEST_CODE + 0x14);
    ck_assert_uint_eq(c->gpr[5], 55);
    ck_assert_uint_eq(c->gpr[1], 40);
    END;
}
END_TEST

/* ---- Branch targets and fetch exceptions ------------------------------- */

START_TEST(test_branch_to_odd_address_faults_at_next_fetch_ilc1_address_plus_2)
{
    /* POO A22-6821-0 p.62: the old PSW's address has been updated by the
     * number of halfwords in the ILC, which is 1, 2 or 3, never 0. */
    static const char *const branches[] = {"47F0 0A01", "0746", "45E0 0A01", "4DE0 0A01", "0556"};
    for (unsigned i = 0; i < sizeof branches / sizeof branches[0]; i++) {
        BEGIN;
        c->cc = 1;
        c->gpr[6] = 0x0A01;
        test_execute(c, branches[i]);
        test_assert_no_interrupt(c, 0x0A01);
        cpu_run(c, 1);
        test_assert_program_interrupt(c, PIC_SPECIFICATION, 1, 0x0A03);
        END;
    }
}
END_TEST

START_TEST(test_branch_beyond_storage_is_addressing_at_fetch_ilc1_address_plus_2)
{
    BEGIN;
    c->gpr[6] = TEST_STORAGE + 0x100;
    run_ok(c, "07F6", TEST_STORAGE + 0x100);
    cpu_run(c, 1);
    test_assert_program_interrupt(c, PIC_ADDRESSING, 1, TEST_STORAGE + 0x102);
    END;
}
END_TEST

START_TEST(test_instruction_straddling_end_of_storage_is_addressing_ilc1_address_plus_2)
{
    BEGIN;
    /* A 4-byte instruction in the last halfword of storage: its first
     * halfword is fetched, the second is not there. */
    test_put_hex(c, TEST_STORAGE - 2, "4110");
    c->gpr[6] = TEST_STORAGE - 2;
    run_ok(c, "07F6", TEST_STORAGE - 2);
    cpu_run(c, 1);
    test_assert_program_interrupt(c, PIC_ADDRESSING, 1, TEST_STORAGE);
    END;
}
END_TEST

START_TEST(test_fetch_protected_instruction_is_protection_ilc0_at_its_address)
{
    BEGIN;
    /* The A22-6821-0 interruption table allows ILC 0 for protection: the
     * failing instruction was never fetched, so the old PSW names it. */
    c->storage.keys[TEST_CODE >> 11] = 0x00; /* the code's block */
    c->storage.keys[0x1800 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(c, 0, 4, PSW_PROBLEM, 0, 0, TEST_CODE);
    c->gpr[6] = 0x1800;
    run_ok(c, "07F6", 0x1800);
    cpu_run(c, 1);
    test_assert_program_interrupt(c, PIC_PROTECTION, 0, 0x1800);
    END;
}
END_TEST

/* ---- EXECUTE ------------------------------------------------------------ */

START_TEST(test_ex_ors_r1_bits_24_31_into_target_byte_1_without_changing_either)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "D200 0900 0800"); /* MVC X'900'(1),X'800' */
    test_put_hex(c, 0x0800, "C1C2C3C4C5");
    c->gpr[5] = 0xFFFFFF03;
    run_ok(c, "4450 0A00", TEST_CODE + 4);
    ck_assert(memcmp(c->storage.bytes + 0x0900, "\xC1\xC2\xC3\xC4\x00", 5) == 0);
    ck_assert_uint_eq(c->gpr[5], 0xFFFFFF03);
    ck_assert(memcmp(c->storage.bytes + 0x0A00, "\xD2\x00\x09\x00\x08\x00", 6) == 0);
    END;
}
END_TEST

START_TEST(test_ex_with_r1_zero_executes_target_unmodified)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "1823"); /* LR 2,3 */
    c->gpr[0] = 0xFF;
    c->gpr[3] = 0x33;
    c->gpr[15] = 0xF5;
    run_ok(c, "4400 0A00", TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[2], 0x33);
    ck_assert_uint_eq(c->gpr[15], 0xF5);
    END;
}
END_TEST

START_TEST(test_ex_modified_register_fields_select_other_registers)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "1800"); /* LR 0,0, completed by R1's byte */
    c->gpr[7] = 0x000000AB;          /* becomes LR 10,11 */
    c->gpr[11] = 0x12345678;
    run_ok(c, "4470 0A00", TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[10], 0x12345678);
    END;
}
END_TEST

START_TEST(test_ex_of_ex_is_execute_exception_code_3_ilc_2)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "4400 0B00");
    test_put_hex(c, 0x0B00, "1823");
    c->gpr[3] = 1;
    test_execute(c, "4400 0A00");
    test_assert_program_interrupt(c, PIC_EXECUTE, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[2], 0);
    END;
}
END_TEST

START_TEST(test_ex_odd_target_address_is_specification_ilc_2)
{
    BEGIN;
    test_execute(c, "4400 0A01");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_ex_target_interruption_has_ilc_2_and_address_after_ex)
{
    BEGIN;
    test_put_hex(c, 0x0B00, "5830 0802"); /* L misaligned */
    test_execute(c, "4400 0B00");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_put_hex(c, 0x0B00, "0000");
    test_execute(c, "4400 0B00");
    test_assert_program_interrupt(c, PIC_OPERATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_set_psw(c, 0, 0, PSW_PROBLEM, 0, 0, TEST_CODE);
    test_put_hex(c, 0x0B00, "8000 0800"); /* SSM */
    test_execute(c, "4400 0B00");
    test_assert_program_interrupt(c, PIC_PRIVILEGED_OPERATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_set_psw(c, 0, 0, 0, 0, PROGMASK_FIXED_OVERFLOW, TEST_CODE);
    test_put_hex(c, 0x0B00, "1A12");
    c->gpr[1] = 0x7FFFFFFF;
    c->gpr[2] = 1;
    test_execute(c, "4400 0B00");
    test_assert_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[1], 0x80000000);
    END;
}
END_TEST

START_TEST(test_svc_under_ex_has_ilc_2_and_the_ored_number)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "0A00");
    c->gpr[1] = 0x15;
    test_execute(c, "4410 0A00");
    ck_assert(c->wait);
    ck_assert_uint_eq(c->ia, TEST_WAIT_SVC);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_SVC_OLD), 0x00000015);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_SVC_OLD), 0x80000000 | (TEST_CODE + 4));
    END;
}
END_TEST

START_TEST(test_branch_under_ex_goes_to_its_target_and_falls_through_after_ex)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "4700 0B00"); /* BC with the mask from R1 */
    c->cc = 0;
    c->gpr[1] = 0x80;
    run_ok(c, "4410 0A00", 0x0B00);
    c->gpr[1] = 0x40;
    run_ok(c, "4410 0A00", TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_bal_under_ex_links_ilc_2_and_address_after_ex)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "05E0"); /* BALR 14,0, completed to BALR 14,15 */
    test_set_psw(c, 0, 0, 0, 1, 0, TEST_CODE);
    c->gpr[4] = 0x0F;
    c->gpr[15] = 0x0B00;
    run_ok(c, "4440 0A00", 0x0B00);
    ck_assert_uint_eq(c->gpr[14], 0x90001004); /* ILC 2 although BALR is RR */
    END;
}
END_TEST

START_TEST(test_ex_of_branch_to_odd_address_faults_at_the_target)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "07F0");
    c->gpr[6] = 0x0B03;
    c->gpr[2] = 0x06; /* BCR 15,6 */
    run_ok(c, "4420 0A00", 0x0B03);
    cpu_run(c, 1);
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 1, 0x0B05);
    END;
}
END_TEST

START_TEST(test_ex_target_beyond_storage_is_addressing_and_fetch_protected_is_protection)
{
    BEGIN;
    c->gpr[6] = TEST_STORAGE;
    test_execute(c, "4406 0000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    /* A 4-byte target in the last halfword of storage. */
    test_put_hex(c, TEST_STORAGE - 2, "5830");
    c->gpr[6] = TEST_STORAGE - 2;
    test_execute(c, "4406 0000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    c->storage.keys[0x1800 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_put_hex(c, 0x1800, "1823");
    test_set_psw(c, 0, 4, PSW_PROBLEM, 0, 0, TEST_CODE);
    c->gpr[12] = 0x1000;
    test_execute(c, "440C 0800"); /* EX 0,X'800'(12) */
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_ex_target_crossing_2k_block_executes)
{
    BEGIN;
    test_put_hex(c, 0x17FC, "D201 0900 0800"); /* MVC across x'1800' */
    test_put_hex(c, 0x0800, "E5E6E7");
    c->gpr[1] = 0x02;
    c->gpr[12] = 0x1000;
    run_ok(c, "441C 07FC", TEST_CODE + 4);
    ck_assert(memcmp(c->storage.bytes + 0x0900, "\xE5\xE6\xE7", 3) == 0);
    END;
}
END_TEST

static Suite *branch_suite(void)
{
    Suite *s = suite_create("branch");
    TCase *t = tcase_create("branches");
    tcase_add_test(t, test_bc_mask_bits_8_4_2_1_select_cc_0_1_2_3);
    tcase_add_test(t, test_bcr_branches_to_register_address_and_never_when_r2_is_zero);
    tcase_add_test(t, test_bc_address_is_displacement_plus_index_plus_base);
    tcase_add_test(t, test_bal_links_ilc_cc_program_mask_and_updated_address);
    tcase_add_test(t, test_balr_links_ilc_1_and_with_r2_zero_does_not_branch);
    tcase_add_test(t, test_balr_with_same_register_branches_to_its_old_contents);
    tcase_add_test(t, test_bas_and_basr_link_plain_address_with_high_byte_zero);
    tcase_add_test(t, test_bas_target_uses_register_before_it_is_replaced_by_link);
    tcase_add_test(t, test_bct_decrements_and_branches_unless_result_is_zero);
    tcase_add_test(t, test_bct_branch_address_is_computed_before_counting);
    tcase_add_test(t, test_bctr_counts_and_with_r2_zero_never_branches);
    tcase_add_test(t, test_bxh_adds_increment_and_branches_when_sum_is_high);
    tcase_add_test(t, test_bxle_branches_when_sum_is_low_or_equal);
    tcase_add_test(t, test_bxh_bxle_with_odd_r3_use_it_as_increment_and_comparand);
    tcase_add_test(t, test_bxh_bxle_read_comparand_before_r1_is_replaced);
    tcase_add_test(t, test_bxle_loop_runs_the_expected_number_of_times);
    suite_add_tcase(s, t);

    t = tcase_create("targets");
    tcase_add_test(t, test_branch_to_odd_address_faults_at_next_fetch_ilc1_address_plus_2);
    tcase_add_test(t, test_branch_beyond_storage_is_addressing_at_fetch_ilc1_address_plus_2);
    tcase_add_test(t, test_instruction_straddling_end_of_storage_is_addressing_ilc1_address_plus_2);
    tcase_add_test(t, test_fetch_protected_instruction_is_protection_ilc0_at_its_address);
    suite_add_tcase(s, t);

    t = tcase_create("execute");
    tcase_add_test(t, test_ex_ors_r1_bits_24_31_into_target_byte_1_without_changing_either);
    tcase_add_test(t, test_ex_with_r1_zero_executes_target_unmodified);
    tcase_add_test(t, test_ex_modified_register_fields_select_other_registers);
    tcase_add_test(t, test_ex_of_ex_is_execute_exception_code_3_ilc_2);
    tcase_add_test(t, test_ex_odd_target_address_is_specification_ilc_2);
    tcase_add_test(t, test_ex_target_interruption_has_ilc_2_and_address_after_ex);
    tcase_add_test(t, test_svc_under_ex_has_ilc_2_and_the_ored_number);
    tcase_add_test(t, test_branch_under_ex_goes_to_its_target_and_falls_through_after_ex);
    tcase_add_test(t, test_bal_under_ex_links_ilc_2_and_address_after_ex);
    tcase_add_test(t, test_ex_of_branch_to_odd_address_faults_at_the_target);
    tcase_add_test(t, test_ex_target_beyond_storage_is_addressing_and_fetch_protected_is_protection);
    tcase_add_test(t, test_ex_target_crossing_2k_block_executes);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(branch_suite());
}
