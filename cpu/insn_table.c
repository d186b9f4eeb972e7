#include "cpu/insn.h"

void insn_operation_exception(struct cpu *c, const uint8_t *ip)
{
    (void)ip;
    cpu_program_interrupt(c, PIC_OPERATION);
}

void cpu_install_instructions(struct cpu *c)
{
    for (unsigned op = 0; op < 256; op++)
        c->op[op] = insn_operation_exception;
    insn_register_fixed_point(c->op);
    insn_register_logical(c->op);
    insn_register_branch(c->op);
    insn_register_decimal(c->op);
    insn_register_floating_point(c->op);
    insn_register_system(c->op);
    insn_register_model67(c->op);
}
