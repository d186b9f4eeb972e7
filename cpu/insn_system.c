/* Status switching and input/output instructions (POO A22-6821 "Status
 * Switching", "Input/Output Operations"): LPSW, SSM, SPM, SSK, ISK, SVC,
 * TS, DIAGNOSE, and SIO, TIO, HIO, TCH routed to struct cpu_io_ops.
 *
 * Direct control (WRD x'84', RDD x'85') is an optional feature of the 67
 * (S360-67.md §1.7) that connects the CPU to external equipment through
 * eight direct-out and eight direct-in lines. vm67's 67 is configured
 * without it, since nothing could be wired to those lines: both opcodes
 * are left unassigned and give an operation exception (code 1), which is
 * how a 360 answers an instruction of a feature it does not have (POO
 * "Operation Exception"), in either state: the privileged-operation
 * check belongs to instructions the CPU has. */
#include <stdio.h>

#include "cpu/insn.h"
#include "lib/bytes.h"

static void insn_lpsw(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint8_t psw[8];
    store_be64(psw, cpu_fetch_double_aligned(c, insn_rs_address(c, ip)));
    if (!cpu_load_psw(c, psw))
        cpu_program_interrupt(c, PIC_SPECIFICATION);
}

/* SSM: the byte replaces PSW bits 0-7 (the system mask in BC mode; EC PSW
 * bits 0-7 in the 67's extended-control mode, whose bits 0-3 are spare and
 * must be zero, as cpu_load_psw requires of a whole EC PSW). */
static void insn_ssm(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint8_t mask = cpu_fetch_byte(c, insn_rs_address(c, ip));
    /* Like LPSW, the mask is loaded and then an EC PSW with spare bits on
     * is reported as a specification exception (cpu_set_system_mask). */
    if (!cpu_set_system_mask(c, mask))
        cpu_program_interrupt(c, PIC_SPECIFICATION);
}

/* SPM: CC from R1 bits 2-3, program mask from R1 bits 4-7; bits 0-1 and
 * 8-31 are ignored. Not privileged. */
static void insn_spm(struct cpu *c, const uint8_t *ip)
{
    uint32_t value = c->gpr[insn_r1(ip)];
    c->cc = (value >> 28) & 3;
    c->progmask = (value >> 24) & 0xF;
}

/* The 2K block that SSK and ISK address: bits 8-20 of R2, a real address
 * (never translated). Bits 28-31 must be zero (specification); a block
 * beyond storage is an addressing exception. Returns its key byte. */
static uint8_t *storage_key_of(struct cpu *c, uint32_t r2_value)
{
    if (r2_value & 0xF)
        cpu_program_interrupt(c, PIC_SPECIFICATION);
    uint32_t block = r2_value & 0x00FFF800u;
    if (block >= c->storage.size)
        cpu_program_interrupt(c, PIC_ADDRESSING);
    return &c->storage.keys[block >> STORAGE_BLOCK_SHIFT];
}

/* SSK: R1 bits 24-30 become the block's key byte KKKK F R C (bit 31 is
 * ignored): access key, fetch-protection bit, and the 67's reference and
 * change bits, so that CP-67 and TSS can reset R and C (as SIMH does on
 * the 67, and as S/370 later defined SSK in both PSW modes). The host TLB
 * caches access rights and the fact that R and C are already set, so it
 * is purged. */
static void insn_ssk(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint8_t *key = storage_key_of(c, c->gpr[insn_r2(ip)]);
    *key = (uint8_t)(c->gpr[insn_r1(ip)] & 0xFE);
    cpu_tlb_purge(c);
}

/* ISK: the block's key replaces R1 bits 24-31 (bits 0-23 unchanged).
 * Settles the ⚠ of S360-67.md §1.5: in BC mode the 67 answers as every
 * S/360 with fetch protection: key in bits 24-27, fetch bit in 28, bits
 * 29-31 zero (POO A22-6821 "Insert Storage Key"; the S/370 POO GA22-7000
 * keeps exactly this for its BC mode, which is how the 360 behaviour was
 * carried over). In extended-control mode it also gives the reference
 * and change bits in 29-30, bit 31 zero: SIMH's 67 (which runs CP-67, MTS
 * and TSS) does this, and it is the rule S/370 adopted for its EC mode.
 * The EC half still rests on those two sources, not on GA27-2719. */
static void insn_isk(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    uint8_t key = *storage_key_of(c, c->gpr[insn_r2(ip)]);
    key &= c->ec_mode ? 0xFE : 0xF8;
    unsigned r1 = insn_r1(ip);
    c->gpr[r1] = (c->gpr[r1] & 0xFFFFFF00u) | key;
}

static void insn_svc(struct cpu *c, const uint8_t *ip)
{
    cpu_svc_interrupt(c, ip[1]);
}

/* TS: fetch the byte, set CC from its leftmost bit, store all ones; the
 * fetch and store are one interlocked update (no other CPU or channel
 * access intervenes: vm67 runs one CPU and channels between instructions).
 * The store access is checked before the fetch result is used. */
static void insn_ts(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = cpu_host_store(c, insn_rs_address(c, ip));
    c->cc = *p >> 7;
    *p = 0xFF;
}

/* DIAGNOSE (x'83'): privileged; its functions are the 2067's own
 * maintenance microprograms, model-dependent and not described outside
 * the 67's CE documentation (POO "Diagnose"). vm67 has none of them, and
 * reports that the way the hardware reports a function it cannot carry
 * out, with a machine check, as SIMH's 67 does: with PSW bit 13 (machine
 * check mask) one, a machine-check interruption, code 0, old PSW at x'30',
 * new PSW from x'70'; the instruction is terminated. No scan-out data is
 * stored at x'80' (its layout is model-dependent). With bit 13 zero a
 * machine check cannot be presented, and there is no diagnostic function
 * to complete, so the CPU check-stops with a message naming the
 * instruction address; it never continues as if DIAGNOSE had done
 * something. (Under vm67's Control Program a guest runs in problem state,
 * so its DIAGNOSE is a privileged-operation interception, as on CP-67.) */
static void insn_diagnose(struct cpu *c, const uint8_t *ip)
{
    (void)ip;
    insn_require_supervisor(c);
    if (c->amwp & PSW_MACHINE_CHECK_MASK)
        cpu_machine_check_interrupt(c);
    char reason[sizeof c->checkstop_reason];
    snprintf(reason, sizeof reason,
             "DIAGNOSE at %06X with machine checks masked: the 2067's diagnostic functions are not emulated",
             (c->ia - 2u * c->ilc) & c->amask);
    cpu_checkstop(c, reason);
}

/* The I/O instructions: privileged; the channel layer answers the
 * condition code (and stores a CSW itself when the code is 1). Without a
 * channel subsystem every device is not operational (CC 3). The run loop
 * re-examines interruptions afterwards, since an I/O instruction may make
 * status pending or clear it. */
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
    t[0x04] = insn_spm;
    t[0x08] = insn_ssk;
    t[0x09] = insn_isk;
    t[0x0A] = insn_svc;
    t[0x80] = insn_ssm;
    t[0x82] = insn_lpsw;
    t[0x83] = insn_diagnose;
    t[0x93] = insn_ts;
    t[0x9C] = insn_sio;
    t[0x9D] = insn_tio;
    t[0x9E] = insn_hio;
    t[0x9F] = insn_tch;
}
