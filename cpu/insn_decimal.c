/* Decimal arithmetic (POO A22-6821 "Decimal Arithmetic"): AP, SP, ZAP,
 * CP, MP, DP; the conversions CVB and CVD ("Fixed-Point Arithmetic");
 * and the registration of the whole decimal group, including PACK, UNPK,
 * MVO (decimal_format.c) and ED, EDMK (decimal_edit.c).
 *
 * Every operand is reached through cpu/access.h (one TLB lookup when it
 * lies in one 2K block, else a span), so all its blocks are translated
 * and checked before anything is stored. The operands are
 * fetched whole before the result is stored: for the overlaps the PoO
 * allows (coincident rightmost bytes; for ZAP also the result's rightmost
 * byte to the right of the source's) that gives the result of right-to-
 * left processing, and other overlaps are unpredictable there. A data
 * exception stores nothing (the PoO lets it terminate the operation,
 * leaving results unpredictable; storing nothing is one such outcome). */
#include <string.h>

#include "cpu/decimal.h"
#include "cpu/decimal_insn.h"
#include "cpu/insn.h"

/* The helpers of the AP/SP/ZAP/CP path: always inlined, since AP is in
 * every commercial loop and in the benchmark. */
#define HOT_PATH static inline __attribute__((always_inline))

/* A packed operand, accessed and checked for its access kind: in host
 * storage at `bytes` when it lies in one 2K block (the common case, one
 * TLB lookup), else through a span (two blocks, both checked before
 * anything is stored). */
struct packed_operand {
    uint8_t *bytes; /* NULL when the operand crosses a block boundary */
    struct cpu_span span;
    unsigned length;
    unsigned offset_in_block;
};

static inline void packed_operand_access(struct cpu *c, uint32_t address, unsigned length, enum cpu_access kind,
                                         struct packed_operand *op)
{
    op->length = length;
    op->offset_in_block = address & ~TLB_BLOCK_MASK;
    if (__builtin_expect(op->offset_in_block + length <= (1u << CPU_TLB_PAGE_SHIFT), 1)) {
        op->bytes = kind == CPU_ACCESS_STORE ? cpu_host_store(c, address) : cpu_host_fetch(c, address);
        return;
    }
    op->bytes = NULL;
    cpu_span_access(c, address, length, kind, &op->span);
}

static inline uint64_t low_bytes_mask(unsigned bytes)
{
    return bytes >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * bytes)) - 1;
}

/* The operand's digits and sign code. An operand inside one block is
 * read with whole 8-byte loads of host memory of that block: forward
 * from its first byte, or, near the block's end, backward from its last
 * byte, the bytes that are not the field's shifted or masked away (no
 * guest byte outside the operand is accessed architecturally). */
HOT_PATH struct decimal load_packed(const struct packed_operand *op, unsigned *sign)
{
    const unsigned block = 1u << CPU_TLB_PAGE_SHIFT;
    const uint8_t *p = op->bytes;
    unsigned n = op->length;
    if (__builtin_expect(p != NULL, 1)) {
        if (n <= 8) {
            uint64_t low = op->offset_in_block + 8 <= block ? load_be64(p) >> (64 - 8 * n)
                                                            : load_be64(p + n - 8) & low_bytes_mask(n);
            return decimal_from_field_words(0, low, sign);
        }
        if (op->offset_in_block + 16 <= block) {
            unsigned shift = 8 * (16 - n); /* 0..56 */
            uint64_t first = load_be64(p), second = load_be64(p + 8);
            uint64_t low = shift == 0 ? second : (second >> shift) | (first << (64 - shift));
            return decimal_from_field_words(first >> shift, low, sign);
        }
        return decimal_from_field_words(load_be64(p + n - 16) & low_bytes_mask(n - 8), load_be64(p + n - 8), sign);
    }
    uint8_t copy[DECIMAL_MAX_BYTES];
    cpu_span_read(&op->span, copy);
    return decimal_load(copy, n, sign);
}

