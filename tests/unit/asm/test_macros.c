/* The macro language: definitions with positional and keyword
 * parameters, &SYSNDX, &SYSLIST and sublists, SET symbols (local, global,
 * dimensioned), AIF/AGO/ANOP/ACTR/MEXIT, MNOTE, COPY and macro libraries,
 * nested calls, conditional assembly in open code, and their errors. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/asm/asm_test_support.h"

START_TEST(test_positional_and_keyword_parameters_with_defaults)
{
    struct assembly *a = asm_test_assemble("         MACRO\n&L       MOVE  &TO,&FROM,&LEN=8\n&L       MVC   "
                                           "&TO.(&LEN),&FROM\n         MEND\nT        CSECT\n         USING T,12\nA  "
                                           "      MOVE  X,Y\n         MOVE  X,Y,LEN=2\nX        DS    CL8\nY        DS  "
                                           "  CL8\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "D207C00CC014 D201C00CC014");
    ck_assert_uint_eq(asm_test_symbol(a, "A"), 0); /* the name field went to &L */
    assembly_destroy(a);
}
END_TEST

START_TEST(test_sysndx_counts_macro_calls_from_0001)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         LBL\nL&SYSNDX DC    C'&SYSNDX'\n         "
                                           "MEND\nT        CSECT\n         LBL\n         LBL\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "L0001"), 0);
    ck_assert_uint_eq(asm_test_symbol(a, "L0002"), 4);
    asm_test_assert_bytes(a, 0, "F0F0F0F1 F0F0F0F2");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_seta_arithmetic_and_loops_with_aif_ago)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         TABLE &N\n         LCLA  &I\n&I       SETA  "
                                           "1\n.LOOP    AIF   (&I GT &N).DONE\n         DC    H'&I*&I'\n&I       "
                                           "SETA  &I+1\n         AGO   .LOOP\n.DONE    ANOP\n         MEND\nT        "
                                           "CSECT\n         TABLE 4\n         END\n");
    ck_assert_uint_eq(a->diagnostics.error_count, 1); /* H'1*1' is not a number */
    assembly_destroy(a);
    a = asm_test_assemble("         MACRO\n         TABLE &N\n         LCLA  &I,&SQ\n&I       SETA  1\n.LOOP    AIF   (&I "
                          "GT &N).DONE\n&SQ      SETA  &I*&I\n         DC    H'&SQ'\n&I       SETA  &I+1\n         AGO   "
                          ".LOOP\n.DONE    MEND\nT        CSECT\n         TABLE 4\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "0001 0004 0009 0010");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_setb_relations_and_logical_operators)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         TRUTH &A,&B\n         LCLB  &X,&Y,&Z\n&X       "
                                           "SETB  (&A LT &B)\n&Y       SETB  (&A EQ 1 AND NOT &X)\n&Z       SETB  "
                                           "(&X OR &Y)\n         DC    X'&X&Y&Z'\n         MEND\nT        CSECT\n     "
                                           "    TRUTH 1,2\n         TRUTH 1,1\n         TRUTH 3,1\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "0101");    /* 1 0 1 -> X'101' */
    asm_test_assert_bytes(a, 2, "0011");    /* 0 1 1 */
    asm_test_assert_bytes(a, 4, "0000");    /* 0 0 0 */
    assembly_destroy(a);
}
END_TEST

START_TEST(test_setc_substrings_concatenation_duplication_and_counts)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         STR   &P\n         LCLC  &C,&D\n         LCLA  "
                                           "&K\n&C       SETC  '&P'(2,3)\n&D       SETC  (2)'AB'.'&C'\n&K       SETA  "
                                           "K'&D\n         DC    C'&D',AL1(&K)\n         MEND\nT        CSECT\n         "
                                           "STR   WXYZ\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "C1C2C1C2 E7E8E9 07"); /* ABABXYZ, 7 characters */
    assembly_destroy(a);
}
END_TEST

