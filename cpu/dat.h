/* Dynamic address translation of the Model 67 (S360-67.md §2.3). */
#ifndef VM67_CPU_DAT_H
#define VM67_CPU_DAT_H

#include <stdint.h>

#include "cpu/cpu.h"

enum dat_status {
    DAT_OK = 0,
    DAT_SEGMENT_INDEX_BEYOND_TABLE, /* segment index > segment-table length */
    DAT_SEGMENT_INVALID,            /* STE invalid bit set */
    DAT_PAGE_INDEX_BEYOND_TABLE,    /* page index > STE page-table length */
    DAT_PAGE_INVALID,               /* PTE invalid bit set */
    DAT_TABLE_ADDRESSING,           /* a table entry lies outside storage */
    DAT_PTE_FORMAT,                 /* PTE bits 13-15 not zero */
};

struct dat_result {
    uint32_t real_address;  /* DAT_OK: the translated address */
    uint32_t entry_address; /* the STE or PTE that decided the outcome */
};

/* Translates `virtual_address` through the segment table designated by
 * CR0, without the TLB and without raising anything (LRA and the TLB fill
 * both use it). Sets the reference bit of the blocks holding the table
 * entries it reads. */
enum dat_status dat_lookup(struct cpu *c, uint32_t virtual_address, struct dat_result *result);

/* As dat_lookup, but raises the translation, addressing or specification
 * exception the 67 raises for a failing CPU access. */
uint32_t dat_translate(struct cpu *c, uint32_t virtual_address);

#endif
