/* Dynamic address translation (S360-67.md §2.3, §2.5): translation of
 * instruction fetches and operands, the translation exceptions with the
 * failing address in CR2 and the 67's old PSW (not nullified), keys and
 * reference/change bits on real frames, the TLB and its purge on a load of
 * CR0, and a small paging supervisor that resolves page faults.
 *
 * Unless a test says otherwise, code runs in EC mode with T = 1 at virtual
 * CODE_VA (segment 1, page 5), mapped to the real frame of TEST_CODE. */
#include <check.h>
#include <stdlib.h>

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "lib/bytes.h"
#include "tests/unit/cpu/cpu_test_support.h"
#include "tests/unit/cpu/model67_test_support.h"

#define CODE_VA 0x105000u

static void dat_cpu(struct cpu *c)
{
    test_cpu_init(c);
    m67_build_tables(c);
    m67_map(c, CODE_VA, TEST_CODE);
}

/* Puts `hex` at the code page and runs `count` instructions from CODE_VA
 * with translation on, under PSW key `key`. */
static void run_translated_with_key(struct cpu *c, uint8_t key, const char *hex, uint64_t count)
{
    test_put_hex(c, TEST_CODE, hex);
    m67_enter_ec_mode(c, EC_PSW_T | ((uint32_t)key << 20), CODE_VA);
    cpu_run(c, count);
}

static void run_translated(struct cpu *c, const char *hex, uint64_t count)
{
    run_translated_with_key(c, 0, hex, count);
}

START_TEST(test_translated_load_reads_the_mapped_frame_not_the_virtual_address)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    test_put_word(&c, 0x3010, 0x11111111); /* real storage at the virtual address */
    test_put_word(&c, 0x5010, 0x55555555); /* the frame it maps to */
    c.gpr[4] = 0x003000;
    run_translated(&c, "5834 0010", 1); /* L 3,X'10'(4) */
    ck_assert_uint_eq(c.gpr[3], 0x55555555);
    test_assert_no_interrupt(&c, CODE_VA + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_translated_store_changes_frame_and_sets_its_reference_and_change_bits)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    c.gpr[3] = 0xCAFEF00D;
    c.gpr[4] = 0x003000;
    run_translated(&c, "5034 0010", 1); /* ST 3,X'10'(4) */
    ck_assert_uint_eq(test_get_word(&c, 0x5010), 0xCAFEF00D);
    ck_assert_uint_eq(test_get_word(&c, 0x3010), 0);
    ck_assert_uint_eq(c.storage.keys[0x5000 >> 11], STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);
    ck_assert_uint_eq(c.storage.keys[0x3000 >> 11], 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_table_fetches_set_the_reference_bit_of_the_table_blocks)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    /* Segment table x'2000' and segment 0's page table x'2100' share the
     * block x'2000'; segment 1's page table x'2300' too. Clear it. */
    c.storage.keys[0x2000 >> 11] = 0;
    c.gpr[4] = 0x003000;
    run_translated(&c, "5834 0000", 1);
    ck_assert_uint_eq(c.storage.keys[0x2000 >> 11], STORAGE_KEY_REFERENCE);
    cpu_free(&c);
}
END_TEST

START_TEST(test_page_invalid_is_code_11_with_cr2_and_old_psw_past_the_instruction)
{
    /* The 67 does not nullify: the old PSW points past the L, ILC 2, and
     * the register is unchanged (bench_dat.s on SIMH: 04008000 0001210E). */
    struct cpu c;
    dat_cpu(&c);
    c.gpr[3] = 0x12345678;
    c.gpr[4] = 0x003000; /* page 3 of segment 0: invalid */
    run_translated(&c, "5834 0010", 1);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 2, CODE_VA + 4);
    ck_assert_uint_eq(c.cr[2], 0x003010);
    ck_assert_uint_eq(c.gpr[3], 0x12345678);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0x04008000);
    cpu_free(&c);
}
END_TEST

START_TEST(test_segment_invalid_bit_is_page_translation_code_11_not_10)
{
    /* ⚠ S360-67.md §2.3 settled by SIMH and bench_dat.s on SIMH (STE2
     * x'0F001181' gave code x'0011'). */
    struct cpu c;
    dat_cpu(&c);
    c.gpr[4] = 0x503000; /* segment 5: STE invalid */
    run_translated(&c, "5834 0004", 1);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 2, CODE_VA + 4);
    ck_assert_uint_eq(c.cr[2], 0x503004);
    cpu_free(&c);
}
END_TEST

START_TEST(test_page_index_beyond_ste_length_is_code_11_and_length_is_the_highest_valid_index)
{
    /* ⚠ settled by bench_dat.s on SIMH: STE length 4 faults on page 5,
     * length 5 runs. */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x005000, 0x5000);
    test_put_word(&c, 0x5000, 77);
    c.gpr[4] = 0x005000;
    test_put_word(&c, M67_SEGMENT_TABLE, 0x04000000 | M67_PAGE_TABLE(0));
    run_translated(&c, "5834 0000", 1);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 2, CODE_VA + 4);
    ck_assert_uint_eq(c.cr[2], 0x005000);

    cpu_free(&c);
    dat_cpu(&c);
    m67_map(&c, 0x005000, 0x5000);
    test_put_word(&c, 0x5000, 77);
    c.gpr[4] = 0x005000;
    test_put_word(&c, M67_SEGMENT_TABLE, 0x05000000 | M67_PAGE_TABLE(0));
    run_translated(&c, "5834 0000", 1);
    test_assert_no_interrupt(&c, CODE_VA + 4);
    ck_assert_uint_eq(c.gpr[3], 77);
    cpu_free(&c);
}
END_TEST

