/* Extended control mode (S360-67.md §2.1, §2.6): the EC PSW and its
 * validity, where interruption codes and the ILC go, the masks (PSW I/O
 * and external summary bits with CR4 and CR6), the switch between formats
 * when CR6 bit 8 changes, SSM, and 32-bit addressing. */
#include <check.h>
#include <stdlib.h>

#include "cpu/cpu.h"
#include "lib/bytes.h"
#include "tests/unit/cpu/cpu_test_support.h"
#include "tests/unit/cpu/model67_test_support.h"

/* Marks the EC code halfwords so a test can see which one was written. */
static void mark_code_locations(struct cpu *c)
{
    store_be16(c->storage.bytes + EC_CODE_AT_EXTERNAL, 0xEEEE);
    store_be16(c->storage.bytes + EC_CODE_AT_SVC, 0xEEEE);
    store_be16(c->storage.bytes + EC_CODE_AT_PROGRAM, 0xEEEE);
    store_be16(c->storage.bytes + 0x14, 0xEEEE);
    store_be16(c->storage.bytes + EC_CODE_AT_IO, 0xEEEE);
}

START_TEST(test_ec_svc_old_psw_has_ilc_in_bits_16_17_and_code_only_at_x10)
{
    /* ⚠ S360-67.md §2.1 code locations, settled from SIMH (storepsw) and
     * bench_dat.s on SIMH. */
    struct cpu c;
    test_cpu_init(&c);
    /* Ext mask, key E, M and P, ILC bits 11 (ignored on load), CC 2, PM F. */
    m67_enter_ec_mode(&c, 0x01E5EF00, TEST_CODE);
    mark_code_locations(&c);
    test_execute(&c, "0A2A");
    ck_assert_uint_eq(c.ia, TEST_WAIT_SVC);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD), 0x01E56F00);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD + 4), TEST_CODE + 2);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 0x002A);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_EXTERNAL), 0xEEEE);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_PROGRAM), 0xEEEE);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_IO), 0xEEEE);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ec_program_interruption_code_at_x12_and_ilc_of_rr_rx_ss)
{
    struct cpu c;
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    mark_code_locations(&c);
    test_execute(&c, "0000"); /* operation exception, RR */
    m67_assert_program_interrupt(&c, PIC_OPERATION, 1, TEST_CODE + 2);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 0xEEEE);
    ck_assert_uint_eq(test_get_half(&c, 0x14), 0xEEEE);

    cpu_free(&c);
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    test_execute(&c, "5830 0802"); /* L, misaligned: RX */
    m67_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, TEST_CODE + 4);

    cpu_free(&c);
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0x00500000, TEST_CODE); /* key 5 */
    c.storage.keys[0x800 >> 11] = 0x30;
    test_execute(&c, "D203 0800 0900"); /* MVC into key 3: SS */
    m67_assert_program_interrupt(&c, PIC_PROTECTION, 3, TEST_CODE + 6);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0x0050C000);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ec_timer_interruption_code_at_x0e_ilc_0_needs_cr6_bit_24)
{
    /* ⚠ S360-67.md §2.1 external masks, settled: CR6 bit 24+n masks the
     * source of external code bit 24+n (SIMH gates the interrupt key with
     * bit 25, x'40'). */
    struct cpu c;
    test_cpu_init(&c);
    c.cr[6] = 0x00000040; /* interrupt key only */
    m67_enter_ec_mode(&c, EC_PSW_EXTERNAL, TEST_CODE);
    mark_code_locations(&c);
    test_put_hex(&c, TEST_CODE, "0700 0700");
    cpu_raise_external(&c, EXTERNAL_TIMER);
    cpu_run(&c, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 2);
    ck_assert_uint_eq(c.external_pending, EXTERNAL_TIMER);

    c.cr[6] |= 0x00000080;
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_get_word(&c, LOW_EXTERNAL_OLD), 0x01000000);
    ck_assert_uint_eq(test_get_word(&c, LOW_EXTERNAL_OLD + 4), TEST_CODE + 2);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_EXTERNAL), 0x0080);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 0xEEEE);
    ck_assert_uint_eq(c.external_pending, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ec_interrupt_key_and_external_signals_need_their_cr6_bits)
{
    struct cpu c;
    test_cpu_init(&c);
    c.cr[6] = 0x000000BF; /* all but bit 25 (interrupt key) */
    m67_enter_ec_mode(&c, EC_PSW_EXTERNAL, TEST_CODE);
    test_put_hex(&c, TEST_CODE, "0700");
    cpu_raise_external(&c, EXTERNAL_INTERRUPT_KEY);
    cpu_run(&c, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 2);

    /* External signal 1 (code bit 31) with its CR6 bit 31: taken, and the
     * pending key still not, since bit 25 is off. */
    cpu_raise_external(&c, 0x01);
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_EXTERNAL), 0x0001);
    ck_assert_uint_eq(c.external_pending, EXTERNAL_INTERRUPT_KEY);
    cpu_free(&c);
}
END_TEST

