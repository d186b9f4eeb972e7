/* Self-loading IPL decks: the deck is fed through a model of the IPL
 * sequence (S360-67.md §3.6: read 24 bytes of card 1 to location 0, go on
 * with the CCW at 8, command chaining, TIC) and must leave exactly the
 * program in storage with the IPL PSW at 0; then the 2067 CPU runs it
 * from that PSW. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/ipl_deck.h"
#include "asm/program_image.h"
#include "cpu/cpu.h"
#include "lib/bytes.h"
#include "tests/unit/asm/asm_test_support.h"

#define STORAGE (64u * 1024)

static size_t simulate_ipl(const struct byte_buffer *deck, uint8_t *mem)
{
    return asm_test_simulate_ipl(deck->data, deck->len, mem, STORAGE);
}

static struct assembly *assemble_ipl(const char *source, struct program_image *image, struct byte_buffer *deck)
{
    struct assembly *a = asm_test_assemble(source);
    asm_test_assert_clean(a);
    struct error err;
    ck_assert_msg(program_image_build(a, image, &err), "%s", err.message);
    byte_buffer_init(deck);
    ck_assert_msg(ipl_deck_build(image, deck, &err), "%s", err.message);
    return a;
}

/* A program of 2,500 bytes with a 3,000-byte hole: it sums 100 words of
 * data (1..100) and stores the sum, then loads a disabled wait PSW. */
static const char *const summing =
    "SUM      START X'400'\n"
    "         BALR  12,0\n"
    "         USING *,12\n"
    "         L     3,COUNT\n"
    "         LA    4,TABLE\n"
    "         LA    5,0\n"
    "LOOP     A     5,0(,4)\n"
    "         LA    4,4(,4)\n"
    "         BCT   3,LOOP\n"
    "         ST    5,RESULT\n"
    "         LPSW  DONE\n"
    "DONE     DC    0D,X'00020000',A(X'1234')\n"
    "COUNT    DC    F'100'\n"
    "RESULT   DC    F'0'\n"
    "HOLE     DS    XL3000\n"
    "TABLE    DC    F'1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20'\n"
    "         DC    F'21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37'\n"
    "         DC    F'38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54'\n"
    "         DC    F'55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71'\n"
    "         DC    F'72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88'\n"
    "         DC    F'89,90,91,92,93,94,95,96,97,98,99,100'\n"
    "         DC    2100X'5A'\n"
    "         END   SUM\n";

