/* Logical instructions (POO "Logical Operations"). */
#include <string.h>

#include "cpu/insn.h"

static void insn_mvi(struct cpu *c, const uint8_t *ip)
{
    cpu_store_byte(c, insn_rs_address(c, ip), ip[1]);
}

static void insn_cli(struct cpu *c, const uint8_t *ip)
{
    uint8_t value = cpu_fetch_byte(c, insn_rs_address(c, ip));
    c->cc = value == ip[1] ? 0 : value < ip[1] ? 1 : 2;
}

/* MVC moves left to right one byte at a time, so an overlap of one byte
 * propagates (the classic MVC X+1(L),X fill). */
static void insn_mvc(struct cpu *c, const uint8_t *ip)
{
    uint32_t length = (uint32_t)ip[1] + 1;
    struct cpu_span source, target;
    cpu_span_access(c, insn_ss_address2(c, ip), length, CPU_ACCESS_FETCH, &source);
    cpu_span_access(c, insn_ss_address1(c, ip), length, CPU_ACCESS_STORE, &target);
    if (source.first_length == length && target.first_length == length &&
        (target.piece[0] + length <= source.piece[0] || source.piece[0] + length <= target.piece[0])) {
        memcpy(target.piece[0], source.piece[0], length);
        return;
    }
    for (uint32_t i = 0; i < length; i++)
        *cpu_span_byte(&target, i) = *cpu_span_byte(&source, i);
}

void insn_register_logical(cpu_insn_handler t[256])
{
    t[0x92] = insn_mvi;
    t[0x95] = insn_cli;
    t[0xD2] = insn_mvc;
}
