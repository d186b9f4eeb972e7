/* Hexadecimal floating-point constants (DC types E and D): a decimal
 * number such as -1.25, .5E-3 or 7E10 converted to System/360 short (4
 * bytes) or long (8 bytes) floating point: sign bit, excess-64 power of
 * 16, and a normalized hexadecimal fraction of 6 or 14 digits, rounded to
 * nearest (a half rounds away from zero), as the IBM assemblers do. Zero
 * is all zero bytes. The conversion is exact: the decimal value is held as
 * a big integer ratio, never as a host double. */
#ifndef VM67_ASM_FLOAT_CONSTANT_H
#define VM67_ASM_FLOAT_CONSTANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/problem.h"

/* Encodes text[0..len) into out (`bytes` is 4 or 8). Problems are
 * reported with `at` relative to text. */
bool float_constant_encode(const char *text, size_t len, unsigned bytes, uint8_t out[8], struct asm_problem *p);

#endif
