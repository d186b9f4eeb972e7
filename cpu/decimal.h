/* Packed decimal numbers, as the decimal instructions see them (POO
 * A22-6821, "Decimal Arithmetic": packed format, sign and digit codes).
 *
 * A packed field of 1 to 16 bytes holds 2n-1 digits and a sign in its
 * rightmost four bits. Here a magnitude is kept as 32 four-bit decimal
 * digits in two 64-bit words (digit 0, the units, in the low four bits of
 * `low`), so that loading a field is one copy and a shift, and addition,
 * subtraction and comparison work on 16 digits at a time (carry-correcting
 * binary addition, no per-digit loop). Nothing here touches the CPU: the
 * instruction handlers fetch and store the fields. */
#ifndef VM67_CPU_DECIMAL_H
#define VM67_CPU_DECIMAL_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/bytes.h"

/* Longest packed field (L = 15): 31 digits and a sign. */
#define DECIMAL_MAX_BYTES 16u
#define DECIMAL_MAX_DIGITS 31u

/* An unsigned magnitude of up to 32 decimal digits, four bits each. */
struct decimal {
    uint64_t low;  /* digits 0-15 */
    uint64_t high; /* digits 16-31 */
};

/* Sign codes (POO "Packed format"): 1010, 1100, 1110, 1111 are plus;
 * 1011 and 1101 are minus; 0000-1001 are not signs. The preferred codes
 * the instructions generate depend on the PSW A bit: 1100/1101 in EBCDIC
 * mode, 1010/1011 in USASCII-8 mode. */
#define DECIMAL_SIGN_PLUS_EBCDIC 0xCu
#define DECIMAL_SIGN_MINUS_EBCDIC 0xDu
#define DECIMAL_SIGN_PLUS_ASCII 0xAu
#define DECIMAL_SIGN_MINUS_ASCII 0xBu
/* The zone the instructions put over a digit (UNPK, ED): 1111 in EBCDIC
 * mode, 0101 in USASCII-8 mode (A22-6821 "Zoned format"). */
#define DECIMAL_ZONE_EBCDIC 0xF0u
#define DECIMAL_ZONE_ASCII 0x50u

static inline bool decimal_sign_is_valid(unsigned sign)
{
    return sign >= 0xA;
}

/* Only meaningful for a valid sign code. */
static inline bool decimal_sign_is_minus(unsigned sign)
{
    return sign == 0xB || sign == 0xD;
}

static inline bool decimal_digit_is_valid(unsigned digit)
{
    return digit <= 9;
}

/* Splits a packed field given as a 128-bit big-endian number (its bytes
 * right-aligned in high:low, unused bytes zero) into its digits and its
 * sign code (unchecked). */
static inline struct decimal decimal_from_field_words(uint64_t high, uint64_t low, unsigned *sign)
{
    *sign = (unsigned)(low & 0xF);
    struct decimal d = {(low >> 4) | (high << 60), high >> 4};
    return d;
}

/* Loads a packed field of `length` (1..16) bytes: returns the digits to
 * the left of the sign and puts the sign code (unchecked) in *sign. A
 * byte loop: fields are short, and a variable-length copy would cost a
 * library call. */
static inline struct decimal decimal_load(const uint8_t *field, unsigned length, unsigned *sign)
{
    uint64_t high = 0, low = 0;
    unsigned i = 0;
    for (; i + 8 < length; i++)
        high = (high << 8) | field[i];
    for (; i < length; i++)
        low = (low << 8) | field[i];
    return decimal_from_field_words(high, low, sign);
}

/* Stores the low `n` (1..8) bytes of v big-endian at p, with fixed-size
 * moves (no library call for a variable length). */
static inline void decimal_store_low_bytes(uint8_t *p, uint64_t v, unsigned n)
{
    switch (n) {
    case 1:
        p[0] = (uint8_t)v;
        break;
    case 2:
        store_be16(p, (uint16_t)v);
        break;
    case 3:
        p[0] = (uint8_t)(v >> 16);
        store_be16(p + 1, (uint16_t)v);
        break;
    case 4:
        store_be32(p, (uint32_t)v);
        break;
    case 5:
        p[0] = (uint8_t)(v >> 32);
        store_be32(p + 1, (uint32_t)v);
        break;
    case 6:
        store_be16(p, (uint16_t)(v >> 32));
        store_be32(p + 2, (uint32_t)v);
        break;
    case 7:
        p[0] = (uint8_t)(v >> 48);
        store_be16(p + 1, (uint16_t)(v >> 32));
        store_be32(p + 3, (uint32_t)v);
        break;
    default:
        store_be64(p, v);
        break;
    }
}

/* Stores the low 2*length-1 digits of `magnitude` and the sign code into
 * a packed field of `length` (1..16) bytes. */
static inline void decimal_store(uint8_t *field, unsigned length, struct decimal magnitude, unsigned sign)
{
    uint64_t low = (magnitude.low << 4) | sign;
    if (length <= 8) {
        decimal_store_low_bytes(field, low, length);
        return;
    }
    uint64_t high = (magnitude.high << 4) | (magnitude.low >> 60);
    decimal_store_low_bytes(field, high, length - 8);
    store_be64(field + length - 8, low);
}

/* A four-bit code is a valid digit unless it is 1010-1111: bit 0 of the
 * code (8) set together with bit 1 (4) or bit 2 (2). Checks every digit
 * position of each word at once. */
