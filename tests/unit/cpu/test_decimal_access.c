/* Access exceptions for every operand of every decimal-feature
 * instruction (POO A22-6821 "Protection", "Addressing", and each
 * instruction's list of program interruptions): the interruption code,
 * ILC 3 (SS) or 2 (RX), the old PSW's instruction address, and that
 * nothing was stored. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"
#include "tests/unit/cpu/test_decimal_support.h"

#define SS_NEXT (TEST_CODE + 6)
#define RX_NEXT (TEST_CODE + 4)

/* Where the operands go: the good one in a block with the PSW key 5,
 * the failing one in a block with key 3 and fetch protection. */
#define GOOD_BLOCK 0x0800u
#define BAD_BLOCK 0x2000u
#define PSW_KEY 5

struct ss_case {
    const char *name;
    const char *opcode_and_lengths; /* first two bytes of the instruction */
    const char *op1;
    const char *op2;
    bool op1_stored; /* the first operand is stored into */
};

/* Valid operands for each instruction, so that an access exception is
 * the only one there is. */
static const struct ss_case ss_cases[] = {
    {"AP", "FA11", "001C", "002C", true},     {"SP", "FB11", "001C", "002C", true},
    {"ZAP", "F811", "001C", "002C", true},    {"CP", "F911", "001C", "002C", false},
    {"MP", "FC10", "003C", "2C", true},       {"DP", "FD10", "010C", "2C", true},
    {"PACK", "F211", "0000", "F1C2", true},   {"UNPK", "F311", "0000", "012C", true},
    {"MVO", "F111", "000C", "123C", true},    {"ED", "DE02", "402020", "12", true},
    {"EDMK", "DF02", "402020", "12", true},
};

enum failure { BEYOND_STORAGE, PROTECTED_BLOCK };

