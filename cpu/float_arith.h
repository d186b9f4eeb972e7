/* System/360 hexadecimal floating-point arithmetic (POO A22-6821,
 * "Floating-Point Arithmetic"), apart from the CPU: pure functions on
 * register images, so that the rules can be read and tested on their own.
 *
 * A number is handled as the 64-bit image a floating-point register holds:
 * bit 0 (the top bit) the sign, bits 1-7 the characteristic (the exponent
 * plus 64), bits 8-63 a 14-digit hexadecimal fraction. A short number is
 * the leftmost 32 bits of that image (a 6-digit fraction); its rightmost 32
 * bits are ignored on input and are zero in a short result, which the
 * caller merges into the register (the low half stays unchanged, POO
 * "Floating-Point Arithmetic": "In short-precision, the low-order halves of
 * the floating-point registers are ignored and remain unchanged").
 *
 * Decisions that the 1964 manual (A22-6821-0) does not settle, each
 * explained where it is implemented:
 *  - a guard digit in short AND long addition, subtraction and comparison
 *    (IBM added the long guard digit to every System/360 in the field in
 *    1967-68; a 67 runs with it);
 *  - the result of an exponent overflow (characteristic 128 too small,
 *    sign and fraction correct, as Hercules and SIMH both do);
 *  - the guard digit brought in by the postnormalizing shift of a long
 *    product (as Hercules and SIMH both do). */
#ifndef VM67_CPU_FLOAT_ARITH_H
#define VM67_CPU_FLOAT_ARITH_H

#include <stdbool.h>
#include <stdint.h>

enum hfp_format {
    HFP_SHORT, /* 6 fraction digits, leftmost 32 bits of the image */
    HFP_LONG,  /* 14 fraction digits, all 64 bits */
};

/* Exceptions an operation found. The caller turns them into program
 * interruptions (codes X'0C'-X'0F') according to the program mask; the
 * result the functions return is already what the register must hold. */
enum hfp_exception {
    HFP_EXPONENT_OVERFLOW = 1u << 0,
    HFP_EXPONENT_UNDERFLOW = 1u << 1,
    HFP_SIGNIFICANCE = 1u << 2,
    HFP_DIVIDE = 1u << 3,
};

#define HFP_SIGN_BIT 0x8000000000000000ull
#define HFP_SHORT_MASK 0xFFFFFFFF00000000ull

struct hfp_outcome {
    uint64_t value;          /* the result image (short: leftmost 32 bits) */
    unsigned exceptions;     /* enum hfp_exception bits */
    uint8_t condition_code;  /* for the operations that set one */
};

/* ADD NORMALIZED (normalize = true) and ADD UNNORMALIZED. Subtraction is
 * the same with the second operand's sign inverted. `significance_mask`
 * is PSW bit 39: it chooses between a true zero and a zero fraction that
 * keeps its characteristic. */
struct hfp_outcome hfp_add(uint64_t first, uint64_t second, enum hfp_format format, bool normalize,
                           bool significance_mask);

/* COMPARE: the condition code of first - second (0 equal, 1 first low,
 * 2 first high), formed like a subtraction but with no exception. */
uint8_t hfp_compare(uint64_t first, uint64_t second, enum hfp_format format);

/* MULTIPLY. A product of short operands is a long number (14 digits, the
 * last two zero), as it is on a 360: the caller stores all 64 bits. */
struct hfp_outcome hfp_multiply(uint64_t multiplicand, uint64_t multiplier, enum hfp_format format);

/* DIVIDE. A zero divisor fraction gives HFP_DIVIDE and the dividend back
 * unchanged (the division is omitted). */
struct hfp_outcome hfp_divide(uint64_t dividend, uint64_t divisor, enum hfp_format format);

/* HALVE: the fraction shifted right one bit; sign and characteristic kept,
 * no normalization, no zero test. */
uint64_t hfp_halve(uint64_t operand, enum hfp_format format);

/* True when the operand's fraction is zero (whatever its sign and
 * characteristic). */
bool hfp_fraction_is_zero(uint64_t operand, enum hfp_format format);

#endif