START_TEST(test_pte_with_bits_13_to_15_set_is_specification_exception_with_cr2)
{
    /* bench_dat.s on SIMH: PTE x'0031' gave code x'0006' and CR2 set. The
     * format is checked before the invalid bit. */
    static const uint16_t bad_ptes[] = {0x0051, 0x0052, 0x0054, 0x000F};
    for (unsigned i = 0; i < sizeof bad_ptes / sizeof bad_ptes[0]; i++) {
        struct cpu c;
        dat_cpu(&c);
        store_be16(c.storage.bytes + m67_pte_address(0x003000), bad_ptes[i]);
        c.gpr[4] = 0x003000;
        run_translated(&c, "5834 0008", 1);
        m67_assert_program_interrupt(&c, PIC_SPECIFICATION, 2, CODE_VA + 4);
        ck_assert_uint_eq(c.cr[2], 0x003008);
        cpu_free(&c);
    }
}
END_TEST

START_TEST(test_segment_table_outside_storage_is_addressing_exception_and_cr2_unchanged)
{
    struct cpu c;
    dat_cpu(&c);
    /* The code page translates through the TLB entry made below; then the
     * segment table is moved beyond the 64K of storage. */
    c.cr[2] = 0xAAAAAAAA;
    test_put_hex(&c, TEST_CODE, "5834 0000");
    m67_enter_ec_mode(&c, EC_PSW_T, CODE_VA);
    c.cr[0] = 0x00FF0000;
    cpu_tlb_purge(&c);
    c.gpr[4] = 0x003000;
    cpu_run(&c, 1);
    /* Even the instruction fetch cannot be translated. An addressing
     * exception at instruction fetch counts the halfword it tried (ILC 1,
     * old PSW address + 2), whether the real address or a table entry is
     * outside storage (cpu_fetch_instruction, POO A22-6821-0 p.62). */
    m67_assert_program_interrupt(&c, PIC_ADDRESSING, 1, CODE_VA + 2);
    ck_assert_uint_eq(c.cr[2], 0xAAAAAAAA);
    cpu_free(&c);
}
END_TEST

START_TEST(test_page_table_or_frame_outside_storage_is_addressing_exception)
{
    struct cpu c;
    dat_cpu(&c);
    test_put_word(&c, M67_SEGMENT_TABLE + 4 * 2, 0xFF0F0000); /* segment 2: page table at 960K */
    c.gpr[4] = 0x203000;
    run_translated(&c, "5834 0000", 1);
    m67_assert_program_interrupt(&c, PIC_ADDRESSING, 2, CODE_VA + 4);

    cpu_free(&c);
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x20000); /* frame at 128K, beyond the 64K */
    c.gpr[4] = 0x003000;
    run_translated(&c, "5834 0000", 1);
    m67_assert_program_interrupt(&c, PIC_ADDRESSING, 2, CODE_VA + 4);
    cpu_free(&c);
}
END_TEST

START_TEST(test_instruction_fetch_from_invalid_page_has_ilc_0_and_the_instruction_address)
{
    struct cpu c;
    dat_cpu(&c);
    c.gpr[5] = 0x007010;
    run_translated(&c, "07F5", 2); /* BR 5, then a fetch at x'007010' */
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 0, 0x007010);
    ck_assert_uint_eq(c.cr[2], 0x007010);
    cpu_free(&c);
}
END_TEST

START_TEST(test_instruction_crossing_into_invalid_page_reports_halfwords_fetched)
{
    /* The ILC counts the halfwords fetched and the old PSW points past
     * them, as SIMH fetches; backing up by the ILC finds the instruction. */
    struct cpu c;
    dat_cpu(&c);
    test_put_hex(&c, TEST_CODE + 0xFFE, "5834"); /* L 3,... with its second half on page 6 */
    m67_enter_ec_mode(&c, EC_PSW_T, CODE_VA + 0xFFE);
    cpu_run(&c, 1);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 1, CODE_VA + 0x1000);
    ck_assert_uint_eq(c.cr[2], CODE_VA + 0x1000);

    cpu_free(&c);
    dat_cpu(&c);
    test_put_hex(&c, TEST_CODE + 0xFFC, "D203 4000"); /* MVC: its last halfword on page 6 */
    m67_enter_ec_mode(&c, EC_PSW_T, CODE_VA + 0xFFC);
    cpu_run(&c, 1);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 2, CODE_VA + 0x1000);
    ck_assert_uint_eq(c.cr[2], CODE_VA + 0x1000);
    cpu_free(&c);
}
END_TEST

