/* The CPU core: run loop, PSW swaps, storage access and its exceptions,
 * the TLB, guest-mode interception, the timer. Test names state the rule. */
#include <check.h>
#include <stdlib.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"

START_TEST(test_load_fetches_aligned_word_and_advances_ia)
{
    struct cpu c;
    test_cpu_init(&c);
    test_put_word(&c, 0x0800, 0x12345678);
    ck_assert_int_eq(test_execute(&c, "5830 0800"), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(c.gpr[3], 0x12345678);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_unaligned_word_operand_is_specification_exception_ilc2)
{
    struct cpu c;
    test_cpu_init(&c);
    test_execute(&c, "5830 0802");
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_address_beyond_storage_is_addressing_exception)
{
    struct cpu c;
    test_cpu_init(&c);
    c.gpr[5] = TEST_STORAGE;
    test_execute(&c, "5830 5000");
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_unassigned_opcode_is_operation_exception_with_its_ilc)
{
    struct cpu c;
    test_cpu_init(&c);
    test_execute(&c, "0000");
    test_assert_program_interrupt(&c, PIC_OPERATION, 1, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_extended_precision_opcodes_are_operation_exceptions_on_67)
{
    static const char *const ops[] = {"2500", "2600", "2700", "3500", "3600", "3700", "67000000"};
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        struct cpu c;
        test_cpu_init(&c);
        test_execute(&c, ops[i]);
        unsigned ilc = ops[i][0] == '6' ? 2 : 1;
        test_assert_program_interrupt(&c, PIC_OPERATION, ilc, TEST_CODE + 2 * ilc);
        cpu_free(&c);
    }
}
END_TEST

START_TEST(test_privileged_instruction_in_problem_state_is_code_2)
{
    struct cpu c;
    test_cpu_init(&c);
    test_set_psw(&c, 0, 0, PSW_PROBLEM, 0, 0, TEST_CODE);
    test_execute(&c, "8000 2000"); /* SSM */
    test_assert_program_interrupt(&c, PIC_PRIVILEGED_OPERATION, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_store_into_block_with_other_key_is_protection_exception)
{
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_execute(&c, "5030 0800"); /* ST 3,X'800' */
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_fetch_from_unprotected_block_with_other_key_is_allowed)
{
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_put_word(&c, 0x0800, 42);
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_execute(&c, "5830 0800");
    ck_assert_uint_eq(c.gpr[3], 42);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    /* The fetch set the reference bit, not the change bit. */
    ck_assert_uint_eq(c.storage.keys[0x0800 >> 11], 0x30 | STORAGE_KEY_REFERENCE);
    cpu_free(&c);
}
END_TEST

START_TEST(test_fetch_protected_block_with_other_key_is_protection_exception)
{
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[0x0800 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_execute(&c, "5830 0800");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_key_change_is_seen_after_tlb_was_loaded_with_key_zero)
{
    /* The TLB tag includes the PSW key: an entry made under key 0 must
     * not let a later key-5 store through. */
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[0x0800 >> 11] = 0x30;
    test_execute(&c, "5030 0800");
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    ck_assert_uint_eq(c.storage.keys[0x0800 >> 11], 0x30 | STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_execute(&c, "5030 0800");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_add_overflow_sets_cc3_and_interrupts_only_when_mask_on)
{
    struct cpu c;
    test_cpu_init(&c);
    c.gpr[1] = 0x7FFFFFFF;
    c.gpr[2] = 1;
    test_execute(&c, "1A12");
    ck_assert_uint_eq(c.gpr[1], 0x80000000);
    ck_assert_uint_eq(c.cc, 3);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    cpu_free(&c);

    test_cpu_init(&c);
    test_set_psw(&c, 0, 0, 0, 0, PROGMASK_FIXED_OVERFLOW, TEST_CODE);
    c.gpr[1] = 0x7FFFFFFF;
    c.gpr[2] = 1;
    test_execute(&c, "1A12");
    /* The instruction completes: the sum is stored, CC 3 is in the old PSW. */
    ck_assert_uint_eq(c.gpr[1], 0x80000000);
    test_assert_program_interrupt(&c, PIC_FIXED_POINT_OVERFLOW, 1, TEST_CODE + 2);
    ck_assert_uint_eq((test_get_word(&c, LOW_PROGRAM_OLD + 4) >> 28) & 3, 3);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mvc_one_byte_overlap_propagates_left_to_right)
{
    struct cpu c;
    test_cpu_init(&c);
    test_put_hex(&c, 0x0800, "C1 00000000 00");
    test_execute(&c, "D203 0801 0800"); /* MVC X'801'(4),X'800' */
    ck_assert_uint_eq(test_get_word(&c, 0x0800), 0xC1C1C1C1);
    ck_assert_uint_eq(c.storage.bytes[0x0804], 0xC1);
    ck_assert_uint_eq(c.storage.bytes[0x0805], 0x00);
    test_assert_no_interrupt(&c, TEST_CODE + 6);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mvc_across_2k_block_with_protected_second_block_stores_nothing)
{
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[0x2800 >> 11] = 0x30;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x3000, "11223344");
    c.gpr[12] = 0x2000;
    c.gpr[11] = 0x3000;
    test_execute(&c, "D203 C7FE B000");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 3, TEST_CODE + 6);
    ck_assert_uint_eq(test_get_word(&c, 0x27FC), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_instruction_crossing_2k_block_executes)
{
    struct cpu c;
    test_cpu_init(&c);
    test_put_hex(&c, 0x07FE, "5830 0C00"); /* L 3,X'C00' straddles x'800' */
    test_put_word(&c, 0x0C00, 7);
    c.ia = 0x07FE;
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.gpr[3], 7);
    test_assert_no_interrupt(&c, 0x0802);
    cpu_free(&c);
}
END_TEST

START_TEST(test_branch_to_odd_address_is_specification_exception_at_fetch)
{
    struct cpu c;
    test_cpu_init(&c);
    test_execute(&c, "47F0 0801"); /* B X'801' */
    test_assert_no_interrupt(&c, 0x0801);
    cpu_run(&c, 1);
    /* POO A22-6821-0 p.62: ILC 1-3, address advanced by the ILC. */
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 1, 0x0803);
    cpu_free(&c);
}
END_TEST

START_TEST(test_svc_stores_number_and_ilc1_in_old_psw)
{
    struct cpu c;
    test_cpu_init(&c);
    test_execute(&c, "0A2A");
    ck_assert(c.wait);
    ck_assert_uint_eq(c.ia, TEST_WAIT_SVC);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD), 0x0000002A);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD + 4), 0x40000000 | (TEST_CODE + 2));
    cpu_free(&c);
}
END_TEST