/* Fetches a packed operand and checks every digit and sign code (data
 * exception, code 7). */
HOT_PATH struct decimal fetch_checked_packed(struct cpu *c, const struct packed_operand *op, bool *minus)
{
    unsigned sign;
    struct decimal d = load_packed(op, &sign);
    if (__builtin_expect(!decimal_sign_is_valid(sign) || !decimal_digits_are_valid(d), 0))
        cpu_program_interrupt(c, PIC_DATA);
    *minus = decimal_sign_is_minus(sign);
    return d;
}

HOT_PATH void store_packed(struct packed_operand *op, struct decimal magnitude, unsigned sign)
{
    if (__builtin_expect(op->bytes != NULL, 1)) {
        decimal_store(op->bytes, op->length, magnitude, sign);
        return;
    }
    uint8_t copy[DECIMAL_MAX_BYTES];
    decimal_store(copy, op->length, magnitude, sign);
    cpu_span_write(&op->span, copy);
}

/* Stores the result of AP, SP or ZAP into the first operand and sets the
 * condition code. A zero result is positive, except that when nonzero
 * digits were lost (overflow) it keeps the sign of the true result
 * (A22-6821 "Add Decimal", "Zero and Add"). Overflow sets CC 3, the
 * instruction completes, and the interruption (code X'0A') is taken only
 * when the decimal-overflow mask bit is one. */
HOT_PATH void finish_add_type(struct cpu *c, struct packed_operand *first, struct decimal result, bool minus)
{
    unsigned digits = 2 * first->length - 1;
    if (__builtin_expect(decimal_exceeds(result, digits), 0)) {
        store_packed(first, decimal_truncate(result, digits), minus ? decimal_minus_sign(c) : decimal_plus_sign(c));
        c->cc = 3;
        if (c->progmask & PROGMASK_DECIMAL_OVERFLOW)
            cpu_program_interrupt(c, PIC_DECIMAL_OVERFLOW);
        return;
    }
    if (decimal_is_zero(result)) {
        store_packed(first, result, decimal_plus_sign(c));
        c->cc = 0;
        return;
    }
    store_packed(first, result, minus ? decimal_minus_sign(c) : decimal_plus_sign(c));
    c->cc = minus ? 1 : 2;
}

HOT_PATH void add_or_subtract(struct cpu *c, const uint8_t *ip, bool subtract)
{
    struct packed_operand first, second;
    packed_operand_access(c, insn_ss_address1(c, ip), decimal_length1(ip), CPU_ACCESS_STORE, &first);
    packed_operand_access(c, insn_ss_address2(c, ip), decimal_length2(ip), CPU_ACCESS_FETCH, &second);
    bool minus1, minus2;
    struct decimal a = fetch_checked_packed(c, &first, &minus1);
    struct decimal b = fetch_checked_packed(c, &second, &minus2);
    /* SP: the second operand's sign is inverted after it is fetched
     * (A22-6821 "Subtract Decimal"). */
    bool minus;
    struct decimal sum = decimal_signed_add(a, minus1, b, minus2 ^ subtract, &minus);
    finish_add_type(c, &first, sum, minus);
}

/* AP D1(L1,B1),D2(L2,B2): X'FA'. */
static void insn_ap(struct cpu *c, const uint8_t *ip)
{
    add_or_subtract(c, ip, false);
}

/* SP: X'FB'. */
static void insn_sp(struct cpu *c, const uint8_t *ip)
{
    add_or_subtract(c, ip, true);
}

/* ZAP: X'F8'. Only the second operand is checked; the first is only
 * stored into (A22-6821 "Zero and Add"). */