static inline uint64_t decimal_invalid_digit_mask(uint64_t word)
{
    return word & ((word << 1) | (word << 2)) & 0x8888888888888888u;
}

static inline bool decimal_digits_are_valid(struct decimal d)
{
    return (decimal_invalid_digit_mask(d.low) | decimal_invalid_digit_mask(d.high)) == 0;
}

static inline bool decimal_is_zero(struct decimal d)
{
    return (d.low | d.high) == 0;
}

/* -1, 0 or 1 as a < b, a == b, a > b (digit strings compare as numbers). */
static inline int decimal_compare(struct decimal a, struct decimal b)
{
    if (a.high != b.high)
        return a.high < b.high ? -1 : 1;
    if (a.low != b.low)
        return a.low < b.low ? -1 : 1;
    return 0;
}

/* Adds 16 decimal digits with a carry in: every digit is biased by 6 so
 * that a decimal carry is a binary carry out of its four bits; digits that
 * produced no carry get the 6 taken back. */
static inline uint64_t decimal_add_word(uint64_t a, uint64_t b, unsigned carry_in, unsigned *carry_out)
{
    uint64_t biased = a + 0x6666666666666666u;
    uint64_t sum = biased + b;
    unsigned carry = sum < biased;
    sum += carry_in;
    carry |= sum < carry_in;
    /* Bit i of carries = the carry into bit i; a digit whose left
     * neighbour received no carry did not carry out. */
    uint64_t carries = sum ^ biased ^ b;
    uint64_t no_carry = ~carries & 0x1111111111111110u;
    uint64_t correction = (no_carry >> 2) | (no_carry >> 3);
    if (!carry)
        correction |= 0x6000000000000000u;
    *carry_out = carry;
    return sum - correction;
}

/* a + b; the sum of two 31-digit magnitudes fits in 32 digits. Operands
 * of up to 16 digits (fields of up to 8 bytes, the usual case) take one
 * word addition. */
static inline struct decimal decimal_add(struct decimal a, struct decimal b)
{
    unsigned carry;
    struct decimal r;
    r.low = decimal_add_word(a.low, b.low, 0, &carry);
    if ((a.high | b.high) == 0)
        r.high = carry;
    else
        r.high = decimal_add_word(a.high, b.high, carry, &carry);
    return r;
}

/* a - b for a >= b: a plus the ten's complement of b over 32 digits, the
 * final carry dropped. */
static inline struct decimal decimal_subtract(struct decimal a, struct decimal b)
{
    unsigned carry;
    struct decimal r;
    r.low = decimal_add_word(a.low, 0x9999999999999999u - b.low, 1, &carry);
    if (a.high == 0) /* then b.high == 0 too: a 16-digit difference */
        r.high = 0;
    else
        r.high = decimal_add_word(a.high, 0x9999999999999999u - b.high, carry, &carry);
    return r;
}

/* The algebraic sum of two signed magnitudes; *minus gets the sign of
 * the result (of a zero result: that of `a`). */
static inline struct decimal decimal_signed_add(struct decimal a, bool a_minus, struct decimal b, bool b_minus,
                                                bool *minus)
{
    if (a_minus == b_minus) {
        *minus = a_minus;
        return decimal_add(a, b);
    }
    if (decimal_compare(a, b) >= 0) {
        *minus = a_minus;
        return decimal_subtract(a, b);
    }
    *minus = b_minus;
    return decimal_subtract(b, a);
}

/* True if any digit at position `digits` (0..31) or above is nonzero. */
static inline bool decimal_exceeds(struct decimal d, unsigned digits)
{
    if (digits >= 16)
        return (d.high >> (4 * (digits - 16))) != 0;
    return d.high != 0 || (d.low >> (4 * digits)) != 0;
}

/* Keeps digits 0..digits-1 (digits 1..31). */
static inline struct decimal decimal_truncate(struct decimal d, unsigned digits)
{
    if (digits >= 16) {
        d.high &= (UINT64_C(1) << (4 * (digits - 16))) - 1;
    } else {
        d.high = 0;
        d.low &= (UINT64_C(1) << (4 * digits)) - 1;
    }
    return d;
}

/* Multiplies by 10^digits (0..31); digits shifted beyond 32 are lost. */
static inline struct decimal decimal_shift_left(struct decimal d, unsigned digits)
{
    unsigned bits = 4 * digits;
    if (bits == 0)
        return d;
    if (bits >= 64) {
        d.high = d.low << (bits - 64);
        d.low = 0;
    } else {
        d.high = (d.high << bits) | (d.low >> (64 - bits));
        d.low <<= bits;
    }
    return d;
}

/* The product of two magnitudes whose product has at most 32 digits. */
struct decimal decimal_multiply(struct decimal multiplicand, struct decimal multiplier);

/* Divides `dividend` by `divisor`, the quotient to have at most
 * `quotient_digits` (1..29) digits. Returns false, computing nothing,
 * when the divisor is zero or the quotient would need more digits (the
 * decimal-divide exception); else fills *quotient and *remainder. */
bool decimal_divide(struct decimal dividend, struct decimal divisor, unsigned quotient_digits,
                    struct decimal *quotient, struct decimal *remainder);

/* Binary <-> decimal for CVB and CVD: up to 19 digits / any uint64_t
 * below 10^19. */
uint64_t decimal_to_binary(struct decimal d);
struct decimal decimal_from_binary(uint64_t value);

#endif
