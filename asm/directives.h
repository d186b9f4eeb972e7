/* Assembler instructions (directives) in the passes: sections (START,
 * CSECT, DSECT), constants and storage (DC, DS, CCW), the location
 * counter (ORG, CNOP, LTORG), symbols (EQU, ENTRY, EXTRN, WXTRN), base
 * registers (USING, DROP), END, and the listing controls TITLE, SPACE,
 * EJECT and PRINT (which the listing interprets). */
#ifndef VM67_ASM_DIRECTIVES_H
#define VM67_ASM_DIRECTIVES_H

#include <stdbool.h>

#include "asm/assembly.h"

typedef void (*directive_handler)(struct assembly *a);

/* The handler of an assembler directive, or NULL. */
directive_handler directive_lookup(const char *name);

/* True for every operation the assembler itself knows that is not a
 * machine instruction: directives, conditional assembly and macro
 * definition statements (so the macro library is not searched for them). */
bool directive_is_known(const char *name);

/* For directives of other assemblers: why vm67 asm does not take it, or
 * NULL. */
const char *directive_unsupported_reason(const char *name);

/* After pass 1: resolves EQU statements whose operands used symbols
 * defined later. */
void directives_resolve_pending_equates(struct assembly *a);

/* Places the literals still waiting for a pool, as END does. */
void directives_place_final_literals(struct assembly *a);

/* After pass 2: checks the ENTRY names. */
void directives_check_entries(struct assembly *a);

#endif
