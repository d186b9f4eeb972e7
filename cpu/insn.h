/* Instruction decoding helpers and the opcode table's registration.
 *
 * Each instruction group lives in its own file (insn_fixed.c, ...) and
 * registers its handlers in the CPU's 256-entry table through one
 * insn_register_GROUP() function; an opcode no group registers is an
 * operation exception (S360-67.md §1.7). Handlers are named insn_MNEMONIC
 * after the Principles of Operation. */
#ifndef VM67_CPU_INSN_H
#define VM67_CPU_INSN_H

#include <stdint.h>

#include "cpu/access.h"
#include "cpu/cpu.h"
#include "cpu/interrupt.h"

/* Register fields. */
static inline unsigned insn_r1(const uint8_t *ip)
{
    return ip[1] >> 4;
}

static inline unsigned insn_r2(const uint8_t *ip)
{
    return ip[1] & 0xF;
}

/* RS: R3 is the second register field. */
static inline unsigned insn_r3(const uint8_t *ip)
{
    return ip[1] & 0xF;
}

/* D(B) at byte offset `at` (2 for RS/SI/SS first operand, 4 for the SS
 * second operand), with the address wrapped to the addressing mode. */
static inline uint32_t insn_base_displacement(const struct cpu *c, const uint8_t *ip, unsigned at)
{
    unsigned b = ip[at] >> 4;
    uint32_t address = ((uint32_t)(ip[at] & 0xF) << 8) | ip[at + 1];
    if (b != 0)
        address += c->gpr[b];
    return address & c->amask;
}

/* RX second-operand address D2(X2,B2). */
static inline uint32_t insn_rx_address(const struct cpu *c, const uint8_t *ip)
{
    unsigned x = ip[1] & 0xF;
    unsigned b = ip[2] >> 4;
    uint32_t address = ((uint32_t)(ip[2] & 0xF) << 8) | ip[3];
    if (x != 0)
        address += c->gpr[x];
    if (b != 0)
        address += c->gpr[b];
    return address & c->amask;
}

/* RS/SI operand address D(B). */
static inline uint32_t insn_rs_address(const struct cpu *c, const uint8_t *ip)
{
    return insn_base_displacement(c, ip, 2);
}

/* SS operand addresses. */
static inline uint32_t insn_ss_address1(const struct cpu *c, const uint8_t *ip)
{
    return insn_base_displacement(c, ip, 2);
}

static inline uint32_t insn_ss_address2(const struct cpu *c, const uint8_t *ip)
{
    return insn_base_displacement(c, ip, 4);
}

static inline void insn_require_supervisor(struct cpu *c)
{
    if (__builtin_expect(c->problem_state, 0))
        cpu_program_interrupt(c, PIC_PRIVILEGED_OPERATION);
}

/* Condition code for a signed result: 0 zero, 1 negative, 2 positive. */
static inline uint8_t insn_cc_signed(int32_t value)
{
    return value == 0 ? 0 : value < 0 ? 1 : 2;
}

/* A fixed-point overflow: CC 3 is already set by the caller; the
 * interruption happens only when the program mask enables it, and the
 * instruction is completed (S360-67.md §1.9). */
static inline void insn_fixed_overflow(struct cpu *c)
{
    if (c->progmask & PROGMASK_FIXED_OVERFLOW)
        cpu_program_interrupt(c, PIC_FIXED_POINT_OVERFLOW);
}

/* The groups. */
void insn_register_fixed_point(cpu_insn_handler table[256]);
void insn_register_logical(cpu_insn_handler table[256]);
void insn_register_branch(cpu_insn_handler table[256]);
void insn_register_decimal(cpu_insn_handler table[256]);
void insn_register_floating_point(cpu_insn_handler table[256]);
void insn_register_system(cpu_insn_handler table[256]);
void insn_register_model67(cpu_insn_handler table[256]);

/* Fills c->op: every opcode no group claims is an operation exception. */
void cpu_install_instructions(struct cpu *c);

/* The handler for unassigned opcodes. */
void insn_operation_exception(struct cpu *c, const uint8_t *ip);

#endif