START_TEST(test_disabled_wait_psw_ends_run_with_wait_exit)
{
    struct cpu c;
    test_cpu_init(&c);
    test_put_hex(&c, 0x0800, "00020000 0000600D");
    ck_assert_int_eq(test_execute(&c, "8200 0800"), CPU_EXIT_WAIT);
    ck_assert_int_eq(cpu_run(&c, 10), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c.icount, 1);
    ck_assert(cpu_in_disabled_wait(&c));
    ck_assert_uint_eq(c.ia, 0x600D);
    cpu_free(&c);
}
END_TEST

START_TEST(test_io_instructions_without_channels_give_cc3)
{
    struct cpu c;
    test_cpu_init(&c);
    c.cc = 0;
    test_execute(&c, "9C00 000C");
    ck_assert_uint_eq(c.cc, 3);
    c.cc = 0;
    test_execute(&c, "9D00 000C");
    ck_assert_uint_eq(c.cc, 3);
    c.cc = 0;
    test_execute(&c, "9E00 000C");
    ck_assert_uint_eq(c.cc, 3);
    c.cc = 0;
    test_execute(&c, "9F00 0000");
    ck_assert_uint_eq(c.cc, 3);
    cpu_free(&c);
}
END_TEST

START_TEST(test_guest_mode_intercepts_privileged_operation_without_psw_swap)
{
    struct cpu c;
    test_cpu_init(&c);
    test_set_psw(&c, 0, 0, PSW_PROBLEM, 0, 0, TEST_CODE);
    c.intercept_program_codes = 1u << PIC_PRIVILEGED_OPERATION;
    ck_assert_int_eq(test_execute(&c, "8000 0800"), CPU_EXIT_INTERCEPT); /* SSM */
    ck_assert_int_eq(c.intercept.kind, CPU_INTERCEPT_PROGRAM);
    ck_assert_uint_eq(c.intercept.code, PIC_PRIVILEGED_OPERATION);
    ck_assert_uint_eq(c.intercept.ilc, 2);
    ck_assert_uint_eq(c.ia, TEST_CODE + 4);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0); /* no swap */
    ck_assert(!c.wait);
    cpu_free(&c);
}
END_TEST

