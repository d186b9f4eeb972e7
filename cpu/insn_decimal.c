/* Decimal instructions (POO "Decimal Arithmetic"), PACK, UNPK, MVO, ED,
 * EDMK, CVB and CVD. */
#include "cpu/insn.h"

void insn_register_decimal(cpu_insn_handler t[256])
{
    (void)t;
}
