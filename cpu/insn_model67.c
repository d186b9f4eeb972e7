/* The 67's control instructions: LMC, STMC and LRA (S360-67.md §2.2,
 * §2.4). BAS and BASR are with the other branches (insn_branch.c).
 *
 * All three are privileged and exist in BC mode as well as EC mode: a
 * program enters EC mode by loading CR6 with LMC (bench_dat.s does so
 * from BC mode, as SIMH accepts). */
#include "cpu/dat.h"
#include "cpu/insn.h"
#include "lib/bytes.h"

/* CR6 bits SIMH keeps: 0-3 (machine-check mask extensions for channel
 * controllers 0-3), 8 (extended control mode), 24-31 (external mask
 * extensions); the rest of CR6 is unassigned (S360-67.md §2.2). */
#define CR6_ASSIGNED_BITS 0xF08000FFu

/* STMC of CR8-CR14 senses the 2167 configuration switches. These are the
 * values of a simplex 67 (one CPU, storage units at floating addresses
 * from zero, channel controller 0), as SIMH returns them; CP-67 and MTS
 * look at them (S360-67.md §2.2). */
static const uint32_t simplex_sensing_values[7] = {
    0x8C8C8C8C, /* CR8: storage units 1-4 assigned */
    0x8C8C0000, /* CR9: storage units 5-8 */
    0x02468ACE, /* CR10: storage address assignment codes */
    0x88000000, /* CR11: channel controller assignments */
    0xFFFFFFFF, /* CR12: I/O control unit partitioning */
    0xFFFFFFFF, /* CR13: I/O control unit partitioning */
    0x00000200, /* CR14: more configuration data */
};

static uint32_t control_register_value(const struct cpu *c, unsigned cr)
{
    switch (cr) {
    case 0:
    case 2:
    case 4:
    case 6:
        return c->cr[cr];
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
    case 13:
    case 14:
        return simplex_sensing_values[cr - 8];
    default:
        /* CR1, 3, 5, 7 and 15 are unassigned: they read as zero. */
        return 0;
    }
}

/* Loads one control register with the side effects the 67 gives a load.
 * Loads of unassigned and sensing registers are ignored. */
static void load_control_register(struct cpu *c, unsigned cr, uint32_t value)
{
    switch (cr) {
    case 0:
        /* Loading the segment-table register purges the associative
         * memory: the 67's only purge (S360-67.md §2.5). */
        c->cr[0] = value;
        cpu_tlb_purge(c);
        break;
    case 2:
        c->cr[2] = value;
        break;
    case 4:
        /* The channel masks take effect at once: an I/O interruption they
         * enable is taken right after this instruction. */
        c->cr[4] = value;
        cpu_psw_changed(c);
        break;
    case 6:
        c->cr[6] = value & CR6_ASSIGNED_BITS;
        cpu_set_extended_control_mode(c, (value & CR6_EXTENDED_CONTROL) != 0);
        cpu_psw_changed(c);
        break;
    default:
        break;
    }
}

/* The registers R1 through R3, wrapping from 15 to 0. */
static unsigned register_count(unsigned r1, unsigned r3)
{
    return ((r3 - r1) & 15) + 1;
}

/* LMC R1,R3,D2(B2) (op B8): loads control registers R1-R3 from
 * consecutive words. Every word is fetched before any register changes,
 * so an access exception leaves them all as they were. */
static void insn_lmc(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    unsigned r1 = insn_r1(ip);
    unsigned count = register_count(r1, insn_r3(ip));
    uint32_t address = insn_rs_address(c, ip);
    cpu_require_alignment(c, address, 3);
    struct cpu_span span;
    uint8_t words[64];
    cpu_span_access(c, address, count * 4, CPU_ACCESS_FETCH, &span);
    cpu_span_read(&span, words);
    bool cr0_loaded = false;
    for (unsigned i = 0; i < count; i++) {
        unsigned cr = (r1 + i) & 15;
        load_control_register(c, cr, load_be32(words + 4 * i));
        cr0_loaded |= cr == 0;
    }
    /* ⚠ S360-67.md §2.2, settled from SIMH: a segment-table origin that is
     * not on a 64-byte boundary (CR0 bits 26-31 not zero) is a data
     * exception. The load is completed (CR0 holds the value, the TLB is
     * purged) and the old PSW points past the LMC. */
    if (cr0_loaded && (c->cr[0] & DAT_CR0_MUST_BE_ZERO))
        cpu_program_interrupt(c, PIC_DATA);
}

/* STMC R1,R3,D2(B2) (op B0): stores control registers R1-R3. Every block
 * is checked before anything is stored. */
static void insn_stmc(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    unsigned r1 = insn_r1(ip);
    unsigned count = register_count(r1, insn_r3(ip));
    uint32_t address = insn_rs_address(c, ip);
    cpu_require_alignment(c, address, 3);
    uint8_t words[64];
    for (unsigned i = 0; i < count; i++)
        store_be32(words + 4 * i, control_register_value(c, (r1 + i) & 15));
    struct cpu_span span;
    cpu_span_access(c, address, count * 4, CPU_ACCESS_STORE, &span);
    cpu_span_write(&span, words);
}

/* LRA R1,D2(X2,B2) (op B1): translates the address through the tables
 * CR0 designates, whatever the PSW's T bit, without the TLB (it walks the
 * tables as they are now). ⚠ S360-67.md §2.4 condition codes, settled from
 * SIMH: 0 translated (R1 = real address); 1 STE invalid (R1 = the STE's
 * address); 2 PTE invalid or with bits 13-15 set (R1 = the PTE's address);
 * 3 segment index beyond the segment table (R1 = the virtual address, only
 * possible in 32-bit mode). A page index beyond the STE's length is also
 * condition code 2, with R1 the address its PTE would have (SIMH leaves R1
 * unchanged there; the PTE address is what a paging supervisor needs and
 * matches the other code-2 case). A table entry outside storage is an
 * addressing exception. */
static void insn_lra(struct cpu *c, const uint8_t *ip)
{
    insn_require_supervisor(c);
    unsigned r1 = insn_r1(ip);
    uint32_t va = insn_rx_address(c, ip);
    struct dat_result r;
    switch (dat_lookup(c, va, &r)) {
    case DAT_OK:
        c->gpr[r1] = r.real_address;
        c->cc = 0;
        break;
    case DAT_SEGMENT_INVALID:
        c->gpr[r1] = r.entry_address;
        c->cc = 1;
        break;
    case DAT_PAGE_INDEX_BEYOND_TABLE:
    case DAT_PAGE_INVALID:
    case DAT_PTE_FORMAT:
        c->gpr[r1] = r.entry_address;
        c->cc = 2;
        break;
    case DAT_SEGMENT_INDEX_BEYOND_TABLE:
        c->gpr[r1] = va;
        c->cc = 3;
        break;
    case DAT_TABLE_ADDRESSING:
        cpu_program_interrupt(c, PIC_ADDRESSING);
    }
}

void insn_register_model67(cpu_insn_handler t[256])
{
    t[0xB0] = insn_stmc;
    t[0xB1] = insn_lra;
    t[0xB8] = insn_lmc;
}
