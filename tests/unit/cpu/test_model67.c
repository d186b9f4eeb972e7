/* The 67's control instructions LMC, STMC and LRA (S360-67.md §2.2,
 * §2.4): control registers 0-15, their side effects, the sensing values of
 * a simplex machine, and LRA's condition codes. */
#include <check.h>
#include <stdlib.h>

#include "cpu/cpu.h"
#include "lib/bytes.h"
#include "tests/unit/cpu/cpu_test_support.h"
#include "tests/unit/cpu/model67_test_support.h"

static const uint32_t simplex_sensing[7] = {0x8C8C8C8C, 0x8C8C0000, 0x02468ACE, 0x88000000,
                                            0xFFFFFFFF, 0xFFFFFFFF, 0x00000200};

START_TEST(test_stmc_after_reset_stores_zeros_and_simplex_sensing_values_in_cr8_to_cr14)
{
    struct cpu c;
    test_cpu_init(&c);
    test_execute(&c, "B00F 0800"); /* STMC 0,15,X'800' */
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    for (unsigned cr = 0; cr < 16; cr++) {
        uint32_t expected = (cr >= 8 && cr <= 14) ? simplex_sensing[cr - 8] : 0;
        ck_assert_msg(test_get_word(&c, 0x800 + 4 * cr) == expected, "CR%u stored %08X, expected %08X", cr,
                      test_get_word(&c, 0x800 + 4 * cr), expected);
    }
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_loads_cr0_cr2_cr4_keeps_assigned_cr6_bits_and_ignores_unassigned)
{
    struct cpu c;
    test_cpu_init(&c);
    /* CR0-CR7; CR6 has every bit but 8 (so the CPU stays in BC mode). */
    test_put_hex(&c, 0x800, "0F002040 FFFFFFFF 00ABCDEF FFFFFFFF 81000000 FFFFFFFF FF7FFFFF FFFFFFFF");
    test_execute(&c, "B807 0800"); /* LMC 0,7,X'800' */
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    ck_assert_uint_eq(c.cr[0], 0x0F002040);
    ck_assert_uint_eq(c.cr[2], 0x00ABCDEF);
    ck_assert_uint_eq(c.cr[4], 0x81000000);
    ck_assert_uint_eq(c.cr[6], 0xF00000FF);
    ck_assert(!c.ec_mode);
    test_execute(&c, "B007 0900"); /* STMC 0,7,X'900' */
    ck_assert_uint_eq(test_get_word(&c, 0x900), 0x0F002040);
    ck_assert_uint_eq(test_get_word(&c, 0x904), 0);
    ck_assert_uint_eq(test_get_word(&c, 0x908), 0x00ABCDEF);
    ck_assert_uint_eq(test_get_word(&c, 0x90C), 0);
    ck_assert_uint_eq(test_get_word(&c, 0x910), 0x81000000);
    ck_assert_uint_eq(test_get_word(&c, 0x914), 0);
    ck_assert_uint_eq(test_get_word(&c, 0x918), 0xF00000FF);
    ck_assert_uint_eq(test_get_word(&c, 0x91C), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_of_sensing_and_unassigned_registers_changes_nothing)
{
    struct cpu c;
    test_cpu_init(&c);
    for (unsigned i = 0; i < 8; i++)
        test_put_word(&c, 0x800 + 4 * i, 0x12345678);
    test_execute(&c, "B88F 0800"); /* LMC 8,15 */
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    test_execute(&c, "B08F 0900"); /* STMC 8,15 */
    for (unsigned cr = 8; cr < 16; cr++) {
        uint32_t expected = cr <= 14 ? simplex_sensing[cr - 8] : 0;
        ck_assert_uint_eq(test_get_word(&c, 0x900 + 4 * (cr - 8)), expected);
    }
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_and_stmc_register_range_wraps_from_15_to_0)
{
    struct cpu c;
    test_cpu_init(&c);
    /* LMC 14,2: CR14, CR15, CR0, CR1, CR2 from five words. */
    test_put_hex(&c, 0x800, "11111111 22222222 00003000 44444444 00000055");
    test_execute(&c, "B8E2 0800");
    ck_assert_uint_eq(c.cr[0], 0x00003000);
    ck_assert_uint_eq(c.cr[2], 0x00000055);
    test_execute(&c, "B0F2 0900"); /* STMC 15,2: four words */
    ck_assert_uint_eq(test_get_word(&c, 0x900), 0);
    ck_assert_uint_eq(test_get_word(&c, 0x904), 0x00003000);
    ck_assert_uint_eq(test_get_word(&c, 0x908), 0);
    ck_assert_uint_eq(test_get_word(&c, 0x90C), 0x00000055);
    ck_assert_uint_eq(test_get_word(&c, 0x910), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_and_stmc_operand_off_word_boundary_is_specification_exception)
{
    struct cpu c;
    test_cpu_init(&c);
    test_put_word(&c, 0x800, 0x00003000);
    test_execute(&c, "B800 0802");
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c.cr[0], 0);

    cpu_free(&c);
    test_cpu_init(&c);
    test_execute(&c, "B000 0801");
    test_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_stmc_lra_in_problem_state_are_privileged_operations)
{
    static const char *const instructions[] = {"B800 0800", "B000 0800", "B110 0800"};
    for (unsigned i = 0; i < 3; i++) {
        struct cpu c;
        test_cpu_init(&c);
        test_set_psw(&c, 0, 0, PSW_PROBLEM, 0, 0, TEST_CODE);
        test_put_word(&c, 0x800, 0x00003000);
        test_execute(&c, instructions[i]);
        test_assert_program_interrupt(&c, PIC_PRIVILEGED_OPERATION, 2, TEST_CODE + 4);
        ck_assert_uint_eq(c.cr[0], 0);
        ck_assert_uint_eq(test_get_word(&c, 0x800), 0x00003000);
        cpu_free(&c);
    }
}
END_TEST

START_TEST(test_lmc_whose_operand_crosses_into_protected_block_loads_no_register)
{
    struct cpu c;
    test_cpu_init(&c);
    c.storage.keys[0x800 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    test_put_hex(&c, 0x7F8, "00003000 00000000 00000077");
    test_execute(&c, "B802 07F8"); /* LMC 0,2: the third word is fetch-protected */
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c.cr[0], 0);
    ck_assert_uint_eq(c.cr[2], 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_stmc_whose_operand_crosses_into_protected_block_stores_nothing)
{
    struct cpu c;
    test_cpu_init(&c);
    c.cr[0] = 0x00003000;
    c.storage.keys[0x800 >> 11] = 0x30;
    c.storage.keys[0x000 >> 11] = 0x50;
    test_set_psw(&c, 0, 5, 0, 0, 0, TEST_CODE);
    c.storage.keys[TEST_CODE >> 11] = 0x50;
    test_execute(&c, "B002 07F8"); /* STMC 0,2: the third word in key 3's block */
    test_assert_program_interrupt(&c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(test_get_word(&c, 0x7F8), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_cr0_with_bits_26_to_31_set_is_completed_then_data_exception)
{
    /* ⚠ S360-67.md §2.2 settled from SIMH: the segment-table origin must
     * be on a 64-byte boundary; LMC completes and takes a data exception. */
    struct cpu c;
    test_cpu_init(&c);
    test_put_hex(&c, 0x800, "00003010 00000042");
    test_execute(&c, "B801 0800"); /* LMC 0,1 */
    test_assert_program_interrupt(&c, PIC_DATA, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c.cr[0], 0x00003010);

    cpu_free(&c);
    test_cpu_init(&c);
    test_put_hex(&c, 0x800, "00003040");
    test_execute(&c, "B800 0800");
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_setting_cr6_bit_8_makes_the_next_interruption_store_an_ec_psw)
{
    struct cpu c;
    test_cpu_init(&c);
    test_set_psw(&c, 0x00, 0x3, 0, 2, 0x5, TEST_CODE);
    test_put_word(&c, 0x800, 0x00800000);
    test_put_hex(&c, TEST_CODE, "B866 0800 0A2A"); /* LMC 6,6,X'800'; SVC 42 */
    cpu_run(&c, 2);
    ck_assert(c.ec_mode);
    ck_assert_uint_eq(c.ia, TEST_WAIT_SVC);
    /* EC old PSW: key 3, ILC 1 (bits 16-17), CC 2, program mask 5. */
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD), 0x00306500);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD + 4), TEST_CODE + 6);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 0x002A);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lmc_clearing_cr6_bit_8_returns_to_bc_format)
{
    struct cpu c;
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0x00300000, TEST_CODE);
    test_put_word(&c, 0x800, 0x00000000);
    test_put_hex(&c, TEST_CODE, "B866 0800 0A2A");
    store_be16(c.storage.bytes + EC_CODE_AT_SVC, 0xEEEE);
    cpu_run(&c, 2);
    ck_assert(!c.ec_mode);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD), 0x0030002A);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD + 4), 0x40000000 | (TEST_CODE + 6));
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 0xEEEE);
    cpu_free(&c);
}
END_TEST

