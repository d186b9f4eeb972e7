/* System/360 hexadecimal floating-point arithmetic. Every rule below cites
 * the IBM System/360 Principles of Operation, A22-6821-0 ("POO"), by page;
 * where that edition is silent or was changed in the field, the comment
 * says what was followed and why. */
#include "cpu/float_arith.h"

#define FRACTION_LONG_MASK 0x00FFFFFFFFFFFFFFull
#define FRACTION_SHORT_MASK 0x00FFFFFFu

/* A number taken apart. The characteristic is an int because intermediate
 * results may leave the range 0..127 before the exception rules apply. */
struct unpacked {
    bool negative;
    int characteristic;
    uint64_t fraction; /* right-aligned: 6 or 14 hexadecimal digits */
};

static unsigned fraction_digits(enum hfp_format format)
{
    return format == HFP_SHORT ? 6 : 14;
}

static struct unpacked unpack(uint64_t image, enum hfp_format format)
{
    struct unpacked u;
    u.negative = (image & HFP_SIGN_BIT) != 0;
    u.characteristic = (int)((image >> 56) & 0x7F);
    u.fraction = format == HFP_SHORT ? (image >> 32) & FRACTION_SHORT_MASK : image & FRACTION_LONG_MASK;
    return u;
}

/* The characteristic is taken modulo 128: an overflowed characteristic
 * comes out 128 smaller than the correct one (see hfp_add and finish). */
static uint64_t pack(bool negative, int characteristic, uint64_t fraction, enum hfp_format format)
{
    uint64_t image = (negative ? HFP_SIGN_BIT : 0) | ((uint64_t)(characteristic & 0x7F) << 56);
    return image | (format == HFP_SHORT ? fraction << 32 : fraction);
}

bool hfp_fraction_is_zero(uint64_t operand, enum hfp_format format)
{
    return unpack(operand, format).fraction == 0;
}

/* POO p.41 "Normalization": shift the fraction left until its leftmost
 * hexadecimal digit is not zero, reducing the characteristic by one for
 * each digit. A zero fraction cannot be normalized. The characteristic may
 * become negative here: prenormalization of an operand never signals
 * underflow, "the correct characteristic and fraction value are used"
 * (POO p.48). */
static void normalize(struct unpacked *u, unsigned digits)
{
    uint64_t leftmost_digit = 0xFull << (4 * (digits - 1));
    if (u->fraction == 0)
        return;
    while ((u->fraction & leftmost_digit) == 0) {
        u->fraction <<= 4;
        u->characteristic--;
    }
}

/* Shifts a (digits)-digit value right by `shift` hexadecimal digits; all of
 * it is lost when the shift is the whole width or more. */
static uint64_t shift_right_digits(uint64_t value, int shift, unsigned digits)
{
    return shift >= (int)digits ? 0 : value >> (4 * shift);
}

/* The intermediate sum of addition, subtraction and comparison (POO p.44
 * "Add Normalized"): the fraction with the smaller characteristic is
 * shifted right until the characteristics agree, then the fractions are
 * added algebraically.
 *
 * Guard digit: the intermediate sum has one more hexadecimal digit than
 * the fraction, the guard digit, which keeps the first digit shifted out of
 * the smaller operand ("only one guard digit participates"; zero when no
 * shift occurs). A22-6821-0 describes it for short operands only (the
 * intermediate sum of 7 digits and a possible carry; RCA's 70/46 manual,
 * a 360-compatible, copies that rule); IBM then changed every System/360
 * in the field to keep a guard digit in long operations as well (D.
 * Goldberg, "What Every Computer Scientist Should Know About
 * Floating-Point Arithmetic", 1991, which dates the retrofit to 1968; the
 * compare description on POO p.47 already speaks of "a possible guard
 * digit"). A 67 therefore has the guard digit in both formats, and so do
 * Hercules and SIMH. The result has `digits`+1 digits plus a possible
 * carry digit above them. */
static uint64_t intermediate_sum(struct unpacked a, struct unpacked b, unsigned digits, int *characteristic,
                                 bool *negative)
{
    uint64_t first = a.fraction << 4;
    uint64_t second = b.fraction << 4;
    if (a.characteristic >= b.characteristic) {
        second = shift_right_digits(second, a.characteristic - b.characteristic, digits + 1);
        *characteristic = a.characteristic;
    } else {
        first = shift_right_digits(first, b.characteristic - a.characteristic, digits + 1);
        *characteristic = b.characteristic;
    }
    if (a.negative == b.negative) {
        *negative = a.negative;
        return first + second;
    }
    /* Unlike signs: the magnitude of the larger minus the smaller, with the
     * sign of the larger. */
    if (first >= second) {
        *negative = a.negative;
        return first - second;
    }
    *negative = b.negative;
    return second - first;
}