START_TEST(test_character_comparison_and_type_attribute)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         KIND  &P\n         AIF   (T'&P EQ 'O').NONE\n    "
                                           "     AIF   (T'&P EQ 'N').NUM\n         DC    C'&P'\n         MEXIT\n.NUM     "
                                           "DC    AL1(&P)\n         MEXIT\n.NONE    DC    C'-'\n         MEND\nT        "
                                           "CSECT\n         KIND\n         KIND  7\n         KIND  Z\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "60 07 E9");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_type_and_length_attributes_of_symbols_defined_before_the_call)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         ATTR  &S\n         LCLC  &T\n&T       SETC  "
                                           "T'&S\n         DC    C'&T',AL1(L'&S)\n         MEND\nT        CSECT\nF    "
                                           "    DS    CL12\nI        LR    1,2\n         ATTR  F\n         ATTR  I\n   "
                                           "      END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 14, "C3 0C C9 02");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_sublists_syslist_and_number_attribute)
{
    struct assembly *a = asm_test_assemble("         MACRO\n&N       LIST  &P\n         LCLA  &X,&Y\n&X       SETA  "
                                           "N'&P\n&Y       SETA  N'&SYSLIST\n         DC    AL1(&X,&Y)\n         DC    "
                                           "C'&P(2)&SYSLIST(2)&SYSLIST(0)'\n         MEND\nT        CSECT\nZZ       LIST  "
                                           "(A,B,C),Q\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "03 02 C2 D8 E9E9");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_global_set_symbols_are_shared_between_macros)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         COUNT\n         GBLA  &N\n&N       SETA  &N+1\n  "
                                           "       DC    AL1(&N)\n         MEND\nT        CSECT\n         COUNT\n        "
                                           " COUNT\n         COUNT\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "010203");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_dimensioned_set_symbols_and_multiple_values)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         ARR\n         LCLA  &V(3),&N\n&V(1)    SETA  "
                                           "5,6,7\n&N       SETA  N'&V\n         DC    AL1(&V(3),&V(1),&N)\n         "
                                           "MEND\nT        CSECT\n         ARR\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "07 05 03");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_computed_ago_and_mexit)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         PICK  &N\n         AGO   (&N).A,.B\n         DC  "
                                           "  C'0'\n         MEXIT\n.A       DC    C'A'\n         MEXIT\n.B       DC   "
                                           " C'B'\n         MEND\nT        CSECT\n         PICK  2\n         PICK  1\n     "
                                           "    PICK  3\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "C2 C1 F0");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_nested_macro_calls_expand_inner_macros)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         INNER &X\n         DC    AL1(&X)\n         "
                                           "MEND\n         MACRO\n         OUTER &Y\n         INNER &Y\n         INNER "
                                           "&Y+1\n         MEND\nT        CSECT\n         OUTER 4\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "04 05");
    unsigned deepest = 0;
    for (size_t i = 0; i < a->statement_count; i++)
        if (a->statements[i].macro_level > deepest)
            deepest = a->statements[i].macro_level;
    ck_assert_uint_eq(deepest, 2);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_negative_seta_is_substituted_without_its_sign)
{
    struct assembly *a = asm_test_assemble("&A       SETA  -5\nT        CSECT\n         DC    AL1(&A)\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "05");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_mnote_severity_makes_errors_warnings_or_comments)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         NOTE\n         MNOTE 8,'BAD &SYSNDX'\n         "
                                           "MNOTE 4,'HMM'\n         MNOTE *,'JUST A COMMENT'\n         MEND\nT        "
                                           "CSECT\n         NOTE\n         END\n");
    asm_test_assert_error(a, 3, 10, "MNOTE 8: BAD 0001");
    asm_test_assert_message(a, ASM_SEVERITY_WARNING, 4, 10, "MNOTE 4: HMM");
    ck_assert_uint_eq(a->diagnostics.count, 2);
    ck_assert_ptr_nonnull(strstr(a->diagnostics.items[0].context, "in macro NOTE called at test.asm:8"));
    assembly_destroy(a);
}
END_TEST

START_TEST(test_conditional_assembly_in_open_code_forward_and_backward)
{
    struct assembly *a = asm_test_assemble("&I       SETA  0\nT        CSECT\n.AGAIN   ANOP\n&I       SETA  &I+1\n     "
                                           "    DC    AL1(&I)\n         AIF   (&I LT 3).AGAIN\n         AGO   .SKIP\n    "
                                           "     DC    C'NO'\n.SKIP    DC    X'FF'\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "010203FF");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_copy_reads_a_member_from_the_library_directory)
{
    char *dir = asm_test_temp_dir();
    asm_test_write_file(dir, "EQUATES.asm", "R1       EQU   1\nR2       EQU   2\n");
    const char *dirs[] = {dir};
    struct assembly *a = asm_test_assemble_with("         COPY  EQUATES\nT        CSECT\n         LR    R1,R2\n     "
                                                "    END\n",
                                                dirs, 1);
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "1812");
    assembly_destroy(a);
    asm_test_remove_dir(dir);
}
END_TEST

START_TEST(test_macro_from_the_library_is_found_by_its_name)
{
    char *dir = asm_test_temp_dir();
    asm_test_write_file(dir, "twice.mac", "* a library macro\n         MACRO\n         TWICE &X\n         DC    "
                                          "AL1(&X,&X)\n         MEND\n");
    const char *dirs[] = {dir};
    struct assembly *a = asm_test_assemble_with("T        CSECT\n         TWICE 9\n         TWICE 8\n         END\n", dirs,
                                                1);
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "0909 0808");
    assembly_destroy(a);
    asm_test_remove_dir(dir);
}
END_TEST

START_TEST(test_copy_inside_a_macro_definition_is_part_of_its_body)
{
    char *dir = asm_test_temp_dir();
    asm_test_write_file(dir, "BODY", "         DC    C'&P'\n");
    const char *dirs[] = {dir};
    struct assembly *a = asm_test_assemble_with("         MACRO\n         HAS   &P\n         COPY  BODY\n         "
                                                "MEND\nT        CSECT\n         HAS   Q\n         END\n",
                                                dirs, 1);
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "D8");
    assembly_destroy(a);
    asm_test_remove_dir(dir);
}
END_TEST

START_TEST(test_missing_copy_member_is_an_error_naming_it)
{
    struct assembly *a = asm_test_assemble("         COPY  NOSUCH\n         END\n");
    asm_test_assert_error(a, 1, 16, "COPY member NOSUCH not found");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_undefined_variable_symbol_is_an_error_in_the_macro_line)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         BAD   &P\n         DC    C'&Q'\n         "
                                           "MEND\nT        CSECT\n         BAD   1\n         END\n");
    asm_test_assert_error(a, 3, 18, "undefined variable symbol &Q");
    ck_assert_ptr_nonnull(strstr(a->diagnostics.items[0].context, "in macro BAD called at test.asm:6"));
    assembly_destroy(a);
}
END_TEST

