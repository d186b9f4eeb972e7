/* A problem found while parsing one operand: where (an index into the
 * operand text) and what, phrased as "what is wrong (expected what)".
 * The caller turns the index into a file, line and column. */
#ifndef VM67_ASM_PROBLEM_H
#define VM67_ASM_PROBLEM_H

#include <stdbool.h>
#include <stddef.h>

struct asm_problem {
    size_t at;
    char message[320];
};

/* Fills the problem and returns false. */
bool problem_set(struct asm_problem *p, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
