/* Status switching and I/O instructions (POO A22-6821 "Status
 * Switching", "Input/Output Operations"): LPSW, SSM, SPM, SSK, ISK, SVC,
 * TS, DIAGNOSE, the absent direct-control feature (WRD/RDD), and SIO, TIO,
 * HIO, TCH routed to struct cpu_io_ops. */
#include <check.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/interrupt.h"
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

static void to_problem_state(struct cpu *c)
{
    test_set_psw(c, 0, 0, PSW_PROBLEM, 0, 0, TEST_CODE);
}

/* Puts the CPU in the 67's extended-control mode (CR6 bit 8). The test
 * new PSWs are valid EC PSWs too (W bit, address below x'1000'). */
static void to_extended_control_mode(struct cpu *c)
{
    c->cr[6] = CR6_EXTENDED_CONTROL;
    c->ec_mode = true;
    cpu_psw_changed(c);
}

/* ---- LPSW ----------------------------------------------------------- */

START_TEST(test_lpsw_loads_every_field_of_a_bc_psw)
{
    BEGIN;
    /* System mask x'FE' (no external), key 3, A=0 M=1 W=0 P=1, code
     * ignored; ILC ignored, CC 2, program mask C, address x'A00'. */
    test_put_psw(c, 0x0800, 0xFE35ABCD, 0xEC000A00);
    run_ok(c, "8200 0800", 0x0A00);
    ck_assert_uint_eq(c->sysmask, 0xFE);
    ck_assert_uint_eq(c->key, 3);
    ck_assert_uint_eq(c->amwp, PSW_MACHINE_CHECK_MASK | PSW_PROBLEM);
    ck_assert(c->problem_state);
    ck_assert_uint_eq(c->cc, 2);
    ck_assert_uint_eq(c->progmask, 0xC);
    END;
}
END_TEST

