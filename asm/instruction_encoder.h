/* Machine instructions in the passes: pass 1 reserves their length and
 * collects their literals; pass 2 parses the operands of each format and
 * encodes them, resolving implicit addresses through the USING table.
 *
 * Operand forms (IBM assembler language): registers and masks are
 * absolute expressions 0-15; an RX storage operand is S, S(X), D(X,B) or
 * D(,B); RS, SI and S operands are S or D(B); SS operands are S, S(L) or
 * D(L,B), where an omitted length is the length attribute of the
 * leftmost term of S. A literal (=F'1') may stand for S. */
#ifndef VM67_ASM_INSTRUCTION_ENCODER_H
#define VM67_ASM_INSTRUCTION_ENCODER_H

#include "asm/assembly.h"
#include "asm/instruction_table.h"

void instruction_pass1(struct assembly *a, const struct instruction_definition *def);
void instruction_pass2(struct assembly *a, const struct instruction_definition *def);

/* The expected operand syntax of a format, for messages. */
const char *instruction_operand_syntax(enum instruction_format f);

#endif
