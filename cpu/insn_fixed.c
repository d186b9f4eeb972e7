/* Fixed-point instructions (POO A22-6821 "Fixed-Point Arithmetic"):
 * loads, stores, signed and logical add/subtract, compare, multiply,
 * divide, load address, load/store multiple and the eight shifts.
 *
 * Rules that matter here:
 * - A signed overflow sets CC 3, the result keeps the low 32 (or 64)
 *   bits, the instruction completes, and a program interruption x'08'
 *   follows only when PSW bit 36 (the fixed-point overflow mask) is one.
 * - The instructions that work on an even/odd register pair (MR, M, DR,
 *   D, SLDA, SRDA, SLDL, SRDL) raise a specification exception for an odd
 *   R1 and are suppressed.
 * - Divide: a quotient that does not fit in 32 bits (including division
 *   by zero) is a fixed-point divide exception x'09'; the division is
 *   suppressed, so both registers keep their values.
 * - Shifts take the amount from the low six bits of the second-operand
 *   address D2(B2); no storage is referenced. */
#include "cpu/insn.h"

/* ---- Loads and stores ---------------------------------------------------- */

static void insn_lr(struct cpu *c, const uint8_t *ip)
{
    c->gpr[insn_r1(ip)] = c->gpr[insn_r2(ip)];
}

static void insn_ltr(struct cpu *c, const uint8_t *ip)
{
    uint32_t value = c->gpr[insn_r2(ip)];
    c->gpr[insn_r1(ip)] = value;
    c->cc = insn_cc_signed((int32_t)value);
}

/* LCR: the two's complement; the maximum negative number has no
 * complement and overflows (the result stays x'80000000'). */
static void insn_lcr(struct cpu *c, const uint8_t *ip)
{
    uint32_t value = c->gpr[insn_r2(ip)];
    uint32_t result = 0u - value;
    c->gpr[insn_r1(ip)] = result;
    if (value == 0x80000000u) {
        c->cc = 3;
        insn_fixed_overflow(c);
    } else {
        c->cc = insn_cc_signed((int32_t)result);
    }
}

/* LPR: the absolute value; overflows only for the maximum negative number. */
static void insn_lpr(struct cpu *c, const uint8_t *ip)
{
    uint32_t value = c->gpr[insn_r2(ip)];
    uint32_t result = (value & 0x80000000u) ? 0u - value : value;
    c->gpr[insn_r1(ip)] = result;
    if (value == 0x80000000u) {
        c->cc = 3;
        insn_fixed_overflow(c);
    } else {
        c->cc = result == 0 ? 0 : 2;
    }
}

/* LNR: minus the absolute value; never overflows. */
static void insn_lnr(struct cpu *c, const uint8_t *ip)
{
    uint32_t value = c->gpr[insn_r2(ip)];
    uint32_t result = (value & 0x80000000u) ? value : 0u - value;
    c->gpr[insn_r1(ip)] = result;
    c->cc = result == 0 ? 0 : 1;
}

static void insn_l(struct cpu *c, const uint8_t *ip)
{
    c->gpr[insn_r1(ip)] = cpu_fetch_word_aligned(c, insn_rx_address(c, ip));
}

/* LH: the halfword is expanded to 32 bits by propagating its sign. */
static void insn_lh(struct cpu *c, const uint8_t *ip)
{
    c->gpr[insn_r1(ip)] = (uint32_t)(int32_t)(int16_t)cpu_fetch_half_aligned(c, insn_rx_address(c, ip));
}

static void insn_st(struct cpu *c, const uint8_t *ip)
{
    cpu_store_word_aligned(c, insn_rx_address(c, ip), c->gpr[insn_r1(ip)]);
}

/* STH: bits 16-31 of R1. */
static void insn_sth(struct cpu *c, const uint8_t *ip)
{
    cpu_store_half_aligned(c, insn_rx_address(c, ip), (uint16_t)c->gpr[insn_r1(ip)]);
}

/* LA: the address itself, 24 bits with the high byte zero (32 bits in the
 * 67's 32-bit mode). No storage is referenced. */
static void insn_la(struct cpu *c, const uint8_t *ip)
{
    c->gpr[insn_r1(ip)] = insn_rx_address(c, ip);
}

/* The registers R1, R1+1, ..., R3 (wrapping from 15 to 0) of LM and STM. */
static inline unsigned register_range_count(unsigned r1, unsigned r3)
{
    return ((r3 - r1) & 0xF) + 1;
}

/* STM: every word is checked (alignment, addressing, protection) before
 * any is stored, so an exception leaves storage untouched. */
