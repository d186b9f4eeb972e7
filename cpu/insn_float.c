/* Floating-point instructions (POO A22-6821-0 "Floating-Point Arithmetic",
 * pp. 40-49): the hexadecimal short and long formats of System/360. The
 * arithmetic itself is in cpu/float_arith.c; this file decodes operands,
 * applies the register and alignment rules, stores results and turns
 * exceptions into program interruptions.
 *
 * The extended-precision instructions (opcodes 25 26 27 35 36 37 67:
 * LRDR MXR MXDR LRER AXR SXR MXD) belong to the Model 85 and System/370,
 * not to a 67: they are left unregistered, so they are operation
 * exceptions (S360-67.md §1.7). */
#include "cpu/float_arith.h"
#include "cpu/insn.h"

#define LOW_HALF_MASK 0x00000000FFFFFFFFull

/* "A floating-point register address other than 0, 2, 4, or 6" is a
 * specification exception, and the operation is suppressed (POO p.79,
 * "Specification Exception", item 3). Returns the index into cpu->fpr. */
static unsigned fpr_index(struct cpu *c, unsigned r)
{
    if (r & 0x9)
        cpu_program_interrupt(c, PIC_SPECIFICATION);
    return r >> 1;
}

/* A register as an operand of the given length: a short operand is the
 * register's leftmost 32 bits; "the low-order halves of the floating-point
 * registers are ignored" (POO p.44). */
static uint64_t register_operand(const struct cpu *c, unsigned index, enum hfp_format format)
{
    return format == HFP_SHORT ? c->fpr[index] & HFP_SHORT_MASK : c->fpr[index];
}

/* Places a result of the given length; a short result leaves the low-order
 * half of the register unchanged (POO p.44 and each short instruction). */
static void put_result(struct cpu *c, unsigned index, uint64_t value, enum hfp_format format)
{
    if (format == HFP_SHORT)
        c->fpr[index] = (value & HFP_SHORT_MASK) | (c->fpr[index] & LOW_HALF_MASK);
    else
        c->fpr[index] = value;
}

/* The second operand of an RR (from_storage false) or RX instruction. RX
 * operands must be on a word (short) or doubleword (long) boundary, or it
 * is a specification exception; addressing and protection come from the
 * storage access itself (cpu/access.h). */
static uint64_t second_operand(struct cpu *c, const uint8_t *ip, bool from_storage, enum hfp_format format)
{
    if (!from_storage)
        return register_operand(c, fpr_index(c, insn_r2(ip)), format);
    uint32_t address = insn_rx_address(c, ip);
    if (format == HFP_SHORT)
        return (uint64_t)cpu_fetch_word_aligned(c, address) << 32;
    return cpu_fetch_double_aligned(c, address);
}

/* Exceptions found by an arithmetic operation, taken after its result is
 * in place (the operation is completed, POO p.77). Exponent overflow
 * always interrupts; exponent underflow and significance only when their
 * program-mask bits (PSW bits 38 and 39) are one. An operation raises at
 * most one of them. */
static void take_exceptions(struct cpu *c, unsigned exceptions)
{
    if (exceptions & HFP_EXPONENT_OVERFLOW)
        cpu_program_interrupt(c, PIC_EXPONENT_OVERFLOW);
    if ((exceptions & HFP_EXPONENT_UNDERFLOW) && (c->progmask & PROGMASK_EXPONENT_UNDERFLOW))
        cpu_program_interrupt(c, PIC_EXPONENT_UNDERFLOW);
    if ((exceptions & HFP_SIGNIFICANCE) && (c->progmask & PROGMASK_SIGNIFICANCE))
        cpu_program_interrupt(c, PIC_SIGNIFICANCE);
}

/* LOAD (LER LDR LE LD): the condition code is unchanged. */
static void load(struct cpu *c, const uint8_t *ip, bool from_storage, enum hfp_format format)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    put_result(c, r1, second_operand(c, ip, from_storage, format), format);
}

/* STORE (STE STD): the register's leftmost 32 bits, or all 64, to storage. */
static void store(struct cpu *c, const uint8_t *ip, enum hfp_format format)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    uint32_t address = insn_rx_address(c, ip);
    if (format == HFP_SHORT)
        cpu_store_word_aligned(c, address, (uint32_t)(c->fpr[r1] >> 32));
    else
        cpu_store_double_aligned(c, address, c->fpr[r1]);
}

enum sign_control {
    SIGN_KEEP,   /* LOAD AND TEST */
    SIGN_PLUS,   /* LOAD POSITIVE */
    SIGN_MINUS,  /* LOAD NEGATIVE: the sign is made one "even if the fraction is zero" */
    SIGN_INVERT, /* LOAD COMPLEMENT */
};

/* The sign-control loads (POO pp.43-44): characteristic and fraction are
 * not changed; the condition code is 0 for a zero fraction (whatever the
 * sign), else 1 for minus and 2 for plus. In short precision the low-order
 * half of the result register "remains unchanged and is not tested". */
