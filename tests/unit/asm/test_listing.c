/* The listing: statement lines (location, object code, addresses,
 * statement number, source), macro expansions, literal pools, messages
 * under their statements, PRINT/TITLE/EJECT/SPACE, the dictionaries and
 * the cross-reference. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/listing.h"
#include "tests/unit/asm/asm_test_support.h"

static const char *const source =
    "         TITLE 'LISTING TEST'\n"
    "         MACRO\n"
    "         TWO   &A\n"
    "         DC    AL1(&A,&A)\n"
    "         MEND\n"
    "T        CSECT\n"
    "         USING T,12\n"
    "A        L     1,=F'1'\n"
    "         TWO   5\n"
    "         PRINT NOGEN\n"
    "         TWO   6\n"
    "         PRINT GEN,DATA\n"
    "LONG     DC    XL12'0102030405060708090A0B0C'\n"
    "         PRINT OFF\n"
    "HIDDEN   DC    X'01'\n"
    "         PRINT ON\n"
    "         L     2,NOWHERE\n"
    "         SPACE 2\n"
    "         MVC   LONG(2),A\n"
    "         EJECT\n"
    "         END\n";

static char *listing_of(const char *src)
{
    struct assembly *a = asm_test_assemble(src);
    struct byte_buffer b;
    byte_buffer_init(&b);
    listing_write(a, &b);
    assembly_destroy(a);
    return byte_buffer_take_string(&b);
}

static void assert_line(const char *listing, const char *line)
{
    const char *p = listing;
    size_t n = strlen(line);
    while ((p = strstr(p, line)) != NULL) {
        if ((p == listing || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return;
        p++;
    }
    ck_assert_msg(0, "the listing has no line \"%s\":\n%s", line, listing);
}

static void assert_no_text(const char *listing, const char *text)
{
    ck_assert_msg(strstr(listing, text) == NULL, "the listing should not contain \"%s\"", text);
}

START_TEST(test_page_heading_carries_the_title_and_column_headings)
{
    char *l = listing_of(source);
    ck_assert_msg(strncmp(l, "vm67 asm LISTING TEST", 21) == 0, "%s", l);
    assert_line(l, "  LOC  OBJECT CODE       ADDR1  ADDR2   STMT  SOURCE STATEMENT");
    free(l);
}
END_TEST

START_TEST(test_instruction_line_shows_location_object_code_and_operand_address)
{
    char *l = listing_of(source);
    assert_line(l, "000000 5810 C020                000020     8  A        L     1,=F'1'");
    assert_line(l, "00001A D201 C008 C000    000008 000000    23           MVC   LONG(2),A");
    free(l);
}
END_TEST

START_TEST(test_macro_expansion_lines_are_marked_and_nogen_hides_them)
{
    char *l = listing_of(source);
    assert_line(l, "                                           9           TWO   5");
    assert_line(l, "000004 0505                               10  +         DC    AL1(5,5)");
    assert_no_text(l, "AL1(6,6)");
    free(l);
}
END_TEST

START_TEST(test_print_data_lists_every_byte_and_print_off_hides_statements)
{
    char *l = listing_of(source);
    assert_line(l, "000008 0102030405060708                   17  LONG     DC    XL12'0102030405060708090A0B0C'");
    assert_line(l, "000010 090A0B0C");
    assert_no_text(l, "HIDDEN   DC");
    free(l);
}
END_TEST

START_TEST(test_messages_follow_their_statement_and_the_summary_counts_them)
{
    char *l = listing_of(source);
    const char *stmt = strstr(l, "L     2,NOWHERE");
    ck_assert_ptr_nonnull(stmt);
    const char *next = strchr(stmt, '\n') + 1;
    ck_assert_msg(strncmp(next, "** test.asm:17:18: error: undefined symbol NOWHERE", 50) == 0, "%s", next);
    assert_line(l, "1 error, 0 warnings, 25 statements");
    free(l);
}
END_TEST

START_TEST(test_literal_pool_is_listed_after_its_statement)
{
    char *l = listing_of(source);
    const char *end = strstr(l, "           END\n");
    ck_assert_ptr_nonnull(end);
    ck_assert_msg(strncmp(end + 15, "000020 00000001                               =F'1'\n", 52) == 0, "%s", end);
    free(l);
}
END_TEST

START_TEST(test_eject_and_space_shape_the_pages)
{
    char *l = listing_of(source);
    /* EJECT before END: END starts a new page. */
    const char *end = strstr(l, "           END\n");
    const char *ff = strrchr(l, '\f');
    ck_assert_ptr_nonnull(end);
    const char *page2 = strchr(l, '\f');
    ck_assert_ptr_nonnull(page2);
    ck_assert(page2 < end);
    (void)ff;
    /* SPACE 2: two empty lines before the MVC. */
    const char *mvc = strstr(l, "00001A D201");
    ck_assert_ptr_nonnull(mvc);
    ck_assert(mvc - l > 3 && mvc[-1] == '\n' && mvc[-2] == '\n' && mvc[-3] == '\n');
    free(l);
}
END_TEST

