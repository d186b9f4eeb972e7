/* The 2741 and TTY line codes of devices/comm_codes.c: the code points
 * (TCAM's IEDQ27/IEDQ28 tables, the 2703's bit order), odd parity, cases,
 * and round trips EBCDIC <-> 2741 <-> ASCII and EBCDIC <-> TTY. */
#include <check.h>
#include <stdlib.h>

#include "devices/comm_codes.h"
#include "lib/ebcdic.h"

static void assert_glyph_code(enum comm_2741_code_set set, uint8_t glyph, uint8_t code, bool upper)
{
    uint8_t got;
    bool got_upper;
    ck_assert_msg(comm_2741_code_for_glyph(set, glyph, &got, &got_upper), "glyph '%c' has no code", glyph);
    ck_assert_msg(got == code && got_upper == upper, "glyph '%c': code %02X %s, expected %02X %s", glyph, got,
                  got_upper ? "upper" : "lower", code, upper ? "upper" : "lower");
}

START_TEST(test_ebcd_digits_and_letters_have_the_iedq27_codes)
{
    static const uint8_t digits[10] = {0x15, 0x02, 0x04, 0x07, 0x08, 0x0B, 0x0D, 0x0E, 0x10, 0x13};
    for (int d = 0; d <= 9; d++)
        assert_glyph_code(COMM_2741_EBCD, (uint8_t)('0' + d), digits[d], false);
    assert_glyph_code(COMM_2741_EBCD, 'a', 0x62, false);
    assert_glyph_code(COMM_2741_EBCD, 'A', 0x62, true);
    assert_glyph_code(COMM_2741_EBCD, 'j', 0x43, false);
    assert_glyph_code(COMM_2741_EBCD, 's', 0x25, false);
    assert_glyph_code(COMM_2741_EBCD, 'Z', 0x32, true);
    assert_glyph_code(COMM_2741_EBCD, ' ', 0x01, false);
    assert_glyph_code(COMM_2741_EBCD, '#', 0x16, false);
    assert_glyph_code(COMM_2741_EBCD, '@', 0x20, false);
    assert_glyph_code(COMM_2741_EBCD, 0xA2, 0x20, true);  /* cent sign */
    assert_glyph_code(COMM_2741_EBCD, 0xAC, 0x76, true);  /* not sign */
    assert_glyph_code(COMM_2741_EBCD, '.', 0x76, false);
    assert_glyph_code(COMM_2741_EBCD, '=', 0x02, true);
}
END_TEST

START_TEST(test_correspondence_digits_and_letters_have_the_iedq28_codes)
{
    static const uint8_t digits[10] = {0x13, 0x02, 0x04, 0x07, 0x10, 0x08, 0x0D, 0x0B, 0x0E, 0x16};
    for (int d = 0; d <= 9; d++)
        assert_glyph_code(COMM_2741_CORRESPONDENCE, (uint8_t)('0' + d), digits[d], false);
    assert_glyph_code(COMM_2741_CORRESPONDENCE, 'a', 0x4F, false);
    assert_glyph_code(COMM_2741_CORRESPONDENCE, 'A', 0x4F, true);
    assert_glyph_code(COMM_2741_CORRESPONDENCE, 'e', 0x29, false);
    assert_glyph_code(COMM_2741_CORRESPONDENCE, 'Z', 0x15, true);
    /* The period and the comma are on both halves of the element. */
    assert_glyph_code(COMM_2741_CORRESPONDENCE, '.', 0x45, false);
    ck_assert_int_eq(comm_2741_glyph(COMM_2741_CORRESPONDENCE, 0x45, true), '.');
    ck_assert_int_eq(comm_2741_glyph(COMM_2741_CORRESPONDENCE, 0x6E, true), ',');
}
END_TEST

START_TEST(test_every_2741_code_with_a_glyph_has_odd_parity_and_bit_0_off)
{
    for (int set = 0; set < 2; set++)
        for (unsigned bits = 0; bits < 64; bits++) {
            uint8_t code = comm_2741_code_from_bits(bits);
            ck_assert_msg(comm_2741_code_valid(code), "code %02X", code);
            ck_assert_uint_eq((unsigned)(code >> 1), bits);
            ck_assert(!comm_2741_code_valid(code ^ 0x01));
            ck_assert(!comm_2741_code_valid(code | 0x80));
        }
    ck_assert(comm_2741_code_valid(COMM_2741_EOT));
    ck_assert(comm_2741_code_valid(COMM_2741_EOA));
    ck_assert(comm_2741_code_valid(COMM_2741_UPSHIFT));
    ck_assert(comm_2741_code_valid(COMM_2741_DOWNSHIFT));
    ck_assert(comm_2741_code_valid(COMM_2741_NEW_LINE));
}
END_TEST