START_TEST(test_bc_mode_external_mask_is_psw_bit_7_alone)
{
    struct cpu c;
    test_cpu_init(&c);
    c.cr[6] = 0; /* no extension bits: irrelevant in BC mode */
    test_set_psw(&c, 0x01, 0, 0, 0, 0, TEST_CODE);
    mark_code_locations(&c);
    test_put_hex(&c, TEST_CODE, "0700");
    cpu_raise_external(&c, EXTERNAL_INTERRUPT_KEY);
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_get_word(&c, LOW_EXTERNAL_OLD), 0x01000040);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_EXTERNAL), 0xEEEE);
    cpu_free(&c);
}
END_TEST

/* A channel layer with one pending interruption from device `device`. */
struct pending_io {
    uint16_t device;
    uint32_t masks_offered;
    int accepted;
};

static bool accept_pending(void *ctx, uint32_t channel_mask, uint16_t *io_address)
{
    struct pending_io *p = ctx;
    p->masks_offered |= channel_mask;
    if (p->accepted || !(channel_mask & (1u << ((p->device >> 8) & 0x1F))))
        return false;
    p->accepted++;
    *io_address = p->device;
    return true;
}

static int answer_cc3(void *ctx, uint32_t io_address)
{
    (void)ctx;
    (void)io_address;
    return 3;
}

static const struct cpu_io_ops pending_io_ops = {answer_cc3, answer_cc3, answer_cc3, answer_cc3, accept_pending};

/* Runs one NOPR with device x'0205' (channel 2) pending. */
static void run_with_io_pending(struct cpu *c, struct pending_io *p)
{
    p->device = 0x0205;
    p->masks_offered = 0;
    p->accepted = 0;
    cpu_set_io(c, &pending_io_ops, p);
    cpu_signal_io(c);
    test_put_hex(c, TEST_CODE, "0700");
    c->ia = TEST_CODE;
    cpu_run(c, 1);
}

START_TEST(test_ec_io_interruption_needs_psw_bit_6_and_the_channels_cr4_bit)
{
    struct cpu c;
    struct pending_io p;
    test_cpu_init(&c);
    c.cr[4] = 0x20000000; /* channel 2 */
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    run_with_io_pending(&c, &p);
    ck_assert_int_eq(p.accepted, 0);

    cpu_free(&c);
    test_cpu_init(&c);
    c.cr[4] = 0xDFFFFFFF; /* every channel but 2 */
    m67_enter_ec_mode(&c, EC_PSW_IO, TEST_CODE);
    run_with_io_pending(&c, &p);
    ck_assert_int_eq(p.accepted, 0);
    ck_assert_uint_eq(p.masks_offered, ~(1u << 2));

    cpu_free(&c);
    test_cpu_init(&c);
    c.cr[4] = 0x20000000;
    m67_enter_ec_mode(&c, EC_PSW_IO, TEST_CODE);
    mark_code_locations(&c);
    run_with_io_pending(&c, &p);
    ck_assert_int_eq(p.accepted, 1);
    ck_assert_uint_eq(p.masks_offered, 1u << 2);
    ck_assert_uint_eq(c.ia, TEST_WAIT_IO);
    ck_assert_uint_eq(test_get_word(&c, LOW_IO_OLD), 0x02000000);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_IO), 0x0205);
    ck_assert_uint_eq(test_get_half(&c, 0x14), 0xEEEE);
    cpu_free(&c);
}
END_TEST

