/* The remaining error paths of the directives and the macro language,
 * each with the line and column it names and what it expected. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/asm/asm_test_support.h"

static void expect(const char *source, unsigned line, unsigned column, const char *part)
{
    struct assembly *a = asm_test_assemble(source);
    asm_test_assert_error(a, line, column, part);
    assembly_destroy(a);
}

START_TEST(test_relocation_errors_in_address_constants)
{
    expect("T        CSECT\n         DC    A(F)\nM        DSECT\nF        DS    F\n         END\n", 2, 16,
           "address in DSECT M cannot be relocated");
    expect("T        CSECT\n         DC    A(T+T)\n         END\n", 2, 16, "address relocates +2 times against T");
    expect("T        CSECT\n         DC    V(TOOLONGNAME)\n         END\n", 2, 18,
           "external name is 11 characters long (expected at most 8)");
    expect("T        CSECT\n         DC    V(A+1)\n         END\n", 2, 18, "V-type value is not a symbol");
    expect("T        CSECT\n         DC    S(X)\nX        DS    F\n         END\n", 2, 18,
           "S-type address is not addressable");
    expect("T        CSECT\n         DC    AL1(256)\n         END\n", 2, 20, "value 256 does not fit in 1 bytes");
}
END_TEST

START_TEST(test_section_errors)
{
    expect("         DSECT\n         END\n", 1, 10, "DSECT has no name");
    expect("LONGNAME9 CSECT\n         END\n", 1, 1, "section name LONGNAME9 is 9 characters long");
    expect("M        DSECT\nM        CSECT\n         END\n", 2, 1, "M is already a DSECT");
    expect("E        CSECT\n         EXTRN X\nX        CSECT\n         END\n", 3, 1, "X is already a external symbol");
    expect("T        CSECT\n         DC    X'1'\nS        START 0\n         END\n", 3, 10,
           "START after the first control section");
}
END_TEST

START_TEST(test_using_drop_org_entry_extrn_errors)
{
    expect("T        CSECT\n         USING T\n         END\n", 2, 16, "USING has 1 operand (expected a base address");
    expect("T        CSECT\n         USING T,16\n         END\n", 2, 18, "base register 16 is out of range");
    expect("T        CSECT\n         USING T+T,3\n         END\n", 2, 16, "USING base is complexly relocatable");
    expect("T        CSECT\n         ORG   LATER\nLATER    DS    F\n         END\n", 2, 16,
           "symbol LATER is not defined before this statement");
    expect("T        CSECT\n         ENTRY TOOLONGNAME\n         END\n", 2, 16, "ENTRY operand is not a name of 1 to 8");
    expect("T        CSECT\n         EXTRN\n         END\n", 2, 15, "EXTRN has no operands");
    expect("T        CSECT\nX        USING T,12\n         END\n", 2, 1, "USING takes no name");
    struct assembly *a = asm_test_assemble("T        CSECT\n         DROP  9\n         END\n");
    asm_test_assert_message(a, ASM_SEVERITY_WARNING, 2, 16, "register 9 is not a USING base register");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_ccw_and_literal_errors)
{
    expect("T        CSECT\n         CCW   2,0,0\n         END\n", 2, 16, "CCW has 3 operands (expected 4");
    expect("T        CSECT\n         CCW   2,X'1000000',0,1\n         END\n", 2, 18, "CCW data address");
    expect("T        CSECT\n         CCW   256,0,0,1\n         END\n", 2, 16, "CCW command code 256 is out of range");
    expect("T        CSECT\n         USING T,12\n         L     1,=F'1'X\n         END\n", 3, 23,
           "'X' after the literal (expected '(', ',' or the end of the operand)");
    expect("T        CSECT\n         TITLE 'A'\nLONGNAME9 TITLE 'B'\n         END\n", 3, 1,
           "TITLE name LONGNAME9 is longer than 8 characters");
}
END_TEST

START_TEST(test_conditional_assembly_errors)
{
    expect("         AIF   &A.X\n         END\n", 1, 16, "AIF operand does not start with '('");
    expect("&A       SETA  1\n         AIF   (&A EQ 1)X\n         END\n", 2, 25,
           "AIF condition is not followed by a sequence symbol");
    expect("         AGO   .NOWHERE\n         END\n", 1, 16, "sequence symbol .NOWHERE is not defined in open code");
    expect("         AGO   NOWHERE\n         END\n", 1, 16, "AGO operand is not a sequence symbol");
    expect("         LCLA  &A\n         LCLA  &A\n         END\n", 2, 16, "&A is already declared here");
    expect("         GBLA  &G\n         MACRO\n         M\n         GBLC  &G\n         MEND\n         M\n         END\n",
           4, 16, "&G cannot be declared global");
    expect("         LCLA  &D(0)\n         END\n", 1, 16, "dimension 0 of &D is out of range");
    expect("&C       SETC  5\n         END\n", 1, 16, "SETC value is not a character expression");
    expect("&B       SETB  (2)\n         END\n", 1, 16, "value 2 is not a binary value");
    expect("         MNOTE 300,'X'\n         END\n", 1, 16, "MNOTE severity 300 is out of range");
    expect("         MNOTE 4,X\n         END\n", 1, 18, "MNOTE message is not a quoted string");
    expect("&C       SETC  'ABC\n         END\n", 1, 16, "character string has no closing quote");
    expect("&C       SETC  'ABC'(0,1)\n         END\n", 1, 21, "substring (0,1) is out of range");
    expect("&A       SETA  1+X\n         END\n", 1, 18, "ordinary symbol in a conditional-assembly expression");
    expect("         LCLA  &V(2)\n&V(3)    SETA  1\n         END\n", 2, 1, "subscript 3 of &V is out of range");
    expect("         LCLA  &V(2)\n&A       SETA  &V\n         END\n", 2, 16, "&V is dimensioned");
    expect("&A       SETA  &SYSLIST(1)\n         END\n", 1, 16, "undefined variable symbol &SYSLIST");
    expect("&SYSNDX  SETA  1\n         END\n", 1, 1, "&SYSNDX is a system variable and cannot be set");
    expect("&X(1)    SETA  1\n         END\n", 1, 1, "&X is subscripted but not declared");
}
END_TEST

START_TEST(test_macro_definition_errors)
{
    expect("         MACRO\n         M     &A,&A\n         MEND\n         END\n", 2, 19,
           "parameter &A appears twice in the prototype");
    expect("         MACRO\n         OUTER\n         MACRO\n         INNER\n         MEND\n         MEND\n         END\n", 3,
           10, "macro definition inside a macro definition");
    expect("         MACRO\n         END\n", 1, 10, "macro definition has no MEND");
    expect("         MACRO\n&1       M\n         MEND\n         END\n", 2, 1, "prototype name field is not a parameter");
    expect("         COPY  'X'\n         END\n", 1, 16, "COPY operand is not a member name");
}
END_TEST

START_TEST(test_library_member_that_is_not_a_macro_definition)
{
    char *dir = asm_test_temp_dir();
    asm_test_write_file(dir, "NOTMAC.mac", "         LR    1,2\n");
    asm_test_write_file(dir, "OTHER.mac", "         MACRO\n         SOMETHING\n         MEND\n");
    const char *dirs[] = {dir};
    struct assembly *a = asm_test_assemble_with("T        CSECT\n         NOTMAC\n         OTHER\n         END\n", dirs, 1);
    /* The first message names the member's own line. */
    asm_test_assert_error(a, 1, 1, "library member NOTMAC has a statement outside MACRO ... MEND");
    asm_test_assert_error(a, 2, 10, "does not define macro NOTMAC");
    asm_test_assert_error(a, 3, 10, "does not define macro OTHER");
    ck_assert_uint_eq(a->diagnostics.error_count, 3); /* no "unknown operation" besides */
    assembly_destroy(a);
    asm_test_remove_dir(dir);
}
END_TEST

START_TEST(test_sysect_names_the_section_of_the_call)
{
    struct assembly *a = asm_test_assemble("         MACRO\n         WHERE\n         DC    C'&SYSECT'\n         "
                                           "MEND\nPROGA    CSECT\n         WHERE\nDATA     DSECT\n         WHERE\n        "
                                           " END\n");
    asm_test_assert_bytes(a, 0, "D7D9D6C7C1");
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm error paths");
    TCase *t = tcase_create("errors");
    tcase_add_test(t, test_relocation_errors_in_address_constants);
    tcase_add_test(t, test_section_errors);
    tcase_add_test(t, test_using_drop_org_entry_extrn_errors);
    tcase_add_test(t, test_ccw_and_literal_errors);
    tcase_add_test(t, test_conditional_assembly_errors);
    tcase_add_test(t, test_macro_definition_errors);
    tcase_add_test(t, test_library_member_that_is_not_a_macro_definition);
    tcase_add_test(t, test_sysect_names_the_section_of_the_call);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
