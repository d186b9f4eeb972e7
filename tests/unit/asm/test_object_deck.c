/* The object deck: ESD, TXT, RLD and END cards, column by column
 * (asm/object_card.h gives the layouts and their source). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/object_card.h"
#include "asm/object_deck.h"
#include "lib/ebcdic.h"
#include "tests/unit/asm/asm_test_support.h"

static const char *const program =
    "PROG     TITLE 'DECK TEST'\n"
    "MAIN     CSECT\n"
    "         ENTRY LAB\n"
    "         EXTRN EXT\n"
    "         BALR  12,0\n"
    "         USING *,12\n"
    "LAB      L     1,=A(DATA)\n"
    "         DC    A(LAB),V(EXT)\n"
    "DATA     DC    60X'AB'\n"
    "         DC    Y(DATA-LAB)\n"
    "SUB      CSECT\n"
    "         DC    A(MAIN+4,DATA)\n"
    "         DC    A(-MAIN)\n"
    "         END   MAIN\n";

/* Card n (0-based) of the deck. */
static const uint8_t *card(const struct byte_buffer *deck, size_t n)
{
    ck_assert_uint_lt(n * 80, deck->len);
    return deck->data + n * 80;
}

static void assert_text(const uint8_t *p, const char *ascii)
{
    for (size_t i = 0; ascii[i] != '\0'; i++)
        ck_assert_msg(p[i] == ascii_to_ebcdic_char((uint8_t)ascii[i]), "column text differs at %zu: X'%02X' for '%c'",
                      i, p[i], ascii[i]);
}

static void assert_blank(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(p[i] == 0x40, "expected a blank, got X'%02X' at +%zu", p[i], i);
}

static void assert_hex(const uint8_t *p, const char *hex)
{
    uint8_t want[128];
    size_t n = asm_test_hex(hex, want, sizeof want);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(p[i] == want[i], "byte +%zu: X'%02X', expected X'%02X' (%s)", i, p[i], want[i], hex);
}

static struct assembly *assemble_program(struct byte_buffer *deck)
{
    struct assembly *a = asm_test_assemble(program);
    asm_test_assert_clean(a);
    byte_buffer_init(deck);
    struct error err;
    ck_assert(object_deck_build(a, deck, &err));
    return a;
}