START_TEST(test_guest_mode_interception_reports_the_instruction_bytes)
{
    struct cpu c;
    test_cpu_init(&c);
    test_set_psw(&c, 0, 0, PSW_PROBLEM, 0, 0, TEST_CODE);
    c.intercept_program_codes = 1u << PIC_PRIVILEGED_OPERATION;
    ck_assert_int_eq(test_execute(&c, "8321 0018"), CPU_EXIT_INTERCEPT); /* DIAG 2,1,X'18' */
    ck_assert_uint_eq(c.intercept.instruction[0], 0x83);
    ck_assert_uint_eq(c.intercept.instruction[1], 0x21);
    ck_assert_uint_eq(c.intercept.instruction[2], 0x00);
    ck_assert_uint_eq(c.intercept.instruction[3], 0x18);
    cpu_free(&c);
}
END_TEST

START_TEST(test_guest_mode_interception_of_ex_subject_reports_the_subject_as_executed)
{
    /* EX 5,X'800' with R5 = X'0F' executes SSK 0,0 as SSK 0,15: the
     * Control Program must see the modified subject, and the ILC of EX. */
    struct cpu c;
    test_cpu_init(&c);
    test_set_psw(&c, 0, 0, PSW_PROBLEM, 0, 0, TEST_CODE);
    c.intercept_program_codes = 1u << PIC_PRIVILEGED_OPERATION;
    c.gpr[5] = 0x0F;
    test_put_hex(&c, 0x0800, "0800");
    ck_assert_int_eq(test_execute(&c, "4450 0800"), CPU_EXIT_INTERCEPT);
    ck_assert_uint_eq(c.intercept.ilc, 2);
    ck_assert_uint_eq(c.intercept.instruction[0], 0x08);
    ck_assert_uint_eq(c.intercept.instruction[1], 0x0F);
    ck_assert_ptr_null(c.executing_subject);
    cpu_free(&c);
}
END_TEST

