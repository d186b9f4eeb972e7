/* The 67's control instructions: LMC, STMC and LRA (S360-67.md §2.4).
 * BAS and BASR are with the other branches (insn_branch.c). */
#include "cpu/insn.h"

void insn_register_model67(cpu_insn_handler t[256])
{
    (void)t;
}
