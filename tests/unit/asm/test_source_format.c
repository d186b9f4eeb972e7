/* The card format: name in column 1, continuation in column 72 and text
 * from column 16, sequence field 73-80, free-form relaxations (tabs,
 * continuation text before column 16, lower case, CR LF), and the errors
 * for cards that break it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/asm/asm_test_support.h"

/* A card: text padded to column 71, then column 72 and 73-80. */
static void card(char *out, size_t size, const char *text, char col72, const char *seq)
{
    snprintf(out, size, "%-71s%c%s\n", text, col72, seq);
}

START_TEST(test_string_continued_in_column_72_resumes_in_column_16)
{
    /* The string fills columns 18-71 (54 characters) and goes on in
     * columns 16-18 of the next card. */
    char text[80], c1[128], c2[128], src[512];
    snprintf(text, sizeof text, "T        DC    C'%s", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZAB");
    ck_assert_uint_eq(strlen(text), 71);
    card(c1, sizeof c1, text, 'X', "00000010");
    card(c2, sizeof c2, "               XYZ'", ' ', "00000020");
    snprintf(src, sizeof src, "%s%s         END\n", c1, c2);
    struct assembly *a = asm_test_assemble(src);
    asm_test_assert_clean(a);
    ck_assert_uint_eq(a->text[0].len, 57);
    asm_test_assert_bytes(a, 0, "C1C2C3");
    asm_test_assert_bytes(a, 52, "C1C2 E7E8E9");
    ck_assert_uint_eq(a->statements[0].line_count, 2);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_sequence_field_is_ignored)
{
    char c1[128], src[256];
    card(c1, sizeof c1, "T        DC    X'01'", ' ', "SEQ00001");
    snprintf(src, sizeof src, "%s         END\n", c1);
    struct assembly *a = asm_test_assemble(src);
    asm_test_assert_bytes(a, 0, "01");
    ck_assert_uint_eq(a->text[0].len, 1);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_card_longer_than_80_columns_is_an_error_at_column_81)
{
    char src[256];
    snprintf(src, sizeof src, "T        CSECT%68s%s\n         END\n", "", "EXTRA");
    struct assembly *a = asm_test_assemble(src);
    asm_test_assert_error(a, 1, 81, "line is 87 columns long; a card has 80");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_continuation_expected_at_end_of_file_is_an_error)
{
    char c1[128];
    card(c1, sizeof c1, "T        DC    C'ABC", 'X', "");
    struct assembly *a = asm_test_assemble(c1);
    asm_test_assert_error(a, 1, 72, "column 72 asks for a continuation card, but the file ends");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_continuation_text_may_start_before_column_16)
{
    char c1[128], src[512];
    card(c1, sizeof c1, "T        DC    X'0102", 'X', "");
    snprintf(src, sizeof src, "%s   03'\n         END\n", c1);
    /* The text of the second card starts at its first non-blank column;
     * the first card's text runs to column 71. */
    struct assembly *a = asm_test_assemble(src);
    ck_assert_uint_eq(a->diagnostics.error_count, 1); /* the blanks of card 1 are not hex digits */
    assembly_destroy(a);
    /* An operand that ends with a comma and a blank goes on at the start
     * of the next card's text. */
    char c3[128];
    card(c3, sizeof c3, "T        DC    A(1,", 'X', "");
    snprintf(src, sizeof src, "%s  2)\n         END\n", c3);
    a = asm_test_assemble(src);
    asm_test_assert_bytes(a, 0, "00000001 00000002");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_tabs_expand_to_8_column_stops)
{
    struct assembly *a = asm_test_assemble("T\tCSECT\n\tLR\t1,2\n\tEND\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "1812");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_crlf_line_ends_and_a_last_line_without_end_are_accepted)
{
    struct assembly *a = asm_test_assemble("T        CSECT\r\n         LR    1,2\r\n         END");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "1812");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_comments_blank_cards_and_remarks_are_ignored)
{
    struct assembly *a = asm_test_assemble("* a comment card\n\n.* a macro comment\nT        CSECT  remarks here\n   "
                                           "      LR    1,2        load register 1\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "1812");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_control_characters_are_errors_at_their_column)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         LR    1,2\x01\n         END\n");
    asm_test_assert_error(a, 2, 19, "control character X'01' in the source");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_invalid_name_and_name_without_operation_are_errors)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n1ABC     LR    1,2\nLONELY\n         END\n");
    asm_test_assert_error(a, 2, 1, "name 1ABC is not a valid symbol");
    asm_test_assert_error(a, 3, 7, "statement has a name but no operation");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_quoted_blanks_do_not_end_the_operand_field)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         DC    C' A B ',X'FF'  remark\n         END\n");
    asm_test_assert_bytes(a, 0, "40C140C240 FF");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_length_attribute_quote_is_not_a_string)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING T,12\nF        DS    CL9\n         MVC   "
                                           "F(L'F),F+1\n         END\n");
    asm_test_assert_bytes(a, 10, "D208 C000 C001");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_file_that_cannot_be_read_is_named)
{
    struct assembly *a = assembly_create(NULL);
    struct error err;
    ck_assert(!assembly_read_file(a, "/nonexistent/prog.asm", &err));
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/prog.asm: cannot open"));
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm source format");
    TCase *t = tcase_create("cards");
    tcase_add_test(t, test_string_continued_in_column_72_resumes_in_column_16);
    tcase_add_test(t, test_sequence_field_is_ignored);
    tcase_add_test(t, test_card_longer_than_80_columns_is_an_error_at_column_81);
    tcase_add_test(t, test_continuation_expected_at_end_of_file_is_an_error);
    tcase_add_test(t, test_continuation_text_may_start_before_column_16);
    tcase_add_test(t, test_tabs_expand_to_8_column_stops);
    tcase_add_test(t, test_crlf_line_ends_and_a_last_line_without_end_are_accepted);
    tcase_add_test(t, test_comments_blank_cards_and_remarks_are_ignored);
    tcase_add_test(t, test_control_characters_are_errors_at_their_column);
    tcase_add_test(t, test_invalid_name_and_name_without_operation_are_errors);
    tcase_add_test(t, test_quoted_blanks_do_not_end_the_operand_field);
    tcase_add_test(t, test_length_attribute_quote_is_not_a_string);
    tcase_add_test(t, test_file_that_cannot_be_read_is_named);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