START_TEST(test_branch_to_an_unknown_sequence_symbol_is_an_error)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         GO\n         AGO   .NOWHERE\n         MEND\nT     "
                                           "   CSECT\n         GO\n         END\n");
    asm_test_assert_error(a, 3, 16, "sequence symbol .NOWHERE is not defined in macro GO");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_endless_loop_stops_at_the_actr_limit)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         FOREVER\n         ACTR  50\n.L       AGO   "
                                           ".L\n         MEND\nT        CSECT\n         FOREVER\n         END\n");
    asm_test_assert_error(a, 4, 16, "ACTR limit reached");
    ck_assert_uint_eq(a->diagnostics.error_count, 1);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_endless_recursion_stops_at_the_nesting_limit)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         DEEP\n         DEEP\n         MEND\nT        "
                                           "CSECT\n         DEEP\n         END\n");
    asm_test_assert_error(a, 3, 10, "macro calls nested more than 100 deep");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_set_errors_name_what_was_expected)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         SETS  &P\n         LCLA  &A\n&P       SETA  1\n&A  "
                                           "     SETC  'X'\n&A       SETA  'X'\n&A(2)    SETA  1\n         MEND\nT        "
                                           "CSECT\n         SETS  1\n         END\n");
    asm_test_assert_error(a, 4, 1, "&P is a macro parameter and cannot be set");
    asm_test_assert_error(a, 5, 1, "&A is a SETA symbol (expected SETA to set it)");
    asm_test_assert_error(a, 6, 16, "value 'X' is not a self-defining term");
    asm_test_assert_error(a, 7, 1, "&A is not dimensioned");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_mend_outside_a_macro_and_bad_prototype_are_errors)
{
    struct assembly *a = asm_test_assemble("         MEND\n         MACRO\n         PROTO &A,B\n         MEND\n        "
                                           " END\n");
    asm_test_assert_error(a, 1, 10, "MEND outside a macro definition");
    asm_test_assert_error(a, 3, 19, "parameter does not start with '&'");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_unknown_keyword_is_taken_as_positional_with_a_warning)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         KW    &A,&K=1\n         DC    C'&A'\n         "
                                           "MEND\nT        CSECT\n         KW    Z=2\n         END\n");
    asm_test_assert_message(a, ASM_SEVERITY_WARNING, 6, 16, "Z= is not a keyword parameter of macro KW");
    asm_test_assert_bytes(a, 0, "E97EF2");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_comma_blank_continuation_of_macro_operands)
{
    /* Operands one per card: after "A," a blank ends the card's operands,
     * the rest is remarks, and the next card goes on from column 16. */
    struct assembly *a = asm_test_assemble("         MACRO\n         THREE &A,&B,&C\n         DC    C'&A&B&C'\n     "
                                           "    MEND\nT        CSECT\n         THREE X,     first                     "
                                           "                       *\n               Y,     second                "
                                           "                           *\n               Z      third\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "E7E8E9");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_parameter_names_beginning_with_sys_are_free_unless_system_variables)
{
    /* CP-67 CMS macros have parameters such as &SYSCB. */
    struct assembly *a = asm_test_assemble("         MACRO\n         RD    &SYSCB\n         DC    C'&SYSCB'\n         "
                                           "MEND\nT        CSECT\n         RD    Q\n         END\n");
    asm_test_assert_bytes(a, 0, "D8");
    assembly_destroy(a);
    a = asm_test_assemble("         MACRO\n         BAD   &SYSNDX\n         MEND\n         END\n");
    asm_test_assert_error(a, 2, 16, "&SYSNDX is a system variable name");
    ck_assert_uint_eq(a->diagnostics.error_count, 1);
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm macros");
    TCase *t = tcase_create("macros");
    tcase_add_test(t, test_positional_and_keyword_parameters_with_defaults);
    tcase_add_test(t, test_sysndx_counts_macro_calls_from_0001);
    tcase_add_test(t, test_seta_arithmetic_and_loops_with_aif_ago);
    tcase_add_test(t, test_setb_relations_and_logical_operators);
    tcase_add_test(t, test_setc_substrings_concatenation_duplication_and_counts);
    tcase_add_test(t, test_character_comparison_and_type_attribute);
    tcase_add_test(t, test_type_and_length_attributes_of_symbols_defined_before_the_call);
    tcase_add_test(t, test_sublists_syslist_and_number_attribute);
    tcase_add_test(t, test_global_set_symbols_are_shared_between_macros);
    tcase_add_test(t, test_dimensioned_set_symbols_and_multiple_values);
    tcase_add_test(t, test_computed_ago_and_mexit);
    tcase_add_test(t, test_nested_macro_calls_expand_inner_macros);
    tcase_add_test(t, test_negative_seta_is_substituted_without_its_sign);
    tcase_add_test(t, test_mnote_severity_makes_errors_warnings_or_comments);
    tcase_add_test(t, test_conditional_assembly_in_open_code_forward_and_backward);
    tcase_add_test(t, test_copy_reads_a_member_from_the_library_directory);
    tcase_add_test(t, test_macro_from_the_library_is_found_by_its_name);
    tcase_add_test(t, test_copy_inside_a_macro_definition_is_part_of_its_body);
    tcase_add_test(t, test_missing_copy_member_is_an_error_naming_it);
    tcase_add_test(t, test_undefined_variable_symbol_is_an_error_in_the_macro_line);
    tcase_add_test(t, test_branch_to_an_unknown_sequence_symbol_is_an_error);
    tcase_add_test(t, test_endless_loop_stops_at_the_actr_limit);
    tcase_add_test(t, test_endless_recursion_stops_at_the_nesting_limit);
    tcase_add_test(t, test_set_errors_name_what_was_expected);
    tcase_add_test(t, test_mend_outside_a_macro_and_bad_prototype_are_errors);
    tcase_add_test(t, test_unknown_keyword_is_taken_as_positional_with_a_warning);
    tcase_add_test(t, test_comma_blank_continuation_of_macro_operands);
    tcase_add_test(t, test_parameter_names_beginning_with_sys_are_free_unless_system_variables);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
