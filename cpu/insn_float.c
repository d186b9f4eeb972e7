/* Floating-point instructions (POO "Floating-Point Arithmetic"): the
 * hexadecimal short and long formats of System/360. */
#include "cpu/insn.h"

void insn_register_floating_point(cpu_insn_handler t[256])
{
    (void)t;
}
