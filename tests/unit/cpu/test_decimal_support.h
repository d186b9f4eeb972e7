/* Small helpers shared by the decimal-instruction tests: storage
 * assertions in hex and PSW set-ups for the mode bits the decimal
 * instructions look at. */
#ifndef VM67_TESTS_CPU_TEST_DECIMAL_SUPPORT_H
#define VM67_TESTS_CPU_TEST_DECIMAL_SUPPORT_H

#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"

/* Asserts that storage at `address` holds the bytes given in hex. */
#define assert_storage(c, address, hex) assert_storage_at(c, address, hex, __FILE__, __LINE__)
static inline void assert_storage_at(struct cpu *c, uint32_t address, const char *hex, const char *file,
                                     int line)
{
    char expected[600] = "", actual[600] = "";
    size_t n = 0;
    for (const char *p = hex; *p != '\0'; p++) {
        if (isspace((unsigned char)*p))
            continue;
        ck_assert_msg(n + 1 < sizeof expected, "%s:%d: expected bytes too long", file, line);
        expected[n++] = (char)toupper((unsigned char)*p);
    }
    expected[n] = '\0';
    for (size_t i = 0; i < n / 2; i++)
        snprintf(actual + 2 * i, sizeof actual - 2 * i, "%02X", c->storage.bytes[address + i]);
    ck_assert_msg(strcmp(expected, actual) == 0, "%s:%d: storage at %06X is %s, expected %s", file, line, address,
                  actual, expected);
}

/* A fresh CPU with the given PSW A bit and program mask. */
static inline void decimal_cpu_init(struct cpu *c, bool ascii, uint8_t progmask)
{
    test_cpu_init(c);
    test_set_psw(c, 0, 0, ascii ? PSW_ASCII : 0, 0, progmask, TEST_CODE);
}

/* The condition code in the program old PSW. */
static inline unsigned old_psw_cc(struct cpu *c)
{
    return (test_get_word(c, LOW_PROGRAM_OLD + 4) >> 28) & 3;
}

#endif
