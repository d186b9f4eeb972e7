/* Logical instructions (POO A22-6821 "Logical Operations"): results,
 * condition codes, overlapping operands (defined byte by byte, left to
 * right), and addressing, protection and specification exceptions. */
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

static void run_ok(struct cpu *c, const char *hex, unsigned length)
{
    test_execute(c, hex);
    test_assert_no_interrupt(c, TEST_CODE + length);
}

static void assert_bytes(struct cpu *c, uint32_t address, const char *hex)
{
    unsigned n = 0;
    int high = -1;
    for (const char *p = hex; *p; p++) {
        if (*p == ' ')
            continue;
        int v = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;
        if (high < 0) {
            high = v;
            continue;
        }
        uint8_t want = (uint8_t)(high << 4 | v);
        ck_assert_msg(c->storage.bytes[address + n] == want, "byte at %06X is %02X, expected %02X",
                      address + n, c->storage.bytes[address + n], want);
        n++;
        high = -1;
    }
}

/* ---- AND, OR, exclusive OR ------------------------------------------------ */

START_TEST(test_nr_or_xr_set_cc_0_for_zero_result_and_1_otherwise)
{
    BEGIN;
    c->gpr[1] = 0xF0F0F0F0;
    c->gpr[2] = 0x0F0F0F0F;
    run_ok(c, "1412", 2); /* NR */
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 0);
    c->gpr[1] = 0xF0F0F0F0;
    run_ok(c, "1612", 2); /* OR */
    ck_assert_uint_eq(c->gpr[1], 0xFFFFFFFF);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "1712", 2); /* XR */
    ck_assert_uint_eq(c->gpr[1], 0xF0F0F0F0);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "1711", 2); /* XR 1,1 clears */
    ck_assert_uint_eq(c->gpr[1], 0);
    ck_assert_uint_eq(c->cc, 0);
    c->gpr[3] = 0x80000001;
    c->gpr[4] = 0x00000001;
    run_ok(c, "1434", 2);
    ck_assert_uint_eq(c->gpr[3], 1);
    ck_assert_uint_eq(c->cc, 1);
    END;
}
END_TEST

START_TEST(test_n_o_x_combine_word_operand_with_cc)
{
    BEGIN;
    test_put_word(c, 0x0800, 0x00FF00FF);
    c->gpr[5] = 0xFF00FF00;
    run_ok(c, "5450 0800", 4);
    ck_assert_uint_eq(c->gpr[5], 0);
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "5650 0800", 4);
    ck_assert_uint_eq(c->gpr[5], 0x00FF00FF);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "5750 0800", 4);
    ck_assert_uint_eq(c->gpr[5], 0);
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_n_o_x_misaligned_are_specification_and_fetch_protected_is_protection)
{
    static const char *const misaligned[] = {"5450 0802", "5650 0801", "5750 0803"};
    for (unsigned i = 0; i < 3; i++) {
        BEGIN;
        test_execute(c, misaligned[i]);
        test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
        END;
    }
    BEGIN;
    c->storage.keys[1] = 0x90 | STORAGE_KEY_FETCH;
    test_set_psw(c, 0, 2, PSW_PROBLEM, 0, 0, TEST_CODE);
    c->gpr[5] = 0x1234;
    test_execute(c, "5650 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    ck_assert_uint_eq(c->gpr[5], 0x1234);
    END;
}
END_TEST

START_TEST(test_ni_oi_xi_change_storage_byte_with_cc)
{
    BEGIN;
    test_put_hex(c, 0x0800, "5A");
    run_ok(c, "94A5 0800", 4); /* NI X'800',X'A5' */
    assert_bytes(c, 0x0800, "00");
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "96A5 0800", 4); /* OI */
    assert_bytes(c, 0x0800, "A5");
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "97FF 0800", 4); /* XI */
    assert_bytes(c, 0x0800, "5A");
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "975A 0800", 4);
    assert_bytes(c, 0x0800, "00");
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_ni_oi_xi_mvi_into_store_protected_byte_are_protection_storage_unchanged)
{
    static const char *const ops[] = {"9400 0800", "96FF 0800", "97FF 0800", "92FF 0800"};
    for (unsigned i = 0; i < 4; i++) {
        BEGIN;
        c->storage.keys[1] = 0x70;
        test_put_hex(c, 0x0800, "3C");
        test_set_psw(c, 0, 6, 0, 2, 0, TEST_CODE);
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
        assert_bytes(c, 0x0800, "3C");
        ck_assert_uint_eq((test_old_psw_word1(c, LOW_PROGRAM_OLD) >> 28) & 3, 2);
        END;
    }
}
END_TEST