START_TEST(test_instruction_crossing_page_boundary_is_gathered_from_two_frames)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, CODE_VA + 0x1000, 0x7000); /* next page: a frame far away */
    m67_map(&c, 0x003000, 0x5000);
    test_put_hex(&c, TEST_CODE + 0xFFE, "5834");
    test_put_hex(&c, 0x7000, "0020 0A07"); /* ...0020: L 3,X'20'(4); SVC 7 */
    test_put_word(&c, 0x5020, 0xABCDEF01);
    c.gpr[4] = 0x003000;
    m67_enter_ec_mode(&c, EC_PSW_T, CODE_VA + 0xFFE);
    cpu_run(&c, 2);
    ck_assert_uint_eq(c.gpr[3], 0xABCDEF01);
    ck_assert_uint_eq(c.ia, TEST_WAIT_SVC);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_SVC), 7);
    ck_assert_uint_eq(test_get_word(&c, LOW_SVC_OLD + 4), CODE_VA + 0x1004);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mvc_source_crossing_into_invalid_page_stores_nothing)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000); /* page 4 stays invalid */
    m67_map(&c, 0x008000, 0x6000);
    test_put_hex(&c, 0x5FF8, "0102030405060708");
    c.gpr[6] = 0x008000;
    c.gpr[7] = 0x003FF8;
    run_translated(&c, "D20F 6000 7000", 1); /* MVC 0(16,6),0(7) */
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 3, CODE_VA + 6);
    ck_assert_uint_eq(c.cr[2], 0x004000);
    ck_assert_uint_eq(test_get_double(&c, 0x6000), 0);
    ck_assert_uint_eq(c.storage.keys[0x6000 >> 11] & STORAGE_KEY_CHANGE, 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mvc_target_crossing_into_invalid_page_stores_nothing)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000); /* page 4 stays invalid */
    m67_map(&c, 0x008000, 0x6000);
    test_put_hex(&c, 0x6000, "0102030405060708 090A0B0C0D0E0F10");
    c.gpr[6] = 0x003FF8;
    c.gpr[7] = 0x008000;
    run_translated(&c, "D20F 6000 7000", 1);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 3, CODE_VA + 6);
    ck_assert_uint_eq(c.cr[2], 0x004000);
    ck_assert_uint_eq(test_get_double(&c, 0x5FF8), 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_mvc_operands_crossing_pages_move_between_scattered_frames)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x9000);
    m67_map(&c, 0x004000, 0x5000); /* the source's second page: a lower frame */
    m67_map(&c, 0x00A000, 0x7000);
    m67_map(&c, 0x00B000, 0xC000);
    test_put_hex(&c, 0x9FFA, "C1C2C3C4C5C6");
    test_put_hex(&c, 0x5000, "C7C8C9D1D2D3D4D5D6D7");
    c.gpr[6] = 0x00AFF8;
    c.gpr[7] = 0x003FFA;
    run_translated(&c, "D20F 6000 7000", 1);
    test_assert_no_interrupt(&c, CODE_VA + 6);
    ck_assert_uint_eq(test_get_double(&c, 0x7FF8), 0xC1C2C3C4C5C6C7C8);
    ck_assert_uint_eq(test_get_double(&c, 0xC000), 0xC9D1D2D3D4D5D6D7);
    cpu_free(&c);
}
END_TEST

START_TEST(test_store_protection_uses_the_key_of_the_real_frame)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    c.storage.keys[0x5000 >> 11] = 0x30; /* the frame: key 3 */
    c.storage.keys[0x3000 >> 11] = 0x50; /* real storage at the virtual address: key 5 */
    c.gpr[4] = 0x003000;
    run_translated_with_key(&c, 5, "5034 0000", 1); /* ST under key 5 */
    m67_assert_program_interrupt(&c, PIC_PROTECTION, 2, CODE_VA + 4);

    cpu_free(&c);
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    c.storage.keys[0x5000 >> 11] = 0x50;
    c.storage.keys[0x3000 >> 11] = 0x30;
    c.gpr[3] = 42;
    c.gpr[4] = 0x003000;
    run_translated_with_key(&c, 5, "5034 0000", 1);
    test_assert_no_interrupt(&c, CODE_VA + 4);
    ck_assert_uint_eq(test_get_word(&c, 0x5000), 42);
    cpu_free(&c);
}
END_TEST

START_TEST(test_fetch_protection_uses_the_real_frame_and_covers_instruction_fetch)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    c.storage.keys[0x5000 >> 11] = 0x30 | STORAGE_KEY_FETCH;
    c.storage.keys[TEST_CODE >> 11] = 0x50;
    c.gpr[4] = 0x003000;
    run_translated_with_key(&c, 5, "5834 0000", 1);
    m67_assert_program_interrupt(&c, PIC_PROTECTION, 2, CODE_VA + 4);

    /* The code frame fetch-protected under another key: ILC 0. */
    cpu_free(&c);
    dat_cpu(&c);
    c.storage.keys[TEST_CODE >> 11] = 0x30 | STORAGE_KEY_FETCH;
    run_translated_with_key(&c, 5, "0700", 1);
    m67_assert_program_interrupt(&c, PIC_PROTECTION, 0, CODE_VA);
    cpu_free(&c);
}
END_TEST

START_TEST(test_translation_off_in_ec_mode_uses_real_addresses)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    test_put_word(&c, 0x3000, 0x33333333);
    test_put_word(&c, 0x5000, 0x55555555);
    test_put_hex(&c, TEST_CODE, "5834 0000");
    c.gpr[4] = 0x003000;
    m67_enter_ec_mode(&c, 0, TEST_CODE);
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.gpr[3], 0x33333333);
    cpu_free(&c);
}
END_TEST

START_TEST(test_bc_mode_ignores_the_tables_and_t_bit_position)
{
    /* In BC mode bit 5 of the PSW is channel 5's mask, not T. */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    test_put_word(&c, 0x3000, 0x33333333);
    test_set_psw(&c, 0x04, 0, 0, 0, 0, TEST_CODE);
    c.gpr[4] = 0x003000;
    test_execute(&c, "5834 0000");
    ck_assert_uint_eq(c.gpr[3], 0x33333333);
    cpu_free(&c);
}
END_TEST

START_TEST(test_tlb_entries_with_translation_on_and_off_do_not_alias)
{
    /* Same address, T on then off: the second access must not reuse the
     * translated entry (the T bit is part of the TLB tag). */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    test_put_word(&c, 0x3000, 0x33333333);
    test_put_word(&c, 0x5000, 0x55555555);
    test_put_double(&c, 0x0800, 0x0000000000001008); /* EC PSW: T=0 at real x'1008' */
    m67_map(&c, 0x000000, 0x0000);                    /* low storage mapped 1:1 */
    /* L 3,0(4); LPSW X'800'; L 5,0(4) (real, after the LPSW) */
    c.gpr[4] = 0x003000;
    run_translated(&c, "5834 0000 8200 0800 5854 0000", 3);
    test_assert_no_interrupt(&c, 0x100C);
    ck_assert_uint_eq(c.gpr[3], 0x55555555);
    ck_assert_uint_eq(c.gpr[5], 0x33333333);
    cpu_free(&c);
}
END_TEST

