/* Packed decimal multiplication, division and binary conversion: the
 * slower operations (MP, DP, CVB, CVD), built on the 16-digits-at-a-time
 * addition in decimal.h. */
#include "cpu/decimal.h"

struct decimal decimal_multiply(struct decimal multiplicand, struct decimal multiplier)
{
    /* The nine multiples, then one shift and one addition per multiplier
     * digit, most significant first. */
    struct decimal multiple[10];
    multiple[0] = (struct decimal){0, 0};
    for (unsigned m = 1; m < 10; m++)
        multiple[m] = decimal_add(multiple[m - 1], multiplicand);

    struct decimal product = {0, 0};
    for (int position = 31; position >= 0; position--) {
        uint64_t word = position >= 16 ? multiplier.high : multiplier.low;
        unsigned digit = (unsigned)(word >> (4 * (position & 15))) & 0xF;
        product = decimal_add(decimal_shift_left(product, 1), multiple[digit]);
    }
    return product;
}

bool decimal_divide(struct decimal dividend, struct decimal divisor, unsigned quotient_digits,
                    struct decimal *quotient, struct decimal *remainder)
{
    if (decimal_is_zero(divisor))
        return false;
    /* The quotient fits in quotient_digits digits exactly when the
     * dividend is below divisor * 10^quotient_digits (the PoO's trial
     * subtraction with the divisor aligned one digit right of the
     * dividend's leftmost digit, A22-6821 "Divide Decimal"). When that
     * product has more than 32 digits, no 32-digit dividend reaches it. */
    if (!decimal_exceeds(divisor, 32 - quotient_digits) &&
        decimal_compare(dividend, decimal_shift_left(divisor, quotient_digits)) >= 0)
        return false;

    struct decimal q = {0, 0};
    struct decimal r = dividend;
    for (int position = (int)quotient_digits - 1; position >= 0; position--) {
        struct decimal shifted = decimal_shift_left(divisor, (unsigned)position);
        unsigned digit = 0;
        while (decimal_compare(r, shifted) >= 0) {
            r = decimal_subtract(r, shifted);
            digit++;
        }
        q = decimal_shift_left(q, 1);
        q.low |= digit;
    }
    *quotient = q;
    *remainder = r;
    return true;
}

uint64_t decimal_to_binary(struct decimal d)
{
    uint64_t value = 0;
    for (int position = 18; position >= 0; position--) {
        uint64_t word = position >= 16 ? d.high : d.low;
        value = value * 10 + ((word >> (4 * (position & 15))) & 0xF);
    }
    return value;
}

struct decimal decimal_from_binary(uint64_t value)
{
    struct decimal d = {0, 0};
    for (unsigned position = 0; value != 0; position++) {
        uint64_t digit = value % 10;
        value /= 10;
        if (position >= 16)
            d.high |= digit << (4 * (position - 16));
        else
            d.low |= digit << (4 * position);
    }
    return d;
}
