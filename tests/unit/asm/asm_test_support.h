/* Helpers for the assembler's unit tests: assemble a source given as a
 * string, look at the object code by address, and assert messages by
 * line and column. */
#ifndef VM67_TESTS_ASM_TEST_SUPPORT_H
#define VM67_TESTS_ASM_TEST_SUPPORT_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/assembler.h"

/* Assembles `source` (named "test.asm"); library directories optional. */
struct assembly *asm_test_assemble(const char *source);
struct assembly *asm_test_assemble_with(const char *source, const char *const *dirs, size_t dir_count);

/* All messages, one a line (for failure output). Caller frees. */
char *asm_test_messages(const struct assembly *a);

#define asm_test_assert_clean(a) asm_test_assert_clean_at(a, __FILE__, __LINE__)
void asm_test_assert_clean_at(const struct assembly *a, const char *file, int line);

/* The object text at `address` (assembled) equals `hex` (spaces ignored). */
#define asm_test_assert_bytes(a, address, hex) asm_test_assert_bytes_at(a, address, hex, __FILE__, __LINE__)
void asm_test_assert_bytes_at(const struct assembly *a, uint32_t address, const char *hex, const char *file,
                              int line);

/* Asserts a message of `severity` at test.asm:LINE:COLUMN whose text
 * contains `part`. */
#define asm_test_assert_message(a, severity, line, column, part) \
    asm_test_assert_message_at(a, severity, line, column, part, __FILE__, __LINE__)
void asm_test_assert_message_at(const struct assembly *a, int severity, unsigned line, unsigned column,
                                const char *part, const char *file, int at_line);
#define asm_test_assert_error(a, line, column, part) \
    asm_test_assert_message(a, ASM_SEVERITY_ERROR, line, column, part)

/* The value of a symbol (fails the test if undefined). */
uint32_t asm_test_symbol(const struct assembly *a, const char *name);

/* Decodes hex ("D2 07", spaces ignored) into out; returns the length. */
size_t asm_test_hex(const char *hex, uint8_t *out, size_t max);

/* Makes a temporary directory (for COPY and macro library members) and
 * writes files into it. */
char *asm_test_temp_dir(void);
void asm_test_write_file(const char *dir, const char *name, const char *text);
void asm_test_remove_dir(char *dir);

/* Feeds a card deck through the IPL sequence (S360-67.md §3.6): 24 bytes
 * of card 1 to location 0, then the CCW at 8, command chaining, TIC, one
 * card per read. Returns the number of cards read (0 if the channel
 * program went wrong, with a test failure). */
size_t asm_test_simulate_ipl(const uint8_t *deck, size_t len, uint8_t *mem, size_t size);

int asm_test_run_suite(Suite *s);

#endif