/* Address-space switch: the code page is mapped in both spaces; data page
 * x'003000' is frame x'5000' in space A (segment table x'2000') and frame
 * x'6000' in space B (segment table x'2C00', segment 0's page table
 * x'2E00'). */
START_TEST(test_lmc_of_cr0_switches_address_space_and_no_stale_translation_survives)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    /* Space B: a copy of space A's segment table with its own segment 0. */
    for (unsigned s = 0; s < 16; s++)
        test_put_word(&c, 0x2C00 + 4 * s, test_get_word(&c, M67_SEGMENT_TABLE + 4 * s));
    test_put_word(&c, 0x2C00, 0xFF000000 | 0x2E00);
    for (unsigned p = 0; p < 256; p++)
        store_be16(c.storage.bytes + 0x2E00 + 2 * p, 0x0008);
    store_be16(c.storage.bytes + 0x2E00 + 2 * 3, 0x0060);
    test_put_word(&c, 0x5000, 0xAAAAAAAA);
    test_put_word(&c, 0x6000, 0xBBBBBBBB);
    test_put_word(&c, TEST_CODE + 0x100, 0x00002C00); /* CR0 of space B */
    test_put_word(&c, TEST_CODE + 0x104, M67_CR0);    /* CR0 of space A */
    c.gpr[4] = 0x003000;
    c.gpr[12] = CODE_VA;
    /* L 3,0(4); LMC 0,0,X'100'(12); L 5,0(4); LMC 0,0,X'104'(12); L 6,0(4) */
    run_translated(&c, "5834 0000 B800 C100 5854 0000 B800 C104 5864 0000", 5);
    test_assert_no_interrupt(&c, CODE_VA + 20);
    ck_assert_uint_eq(c.gpr[3], 0xAAAAAAAA);
    ck_assert_uint_eq(c.gpr[5], 0xBBBBBBBB); /* a stale entry would give AAAAAAAA */
    ck_assert_uint_eq(c.gpr[6], 0xAAAAAAAA);
    ck_assert_uint_eq(c.cr[0], M67_CR0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_reloading_the_same_cr0_makes_an_edited_pte_take_effect)
{
    /* The paging supervisor's purge: change a PTE that is in the TLB,
     * then LMC CR0 with its unchanged value. */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    test_put_word(&c, 0x5000, 0x55555555);
    test_put_word(&c, 0x7000, 0x77777777);
    test_put_word(&c, TEST_CODE + 0x100, M67_CR0);
    c.gpr[4] = 0x003000;
    c.gpr[12] = CODE_VA;
    run_translated(&c, "5834 0000", 1);
    ck_assert_uint_eq(c.gpr[3], 0x55555555);
    m67_map(&c, 0x003000, 0x7000);
    test_put_hex(&c, TEST_CODE + 4, "B800 C100 5854 0000"); /* LMC 0,0,X'100'(12); L 5,0(4) */
    cpu_run(&c, 2);
    ck_assert_uint_eq(c.gpr[5], 0x77777777);
    cpu_free(&c);
}
END_TEST

START_TEST(test_tlb_purge_of_a_real_block_makes_key_and_change_bit_count_again)
{
    /* What SSK relies on (cpu_tlb_purge_real_block): after a block's key
     * changes, a store made under the old key is checked again, and a
     * reset change bit is set again by the next store. */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    m67_map(&c, 0x004000, 0x6000);
    c.storage.keys[0x5000 >> 11] = 0x30;
    c.storage.keys[0x6000 >> 11] = 0x30;
    c.gpr[4] = 0x003000;
    c.gpr[5] = 0x004000;
    run_translated_with_key(&c, 3, "5034 0000 5035 0000", 2); /* ST 3,0(4); ST 3,0(5) */
    test_assert_no_interrupt(&c, CODE_VA + 8);
    ck_assert_uint_eq(c.storage.keys[0x5000 >> 11], 0x30 | STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);

    /* As SSK: the frame's key becomes 3 again with R and C reset. */
    c.storage.keys[0x5000 >> 11] = 0x30;
    cpu_tlb_purge_real_block(&c, 0x5123);
    c.ia = CODE_VA;
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.storage.keys[0x5000 >> 11], 0x30 | STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);
    /* The other block's entry was kept. */
    struct cpu_tlb_entry *other = cpu_tlb_entry_for(&c, 0x004000);
    ck_assert_uint_eq(other->write_tag, 0x004000 | c.tlb_ctx);

    /* As SSK with another key: the next store under key 3 is refused. */
    c.storage.keys[0x5000 >> 11] = 0x70;
    cpu_tlb_purge_real_block(&c, 0x5000);
    c.ia = CODE_VA;
    cpu_run(&c, 1);
    m67_assert_program_interrupt(&c, PIC_PROTECTION, 2, CODE_VA + 4);

    /* A fetch entry too: L from the other block, then SSK makes it
     * fetch-protected under key 7; the next fetch under key 3 is refused. */
    m67_enter_ec_mode(&c, EC_PSW_T | 0x00300000, CODE_VA + 8);
    test_put_hex(&c, TEST_CODE + 8, "5835 0000 5835 0000"); /* L 3,0(5) twice */
    cpu_run(&c, 1);
    test_assert_no_interrupt(&c, CODE_VA + 12);
    c.storage.keys[0x6000 >> 11] = 0x70 | STORAGE_KEY_FETCH;
    cpu_tlb_purge_real_block(&c, 0x6000);
    cpu_run(&c, 1);
    m67_assert_program_interrupt(&c, PIC_PROTECTION, 2, CODE_VA + 16);
    cpu_free(&c);
}
END_TEST

