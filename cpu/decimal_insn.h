/* What the decimal-feature handlers share (insn_decimal.c,
 * decimal_format.c, decimal_edit.c): the codes the PSW A bit selects and
 * the two 4-bit length fields of the SS decimal format. Not used outside
 * cpu/. */
#ifndef VM67_CPU_DECIMAL_INSN_H
#define VM67_CPU_DECIMAL_INSN_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/decimal.h"

/* The preferred sign and zone codes the instructions generate: the PSW
 * A bit (bit 12) selects USASCII-8 codes instead of EBCDIC ones
 * (A22-6821 "Program Status Word" and "Decimal Arithmetic"). */
static inline unsigned decimal_plus_sign(const struct cpu *c)
{
    return (c->amwp & PSW_ASCII) ? DECIMAL_SIGN_PLUS_ASCII : DECIMAL_SIGN_PLUS_EBCDIC;
}

static inline unsigned decimal_minus_sign(const struct cpu *c)
{
    return (c->amwp & PSW_ASCII) ? DECIMAL_SIGN_MINUS_ASCII : DECIMAL_SIGN_MINUS_EBCDIC;
}

static inline uint8_t decimal_zone(const struct cpu *c)
{
    return (c->amwp & PSW_ASCII) ? DECIMAL_ZONE_ASCII : DECIMAL_ZONE_EBCDIC;
}

/* SS format with two lengths: op L1 L2 B1D1 B2D2; the fields are
 * L1+1 and L2+1 bytes long. */
static inline unsigned decimal_length1(const uint8_t *ip)
{
    return (ip[1] >> 4) + 1u;
}

static inline unsigned decimal_length2(const uint8_t *ip)
{
    return (ip[1] & 0xFu) + 1u;
}

/* decimal_format.c */
void insn_mvo(struct cpu *c, const uint8_t *ip);
void insn_pack(struct cpu *c, const uint8_t *ip);
void insn_unpk(struct cpu *c, const uint8_t *ip);

/* decimal_edit.c */
void insn_ed(struct cpu *c, const uint8_t *ip);
void insn_edmk(struct cpu *c, const uint8_t *ip);

#endif
