/* The object deck loader: relocation of sections and address constants,
 * several modules linked through EXTRN/ENTRY, weak externals, and every
 * bad card reported with its number. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/object_deck.h"
#include "asm/object_loader.h"
#include "lib/bytes.h"
#include "tests/unit/asm/asm_test_support.h"

static void deck_of(const char *source, struct byte_buffer *deck)
{
    struct assembly *a = asm_test_assemble(source);
    asm_test_assert_clean(a);
    struct error err;
    ck_assert(object_deck_build(a, deck, &err));
    assembly_destroy(a);
}

static struct storage store(void)
{
    struct storage st;
    struct error err;
    ck_assert(storage_init(&st, 64 * 1024, &err));
    return st;
}

static const char *const two_sections =
    "MAIN     CSECT\n"
    "         BALR  12,0\n"
    "         USING *,12\n"
    "         L     1,ADDR\n"
    "ADDR     DC    A(DATA,SUB+4,DATA-MAIN)\n"
    "         DC    Y(DATA)\n"
    "         CCW   2,DATA,X'20',80\n"
    "DATA     DC    C'XYZ'\n"
    "SUB      CSECT\n"
    "         DC    A(MAIN)\n"
    "         END   MAIN+2\n";

START_TEST(test_sections_are_relocated_to_the_load_address)
{
    struct byte_buffer deck;
    byte_buffer_init(&deck);
    deck_of(two_sections, &deck);
    struct storage st = store();
    struct object_load_result r;
    struct error err;
    ck_assert_msg(object_deck_load(&st, deck.data, deck.len, 0x3000, &r, &err), "%s", err.message);
    /* MAIN: BALR 0, L 2, ADDR at 8 (3 words), Y at 20, CCW at 24, DATA at
     * 32, length 35; SUB at 40 (assembled) -> 0x3028 loaded. */
    ck_assert_uint_eq(load_be32(st.bytes + 0x3008), 0x3020);     /* A(DATA) */
    ck_assert_uint_eq(load_be32(st.bytes + 0x300C), 0x3028 + 4); /* A(SUB+4) */
    ck_assert_uint_eq(load_be32(st.bytes + 0x3010), 0x20);       /* absolute: unchanged */
    ck_assert_uint_eq(load_be16(st.bytes + 0x3014), 0x3020);     /* Y(DATA) */
    ck_assert_uint_eq(load_be32(st.bytes + 0x3018), 0x02003020); /* CCW address, 3 bytes */
    ck_assert_uint_eq(load_be32(st.bytes + 0x3028), 0x3000);     /* A(MAIN) in SUB */
    ck_assert_mem_eq(st.bytes + 0x3000, "\x05\xC0\x58\x10\xC0\x06", 6);
    ck_assert_uint_eq(r.entry, 0x3002);
    ck_assert_uint_eq(r.low, 0x3000);
    ck_assert_uint_eq(r.high, 0x302C);
    ck_assert_uint_eq(r.sections, 2);
    storage_free(&st);
    byte_buffer_free(&deck);
}
END_TEST

START_TEST(test_modules_are_linked_through_extrn_and_entry)
{
    struct byte_buffer deck;
    byte_buffer_init(&deck);
    deck_of("CALLER   CSECT\n         EXTRN HELPER,OTHER\n         DC    A(HELPER,OTHER),V(LIB2)\n         END\n",
            &deck);
    deck_of("LIB      CSECT\n         ENTRY HELPER\n         DC    F'0'\nHELPER   DC    F'1'\nLIB2     CSECT\n        "
            " DC    F'2'\nOTHER    CSECT\n         DC    F'3'\n         END\n",
            &deck);
    struct storage st = store();
    struct object_load_result r;
    struct error err;
    ck_assert_msg(object_deck_load(&st, deck.data, deck.len, 0x1000, &r, &err), "%s", err.message);
    /* CALLER (12 bytes) at 0x1000; LIB at 0x1010, HELPER = 0x1014; LIB2 at
     * 0x1018; OTHER at 0x1020. */
    ck_assert_uint_eq(r.modules, 2);
    ck_assert_uint_eq(load_be32(st.bytes + 0x1000), 0x1014);
    ck_assert_uint_eq(load_be32(st.bytes + 0x1004), 0x1020);
    ck_assert_uint_eq(load_be32(st.bytes + 0x1008), 0x1018);
    ck_assert_uint_eq(load_be32(st.bytes + 0x1014), 1);
    storage_free(&st);
    byte_buffer_free(&deck);
}
END_TEST

