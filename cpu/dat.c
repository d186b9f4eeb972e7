/* Dynamic address translation of the Model 67 (S360-67.md §2.3).
 *
 * A virtual address is segment index, page index (8 bits) and byte index
 * (12 bits): 4K pages, 1M segments. The segment index is 4 bits in 24-bit
 * mode and 12 bits in 32-bit mode. Tables live in real storage; real
 * addresses are 24 bits. */
#include "cpu/dat.h"

#include "cpu/interrupt.h"
#include "lib/bytes.h"

/* CR0 bits 0-7: segment-table length in units of 16 entries, minus one.
 * ⚠ S360-67.md §2.2, settled: an 8-bit field in 16-entry units spans
 * exactly the 4096 segments of 32-bit mode (SIMH computes (L+1)*16 too).
 * Even the shortest table has 16 entries, so in 24-bit mode (16 segments)
 * the length check never fails: segment-translation exceptions and LRA
 * condition code 3 happen only in 32-bit mode. */
static uint32_t segment_table_entries(uint32_t cr0)
{
    return ((cr0 >> 24) + 1) * 16;
}

enum dat_status dat_lookup(struct cpu *c, uint32_t va, struct dat_result *r)
{
    struct storage *st = &c->storage;
    /* 24-bit mode: segment index is bits 8-11; 32-bit mode: bits 0-11.
     * The address is already wrapped to the mode (bits 0-7 are zero in
     * 24-bit mode), so bits 0-11 serve both. */
    uint32_t segment = va >> 20;
    uint32_t page = (va >> 12) & 0xFF;
    uint32_t cr0 = c->cr[0];
    uint32_t origin = cr0 & DAT_CR0_ORIGIN;

    r->real_address = 0;
    r->entry_address = va;
    if (segment >= segment_table_entries(cr0))
        return DAT_SEGMENT_INDEX_BEYOND_TABLE;

    uint32_t ste_address = (origin + segment * 4) & 0x00FFFFFF;
    r->entry_address = ste_address;
    if (!storage_contains(st, ste_address, 4))
        return DAT_TABLE_ADDRESSING;
    st->keys[ste_address >> STORAGE_BLOCK_SHIFT] |= STORAGE_KEY_REFERENCE;
    uint32_t ste = load_be32(st->bytes + ste_address);
    if (ste & DAT_STE_INVALID)
        return DAT_SEGMENT_INVALID;

    /* STE bits 0-7: the highest valid page index. ⚠ S360-67.md §2.3,
     * settled by bench_dat.s on SIMH: with L = 4 page 5 faults, with
     * L = 5 it runs. */
    uint32_t pte_address = ((ste & DAT_STE_PAGE_TABLE_ORIGIN) + page * 2) & 0x00FFFFFF;
    r->entry_address = pte_address;
    if (page > (ste >> 24))
        return DAT_PAGE_INDEX_BEYOND_TABLE;

    if (!storage_contains(st, pte_address, 2))
        return DAT_TABLE_ADDRESSING;
    st->keys[pte_address >> STORAGE_BLOCK_SHIFT] |= STORAGE_KEY_REFERENCE;
    uint16_t pte = load_be16(st->bytes + pte_address);
    /* PTE bits 13-15 must be zero; SIMH tests them before the invalid bit
     * (bench_dat.s on SIMH: PTE x'0031' gives code x'0006', CR2 set). */
    if (pte & DAT_PTE_MUST_BE_ZERO)
        return DAT_PTE_FORMAT;
    if (pte & DAT_PTE_INVALID)
        return DAT_PAGE_INVALID;
    r->real_address = ((uint32_t)(pte >> 4) << 12) | (va & 0xFFF);
    return DAT_OK;
}

uint32_t dat_translate(struct cpu *c, uint32_t va)
{
    struct dat_result r;
    switch (dat_lookup(c, va, &r)) {
    case DAT_OK:
        return r.real_address;
    case DAT_SEGMENT_INDEX_BEYOND_TABLE:
        cpu_translation_exception(c, PIC_SEGMENT_TRANSLATION, va);
    case DAT_SEGMENT_INVALID:
    case DAT_PAGE_INDEX_BEYOND_TABLE:
    case DAT_PAGE_INVALID:
        /* ⚠ S360-67.md §2.3, settled from SIMH (which runs CP-67, MTS and
         * TSS) and bench_dat.s on SIMH: an invalid STE, like a page index
         * beyond the page table, is a page-translation exception. */
        cpu_translation_exception(c, PIC_PAGE_TRANSLATION, va);
    case DAT_TABLE_ADDRESSING:
        /* A table entry outside storage: an addressing exception, CR2
         * unchanged, raised by the caller exactly as for a real address
         * outside storage (with the same ILC rules). */
        return DAT_ADDRESS_OUTSIDE_STORAGE;
    case DAT_PTE_FORMAT:
        cpu_translation_exception(c, PIC_SPECIFICATION, va);
    }
    return DAT_ADDRESS_OUTSIDE_STORAGE;
}