static void insn_stm(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip), count = register_range_count(r1, insn_r3(ip));
    uint32_t address = insn_rs_address(c, ip);
    cpu_require_alignment(c, address, 3);
    struct cpu_span span;
    cpu_span_access(c, address, count * 4, CPU_ACCESS_STORE, &span);
    if (span.first_length == span.length) {
        uint8_t *p = span.piece[0];
        for (unsigned i = 0; i < count; i++, p += 4)
            store_be32(p, c->gpr[(r1 + i) & 0xF]);
        return;
    }
    /* The two pieces split at a 2K boundary, which is word aligned. */
    for (unsigned i = 0; i < count; i++)
        store_be32(cpu_span_byte(&span, i * 4), c->gpr[(r1 + i) & 0xF]);
}

/* LM: every word is fetched before any register changes. */
static void insn_lm(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip), count = register_range_count(r1, insn_r3(ip));
    uint32_t address = insn_rs_address(c, ip);
    cpu_require_alignment(c, address, 3);
    struct cpu_span span;
    cpu_span_access(c, address, count * 4, CPU_ACCESS_FETCH, &span);
    if (span.first_length == span.length) {
        const uint8_t *p = span.piece[0];
        for (unsigned i = 0; i < count; i++, p += 4)
            c->gpr[(r1 + i) & 0xF] = load_be32(p);
        return;
    }
    uint32_t words[16];
    for (unsigned i = 0; i < count; i++)
        words[i] = load_be32(cpu_span_byte(&span, i * 4));
    for (unsigned i = 0; i < count; i++)
        c->gpr[(r1 + i) & 0xF] = words[i];
}

/* ---- Signed add and subtract ---------------------------------------------- */

static inline void add_signed(struct cpu *c, unsigned r1, uint32_t operand)
{
    uint32_t a = c->gpr[r1];
    uint32_t sum = a + operand;
    c->gpr[r1] = sum;
    /* Overflow when both operands have the same sign and the sum does not. */
    if (__builtin_expect(((a ^ sum) & (operand ^ sum)) >> 31, 0)) {
        c->cc = 3;
        insn_fixed_overflow(c);
    } else {
        c->cc = insn_cc_signed((int32_t)sum);
    }
}

static inline void subtract_signed(struct cpu *c, unsigned r1, uint32_t operand)
{
    uint32_t a = c->gpr[r1];
    uint32_t difference = a - operand;
    c->gpr[r1] = difference;
    /* Overflow when the operands differ in sign and the result takes the
     * sign of the subtrahend. */
    if (__builtin_expect(((a ^ operand) & (a ^ difference)) >> 31, 0)) {
        c->cc = 3;
        insn_fixed_overflow(c);
    } else {
        c->cc = insn_cc_signed((int32_t)difference);
    }
}

static void insn_ar(struct cpu *c, const uint8_t *ip)
{
    add_signed(c, insn_r1(ip), c->gpr[insn_r2(ip)]);
}

static void insn_a(struct cpu *c, const uint8_t *ip)
{
    add_signed(c, insn_r1(ip), cpu_fetch_word_aligned(c, insn_rx_address(c, ip)));
}

static void insn_ah(struct cpu *c, const uint8_t *ip)
{
    uint16_t half = cpu_fetch_half_aligned(c, insn_rx_address(c, ip));
    add_signed(c, insn_r1(ip), (uint32_t)(int32_t)(int16_t)half);
}

static void insn_sr(struct cpu *c, const uint8_t *ip)
{
    subtract_signed(c, insn_r1(ip), c->gpr[insn_r2(ip)]);
}

static void insn_s(struct cpu *c, const uint8_t *ip)
{
    subtract_signed(c, insn_r1(ip), cpu_fetch_word_aligned(c, insn_rx_address(c, ip)));
}

static void insn_sh(struct cpu *c, const uint8_t *ip)
{
    uint16_t half = cpu_fetch_half_aligned(c, insn_rx_address(c, ip));
    subtract_signed(c, insn_r1(ip), (uint32_t)(int32_t)(int16_t)half);
}

/* ---- Logical add and subtract --------------------------------------------- */

/* CC: 0 zero and no carry, 1 nonzero and no carry, 2 zero with carry,
 * 3 nonzero with carry. Never an interruption. */
static inline void add_logical(struct cpu *c, unsigned r1, uint32_t a, uint32_t b, uint32_t carry_in)
{
    uint64_t sum = (uint64_t)a + b + carry_in;
    uint32_t result = (uint32_t)sum;
    c->gpr[r1] = result;
    c->cc = (uint8_t)(((sum >> 32) ? 2 : 0) | (result != 0));
}

static void insn_alr(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    add_logical(c, r1, c->gpr[r1], c->gpr[insn_r2(ip)], 0);
}

