/* DC and DS: every constant type, duplication factors, explicit lengths,
 * several operands and values, alignment, and floating-point conversion. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/asm/asm_test_support.h"

/* Assembles "T CSECT / <statement> / END" and compares the bytes at 0. */
static void dc(const char *statement, const char *hex)
{
    char src[512];
    snprintf(src, sizeof src, "T        CSECT\nC        %s\n         END\n", statement);
    struct assembly *a = asm_test_assemble(src);
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, hex);
    assembly_destroy(a);
}

START_TEST(test_character_constants_are_ebcdic_padded_with_blanks)
{
    dc("DC    C'AB1'", "C1C2F1");
    dc("DC    CL5'AB'", "C1C2404040");
    dc("DC    CL2'ABCD'", "C1C2");               /* truncated on the right */
    dc("DC    C'A''B'", "C17DC2");               /* '' is one quote */
    dc("DC    C'A&&B'", "C150C2");               /* && is one ampersand */
    dc("DC    C'a b'", "814082");                /* lower case kept */
    dc("DC    3C'XY'", "E7E8E7E8E7E8");
}
END_TEST

START_TEST(test_hex_and_binary_constants_pad_and_truncate_on_the_left)
{
    dc("DC    X'0A1B'", "0A1B");
    dc("DC    X'ABC'", "0ABC");
    dc("DC    XL4'FF'", "000000FF");
    dc("DC    XL1'1234'", "34");
    dc("DC    X'01,2,FF'", "01 02 FF");
    dc("DC    B'101'", "05");
    dc("DC    B'1000000001'", "0201");
    dc("DC    BL2'1'", "0001");
}
END_TEST

START_TEST(test_fullword_and_halfword_integers)
{
    dc("DC    F'1'", "00000001");
    dc("DC    F'-1'", "FFFFFFFF");
    dc("DC    F'2147483647'", "7FFFFFFF");
    dc("DC    F'-2147483648'", "80000000");
    dc("DC    H'-2,300'", "FFFE 012C");
    dc("DC    FL3'-2'", "FFFFFE");
    dc("DC    F'1E3'", "000003E8");
    dc("DC    2F'7'", "00000007 00000007");
}
END_TEST

START_TEST(test_packed_and_zoned_decimal)
{
    dc("DC    P'123'", "123C");
    dc("DC    P'-45'", "045D");
    dc("DC    P'0'", "0C");
    dc("DC    PL4'+99'", "0000099C");
    dc("DC    P'1.25'", "125C");                 /* the point only documents the scale */
    dc("DC    Z'123'", "F1F2C3");
    dc("DC    Z'-12'", "F1D2");
    dc("DC    ZL4'7'", "F0F0F0C7");
}
END_TEST

START_TEST(test_short_and_long_floating_point_constants)
{
    dc("DC    E'1'", "41100000");
    dc("DC    E'-1.5'", "C1180000");
    dc("DC    E'100'", "42640000");
    dc("DC    E'0.1'", "4019999A"); /* rounded to nearest */
    dc("DC    E'0'", "00000000");
    dc("DC    D'0.1'", "401999999999999A");
    dc("DC    D'1E10'", "492540BE40000000");
    dc("DC    D'-2.5E-1'", "C040000000000000");
    dc("DC    E'.5E-3'", "3E20C49C");
}
END_TEST

