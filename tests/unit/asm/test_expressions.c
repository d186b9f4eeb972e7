/* Expressions: self-defining terms, arithmetic, relocatability, the
 * location counter and length attributes. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/asm/asm_test_support.h"

static int32_t equ_value(const char *expression)
{
    char src[512];
    snprintf(src, sizeof src, "T        CSECT\nA        DS    F\nB        DS    CL10\nX        EQU   %s\n         END\n",
             expression);
    struct assembly *a = asm_test_assemble(src);
    asm_test_assert_clean(a);
    int32_t v = (int32_t)asm_test_symbol(a, "X");
    assembly_destroy(a);
    return v;
}

START_TEST(test_self_defining_terms_decimal_hex_binary_character)
{
    ck_assert_int_eq(equ_value("1234"), 1234);
    ck_assert_int_eq(equ_value("X'7FFFFFFF'"), 0x7FFFFFFF);
    ck_assert_int_eq(equ_value("B'1011'"), 11);
    ck_assert_int_eq(equ_value("C'A'"), 0xC1);        /* EBCDIC */
    ck_assert_int_eq(equ_value("C'AB'"), 0xC1C2);
    ck_assert_int_eq(equ_value("C''''"), 0x7D);       /* two quotes: one quote */
    ck_assert_int_eq(equ_value("C'&&'"), 0x50);       /* two ampersands: one */
    ck_assert_int_eq(equ_value("X'0'"), 0);
}
END_TEST

START_TEST(test_arithmetic_precedence_and_parentheses)
{
    ck_assert_int_eq(equ_value("2+3*4"), 14);
    ck_assert_int_eq(equ_value("(2+3)*4"), 20);
    ck_assert_int_eq(equ_value("20/3"), 6);
    ck_assert_int_eq(equ_value("-7/2"), -3);   /* truncates toward zero */
    ck_assert_int_eq(equ_value("5/0"), 0);     /* division by zero is zero */
    ck_assert_int_eq(equ_value("-(3-10)"), 7);
    ck_assert_int_eq(equ_value("+-4"), -4);
}
END_TEST

START_TEST(test_difference_of_two_addresses_is_absolute)
{
    ck_assert_int_eq(equ_value("B-A"), 4);
    ck_assert_int_eq(equ_value("(B-A)*2"), 8);
}
END_TEST

START_TEST(test_length_attribute_of_symbols_and_location_counter)
{
    ck_assert_int_eq(equ_value("L'A"), 4);
    ck_assert_int_eq(equ_value("L'B"), 10);
    ck_assert_int_eq(equ_value("L'B+1"), 11);
}
END_TEST

START_TEST(test_location_counter_is_the_statement_address)
{
    struct assembly *a = asm_test_assemble("T        START X'100'\n         DS    XL6\nHERE     EQU   *\nNEXT     EQU   "
                                           "*+2\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "HERE"), 0x106);
    ck_assert_uint_eq(asm_test_symbol(a, "NEXT"), 0x108);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_equ_length_attribute_comes_from_leftmost_term_or_second_operand)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nF        DS    CL20\nG        EQU   F+4\nH        EQU   "
                                           "F,7\n         END\n");
    asm_test_assert_clean(a);
    struct asm_value v;
    uint32_t l;
    ck_assert(assembly_symbol_value(a, "G", &v, &l));
    ck_assert_uint_eq(l, 20);
    ck_assert(assembly_symbol_value(a, "H", &v, &l));
    ck_assert_uint_eq(l, 7);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_forward_reference_in_equ_is_resolved_after_pass_1)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nX        EQU   Y+1\nY        EQU   Z*2\nZ        EQU   "
                                           "10\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "X"), 21);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_relocatable_times_absolute_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nA        DS    F\nX        EQU   A*2\n         END\n");
    asm_test_assert_error(a, 3, 17, "relocatable term in a multiplication (expected absolute terms)");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_sum_of_two_addresses_cannot_be_a_displacement)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\nA        DS    F\n         L     "
                                           "1,A+A\n         END\n");
    asm_test_assert_error(a, 4, 18, "complexly relocatable");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_bad_self_defining_terms_are_errors_at_their_column)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nX        EQU   X'12G'\nY        EQU   B'102'\nZ        "
                                           "EQU   C'ABCDE'\nW        EQU   99999999999\n         END\n");
    asm_test_assert_error(a, 2, 20, "'G' in an X' term (expected a hexadecimal digit)");
    asm_test_assert_error(a, 3, 20, "'2' in a B' term (expected 0 or 1)");
    asm_test_assert_error(a, 4, 16, "C' term has more than 4 characters");
    asm_test_assert_error(a, 5, 16, "decimal term is too large");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_unbalanced_parenthesis_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nX        EQU   (1+2\n         END\n");
    asm_test_assert_error(a, 2, 20, "unbalanced parenthesis");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_undefined_symbol_is_named_with_its_column)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         LA    1,NOWHERE+4\n         END\n");
    asm_test_assert_error(a, 2, 18, "undefined symbol NOWHERE");
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm expressions");
    TCase *t = tcase_create("expressions");
    tcase_add_test(t, test_self_defining_terms_decimal_hex_binary_character);
    tcase_add_test(t, test_arithmetic_precedence_and_parentheses);
    tcase_add_test(t, test_difference_of_two_addresses_is_absolute);
    tcase_add_test(t, test_length_attribute_of_symbols_and_location_counter);
    tcase_add_test(t, test_location_counter_is_the_statement_address);
    tcase_add_test(t, test_equ_length_attribute_comes_from_leftmost_term_or_second_operand);
    tcase_add_test(t, test_forward_reference_in_equ_is_resolved_after_pass_1);
    tcase_add_test(t, test_relocatable_times_absolute_is_an_error);
    tcase_add_test(t, test_sum_of_two_addresses_cannot_be_a_displacement);
    tcase_add_test(t, test_bad_self_defining_terms_are_errors_at_their_column);
    tcase_add_test(t, test_unbalanced_parenthesis_is_an_error);
    tcase_add_test(t, test_undefined_symbol_is_named_with_its_column);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
