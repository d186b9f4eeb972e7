/* Status switching and input/output instructions (POO "Status
 * Switching", "Input/Output Operations"). */
#include "cpu/insn.h"
#include "lib/bytes.h"

static void insn_lpsw(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint32_t address = insn_rs_address(c, ip);
    cpu_require_alignment(c, address, 7);
    uint8_t psw[8];
    store_be64(psw, cpu_fetch_double_aligned(c, address));
    if (!cpu_load_psw(c, psw))
        cpu_program_interrupt(c, PIC_SPECIFICATION);
}

static void insn_ssm(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    c->sysmask = cpu_fetch_byte(c, insn_rs_address(c, ip));
    cpu_psw_changed(c);
}

static void insn_svc(struct cpu *c, const uint8_t *ip)
{
    cpu_svc_interrupt(c, ip[1]);
}

/* The I/O instructions: privileged; without a channel subsystem every
 * device is not operational (CC 3). */
static void insn_sio(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint32_t address = insn_rs_address(c, ip);
    c->cc = c->io != NULL ? (uint8_t)c->io->start_io(c->io_context, address) : 3;
    cpu_request_attention(c);
}

static void insn_tio(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint32_t address = insn_rs_address(c, ip);
    c->cc = c->io != NULL ? (uint8_t)c->io->test_io(c->io_context, address) : 3;
    cpu_request_attention(c);
}

static void insn_hio(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint32_t address = insn_rs_address(c, ip);
    c->cc = c->io != NULL ? (uint8_t)c->io->halt_io(c->io_context, address) : 3;
    cpu_request_attention(c);
}

static void insn_tch(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint32_t address = insn_rs_address(c, ip);
    c->cc = c->io != NULL ? (uint8_t)c->io->test_channel(c->io_context, address) : 3;
}

void insn_register_system(cpu_insn_handler t[256])
{
    t[0x0A] = insn_svc;
    t[0x80] = insn_ssm;
    t[0x82] = insn_lpsw;
    t[0x9C] = insn_sio;
    t[0x9D] = insn_tio;
    t[0x9E] = insn_hio;
    t[0x9F] = insn_tch;
}