START_TEST(test_every_2741_glyph_round_trips_through_its_code_and_case)
{
    unsigned glyphs = 0;
    for (int set = 0; set < 2; set++)
        for (unsigned bits = 0; bits < 64; bits++)
            for (int upper = 0; upper < 2; upper++) {
                uint8_t code = comm_2741_code_from_bits(bits);
                int glyph = comm_2741_glyph((enum comm_2741_code_set)set, code, upper);
                if (glyph == COMM_NO_GLYPH)
                    continue;
                glyphs++;
                uint8_t back;
                bool back_upper;
                ck_assert(comm_2741_code_for_glyph((enum comm_2741_code_set)set, (uint8_t)glyph, &back, &back_upper));
                ck_assert_uint_eq(back, code);
                ck_assert_int_eq(comm_2741_glyph((enum comm_2741_code_set)set, back, back_upper), glyph);
            }
    /* Each element prints 44 characters and the space in each case. */
    ck_assert_uint_eq(glyphs, 2 * (45 + 45));
}
END_TEST

START_TEST(test_2741_control_characters_print_nothing)
{
    static const uint8_t controls[] = {COMM_2741_UPSHIFT, COMM_2741_DOWNSHIFT, COMM_2741_EOT, COMM_2741_NEW_LINE,
                                       COMM_2741_BACKSPACE, COMM_2741_TAB, COMM_2741_LINE_FEED, COMM_2741_IDLE,
                                       COMM_2741_DELETE, COMM_2741_BYPASS, COMM_2741_RESTORE};
    for (int set = 0; set < 2; set++)
        for (size_t i = 0; i < sizeof controls; i++)
            for (int upper = 0; upper < 2; upper++)
                ck_assert_int_eq(comm_2741_glyph((enum comm_2741_code_set)set, controls[i], upper), COMM_NO_GLYPH);
}
END_TEST

START_TEST(test_ebcdic_to_2741_and_back_is_identity_for_every_mapped_character)
{
    for (int set = 0; set < 2; set++) {
        unsigned mapped = 0;
        for (unsigned e = 0; e < 256; e++) {
            uint8_t code;
            bool upper = false;
            if (!comm_2741_from_ebcdic((enum comm_2741_code_set)set, (uint8_t)e, &code, &upper))
                continue;
            mapped++;
            ck_assert_msg(comm_2741_code_valid(code), "EBCDIC %02X gave %02X", e, code);
            ck_assert_int_eq(comm_2741_to_ebcdic((enum comm_2741_code_set)set, code, upper), (int)e);
        }
        /* The distinct glyphs (the space is on both halves of both
         * elements, the period and comma on both halves of Correspondence),
         * and the 11 controls. */
        ck_assert_uint_eq(mapped, set == COMM_2741_EBCD ? 89 + 11 : 87 + 11);
    }
}
END_TEST

START_TEST(test_ebcdic_control_characters_map_to_the_2741_controls)
{
    static const struct {
        uint8_t ebcdic, code;
    } pairs[] = {{0x15, 0x5B}, {0x37, 0x1F}, {0x36, 0x1C}, {0x06, 0x7C}, {0x16, 0x5D}, {0x05, 0x7A},
                 {0x25, 0x3B}, {0x17, 0x5E}, {0x07, 0x7F}, {0x24, 0x38}, {0x14, 0x58}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        uint8_t code;
        bool upper = true;
        ck_assert(comm_2741_from_ebcdic(COMM_2741_EBCD, pairs[i].ebcdic, &code, &upper));
        ck_assert_uint_eq(code, pairs[i].code);
        ck_assert_int_eq(comm_2741_to_ebcdic(COMM_2741_CORRESPONDENCE, pairs[i].code, false), pairs[i].ebcdic);
    }
    uint8_t code;
    bool upper;
    ck_assert(comm_2741_from_ebcdic(COMM_2741_EBCD, 0x4A, &code, &upper)); /* EBCDIC cent */
    ck_assert_uint_eq(code, 0x20);
    ck_assert(upper);
    ck_assert(!comm_2741_from_ebcdic(COMM_2741_EBCD, 0xAD, &code, &upper)); /* '[' is not on a 2741 */
}
END_TEST

START_TEST(test_printable_ascii_round_trips_through_the_2741_or_is_refused)
{
    for (int set = 0; set < 2; set++)
        for (uint8_t a = 0x20; a < 0x7F; a++) {
            uint8_t glyph = comm_glyph_for_ascii(a);
            uint8_t code;
            bool upper;
            if (!comm_2741_code_for_glyph((enum comm_2741_code_set)set, glyph, &code, &upper))
                continue;
            int printed = comm_2741_glyph((enum comm_2741_code_set)set, code, upper);
            uint8_t back = comm_ascii_for_glyph((uint8_t)printed);
            ck_assert_uint_eq(back, a == '~' ? '^' : a);
        }
    uint8_t code;
    bool upper;
    /* Neither element has braces, the backslash, the grave accent or ']'. */
    static const char missing[] = "{}\\`]";
    for (const char *m = missing; *m; m++) {
        ck_assert(!comm_2741_code_for_glyph(COMM_2741_EBCD, comm_glyph_for_ascii((uint8_t)*m), &code, &upper));
        ck_assert(!comm_2741_code_for_glyph(COMM_2741_CORRESPONDENCE, comm_glyph_for_ascii((uint8_t)*m), &code,
                                            &upper));
    }
    /* The cent sign is typed as '[' and shown as '['. */
    ck_assert(comm_2741_code_for_glyph(COMM_2741_EBCD, comm_glyph_for_ascii('['), &code, &upper));
    ck_assert_uint_eq(code, 0x20);
    ck_assert(upper);
}
END_TEST