START_TEST(test_ex_target_is_fetched_through_translation_and_keeps_the_ex_ilc)
{
    /* A target crossing into an invalid page: the EX is the interrupted
     * instruction (ILC 2, old PSW past it), CR2 the page it needed. */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    test_put_hex(&c, 0x5FFE, "4130");
    c.gpr[2] = 0x003FFE;
    run_translated(&c, "4400 2000", 1); /* EX 0,0(2) */
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 2, CODE_VA + 4);
    ck_assert_uint_eq(c.cr[2], 0x004000);

    /* Mapped to scattered frames, the target runs: LA 3,5. */
    cpu_free(&c);
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    m67_map(&c, 0x004000, 0x9000);
    test_put_hex(&c, 0x5FFE, "4130");
    test_put_hex(&c, 0x9000, "0005");
    c.gpr[2] = 0x003FFE;
    run_translated(&c, "4400 2000", 1);
    test_assert_no_interrupt(&c, CODE_VA + 4);
    ck_assert_uint_eq(c.gpr[3], 5);
    cpu_free(&c);
}
END_TEST

START_TEST(test_page_fault_on_the_operand_of_an_ex_target_points_past_the_ex)
{
    /* Not nullified: backing up by ILC 2 finds the EX, which a paging
     * supervisor re-executes. */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    test_put_hex(&c, 0x5000, "5836 0000"); /* L 3,0(6) */
    c.gpr[2] = 0x003000;
    c.gpr[6] = 0x007008; /* invalid page 7 */
    run_translated(&c, "4400 2000", 1);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 2, CODE_VA + 4);
    ck_assert_uint_eq(c.cr[2], 0x007008);
    cpu_free(&c);
}
END_TEST

START_TEST(test_clc_compares_both_operands_through_translation_across_pages)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    m67_map(&c, 0x004000, 0xA000);
    m67_map(&c, 0x008000, 0x6000);
    test_put_hex(&c, 0x5FFC, "C1C2C3C4");
    test_put_hex(&c, 0xA000, "C5C6C7C8");
    test_put_hex(&c, 0x6000, "C1C2C3C4C5C6C7C9");
    c.gpr[6] = 0x003FFC;
    c.gpr[7] = 0x008000;
    run_translated(&c, "D506 6000 7000", 1); /* CLC 0(7,6),0(7): equal */
    ck_assert_uint_eq(c.cc, 0);
    test_put_hex(&c, TEST_CODE, "D507 6000 7000"); /* 8 bytes: C8 < C9 */
    c.ia = CODE_VA;
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.cc, 1);

    /* The second operand's page invalid: code x'11' for it, CC kept. */
    m67_unmap(&c, 0x008000);
    test_put_word(&c, TEST_CODE + 0x100, M67_CR0);
    c.gpr[12] = CODE_VA;
    test_put_hex(&c, TEST_CODE, "B800 C100 D507 6000 7000"); /* LMC 0,0 (purge); CLC */
    c.ia = CODE_VA;
    cpu_run(&c, 2);
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 3, CODE_VA + 10);
    ck_assert_uint_eq(c.cr[2], 0x008000);
    cpu_free(&c);
}
END_TEST

START_TEST(test_tr_and_trt_use_a_translated_table_on_another_frame)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000);
    m67_map(&c, 0x004000, 0x8000); /* the table at x'003F80' runs into page 4 */
    for (unsigned i = 0; i < 256; i++) {
        uint32_t va = 0x3F80 + i;
        uint32_t real = va < 0x4000 ? 0x5000 + (va & 0xFFF) : 0x8000 + (va & 0xFFF);
        c.storage.bytes[real] = (uint8_t)(0xFF - i);
    }
    test_put_hex(&c, 0x5100, "00 7F 80 FF");
    c.gpr[6] = 0x003100;
    c.gpr[7] = 0x003F80;
    run_translated(&c, "DC03 6000 7000", 1); /* TR 0(4,6),0(7) */
    test_assert_no_interrupt(&c, CODE_VA + 6);
    ck_assert_uint_eq(test_get_word(&c, 0x5100), 0xFF807F00);

    /* TRT with a table that is zero but for entry x'90' (on page 4). */
    for (unsigned i = 0; i < 256; i++) {
        uint32_t va = 0x3F80 + i;
        uint32_t real = va < 0x4000 ? 0x5000 + (va & 0xFFF) : 0x8000 + (va & 0xFFF);
        c.storage.bytes[real] = i == 0x90 ? 0x42 : 0;
    }
    test_put_hex(&c, 0x5200, "01 02 90 03");
    c.gpr[6] = 0x003200;
    c.gpr[1] = 0xAA000000;
    c.gpr[2] = 0xBBBBBBBB;
    test_put_hex(&c, TEST_CODE, "DD03 6000 7000"); /* TRT 0(4,6),0(7) */
    c.ia = CODE_VA;
    cpu_run(&c, 1);
    ck_assert_uint_eq(c.cc, 1);
    ck_assert_uint_eq(c.gpr[1], 0xAA003202); /* the argument's virtual address */
    ck_assert_uint_eq(c.gpr[2], 0xBBBBBB42);
    cpu_free(&c);
}
END_TEST

