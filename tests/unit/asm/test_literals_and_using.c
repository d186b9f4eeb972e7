/* Literal pools (LTORG, END, ordering, sharing) and USING/DROP
 * resolution with several base registers and DSECTs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/asm/asm_test_support.h"

START_TEST(test_literals_go_to_the_ltorg_pool_in_order_of_alignment)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\n         MVC   0(1,1),=C'A'\n    "
                                           "     L     1,=F'1'\n         LD    0,=D'1'\n         LH    1,=H'2'\n    "
                                           "     LTORG\n         END\n");
    asm_test_assert_clean(a);
    /* Code ends at 18; the pool at 24: =D'1' at 24, =F'1' at 32, =H'2' at
     * 36, =C'A' at 38. */
    asm_test_assert_bytes(a, 0, "D200 1000 C026  5810 C020  6800 C018  4810 C024");
    asm_test_assert_bytes(a, 24, "4110000000000000 00000001 0002 C1");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_the_same_literal_is_shared_within_a_pool)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\n         L     1,=F'7'\n         "
                                           "L     2,=F'7'\n         END\n");
    asm_test_assert_bytes(a, 0, "5810C008 5820C008 00000007");
    ck_assert_uint_eq(a->literals.count, 1);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_each_ltorg_starts_a_new_pool)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\n         L     1,=F'7'\n         "
                                           "LTORG\n         L     2,=F'7'\n         END\n");
    asm_test_assert_bytes(a, 0, "5810C008");
    asm_test_assert_bytes(a, 8, "00000007");
    asm_test_assert_bytes(a, 12, "5820C010 00000007");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_literals_without_ltorg_go_to_the_end_of_the_first_section)
{
    struct assembly *a = asm_test_assemble("ONE      CSECT\n         USING *,12\n         L     1,=A(TWO)\nTWO      "
                                           "CSECT\n         DC    X'AA'\n         END\n");
    asm_test_assert_clean(a);
    /* ONE: the L at 0, the pool at 8 (doubleword); TWO follows at 16. */
    ck_assert_uint_eq(asm_test_symbol(a, "TWO"), 16);
    asm_test_assert_bytes(a, 0, "5810C008");
    asm_test_assert_bytes(a, 8, "00000010");
    asm_test_assert_bytes(a, 16, "AA");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_location_counter_literal_has_one_entry_per_use)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\n         L     1,=A(*)\n         "
                                           "L     2,=A(*)\n         LTORG\n         END\n");
    asm_test_assert_bytes(a, 0, "5810C008 5820C00C 00000000 00000004");
    ck_assert_uint_eq(a->relocation_count, 2);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_literal_with_index_register)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\n         L     1,=F'3'(5)\n         "
                                           "END\n");
    asm_test_assert_bytes(a, 0, "5815C008");
    asm_test_assert_bytes(a, 8, "00000003");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_implicit_length_of_a_literal_operand)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\nF        DS    CL5\n         CLC   "
                                           "F(3),=C'ABCDE'\n         MVC   F,=CL5'X'\n         END\n");
    asm_test_assert_clean(a);
    /* The pool at 24 holds =C'ABCDE' then =CL5'X'. */
    asm_test_assert_bytes(a, 6, "D502 C000 C018  D204 C000 C01D");
    asm_test_assert_bytes(a, 24, "C1C2C3C4C5 E740404040");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_literal_with_zero_duplication_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING *,12\n         L     1,=0F'1'\n         "
                                           "END\n");
    asm_test_assert_error(a, 3, 19, "literal has a duplication factor of 0");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_using_picks_the_smallest_displacement_and_the_higher_register_on_ties)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING T,10\n         USING T+4096,11\n         "
                                           "USING T+4096,12\n         L     1,FAR\n         L     1,NEAR\n         DS "
                                           "   XL5000\nFAR      DS    F\nNEAR     EQU   T+8\n         END\n");
    asm_test_assert_clean(a);
    /* FAR = 8+5000 = 5008 -> 5008-4096 = 912 = X'390' from R11 or R12: R12 wins. */
    asm_test_assert_bytes(a, 0, "5810C390 5810A008");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_using_with_several_registers_covers_consecutive_4k_blocks)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING T,3,4,5\n         L     1,X\n         L     "
                                           "1,Y\n         DS    XL9000\nX        DS    F\n         DS    XL200\nY        "
                                           "DS    F\n         END\n");
    asm_test_assert_clean(a);
    /* X = 8+9000 = 9008: R5 (8192) + 816; Y = 9212: R5 + 1020. */
    asm_test_assert_bytes(a, 0, "58105330 581053FC");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_drop_removes_a_base_register)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING T,10\n         USING T,11\n         DROP  "
                                           "11\n         L     1,X\n         DROP  \n         L     1,X\nX        DS    "
                                           "F\n         END\n");
    asm_test_assert_error(a, 7, 18, "no USING is in effect for that section");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_address_beyond_4095_of_every_base_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING T,10\n         L     1,X\n         DS    "
                                           "XL5000\nX        DS    F\n         END\n");
    asm_test_assert_error(a, 3, 18, "is not within 4095 bytes above any USING base");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_dsect_fields_are_addressed_through_their_own_using)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING T,12\n         USING REC,5\n         MVC   "
                                           "NAME,BLANKS\n         L     1,COUNT\nBLANKS   DC    CL8' '\nREC      DSECT\nCOUNT    "
                                           "DS    F\nNAME     DS    CL8\n         END\n");
    asm_test_assert_clean(a);
    asm_test_assert_bytes(a, 0, "D207 5004 C00A  5810 5000");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_absolute_address_below_4096_needs_no_using)
{
    struct assembly *a = asm_test_assemble("T        CSECT\nIOOLD    EQU   X'38'\n         MVC   X'78'(8),IOOLD\n  "
                                           "       END\n");
    asm_test_assert_bytes(a, 0, "D207 0078 0038");
    assembly_destroy(a);
}
END_TEST

START_TEST(test_using_register_zero_with_a_relocatable_base_is_an_error)
{
    struct assembly *a = asm_test_assemble("T        CSECT\n         USING T,0\n         END\n");
    asm_test_assert_error(a, 2, 18, "register 0 cannot be a base for a relocatable address");
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm literals and USING");
    TCase *t = tcase_create("literals");
    tcase_add_test(t, test_literals_go_to_the_ltorg_pool_in_order_of_alignment);
    tcase_add_test(t, test_the_same_literal_is_shared_within_a_pool);
    tcase_add_test(t, test_each_ltorg_starts_a_new_pool);
    tcase_add_test(t, test_literals_without_ltorg_go_to_the_end_of_the_first_section);
    tcase_add_test(t, test_location_counter_literal_has_one_entry_per_use);
    tcase_add_test(t, test_literal_with_index_register);
    tcase_add_test(t, test_implicit_length_of_a_literal_operand);
    tcase_add_test(t, test_literal_with_zero_duplication_is_an_error);
    suite_add_tcase(s, t);
    TCase *u = tcase_create("using");
    tcase_add_test(u, test_using_picks_the_smallest_displacement_and_the_higher_register_on_ties);
    tcase_add_test(u, test_using_with_several_registers_covers_consecutive_4k_blocks);
    tcase_add_test(u, test_drop_removes_a_base_register);
    tcase_add_test(u, test_address_beyond_4095_of_every_base_is_an_error);
    tcase_add_test(u, test_dsect_fields_are_addressed_through_their_own_using);
    tcase_add_test(u, test_absolute_address_below_4096_needs_no_using);
    tcase_add_test(u, test_using_register_zero_with_a_relocatable_base_is_an_error);
    suite_add_tcase(s, u);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
