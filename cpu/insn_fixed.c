/* Fixed-point instructions (POO "Fixed-Point Arithmetic"). */
#include "cpu/insn.h"

static void insn_lr(struct cpu *c, const uint8_t *ip)
{
    c->gpr[insn_r1(ip)] = c->gpr[insn_r2(ip)];
}

static void insn_l(struct cpu *c, const uint8_t *ip)
{
    c->gpr[insn_r1(ip)] = cpu_fetch_word_aligned(c, insn_rx_address(c, ip));
}

static void insn_st(struct cpu *c, const uint8_t *ip)
{
    cpu_store_word_aligned(c, insn_rx_address(c, ip), c->gpr[insn_r1(ip)]);
}

/* LA: the address itself, 24 bits with the high byte zero (32 bits in the
 * 67's 32-bit mode). */
static void insn_la(struct cpu *c, const uint8_t *ip)
{
    c->gpr[insn_r1(ip)] = insn_rx_address(c, ip);
}

static void add_signed(struct cpu *c, unsigned r1, uint32_t operand)
{
    uint32_t a = c->gpr[r1];
    uint32_t sum = a + operand;
    c->gpr[r1] = sum;
    /* Overflow when both operands have the same sign and the sum does not. */
    if (((a ^ sum) & (operand ^ sum)) >> 31) {
        c->cc = 3;
        insn_fixed_overflow(c);
    } else {
        c->cc = insn_cc_signed((int32_t)sum);
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

void insn_register_fixed_point(cpu_insn_handler t[256])
{
    t[0x18] = insn_lr;
    t[0x1A] = insn_ar;
    t[0x41] = insn_la;
    t[0x50] = insn_st;
    t[0x58] = insn_l;
    t[0x5A] = insn_a;
}