START_TEST(test_tr_first_operand_crossing_into_invalid_page_changes_nothing)
{
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000); /* page 4 invalid */
    for (unsigned i = 0; i < 256; i++)
        c.storage.bytes[0x5100 + i] = 0xEE;
    test_put_hex(&c, 0x5FFC, "01020304");
    c.gpr[6] = 0x003FFC;
    c.gpr[7] = 0x003100;
    run_translated(&c, "DC07 6000 7000", 1); /* TR 0(8,6),0(7) */
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 3, CODE_VA + 6);
    ck_assert_uint_eq(c.cr[2], 0x004000);
    ck_assert_uint_eq(test_get_word(&c, 0x5FFC), 0x01020304);
    cpu_free(&c);
}
END_TEST

START_TEST(test_tr_table_entry_on_invalid_page_faults_before_any_byte_is_translated)
{
    /* A paging supervisor re-executes the TR after resolving the fault,
     * so no argument byte may have been replaced when it is taken. */
    struct cpu c;
    dat_cpu(&c);
    m67_map(&c, 0x003000, 0x5000); /* the table at x'003F80' runs into page 4: invalid */
    for (unsigned i = 0; i < 0x80; i++)
        c.storage.bytes[0x5F80 + i] = (uint8_t)(0xA0 + i);
    test_put_hex(&c, 0x5100, "00 01 90 02"); /* x'90' selects x'004010', on page 4 */
    c.gpr[6] = 0x003100;
    c.gpr[7] = 0x003F80;
    run_translated(&c, "DC03 6000 7000", 1); /* TR 0(4,6),0(7) */
    m67_assert_program_interrupt(&c, PIC_PAGE_TRANSLATION, 3, CODE_VA + 6);
    ck_assert_uint_eq(c.cr[2], 0x004010);
    ck_assert_uint_eq(test_get_word(&c, 0x5100), 0x00019002);
    cpu_free(&c);
}
END_TEST

/* The tiny paging supervisor (real x'600', EC mode, T=0, disabled), from
 * this source (GNU as, -m31 -mesa):
 *
 *   hstart: balr 12,0
 *   base:   cli 0x12,0 / bne bad / cli 0x13,0x11 / bne bad    page fault?
 *           STMC 2,2,savecr2 ; l 4,savecr2                   failing address
 *           lra 5,0(4) ; bc 13,bad                           R5 = its PTE (cc 2)
 *           lr 1,5 ; a 1,negpto ; ar 1,1                     4 * page index
 *           l 2,slottab(1) ; l 3,nextframe
 *           mvc 0(256,3),0(2)                                page in from the slot
 *           mvc 0(2,5),nextpte+2                             validate the PTE
 *           nextframe += x'1000' ; nextpte += x'10' ; faults += 1
 *           LMC 0,0,savecr0                                  purge the TLB
 *           l 7,0x2c ; back up by the ILC (CLI on x'2A') ; st 7,0x2c
 *   resume: lpsw 0x28
 *   bad:    lpsw badpsw (00020000 0000BAD0)
 *
 * data: savecr0 x'2000', savecr2, negpto -x'2100', nextframe x'5000',
 * nextpte x'0050', x'1000', x'10', faults, 1, -2, and the slot table: 16
 * zero words, then the backing slots of pages x'10'-x'13', x'9000'-x'9300'. */
static const char paging_supervisor_hex[] =
    "05c0950000124770c098951100134770c098b022c0aa5840c0aab150400047d0c098"
    "18155a10c0ae1a115821c0ce5830c0b2d2ff30002000d2015000c0b85860c0b25a60"
    "c0ba5060c0b25860c0b65a60c0be5060c0b65860c0c25a60c0c65060c0c2b800c0a6"
    "5870002c95c0002a47a0c0849580002a47a0c0889540002a47a0c08c47f0c0945a70"
    "c0ca5a70c0ca5a70c0ca5070002c820000288200c09e070700020000 0000bad0"
    "00002000 00000000 ffffdf00 00005000 00000050 00001000 00000010 00000000"
    "00000001 fffffffe"
    "00000000000000000000000000000000 00000000000000000000000000000000"
    "00000000000000000000000000000000 00000000000000000000000000000000"
    "00009000 00009100 00009200 00009300";
#define PAGER 0x600u
#define PAGER_FAULTS (PAGER + 0xC4)
#define PAGER_NEXTFRAME (PAGER + 0xB4)

START_TEST(test_paging_supervisor_resolves_operand_and_instruction_fetch_page_faults)
{
    struct cpu c;
    dat_cpu(&c);
    test_put_hex(&c, PAGER, paging_supervisor_hex);
    test_put_double(&c, LOW_PROGRAM_NEW, PAGER); /* EC: T=0, disabled, key 0 */
    /* Backing slots: page x'10' and x'11' hold data, x'12' data, x'13'
     * code: LA 0,7; LPSW 8(11); the final PSW. */
    test_put_word(&c, 0x9010, 0x10101010);
    test_put_word(&c, 0x9100, 0x11111111);
    test_put_word(&c, 0x9220, 0x12121212);
    test_put_hex(&c, 0x9300, "41000007 8200B008 00020000 0000D00E");
    /* The program: L 13,X'10'(8); L 14,X'20'(9); ST 13,X'30'(10);
     * L 15,X'30'(10); BR 11, each first touch a page fault. */
    c.gpr[8] = 0x010000;
    c.gpr[9] = 0x012000;
    c.gpr[10] = 0x011000;
    c.gpr[11] = 0x013000;
    run_translated(&c, "58D0 8010 58E0 9020 50D0 A030 58F0 A030 07FB", 1000);

    ck_assert_msg(c.wait && c.ia == 0xD00E, "ended at %08X (wait=%d)", c.ia, c.wait);
    ck_assert_uint_eq(c.gpr[13], 0x10101010);
    ck_assert_uint_eq(c.gpr[14], 0x12121212);
    ck_assert_uint_eq(c.gpr[15], 0x10101010);
    ck_assert_uint_eq(c.gpr[0], 7);
    ck_assert_uint_eq(test_get_word(&c, PAGER_FAULTS), 4);
    ck_assert_uint_eq(test_get_word(&c, PAGER_NEXTFRAME), 0x9000);
    /* Frames given in fault order: x'10' x'5000', x'12' x'6000', x'11'
     * x'7000' (where the store went), x'13' x'8000'. */
    ck_assert_uint_eq(test_get_half(&c, m67_pte_address(0x010000)), 0x0050);
    ck_assert_uint_eq(test_get_half(&c, m67_pte_address(0x012000)), 0x0060);
    ck_assert_uint_eq(test_get_half(&c, m67_pte_address(0x011000)), 0x0070);
    ck_assert_uint_eq(test_get_half(&c, m67_pte_address(0x013000)), 0x0080);
    ck_assert_uint_eq(test_get_word(&c, 0x7030), 0x10101010);
    ck_assert_uint_eq(test_get_word(&c, 0x7000), 0x11111111);
    /* The last fault was the instruction fetch at x'013000'. */
    ck_assert_uint_eq(c.cr[2], 0x013000);
    cpu_free(&c);
}
END_TEST