START_TEST(test_guest_mode_intercepts_svc)
{
    struct cpu c;
    test_cpu_init(&c);
    c.intercept_svc = true;
    ck_assert_int_eq(test_execute(&c, "0A05"), CPU_EXIT_INTERCEPT);
    ck_assert_int_eq(c.intercept.kind, CPU_INTERCEPT_SVC);
    ck_assert_uint_eq(c.intercept.code, 5);
    ck_assert_uint_eq(c.ia, TEST_CODE + 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_timer_crossing_zero_raises_external_0080_when_enabled)
{
    struct cpu c;
    test_cpu_init(&c);
    test_put_word(&c, LOW_TIMER, 0x00000100);
    cpu_timer_decrement(&c, 0x100);
    ck_assert_uint_eq(test_get_word(&c, LOW_TIMER), 0);
    ck_assert_uint_eq(c.external_pending, 0);
    cpu_timer_decrement(&c, 1);
    ck_assert_uint_eq(test_get_word(&c, LOW_TIMER), 0xFFFFFFFF);
    ck_assert_uint_eq(c.external_pending, EXTERNAL_TIMER);
    /* Enabled (system mask bit 7) in a loop: BC *. */
    test_set_psw(&c, 0x01, 0, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, TEST_CODE, "47F0 1000");
    cpu_run(&c, 5);
    ck_assert_uint_eq(c.ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_get_word(&c, LOW_EXTERNAL_OLD), 0x01000080);
    cpu_free(&c);
}
END_TEST

START_TEST(test_two_cpus_in_one_process_are_independent)
{
    struct cpu *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    test_cpu_init(a);
    test_cpu_init(b);
    test_put_word(a, 0x0800, 1);
    test_put_word(b, 0x0800, 2);
    test_execute(a, "5830 0800");
    test_execute(b, "5830 0800");
    ck_assert_uint_eq(a->gpr[3], 1);
    ck_assert_uint_eq(b->gpr[3], 2);
    cpu_free(a);
    cpu_free(b);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_new_psw_with_odd_address_checkstops_instead_of_looping)
{
    struct cpu c;
    test_cpu_init(&c);
    test_put_hex(&c, LOW_PROGRAM_NEW, "00000000 00000801");
    test_execute(&c, "0000");
    ck_assert_int_eq(cpu_run(&c, 10), CPU_EXIT_CHECKSTOP);
    ck_assert(c.checkstop);
    cpu_free(&c);
}
END_TEST

static Suite *core_suite(void)
{
    Suite *s = suite_create("cpu core");
    TCase *t = tcase_create("core");
    tcase_add_test(t, test_load_fetches_aligned_word_and_advances_ia);
    tcase_add_test(t, test_unaligned_word_operand_is_specification_exception_ilc2);
    tcase_add_test(t, test_address_beyond_storage_is_addressing_exception);
    tcase_add_test(t, test_unassigned_opcode_is_operation_exception_with_its_ilc);
    tcase_add_test(t, test_extended_precision_opcodes_are_operation_exceptions_on_67);
    tcase_add_test(t, test_privileged_instruction_in_problem_state_is_code_2);
    tcase_add_test(t, test_store_into_block_with_other_key_is_protection_exception);
    tcase_add_test(t, test_fetch_from_unprotected_block_with_other_key_is_allowed);
    tcase_add_test(t, test_fetch_protected_block_with_other_key_is_protection_exception);
    tcase_add_test(t, test_key_change_is_seen_after_tlb_was_loaded_with_key_zero);
    tcase_add_test(t, test_add_overflow_sets_cc3_and_interrupts_only_when_mask_on);
    tcase_add_test(t, test_mvc_one_byte_overlap_propagates_left_to_right);
    tcase_add_test(t, test_mvc_across_2k_block_with_protected_second_block_stores_nothing);
    tcase_add_test(t, test_instruction_crossing_2k_block_executes);
    tcase_add_test(t, test_branch_to_odd_address_is_specification_exception_at_fetch);
    tcase_add_test(t, test_svc_stores_number_and_ilc1_in_old_psw);
    tcase_add_test(t, test_disabled_wait_psw_ends_run_with_wait_exit);
    tcase_add_test(t, test_io_instructions_without_channels_give_cc3);
    tcase_add_test(t, test_guest_mode_intercepts_privileged_operation_without_psw_swap);
    tcase_add_test(t, test_guest_mode_intercepts_svc);
    tcase_add_test(t, test_guest_mode_interception_reports_the_instruction_bytes);
    tcase_add_test(t, test_guest_mode_interception_of_ex_subject_reports_the_subject_as_executed);
    tcase_add_test(t, test_timer_crossing_zero_raises_external_0080_when_enabled);
    tcase_add_test(t, test_two_cpus_in_one_process_are_independent);
    tcase_add_test(t, test_new_psw_with_odd_address_checkstops_instead_of_looping);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(core_suite());
}