START_TEST(test_bc_io_masks_are_psw_bits_0_to_6_and_ignore_cr4)
{
    struct cpu c;
    struct pending_io p;
    test_cpu_init(&c);
    c.cr[4] = 0xFFFFFFFF;
    test_set_psw(&c, 0xDE, 0, 0, 0, 0, TEST_CODE); /* channels 0, 1, 3-5, 6 and up */
    run_with_io_pending(&c, &p);
    ck_assert_int_eq(p.accepted, 0);
    ck_assert_uint_eq(p.masks_offered, ~(1u << 2));

    cpu_free(&c);
    test_cpu_init(&c);
    c.cr[4] = 0;
    test_set_psw(&c, 0x20, 0, 0, 0, 0, TEST_CODE); /* channel 2 */
    run_with_io_pending(&c, &p);
    ck_assert_int_eq(p.accepted, 1);
    ck_assert_uint_eq(test_get_word(&c, LOW_IO_OLD), 0x20000205);
    cpu_free(&c);
}
END_TEST

START_TEST(test_disabled_wait_in_ec_mode_needs_masks_that_enable_a_source)
{
    struct cpu c;
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, EC_PSW_EXTERNAL | EC_PSW_IO | EC_PSW_WAIT, 0x600D);
    ck_assert(cpu_in_disabled_wait(&c)); /* CR4 and CR6 bits 24-31 all zero */
    c.cr[6] |= 0x80;
    ck_assert(!cpu_in_disabled_wait(&c));
    c.cr[6] &= ~0xFFu;
    c.cr[4] = 0x80000000;
    ck_assert(!cpu_in_disabled_wait(&c));
    cpu_free(&c);
}
END_TEST

/* LPSW of an invalid EC PSW: ⚠ S360-67.md §2.1 settled from SIMH and the
 * S/370 rule: the PSW is loaded, then the specification exception is
 * taken at once; the old PSW is the new one, with LPSW's ILC 2. */
static void lpsw_ec(struct cpu *c, uint32_t word0, uint32_t word1)
{
    test_cpu_init(c);
    m67_enter_ec_mode(c, 0, TEST_CODE);
    test_put_word(c, 0x800, word0);
    test_put_word(c, 0x804, word1);
    test_execute(c, "8200 0800");
}

START_TEST(test_lpsw_of_ec_psw_with_spare_bits_0_to_3_loads_it_then_specification)
{
    struct cpu c;
    lpsw_ec(&c, 0x40000000, 0x00003000);
    m67_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, 0x00003000);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0x40008000);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lpsw_of_ec_psw_with_spare_bits_24_to_31_is_specification)
{
    struct cpu c;
    lpsw_ec(&c, 0x00500001, 0x00003000);
    m67_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, 0x00003000);
    /* The spare bits are not kept; the key is. */
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0x00508000);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ec_psw_address_high_byte_must_be_zero_in_24bit_mode_only)
{
    struct cpu c;
    lpsw_ec(&c, 0x00000000, 0x01003000);
    m67_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, 0x00003000);

    cpu_free(&c);
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    uint8_t psw[8];
    store_be32(psw, EC_PSW_32BIT);
    store_be32(psw + 4, 0x81003000);
    ck_assert(cpu_load_psw(&c, psw));
    ck_assert_uint_eq(c.ia, 0x81003000);
    ck_assert_uint_eq(c.amask, 0xFFFFFFFF);
    cpu_free(&c);
}
END_TEST

START_TEST(test_lpsw_of_an_ec_old_psw_with_its_ilc_returns_normally)
{
    /* Bits 16-17 (the ILC) are ignored on load, as every handler returns
     * with LPSW of the old PSW. */
    struct cpu c;
    lpsw_ec(&c, 0x0000E000, 0x00003000);
    test_assert_no_interrupt(&c, 0x00003000);
    ck_assert_uint_eq(c.cc, 2);
    cpu_free(&c);
}
END_TEST

START_TEST(test_invalid_ec_external_new_psw_is_specification_with_ilc_0_and_it_as_old_psw)
{
    struct cpu c;
    test_cpu_init(&c);
    c.cr[6] = 0x80;
    m67_enter_ec_mode(&c, EC_PSW_EXTERNAL, TEST_CODE);
    test_put_hex(&c, LOW_EXTERNAL_NEW, "F0000000 00000E18");
    test_put_hex(&c, TEST_CODE, "0700");
    cpu_raise_external(&c, EXTERNAL_TIMER);
    cpu_run(&c, 1);
    m67_assert_program_interrupt(&c, PIC_SPECIFICATION, 0, 0x00000E18);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0xF0000000);
    ck_assert_uint_eq(test_get_word(&c, LOW_EXTERNAL_OLD + 4), TEST_CODE);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_EXTERNAL), 0x0080);
    cpu_free(&c);
}
END_TEST

