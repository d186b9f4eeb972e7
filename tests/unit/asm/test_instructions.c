/* Machine instructions: the encoding of each format (S360-67.md §1.6),
 * the extended branch mnemonics, the 67's own instructions and the I/O,
 * protection and direct-control instructions that GNU as does not know
 * (checked here against the opcodes of S360-67.md §1.7 and §2.4), and the
 * rejection of later machines' instructions. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/instruction_table.h"
#include "tests/unit/asm/asm_test_support.h"

/* Assembles one statement after "T CSECT" at address 0 (no USING). */
static struct assembly *one(const char *statement)
{
    char src[512];
    snprintf(src, sizeof src, "T        CSECT\n         %s\n         END\n", statement);
    return asm_test_assemble(src);
}

static void check(const char *statement, const char *hex)
{
    struct assembly *a = one(statement);
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, hex);
    assembly_destroy(a);
}

START_TEST(test_instruction_table_is_sorted_for_binary_search)
{
    size_t n;
    const struct instruction_definition *t = instruction_table(&n);
    for (size_t i = 1; i < n; i++)
        ck_assert_msg(strcmp(t[i - 1].mnemonic, t[i].mnemonic) < 0, "%s before %s", t[i - 1].mnemonic,
                      t[i].mnemonic);
}
END_TEST

START_TEST(test_instruction_length_follows_the_opcode_high_bits)
{
    /* S360-67.md §1.6: 00-3F two bytes, 40-BF four, C0-FF six. */
    size_t n;
    const struct instruction_definition *t = instruction_table(&n);
    for (size_t i = 0; i < n; i++) {
        unsigned want = t[i].opcode < 0x40 ? 2 : t[i].opcode < 0xC0 ? 4 : 6;
        ck_assert_msg(t[i].length == want, "%s", t[i].mnemonic);
    }
}
END_TEST

START_TEST(test_rr_format_puts_r1_and_r2_in_byte_1)
{
    check("LR    1,15", "181F");
    check("AR    14,3", "1AE3");
    check("BALR  12,0", "05C0");
    check("BCTR  5,0", "0650");
}
END_TEST

START_TEST(test_spm_takes_r1_only_and_svc_an_8_bit_number)
{
    check("SPM   7", "0470");
    check("SVC   255", "0AFF");
    check("SVC   X'23'", "0A23");
}
END_TEST

START_TEST(test_rx_explicit_d_x_b)
{
    check("L     3,4095(5,6)", "58356FFF");
    check("ST    15,0(,13)", "50F0D000");
    check("LA    1,12", "4110000C");
}
END_TEST

START_TEST(test_rx_absolute_address_with_index_uses_base_zero)
{
    /* S(X): 100(7) is an implicit address 100 with index 7. */
    check("IC    2,100(7)", "43270064");
}
END_TEST

START_TEST(test_rs_and_shift_formats)
{
    check("STM   14,12,12(13)", "90ECD00C");
    check("BXLE  1,2,8(3)", "87123008");
    check("SRDA  4,32", "8E400020");
    check("SLL   1,2(3)", "89103002");
}
END_TEST

START_TEST(test_si_and_s_formats)
{
    check("MVI   0(1),C'A'", "92C11000");
    check("CLI   4095(15),255", "95FFFFFF");
    check("TM    7(2),B'10000001'", "91812007");
    check("LPSW  8(4)", "82004008");
    check("SSM   0", "80000000");
    check("TS    1(9)", "93009001");
}
END_TEST

START_TEST(test_ss_formats_encode_length_minus_one)
{
    check("MVC   0(256,1),2(3)", "D2FF10003002");
    check("CLC   10(1,4),20(5)", "D500400A5014");
    check("PACK  0(8,1),0(3,2)", "F27210002000");
    check("AP    4(16,5),6(1,7)", "FAF050047006");
    check("ZAP   0(2,1),0(2,1)", "F81110001000");
}
END_TEST

START_TEST(test_ss_explicit_length_zero_assembles_as_zero)
{
    check("MVC   0(0,1),0(2)", "D20010002000");
}
END_TEST

START_TEST(test_extended_branch_mnemonics_carry_their_masks)
{
    static const struct {
        const char *m;
        unsigned mask;
    } ext[] = {{"B", 15},   {"NOP", 0},  {"BH", 2},   {"BL", 4},   {"BE", 8},   {"BNH", 13}, {"BNL", 11},
               {"BNE", 7},  {"BO", 1},   {"BP", 2},   {"BM", 4},   {"BZ", 8},   {"BNP", 13}, {"BNM", 11},
               {"BNZ", 7},  {"BNO", 14}};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        char stmt[64], hex[32];
        snprintf(stmt, sizeof stmt, "%-5s 16(3,4)", ext[i].m);
        snprintf(hex, sizeof hex, "47%X34010", ext[i].mask);
        check(stmt, hex);
        snprintf(stmt, sizeof stmt, "%sR 14", ext[i].m);
        if (strcmp(ext[i].m, "B") == 0)
            snprintf(stmt, sizeof stmt, "BR 14");
        snprintf(hex, sizeof hex, "07%XE", ext[i].mask);
        check(stmt, hex);
    }
}
END_TEST