static void insn_al(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    add_logical(c, r1, c->gpr[r1], cpu_fetch_word_aligned(c, insn_rx_address(c, ip)), 0);
}

/* Logical subtraction adds the one's complement and a low-order one, so a
 * zero difference always has a carry (CC 0 cannot occur). */
static void insn_slr(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    add_logical(c, r1, c->gpr[r1], ~c->gpr[insn_r2(ip)], 1);
}

static void insn_sl(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    add_logical(c, r1, c->gpr[r1], ~cpu_fetch_word_aligned(c, insn_rx_address(c, ip)), 1);
}

/* ---- Compare -------------------------------------------------------------- */

static inline void compare_signed(struct cpu *c, int32_t a, int32_t b)
{
    c->cc = a == b ? 0 : a < b ? 1 : 2;
}

static void insn_cr(struct cpu *c, const uint8_t *ip)
{
    compare_signed(c, (int32_t)c->gpr[insn_r1(ip)], (int32_t)c->gpr[insn_r2(ip)]);
}

static void insn_c(struct cpu *c, const uint8_t *ip)
{
    uint32_t operand = cpu_fetch_word_aligned(c, insn_rx_address(c, ip));
    compare_signed(c, (int32_t)c->gpr[insn_r1(ip)], (int32_t)operand);
}

static void insn_ch(struct cpu *c, const uint8_t *ip)
{
    uint16_t half = cpu_fetch_half_aligned(c, insn_rx_address(c, ip));
    compare_signed(c, (int32_t)c->gpr[insn_r1(ip)], (int16_t)half);
}

/* ---- Multiply and divide -------------------------------------------------- */

static inline void require_even_register(struct cpu *c, unsigned r1)
{
    if (__builtin_expect(r1 & 1, 0))
        cpu_program_interrupt(c, PIC_SPECIFICATION);
}

/* MR/M: the multiplicand is R1+1; the 64-bit product fills R1 (high) and
 * R1+1 (low). CC unchanged; no overflow is possible. */
static inline void multiply_pair(struct cpu *c, unsigned r1, uint32_t multiplier)
{
    int64_t product = (int64_t)(int32_t)c->gpr[r1 + 1] * (int32_t)multiplier;
    c->gpr[r1] = (uint32_t)((uint64_t)product >> 32);
    c->gpr[r1 + 1] = (uint32_t)product;
}

static void insn_mr(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    multiply_pair(c, r1, c->gpr[insn_r2(ip)]);
}

static void insn_m(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    multiply_pair(c, r1, cpu_fetch_word_aligned(c, insn_rx_address(c, ip)));
}

/* MH: R1 times the halfword; the low 32 bits of the product replace R1 and
 * high-order bits are lost without any indication. */
static void insn_mh(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    int32_t half = (int16_t)cpu_fetch_half_aligned(c, insn_rx_address(c, ip));
    c->gpr[r1] = (uint32_t)((int64_t)(int32_t)c->gpr[r1] * half);
}

/* DR/D: the 64-bit dividend in R1,R1+1 is divided by the operand; the
 * remainder (sign of the dividend) goes to R1, the quotient to R1+1. */
static inline void divide_pair(struct cpu *c, unsigned r1, uint32_t divisor_bits)
{
    int64_t dividend = (int64_t)(((uint64_t)c->gpr[r1] << 32) | c->gpr[r1 + 1]);
    int64_t divisor = (int32_t)divisor_bits;
    /* The most negative dividend can only give a quotient of magnitude
     * 2^32 or more, so it always overflows (and must not reach C's
     * division, where INT64_MIN / -1 is undefined). */
    if (divisor == 0 || dividend == INT64_MIN)
        cpu_program_interrupt(c, PIC_FIXED_POINT_DIVIDE);
    int64_t quotient = dividend / divisor;
    int64_t remainder = dividend % divisor;
    if (quotient > INT32_MAX || quotient < INT32_MIN)
        cpu_program_interrupt(c, PIC_FIXED_POINT_DIVIDE);
    c->gpr[r1] = (uint32_t)remainder;
    c->gpr[r1 + 1] = (uint32_t)quotient;
}

static void insn_dr(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    divide_pair(c, r1, c->gpr[insn_r2(ip)]);
}

static void insn_d(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    divide_pair(c, r1, cpu_fetch_word_aligned(c, insn_rx_address(c, ip)));
}

/* ---- Shifts --------------------------------------------------------------- */

static inline unsigned shift_amount(const struct cpu *c, const uint8_t *ip)
{
    return insn_rs_address(c, ip) & 0x3F;
}

/* SLA: the 31 numeric bits move left, the sign stays. Overflow when a bit
 * unlike the sign leaves bit position 1: then CC 3 (the shifted result is
 * still stored) and, if enabled, interruption x'08'. */