/* Runs case `k` with operand `failing` (1 or 2) made inaccessible. */
static void run_ss_access_case(const struct ss_case *k, unsigned failing, enum failure how, uint16_t code)
{
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[GOOD_BLOCK >> 11] = PSW_KEY << 4;
    c.storage.keys[BAD_BLOCK >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(&c, 0, PSW_KEY, 0, 1, 0, TEST_CODE);
    uint32_t bad = how == BEYOND_STORAGE ? TEST_STORAGE : BAD_BLOCK;
    uint32_t address1 = failing == 1 ? bad : GOOD_BLOCK;
    uint32_t address2 = failing == 2 ? bad : GOOD_BLOCK + 0x100;
    if (address1 < TEST_STORAGE)
        test_put_hex(&c, address1, k->op1);
    if (address2 < TEST_STORAGE)
        test_put_hex(&c, address2, k->op2);
    c.gpr[8] = address1;
    c.gpr[9] = address2;
    c.gpr[1] = 0x12345678;
    char instruction[32];
    snprintf(instruction, sizeof instruction, "%s 8000 9000", k->opcode_and_lengths);
    test_execute(&c, instruction);
    test_assert_program_interrupt(&c, code, 3, SS_NEXT);
    ck_assert_msg(old_psw_cc(&c) == 1, "%s: CC changed", k->name);
    ck_assert_msg(c.gpr[1] == 0x12345678, "%s: R1 changed", k->name);
    if (address1 < TEST_STORAGE)
        assert_storage(&c, address1, k->op1);
    if (address2 < TEST_STORAGE)
        assert_storage(&c, address2, k->op2);
    cpu_free(&c);
}

START_TEST(test_first_operand_beyond_storage_is_addressing_exception_code_5_ilc_3)
{
    run_ss_access_case(&ss_cases[_i], 1, BEYOND_STORAGE, PIC_ADDRESSING);
}
END_TEST

START_TEST(test_second_operand_beyond_storage_is_addressing_exception_code_5_ilc_3)
{
    run_ss_access_case(&ss_cases[_i], 2, BEYOND_STORAGE, PIC_ADDRESSING);
}
END_TEST

START_TEST(test_first_operand_in_protected_block_is_protection_exception_code_4_ilc_3)
{
    run_ss_access_case(&ss_cases[_i], 1, PROTECTED_BLOCK, PIC_PROTECTION);
}
END_TEST

START_TEST(test_second_operand_in_fetch_protected_block_is_protection_exception_code_4_ilc_3)
{
    run_ss_access_case(&ss_cases[_i], 2, PROTECTED_BLOCK, PIC_PROTECTION);
}
END_TEST

START_TEST(test_first_operand_only_store_protected_is_an_exception_exactly_when_it_is_stored)
{
    /* Key 3 without fetch protection: fetching is allowed, storing not
     * (A22-6821 "Protection"). CP only fetches its first operand. */
    const struct ss_case *k = &ss_cases[_i];
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[GOOD_BLOCK >> 11] = PSW_KEY << 4;
    c.storage.keys[BAD_BLOCK >> 11] = 0x30;
    test_set_psw(&c, 0, PSW_KEY, 0, 1, 0, TEST_CODE);
    test_put_hex(&c, BAD_BLOCK, k->op1);
    test_put_hex(&c, GOOD_BLOCK, k->op2);
    c.gpr[8] = BAD_BLOCK;
    c.gpr[9] = GOOD_BLOCK;
    char instruction[32];
    snprintf(instruction, sizeof instruction, "%s 8000 9000", k->opcode_and_lengths);
    test_execute(&c, instruction);
    if (k->op1_stored) {
        test_assert_program_interrupt(&c, PIC_PROTECTION, 3, SS_NEXT);
        assert_storage(&c, BAD_BLOCK, k->op1);
    } else {
        test_assert_no_interrupt(&c, SS_NEXT);
        ck_assert_uint_eq(c.cc, 1); /* 1 compared with 2 */
    }
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvb_operand_in_fetch_protected_block_is_protection_exception_ilc_2)
{
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[BAD_BLOCK >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(&c, 0, PSW_KEY, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, BAD_BLOCK, "00000000 0000001C");
    c.gpr[9] = BAD_BLOCK;
    c.gpr[2] = 77;
    test_execute(&c, "4F20 9000");
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, RX_NEXT);
    ck_assert_uint_eq(c.gpr[2], 77);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cvd_operand_beyond_storage_is_addressing_exception_ilc_2)
{
    struct cpu c;
    test_cpu_init(&c);
    c.gpr[9] = TEST_STORAGE;
    c.gpr[2] = 77;
    test_execute(&c, "4E20 9000");
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 2, RX_NEXT);
    cpu_free(&c);
}
END_TEST

static Suite *decimal_access_suite(void)
{
    int cases = (int)(sizeof ss_cases / sizeof ss_cases[0]);
    Suite *s = suite_create("decimal operand access");
    TCase *t = tcase_create("SS operands");
    tcase_add_loop_test(t, test_first_operand_beyond_storage_is_addressing_exception_code_5_ilc_3, 0, cases);
    tcase_add_loop_test(t, test_second_operand_beyond_storage_is_addressing_exception_code_5_ilc_3, 0, cases);
    tcase_add_loop_test(t, test_first_operand_in_protected_block_is_protection_exception_code_4_ilc_3, 0, cases);
    tcase_add_loop_test(t, test_second_operand_in_fetch_protected_block_is_protection_exception_code_4_ilc_3, 0,
                        cases);
    tcase_add_loop_test(t, test_first_operand_only_store_protected_is_an_exception_exactly_when_it_is_stored, 0,
                        cases);
    suite_add_tcase(s, t);

    t = tcase_create("RX operands");
    tcase_add_test(t, test_cvb_operand_in_fetch_protected_block_is_protection_exception_ilc_2);
    tcase_add_test(t, test_cvd_operand_beyond_storage_is_addressing_exception_ilc_2);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(decimal_access_suite());
}