START_TEST(test_tty_line_code_is_bit_reversed_ascii_with_even_parity)
{
    ck_assert_uint_eq(comm_tty_line_from_ascii('A', COMM_PARITY_EVEN), 0x82);   /* 41: even already */
    ck_assert_uint_eq(comm_tty_line_from_ascii('\r', COMM_PARITY_EVEN), 0xB1);  /* 0D -> 8D -> B1 */
    ck_assert_uint_eq(comm_tty_line_from_ascii(0x04, COMM_PARITY_EVEN), 0x21);  /* EOT 04 -> 84 -> 21 */
    ck_assert_uint_eq(comm_tty_line_from_ascii('C', COMM_PARITY_EVEN), 0xC3);   /* 43 -> C3 -> C3 */
    ck_assert_uint_eq(comm_reverse_bits(0x01), 0x80);
    ck_assert_uint_eq(comm_reverse_bits(0x2C), 0x34);
}
END_TEST

START_TEST(test_tty_parity_option_sets_the_eighth_bit)
{
    ck_assert_uint_eq(comm_tty_line_from_ascii('A', COMM_PARITY_ODD), 0x83);
    ck_assert_uint_eq(comm_tty_line_from_ascii('A', COMM_PARITY_MARK), 0x83);
    ck_assert_uint_eq(comm_tty_line_from_ascii('A', COMM_PARITY_SPACE), 0x82);
    ck_assert_uint_eq(comm_tty_line_from_ascii('C', COMM_PARITY_ODD), 0xC2);
    ck_assert_uint_eq(comm_tty_line_from_ascii('C', COMM_PARITY_SPACE), 0xC2);
    for (int p = 0; p < 4; p++)
        for (unsigned a = 0; a < 128; a++)
            ck_assert_uint_eq(comm_tty_ascii_from_line(comm_tty_line_from_ascii((uint8_t)a, (enum comm_parity)p)), a);
    /* Even parity: the line code always has an even number of one bits. */
    for (unsigned a = 0; a < 128; a++) {
        unsigned v = comm_tty_line_from_ascii((uint8_t)a, COMM_PARITY_EVEN), n = 0;
        for (; v; v >>= 1)
            n += v & 1;
        ck_assert_uint_eq(n % 2, 0);
    }
}
END_TEST

START_TEST(test_ebcdic_to_tty_and_back_is_identity_for_ascii_characters)
{
    unsigned mapped = 0;
    for (unsigned e = 0; e < 256; e++) {
        int line = comm_tty_line_from_ebcdic((uint8_t)e, COMM_PARITY_EVEN, false);
        if (line < 0) {
            ck_assert_uint_gt(ebcdic_to_latin1[e], 0x7F);
            continue;
        }
        mapped++;
        ck_assert_uint_eq(comm_tty_ebcdic_from_line((uint8_t)line), e);
    }
    ck_assert_uint_eq(mapped, 128);
    /* A 33/35 prints lower case as upper case: EBCDIC 'a' becomes 'A'. */
    int line = comm_tty_line_from_ebcdic(0x81, COMM_PARITY_EVEN, true);
    ck_assert_int_eq(line, comm_tty_line_from_ascii('A', COMM_PARITY_EVEN));
    ck_assert_uint_eq(comm_tty_ebcdic_from_line((uint8_t)line), 0xC1);
    ck_assert_int_eq(comm_tty_line_from_ebcdic(0x4A, COMM_PARITY_EVEN, true), -1); /* cent */
}
END_TEST

static Suite *codes_suite(void)
{
    Suite *s = suite_create("2703 line codes");
    TCase *t = tcase_create("codes");
    tcase_add_test(t, test_ebcd_digits_and_letters_have_the_iedq27_codes);
    tcase_add_test(t, test_correspondence_digits_and_letters_have_the_iedq28_codes);
    tcase_add_test(t, test_every_2741_code_with_a_glyph_has_odd_parity_and_bit_0_off);
    tcase_add_test(t, test_every_2741_glyph_round_trips_through_its_code_and_case);
    tcase_add_test(t, test_2741_control_characters_print_nothing);
    tcase_add_test(t, test_ebcdic_to_2741_and_back_is_identity_for_every_mapped_character);
    tcase_add_test(t, test_ebcdic_control_characters_map_to_the_2741_controls);
    tcase_add_test(t, test_printable_ascii_round_trips_through_the_2741_or_is_refused);
    tcase_add_test(t, test_tty_line_code_is_bit_reversed_ascii_with_even_parity);
    tcase_add_test(t, test_tty_parity_option_sets_the_eighth_bit);
    tcase_add_test(t, test_ebcdic_to_tty_and_back_is_identity_for_ascii_characters);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(codes_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