START_TEST(test_si_operand_beyond_storage_is_addressing)
{
    static const char *const ops[] = {"9400 5000", "9500 5000", "9600 5000", "9700 5000", "9100 5000",
                                      "9200 5000"};
    for (unsigned i = 0; i < 6; i++) {
        BEGIN;
        c->gpr[5] = TEST_STORAGE + 0x10;
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
        END;
    }
}
END_TEST

START_TEST(test_nc_oc_xc_combine_fields_with_cc)
{
    BEGIN;
    test_put_hex(c, 0x0800, "F0F0F0");
    test_put_hex(c, 0x0810, "0F0F0F");
    run_ok(c, "D402 0800 0810", 6); /* NC */
    assert_bytes(c, 0x0800, "000000");
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "D602 0800 0810", 6); /* OC */
    assert_bytes(c, 0x0800, "0F0F0F");
    ck_assert_uint_eq(c->cc, 1);
    test_put_hex(c, 0x0810, "0F0F0E");
    run_ok(c, "D702 0800 0810", 6); /* XC */
    assert_bytes(c, 0x0800, "000001");
    ck_assert_uint_eq(c->cc, 1);
    assert_bytes(c, 0x0810, "0F0F0E");
    END;
}
END_TEST

START_TEST(test_xc_of_field_with_itself_clears_it_cc0)
{
    BEGIN;
    for (unsigned i = 0; i < 256; i++)
        c->storage.bytes[0x0900 + i] = (uint8_t)(i | 1);
    run_ok(c, "D7FF 0900 0900", 6);
    for (unsigned i = 0; i < 256; i++)
        ck_assert_uint_eq(c->storage.bytes[0x0900 + i], 0);
    ck_assert_uint_eq(c->storage.bytes[0x0A00], 0);
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_oc_overlapping_one_byte_ahead_uses_updated_bytes)
{
    BEGIN;
    /* OC X'801'(3),X'800': byte i+1 |= byte i, where byte i was already
     * updated, so the first byte's bits ripple through. */
    test_put_hex(c, 0x0800, "01 02 04 08");
    run_ok(c, "D602 0801 0800", 6);
    assert_bytes(c, 0x0800, "01 03 07 0F");
    ck_assert_uint_eq(c->cc, 1);
    /* NC over a field that starts one byte before: no rippling. */
    test_put_hex(c, 0x0810, "FF 0F 03 01");
    run_ok(c, "D402 0810 0811", 6);
    assert_bytes(c, 0x0810, "0F 03 01 01");
    END;
}
END_TEST

START_TEST(test_xc_into_protected_second_block_is_protection_and_stores_nothing)
{
    BEGIN;
    c->storage.keys[1] = 0x10; /* x'800'-x'FFF': the program's own key */
    c->storage.keys[2] = 0x50; /* x'1000'-x'17FF' */
    test_set_psw(c, 0, 1, 0, 0, 0, TEST_CODE);
    test_put_hex(c, 0x0FFE, "FFFF");
    c->gpr[7] = 0x0FFE;
    test_execute(c, "D703 7000 7000"); /* XC 0(4,7),0(7) */
    test_assert_program_interrupt(c, PIC_PROTECTION, 3, TEST_CODE + 6);
    assert_bytes(c, 0x0FFE, "FFFF");
    END;
}
END_TEST