/* ../shared/bench/bench_dat.s, assembled (GNU as -m31 -mesa; 432 bytes
 * loaded at x'400'): in BC mode it builds segment and page tables, copies
 * its loop to three virtual pages in two segments, enters EC mode with
 * LMC and runs the 13-instruction loop with T = 1 (README.md there).
 * bench_dat_run patches the image like the README's SIMH variants. */
static const char bench_dat_image_hex[] =
    "05c05810c0c2412000105800c0ce50001000411010044620c00c5810c0c6412000604800c0e640001000411010024620"
    "c0245810c0c25800c0d2500010005800c0d6500010085810c0c64800c0e8400010244800c0ea400010345810c0ca4800"
    "c0ec4000100a5810c0dad2671000c0ee5810c0ded23f1000c1565810c0e2d2171000c196d2070068c09eb806c0a68200"
    "c0960707070707070400000000012100000200000000dead000010000000000000000000000000000000000000000000"
    "00800000000010000000110000001180000000011f0011000f001180000031000000680000002f000008003000600020"
    "05c058a0c05e58b0c0625830a0101b55416000005840a0145a40a0185040a01c4c40a0208b4000021a5441606001d20f"
    "b008a030d50fb008a0304770c05afa42b000b0055450a0244630c0125050a0285950a02c4770c05a8200a0008200a008"
    "0001a80000205f00000200000000600d0002000000000bad02faf08000003039000002a6000000000003070700ffffff"
    "0000000000c5fa004142434445464748494a4b4c4d4e4f50000000000c00123c2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e";
#define BENCH_LOAD 0x400u
#define BENCH_ECPSW 0x098u   /* the EC PSW that enters the loop */
#define BENCH_STE2 0x0D8u    /* STE of segment 2 */
#define BENCH_PTE_CODE 0x0EAu
#define BENCH_PTE_DATA_A 0x0ECu
#define BENCH_PTE_DATA_B 0x0EEu
#define BENCH_COUNT 0x168u
#define BENCH_EXPECT 0x184u

static void bench_dat_load(struct cpu *c)
{
    test_cpu_init(c);
    test_put_hex(c, BENCH_LOAD, bench_dat_image_hex);
    /* README's quick variant: 1000 iterations, sum x'00509520'. */
    test_put_word(c, BENCH_LOAD + BENCH_COUNT, 1000);
    test_put_word(c, BENCH_LOAD + BENCH_EXPECT, 0x00509520);
    test_set_psw(c, 0, 0, 0, 0, 0, BENCH_LOAD); /* the IPL PSW of the deck */
}

static void bench_dat_run(struct cpu *c)
{
    ck_assert_int_eq(cpu_run(c, 100000), CPU_EXIT_WAIT);
}

START_TEST(test_bench_dat_deck_runs_its_translated_loop_to_600d)
{
    struct cpu c;
    bench_dat_load(&c);
    bench_dat_run(&c);
    ck_assert(c.ec_mode);
    ck_assert_uint_eq(c.gpr[5], 0x00509520);
    ck_assert_uint_eq(c.gpr[3], 0);
    uint8_t psw[8];
    cpu_store_psw(&c, psw, 0);
    /* SIMH shows the same: PSW=00028000 0000600d (LPSW's ILC 2). */
    ck_assert_uint_eq(load_be32(psw), 0x00028000);
    ck_assert_uint_eq(load_be32(psw + 4), 0x0000600D);
    cpu_free(&c);
}
END_TEST