START_TEST(test_address_constants_a_y_and_their_lengths)
{
    struct assembly *a = asm_test_assemble("T        START X'1000'\nA        DC    A(A,B+4,X'123')\nB        DC    "
                                           "Y(B)\n         DC    AL3(B)\n         DC    AL1(255)\n         END\n");
    asm_test_assert_bytes(a, 0x1000, "00001000 00001010 00000123 100C 00100C FF");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_v_constant_is_zero_with_an_external_reference)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    V(SUB1,SUB2)\n         END\n");
    asm_test_assert_bytes(a, 0, "00000000 00000000");
    ck_assert_uint_eq(a->relocation_count, 2);
    ck_assert(a->relocations[0].v_type);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_s_constant_is_base_and_displacement)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,11\n         DC    S(X,200(7))\nX        "
                                           "DS    F\n         END\n");
    asm_test_assert_bytes(a, 0, "B004 70C8");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_alignment_of_f_h_d_and_none_with_explicit_length)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    C'A'\nF        DC    F'1'\n         DC    "
                                           "C'B'\nH        DC    H'2'\n         DC    C'C'\nD        DC    D'0'\n   "
                                           "      DC    C'E'\nN        DC    FL4'3'\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "F"), 4);
    ck_assert_uint_eq(asm_test_symbol(a, "H"), 10);
    ck_assert_uint_eq(asm_test_symbol(a, "D"), 16);
    ck_assert_uint_eq(asm_test_symbol(a, "N"), 25);
    /* Alignment bytes of DC are zeros. */
    asm_test_assert_bytes(a, 0, "C1000000 00000001 C200 0002 C3000000 0000000000000000 C5 00000003");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_ds_reserves_without_object_code_and_zero_duplication_aligns)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    C'A'\nB        DS    CL80\nD        DS    "
                                           "0D\nE        DS    3F\nZ        DS    C\n         END\n");
    asm_test_assert_clean(a);
    ck_assert_uint_eq(asm_test_symbol(a, "B"), 1);
    ck_assert_uint_eq(asm_test_symbol(a, "D"), 88);
    ck_assert_uint_eq(asm_test_symbol(a, "E"), 88);
    ck_assert_uint_eq(asm_test_symbol(a, "Z"), 100);
    ck_assert_uint_eq(a->text_count, 1);
    ck_assert_uint_eq(a->text[0].len, 1);
    struct asm_value v;
    uint32_t l;
    assembly_symbol_value(a, "B", &v, &l);
    ck_assert_uint_eq(l, 80);
    assembly_symbol_value(a, "D", &v, &l);
    ck_assert_uint_eq(l, 8);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_several_operands_and_length_attribute_of_the_first)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nM        DC    CL3'AB',F'1',X'FF'\n         END\n");
    asm_test_assert_bytes(a, 0, "C1C240 00 00000001 FF");
    struct asm_value v;
    uint32_t l;
    assembly_symbol_value(a, "M", &v, &l);
    ck_assert_uint_eq(l, 3);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_duplication_and_length_in_parentheses_use_previous_symbols)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nN        EQU   3\nM        EQU   2\n         DC    "
                                           "(N)XL(M)'AB'\n         END\n");
    asm_test_assert_bytes(a, 0, "00AB 00AB 00AB");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_constant_errors_name_the_column_and_what_was_expected)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    F'12X'\n         DC    Q(X)\n         DC    "
                                           "F\n         DC    H'99999'\n         DC    X'1G'\n         DC    "
                                           "FL9'1'\n         DC    P'1A'\n         DC    C'ABC\n         DC    "
                                           "A'1'\n         DC    L'1.5'\n         DS    (LATER)C\nLATER    EQU   "
                                           "5\n         END\n");
    asm_test_assert_error(a, 2, 20, "'X' in an integer constant (expected digits)");
    asm_test_assert_error(a, 3, 16, "pseudo-register");
    asm_test_assert_error(a, 4, 17, "DC operand has no value");
    asm_test_assert_error(a, 5, 18, "value 99999 does not fit in 2 bytes");
    asm_test_assert_error(a, 6, 19, "'G' in a hexadecimal constant");
    asm_test_assert_error(a, 7, 17, "length 9 is not allowed for type F (expected 1 to 8)");
    asm_test_assert_error(a, 8, 19, "'A' in a decimal constant");
    asm_test_assert_error(a, 9, 17, "no closing quote");
    asm_test_assert_error(a, 10, 17, "type A takes its value in parentheses");
    asm_test_assert_error(a, 11, 16, "extended floating point");
    asm_test_assert_error(a, 12, 17, "uses symbol LATER, which is not defined before this statement");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_floating_point_out_of_range_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    E'1E80'\n         DC    D'1E-90'\n         "
                                           "END\n");
    asm_test_assert_error(a, 2, 18, "too large for System/360 floating point");
    asm_test_assert_error(a, 3, 18, "too small for System/360 floating point");
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm constants");
    TCase *t = tcase_create("constants");
    tcase_add_test(t, test_character_constants_are_ebcdic_padded_with_blanks);
    tcase_add_test(t, test_hex_and_binary_constants_pad_and_truncate_on_the_left);
    tcase_add_test(t, test_fullword_and_halfword_integers);
    tcase_add_test(t, test_packed_and_zoned_decimal);
    tcase_add_test(t, test_short_and_long_floating_point_constants);
    tcase_add_test(t, test_address_constants_a_y_and_their_lengths);
    tcase_add_test(t, test_v_constant_is_zero_with_an_external_reference);
    tcase_add_test(t, test_s_constant_is_base_and_displacement);
    tcase_add_test(t, test_alignment_of_f_h_d_and_none_with_explicit_length);
    tcase_add_test(t, test_ds_reserves_without_object_code_and_zero_duplication_aligns);
    tcase_add_test(t, test_several_operands_and_length_attribute_of_the_first);
    tcase_add_test(t, test_duplication_and_length_in_parentheses_use_previous_symbols);
    tcase_add_test(t, test_constant_errors_name_the_column_and_what_was_expected);
    tcase_add_test(t, test_floating_point_out_of_range_is_an_error);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