/* A channel layer with one pending interruption from device x'0101'
 * (channel 1). */
struct pending_io {
    uint32_t masks_offered;
    int accepted;
};

static bool accept_device_0101(void *ctx, uint32_t channel_mask, uint16_t *io_address)
{
    struct pending_io *p = ctx;
    p->masks_offered |= channel_mask;
    if (p->accepted || !(channel_mask & (1u << 1)))
        return false;
    p->accepted++;
    *io_address = 0x0101;
    return true;
}

static int answer_cc3(void *ctx, uint32_t io_address)
{
    (void)ctx;
    (void)io_address;
    return 3;
}

static const struct cpu_io_ops pending_io_ops = {answer_cc3, answer_cc3, answer_cc3, answer_cc3,
                                                 accept_device_0101};

START_TEST(test_lmc_of_cr4_takes_a_pending_io_interruption_right_after_the_lmc)
{
    struct cpu c;
    struct pending_io pending = {0, 0};
    test_cpu_init(&c);
    cpu_set_io(&c, &pending_io_ops, &pending);
    m67_enter_ec_mode(&c, EC_PSW_IO, TEST_CODE);
    cpu_signal_io(&c);
    test_put_word(&c, 0x800, 0x40000000); /* CR4: channel 1 */
    test_put_hex(&c, TEST_CODE, "0700 B844 0800 0700");
    cpu_run(&c, 1); /* NOPR: CR4 = 0, nothing enabled */
    ck_assert_int_eq(pending.accepted, 0);
    cpu_run(&c, 1); /* LMC 4,4 */
    ck_assert_int_eq(pending.accepted, 1);
    ck_assert_uint_eq(pending.masks_offered, 1u << 1);
    ck_assert_uint_eq(c.ia, TEST_WAIT_IO);
    ck_assert_uint_eq(test_get_word(&c, LOW_IO_OLD), 0x02000000);
    ck_assert_uint_eq(test_get_word(&c, LOW_IO_OLD + 4), TEST_CODE + 6);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_IO), 0x0101);
    cpu_free(&c);
}
END_TEST