START_TEST(test_model_67_instructions_bas_basr_lra)
{
    /* S360-67.md §2.4: BAS 4D (RX), BASR 0D (RR), LRA B1 (RX). */
    check("BAS   14,16(2,3)", "4DE23010");
    check("BASR  14,15", "0DEF");
    check("LRA   1,0(2,3)", "B1123000");
}
END_TEST

START_TEST(test_lmc_is_b8_and_stmc_is_b0_in_rs_format)
{
    /* GNU as has neither (S/390 uses B7/B6 for LCTL/STCTL); these are the
     * 67's opcodes from S360-67.md §2.4 and bench_dat's "LMC 0,6" B806C0A6. */
    check("LMC   0,6,166(12)", "B806C0A6");
    check("STMC  8,14,0(1)", "B08E1000");
}
END_TEST

START_TEST(test_io_instructions_are_si_format_with_zero_byte_1)
{
    /* S360-67.md §1.7: SIO 9C, TIO 9D, HIO 9E, TCH 9F (GNU as lacks them). */
    check("SIO   X'00C'", "9C00000C");
    check("TIO   0(1)", "9D001000");
    check("HIO   X'01F'", "9E00001F");
    check("TCH   256", "9F000100");
}
END_TEST

START_TEST(test_storage_key_and_direct_control_instructions)
{
    /* SSK 08, ISK 09 (RR); WRD 84, RDD 85 (SI). Not in GNU as. */
    check("SSK   1,2", "0812");
    check("ISK   3,4", "0934");
    check("WRD   0(5),X'AA'", "84AA5000");
    check("RDD   16,7", "85070010");
}
END_TEST

START_TEST(test_diagnose_is_83_in_rs_format_under_both_names)
{
    check("DIAG  1,2,X'18'", "83120018");
    check("DIAGNOSE 3,4,8(5)", "83345008");
}
END_TEST

START_TEST(test_every_table_instruction_assembles_without_error)
{
    size_t n;
    const struct instruction_definition *t = instruction_table(&n);
    for (size_t i = 0; i < n; i++) {
        const char *ops;
        switch ((enum instruction_format)t[i].format) {
        case FORMAT_RR:
            ops = "2,4";
            break;
        case FORMAT_RR_R1:
        case FORMAT_RR_BRANCH:
        case FORMAT_RR_I:
            ops = "2";
            break;
        case FORMAT_RX:
            ops = "2,8(4,6)";
            break;
        case FORMAT_RX_BRANCH:
        case FORMAT_S:
            ops = "8(6)";
            break;
        case FORMAT_RS:
            ops = "2,4,8(6)";
            break;
        case FORMAT_RS_SHIFT:
            ops = "2,8(6)";
            break;
        case FORMAT_SI:
            ops = "8(6),1";
            break;
        case FORMAT_SS_L:
            ops = "8(4,6),10(7)";
            break;
        default:
            ops = "8(4,6),10(3,7)";
        }
        char stmt[64];
        snprintf(stmt, sizeof stmt, "%s %s", t[i].mnemonic, ops);
        struct assembly *a = one(stmt);
        asm_test_assert_clean(a);
        uint8_t first = a->text_count > 0 ? a->text[0].data[0] : 0;
        ck_assert_msg(a->text_count == 1 && a->text[0].len == t[i].length && first == t[i].opcode, "%s", stmt);
        assembly_destroy(a);
    }
}
END_TEST

START_TEST(test_system_370_instructions_are_rejected_as_not_model_67)
{
    static const char *const later[] = {"MVCL  2,4", "ICM   1,15,0(2)", "LCTL  0,15,0(1)", "SSCH  0(1)",
                                        "CLCL  2,4", "STCK  0(1)",       "SRP   0(4,1),3,0", "CS    1,2,0(3)"};
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
        struct assembly *a = one(later[i]);
        asm_test_assert_error(a, 2, 10, "not a System/360 Model 67 instruction");
        assembly_destroy(a);
    }
}
END_TEST

START_TEST(test_extended_precision_floating_point_is_rejected)
{
    /* S360-67.md §1.7: EXT instructions are Model 85 only. */
    static const char *const ext[] = {"MXR   0,4", "AXR   0,4", "SXR   0,4", "MXDR  0,2", "LRDR  0,4", "MXD   0,0(1)"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        struct assembly *a = one(ext[i]);
        asm_test_assert_error(a, 2, 10, "not a System/360 Model 67 instruction");
        assembly_destroy(a);
    }
}
END_TEST

