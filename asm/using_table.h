/* USING and DROP: which general registers the program promises hold which
 * addresses, and the resolution of an implicit address into a base
 * register and a 12-bit displacement.
 *
 * Rules (IBM assembler language): an absolute address from 0 to 4095 uses
 * register 0; otherwise the candidates are the registers whose USING
 * value is relocatable in the same way as the address (or absolute, for
 * an absolute address) and lies at most 4095 bytes below it. The smallest
 * displacement wins; among equal displacements, the highest register. */
#ifndef VM67_ASM_USING_TABLE_H
#define VM67_ASM_USING_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "asm/value.h"

struct using_table {
    bool active[16];
    struct asm_value base[16];
};

void using_table_reset(struct using_table *u);
void using_table_set(struct using_table *u, unsigned reg, const struct asm_value *base);
void using_table_drop(struct using_table *u, unsigned reg);

enum using_resolution {
    USING_RESOLVED = 0,
    USING_NO_BASE,     /* no USING for the address's section */
    USING_OUT_OF_RANGE /* a USING exists but the address is below it or >4095 above */
};

enum using_resolution using_table_resolve(const struct using_table *u, const struct asm_value *address,
                                          unsigned *base, uint32_t *displacement);

#endif
