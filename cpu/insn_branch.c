/* Branching instructions (POO "Branching"). */
#include "cpu/insn.h"

/* The mask bit for the current condition code: 8, 4, 2, 1 for CC 0-3. */
static inline bool condition_selected(const struct cpu *c, unsigned mask)
{
    return (mask >> (3 - c->cc)) & 1;
}

static void insn_bc(struct cpu *c, const uint8_t *ip)
{
    if (condition_selected(c, insn_r1(ip)))
        c->ia = insn_rx_address(c, ip);
}

static void insn_bcr(struct cpu *c, const uint8_t *ip)
{
    unsigned r2 = insn_r2(ip);
    if (r2 != 0 && condition_selected(c, insn_r1(ip)))
        c->ia = c->gpr[r2] & c->amask;
}

/* BAL/BALR link information: ILC, CC, program mask and the address of
 * the next instruction (S360-67.md §1.8). */
static inline uint32_t link_information(const struct cpu *c)
{
    if (c->amask == 0xFFFFFFFFu)
        return c->ia;
    return ((uint32_t)c->ilc << 30) | ((uint32_t)c->cc << 28) | ((uint32_t)c->progmask << 24) | c->ia;
}

static void insn_balr(struct cpu *c, const uint8_t *ip)
{
    unsigned r2 = insn_r2(ip);
    uint32_t target = c->gpr[r2] & c->amask;
    c->gpr[insn_r1(ip)] = link_information(c);
    if (r2 != 0)
        c->ia = target;
}

static void insn_bct(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    uint32_t target = insn_rx_address(c, ip);
    if (--c->gpr[r1] != 0)
        c->ia = target;
}

void insn_register_branch(cpu_insn_handler t[256])
{
    t[0x05] = insn_balr;
    t[0x07] = insn_bcr;
    t[0x46] = insn_bct;
    t[0x47] = insn_bc;
}