static void load_sign_controlled(struct cpu *c, const uint8_t *ip, enum hfp_format format,
                                 enum sign_control action)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    uint64_t value = register_operand(c, fpr_index(c, insn_r2(ip)), format);
    switch (action) {
    case SIGN_KEEP:
        break;
    case SIGN_PLUS:
        value &= ~HFP_SIGN_BIT;
        break;
    case SIGN_MINUS:
        value |= HFP_SIGN_BIT;
        break;
    case SIGN_INVERT:
        value ^= HFP_SIGN_BIT;
        break;
    }
    put_result(c, r1, value, format);
    if (hfp_fraction_is_zero(value, format))
        c->cc = 0;
    else
        c->cc = (value & HFP_SIGN_BIT) ? 1 : 2;
}

/* HALVE (HER HDR). */
static void halve(struct cpu *c, const uint8_t *ip, enum hfp_format format)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    uint64_t value = register_operand(c, fpr_index(c, insn_r2(ip)), format);
    put_result(c, r1, hfp_halve(value, format), format);
}

/* ADD and SUBTRACT, normalized and unnormalized (POO pp.44-46). The
 * condition code is set before an exception interrupts, so the old PSW
 * carries it. */
static void add(struct cpu *c, const uint8_t *ip, bool from_storage, enum hfp_format format, bool normalize,
                bool subtract)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    uint64_t second = second_operand(c, ip, from_storage, format);
    if (subtract)
        second ^= HFP_SIGN_BIT;
    struct hfp_outcome outcome = hfp_add(register_operand(c, r1, format), second, format, normalize,
                                         (c->progmask & PROGMASK_SIGNIFICANCE) != 0);
    put_result(c, r1, outcome.value, format);
    c->cc = outcome.condition_code;
    take_exceptions(c, outcome.exceptions);
}

/* COMPARE (POO p.46). */
static void compare(struct cpu *c, const uint8_t *ip, bool from_storage, enum hfp_format format)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    uint64_t second = second_operand(c, ip, from_storage, format);
    c->cc = hfp_compare(register_operand(c, r1, format), second, format);
}

/* MULTIPLY (POO pp.47-48): the condition code is unchanged. The product is
 * always long: MER and ME replace the whole register. */
static void multiply(struct cpu *c, const uint8_t *ip, bool from_storage, enum hfp_format format)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    uint64_t multiplier = second_operand(c, ip, from_storage, format);
    struct hfp_outcome outcome = hfp_multiply(register_operand(c, r1, format), multiplier, format);
    c->fpr[r1] = outcome.value;
    take_exceptions(c, outcome.exceptions);
}

/* DIVIDE (POO p.48): the condition code is unchanged. With a zero divisor
 * fraction the division is omitted and the register keeps the dividend. */
static void divide(struct cpu *c, const uint8_t *ip, bool from_storage, enum hfp_format format)
{
    unsigned r1 = fpr_index(c, insn_r1(ip));
    uint64_t divisor = second_operand(c, ip, from_storage, format);
    struct hfp_outcome outcome = hfp_divide(register_operand(c, r1, format), divisor, format);
    if (outcome.exceptions & HFP_DIVIDE)
        cpu_program_interrupt(c, PIC_FLOATING_POINT_DIVIDE);
    put_result(c, r1, outcome.value, format);
    take_exceptions(c, outcome.exceptions);
}

/* The handlers, named after the mnemonics. RR instructions take the
 * second operand from a register, RX instructions from storage. */
#define RR_OPERAND false
#define RX_OPERAND true

static void insn_lpdr(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_LONG, SIGN_PLUS);
}

static void insn_lndr(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_LONG, SIGN_MINUS);
}

static void insn_ltdr(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_LONG, SIGN_KEEP);
}

static void insn_lcdr(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_LONG, SIGN_INVERT);
}

static void insn_lper(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_SHORT, SIGN_PLUS);
}

static void insn_lner(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_SHORT, SIGN_MINUS);
}

static void insn_lter(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_SHORT, SIGN_KEEP);
}

static void insn_lcer(struct cpu *c, const uint8_t *ip)
{
    load_sign_controlled(c, ip, HFP_SHORT, SIGN_INVERT);
}

static void insn_hdr(struct cpu *c, const uint8_t *ip)
{
    halve(c, ip, HFP_LONG);
}

static void insn_her(struct cpu *c, const uint8_t *ip)
{
    halve(c, ip, HFP_SHORT);
}

static void insn_ldr(struct cpu *c, const uint8_t *ip)
{
    load(c, ip, RR_OPERAND, HFP_LONG);
}

static void insn_ler(struct cpu *c, const uint8_t *ip)
{
    load(c, ip, RR_OPERAND, HFP_SHORT);
}

static void insn_ld(struct cpu *c, const uint8_t *ip)
{
    load(c, ip, RX_OPERAND, HFP_LONG);
}

static void insn_le(struct cpu *c, const uint8_t *ip)
{
    load(c, ip, RX_OPERAND, HFP_SHORT);
}