START_TEST(test_bench_dat_variants_fault_as_simh_validated_them)
{
    /* README's table of image-patched variants run on SIMH. */
    struct cpu c;
    bench_dat_load(&c); /* PTE of page x'01A' invalid */
    store_be16(c.storage.bytes + BENCH_LOAD + BENCH_PTE_DATA_A, 0x0068);
    bench_dat_run(&c);
    ck_assert_uint_eq(c.ia, 0xDEAD);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_PROGRAM), 0x0011);
    ck_assert_uint_eq(c.cr[2], 0x0001A810);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0x04008000);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD + 4), 0x0001210E);

    cpu_free(&c);
    bench_dat_load(&c); /* STE2 invalid bit: code x'0011', not x'0010' */
    test_put_word(&c, BENCH_LOAD + BENCH_STE2, 0x0F001181);
    bench_dat_run(&c);
    ck_assert_uint_eq(c.ia, 0xDEAD);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_PROGRAM), 0x0011);
    ck_assert_uint_eq(c.cr[2], 0x00205F08);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0x0400E000);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD + 4), 0x00012134);

    cpu_free(&c);
    bench_dat_load(&c); /* STE2 length 4: page 5 beyond it */
    test_put_word(&c, BENCH_LOAD + BENCH_STE2, 0x04001180);
    bench_dat_run(&c);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_PROGRAM), 0x0011);
    ck_assert_uint_eq(c.cr[2], 0x00205F08);

    cpu_free(&c);
    bench_dat_load(&c); /* STE2 length 5: page 5 is the last valid one */
    test_put_word(&c, BENCH_LOAD + BENCH_STE2, 0x05001180);
    bench_dat_run(&c);
    ck_assert_uint_eq(c.ia, 0x600D);

    cpu_free(&c);
    bench_dat_load(&c); /* page x'205' mapped to the empty frame x'7000' */
    store_be16(c.storage.bytes + BENCH_LOAD + BENCH_PTE_DATA_B, 0x0070);
    bench_dat_run(&c);
    ck_assert_uint_eq(c.ia, 0xDEAD);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_PROGRAM), PIC_DATA);

    cpu_free(&c);
    bench_dat_load(&c); /* code PTE x'0031': bit 15 must be zero */
    store_be16(c.storage.bytes + BENCH_LOAD + BENCH_PTE_CODE, 0x0031);
    bench_dat_run(&c);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_PROGRAM), PIC_SPECIFICATION);
    ck_assert_uint_eq(c.cr[2], 0x00012100);

    cpu_free(&c);
    bench_dat_load(&c); /* the EC PSW with T = 0: real x'12100' is beyond 64K */
    test_put_word(&c, BENCH_LOAD + BENCH_ECPSW, 0x00000000);
    bench_dat_run(&c);
    ck_assert_uint_eq(test_get_half(&c, EC_CODE_AT_PROGRAM), PIC_ADDRESSING);
    /* The README gives no old PSW here; vm67 counts the halfword it tried
     * (ILC 1, address + 2), as for any addressing exception at fetch. */
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD), 0x00004000);
    ck_assert_uint_eq(test_get_word(&c, LOW_PROGRAM_OLD + 4), 0x00012102);
    cpu_free(&c);
}
END_TEST

static Suite *dat_suite(void)
{
    Suite *s = suite_create("dynamic address translation");
    TCase *t = tcase_create("dat");
    tcase_add_test(t, test_translated_load_reads_the_mapped_frame_not_the_virtual_address);
    tcase_add_test(t, test_translated_store_changes_frame_and_sets_its_reference_and_change_bits);
    tcase_add_test(t, test_table_fetches_set_the_reference_bit_of_the_table_blocks);
    tcase_add_test(t, test_page_invalid_is_code_11_with_cr2_and_old_psw_past_the_instruction);
    tcase_add_test(t, test_segment_invalid_bit_is_page_translation_code_11_not_10);
    tcase_add_test(t, test_page_index_beyond_ste_length_is_code_11_and_length_is_the_highest_valid_index);
    tcase_add_test(t, test_pte_with_bits_13_to_15_set_is_specification_exception_with_cr2);
    tcase_add_test(t, test_segment_table_outside_storage_is_addressing_exception_and_cr2_unchanged);
    tcase_add_test(t, test_page_table_or_frame_outside_storage_is_addressing_exception);
    tcase_add_test(t, test_instruction_fetch_from_invalid_page_has_ilc_0_and_the_instruction_address);
    tcase_add_test(t, test_instruction_crossing_into_invalid_page_reports_halfwords_fetched);
    tcase_add_test(t, test_instruction_crossing_page_boundary_is_gathered_from_two_frames);
    tcase_add_test(t, test_mvc_source_crossing_into_invalid_page_stores_nothing);
    tcase_add_test(t, test_mvc_target_crossing_into_invalid_page_stores_nothing);
    tcase_add_test(t, test_mvc_operands_crossing_pages_move_between_scattered_frames);
    tcase_add_test(t, test_store_protection_uses_the_key_of_the_real_frame);
    tcase_add_test(t, test_fetch_protection_uses_the_real_frame_and_covers_instruction_fetch);
    tcase_add_test(t, test_translation_off_in_ec_mode_uses_real_addresses);
    tcase_add_test(t, test_bc_mode_ignores_the_tables_and_t_bit_position);
    tcase_add_test(t, test_tlb_entries_with_translation_on_and_off_do_not_alias);
    tcase_add_test(t, test_lmc_of_cr0_switches_address_space_and_no_stale_translation_survives);
    tcase_add_test(t, test_reloading_the_same_cr0_makes_an_edited_pte_take_effect);
    tcase_add_test(t, test_tlb_purge_of_a_real_block_makes_key_and_change_bit_count_again);
    tcase_add_test(t, test_ex_target_is_fetched_through_translation_and_keeps_the_ex_ilc);
    tcase_add_test(t, test_page_fault_on_the_operand_of_an_ex_target_points_past_the_ex);
    tcase_add_test(t, test_clc_compares_both_operands_through_translation_across_pages);
    tcase_add_test(t, test_tr_and_trt_use_a_translated_table_on_another_frame);
    tcase_add_test(t, test_tr_first_operand_crossing_into_invalid_page_changes_nothing);
    tcase_add_test(t, test_tr_table_entry_on_invalid_page_faults_before_any_byte_is_translated);
    tcase_add_test(t, test_paging_supervisor_resolves_operand_and_instruction_fetch_page_faults);
    tcase_add_test(t, test_bench_dat_deck_runs_its_translated_loop_to_600d);
    tcase_add_test(t, test_bench_dat_variants_fault_as_simh_validated_them);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(dat_suite());
}