START_TEST(test_ipl_deck_loads_the_program_and_the_ipl_psw)
{
    struct program_image image;
    struct byte_buffer deck;
    struct assembly *a = assemble_ipl(summing, &image, &deck);
    ck_assert_uint_eq(deck.len % 80, 0);
    uint8_t *mem = calloc(1, STORAGE);
    size_t read = simulate_ipl(&deck, mem);
    ck_assert_uint_eq(read, deck.len / 80); /* every card, and no more */
    /* Every byte of object code is in place. */
    for (uint32_t i = 0; i < image.high - image.low; i++)
        if (image.present[i])
            ck_assert_msg(mem[image.low + i] == image.bytes[i], "byte at X'%X'", image.low + i);
    /* The IPL PSW: BC mode, disabled, key 0, supervisor, at the entry. */
    ck_assert_uint_eq(load_be32(mem), 0x00000000);
    ck_assert_uint_eq(load_be32(mem + 4), 0x400);
    /* The hole was skipped, not punched. */
    size_t data_cards = 0;
    for (uint32_t i = 0; i < image.high - image.low;) {
        if (!image.present[i]) {
            i++;
            continue;
        }
        data_cards++;
        i += 80;
    }
    /* 56 bytes of code and words (one card), then 2,500 bytes of data
     * after the hole (32 cards). */
    ck_assert_uint_eq(data_cards, 33);
    /* CCW cards: 8 data reads each, the last up to 9: 8+8+8+9, 4 cards. */
    ck_assert_uint_eq(deck.len / 80, 1 + 4 + data_cards + 1);
    free(mem);
    program_image_free(&image);
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_ipl_deck_program_runs_on_the_cpu_to_its_wait_psw)
{
    struct program_image image;
    struct byte_buffer deck;
    struct assembly *a = assemble_ipl(summing, &image, &deck);
    struct cpu c;
    struct error err;
    ck_assert(cpu_init(&c, STORAGE, &err));
    ck_assert_uint_gt(simulate_ipl(&deck, c.storage.bytes), 0);
    ck_assert(cpu_load_psw_from(&c, 0));
    for (int i = 0; i < 100 && !c.wait; i++)
        cpu_run(&c, 10000);
    ck_assert(c.wait);
    ck_assert_uint_eq(c.ia, 0x1234);
    uint32_t result = asm_test_symbol(a, "RESULT");
    ck_assert_uint_eq(load_be32(c.storage.bytes + result), 5050);
    ck_assert_uint_eq(c.gpr[5], 5050);
    ck_assert_uint_eq(c.gpr[3], 0);
    cpu_free(&c);
    program_image_free(&image);
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_program_in_low_storage_gets_its_buffers_above_it)
{
    /* A program that sets its own new PSWs: it starts at 0, so the CCW
     * buffers go above it, and the PSW card, read last, puts the IPL PSW at
     * 0 over the program's first doubleword. */
    struct program_image image;
    struct byte_buffer deck;
    struct assembly *a = assemble_ipl("LOW      START 0\n         DC    XL8'FFFFFFFFFFFFFFFF'\n         ORG   "
                                      "LOW+X'68'\n         DC    X'000200000000DEAD'\n         ORG   LOW+X'200'\nGO       "
                                      "LPSW  X'68'\n         END   GO\n",
                                      &image, &deck);
    uint8_t *mem = calloc(1, STORAGE);
    ck_assert_uint_gt(simulate_ipl(&deck, mem), 0);
    ck_assert_uint_eq(load_be32(mem + 4), 0x200);
    ck_assert_uint_eq(load_be32(mem), 0);
    ck_assert_uint_eq(load_be32(mem + 0x6C), 0xDEAD);
    ck_assert_uint_eq(load_be32(mem + 0x200), 0x82000068);
    free(mem);
    program_image_free(&image);
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_ccw_buffers_leave_the_low_storage_areas_alone)
{
    /* A program at X'100' would have room below it, but that is where the
     * new PSWs live: the buffers go above it, and nothing of the deck but
     * the PSW touches locations 8 to X'FF'. */
    struct program_image image;
    struct byte_buffer deck;
    struct assembly *a = assemble_ipl("P        START X'100'\n         DC    XL40'AA'\n         END\n", &image, &deck);
    uint8_t *mem = calloc(1, STORAGE);
    memset(mem, 0x55, STORAGE);
    ck_assert_uint_gt(simulate_ipl(&deck, mem), 0);
    for (uint32_t i = 0x18; i < 0x100; i++)
        ck_assert_msg(mem[i] == 0x55, "location X'%X' was written", i);
    /* The CCW of card 1 points above the program (X'128' rounded up). */
    ck_assert_uint_eq(load_be32(deck.data + 8) & 0xFFFFFF, 0x128);
    free(mem);
    program_image_free(&image);
    byte_buffer_free(&deck);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_core_image_is_storage_from_zero_with_the_ipl_psw)
{
    struct program_image image;
    struct byte_buffer deck, core;
    struct assembly *a = assemble_ipl("P        START X'100'\nGO       LPSW  X'108'\nW        DC    0D,X'0002000000000000'\n"
                                      "         END   GO\n",
                                      &image, &deck);
    byte_buffer_init(&core);
    struct error err;
    ck_assert(core_image_build(&image, &core, &err));
    ck_assert_uint_eq(core.len, 0x110);
    ck_assert_uint_eq(load_be32(core.data + 4), 0x100);
    ck_assert_uint_eq(load_be32(core.data + 0x100), 0x82000108);
    ck_assert_uint_eq(load_be32(core.data + 0x10C), 0x00000000);
    ck_assert_uint_eq(load_be32(core.data + 0x108), 0x00020000);
    program_image_free(&image);
    byte_buffer_free(&deck);
    byte_buffer_free(&core);
    assembly_destroy(a);
}
END_TEST

START_TEST(test_stand_alone_program_with_external_references_is_refused)
{
    struct assembly *a = asm_test_assemble("P        CSECT\n         DC    V(ELSEWHER)\n         END\n");
    struct program_image image;
    struct error err;
    ck_assert(!program_image_build(a, &image, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "external symbol ELSEWHER: a stand-alone program cannot refer to "
                                              "other modules"));
    assembly_destroy(a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm IPL deck");
    TCase *t = tcase_create("ipl");
    tcase_add_test(t, test_ipl_deck_loads_the_program_and_the_ipl_psw);
    tcase_add_test(t, test_ipl_deck_program_runs_on_the_cpu_to_its_wait_psw);
    tcase_add_test(t, test_program_in_low_storage_gets_its_buffers_above_it);
    tcase_add_test(t, test_ccw_buffers_leave_the_low_storage_areas_alone);
    tcase_add_test(t, test_core_image_is_storage_from_zero_with_the_ipl_psw);
    tcase_add_test(t, test_stand_alone_program_with_external_references_is_refused);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