START_TEST(test_lpsw_is_privileged_and_needs_doubleword_alignment)
{
    BEGIN;
    to_problem_state(c);
    test_execute(c, "8200 0800");
    test_assert_program_interrupt(c, PIC_PRIVILEGED_OPERATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    test_execute(c, "8200 0804");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    c->gpr[3] = TEST_STORAGE;
    test_execute(c, "8200 3000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_lpsw_from_fetch_protected_block_is_protection_psw_unchanged)
{
    BEGIN;
    c->storage.keys[1] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(c, 0, 4, 0, 1, 0, TEST_CODE);
    test_put_psw(c, 0x0800, 0x00000000, 0x00000A00);
    test_execute(c, "8200 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_PROGRAM_OLD), 0x00400004);
    END;
}
END_TEST

START_TEST(test_lpsw_of_enabled_wait_psw_stops_with_wait_exit)
{
    BEGIN;
    test_put_psw(c, 0x0800, 0x01020000, 0x00000A00);
    ck_assert_int_eq(test_execute(c, "8200 0800"), CPU_EXIT_WAIT);
    ck_assert(c->wait);
    ck_assert(!cpu_in_disabled_wait(c));
    ck_assert_uint_eq(c->ia, 0x0A00);
    END;
}
END_TEST

START_TEST(test_lpsw_with_odd_address_faults_at_fetch_ilc1_address_plus_2)
{
    BEGIN;
    test_put_psw(c, 0x0800, 0x00000000, 0x00000A05);
    run_ok(c, "8200 0800", 0x0A05);
    cpu_run(c, 1);
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 1, 0x0A07);
    END;
}
END_TEST

/* ---- SSM and SPM ------------------------------------------------------ */

START_TEST(test_ssm_replaces_system_mask_only)
{
    BEGIN;
    test_set_psw(c, 0x00, 2, PSW_MACHINE_CHECK_MASK, 3, 0x8, TEST_CODE);
    test_put_hex(c, 0x0801, "81");
    run_ok(c, "8000 0801", TEST_CODE + 4);
    ck_assert_uint_eq(c->sysmask, 0x81);
    ck_assert_uint_eq(c->key, 2);
    ck_assert_uint_eq(c->amwp, PSW_MACHINE_CHECK_MASK);
    ck_assert_uint_eq(c->cc, 3);
    ck_assert_uint_eq(c->progmask, 0x8);
    END;
}
END_TEST

START_TEST(test_ssm_is_privileged_and_its_operand_may_raise_addressing)
{
    BEGIN;
    to_problem_state(c);
    test_execute(c, "8000 0800");
    test_assert_program_interrupt(c, PIC_PRIVILEGED_OPERATION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->sysmask, 0);
    test_cpu_reinit(c);
    c->gpr[3] = TEST_STORAGE;
    test_execute(c, "8000 3000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_ssm_in_extended_control_mode_loads_spare_bits_then_takes_specification_like_lpsw)
{
    BEGIN;
    to_extended_control_mode(c);
    test_put_hex(c, 0x0800, "83 03");
    test_execute(c, "8000 0800");
    /* EC old PSW at x'28': no code in the PSW; the code is at x'12'. */
    ck_assert(c->wait);
    ck_assert_uint_eq(c->ia, TEST_WAIT_PROGRAM);
    ck_assert_uint_eq(test_get_half(c, 0x12), PIC_SPECIFICATION);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_PROGRAM_OLD), TEST_CODE + 4);
    /* The mask is loaded first and the exception is taken with it in the
     * old PSW, as LPSW of an invalid EC PSW does (SIMH: the operand is
     * checked after the masks are set; the 67 FC is silent). */
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_PROGRAM_OLD) >> 24, 0x83);
    test_cpu_reinit(c);
    to_extended_control_mode(c);
    test_put_hex(c, 0x0800, "83 03");
    run_ok(c, "8000 0801", TEST_CODE + 4);
    ck_assert_uint_eq(c->sysmask, 0x03);
    END;
}
END_TEST

START_TEST(test_spm_sets_cc_and_program_mask_from_r1_bits_2_to_7_in_problem_state)
{
    BEGIN;
    to_problem_state(c);
    c->gpr[7] = 0xE5FFFFFF; /* bits 0-1 = 11 ignored, CC 2, mask 5 */
    run_ok(c, "0470", TEST_CODE + 2);
    ck_assert_uint_eq(c->cc, 2);
    ck_assert_uint_eq(c->progmask, 5);
    ck_assert_uint_eq(c->gpr[7], 0xE5FFFFFF);
    c->gpr[7] = 0x10000000;
    run_ok(c, "0470", TEST_CODE + 2);
    ck_assert_uint_eq(c->cc, 1);
    ck_assert_uint_eq(c->progmask, 0);
    END;
}
END_TEST

START_TEST(test_spm_from_bal_link_restores_cc_and_mask)
{
    BEGIN;
    test_set_psw(c, 0, 0, 0, 3, 0x9, TEST_CODE);
    run_ok(c, "05E0", TEST_CODE + 2); /* BALR 14,0 */
    c->cc = 0;
    c->progmask = 0;
    run_ok(c, "04E0", TEST_CODE + 2); /* SPM 14 */
    ck_assert_uint_eq(c->cc, 3);
    ck_assert_uint_eq(c->progmask, 9);
    END;
}
END_TEST

/* ---- SSK and ISK ------------------------------------------------------- */

START_TEST(test_ssk_sets_key_fetch_reference_and_change_bits_of_the_block)
{
    BEGIN;
    c->gpr[1] = 0xFFFFFF5F; /* key 5, F, R, C, bit 31 ignored */
    c->gpr[2] = 0x12001800; /* block x'1800'; bits 0-7 ignored */
    run_ok(c, "0812", TEST_CODE + 2);
    ck_assert_uint_eq(c->storage.keys[3], 0x5E);
    ck_assert_uint_eq(c->storage.keys[2] & 0xF0, 0);
    c->gpr[2] = 0x00001FF0; /* any address in the block, bits 28-31 zero */
    c->gpr[1] = 0x000000A0;
    run_ok(c, "0812", TEST_CODE + 2);
    ck_assert_uint_eq(c->storage.keys[3], 0xA0);
    END;
}
END_TEST

START_TEST(test_isk_in_bc_mode_gives_key_and_fetch_bit_with_bits_29_to_31_zero)
{
    BEGIN;
    c->storage.keys[3] = 0x7E; /* key 7, F, R, C */
    c->gpr[4] = 0xABCDEF99;
    c->gpr[5] = 0x00001800;
    run_ok(c, "0945", TEST_CODE + 2);
    ck_assert_uint_eq(c->gpr[4], 0xABCDEF78);
    END;
}
END_TEST

START_TEST(test_isk_in_extended_control_mode_also_gives_reference_and_change)
{
    BEGIN;
    to_extended_control_mode(c);
    c->storage.keys[3] = 0x76; /* key 7, R, C */
    c->gpr[4] = 0xABCDEF99;
    c->gpr[5] = 0x00001800;
    run_ok(c, "0945", TEST_CODE + 2);
    ck_assert_uint_eq(c->gpr[4], 0xABCDEF76);
    END;
}
END_TEST

START_TEST(test_ssk_and_isk_are_privileged)
{
    static const char *const ops[] = {"0812", "0912"};
    for (unsigned i = 0; i < 2; i++) {
        BEGIN;
        to_problem_state(c);
        c->gpr[1] = 0x50;
        c->gpr[2] = 0x1800;
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_PRIVILEGED_OPERATION, 1, TEST_CODE + 2);
        ck_assert_uint_eq(c->storage.keys[3], 0);
        ck_assert_uint_eq(c->gpr[1], 0x50);
        END;
    }
}
END_TEST