START_TEST(test_invalid_ec_program_new_psw_checkstops_instead_of_looping)
{
    struct cpu c;
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    test_put_hex(&c, LOW_PROGRAM_NEW, "00000001 00000E28");
    ck_assert_int_eq(test_execute(&c, "0000"), CPU_EXIT_CHECKSTOP);
    ck_assert(c.checkstop);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ssm_in_ec_mode_turns_translation_on_for_the_next_instruction)
{
    struct cpu c;
    test_cpu_init(&c);
    m67_build_tables(&c);
    m67_map(&c, TEST_CODE, 0x5000); /* the code page, as seen translated */
    test_put_hex(&c, 0x5004, "0A07");
    c.storage.bytes[0x800] = 0x04;
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    test_put_hex(&c, TEST_CODE, "8000 0800 0A01"); /* SSM X'800'; (real) SVC 1 */
    cpu_run(&c, 2);
    ck_assert_uint_eq(c.ia, TEST_WAIT_SVC);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 7);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD), EC_PSW_T | 0x4000);
    cpu_free(&c);
}
END_TEST

START_TEST(test_set_system_mask_refuses_ec_spare_bits_0_to_3_only)
{
    /* SSM's rule (cpu_set_system_mask): in EC mode bits 0-3 are spare; the
     * mask is set and the caller takes a specification exception. */
    struct cpu c;
    test_cpu_init(&c);
    ck_assert(cpu_set_system_mask(&c, 0xFF)); /* BC: eight masks */
    ck_assert_uint_eq(c.sysmask, 0xFF);
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    ck_assert(cpu_set_system_mask(&c, 0x0F));
    ck_assert(c.dat_on);
    ck_assert_uint_eq(c.amask, 0xFFFFFFFF);
    ck_assert(!cpu_set_system_mask(&c, 0x83));
    ck_assert_uint_eq(c.sysmask, 0x83);
    ck_assert(!c.dat_on);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cr6_bit_8_on_carries_the_bc_masks_into_ec_format)
{
    /* ⚠ GA27-2719 unavailable: the masks keep their meaning (SIMH keeps
     * its I/O and external enables across the switch). */
    struct cpu c;
    test_cpu_init(&c);
    test_set_psw(&c, 0x45, 0x3, PSW_PROBLEM, 1, 0x2, TEST_CODE); /* channels 1, 5; ext */
    c.cr[6] = CR6_EXTENDED_CONTROL;
    cpu_set_extended_control_mode(&c, true);
    ck_assert(c.ec_mode);
    ck_assert(!c.dat_on);
    uint8_t psw[8];
    cpu_store_psw(&c, psw, 0);
    ck_assert_uint_eq(load_be32(psw), 0x03311200);
    ck_assert_uint_eq(load_be32(psw + 4), TEST_CODE);

    cpu_free(&c);
    test_cpu_init(&c);
    test_set_psw(&c, 0x00, 0, 0, 0, 0, TEST_CODE);
    c.cr[6] = CR6_EXTENDED_CONTROL;
    cpu_set_extended_control_mode(&c, true);
    ck_assert_uint_eq(c.sysmask, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_cr6_bit_8_off_turns_ec_io_mask_and_cr4_into_bc_channel_masks)
{
    struct cpu c;
    test_cpu_init(&c);
    c.cr[4] = 0x42000000; /* channels 1 and 6 */
    m67_enter_ec_mode(&c, EC_PSW_T | EC_PSW_IO | EC_PSW_EXTERNAL | 0x00200000, TEST_CODE);
    ck_assert(c.dat_on);
    c.cr[6] = 0;
    cpu_set_extended_control_mode(&c, false);
    ck_assert(!c.ec_mode);
    ck_assert(!c.dat_on);
    ck_assert_uint_eq(c.sysmask, 0x43);
    ck_assert_uint_eq(c.key, 2);
    cpu_free(&c);
}
END_TEST

/* 32-bit mode (Extended DAT, S360-67.md §2.6): a 512-entry segment table
 * at x'8000' (CR0 x'1F008000'); page tables for the segments used. */
static void tables_32bit(struct cpu *c)
{
    for (unsigned s = 0; s < 512; s++)
        test_put_word(c, 0x8000 + 4 * s, 0x00000001);
    c->cr[0] = 0x1F008000;
    cpu_tlb_purge(c);
}

static void map_32bit(struct cpu *c, uint32_t va, uint32_t page_table, uint32_t real)
{
    uint32_t ste = 0x8000 + 4 * (va >> 20);
    if (test_get_word(c, ste) != (0xFF000000u | page_table)) {
        test_put_word(c, ste, 0xFF000000u | page_table);
        for (unsigned p = 0; p < 256; p++)
            store_be16(c->storage.bytes + page_table + 2 * p, 0x0008);
    }
    store_be16(c->storage.bytes + page_table + 2 * ((va >> 12) & 0xFF), (uint16_t)((real >> 12) << 4));
}

START_TEST(test_32bit_mode_la_is_modulo_2_32_and_24bit_mode_modulo_2_24)
{
    struct cpu c;
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, EC_PSW_32BIT, TEST_CODE);
    c.gpr[2] = 0x7FFFF001;
    test_execute(&c, "4112 0FFF"); /* LA 1,X'FFF'(2) */
    ck_assert_uint_eq(c.gpr[1], 0x80000000);
    c.gpr[2] = 0xFFFFFFFF;
    test_execute(&c, "4112 0001");
    ck_assert_uint_eq(c.gpr[1], 0);

    cpu_free(&c);
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    c.gpr[2] = 0x7FFFF001;
    test_execute(&c, "4112 0FFF");
    ck_assert_uint_eq(c.gpr[1], 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_32bit_mode_translates_with_a_12_bit_segment_index)
{
    struct cpu c;
    test_cpu_init(&c);
    tables_32bit(&c);
    map_32bit(&c, TEST_CODE, 0x8800, TEST_CODE);
    map_32bit(&c, 0x01145000, 0x8A00, 0x6000); /* segment x'011', page x'45' */
    test_put_word(&c, 0x6678, 0x01145678);
    c.gpr[4] = 0x01145678;
    test_put_hex(&c, TEST_CODE, "5834 0000");
    m67_enter_ec_mode(&c, EC_PSW_32BIT | EC_PSW_T, TEST_CODE);
    cpu_run(&c, 1);
    test_assert_no_interrupt(&c, TEST_CODE + 4);
    ck_assert_uint_eq(c.gpr[3], 0x01145678);
    cpu_free(&c);
}
END_TEST

START_TEST(test_32bit_segment_beyond_table_is_segment_translation_code_10_with_cr2)
{
    struct cpu c;
    test_cpu_init(&c);
    tables_32bit(&c);
    map_32bit(&c, TEST_CODE, 0x8800, TEST_CODE);
    c.gpr[4] = 0x20000000; /* segment x'200' = 512: just beyond the table */
    test_put_hex(&c, TEST_CODE, "5834 0010");
    m67_enter_ec_mode(&c, EC_PSW_32BIT | EC_PSW_T, TEST_CODE);
    cpu_run(&c, 1);
    m67_assert_program_interrupt(&c, PIC_SEGMENT_TRANSLATION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c.cr[2], 0x20000010);
    cpu_free(&c);
}
END_TEST

START_TEST(test_32bit_mode_instruction_address_runs_past_2_24)
{
    struct cpu c;
    test_cpu_init(&c);
    tables_32bit(&c);
    map_32bit(&c, 0x00FFF000, 0x8800, 0x3000);
    map_32bit(&c, 0x01000000, 0x8A00, 0x4000);
    test_put_hex(&c, 0x3FFC, "0700 0700");
    test_put_hex(&c, 0x4000, "0A09");
    m67_enter_ec_mode(&c, EC_PSW_32BIT | EC_PSW_T, 0x00FFFFFC);
    cpu_run(&c, 3);
    ck_assert_uint_eq(c.ia, TEST_WAIT_SVC);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 9);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD + 4), 0x01000002);
    cpu_free(&c);
}
END_TEST