static void insn_std(struct cpu *c, const uint8_t *ip)
{
    store(c, ip, HFP_LONG);
}

static void insn_ste(struct cpu *c, const uint8_t *ip)
{
    store(c, ip, HFP_SHORT);
}

static void insn_cdr(struct cpu *c, const uint8_t *ip)
{
    compare(c, ip, RR_OPERAND, HFP_LONG);
}

static void insn_cer(struct cpu *c, const uint8_t *ip)
{
    compare(c, ip, RR_OPERAND, HFP_SHORT);
}

static void insn_cd(struct cpu *c, const uint8_t *ip)
{
    compare(c, ip, RX_OPERAND, HFP_LONG);
}

static void insn_ce(struct cpu *c, const uint8_t *ip)
{
    compare(c, ip, RX_OPERAND, HFP_SHORT);
}

static void insn_adr(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_LONG, true, false);
}

static void insn_sdr(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_LONG, true, true);
}

static void insn_awr(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_LONG, false, false);
}

static void insn_swr(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_LONG, false, true);
}

static void insn_aer(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_SHORT, true, false);
}

static void insn_ser(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_SHORT, true, true);
}

static void insn_aur(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_SHORT, false, false);
}

static void insn_sur(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RR_OPERAND, HFP_SHORT, false, true);
}

static void insn_ad(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_LONG, true, false);
}

static void insn_sd(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_LONG, true, true);
}

static void insn_aw(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_LONG, false, false);
}

static void insn_sw(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_LONG, false, true);
}

static void insn_ae(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_SHORT, true, false);
}

static void insn_se(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_SHORT, true, true);
}

static void insn_au(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_SHORT, false, false);
}

static void insn_su(struct cpu *c, const uint8_t *ip)
{
    add(c, ip, RX_OPERAND, HFP_SHORT, false, true);
}

static void insn_mdr(struct cpu *c, const uint8_t *ip)
{
    multiply(c, ip, RR_OPERAND, HFP_LONG);
}

static void insn_mer(struct cpu *c, const uint8_t *ip)
{
    multiply(c, ip, RR_OPERAND, HFP_SHORT);
}

static void insn_md(struct cpu *c, const uint8_t *ip)
{
    multiply(c, ip, RX_OPERAND, HFP_LONG);
}

static void insn_me(struct cpu *c, const uint8_t *ip)
{
    multiply(c, ip, RX_OPERAND, HFP_SHORT);
}

static void insn_ddr(struct cpu *c, const uint8_t *ip)
{
    divide(c, ip, RR_OPERAND, HFP_LONG);
}

static void insn_der(struct cpu *c, const uint8_t *ip)
{
    divide(c, ip, RR_OPERAND, HFP_SHORT);
}

static void insn_dd(struct cpu *c, const uint8_t *ip)
{
    divide(c, ip, RX_OPERAND, HFP_LONG);
}

static void insn_de(struct cpu *c, const uint8_t *ip)
{
    divide(c, ip, RX_OPERAND, HFP_SHORT);
}

void insn_register_floating_point(cpu_insn_handler t[256])
{
    /* RR, long operands. */
    t[0x20] = insn_lpdr;
    t[0x21] = insn_lndr;
    t[0x22] = insn_ltdr;
    t[0x23] = insn_lcdr;
    t[0x24] = insn_hdr;
    t[0x28] = insn_ldr;
    t[0x29] = insn_cdr;
    t[0x2A] = insn_adr;
    t[0x2B] = insn_sdr;
    t[0x2C] = insn_mdr;
    t[0x2D] = insn_ddr;
    t[0x2E] = insn_awr;
    t[0x2F] = insn_swr;
    /* RR, short operands. */
    t[0x30] = insn_lper;
    t[0x31] = insn_lner;
    t[0x32] = insn_lter;
    t[0x33] = insn_lcer;
    t[0x34] = insn_her;
    t[0x38] = insn_ler;
    t[0x39] = insn_cer;
    t[0x3A] = insn_aer;
    t[0x3B] = insn_ser;
    t[0x3C] = insn_mer;
    t[0x3D] = insn_der;
    t[0x3E] = insn_aur;
    t[0x3F] = insn_sur;
    /* RX, long operands. */
    t[0x60] = insn_std;
    t[0x68] = insn_ld;
    t[0x69] = insn_cd;
    t[0x6A] = insn_ad;
    t[0x6B] = insn_sd;
    t[0x6C] = insn_md;
    t[0x6D] = insn_dd;
    t[0x6E] = insn_aw;
    t[0x6F] = insn_sw;
    /* RX, short operands. */
    t[0x70] = insn_ste;
    t[0x78] = insn_le;
    t[0x79] = insn_ce;
    t[0x7A] = insn_ae;
    t[0x7B] = insn_se;
    t[0x7C] = insn_me;
    t[0x7D] = insn_de;
    t[0x7E] = insn_au;
    t[0x7F] = insn_su;
}