static void insn_zap(struct cpu *c, const uint8_t *ip)
{
    struct packed_operand first, second;
    packed_operand_access(c, insn_ss_address1(c, ip), decimal_length1(ip), CPU_ACCESS_STORE, &first);
    packed_operand_access(c, insn_ss_address2(c, ip), decimal_length2(ip), CPU_ACCESS_FETCH, &second);
    bool minus;
    struct decimal value = fetch_checked_packed(c, &second, &minus);
    finish_add_type(c, &first, value, minus);
}

/* CP: X'F9'. Algebraic comparison; a positive zero equals a negative
 * zero (A22-6821 "Compare Decimal"). */
static void insn_cp(struct cpu *c, const uint8_t *ip)
{
    struct packed_operand first, second;
    packed_operand_access(c, insn_ss_address1(c, ip), decimal_length1(ip), CPU_ACCESS_FETCH, &first);
    packed_operand_access(c, insn_ss_address2(c, ip), decimal_length2(ip), CPU_ACCESS_FETCH, &second);
    bool minus1, minus2;
    struct decimal a = fetch_checked_packed(c, &first, &minus1);
    struct decimal b = fetch_checked_packed(c, &second, &minus2);
    minus1 = minus1 && !decimal_is_zero(a);
    minus2 = minus2 && !decimal_is_zero(b);
    if (minus1 != minus2) {
        c->cc = minus1 ? 1 : 2;
        return;
    }
    int order = decimal_compare(a, b);
    if (minus1)
        order = -order;
    c->cc = order == 0 ? 0 : order < 0 ? 1 : 2;
}

/* MP and DP: the second operand is at most 8 bytes (L2 <= 7) and shorter
 * than the first (L2 < L1), else a specification exception, which
 * suppresses the operation before any operand is accessed (A22-6821
 * "Multiply Decimal", "Divide Decimal"). */
static void check_multiply_divide_lengths(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = ip[1] >> 4, l2 = ip[1] & 0xF;
    if (l2 > 7 || l2 >= l1)
        cpu_program_interrupt(c, PIC_SPECIFICATION);
}

/* MP: X'FC'. The multiplicand must have at least as many leading zero
 * bytes as the multiplier has bytes, else a data exception; so the
 * product always fits. Its sign follows the rules of algebra even when
 * it is zero (A22-6821 "Multiply Decimal"). CC unchanged. */
static void insn_mp(struct cpu *c, const uint8_t *ip)
{
    check_multiply_divide_lengths(c, ip);
    unsigned n1 = decimal_length1(ip), n2 = decimal_length2(ip);
    struct packed_operand first, second;
    packed_operand_access(c, insn_ss_address1(c, ip), n1, CPU_ACCESS_STORE, &first);
    packed_operand_access(c, insn_ss_address2(c, ip), n2, CPU_ACCESS_FETCH, &second);
    bool minus1, minus2;
    struct decimal multiplicand = fetch_checked_packed(c, &first, &minus1);
    struct decimal multiplier = fetch_checked_packed(c, &second, &minus2);
    /* The leftmost n2 bytes hold the multiplicand's 2*n2 leftmost of its
     * 2*n1-1 digit positions. */
    if (decimal_exceeds(multiplicand, 2 * n1 - 1 - 2 * n2))
        cpu_program_interrupt(c, PIC_DATA);
    struct decimal product = decimal_multiply(multiplicand, multiplier);
    store_packed(&first, product, (minus1 != minus2) ? decimal_minus_sign(c) : decimal_plus_sign(c));
}

/* DP: X'FD'. The quotient (2*(n1-n2)-1 digits) goes to the leftmost
 * n1-n2 bytes, the remainder (the divisor's size) to the rightmost n2.
 * The quotient's sign follows the rules of algebra and the remainder has
 * the dividend's sign, even when zero. A zero divisor or a quotient too
 * large is a decimal-divide exception (X'0B'), the operation suppressed
 * (A22-6821 "Divide Decimal"). CC unchanged. */