START_TEST(test_ss_second_operand_fetch_protected_is_protection)
{
    /* First operand x'800' in key 4's block, second at x'1900' (base 9)
     * in a fetch-protected block of key 3. */
    static const char *const ops[] = {"D200 0800 9100", "D400 0800 9100", "D500 0800 9100", "D600 0800 9100",
                                      "D700 0800 9100", "D100 0800 9100", "D300 0800 9100"};
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        BEGIN;
        c->gpr[9] = 0x1800;
        c->storage.keys[1] = 0x40;
        c->storage.keys[3] = 0x30 | STORAGE_KEY_FETCH;
        test_put_hex(c, 0x0800, "AB");
        test_set_psw(c, 0, 4, 0, 0, 0, TEST_CODE);
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_PROTECTION, 3, TEST_CODE + 6);
        assert_bytes(c, 0x0800, "AB");
        END;
    }
}
END_TEST

/* ---- Compare logical ---------------------------------------------------- */

START_TEST(test_clr_and_cl_compare_unsigned_cc_0_1_2)
{
    BEGIN;
    test_put_word(c, 0x0800, 0x80000000);
    c->gpr[1] = 1;
    c->gpr[2] = 0x80000000;
    run_ok(c, "1512", 2);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "1521", 2);
    ck_assert_uint_eq(c->cc, 2);
    run_ok(c, "1522", 2);
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "5510 0800", 4);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "5520 0800", 4);
    ck_assert_uint_eq(c->cc, 0);
    test_execute(c, "5520 0806");
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 2, TEST_CODE + 4);
    END;
}
END_TEST

START_TEST(test_cli_compares_byte_with_immediate_unsigned)
{
    BEGIN;
    test_put_hex(c, 0x0801, "C1");
    run_ok(c, "95C1 0801", 4);
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "95C2 0801", 4);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "9540 0801", 4);
    ck_assert_uint_eq(c->cc, 2);
    END;
}
END_TEST

START_TEST(test_clc_compares_left_to_right_unsigned_cc_0_1_2)
{
    BEGIN;
    test_put_hex(c, 0x0800, "C1C2C3 00");
    test_put_hex(c, 0x0810, "C1C2C3 FF");
    run_ok(c, "D502 0800 0810", 6);
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "D503 0800 0810", 6);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "D503 0810 0800", 6);
    ck_assert_uint_eq(c->cc, 2);
    /* The first difference decides, even if later bytes say otherwise. */
    test_put_hex(c, 0x0820, "02 00");
    test_put_hex(c, 0x0830, "01 FF");
    run_ok(c, "D501 0820 0830", 6);
    ck_assert_uint_eq(c->cc, 2);
    END;
}
END_TEST

START_TEST(test_clc_of_256_bytes_across_2k_blocks)
{
    BEGIN;
    for (unsigned i = 0; i < 256; i++) {
        c->storage.bytes[0x1F80 + i] = (uint8_t)i;
        c->storage.bytes[0x1780 + i] = (uint8_t)i;
    }
    c->gpr[3] = 0x1F80;
    c->gpr[4] = 0x1780;
    run_ok(c, "D5FF 3000 4000", 6);
    ck_assert_uint_eq(c->cc, 0);
    c->storage.bytes[0x1780 + 255] = 0;
    run_ok(c, "D5FF 3000 4000", 6);
    ck_assert_uint_eq(c->cc, 2);
    END;
}
END_TEST

START_TEST(test_clc_operand_beyond_storage_is_addressing)
{
    BEGIN;
    c->gpr[3] = TEST_STORAGE - 2;
    test_execute(c, "D503 0800 3000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 3, TEST_CODE + 6);
    END;
}
END_TEST

/* ---- Test under mask ---------------------------------------------------- */

START_TEST(test_tm_cc_0_zero_1_mixed_3_ones)
{
    BEGIN;
    test_put_hex(c, 0x0800, "C3");
    run_ok(c, "9103 0800", 4);
    ck_assert_uint_eq(c->cc, 3);
    run_ok(c, "910C 0800", 4);
    ck_assert_uint_eq(c->cc, 0);
    run_ok(c, "91C4 0800", 4);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "9100 0800", 4); /* a zero mask: CC 0 */
    ck_assert_uint_eq(c->cc, 0);
    END;
}
END_TEST

