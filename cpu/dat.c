#include "cpu/dat.h"

#include "cpu/interrupt.h"
#include "lib/bytes.h"

enum dat_status dat_lookup(struct cpu *c, uint32_t va, struct dat_result *r)
{
    struct storage *st = &c->storage;
    /* 24-bit mode: segment index is bits 8-11; 32-bit mode: bits 0-11. */
    uint32_t segment = (c->sysmask & EC_SYSMASK_32BIT) ? va >> 20 : (va >> 20) & 0xF;
    uint32_t page = (va >> 12) & 0xFF;
    uint32_t cr0 = c->cr[0];
    /* CR0 bits 0-7: segment-table length in units of 16 entries, minus 1. */
    uint32_t table_entries = ((cr0 >> 24) + 1) * 16;
    uint32_t origin = cr0 & 0x00FFFFFF;

    r->real_address = 0;
    r->entry_address = va;
    if (segment >= table_entries)
        return DAT_SEGMENT_INDEX_BEYOND_TABLE;

    uint32_t ste_address = (origin + segment * 4) & 0x00FFFFFF;
    r->entry_address = ste_address;
    if (!storage_contains(st, ste_address, 4))
        return DAT_TABLE_ADDRESSING;
    st->keys[ste_address >> STORAGE_BLOCK_SHIFT] |= STORAGE_KEY_REFERENCE;
    uint32_t ste = load_be32(st->bytes + ste_address);
    if (ste & 1)
        return DAT_SEGMENT_INVALID;
    /* STE bits 0-7: the highest valid page index (S360-67.md §2.3). */
    if (page > (ste >> 24))
        return DAT_PAGE_INDEX_BEYOND_TABLE;

    uint32_t pte_address = ((ste & 0x00FFFFFE) + page * 2) & 0x00FFFFFF;
    r->entry_address = pte_address;
    if (!storage_contains(st, pte_address, 2))
        return DAT_TABLE_ADDRESSING;
    st->keys[pte_address >> STORAGE_BLOCK_SHIFT] |= STORAGE_KEY_REFERENCE;
    uint16_t pte = load_be16(st->bytes + pte_address);
    if (pte & 0x0008)
        return DAT_PAGE_INVALID;
    if (pte & 0x0007)
        return DAT_PTE_FORMAT;
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
        /* SIMH (which runs CP-67, MTS and TSS) reports an invalid STE as a
         * page-translation exception; bench_dat.s validation agrees. */
        cpu_translation_exception(c, PIC_PAGE_TRANSLATION, va);
    case DAT_TABLE_ADDRESSING:
        cpu_program_interrupt(c, PIC_ADDRESSING);
    case DAT_PTE_FORMAT:
        cpu_translation_exception(c, PIC_SPECIFICATION, va);
    }
    cpu_program_interrupt(c, PIC_ADDRESSING);
}