static void insn_dp(struct cpu *c, const uint8_t *ip)
{
    check_multiply_divide_lengths(c, ip);
    unsigned n1 = decimal_length1(ip), n2 = decimal_length2(ip);
    struct packed_operand first, second;
    packed_operand_access(c, insn_ss_address1(c, ip), n1, CPU_ACCESS_STORE, &first);
    packed_operand_access(c, insn_ss_address2(c, ip), n2, CPU_ACCESS_FETCH, &second);
    bool minus1, minus2;
    struct decimal dividend = fetch_checked_packed(c, &first, &minus1);
    struct decimal divisor = fetch_checked_packed(c, &second, &minus2);
    struct decimal quotient, remainder;
    if (!decimal_divide(dividend, divisor, 2 * (n1 - n2) - 1, &quotient, &remainder))
        cpu_program_interrupt(c, PIC_DECIMAL_DIVIDE);
    uint8_t result[DECIMAL_MAX_BYTES];
    decimal_store(result, n1 - n2, quotient, (minus1 != minus2) ? decimal_minus_sign(c) : decimal_plus_sign(c));
    decimal_store(result + (n1 - n2), n2, remainder, minus1 ? decimal_minus_sign(c) : decimal_plus_sign(c));
    if (first.bytes != NULL)
        memcpy(first.bytes, result, n1);
    else
        cpu_span_write(&first.span, result);
}

/* CVB R1,D2(X2,B2): X'4F'. The doubleword must be aligned (specification
 * exception) and hold valid packed data (data exception). A value outside
 * -2^31..2^31-1 still completes, with the rightmost 32 bits of the result
 * in R1, and then causes a fixed-point-divide exception (A22-6821
 * "Convert to Binary" and "Fixed-Point Divide"). A negative zero gives 0. */
static void insn_cvb(struct cpu *c, const uint8_t *ip)
{
    uint64_t field = cpu_fetch_double_aligned(c, insn_rx_address(c, ip));
    unsigned sign = (unsigned)(field & 0xF);
    struct decimal digits = {field >> 4, 0};
    if (!decimal_sign_is_valid(sign) || !decimal_digits_are_valid(digits))
        cpu_program_interrupt(c, PIC_DATA);
    uint64_t magnitude = decimal_to_binary(digits); /* at most 15 digits */
    bool minus = decimal_sign_is_minus(sign);
    uint64_t value = minus ? (uint64_t)0 - magnitude : magnitude;
    c->gpr[insn_r1(ip)] = (uint32_t)value;
    if (magnitude > (minus ? UINT64_C(0x80000000) : UINT64_C(0x7FFFFFFF)))
        cpu_program_interrupt(c, PIC_FIXED_POINT_DIVIDE);
}

/* CVD R1,D2(X2,B2): X'4E'. R1 as a signed number to an aligned packed
 * doubleword, with the preferred sign of the current mode (A22-6821
 * "Convert to Decimal"). */
static void insn_cvd(struct cpu *c, const uint8_t *ip)
{
    uint32_t address = insn_rx_address(c, ip);
    int32_t value = (int32_t)c->gpr[insn_r1(ip)];
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)(int64_t)value : (uint64_t)value;
    struct decimal digits = decimal_from_binary(magnitude);
    unsigned sign = value < 0 ? decimal_minus_sign(c) : decimal_plus_sign(c);
    cpu_store_double_aligned(c, address, (digits.low << 4) | sign);
}

void insn_register_decimal(cpu_insn_handler t[256])
{
    t[0x4E] = insn_cvd;
    t[0x4F] = insn_cvb;
    t[0xDE] = insn_ed;
    t[0xDF] = insn_edmk;
    t[0xF1] = insn_mvo;
    t[0xF2] = insn_pack;
    t[0xF3] = insn_unpk;
    t[0xF8] = insn_zap;
    t[0xF9] = insn_cp;
    t[0xFA] = insn_ap;
    t[0xFB] = insn_sp;
    t[0xFC] = insn_mp;
    t[0xFD] = insn_dp;
}
