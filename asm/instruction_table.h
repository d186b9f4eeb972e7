/* The machine instructions of the System/360 Model 67 (S360-67.md §1.7 and
 * §2.4): the standard instruction set with decimal, floating point,
 * protection and direct control, the I/O instructions, DIAGNOSE, and the
 * 67's BAS, BASR, LRA, LMC and STMC; plus the extended branch mnemonics.
 * Instructions of later machines (System/370 and after, extended
 * precision floating point) are listed separately so that the assembler
 * can say why it rejects them. */
#ifndef VM67_ASM_INSTRUCTION_TABLE_H
#define VM67_ASM_INSTRUCTION_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum instruction_format {
    FORMAT_RR,        /* R1,R2 */
    FORMAT_RR_R1,     /* R1 (SPM) */
    FORMAT_RR_I,      /* I (SVC) */
    FORMAT_RR_BRANCH, /* R2, mask from the table (BR, BER...) */
    FORMAT_RX,        /* R1,D2(X2,B2) */
    FORMAT_RX_BRANCH, /* D2(X2,B2), mask from the table (B, BE...) */
    FORMAT_RS,        /* R1,R3,D2(B2) */
    FORMAT_RS_SHIFT,  /* R1,D2(B2) */
    FORMAT_SI,        /* D1(B1),I2 */
    FORMAT_S,         /* D1(B1) */
    FORMAT_SS_L,      /* D1(L,B1),D2(B2) */
    FORMAT_SS_LL,     /* D1(L1,B1),D2(L2,B2) */
};

struct instruction_definition {
    const char *mnemonic;
    uint8_t opcode;
    uint8_t format;  /* enum instruction_format */
    uint8_t mask;    /* the M1 field of an extended branch mnemonic */
    uint8_t length;  /* bytes: 2, 4 or 6 */
};

/* Looks up a mnemonic (upper case); NULL if not a 67 instruction. */
const struct instruction_definition *instruction_lookup(const char *mnemonic);

/* True for instructions of other System/360 successors (S/370, extended
 * precision...), which the 67 does not have. */
bool instruction_is_later_machine(const char *mnemonic);

/* The whole table, for tests and listings. */
const struct instruction_definition *instruction_table(size_t *count);

const char *instruction_format_name(enum instruction_format f);

#endif