struct hfp_outcome hfp_add(uint64_t first, uint64_t second, enum hfp_format format, bool normalize_result,
                           bool significance_mask)
{
    unsigned digits = fraction_digits(format);
    struct hfp_outcome out = {0, 0, 0};
    int characteristic;
    bool negative;
    uint64_t sum = intermediate_sum(unpack(first, format), unpack(second, format), digits, &characteristic,
                                    &negative);

    /* "If an overflow carry occurs, the intermediate sum is right-shifted
     * one digit, and the characteristic is increased by one" (POO p.44). */
    if (sum >> (4 * (digits + 1)) != 0) {
        sum >>= 4;
        characteristic++;
    }

    /* The zero test: for normalized addition the whole intermediate sum,
     * guard digit included; for unnormalized addition the sum "truncated to
     * the proper fraction length" (POO p.45). */
    uint64_t tested = normalize_result ? sum : sum >> 4;
    if (tested == 0) {
        /* POO p.41 "True Zero" and p.45: with the significance mask bit one
         * the exception interrupts and the zero fraction keeps the
         * intermediate characteristic ("the true zero is not forced");
         * with the bit zero the result is made a true zero. Either way the
         * sign of a zero sum is plus and the condition code 0. */
        out.exceptions = HFP_SIGNIFICANCE;
        out.value = significance_mask ? pack(false, characteristic, 0, format) : 0;
        out.condition_code = 0;
        return out;
    }

    if (normalize_result) {
        /* Postnormalization brings the guard digit into the fraction, then
         * the sum is truncated to 6 or 14 digits (POO p.44). */
        uint64_t leftmost_digit = 0xFull << (4 * digits);
        while ((sum & leftmost_digit) == 0) {
            sum <<= 4;
            characteristic--;
        }
    }
    uint64_t fraction = sum >> 4;

    if (characteristic > 127) {
        /* Exponent overflow (only through the carry). POO p.45 gives
         * condition code 3 ("result exponent overflows"). A22-6821-0 does
         * not define the register's contents (the interruption always
         * follows); Hercules and SIMH agree on the characteristic made 128
         * smaller with sign and fraction correct, which pack() yields. */
        out.exceptions = HFP_EXPONENT_OVERFLOW;
        out.value = pack(negative, characteristic, fraction, format);
        out.condition_code = 3;
    } else if (characteristic < 0) {
        /* Exponent underflow (only through normalization): "A result is
         * forced to be true zero when an exponent underflow occurs" (POO
         * p.41), whether or not the mask lets it interrupt. (System/370
         * later kept the wrapped number when the mask is one; Hercules and
         * SIMH do that; a 360 does not.) */
        out.exceptions = HFP_EXPONENT_UNDERFLOW;
        out.value = 0;
        out.condition_code = 0;
    } else {
        out.value = pack(negative, characteristic, fraction, format);
        out.condition_code = negative ? 1 : 2;
    }
    return out;
}

/* POO p.46-47 "Compare": the second operand is subtracted from the first
 * as in subtraction; the operands are equal when the intermediate
 * difference, including the guard digit, is zero. No exception occurs, and
 * numbers with zero fractions compare equal whatever their signs and
 * characteristics. */
uint8_t hfp_compare(uint64_t first, uint64_t second, enum hfp_format format)
{
    int characteristic;
    bool negative;
    uint64_t difference = intermediate_sum(unpack(first, format), unpack(second ^ HFP_SIGN_BIT, format),
                                           fraction_digits(format), &characteristic, &negative);
    if (difference == 0)
        return 0;
    return negative ? 1 : 2;
}

/* The final characteristic of a product or quotient (POO p.48): above 127
 * is an exponent overflow, below 0 an exponent underflow. The fraction is
 * normalized and not zero here. */
static struct hfp_outcome finish(bool negative, int characteristic, uint64_t fraction, enum hfp_format format)
{
    struct hfp_outcome out = {0, 0, 0};
    if (characteristic > 127) {
        /* As in addition: characteristic 128 too small, sign and fraction
         * correct (Hercules and SIMH; A22-6821-0 leaves it open). */
        out.exceptions = HFP_EXPONENT_OVERFLOW;
        out.value = pack(negative, characteristic, fraction, format);
    } else if (characteristic < 0) {
        /* "The characteristic and fraction are made zero, and a program
         * interruption occurs if the corresponding mask bit is one"
         * (POO p.48). */
        out.exceptions = HFP_EXPONENT_UNDERFLOW;
        out.value = 0;
    } else {
        out.value = pack(negative, characteristic, fraction, format);
    }
    return out;
}

/* The 128-bit product of two 64-bit numbers, portable C. */
static void multiply_64(uint64_t x, uint64_t y, uint64_t *high, uint64_t *low)
{
    uint64_t x0 = x & 0xFFFFFFFFu, x1 = x >> 32;
    uint64_t y0 = y & 0xFFFFFFFFu, y1 = y >> 32;
    uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
    uint64_t middle = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    *low = (p00 & 0xFFFFFFFFu) | (middle << 32);
    *high = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
}

