#include "asm/float_constant.h"

#include <ctype.h>
#include <string.h>

/* A small unsigned big integer, little-endian 32-bit limbs. */
#define LIMBS 96

struct bignum {
    uint32_t limb[LIMBS];
};

static void big_zero(struct bignum *a)
{
    memset(a, 0, sizeof *a);
}

static void big_mul_small(struct bignum *a, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < LIMBS; i++) {
        uint64_t t = (uint64_t)a->limb[i] * m + carry;
        a->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
}

static int big_bits(const struct bignum *a)
{
    for (int i = LIMBS - 1; i >= 0; i--)
        if (a->limb[i] != 0)
            return i * 32 + 32 - __builtin_clz(a->limb[i]);
    return 0;
}

static int big_bit(const struct bignum *a, int n)
{
    if (n < 0 || n >= LIMBS * 32)
        return 0;
    return (int)(a->limb[n / 32] >> (n % 32)) & 1;
}

static void big_shl1(struct bignum *a, int bit)
{
    uint32_t carry = (uint32_t)bit;
    for (int i = 0; i < LIMBS; i++) {
        uint32_t next = a->limb[i] >> 31;
        a->limb[i] = a->limb[i] << 1 | carry;
        carry = next;
    }
}

static int big_compare(const struct bignum *a, const struct bignum *b)
{
    for (int i = LIMBS - 1; i >= 0; i--)
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    return 0;
}

static void big_sub(struct bignum *a, const struct bignum *b)
{
    uint64_t borrow = 0;
    for (int i = 0; i < LIMBS; i++) {
        uint64_t t = (uint64_t)a->limb[i] - b->limb[i] - borrow;
        a->limb[i] = (uint32_t)t;
        borrow = (t >> 63) & 1;
    }
}

/* q = floor(num * 2^shift / den), *inexact = remainder != 0. The quotient
 * must fit in 64 bits... it is wider here, so it is kept as a bignum. */
static void big_divide_shifted(const struct bignum *num, int shift, const struct bignum *den, struct bignum *q,
                               bool *inexact)
{
    struct bignum r;
    big_zero(&r);
    big_zero(q);
    int total = big_bits(num) + shift;
    for (int i = total - 1; i >= 0; i--) {
        int bit = i >= shift ? big_bit(num, i - shift) : 0;
        big_shl1(&r, bit);
        big_shl1(q, 0);
        if (big_compare(&r, den) >= 0) {
            big_sub(&r, den);
            q->limb[0] |= 1;
        }
    }
    struct bignum zero;
    big_zero(&zero);
    *inexact = big_compare(&r, &zero) != 0;
}

#define MAX_DIGITS 60
#define MAX_EXPONENT 120

bool float_constant_encode(const char *text, size_t len, unsigned bytes, uint8_t out[8], struct asm_problem *p)
{
    size_t i = 0;
    bool negative = false;
    if (i < len && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    struct bignum mantissa;
    big_zero(&mantissa);
    int digits = 0, fraction_digits = 0;
    bool any = false, point = false, nonzero = false;
    for (; i < len; i++) {
        char c = text[i];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (!isdigit((unsigned char)c))
            break;
        any = true;
        if (c != '0')
            nonzero = true;
        if (nonzero) {
            if (++digits > MAX_DIGITS)
                return problem_set(p, i, "floating-point constant has more than %d significant digits", MAX_DIGITS);
            big_mul_small(&mantissa, 10, (uint32_t)(c - '0'));
        }
        if (point)
            fraction_digits++;
    }
    if (!any)
        return problem_set(p, i, "floating-point constant has no digits (expected a number such as 1.5E3)");
    long exponent = 0;
    if (i < len && (text[i] == 'E' || text[i] == 'e')) {
        size_t at = i++;
        bool eneg = false;
        if (i < len && (text[i] == '+' || text[i] == '-'))
            eneg = text[i++] == '-';
        if (i >= len || !isdigit((unsigned char)text[i]))
            return problem_set(p, at, "exponent has no digits (expected E followed by a decimal number)");
        while (i < len && isdigit((unsigned char)text[i])) {
            exponent = exponent * 10 + (text[i++] - '0');
            if (exponent > 1000)
                return problem_set(p, at, "decimal exponent is out of range for System/360 floating point");
        }
        if (eneg)
            exponent = -exponent;
    }
    if (i != len)
        return problem_set(p, i, "'%c' in a floating-point constant (expected digits, a point or an exponent)",
                           text[i]);
    memset(out, 0, 8);
    if (!nonzero)
        return true; /* true zero */
    /* Trailing-zero digits after the point were not counted in digits if
     * they came first; the value is mantissa * 10^(exponent - fraction). */
    long e10 = exponent - fraction_digits;
    if (e10 > MAX_EXPONENT || e10 < -MAX_EXPONENT - MAX_DIGITS)
        return problem_set(p, 0, "value is out of range for System/360 floating point (about 5.4E-79 to 7.2E75)");
    struct bignum num = mantissa, den;
    big_zero(&den);
    den.limb[0] = 1;
    for (long k = 0; k < (e10 > 0 ? e10 : -e10); k++)
        big_mul_small(e10 > 0 ? &num : &den, 10, 0);
    int fraction_bits = bytes == 4 ? 24 : 56;
    int shift = fraction_bits + 16 + 4 * (int)(e10 < 0 ? -e10 : 0);
    struct bignum q;
    bool inexact;
    big_divide_shifted(&num, shift, &den, &q, &inexact);
    int b = big_bits(&q);
    int e2 = b - shift; /* 2^(e2-1) <= value < 2^e2 */
    int h = e2 >= 0 ? (e2 + 3) / 4 : -((-e2) / 4);
    int drop = shift + 4 * h - fraction_bits; /* low bits of q below the fraction */
    uint64_t fraction = 0;
    for (int k = fraction_bits - 1; k >= 0; k--)
        fraction = fraction << 1 | (uint64_t)big_bit(&q, drop + k);
    if (big_bit(&q, drop - 1)) {
        fraction++;
        if (fraction >> fraction_bits) {
            fraction >>= 4;
            h++;
        }
    }
    int characteristic = h + 64;
    if (characteristic > 127)
        return problem_set(p, 0, "value is too large for System/360 floating point (at most about 7.2E75)");
    if (characteristic < 0)
        return problem_set(p, 0, "value is too small for System/360 floating point (at least about 5.4E-79)");
    out[0] = (uint8_t)((negative ? 0x80 : 0) | characteristic);
    for (unsigned k = 1; k < bytes; k++)
        out[k] = (uint8_t)(fraction >> (8 * (bytes - 1 - k)));
    (void)inexact;
    return true;
}