START_TEST(test_ssk_and_isk_with_r2_bits_28_to_31_nonzero_are_specification)
{
    static const char *const ops[] = {"0812", "0912"};
    for (unsigned i = 0; i < 2; i++) {
        BEGIN;
        c->gpr[1] = 0x50;
        c->gpr[2] = 0x1808;
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_SPECIFICATION, 1, TEST_CODE + 2);
        ck_assert_uint_eq(c->storage.keys[3], 0);
        ck_assert_uint_eq(c->gpr[1], 0x50);
        END;
    }
}
END_TEST

START_TEST(test_ssk_and_isk_beyond_storage_are_addressing)
{
    static const char *const ops[] = {"0812", "0912"};
    for (unsigned i = 0; i < 2; i++) {
        BEGIN;
        c->gpr[1] = 0x50;
        c->gpr[2] = TEST_STORAGE;
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_ADDRESSING, 1, TEST_CODE + 2);
        ck_assert_uint_eq(c->gpr[1], 0x50);
        END;
    }
}
END_TEST

START_TEST(test_ssk_takes_effect_for_the_very_next_access)
{
    BEGIN;
    c->storage.keys[3] = 0x50;
    test_set_psw(c, 0, 5, 0, 0, 0, TEST_CODE);
    c->gpr[1] = 0x60;
    c->gpr[2] = 0x1800;
    c->gpr[9] = 0x1800;
    run_ok(c, "5039 0000", TEST_CODE + 4); /* ST 3,0(9): keys match */
    run_ok(c, "0812", TEST_CODE + 2);      /* block now key 6 */
    test_execute(c, "5039 0000");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_reference_and_change_bits_set_again_after_ssk_reset_them)
{
    BEGIN;
    c->gpr[9] = 0x1800;
    run_ok(c, "5039 0000", TEST_CODE + 4);
    ck_assert_uint_eq(c->storage.keys[3], STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);
    c->gpr[1] = 0;
    c->gpr[2] = 0x1800;
    run_ok(c, "0812", TEST_CODE + 2);
    ck_assert_uint_eq(c->storage.keys[3], 0);
    run_ok(c, "5839 0000", TEST_CODE + 4); /* a fetch sets R only */
    ck_assert_uint_eq(c->storage.keys[3], STORAGE_KEY_REFERENCE);
    run_ok(c, "5039 0000", TEST_CODE + 4);
    ck_assert_uint_eq(c->storage.keys[3], STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);
    END;
}
END_TEST

/* ---- SVC and TS ------------------------------------------------------- */

START_TEST(test_svc_in_problem_state_stores_old_psw_with_number_and_ilc_1)
{
    BEGIN;
    test_set_psw(c, 0x80, 9, PSW_PROBLEM, 1, 0x4, TEST_CODE);
    test_execute(c, "0AFF");
    ck_assert(c->wait);
    ck_assert_uint_eq(c->ia, TEST_WAIT_SVC);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_SVC_OLD), 0x809100FF);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_SVC_OLD), 0x54000000 | (TEST_CODE + 2));
    ck_assert(!c->problem_state);
    ck_assert_uint_eq(c->key, 0);
    END;
}
END_TEST

