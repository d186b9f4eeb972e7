/* PSW formats: the S/360 basic-control PSW (S360-67.md §1.2) and the 67's
 * extended-control PSW (§2.1). Which one applies is decided by CR6 bit 8
 * at the moment the PSW is stored or loaded (§6, pitfall 1). */
#include "cpu/cpu.h"
#include "cpu/interrupt.h"
#include "lib/bytes.h"

/* EC PSW word 0 bits that must be zero: the spare bits 0-3 and 24-31
 * (S360-67.md §2.1; WP's "S/360 Extended PSW" table and SATK's PSW67 mark
 * them spare). SIMH also rejects bit 4, because it lacks the Extended DAT
 * feature that vm67 implements, and bits 16-17, which are the ILC: a PSW
 * stored by an interruption must load again unchanged (LPSW of the old PSW
 * is how every handler returns), so like the BC ILC they are ignored. */
#define EC_PSW_SPARE_BITS 0xF00000FFu
#define EC_SYSMASK_SPARE_BITS 0xF0u

void cpu_store_psw(const struct cpu *c, uint8_t out[8], uint16_t code)
{
    uint32_t word0, word1;
    if (c->ec_mode) {
        word0 = ((uint32_t)c->sysmask << 24) | ((uint32_t)c->key << 20) | ((uint32_t)c->amwp << 16) |
                ((uint32_t)(c->ilc & 3) << 14) | ((uint32_t)(c->cc & 3) << 12) |
                ((uint32_t)(c->progmask & 0xF) << 8);
        word1 = c->ia;
    } else {
        word0 = ((uint32_t)c->sysmask << 24) | ((uint32_t)c->key << 20) | ((uint32_t)c->amwp << 16) | code;
        word1 = ((uint32_t)(c->ilc & 3) << 30) | ((uint32_t)(c->cc & 3) << 28) |
                ((uint32_t)(c->progmask & 0xF) << 24) | (c->ia & 0x00FFFFFF);
    }
    store_be32(out, word0);
    store_be32(out + 4, word1);
}

/* Whether an EC PSW can be loaded as it stands: the spare bits are zero
 * and, in 24-bit mode, so is the high byte of the instruction address
 * (S360-67.md §2.1; with PSW bit 4 on, all 32 address bits are valid). */
static bool ec_psw_valid(uint32_t word0, uint32_t word1)
{
    if (word0 & EC_PSW_SPARE_BITS)
        return false;
    if (!(word0 & ((uint32_t)EC_SYSMASK_32BIT << 24)) && (word1 & 0xFF000000u))
        return false;
    return true;
}

bool cpu_load_psw(struct cpu *c, const uint8_t psw[8])
{
    uint32_t word0 = load_be32(psw);
    uint32_t word1 = load_be32(psw + 4);
    c->sysmask = (uint8_t)(word0 >> 24);
    c->key = (word0 >> 20) & 0xF;
    c->amwp = (word0 >> 16) & 0xF;
    bool valid = true;
    if (c->ec_mode) {
        /* An invalid EC PSW is still loaded, as far as the PSW register
         * holds its fields (spare bits 0-3 stay in the system mask; the
         * spare bits 24-31 and, in 24-bit mode, the high byte of the
         * address are dropped); the caller then takes the specification
         * exception at once, so the invalid PSW is the old PSW. This is
         * the "early exception recognition" S/370 inherited from the 67's
         * EC mode, and what SIMH (which runs CP-67, MTS and TSS) does.
         * ⚠ S360-67.md §2.1: settled from SIMH and the S/370 rule. */
        valid = ec_psw_valid(word0, word1);
        c->cc = (word0 >> 12) & 3;
        c->progmask = (word0 >> 8) & 0xF;
        c->ia = (c->sysmask & EC_SYSMASK_32BIT) ? word1 : word1 & 0x00FFFFFF;
    } else {
        c->cc = (word1 >> 28) & 3;
        c->progmask = (word1 >> 24) & 0xF;
        c->ia = word1 & 0x00FFFFFF;
    }
    cpu_psw_changed(c);
    return valid;
}

bool cpu_set_system_mask(struct cpu *c, uint8_t mask)
{
    /* SSM replaces PSW bits 0-7 in either format. In EC mode bits 0-3 are
     * spare: as with LPSW, the mask is set and the caller takes the
     * specification exception with this PSW as the old PSW (SIMH checks
     * the operand after setting the masks, too). */
    c->sysmask = mask;
    cpu_psw_changed(c);
    return !(c->ec_mode && (mask & EC_SYSMASK_SPARE_BITS));
}