START_TEST(test_balr_links_a_plain_address_in_32bit_mode_and_ilc_cc_pm_in_24bit_mode)
{
    struct cpu c;
    test_cpu_init(&c);
    tables_32bit(&c);
    map_32bit(&c, 0x12345000, 0x8800, 0x5000);
    test_put_hex(&c, 0x5010, "05E0");
    m67_enter_ec_mode(&c, EC_PSW_32BIT | EC_PSW_T | 0x1300, 0x12345010);
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.gpr[14], 0x12345012);

    cpu_free(&c);
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, 0x1300, TEST_CODE); /* CC 1, program mask 3 */
    test_execute(&c, "05E0");
    ck_assert_uint_eq(c.gpr[14], 0x53000000 | (TEST_CODE + 2));
    cpu_free(&c);
}
END_TEST

START_TEST(test_32bit_mode_without_translation_faults_above_storage_instead_of_wrapping)
{
    /* ⚠ S360-67.md §2.6 (32-bit mode with T = 0 unknown), settled: the
     * address stays 32 bits, and a real address beyond storage is an
     * addressing exception. */
    struct cpu c;
    test_cpu_init(&c);
    m67_enter_ec_mode(&c, EC_PSW_32BIT, TEST_CODE);
    c.gpr[4] = 0x01000000;
    test_execute(&c, "5834 0000");
    m67_assert_program_interrupt(&c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    cpu_free(&c);
}
END_TEST

static Suite *ec_mode_suite(void)
{
    Suite *s = suite_create("extended control mode");
    TCase *t = tcase_create("ec");
    tcase_add_test(t, test_ec_svc_old_psw_has_ilc_in_bits_16_17_and_code_only_at_x10);
    tcase_add_test(t, test_ec_program_interruption_code_at_x12_and_ilc_of_rr_rx_ss);
    tcase_add_test(t, test_ec_timer_interruption_code_at_x0e_ilc_0_needs_cr6_bit_24);
    tcase_add_test(t, test_ec_interrupt_key_and_external_signals_need_their_cr6_bits);
    tcase_add_test(t, test_bc_mode_external_mask_is_psw_bit_7_alone);
    tcase_add_test(t, test_ec_io_interruption_needs_psw_bit_6_and_the_channels_cr4_bit);
    tcase_add_test(t, test_bc_io_masks_are_psw_bits_0_to_6_and_ignore_cr4);
    tcase_add_test(t, test_disabled_wait_in_ec_mode_needs_masks_that_enable_a_source);
    tcase_add_test(t, test_lpsw_of_ec_psw_with_spare_bits_0_to_3_loads_it_then_specification);
    tcase_add_test(t, test_lpsw_of_ec_psw_with_spare_bits_24_to_31_is_specification);
    tcase_add_test(t, test_ec_psw_address_high_byte_must_be_zero_in_24bit_mode_only);
    tcase_add_test(t, test_lpsw_of_an_ec_old_psw_with_its_ilc_returns_normally);
    tcase_add_test(t, test_invalid_ec_external_new_psw_is_specification_with_ilc_0_and_it_as_old_psw);
    tcase_add_test(t, test_invalid_ec_program_new_psw_checkstops_instead_of_looping);
    tcase_add_test(t, test_ssm_in_ec_mode_turns_translation_on_for_the_next_instruction);
    tcase_add_test(t, test_set_system_mask_refuses_ec_spare_bits_0_to_3_only);
    tcase_add_test(t, test_cr6_bit_8_on_carries_the_bc_masks_into_ec_format);
    tcase_add_test(t, test_cr6_bit_8_off_turns_ec_io_mask_and_cr4_into_bc_channel_masks);
    tcase_add_test(t, test_32bit_mode_la_is_modulo_2_32_and_24bit_mode_modulo_2_24);
    tcase_add_test(t, test_32bit_mode_translates_with_a_12_bit_segment_index);
    tcase_add_test(t, test_32bit_segment_beyond_table_is_segment_translation_code_10_with_cr2);
    tcase_add_test(t, test_32bit_mode_instruction_address_runs_past_2_24);
    tcase_add_test(t, test_balr_links_a_plain_address_in_32bit_mode_and_ilc_cc_pm_in_24bit_mode);
    tcase_add_test(t, test_32bit_mode_without_translation_faults_above_storage_instead_of_wrapping);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(ec_mode_suite());
}
