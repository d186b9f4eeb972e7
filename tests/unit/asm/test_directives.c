/* Assembler directives: sections, START/END, EQU, ORG, CNOP, CCW, ENTRY,
 * EXTRN, WXTRN, TITLE/SPACE/EJECT/PRINT operands. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/asm/asm_test_support.h"

START_TEST(test_start_sets_the_first_section_address)
{
    struct assembly *a = asm_test_assemble("PROG     START X'2000'\nA        DC    F'1'\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "PROG"), 0x2000);
    ck_assert_uint_eq(asm_test_symbol(a, "A"), 0x2000);
    asm_test_assert_bytes(a, 0x2000, "00000001");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_start_not_on_a_doubleword_is_rounded_up_with_a_warning)
{
    struct assembly *a = asm_test_assemble("PROG     START X'1003'\n         END\n");
    asm_test_assert_message(a, ASM_SEVERITY_WARNING, 1, 16, "X'1008' is used");
    ck_assert_uint_eq(asm_test_symbol(a, "PROG"), 0x1008);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_control_sections_follow_each_other_on_doublewords)
{
    struct assembly *a = asm_test_assemble("ONE      CSECT\n         DC    XL5'1'\nTWO      CSECT\n         DC    "
                                           "XL3'2'\nONE      CSECT\nMORE     DC    X'3'\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "ONE"), 0);
    ck_assert_uint_eq(asm_test_symbol(a, "MORE"), 5);     /* ONE resumes where it left off */
    ck_assert_uint_eq(asm_test_symbol(a, "TWO"), 8);      /* after ONE's 6 bytes, aligned */
    asm_test_assert_bytes(a, 0, "0000000001 03");
    asm_test_assert_bytes(a, 8, "000002");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_dsect_addresses_are_offsets_from_zero_with_no_text)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    F'0'\nMAP      DSECT\nF1       DS    "
                                           "F\nF2       DS    CL8\nF3       DS    H\nT        CSECT\nLEN      EQU   "
                                           "F3+2-MAP\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "F1"), 0);
    ck_assert_uint_eq(asm_test_symbol(a, "F2"), 4);
    ck_assert_uint_eq(asm_test_symbol(a, "F3"), 12);
    ck_assert_uint_eq(asm_test_symbol(a, "LEN"), 14);
    ck_assert_uint_eq(a->text_count, 1);
    assembly_destroy(a);
    /* DC in a DSECT is fine: it only reserves its room. */
    a = asm_test_assemble("MAP      DSECT\nF1       DC    F'7'\nF2       DC    CL3'ABC'\nT        CSECT\n         "
                          "DC    AL1(F2+L'F2-MAP)\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "07");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_private_code_before_any_csect)
{
    struct assembly *a = asm_test_assemble("         LR    1,2\nX        DC    H'5'\n         END\n");
    asm_test_assert_bytes(a, 0, "1812 0005");
    ck_assert_uint_eq(a->sections.count, 1);
    ck_assert_int_eq(a->sections.items[0].kind, SECTION_PRIVATE);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_org_moves_the_location_counter_and_bare_org_returns_to_the_top)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nA        DC    XL8'0'\n         ORG   A+2\nB        DC    "
                                           "X'FF'\n         ORG   \nC        DC    X'EE'\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "B"), 2);
    ck_assert_uint_eq(asm_test_symbol(a, "C"), 8);
    asm_test_assert_bytes(a, 0, "0000FF0000000000 EE");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_org_below_the_section_or_outside_it_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        START 256\n         ORG   T-8\n         ORG   5\n         END\n");
    asm_test_assert_error(a, 2, 16, "below the start of the section");
    asm_test_assert_error(a, 3, 16, "ORG operand is not an address in the current section");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_cnop_pads_with_bcr_0_0)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         LR    1,2\n         CNOP  0,8\nX        LR    "
                                           "3,4\n         CNOP  6,8\nY        DS    0H\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "X"), 8);
    ck_assert_uint_eq(asm_test_symbol(a, "Y"), 14);
    asm_test_assert_bytes(a, 0, "1812 0700 0700 0700 1834 0700 0700");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_cnop_with_a_bad_alignment_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         CNOP  2,2\n         CNOP  4,4\n         END\n");
    asm_test_assert_error(a, 2, 18, "CNOP boundary 2 is out of range (expected 4 to 8)");
    asm_test_assert_error(a, 3, 16, "CNOP 4,4 is not a valid alignment");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_ccw_is_a_doubleword_with_a_relocatable_24_bit_address)
{
    struct assembly *a = asm_test_assemble("T        START X'400'\n         DC    X'01'\nR        CCW   X'02',BUF,X'60',80\n "
                                           "        CCW   8,R,0,1\nBUF      DS    CL80\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "R"), 0x408);
    asm_test_assert_bytes(a, 0x408, "02000418 60000050 08000408 00000001");
    ck_assert_uint_eq(a->relocation_count, 2);
    ck_assert_uint_eq(a->relocations[0].address, 0x409);
    ck_assert_uint_eq(a->relocations[0].length, 3);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_equ_without_name_or_operand_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         EQU   5\nX        EQU\n         END\n");
    asm_test_assert_error(a, 2, 10, "EQU has no name");
    asm_test_assert_error(a, 3, 13, "EQU has no operand");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_duplicate_symbol_names_the_first_definition)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nA        DC    F'1'\nA        DC    F'2'\n         END\n");
    asm_test_assert_error(a, 3, 1, "symbol A is already defined at test.asm:2");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_extrn_and_wxtrn_make_external_symbols)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         EXTRN SUB\n         WXTRN OPT\nA        DC    "
                                           "A(SUB,OPT+4)\n         END\n");
    asm_test_assert_bytes(a, 0, "00000000 00000004");
    ck_assert_uint_eq(a->sections.count, 3);
    ck_assert_int_eq(a->sections.items[1].kind, SECTION_EXTERNAL);
    ck_assert_int_eq(a->sections.items[2].kind, SECTION_WEAK_EXTERNAL);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_entry_must_name_a_label_in_a_control_section)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         ENTRY HERE,NOPE\nHERE     DS    0H\n         END\n");
    ck_assert_uint_eq(a->diagnostics.error_count, 1);
    asm_test_assert_error(a, 2, 21, "ENTRY NOPE is not defined");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_end_operand_is_the_entry_point)
{
    struct assembly *a = asm_test_assemble("T        START X'100'\n         DC    H'0'\nGO       LR    1,1\n         "
                                           "END   GO\n");
    asm_test_assert_clean(a);
    ck_assert(a->has_entry);
    ck_assert_int_eq(a->entry.value, 0x102);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_end_operand_must_be_in_a_control_section)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         END   5\n");
    asm_test_assert_error(a, 2, 16, "END operand is not an address in a control section");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_statements_after_end_are_ignored)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    X'01'\n         END\n         DC    X'02'\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(a->text[0].len, 1);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_missing_end_is_a_warning)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    X'01'\n");
    ck_assert_uint_eq(a->diagnostics.error_count, 0);
    ck_assert_uint_eq(a->diagnostics.warning_count, 1);
    ck_assert_ptr_nonnull(strstr(a->diagnostics.items[0].message, "no END statement"));
    assembly_destroy(a);
}
END_TEST