/* The channels whose I/O interruptions a BC system mask enables: bits 0-5
 * channels 0-5, bit 6 channel 6 and up (S360-67.md §1.2). */
static uint32_t bc_channel_mask(uint8_t sysmask)
{
    uint32_t mask = 0;
    for (unsigned n = 0; n < 6; n++)
        if (sysmask & (0x80 >> n))
            mask |= 1u << n;
    if (sysmask & 0x02)
        mask |= ~0x3Fu;
    return mask;
}

/* CR4 bit n (IBM numbering) is the mask of channel n; returns the set of
 * channels as bit n = 1u << n. */
static uint32_t cr4_channel_mask(uint32_t cr4)
{
    uint32_t mask = 0;
    for (unsigned n = 0; n < 32; n++)
        if (cr4 & (0x80000000u >> n))
            mask |= 1u << n;
    return mask;
}

void cpu_set_extended_control_mode(struct cpu *c, bool extended)
{
    if (c->ec_mode == extended)
        return;
    /* CR6 bit 8 changed under a PSW in effect. The two formats share the
     * key, AMWP, condition code, program mask and instruction address
     * (held in the CPU apart from their format); only bits 0-7 differ.
     * ⚠ GA27-2719 not available: the masks keep their meaning, as SIMH
     * keeps its external and I/O enables across the switch. BC -> EC: the
     * external mask stays, the I/O summary mask is on if any channel mask
     * was, translation and 32-bit mode are off. EC -> BC: the external
     * mask stays, and the channels enabled through PSW bit 6 and CR4 stay
     * enabled as BC channel masks. Software switches with interruptions
     * disabled and loads a PSW of the new format at once (bench_dat.s,
     * CP-67), so this only decides odd cases. */
    uint8_t ext = c->sysmask & EC_SYSMASK_EXTERNAL;
    uint8_t mask;
    if (extended) {
        mask = ext | ((c->sysmask & 0xFE) ? EC_SYSMASK_IO : 0);
    } else {
        mask = ext;
        if (c->sysmask & EC_SYSMASK_IO) {
            uint32_t channels = cr4_channel_mask(c->cr[4]);
            for (unsigned n = 0; n < 6; n++)
                if (channels & (1u << n))
                    mask |= (uint8_t)(0x80 >> n);
            if (channels & ~0x3Fu)
                mask |= 0x02;
        }
        c->ia &= 0x00FFFFFF;
    }
    c->sysmask = mask;
    c->ec_mode = extended;
    cpu_psw_changed(c);
}

uint32_t cpu_io_channel_mask(const struct cpu *c)
{
    if (!c->ec_mode)
        return bc_channel_mask(c->sysmask);
    /* EC: PSW bit 6 is the summary mask; CR4 bit n masks channel n
     * (S360-67.md §2.1, §2.2). */
    if (!(c->sysmask & EC_SYSMASK_IO))
        return 0;
    return cr4_channel_mask(c->cr[4]);
}

bool cpu_external_enabled(const struct cpu *c, uint8_t source)
{
    if (!(c->sysmask & EC_SYSMASK_EXTERNAL))
        return false;
    if (!c->ec_mode)
        return true;
    /* EC: CR6 bits 24-31 extend the external mask, one bit per source in
     * the order of the external interruption code bits 24-31: bit 24 the
     * timer, bit 25 the interrupt key, bits 26-31 external signals 6-1.
     * ⚠ S360-67.md §2.1, settled this way: SIMH gates the interrupt key
     * with CR6 bit 25 (x'40', the key's own code bit) and keeps exactly
     * bits 24-31 of CR6 for these masks; S/370 later kept the same order
     * in CR0 bits 24-31. (SIMH does not gate its timer by CR6; vm67 gives
     * every source its bit.) */
    return (c->cr[6] & source) != 0;
}

bool cpu_in_disabled_wait(const struct cpu *c)
{
    if (!c->wait)
        return false;
    if (cpu_io_channel_mask(c) != 0)
        return false;
    if (!(c->sysmask & EC_SYSMASK_EXTERNAL))
        return true;
    return c->ec_mode && (c->cr[6] & 0xFF) == 0;
}