static void insn_sla(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip), n = shift_amount(c, ip);
    int32_t value = (int32_t)c->gpr[r1];
    uint32_t sign = (uint32_t)value & 0x80000000u;
    /* The sign and the n bits after it must all be equal: beyond 31
     * places every numeric bit (and then the zeros shifted in) has gone
     * through bit 1, so only zero survives. */
    bool overflow = n <= 31 ? ((value >> (31 - n)) != 0 && (value >> (31 - n)) != -1) : value != 0;
    uint32_t result = sign | (n <= 31 ? (((uint32_t)value << n) & 0x7FFFFFFFu) : 0);
    c->gpr[r1] = result;
    if (overflow) {
        c->cc = 3;
        insn_fixed_overflow(c);
    } else {
        c->cc = insn_cc_signed((int32_t)result);
    }
}

static void insn_sra(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip), n = shift_amount(c, ip);
    int32_t result = (int32_t)c->gpr[r1] >> (n > 31 ? 31 : n);
    c->gpr[r1] = (uint32_t)result;
    c->cc = insn_cc_signed(result);
}

static void insn_sll(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip), n = shift_amount(c, ip);
    c->gpr[r1] = n > 31 ? 0 : c->gpr[r1] << n;
}

static void insn_srl(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip), n = shift_amount(c, ip);
    c->gpr[r1] = n > 31 ? 0 : c->gpr[r1] >> n;
}

static inline uint64_t get_pair(const struct cpu *c, unsigned r1)
{
    return ((uint64_t)c->gpr[r1] << 32) | c->gpr[r1 + 1];
}

static inline void set_pair(struct cpu *c, unsigned r1, uint64_t value)
{
    c->gpr[r1] = (uint32_t)(value >> 32);
    c->gpr[r1 + 1] = (uint32_t)value;
}

/* SLDA: as SLA on the 64-bit pair (63 numeric bits). */
static void insn_slda(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    unsigned n = shift_amount(c, ip);
    int64_t value = (int64_t)get_pair(c, r1);
    uint64_t sign = (uint64_t)value & 0x8000000000000000u;
    int64_t leaving = value >> (63 - n); /* the sign and the n bits after it */
    bool overflow = leaving != 0 && leaving != -1;
    uint64_t result = sign | (((uint64_t)value << n) & 0x7FFFFFFFFFFFFFFFu);
    set_pair(c, r1, result);
    if (overflow) {
        c->cc = 3;
        insn_fixed_overflow(c);
    } else {
        c->cc = result == 0 ? 0 : sign ? 1 : 2;
    }
}

static void insn_srda(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    int64_t result = (int64_t)get_pair(c, r1) >> shift_amount(c, ip);
    set_pair(c, r1, (uint64_t)result);
    c->cc = result == 0 ? 0 : result < 0 ? 1 : 2;
}

static void insn_sldl(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    set_pair(c, r1, get_pair(c, r1) << shift_amount(c, ip));
}

static void insn_srdl(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    require_even_register(c, r1);
    set_pair(c, r1, get_pair(c, r1) >> shift_amount(c, ip));
}

void insn_register_fixed_point(cpu_insn_handler t[256])
{
    t[0x10] = insn_lpr;
    t[0x11] = insn_lnr;
    t[0x12] = insn_ltr;
    t[0x13] = insn_lcr;
    t[0x18] = insn_lr;
    t[0x19] = insn_cr;
    t[0x1A] = insn_ar;
    t[0x1B] = insn_sr;
    t[0x1C] = insn_mr;
    t[0x1D] = insn_dr;
    t[0x1E] = insn_alr;
    t[0x1F] = insn_slr;
    t[0x40] = insn_sth;
    t[0x41] = insn_la;
    t[0x48] = insn_lh;
    t[0x49] = insn_ch;
    t[0x4A] = insn_ah;
    t[0x4B] = insn_sh;
    t[0x4C] = insn_mh;
    t[0x50] = insn_st;
    t[0x58] = insn_l;
    t[0x59] = insn_c;
    t[0x5A] = insn_a;
    t[0x5B] = insn_s;
    t[0x5C] = insn_m;
    t[0x5D] = insn_d;
    t[0x5E] = insn_al;
    t[0x5F] = insn_sl;
    t[0x88] = insn_srl;
    t[0x89] = insn_sll;
    t[0x8A] = insn_sra;
    t[0x8B] = insn_sla;
    t[0x8C] = insn_srdl;
    t[0x8D] = insn_sldl;
    t[0x8E] = insn_srda;
    t[0x8F] = insn_slda;
    t[0x90] = insn_stm;
    t[0x98] = insn_lm;
}
