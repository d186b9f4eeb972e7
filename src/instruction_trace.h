/* The operator's instruction trace (trace FILE): one line per instruction
 * executed, with its address, its bytes and its mnemonic, through the
 * CPU's trace hook (cpu_set_trace). The context is the FILE. */
#ifndef VM67_SRC_INSTRUCTION_TRACE_H
#define VM67_SRC_INSTRUCTION_TRACE_H

#include <stdint.h>

#include "cpu/cpu.h"

void instruction_trace_hook(struct cpu *c, uint32_t address, const uint8_t *ip, void *context);

/* The mnemonic of an opcode on a 67, or NULL if it has none. */
const char *instruction_mnemonic(uint8_t opcode);

#endif