START_TEST(test_ts_sets_cc_from_leftmost_bit_and_stores_all_ones)
{
    BEGIN;
    test_put_hex(c, 0x0800, "7F 80");
    run_ok(c, "9300 0800", TEST_CODE + 4);
    ck_assert_uint_eq(c->cc, 0);
    ck_assert_uint_eq(c->storage.bytes[0x0800], 0xFF);
    run_ok(c, "9300 0800", TEST_CODE + 4);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "9300 0801", TEST_CODE + 4);
    ck_assert_uint_eq(c->cc, 1);
    ck_assert_uint_eq(c->storage.bytes[0x0801], 0xFF);
    END;
}
END_TEST

START_TEST(test_ts_on_store_protected_byte_is_protection_byte_and_cc_unchanged)
{
    BEGIN;
    c->storage.keys[1] = 0x30;
    test_set_psw(c, 0, 4, PSW_PROBLEM, 2, 0, TEST_CODE);
    test_execute(c, "9300 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->storage.bytes[0x0800], 0);
    ck_assert_uint_eq((test_old_psw_word1(c, LOW_PROGRAM_OLD) >> 28) & 3, 2);
    test_cpu_reinit(c);
    c->gpr[5] = TEST_STORAGE;
    test_execute(c, "9300 5000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    END;
}
END_TEST

/* ---- DIAGNOSE and direct control --------------------------------------- */

START_TEST(test_diagnose_in_problem_state_is_privileged_operation)
{
    BEGIN;
    to_problem_state(c);
    test_execute(c, "8312 0018");
    test_assert_program_interrupt(c, PIC_PRIVILEGED_OPERATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_diagnose_in_supervisor_state_is_machine_check_when_mask_bit_13_on)
{
    BEGIN;
    test_set_psw(c, 0, 0, PSW_MACHINE_CHECK_MASK, 1, 0, TEST_CODE);
    ck_assert_int_eq(test_execute(c, "8312 0018"), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->ia, TEST_WAIT_MACHINE_CHECK);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_MACHINE_CHECK_OLD), 0x00040000); /* code 0 */
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_MACHINE_CHECK_OLD), 0x90000000 | (TEST_CODE + 4));
    ck_assert_uint_eq(test_get_word(c, LOW_PROGRAM_OLD), 0);
    END;
}
END_TEST

START_TEST(test_diagnose_with_machine_checks_masked_checkstops_naming_the_address)
{
    BEGIN;
    ck_assert_int_eq(test_execute(c, "8300 0000"), CPU_EXIT_CHECKSTOP);
    ck_assert(c->checkstop);
    ck_assert_ptr_nonnull(strstr(c->checkstop_reason, "DIAGNOSE at 001000"));
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_CHECKSTOP);
    ck_assert_uint_eq(test_get_word(c, LOW_MACHINE_CHECK_OLD), 0);
    END;
}
END_TEST

START_TEST(test_wrd_and_rdd_are_operation_exceptions_without_direct_control_feature)
{
    static const char *const ops[] = {"84FF 0800", "85FF 0800"};
    for (unsigned i = 0; i < 2; i++) {
        for (unsigned problem = 0; problem < 2; problem++) {
            BEGIN;
            if (problem)
                to_problem_state(c);
            test_execute(c, ops[i]);
            test_assert_program_interrupt(c, PIC_OPERATION, 2, TEST_CODE + 4);
            ck_assert_uint_eq(c->storage.bytes[0x0800], 0);
            END;
        }
    }
}
END_TEST

/* ---- I/O instructions -------------------------------------------------- */

START_TEST(test_io_instructions_pass_effective_address_and_return_channel_cc)
{
    static const struct {
        const char *hex;
        char what;
    } ops[] = {{"9C00 500C", 'S'}, {"9D00 500C", 'T'}, {"9E00 500C", 'H'}, {"9F00 500C", 'C'}};
    for (unsigned i = 0; i < 4; i++) {
        for (int cc = 0; cc < 4; cc++) {
            BEGIN;
            struct test_io io = {.cc = cc};
            test_io_attach(c, &io);
            c->gpr[5] = 0x00000300;
            c->cc = (uint8_t)(3 - cc);
            run_ok(c, ops[i].hex, TEST_CODE + 4);
            ck_assert_uint_eq(c->cc, cc);
            ck_assert_uint_eq(io.calls, 1);
            ck_assert_int_eq(io.last, ops[i].what);
            ck_assert_uint_eq(io.last_address, 0x30C);
            END;
        }
    }
}
END_TEST