START_TEST(test_deck_is_whole_cards_in_esd_txt_rld_end_order)
{
    struct byte_buffer deck;
    struct assembly *a = assemble_program(&deck);
    ck_assert_uint_eq(deck.len % 80, 0);
    /* ESD (SD, ER, SD), ESD (LD); TXT: MAIN's 78 bytes of code and data in
     * two cards, SUB's 12 bytes, then the literal pool END placed at the
     * end of MAIN (X'50'); RLD; END. */
    size_t cards = deck.len / 80;
    const char *types[] = {"ESD", "ESD", "TXT", "TXT", "TXT", "TXT", "RLD", "END"};
    ck_assert_uint_eq(cards, 8);
    for (size_t i = 0; i < cards; i++) {
        ck_assert_uint_eq(card(&deck, i)[0], 0x02);
        assert_text(card(&deck, i) + 1, types[i]);
    }
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_esd_card_columns_for_sd_and_er_items)
{
    struct byte_buffer deck;
    struct assembly *a = assemble_program(&deck);
    const uint8_t *c = card(&deck, 0);
    assert_blank(c + 4, 6);            /* columns 5-10 */
    assert_hex(c + 10, "0030");        /* 11-12: three 16-byte items */
    assert_blank(c + 12, 2);           /* 13-14 */
    assert_hex(c + 14, "0001");        /* 15-16: ESDID of the first item */
    /* Item 1 (17-32): MAIN, SD, address 0, flag blank, length. MAIN is
     * BALR and L (6 bytes), A and V aligned at 8, 60 bytes of data at 16,
     * the Y-constant at 76, then the literal pool at 80: 84 bytes. */
    assert_text(c + 16, "MAIN    ");
    assert_hex(c + 24, "00 000000 40 000054");
    /* Item 2 (33-48): EXT, ER. */
    assert_text(c + 32, "EXT     ");
    assert_hex(c + 40, "02 000000 40");
    assert_blank(c + 45, 3);
    /* Item 3 (49-64): SUB, SD at X'58' (84 rounded to a doubleword). */
    assert_text(c + 48, "SUB     ");
    assert_hex(c + 56, "00 000058 40 00000C");
    assert_blank(c + 64, 8);           /* 65-72 */
    assert_text(c + 72, "PROG0001");   /* 73-80: deck id, sequence */
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_esd_card_for_entry_names_has_no_esdid)
{
    struct byte_buffer deck;
    struct assembly *a = assemble_program(&deck);
    const uint8_t *c = card(&deck, 1);
    assert_hex(c + 10, "0010");
    assert_blank(c + 14, 2);
    assert_text(c + 16, "LAB     ");
    assert_hex(c + 24, "01 000002 40 000001"); /* LD at 2, in ESDID 1 */
    assert_text(c + 72, "PROG0002");
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_txt_cards_hold_56_bytes_with_address_count_and_esdid)
{
    struct byte_buffer deck;
    struct assembly *a = assemble_program(&deck);
    const uint8_t *c = card(&deck, 2);
    assert_blank(c + 4, 1);
    assert_hex(c + 5, "000000");       /* 6-8 */
    assert_blank(c + 8, 2);
    assert_hex(c + 10, "0038");        /* 56 bytes */
    assert_blank(c + 12, 2);
    assert_hex(c + 14, "0001");
    /* The two bytes at 6-7 that align the A-constant are zeros. */
    assert_hex(c + 16, "05C0 5810C04E 0000 00000002 00000000 ABABABAB");
    c = card(&deck, 3);
    assert_hex(c + 5, "000038");
    assert_hex(c + 10, "0016");        /* the other 22 bytes, up to the Y-constant */
    assert_hex(c + 16 + 20, "000E");   /* Y(DATA-LAB) = 16 - 2 */
    c = card(&deck, 4);
    assert_hex(c + 5, "000058");
    assert_hex(c + 10, "000C");
    assert_hex(c + 14, "0003");
    assert_hex(c + 16, "00000004 00000010 00000000");
    c = card(&deck, 5);
    assert_hex(c + 5, "000050");
    assert_hex(c + 10, "0004");
    assert_hex(c + 16, "00000010");
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_rld_entries_share_ids_with_the_same_flag_bit)
{
    struct byte_buffer deck;
    struct assembly *a = assemble_program(&deck);
    const uint8_t *c = card(&deck, 6);
    /* Items in order: A(LAB) at 8 (R=1, P=1), V(EXT) at 12 (R=2, P=1; type
     * V), SUB's A(MAIN+4) at X'58' (R=1, P=3), A(DATA) at X'5C' (same IDs,
     * so the previous flag has its last bit set), A(-MAIN) at X'60' (same,
     * subtracted), then the pool's A(DATA) at X'50' (R=1, P=1). */
    assert_hex(c + 16, "0001 0001 0C 000008"
                       "0002 0001 1C 00000C"
                       "0001 0003 0D 000058"
                       "0D 00005C"
                       "0E 000060"
                       "0001 0001 0C 000050");
    assert_hex(c + 10, "0028");        /* 8+8+8+4+4+8 bytes */
    assert_blank(c + 12, 4);
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_end_card_names_the_entry_address_and_its_esdid)
{
    struct byte_buffer deck;
    struct assembly *a = assemble_program(&deck);
    const uint8_t *c = card(&deck, 7);
    assert_hex(c + 5, "000000");
    assert_blank(c + 8, 6);
    assert_hex(c + 14, "0001");
    assert_blank(c + 16, 56);
    assert_text(c + 72, "PROG0008");
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_without_a_title_name_the_sequence_fills_columns_73_to_80)
{
    struct assembly *a = asm_test_assemble("X        CSECT\n         DC    X'1'\n         END\n");
    struct byte_buffer deck;
    byte_buffer_init(&deck);
    struct error err;
    ck_assert(object_deck_build(a, &deck, &err));
    assert_text(deck.data + 72, "00000001");
    assert_text(deck.data + 80 + 72, "00000002");
    /* END without an operand: columns 6-8 and 15-16 blank. */
    const uint8_t *end = deck.data + deck.len - 80;
    assert_blank(end + 5, 3);
    assert_blank(end + 14, 2);
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_private_code_is_a_pc_item_with_a_blank_name)
{
    struct assembly *a = asm_test_assemble("         DC    X'1'\n         END\n");
    struct byte_buffer deck;
    byte_buffer_init(&deck);
    struct error err;
    ck_assert(object_deck_build(a, &deck, &err));
    assert_blank(deck.data + 16, 8);
    assert_hex(deck.data + 24, "04 000000 40 000001");
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm object deck");
    TCase *t = tcase_create("deck");
    tcase_add_test(t, test_deck_is_whole_cards_in_esd_txt_rld_end_order);
    tcase_add_test(t, test_esd_card_columns_for_sd_and_er_items);
    tcase_add_test(t, test_esd_card_for_entry_names_has_no_esdid);
    tcase_add_test(t, test_txt_cards_hold_56_bytes_with_address_count_and_esdid);
    tcase_add_test(t, test_rld_entries_share_ids_with_the_same_flag_bit);
    tcase_add_test(t, test_end_card_names_the_entry_address_and_its_esdid);
    tcase_add_test(t, test_without_a_title_name_the_sequence_fills_columns_73_to_80);
    tcase_add_test(t, test_private_code_is_a_pc_item_with_a_blank_name);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
