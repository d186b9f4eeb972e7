/* Hostile input: sources made of random fragments of the assembler
 * language (unbalanced quotes and parentheses, stray ampersands, huge
 * numbers, recursive macros, bad continuations...) must assemble to an
 * end, with every message at a real place (a line of the file it names,
 * column 1 or more), a listing that can be written, and a deck of whole
 * cards when there are no errors. Deterministic: a fixed seed. The
 * sanitizer build checks host memory on the way. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/listing.h"
#include "asm/object_deck.h"
#include "tests/unit/asm/asm_test_support.h"

static uint32_t seed;

static uint32_t next_random(void)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) & 0xFFFFFF;
}

static const char *pick(const char *const *list, size_t n)
{
    return list[next_random() % n];
}

static const char *const names[] = {"", "", "", "A", "B", "LOOP", "&L", ".SEQ", "X&I", "1BAD", "&A(2)", "TOOLONGNAME12345",
                                    "T"};
static const char *const operations[] = {
    "L",     "ST",    "MVC",   "LA",    "BALR", "USING", "DROP", "DC",    "DS",    "EQU",  "ORG",   "LTORG",
    "CNOP",  "CSECT", "DSECT", "START", "END",  "CCW",   "SETA", "SETB",  "SETC",  "AIF",  "AGO",   "ANOP",
    "MACRO", "MEND",  "MEXIT", "MNOTE", "GBLA", "LCLC",  "COPY", "TITLE", "PRINT", "SPACE", "ENTRY", "EXTRN",
    "MAC",   "MVCL",  "SVC",   "AP",    "SLL",  "LM",    "ACTR", "B",     "EX",    "LPSW"};
static const char *const fragments[] = {
    "1",     "0",       "15",     "4095",   "4096",   "99999999999", "X'FF'", "X'",    "C'A''B'", "B'101'", "'",
    "''",    "(",       ")",      "((",     ",",      ",,",          "=F'1'", "=A(*)", "=V(X)",   "*",      "*+4",
    "-",     "+",       "/",      "0(1,2)", "A",      "B",           "LOOP",  "L'A",   "T'&P",    "&",      "&&",
    "&I",    "&SYSNDX", "&A(1)",  ".SEQ",   "F'1'",   "CL8'X'",      "3F",    "0D",    "(2)C",    "XL2'1'", "A(A)",
    "V(Q)",  "D'1.5'",  "E'1E99'", "P'12'",  "Z'-3'",  "S(A)",        "(&I GT 3)", " ", "  ",     "EQ",     "AND",
    "'ABC'", "(1,2)",   "&P(1)",  "N'&P",   "K'&P",   "*,'X'",       "8,'E'", "ON",    "GEN",     "OFF"};

static void random_card(char *out, size_t size)
{
    char text[256];
    size_t n = 0;
    const char *name = pick(names, sizeof names / sizeof names[0]);
    n += (size_t)snprintf(text + n, sizeof text - n, "%-8s %-5s ", name,
                          pick(operations, sizeof operations / sizeof operations[0]));
    unsigned parts = next_random() % 6;
    for (unsigned i = 0; i < parts && n < sizeof text - 16; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s", pick(fragments, sizeof fragments / sizeof fragments[0]));
    unsigned style = next_random() % 40;
    if (style == 0)
        snprintf(out, size, "%-71sX\n", text); /* continued */
    else if (style == 1)
        snprintf(out, size, "%s%90s\n", text, "Z"); /* too long */
    else if (style == 2)
        snprintf(out, size, "*%s\n", text);
    else if (style == 3)
        snprintf(out, size, "\t%s\x07\n", text);
    else
        snprintf(out, size, "%s\n", text);
}

static void check_invariants(const struct assembly *a)
{
    for (size_t i = 0; i < a->diagnostics.count; i++) {
        const struct asm_diagnostic *d = &a->diagnostics.items[i];
        ck_assert_uint_lt(d->where.file, a->sources.count);
        if (d->where.line == 0)
            continue; /* about the whole assembly */
        ck_assert_uint_le(d->where.line, a->sources.files[d->where.file].line_count + 1);
        ck_assert_uint_ge(d->where.column, 1);
        ck_assert_ptr_nonnull(d->message);
    }
    struct byte_buffer b;
    byte_buffer_init(&b);
    listing_write(a, &b);
    ck_assert_uint_gt(b.len, 0);
    byte_buffer_free(&b);
    if (assembly_error_count(a) == 0) {
        struct error err;
        byte_buffer_init(&b);
        ck_assert(object_deck_build(a, &b, &err));
        ck_assert_uint_eq(b.len % 80, 0);
        byte_buffer_free(&b);
    }
}

START_TEST(test_random_sources_end_with_messages_at_real_places)
{
    seed = 0x67u + (uint32_t)_i * 7919u;
    for (int round = 0; round < 60; round++) {
        char *src = calloc(1, 64 * 1024);
        size_t n = 0;
        unsigned cards = 5 + next_random() % 60;
        for (unsigned c = 0; c < cards; c++) {
            char card[512];
            random_card(card, sizeof card);
            size_t l = strlen(card);
            if (n + l + 1 < 64 * 1024) {
                memcpy(src + n, card, l);
                n += l;
            }
        }
        struct assembly *a = asm_test_assemble(src);
        check_invariants(a);
        assembly_destroy(a);
        free(src);
    }
}
END_TEST

START_TEST(test_pathological_sources_end_with_errors)
{
    static const char *const sources[] = {
        /* A macro that calls itself through another. */
        "         MACRO\n         PING\n         PONG\n         MEND\n         MACRO\n         PONG\n         PING\n "
        "        MEND\n         PING\n         END\n",
        /* Open-code loop without end. */
        ".TOP     ANOP\n         AGO   .TOP\n         END\n",
        /* Deep parentheses. */
        "X        EQU   ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
        "(((((((((((((((1\n         END\n",
        /* Unterminated macro definition. */
        "         MACRO\n         OPEN  &A\n         DC    C'&A'\n",
        /* Huge duplication. */
        "T        CSECT\n         DS    16777217X\n         DC    (X'7FFFFFFF')X'00'\n         END\n",
        /* ORG far away, then code. */
        "T        CSECT\n         ORG   T+X'FFFFF0'\n         DC    XL32'00'\n         END\n",
        /* Substitution that makes a huge string. */
        "         MACRO\n         BIG\n         LCLC  &C\n&C       SETC  (200)'ABCDEFGH'\n         MEND\n         BIG\n   "
        "      END\n",
        /* A COPY of itself is impossible here (no library), a bad COPY. */
        "         COPY  ../../etc/passwd\n         COPY\n         END\n",
    };
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        struct assembly *a = asm_test_assemble(sources[i]);
        ck_assert_msg(assembly_error_count(a) > 0, "source %zu assembled without errors", i);
        check_invariants(a);
        assembly_destroy(a);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm hostile input");
    TCase *t = tcase_create("hostile");
    tcase_add_loop_test(t, test_random_sources_end_with_messages_at_real_places, 0, 5);
    tcase_add_test(t, test_pathological_sources_end_with_errors);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