/* LRA: the standard tables (model67_test_support.h) with page x'003000'
 * mapped to frame x'5000'. */
static void lra_cpu(struct cpu *c)
{
    test_cpu_init(c);
    m67_build_tables(c);
    m67_map(c, 0x003000, 0x5000);
}

START_TEST(test_lra_cc0_gives_the_real_address_in_bc_mode_and_with_t_off)
{
    struct cpu c;
    lra_cpu(&c);
    c.gpr[4] = 0x003000;
    c.gpr[5] = 0x120;
    c.gpr[1] = 0xFFFFFFFF;
    test_execute(&c, "B115 4004"); /* LRA 1,4(5,4) */
    ck_assert_uint_eq(c.cc, 0);
    ck_assert_uint_eq(c.gpr[1], 0x5124);
    test_assert_no_interrupt(&c, TEST_CODE + 4);

    cpu_free(&c);
    lra_cpu(&c);
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    c.gpr[4] = 0xFF003000; /* 24-bit mode: the high byte is ignored */
    test_execute(&c, "B110 4FFF");
    ck_assert_uint_eq(c.cc, 0);
    ck_assert_uint_eq(c.gpr[1], 0x5FFF);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lra_cc1_for_invalid_ste_gives_the_ste_address)
{
    struct cpu c;
    lra_cpu(&c);
    c.gpr[4] = 0x503000;
    test_execute(&c, "B110 4000");
    ck_assert_uint_eq(c.cc, 1);
    ck_assert_uint_eq(c.gpr[1], M67_SEGMENT_TABLE + 4 * 5);
    ck_assert_uint_eq(c.cr[2], 0); /* no exception, CR2 untouched */
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lra_cc2_for_invalid_or_malformed_pte_and_page_beyond_length_gives_pte_address)
{
    struct cpu c;
    lra_cpu(&c);
    c.gpr[4] = 0x007000; /* PTE invalid */
    test_execute(&c, "B110 4000");
    ck_assert_uint_eq(c.cc, 2);
    ck_assert_uint_eq(c.gpr[1], M67_PAGE_TABLE(0) + 2 * 7);

    cpu_free(&c);
    lra_cpu(&c);
    store_be16(c.storage.bytes + m67_pte_address(0x003000), 0x0052); /* bits 13-15 set */
    c.gpr[4] = 0x003000;
    test_execute(&c, "B110 4000");
    ck_assert_uint_eq(c.cc, 2);
    ck_assert_uint_eq(c.gpr[1], M67_PAGE_TABLE(0) + 2 * 3);

    cpu_free(&c);
    lra_cpu(&c);
    test_put_word(&c, M67_SEGMENT_TABLE, 0x0F000000 | M67_PAGE_TABLE(0)); /* pages 0-15 */
    c.gpr[4] = 0x020000;
    test_execute(&c, "B110 4000");
    ck_assert_uint_eq(c.cc, 2);
    ck_assert_uint_eq(c.gpr[1], M67_PAGE_TABLE(0) + 2 * 0x20);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lra_cc3_for_segment_beyond_table_length_in_32bit_mode_gives_the_address)
{
    /* With at least 16 entries, only 32-bit mode can exceed the table. */
    struct cpu c;
    lra_cpu(&c);
    m67_enter_ec_mode(&c, EC_PSW_32BIT, TEST_CODE);
    c.gpr[4] = 0x01003000; /* segment 16 of a 16-entry table */
    test_execute(&c, "B110 4000");
    ck_assert_uint_eq(c.cc, 3);
    ck_assert_uint_eq(c.gpr[1], 0x01003000);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lra_with_table_outside_storage_is_addressing_exception)
{
    struct cpu c;
    lra_cpu(&c);
    c.cr[0] = 0x00FF0000;
    c.gpr[4] = 0x003000;
    c.gpr[1] = 0x99;
    test_execute(&c, "B110 4000");
    test_assert_program_interrupt(&c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c.gpr[1], 0x99);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lra_walks_the_tables_and_sets_their_reference_bits)
{
    /* LRA reads the tables as they are, not the associative memory: a
     * PTE changed after translated use is seen without a CR0 load. */
    struct cpu c;
    lra_cpu(&c);
    m67_map(&c, 0x105000, TEST_CODE);
    test_put_hex(&c, TEST_CODE, "5834 0000 B114 0000");
    c.gpr[4] = 0x003000;
    m67_enter_ec_mode(&c, EC_PSW_T, 0x105000);
    cpu_run(&c, 1); /* L 3,0(4): the TLB maps x'003000' to x'5000' */
    m67_map(&c, 0x003000, 0x9000);
    c.storage.keys[0x2000 >> 11] = 0;
    cpu_run(&c, 1); /* LRA 1,0(4) */
    ck_assert_uint_eq(c.cc, 0);
    ck_assert_uint_eq(c.gpr[1], 0x9000);
    ck_assert_uint_eq(c.storage.keys[0x2000 >> 11], STORAGE_KEY_REFERENCE);
    cpu_free(&c);
}
END_TEST