START_TEST(test_cross_reference_lists_definition_and_references)
{
    char *l = listing_of(source);
    assert_line(l, "CROSS-REFERENCE");
    assert_line(l, "SYMBOL    LEN    VALUE   DEFN   REFERENCES");
    assert_line(l, "A             4  000000      8  23");
    assert_line(l, "LONG         12  000008     17  23");
    assert_line(l, "NOWHERE          ****    UNDEF  21");
    assert_line(l, "T             1  000000      6  7");
    free(l);
}
END_TEST

START_TEST(test_external_symbol_and_relocation_dictionaries)
{
    char *l = listing_of("MAIN     CSECT\n         DC    A(MAIN),V(SUB)\n         ENTRY MAIN\n         END\n");
    assert_line(l, "EXTERNAL SYMBOL DICTIONARY");
    assert_line(l, "MAIN      SD    0001  000000  000008");
    assert_line(l, "SUB       ER    0002");
    assert_line(l, "MAIN      LD    0001  000000");
    assert_line(l, "0001    0001    0C     000000");
    assert_line(l, "0001    0002    1C     000004");
    free(l);
}
END_TEST

START_TEST(test_continuation_cards_are_listed_under_their_statement)
{
    char card1[128];
    snprintf(card1, sizeof card1, "%-71sX\n", "T        DC    C'AB");
    char src[512];
    snprintf(src, sizeof src, "%s               CD'\n         END\n", card1);
    char *l = listing_of(src);
    const char *first = strstr(l, "T        DC    C'AB");
    ck_assert_ptr_nonnull(first);
    const char *second = strchr(first, '\n') + 1;
    /* 46 columns of location, object code, addresses and statement number,
     * then the card as it is. */
    char want[128];
    snprintf(want, sizeof want, "%46s%s\n", "", "               CD'");
    ck_assert_msg(strncmp(second, want, strlen(want)) == 0, "%s", second);
    free(l);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm listing");
    TCase *t = tcase_create("listing");
    tcase_add_test(t, test_page_heading_carries_the_title_and_column_headings);
    tcase_add_test(t, test_instruction_line_shows_location_object_code_and_operand_address);
    tcase_add_test(t, test_macro_expansion_lines_are_marked_and_nogen_hides_them);
    tcase_add_test(t, test_print_data_lists_every_byte_and_print_off_hides_statements);
    tcase_add_test(t, test_messages_follow_their_statement_and_the_summary_counts_them);
    tcase_add_test(t, test_literal_pool_is_listed_after_its_statement);
    tcase_add_test(t, test_eject_and_space_shape_the_pages);
    tcase_add_test(t, test_cross_reference_lists_definition_and_references);
    tcase_add_test(t, test_external_symbol_and_relocation_dictionaries);
    tcase_add_test(t, test_continuation_cards_are_listed_under_their_statement);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