START_TEST(test_unknown_operation_names_what_was_expected)
{
    struct assembly *a = one("FROB  1,2");
    asm_test_assert_error(a, 2, 10, "unknown operation FROB (expected a System/360 Model 67 instruction");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_wrong_operand_count_says_the_format)
{
    struct assembly *a = one("LR    1");
    asm_test_assert_error(a, 2, 17, "LR has 1 operand (expected 2: R1,R2)");
    assembly_destroy(a);
    a = one("MVC   0(1,2),0(3),4");
    asm_test_assert_error(a, 2, 28, "MVC has 3 operands (expected 2: D1(L,B1),D2(B2))");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_register_out_of_range_is_an_error_at_its_column)
{
    struct assembly *a = one("LR    1,16");
    asm_test_assert_error(a, 2, 18, "second operand (R2) 16 is out of range (expected 0 to 15)");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_displacement_over_4095_is_an_error)
{
    struct assembly *a = one("L     1,4096(0,2)");
    asm_test_assert_error(a, 2, 18, "displacement 4096 is out of range (expected 0 to 4095)");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_ss_length_over_256_is_an_error)
{
    struct assembly *a = one("MVC   0(257,1),0(2)");
    asm_test_assert_error(a, 2, 16, "length 257 is out of range");
    assembly_destroy(a);
    a = one("AP    0(17,1),0(2,2)");
    asm_test_assert_error(a, 2, 16, "length 17 is out of range");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_index_register_in_rs_operand_is_an_error)
{
    struct assembly *a = one("STM   1,2,0(3,4)");
    asm_test_assert_error(a, 2, 20, "takes no index register");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_odd_location_is_aligned_to_a_halfword_with_a_zero_byte)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    X'01'\nX        LR    1,2\n         END\n");
    asm_test_assert_bytes(a, 0, "01 00 1812");
    ck_assert_uint_eq(asm_test_symbol(a, "X"), 2);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_lower_case_mnemonics_and_symbols_are_accepted)
{
    struct assembly *a = asm_test_assemble("t        csect\n         balr  12,0\n         using *,12\nx        l     "
                                           "1,y\ny        dc    f'5'\n         end\n");
    asm_test_assert_bytes(a, 0, "05C0 5810C006 0000 00000005");
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm instructions");
    TCase *t = tcase_create("instructions");
    tcase_add_test(t, test_instruction_table_is_sorted_for_binary_search);
    tcase_add_test(t, test_instruction_length_follows_the_opcode_high_bits);
    tcase_add_test(t, test_rr_format_puts_r1_and_r2_in_byte_1);
    tcase_add_test(t, test_spm_takes_r1_only_and_svc_an_8_bit_number);
    tcase_add_test(t, test_rx_explicit_d_x_b);
    tcase_add_test(t, test_rx_absolute_address_with_index_uses_base_zero);
    tcase_add_test(t, test_rs_and_shift_formats);
    tcase_add_test(t, test_si_and_s_formats);
    tcase_add_test(t, test_ss_formats_encode_length_minus_one);
    tcase_add_test(t, test_ss_explicit_length_zero_assembles_as_zero);
    tcase_add_test(t, test_extended_branch_mnemonics_carry_their_masks);
    tcase_add_test(t, test_model_67_instructions_bas_basr_lra);
    tcase_add_test(t, test_lmc_is_b8_and_stmc_is_b0_in_rs_format);
    tcase_add_test(t, test_io_instructions_are_si_format_with_zero_byte_1);
    tcase_add_test(t, test_storage_key_and_direct_control_instructions);
    tcase_add_test(t, test_diagnose_is_83_in_rs_format_under_both_names);
    tcase_add_test(t, test_every_table_instruction_assembles_without_error);
    tcase_add_test(t, test_system_370_instructions_are_rejected_as_not_model_67);
    tcase_add_test(t, test_extended_precision_floating_point_is_rejected);
    tcase_add_test(t, test_unknown_operation_names_what_was_expected);
    tcase_add_test(t, test_wrong_operand_count_says_the_format);
    tcase_add_test(t, test_register_out_of_range_is_an_error_at_its_column);
    tcase_add_test(t, test_displacement_over_4095_is_an_error);
    tcase_add_test(t, test_ss_length_over_256_is_an_error);
    tcase_add_test(t, test_index_register_in_rs_operand_is_an_error);
    tcase_add_test(t, test_odd_location_is_aligned_to_a_halfword_with_a_zero_byte);
    tcase_add_test(t, test_lower_case_mnemonics_and_symbols_are_accepted);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