static Suite *model67_suite(void)
{
    Suite *s = suite_create("67 control instructions");
    TCase *t = tcase_create("lmc stmc lra");
    tcase_add_test(t, test_stmc_after_reset_stores_zeros_and_simplex_sensing_values_in_cr8_to_cr14);
    tcase_add_test(t, test_lmc_loads_cr0_cr2_cr4_keeps_assigned_cr6_bits_and_ignores_unassigned);
    tcase_add_test(t, test_lmc_of_sensing_and_unassigned_registers_changes_nothing);
    tcase_add_test(t, test_lmc_and_stmc_register_range_wraps_from_15_to_0);
    tcase_add_test(t, test_lmc_and_stmc_operand_off_word_boundary_is_specification_exception);
    tcase_add_test(t, test_lmc_stmc_lra_in_problem_state_are_privileged_operations);
    tcase_add_test(t, test_lmc_whose_operand_crosses_into_protected_block_loads_no_register);
    tcase_add_test(t, test_stmc_whose_operand_crosses_into_protected_block_stores_nothing);
    tcase_add_test(t, test_lmc_cr0_with_bits_26_to_31_set_is_completed_then_data_exception);
    tcase_add_test(t, test_lmc_setting_cr6_bit_8_makes_the_next_interruption_store_an_ec_psw);
    tcase_add_test(t, test_lmc_clearing_cr6_bit_8_returns_to_bc_format);
    tcase_add_test(t, test_lmc_of_cr4_takes_a_pending_io_interruption_right_after_the_lmc);
    tcase_add_test(t, test_lra_cc0_gives_the_real_address_in_bc_mode_and_with_t_off);
    tcase_add_test(t, test_lra_cc1_for_invalid_ste_gives_the_ste_address);
    tcase_add_test(t, test_lra_cc2_for_invalid_or_malformed_pte_and_page_beyond_length_gives_pte_address);
    tcase_add_test(t, test_lra_cc3_for_segment_beyond_table_length_in_32bit_mode_gives_the_address);
    tcase_add_test(t, test_lra_with_table_outside_storage_is_addressing_exception);
    tcase_add_test(t, test_lra_walks_the_tables_and_sets_their_reference_bits);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(model67_suite());
}