START_TEST(test_io_instructions_are_privileged_and_do_not_reach_the_channel)
{
    static const char *const ops[] = {"9C00 000C", "9D00 000C", "9E00 000C", "9F00 0000"};
    for (unsigned i = 0; i < 4; i++) {
        BEGIN;
        struct test_io io = {.cc = 0};
        test_io_attach(c, &io);
        to_problem_state(c);
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_PRIVILEGED_OPERATION, 2, TEST_CODE + 4);
        ck_assert_uint_eq(io.calls, 0);
        END;
    }
}
END_TEST

START_TEST(test_io_instructions_without_channel_subsystem_give_cc3)
{
    static const char *const ops[] = {"9C00 000C", "9D00 000C", "9E00 000C", "9F00 0000"};
    for (unsigned i = 0; i < 4; i++) {
        BEGIN;
        c->cc = 0;
        run_ok(c, ops[i], TEST_CODE + 4);
        ck_assert_uint_eq(c->cc, 3);
        END;
    }
}
END_TEST

static Suite *system_suite(void)
{
    Suite *s = suite_create("system");
    TCase *t = tcase_create("status switching");
    tcase_add_test(t, test_lpsw_loads_every_field_of_a_bc_psw);
    tcase_add_test(t, test_lpsw_is_privileged_and_needs_doubleword_alignment);
    tcase_add_test(t, test_lpsw_from_fetch_protected_block_is_protection_psw_unchanged);
    tcase_add_test(t, test_lpsw_of_enabled_wait_psw_stops_with_wait_exit);
    tcase_add_test(t, test_lpsw_with_odd_address_faults_at_fetch_ilc1_address_plus_2);
    tcase_add_test(t, test_ssm_replaces_system_mask_only);
    tcase_add_test(t, test_ssm_is_privileged_and_its_operand_may_raise_addressing);
    tcase_add_test(t, test_ssm_in_extended_control_mode_loads_spare_bits_then_takes_specification_like_lpsw);
    tcase_add_test(t, test_spm_sets_cc_and_program_mask_from_r1_bits_2_to_7_in_problem_state);
    tcase_add_test(t, test_spm_from_bal_link_restores_cc_and_mask);
    tcase_add_test(t, test_svc_in_problem_state_stores_old_psw_with_number_and_ilc_1);
    tcase_add_test(t, test_ts_sets_cc_from_leftmost_bit_and_stores_all_ones);
    tcase_add_test(t, test_ts_on_store_protected_byte_is_protection_byte_and_cc_unchanged);
    suite_add_tcase(s, t);

    t = tcase_create("storage keys");
    tcase_add_test(t, test_ssk_sets_key_fetch_reference_and_change_bits_of_the_block);
    tcase_add_test(t, test_isk_in_bc_mode_gives_key_and_fetch_bit_with_bits_29_to_31_zero);
    tcase_add_test(t, test_isk_in_extended_control_mode_also_gives_reference_and_change);
    tcase_add_test(t, test_ssk_and_isk_are_privileged);
    tcase_add_test(t, test_ssk_and_isk_with_r2_bits_28_to_31_nonzero_are_specification);
    tcase_add_test(t, test_ssk_and_isk_beyond_storage_are_addressing);
    tcase_add_test(t, test_ssk_takes_effect_for_the_very_next_access);
    tcase_add_test(t, test_reference_and_change_bits_set_again_after_ssk_reset_them);
    suite_add_tcase(s, t);

    t = tcase_create("diagnose and direct control");
    tcase_add_test(t, test_diagnose_in_problem_state_is_privileged_operation);
    tcase_add_test(t, test_diagnose_in_supervisor_state_is_machine_check_when_mask_bit_13_on);
    tcase_add_test(t, test_diagnose_with_machine_checks_masked_checkstops_naming_the_address);
    tcase_add_test(t, test_wrd_and_rdd_are_operation_exceptions_without_direct_control_feature);
    suite_add_tcase(s, t);

    t = tcase_create("input/output");
    tcase_add_test(t, test_io_instructions_pass_effective_address_and_return_channel_cc);
    tcase_add_test(t, test_io_instructions_are_privileged_and_do_not_reach_the_channel);
    tcase_add_test(t, test_io_instructions_without_channel_subsystem_give_cc3);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(system_suite());
}