START_TEST(test_tm_fetches_only_so_store_protection_does_not_apply)
{
    BEGIN;
    c->storage.keys[1] = 0x30;
    test_put_hex(c, 0x0800, "80");
    test_set_psw(c, 0, 4, PSW_PROBLEM, 0, 0, TEST_CODE);
    run_ok(c, "9180 0800", 4);
    ck_assert_uint_eq(c->cc, 3);
    c->storage.keys[1] = 0x30 | STORAGE_KEY_FETCH;
    cpu_tlb_purge(c);
    test_execute(c, "9180 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    END;
}
END_TEST

/* ---- Moves --------------------------------------------------------------- */

START_TEST(test_mvi_stores_immediate_byte)
{
    BEGIN;
    run_ok(c, "925B 0803", 4);
    assert_bytes(c, 0x0802, "00 5B 00");
    END;
}
END_TEST

START_TEST(test_mvc_moves_256_bytes_and_target_before_source_overlap_copies_plainly)
{
    BEGIN;
    for (unsigned i = 0; i < 256; i++)
        c->storage.bytes[0x0900 + i] = (uint8_t)(255 - i);
    run_ok(c, "D2FF 0A00 0900", 6);
    ck_assert(memcmp(c->storage.bytes + 0x0A00, c->storage.bytes + 0x0900, 256) == 0);
    /* MVC X'800'(4),X'801': each byte moves one to the left. */
    test_put_hex(c, 0x0800, "01 02 03 04 05");
    run_ok(c, "D203 0800 0801", 6);
    assert_bytes(c, 0x0800, "02 03 04 05 05");
    END;
}
END_TEST

START_TEST(test_mvc_overlap_two_bytes_ahead_repeats_a_two_byte_pattern)
{
    BEGIN;
    test_put_hex(c, 0x0800, "AB CD 00 00 00 00 00 00");
    run_ok(c, "D205 0802 0800", 6);
    assert_bytes(c, 0x0800, "AB CD AB CD AB CD AB CD");
    END;
}
END_TEST

START_TEST(test_mvc_source_and_target_crossing_blocks)
{
    BEGIN;
    for (unsigned i = 0; i < 64; i++)
        c->storage.bytes[0x07E0 + i] = (uint8_t)(i + 1);
    c->gpr[2] = 0x17F0;
    c->gpr[3] = 0x07E0;
    run_ok(c, "D23F 2000 3000", 6);
    ck_assert(memcmp(c->storage.bytes + 0x17F0, c->storage.bytes + 0x07E0, 64) == 0);
    END;
}
END_TEST

START_TEST(test_mvc_at_end_of_storage_and_beyond_is_addressing_nothing_stored)
{
    BEGIN;
    c->gpr[2] = TEST_STORAGE - 4;
    test_put_hex(c, 0x0800, "11223344 55667788");
    run_ok(c, "D203 2000 0800", 6);
    ck_assert_uint_eq(test_get_word(c, TEST_STORAGE - 4), 0x11223344);
    test_put_hex(c, 0x0800, "AABBCCDD");
    test_execute(c, "D207 2000 0800");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 3, TEST_CODE + 6);
    ck_assert_uint_eq(test_get_word(c, TEST_STORAGE - 4), 0x11223344);
    END;
}
END_TEST

START_TEST(test_mvn_and_mvz_move_one_half_of_each_byte)
{
    BEGIN;
    test_put_hex(c, 0x0800, "F1 F2 F3");
    test_put_hex(c, 0x0810, "C7 D8 E9");
    run_ok(c, "D102 0800 0810", 6); /* MVN */
    assert_bytes(c, 0x0800, "F7 F8 F9");
    run_ok(c, "D302 0800 0810", 6); /* MVZ */
    assert_bytes(c, 0x0800, "C7 D8 E9");
    test_put_hex(c, 0x0820, "12 34 56 78");
    run_ok(c, "D302 0821 0820", 6); /* MVZ ripple: zone of byte 0 spreads */
    assert_bytes(c, 0x0820, "12 14 16 18");
    END;
}
END_TEST