START_TEST(test_title_name_becomes_the_deck_identifier)
{
    struct assembly *a = asm_test_assemble("PROG     TITLE 'MY PROGRAM'\nT        CSECT\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_str_eq(a->deck_id, "PROG");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_listing_directive_operands_are_checked)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         TITLE NOQUOTE\n         PRINT NOGEN,LOUD\n       "
                                           "  SPACE 300\nX        EJECT\n         END\n");
    asm_test_assert_error(a, 2, 16, "TITLE operand is not a quoted string");
    asm_test_assert_error(a, 3, 22, "PRINT operand LOUD is unknown");
    asm_test_assert_error(a, 4, 16, "SPACE count 300 is out of range");
    asm_test_assert_error(a, 5, 1, "EJECT takes no name");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_unsupported_directives_of_other_assemblers_are_named)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         PUNCH 'X'\n         END\n");
    asm_test_assert_error(a, 2, 10, "PUNCH is an assembler instruction of another IBM assembler");
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm directives");
    TCase *t = tcase_create("directives");
    tcase_add_test(t, test_start_sets_the_first_section_address);
    tcase_add_test(t, test_start_not_on_a_doubleword_is_rounded_up_with_a_warning);
    tcase_add_test(t, test_control_sections_follow_each_other_on_doublewords);
    tcase_add_test(t, test_dsect_addresses_are_offsets_from_zero_with_no_text);
    tcase_add_test(t, test_private_code_before_any_csect);
    tcase_add_test(t, test_org_moves_the_location_counter_and_bare_org_returns_to_the_top);
    tcase_add_test(t, test_org_below_the_section_or_outside_it_is_an_error);
    tcase_add_test(t, test_cnop_pads_with_bcr_0_0);
    tcase_add_test(t, test_cnop_with_a_bad_alignment_is_an_error);
    tcase_add_test(t, test_ccw_is_a_doubleword_with_a_relocatable_24_bit_address);
    tcase_add_test(t, test_equ_without_name_or_operand_is_an_error);
    tcase_add_test(t, test_duplicate_symbol_names_the_first_definition);
    tcase_add_test(t, test_extrn_and_wxtrn_make_external_symbols);
    tcase_add_test(t, test_entry_must_name_a_label_in_a_control_section);
    tcase_add_test(t, test_end_operand_is_the_entry_point);
    tcase_add_test(t, test_end_operand_must_be_in_a_control_section);
    tcase_add_test(t, test_statements_after_end_are_ignored);
    tcase_add_test(t, test_missing_end_is_a_warning);
    tcase_add_test(t, test_title_name_becomes_the_deck_identifier);
    tcase_add_test(t, test_listing_directive_operands_are_checked);
    tcase_add_test(t, test_unsupported_directives_of_other_assemblers_are_named);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
