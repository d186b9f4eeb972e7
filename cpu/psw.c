/* PSW formats: the S/360 basic-control PSW (S360-67.md §1.2) and the 67's
 * extended-control PSW (§2.1). Which one applies is decided by CR6 bit 8
 * at the moment the PSW is stored or loaded (§6, pitfall 1). */
#include "cpu/cpu.h"
#include "cpu/interrupt.h"
#include "lib/bytes.h"

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

bool cpu_load_psw(struct cpu *c, const uint8_t psw[8])
{
    uint32_t word0 = load_be32(psw);
    uint32_t word1 = load_be32(psw + 4);
    if (c->ec_mode) {
        /* EC PSW bits 0-3 and 24-31 are spare and must be zero; in 24-bit
         * mode the instruction address has 24 bits (S360-67.md §2.1). */
        if (word0 & 0xF00000FF)
            return false;
        if (!(word0 & 0x08000000) && (word1 & 0xFF000000))
            return false;
        c->sysmask = (uint8_t)(word0 >> 24);
        c->key = (word0 >> 20) & 0xF;
        c->amwp = (word0 >> 16) & 0xF;
        c->cc = (word0 >> 12) & 3;
        c->progmask = (word0 >> 8) & 0xF;
        c->ia = word1;
    } else {
        c->sysmask = (uint8_t)(word0 >> 24);
        c->key = (word0 >> 20) & 0xF;
        c->amwp = (word0 >> 16) & 0xF;
        c->cc = (word1 >> 28) & 3;
        c->progmask = (word1 >> 24) & 0xF;
        c->ia = word1 & 0x00FFFFFF;
    }
    cpu_psw_changed(c);
    return true;
}

uint32_t cpu_io_channel_mask(const struct cpu *c)
{
    uint32_t mask = 0;
    if (c->ec_mode) {
        /* EC: PSW bit 6 is the summary mask; CR4 bit n masks channel n. */
        if (c->sysmask & EC_SYSMASK_IO) {
            for (unsigned n = 0; n < 32; n++)
                if (c->cr[4] & (0x80000000u >> n))
                    mask |= 1u << n;
        }
    } else {
        /* BC: bits 0-5 mask channels 0-5; bit 6 masks channel 6 and up. */
        for (unsigned n = 0; n < 6; n++)
            if (c->sysmask & (0x80 >> n))
                mask |= 1u << n;
        if (c->sysmask & 0x02)
            mask |= ~0x3Fu;
    }
    return mask;
}

bool cpu_external_enabled(const struct cpu *c, uint8_t source)
{
    if (!(c->sysmask & 0x01))
        return false;
    if (!c->ec_mode)
        return true;
    /* EC: CR6 bits 24-31 extend the external mask per source (S360-67.md
     * §2.1, as SIMH does). */
    return (c->cr[6] & source) != 0;
}

bool cpu_in_disabled_wait(const struct cpu *c)
{
    if (!c->wait)
        return false;
    if (cpu_io_channel_mask(c) != 0)
        return false;
    return !(c->sysmask & 0x01);
}