START_TEST(test_unresolved_weak_external_is_zero_and_strong_one_is_an_error)
{
    struct byte_buffer deck;
    byte_buffer_init(&deck);
    deck_of("C        CSECT\n         WXTRN MAYBE\n         DC    A(MAYBE+8)\n         END\n", &deck);
    struct storage st = store();
    struct error err;
    ck_assert_msg(object_deck_load(&st, deck.data, deck.len, 0x800, NULL, &err), "%s", err.message);
    ck_assert_uint_eq(load_be32(st.bytes + 0x800), 8);
    byte_buffer_free(&deck);
    byte_buffer_init(&deck);
    deck_of("C        CSECT\n         DC    V(MISSING)\n         END\n", &deck);
    ck_assert(!object_deck_load(&st, deck.data, deck.len, 0x800, NULL, &err));
    ck_assert_str_eq(err.message, "card 3: external symbol MISSING (ESD card 1) is not defined in any module of the deck");
    storage_free(&st);
    byte_buffer_free(&deck);
}
END_TEST

static void expect_failure(const uint8_t *deck, size_t len, uint32_t address, const char *message)
{
    struct storage st = store();
    struct error err;
    ck_assert(!object_deck_load(&st, deck, len, address, NULL, &err));
    ck_assert_msg(strstr(err.message, message) != NULL, "got \"%s\", expected \"%s\"", err.message, message);
    storage_free(&st);
}

START_TEST(test_bad_decks_are_reported_with_the_card_number)
{
    struct byte_buffer deck;
    byte_buffer_init(&deck);
    deck_of("C        CSECT\n         DC    A(C)\n         END\n", &deck);
    /* ESD, TXT, RLD, END */
    ck_assert_uint_eq(deck.len, 320);
    uint8_t *bad = malloc(deck.len + 80);

    expect_failure(deck.data, 79, 0, "not a whole number of 80-byte cards");
    expect_failure(deck.data, deck.len, 4, "not on a doubleword boundary");

    memcpy(bad, deck.data, deck.len);
    bad[80] = 0x40;
    expect_failure(bad, deck.len, 0, "card 2: column 1 holds X'40' (expected X'02'");

    memcpy(bad, deck.data, deck.len);
    bad[81] = 0xE7; /* "XXT" */
    expect_failure(bad, deck.len, 0, "card 2: unknown card type");

    memcpy(bad, deck.data, deck.len);
    bad[80 + 7] = 0x10; /* TXT address X'000010', beyond the 4-byte section */
    expect_failure(bad, deck.len, 0, "card 2: TXT address X'000010' (+4 bytes) is outside section C");

    memcpy(bad, deck.data, deck.len);
    bad[80 + 15] = 9; /* TXT ESDID 9 */
    expect_failure(bad, deck.len, 0, "card 2: TXT card names ESDID 9, which is not a control section");

    memcpy(bad, deck.data, deck.len);
    bad[160 + 16 + 7] = 0x40; /* RLD address X'000040' */
    expect_failure(bad, deck.len, 0, "card 3: RLD address X'000040' is outside section C");

    memcpy(bad, deck.data, deck.len);
    bad[160 + 16 + 4] |= 0x01; /* "same IDs next", but nothing follows */
    expect_failure(bad, deck.len, 0, "card 3: the last RLD entry says the next one has the same IDs");

    expect_failure(deck.data, deck.len - 80, 0, "card 3: the deck ends without an END card");

    memcpy(bad, deck.data, deck.len);
    bad[16 + 8] = 0x05; /* CM item */
    expect_failure(bad, deck.len, 0, "card 1: ESD item 1 (C) has type X'05'");

    memcpy(bad, deck.data, deck.len);
    bad[16 + 13] = 0xFF; /* section length X'FF0004': does not fit in 64K */
    expect_failure(bad, deck.len, 0, "does not fit in 65536 bytes of storage");
    free(bad);
    byte_buffer_free(&deck);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm object loader");
    TCase *t = tcase_create("loader");
    tcase_add_test(t, test_sections_are_relocated_to_the_load_address);
    tcase_add_test(t, test_modules_are_linked_through_extrn_and_entry);
    tcase_add_test(t, test_unresolved_weak_external_is_zero_and_strong_one_is_an_error);
    tcase_add_test(t, test_bad_decks_are_reported_with_the_card_number);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