/* POO p.47-48 "Multiply": the operands are prenormalized; the sum of their
 * characteristics less 64 is the intermediate characteristic; the product
 * fraction is postnormalized (at most one digit, since both fractions are
 * normalized) and truncated.
 *
 * Short operands give a long result: the product of two 6-digit fractions
 * has at most 12 digits and the 360 delivers "the full 14 digits as in the
 * long format and the two low-order digits are always zero" (RCA 70/46
 * manual, MER/ME note 6; A22-6821-0 p.48 speaks of "all 14 result fraction
 * digits" for multiplication of both lengths; System/370 kept the rule).
 * SIMH, which runs 360 software, stores the whole register as well.
 *
 * Long operands: the exact 28-digit product is normalized and then
 * truncated to 14 digits, so that a normalizing shift brings in the 15th
 * (guard) digit. A22-6821-0 still says the long product "is truncated
 * before the left-shift"; that was the truncate-then-normalize behaviour
 * IBM replaced with the guard-digit change, and Hercules and SIMH both
 * normalize first. */
struct hfp_outcome hfp_multiply(uint64_t multiplicand, uint64_t multiplier, enum hfp_format format)
{
    unsigned digits = fraction_digits(format);
    struct unpacked a = unpack(multiplicand, format);
    struct unpacked b = unpack(multiplier, format);
    bool negative = a.negative != b.negative;

    /* "When all 14 result fraction digits are zero, the product sign and
     * characteristic are made zero, yielding a true zero result without
     * exponent underflow and exponent overflow"; no significance exception
     * in multiplication (POO p.48). With normalized operands the product
     * fraction is zero only when an operand fraction is. */
    if (a.fraction == 0 || b.fraction == 0) {
        struct hfp_outcome zero = {0, 0, 0};
        return zero;
    }
    normalize(&a, digits);
    normalize(&b, digits);
    int characteristic = a.characteristic + b.characteristic - 64;

    uint64_t fraction;
    if (format == HFP_SHORT) {
        uint64_t product = a.fraction * b.fraction; /* 12 digits */
        if ((product >> 44) == 0) {
            product <<= 4;
            characteristic--;
        }
        fraction = product << 8; /* 14 digits, the last two zero */
    } else {
        uint64_t high, low; /* 28 digits: 112 bits of high:low */
        multiply_64(a.fraction, b.fraction, &high, &low);
        if ((high >> 44) == 0) {
            high = (high << 4) | (low >> 60);
            low <<= 4;
            characteristic--;
        }
        fraction = ((high << 8) | (low >> 56)) & FRACTION_LONG_MASK;
    }
    return finish(negative, characteristic, fraction, HFP_LONG);
}

/* POO p.48 "Divide": a zero divisor fraction omits the division (the
 * dividend stays) with a floating-point divide exception; a zero dividend
 * fraction gives a true zero. Otherwise both operands are prenormalized,
 * the intermediate characteristic is the dividend's less the divisor's plus
 * 64, and "all dividend fraction digits participate": the quotient never
 * needs postnormalization, but when the dividend fraction is not smaller
 * than the divisor fraction it is shifted right one digit (characteristic
 * plus one). The quotient fraction is truncated to 6 or 14 digits. */
struct hfp_outcome hfp_divide(uint64_t dividend, uint64_t divisor, enum hfp_format format)
{
    unsigned digits = fraction_digits(format);
    struct unpacked a = unpack(dividend, format);
    struct unpacked b = unpack(divisor, format);
    struct hfp_outcome out = {0, 0, 0};

    if (b.fraction == 0) {
        out.exceptions = HFP_DIVIDE;
        out.value = format == HFP_SHORT ? dividend & HFP_SHORT_MASK : dividend;
        return out;
    }
    if (a.fraction == 0)
        return out; /* true zero, no exception */
    normalize(&a, digits);
    normalize(&b, digits);
    int characteristic = a.characteristic - b.characteristic + 64;

    /* Long division one hexadecimal digit at a time: the remainder stays
     * below the divisor (under 2^56), so remainder * 16 fits in 64 bits. */
    uint64_t quotient, remainder;
    unsigned more_digits;
    if (a.fraction >= b.fraction) {
        characteristic++;
        quotient = a.fraction / b.fraction; /* 1..15: the first digit */
        remainder = a.fraction % b.fraction;
        more_digits = digits - 1;
    } else {
        quotient = 0;
        remainder = a.fraction;
        more_digits = digits;
    }
    for (unsigned i = 0; i < more_digits; i++) {
        remainder <<= 4;
        quotient = (quotient << 4) | (remainder / b.fraction);
        remainder %= b.fraction;
    }
    return finish(a.negative != b.negative, characteristic, quotient, format);
}

/* POO p.47 "Halve": "The operation shifts the fraction right one bit; the
 * sign and characteristic are not changed. No normalization or test for
 * zero fraction takes place." (System/370 later normalized the result, as
 * SIMH and Hercules do; a 360 does not.) */
uint64_t hfp_halve(uint64_t operand, enum hfp_format format)
{
    struct unpacked u = unpack(operand, format);
    return pack(u.negative, u.characteristic, u.fraction >> 1, format);
}