START_TEST(test_mvn_mvz_store_protected_target_is_protection)
{
    static const char *const ops[] = {"D100 0800 0900", "D300 0800 0900"};
    for (unsigned i = 0; i < 2; i++) {
        BEGIN;
        c->storage.keys[1] = 0x10;
        test_put_hex(c, 0x0800, "F0");
        test_put_hex(c, 0x0900, "0F");
        test_set_psw(c, 0, 2, 0, 0, 0, TEST_CODE);
        test_execute(c, ops[i]);
        test_assert_program_interrupt(c, PIC_PROTECTION, 3, TEST_CODE + 6);
        assert_bytes(c, 0x0800, "F0");
        END;
    }
}
END_TEST

START_TEST(test_ic_inserts_byte_and_stc_stores_low_byte)
{
    BEGIN;
    test_put_hex(c, 0x0803, "9A");
    c->cc = 1;
    c->gpr[4] = 0x11223344;
    run_ok(c, "4340 0803", 4);
    ck_assert_uint_eq(c->gpr[4], 0x1122339A);
    ck_assert_uint_eq(c->cc, 1);
    run_ok(c, "4240 0805", 4);
    assert_bytes(c, 0x0804, "00 9A 00");
    c->gpr[5] = TEST_STORAGE;
    test_execute(c, "4345 0000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 2, TEST_CODE + 4);
    test_cpu_reinit(c);
    c->storage.keys[1] = 0x30;
    test_set_psw(c, 0, 4, 0, 0, 0, TEST_CODE);
    test_execute(c, "4240 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
    END;
}
END_TEST

/* ---- Translate ----------------------------------------------------------- */

START_TEST(test_tr_replaces_each_byte_by_its_table_entry)
{
    BEGIN;
    for (unsigned i = 0; i < 256; i++)
        c->storage.bytes[0x0C00 + i] = (uint8_t)(i ^ 0xFF);
    test_put_hex(c, 0x0800, "00 01 7F FF");
    c->cc = 2;
    run_ok(c, "DC03 0800 0C00", 6);
    assert_bytes(c, 0x0800, "FF FE 80 00");
    ck_assert_uint_eq(c->cc, 2);
    END;
}
END_TEST

START_TEST(test_tr_first_operand_inside_table_uses_bytes_already_translated)
{
    BEGIN;
    /* TR X'900'(2),X'900' with bytes 01 00: byte 0 becomes t[1] = 00;
     * byte 1 then indexes entry 0, which is now 00 (it was 01). A
     * translation that read the table first would give 00 01. */
    test_put_hex(c, 0x0900, "01 00");
    run_ok(c, "DC01 0900 0900", 6);
    assert_bytes(c, 0x0900, "00 00");
    END;
}
END_TEST

START_TEST(test_tr_references_only_the_table_entries_used)
{
    BEGIN;
    /* The table starts 16 bytes before the end of storage: entries
     * x'00'-x'0F' exist, the rest would be beyond storage. */
    uint32_t table = TEST_STORAGE - 16;
    for (unsigned i = 0; i < 16; i++)
        c->storage.bytes[table + i] = (uint8_t)(0xA0 + i);
    c->gpr[6] = table;
    test_put_hex(c, 0x0800, "00 0F 05");
    run_ok(c, "DC02 0800 6000", 6);
    assert_bytes(c, 0x0800, "A0 AF A5");
    test_put_hex(c, 0x0800, "01 10");
    test_execute(c, "DC01 0800 6000");
    test_assert_program_interrupt(c, PIC_ADDRESSING, 3, TEST_CODE + 6);
    END;
}
END_TEST

START_TEST(test_tr_store_protected_first_operand_is_protection_unchanged)
{
    BEGIN;
    c->storage.keys[1] = 0x30;
    test_set_psw(c, 0, 4, 0, 0, 0, TEST_CODE);
    test_put_hex(c, 0x0800, "01");
    test_execute(c, "DC00 0800 0C00");
    test_assert_program_interrupt(c, PIC_PROTECTION, 3, TEST_CODE + 6);
    assert_bytes(c, 0x0800, "01");
    END;
}
END_TEST

START_TEST(test_trt_with_all_zero_function_bytes_sets_cc0_and_leaves_registers)
{
    BEGIN;
    test_put_hex(c, 0x0800, "C1 C2 C3");
    c->gpr[1] = 0xAAAAAAAA;
    c->gpr[2] = 0xBBBBBBBB;
    c->cc = 3;
    run_ok(c, "DD02 0800 0C00", 6);
    ck_assert_uint_eq(c->cc, 0);
    ck_assert_uint_eq(c->gpr[1], 0xAAAAAAAA);
    ck_assert_uint_eq(c->gpr[2], 0xBBBBBBBB);
    END;
}
END_TEST

START_TEST(test_trt_stops_at_first_nonzero_function_byte_cc1_address_in_gr1_byte_in_gr2)
{
    BEGIN;
    test_put_hex(c, 0x0800, "C1 40 C2 40");
    c->storage.bytes[0x0C00 + 0x40] = 0x99;
    c->gpr[1] = 0xAA000000;
    c->gpr[2] = 0xBBBBBBBB;
    run_ok(c, "DD03 0800 0C00", 6);
    ck_assert_uint_eq(c->cc, 1);
    ck_assert_uint_eq(c->gpr[1], 0xAA000801); /* bits 0-7 kept */
    ck_assert_uint_eq(c->gpr[2], 0xBBBBBB99);
    END;
}
END_TEST

START_TEST(test_trt_nonzero_function_byte_for_last_argument_sets_cc2)
{
    BEGIN;
    test_put_hex(c, 0x0800, "C1 C2 5C");
    c->storage.bytes[0x0C00 + 0x5C] = 0x04;
    run_ok(c, "DD02 0800 0C00", 6);
    ck_assert_uint_eq(c->cc, 2);
    ck_assert_uint_eq(c->gpr[1], 0x00000802);
    ck_assert_uint_eq(c->gpr[2], 0x00000004);
    /* A one-byte operand: its only byte is the last. */
    run_ok(c, "DD00 0802 0C00", 6);
    ck_assert_uint_eq(c->cc, 2);
    END;
}
END_TEST

START_TEST(test_trt_fetch_protected_operand_is_protection)
{
    BEGIN;
    c->storage.keys[1] = 0x30 | STORAGE_KEY_FETCH;
    test_set_psw(c, 0, 4, 0, 0, 0, TEST_CODE);
    test_execute(c, "DD00 0800 0C00");
    test_assert_program_interrupt(c, PIC_PROTECTION, 3, TEST_CODE + 6);
    END;
}
END_TEST


/* The second and later MVC/CLC on the same blocks find both operands in
 * the host TLB and take the fast path; the architected results must not
 * change. */
START_TEST(test_mvc_on_already_translated_blocks_still_propagates_overlap)
{
    BEGIN;
    test_put_hex(c, 0x0800, "C1 00 00 00 00 00 00 00 00 00 00");
    run_ok(c, "D200 0900 0800", 6); /* loads the TLB for block x'800' */
    run_ok(c, "D209 0801 0800", 6);
    assert_bytes(c, 0x0800, "C1 C1 C1 C1 C1 C1 C1 C1 C1 C1 C1");
    run_ok(c, "D209 0900 0800", 6);
    assert_bytes(c, 0x0900, "C1 C1 C1 C1 C1 C1 C1 C1 C1 C1 00");
    END;
}
END_TEST

START_TEST(test_clc_on_already_translated_blocks_finds_first_difference_in_any_position)
{
    for (unsigned length = 1; length <= 20; length++) {
        for (unsigned at = 0; at < length; at++) {
            BEGIN;
            for (unsigned i = 0; i < length; i++) {
                c->storage.bytes[0x0800 + i] = (uint8_t)(0x40 + i);
                c->storage.bytes[0x0900 + i] = (uint8_t)(0x40 + i);
            }
            char hex[20];
            snprintf(hex, sizeof hex, "D5%02X 0800 0900", length - 1);
            run_ok(c, hex, 6);
            ck_assert_uint_eq(c->cc, 0);
            c->storage.bytes[0x0900 + at] = 0x80; /* second operand high */
            if (at + 1 < length)
                c->storage.bytes[0x0800 + length - 1] = 0xFF; /* later: ignored */
            run_ok(c, hex, 6);
            ck_assert_uint_eq(c->cc, 1);
            snprintf(hex, sizeof hex, "D5%02X 0900 0800", length - 1);
            run_ok(c, hex, 6);
            ck_assert_uint_eq(c->cc, 2);
            END;
        }
    }
}
END_TEST

START_TEST(test_mvc_fast_path_is_not_taken_after_key_change_protection_still_applies)
{
    BEGIN;
    c->storage.keys[1] = 0x30;
    test_set_psw(c, 0, 3, 0, 0, 0, TEST_CODE);
    test_put_hex(c, 0x0800, "AA");
    run_ok(c, "D200 0801 0800", 6); /* cached for store under key 3 */
    test_set_psw(c, 0, 4, 0, 0, 0, TEST_CODE);
    test_execute(c, "D200 0802 0800");
    test_assert_program_interrupt(c, PIC_PROTECTION, 3, TEST_CODE + 6);
    assert_bytes(c, 0x0800, "AA AA 00");
    END;
}
END_TEST

START_TEST(test_loop_of_moves_compares_and_logical_ops_runs_to_the_expected_result)
{
    BEGIN;
    /* The benchmark's loop without AP: L, A, ST, MH, SLA, AR, LA, MVC,
     * CLC, BC, N, BCT, 100 times; base register 12 = x'A00'. */
    test_put_hex(c, 0x0A00,
                 "5830 C100"        /* L    3,count       */
                 "1B55"             /* SR   5,5           */
                 "4160 0000"        /* LA   6,0           */
                 "5840 C104"        /* loop L 4,val       */
                 "5A40 C108"        /* A    4,val2        */
                 "5040 C10C"        /* ST   4,tmp         */
                 "4C40 C110"        /* MH   4,half        */
                 "8B40 0002"        /* SLA  4,2           */
                 "1A54"             /* AR   5,4           */
                 "4166 0001"        /* LA   6,1(6)        */
                 "D20F C130 C120"   /* MVC  buf2(16),buf1 */
                 "D50F C130 C120"   /* CLC  buf2(16),buf1 */
                 "4770 C040"        /* BNE  fail          */
                 "5450 C114"        /* N    5,mask        */
                 "4630 C00A"        /* BCT  3,loop        */
                 "47F0 C044"        /* B    done          */
                 "0000"             /* fail: invalid op   */
                 "0000 0000");
    test_put_word(c, 0x0B00, 100);     /* count */
    test_put_word(c, 0x0B04, 12345);   /* val */
    test_put_word(c, 0x0B08, 678);     /* val2 */
    test_put_hex(c, 0x0B10, "0003");   /* half */
    test_put_word(c, 0x0B14, 0x00FFFFFF);
    test_put_hex(c, 0x0B20, "C1C2C3C4C5C6C7C8C9D1D2D3D4D5D6D7");
    c->gpr[12] = 0x0A00;
    c->ia = 0x0A00;
    cpu_run(c, 3 + 12 * 100 + 1);
    test_assert_no_interrupt(c, 0x0A44);
    ck_assert_uint_eq(c->gpr[5], (100u * (12345 + 678) * 3 * 4) & 0x00FFFFFF);
    ck_assert_uint_eq(c->gpr[6], 100);
    ck_assert_uint_eq(test_get_word(c, 0x0B0C), 12345 + 678);
    ck_assert(memcmp(c->storage.bytes + 0x0B30, c->storage.bytes + 0x0B20, 16) == 0);
    END;
}
END_TEST

static Suite *logical_suite(void)
{
    Suite *s = suite_create("logical");
    TCase *t = tcase_create("and or xor");
    tcase_add_test(t, test_nr_or_xr_set_cc_0_for_zero_result_and_1_otherwise);
    tcase_add_test(t, test_n_o_x_combine_word_operand_with_cc);
    tcase_add_test(t, test_n_o_x_misaligned_are_specification_and_fetch_protected_is_protection);
    tcase_add_test(t, test_ni_oi_xi_change_storage_byte_with_cc);
    tcase_add_test(t, test_ni_oi_xi_mvi_into_store_protected_byte_are_protection_storage_unchanged);
    tcase_add_test(t, test_si_operand_beyond_storage_is_addressing);
    tcase_add_test(t, test_nc_oc_xc_combine_fields_with_cc);
    tcase_add_test(t, test_xc_of_field_with_itself_clears_it_cc0);
    tcase_add_test(t, test_oc_overlapping_one_byte_ahead_uses_updated_bytes);
    tcase_add_test(t, test_xc_into_protected_second_block_is_protection_and_stores_nothing);
    tcase_add_test(t, test_ss_second_operand_fetch_protected_is_protection);
    suite_add_tcase(s, t);

    t = tcase_create("compare and test");
    tcase_add_test(t, test_clr_and_cl_compare_unsigned_cc_0_1_2);
    tcase_add_test(t, test_cli_compares_byte_with_immediate_unsigned);
    tcase_add_test(t, test_clc_compares_left_to_right_unsigned_cc_0_1_2);
    tcase_add_test(t, test_clc_of_256_bytes_across_2k_blocks);
    tcase_add_test(t, test_clc_operand_beyond_storage_is_addressing);
    tcase_add_test(t, test_tm_cc_0_zero_1_mixed_3_ones);
    tcase_add_test(t, test_tm_fetches_only_so_store_protection_does_not_apply);
    suite_add_tcase(s, t);

    t = tcase_create("moves");
    tcase_add_test(t, test_mvi_stores_immediate_byte);
    tcase_add_test(t, test_mvc_moves_256_bytes_and_target_before_source_overlap_copies_plainly);
    tcase_add_test(t, test_mvc_overlap_two_bytes_ahead_repeats_a_two_byte_pattern);
    tcase_add_test(t, test_mvc_source_and_target_crossing_blocks);
    tcase_add_test(t, test_mvc_at_end_of_storage_and_beyond_is_addressing_nothing_stored);
    tcase_add_test(t, test_mvn_and_mvz_move_one_half_of_each_byte);
    tcase_add_test(t, test_mvn_mvz_store_protected_target_is_protection);
    tcase_add_test(t, test_ic_inserts_byte_and_stc_stores_low_byte);
    tcase_add_test(t, test_mvc_on_already_translated_blocks_still_propagates_overlap);
    tcase_add_test(t, test_clc_on_already_translated_blocks_finds_first_difference_in_any_position);
    tcase_add_test(t, test_mvc_fast_path_is_not_taken_after_key_change_protection_still_applies);
    tcase_add_test(t, test_loop_of_moves_compares_and_logical_ops_runs_to_the_expected_result);
    suite_add_tcase(s, t);

    t = tcase_create("translate");
    tcase_add_test(t, test_tr_replaces_each_byte_by_its_table_entry);
    tcase_add_test(t, test_tr_first_operand_inside_table_uses_bytes_already_translated);
    tcase_add_test(t, test_tr_references_only_the_table_entries_used);
    tcase_add_test(t, test_tr_store_protected_first_operand_is_protection_unchanged);
    tcase_add_test(t, test_trt_with_all_zero_function_bytes_sets_cc0_and_leaves_registers);
    tcase_add_test(t, test_trt_stops_at_first_nonzero_function_byte_cc1_address_in_gr1_byte_in_gr2);
    tcase_add_test(t, test_trt_nonzero_function_byte_for_last_argument_sets_cc2);
    tcase_add_test(t, test_trt_fetch_protected_operand_is_protection);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(logical_suite());
}
