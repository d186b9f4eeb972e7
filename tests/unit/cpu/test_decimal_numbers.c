/* The packed-decimal number library (cpu/decimal.h): loading, storing,
 * validity checks, and the 16-digits-at-a-time arithmetic, checked both
 * on chosen cases and against a plain digit-by-digit reference on many
 * pseudo-random operands (fixed seed, so every run checks the same ones). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decimal.h"
#include "tests/unit/cpu/cpu_test_support.h"

/* The reference: 32 digits, index 0 = units. */
struct digits {
    uint8_t d[32];
};

static struct digits to_digits(struct decimal x)
{
    struct digits r;
    for (unsigned i = 0; i < 32; i++)
        r.d[i] = (uint8_t)(((i < 16 ? x.low >> (4 * i) : x.high >> (4 * (i - 16)))) & 0xF);
    return r;
}

static struct decimal from_digits(const struct digits *r)
{
    struct decimal x = {0, 0};
    for (unsigned i = 0; i < 32; i++) {
        if (i < 16)
            x.low |= (uint64_t)r->d[i] << (4 * i);
        else
            x.high |= (uint64_t)r->d[i] << (4 * (i - 16));
    }
    return x;
}

static int reference_compare(const struct digits *a, const struct digits *b)
{
    for (int i = 31; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static struct digits reference_add(const struct digits *a, const struct digits *b)
{
    struct digits r;
    unsigned carry = 0;
    for (unsigned i = 0; i < 32; i++) {
        unsigned s = a->d[i] + b->d[i] + carry;
        r.d[i] = (uint8_t)(s % 10);
        carry = s / 10;
    }
    return r;
}

static struct digits reference_subtract(const struct digits *a, const struct digits *b)
{
    struct digits r;
    int borrow = 0;
    for (unsigned i = 0; i < 32; i++) {
        int s = a->d[i] - b->d[i] - borrow;
        borrow = s < 0;
        r.d[i] = (uint8_t)(s < 0 ? s + 10 : s);
    }
    return r;
}

static struct digits reference_multiply(const struct digits *a, const struct digits *b)
{
    unsigned acc[64] = {0};
    for (unsigned i = 0; i < 32; i++)
        for (unsigned j = 0; i + j < 64 && j < 32; j++)
            acc[i + j] += a->d[i] * b->d[j];
    struct digits r;
    unsigned carry = 0;
    for (unsigned i = 0; i < 32; i++) {
        unsigned s = acc[i] + carry;
        r.d[i] = (uint8_t)(s % 10);
        carry = s / 10;
    }
    return r;
}

/* A xorshift generator with a fixed seed: every run checks the same
 * operands. */
struct rng {
    uint64_t state;
};

static unsigned random_below(struct rng *g, unsigned n)
{
    g->state ^= g->state << 13;
    g->state ^= g->state >> 7;
    g->state ^= g->state << 17;
    return (unsigned)(g->state % n);
}

/* A number with `n` random digits (the leading ones may be zero). */
static struct digits random_digits(struct rng *g, unsigned n)
{
    struct digits r;
    memset(&r, 0, sizeof r);
    for (unsigned i = 0; i < n; i++)
        r.d[i] = (uint8_t)random_below(g, 10);
    return r;
}

START_TEST(test_load_splits_sign_from_digits_and_store_puts_them_back)
{
    const uint8_t field[5] = {0x01, 0x23, 0x45, 0x67, 0x8D};
    unsigned sign;
    struct decimal d = decimal_load(field, 5, &sign);
    ck_assert_uint_eq(sign, 0xD);
    ck_assert_uint_eq(d.low, 0x012345678u);
    ck_assert_uint_eq(d.high, 0);
    uint8_t out[5];
    decimal_store(out, 5, d, 0xC);
    const uint8_t expect[5] = {0x01, 0x23, 0x45, 0x67, 0x8C};
    ck_assert_mem_eq(out, expect, 5);
}
END_TEST

START_TEST(test_load_of_16_byte_field_gives_31_digits)
{
    uint8_t field[16];
    for (unsigned i = 0; i < 15; i++)
        field[i] = 0x98;
    field[15] = 0x7C;
    unsigned sign;
    struct decimal d = decimal_load(field, 16, &sign);
    ck_assert_uint_eq(sign, 0xC);
    ck_assert_uint_eq(d.low, 0x8989898989898987u);
    ck_assert_uint_eq(d.high, 0x0989898989898989u);
    uint8_t out[16];
    decimal_store(out, 16, d, 0xC);
    ck_assert_mem_eq(out, field, 16);
}
END_TEST

START_TEST(test_store_keeps_only_the_digits_that_fit)
{
    struct decimal d = {0x12345, 0};
    uint8_t out[2];
    decimal_store(out, 2, d, 0xD);
    const uint8_t expect[2] = {0x34, 0x5D};
    ck_assert_mem_eq(out, expect, 2);
}
END_TEST

START_TEST(test_digit_codes_A_to_F_are_invalid_and_0_to_9_valid)
{
    for (unsigned code = 0; code < 16; code++)
        for (unsigned position = 0; position < 32; position++) {
            struct decimal d = {0, 0};
            if (position < 16)
                d.low = (uint64_t)code << (4 * position);
            else
                d.high = (uint64_t)code << (4 * (position - 16));
            ck_assert_msg(decimal_digits_are_valid(d) == (code <= 9), "code %X at %u", code, position);
        }
}
END_TEST

START_TEST(test_sign_codes_A_C_E_F_plus_B_D_minus_0_to_9_invalid)
{
    for (unsigned code = 0; code < 16; code++) {
        ck_assert(decimal_sign_is_valid(code) == (code >= 0xA));
        if (code >= 0xA)
            ck_assert(decimal_sign_is_minus(code) == (code == 0xB || code == 0xD));
    }
}
END_TEST

START_TEST(test_add_carries_through_all_32_digits)
{
    struct decimal a = {0x9999999999999999u, 0x0999999999999999u};
    struct decimal one = {1, 0};
    struct decimal r = decimal_add(a, one);
    ck_assert_uint_eq(r.low, 0);
    ck_assert_uint_eq(r.high, 0x1000000000000000u);
}
END_TEST

START_TEST(test_subtract_borrows_across_the_word_boundary)
{
    struct decimal a = {0, 1};
    struct decimal one = {1, 0};
    struct decimal r = decimal_subtract(a, one);
    ck_assert_uint_eq(r.low, 0x9999999999999999u);
    ck_assert_uint_eq(r.high, 0);
}
END_TEST

START_TEST(test_exceeds_and_truncate_split_at_the_digit_count)
{
    struct decimal d = {0x1234, 0};
    ck_assert(decimal_exceeds(d, 3));
    ck_assert(!decimal_exceeds(d, 4));
    struct decimal t = decimal_truncate(d, 3);
    ck_assert_uint_eq(t.low, 0x234);
    struct decimal big = {0, 0x5};
    ck_assert(decimal_exceeds(big, 16));
    ck_assert(!decimal_exceeds(big, 17));
    ck_assert(decimal_is_zero(decimal_truncate(big, 16)));
    ck_assert(decimal_exceeds((struct decimal){0, 0x1000000000000000u}, 31));
}
END_TEST

START_TEST(test_add_subtract_compare_agree_with_digit_by_digit_reference)
{
    struct rng g = {0x9E3779B97F4A7C15u};
    for (unsigned trial = 0; trial < 20000; trial++) {
        struct digits a = random_digits(&g, 1 + random_below(&g, 31));
        struct digits b = random_digits(&g, 1 + random_below(&g, 31));
        struct decimal x = from_digits(&a), y = from_digits(&b);
        struct digits sum = reference_add(&a, &b);
        struct digits got = to_digits(decimal_add(x, y));
        ck_assert_msg(memcmp(&got, &sum, sizeof sum) == 0, "add trial %u", trial);
        int order = reference_compare(&a, &b);
        ck_assert_int_eq(decimal_compare(x, y), order);
        struct digits diff = order >= 0 ? reference_subtract(&a, &b) : reference_subtract(&b, &a);
        got = to_digits(order >= 0 ? decimal_subtract(x, y) : decimal_subtract(y, x));
        ck_assert_msg(memcmp(&got, &diff, sizeof diff) == 0, "subtract trial %u", trial);
    }
}
END_TEST

START_TEST(test_multiply_agrees_with_reference_for_products_up_to_31_digits)
{
    struct rng g = {0x9E3779B97F4A7C15u};
    for (unsigned trial = 0; trial < 3000; trial++) {
        unsigned nb = 1 + random_below(&g, 15);
        unsigned na = 1 + random_below(&g, 31 - nb);
        struct digits a = random_digits(&g, na), b = random_digits(&g, nb);
        struct digits product = reference_multiply(&a, &b);
        struct digits got = to_digits(decimal_multiply(from_digits(&a), from_digits(&b)));
        ck_assert_msg(memcmp(&got, &product, sizeof product) == 0, "multiply trial %u", trial);
    }
}
END_TEST

/* Number of significant digits. */
static unsigned significant_digits(const struct digits *a)
{
    for (int i = 31; i >= 0; i--)
        if (a->d[i] != 0)
            return (unsigned)i + 1;
    return 0;
}

START_TEST(test_divide_agrees_with_reference_and_remainder_is_below_divisor)
{
    struct rng g = {0x9E3779B97F4A7C15u};
    unsigned divided = 0, refused = 0;
    for (unsigned trial = 0; trial < 5000; trial++) {
        unsigned nd = 1 + random_below(&g, 15);
        unsigned quotient_digits = 1 + random_below(&g, 29);
        unsigned nx = nd + quotient_digits;
        if (nx > 31)
            nx = 31;
        struct digits divisor = random_digits(&g, nd);
        struct digits dividend = random_digits(&g, 1 + random_below(&g, nx));
        struct decimal x = from_digits(&dividend), y = from_digits(&divisor);
        struct decimal q, r;
        if (!decimal_divide(x, y, quotient_digits, &q, &r)) {
            /* Refused: the divisor is zero, or divisor * 10^quotient_digits
             * (which then has at most 32 digits) is not above the dividend. */
            refused++;
            if (significant_digits(&divisor) == 0)
                continue;
            ck_assert_uint_le(significant_digits(&divisor) + quotient_digits, 32);
            struct digits scaled;
            memset(&scaled, 0, sizeof scaled);
            for (unsigned i = 0; i + quotient_digits < 32; i++)
                scaled.d[i + quotient_digits] = divisor.d[i];
            ck_assert_msg(reference_compare(&dividend, &scaled) >= 0, "divide trial %u refused", trial);
            continue;
        }
        divided++;
        /* q * y + r == x, r < y, and q has at most quotient_digits digits. */
        struct digits qd = to_digits(q), rd = to_digits(r);
        struct digits back = reference_multiply(&qd, &divisor);
        back = reference_add(&back, &rd);
        ck_assert_msg(memcmp(&back, &dividend, sizeof back) == 0, "divide trial %u", trial);
        ck_assert_int_lt(decimal_compare(r, y), 0);
        ck_assert_uint_le(significant_digits(&qd), quotient_digits);
    }
    /* Both outcomes were exercised. */
    ck_assert_uint_gt(divided, 1000);
    ck_assert_uint_gt(refused, 100);
}
END_TEST

START_TEST(test_divide_refuses_zero_divisor)
{
    struct decimal q, r;
    ck_assert(!decimal_divide((struct decimal){5, 0}, (struct decimal){0, 0}, 5, &q, &r));
}
END_TEST

START_TEST(test_binary_conversion_round_trips)
{
    static const uint64_t values[] = {0, 1, 9, 10, 2147483647u, 2147483648u, 999999999999999u,
                                      UINT64_C(9999999999999999999)};
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct decimal d = decimal_from_binary(values[i]);
        ck_assert(decimal_digits_are_valid(d));
        ck_assert_uint_eq(decimal_to_binary(d), values[i]);
    }
    ck_assert_uint_eq(decimal_from_binary(2147483648u).low, 0x2147483648u);
}
END_TEST

static Suite *decimal_numbers_suite(void)
{
    Suite *s = suite_create("decimal numbers");
    TCase *t = tcase_create("library");
    tcase_add_test(t, test_load_splits_sign_from_digits_and_store_puts_them_back);
    tcase_add_test(t, test_load_of_16_byte_field_gives_31_digits);
    tcase_add_test(t, test_store_keeps_only_the_digits_that_fit);
    tcase_add_test(t, test_digit_codes_A_to_F_are_invalid_and_0_to_9_valid);
    tcase_add_test(t, test_sign_codes_A_C_E_F_plus_B_D_minus_0_to_9_invalid);
    tcase_add_test(t, test_add_carries_through_all_32_digits);
    tcase_add_test(t, test_subtract_borrows_across_the_word_boundary);
    tcase_add_test(t, test_exceeds_and_truncate_split_at_the_digit_count);
    tcase_add_test(t, test_add_subtract_compare_agree_with_digit_by_digit_reference);
    tcase_add_test(t, test_multiply_agrees_with_reference_for_products_up_to_31_digits);
    tcase_add_test(t, test_divide_agrees_with_reference_and_remainder_is_below_divisor);
    tcase_add_test(t, test_divide_refuses_zero_divisor);
    tcase_add_test(t, test_binary_conversion_round_trips);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(decimal_numbers_suite());
}
