/* Dynamic address translation of the Model 67 (S360-67.md §2.3). */
#ifndef VM67_CPU_DAT_H
#define VM67_CPU_DAT_H

#include <stdint.h>

#include "cpu/cpu.h"

/* Table formats (S360-67.md §2.2-2.3). */
#define DAT_CR0_ORIGIN 0x00FFFFFFu           /* CR0 bits 8-31: segment-table origin */
#define DAT_CR0_MUST_BE_ZERO 0x0000003Fu     /* CR0 bits 26-31 (see insn_model67.c) */
#define DAT_STE_PAGE_TABLE_ORIGIN 0x00FFFFFEu /* STE bits 8-30 */
#define DAT_STE_INVALID 0x00000001u          /* STE bit 31 */
#define DAT_PTE_INVALID 0x0008u              /* PTE bit 12 */
#define DAT_PTE_MUST_BE_ZERO 0x0007u         /* PTE bits 13-15 */

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
    /* The entry that decided the outcome: the STE (DAT_SEGMENT_INVALID),
     * the PTE, or where it would be (DAT_PAGE_INDEX_BEYOND_TABLE), the
     * entry outside storage (DAT_TABLE_ADDRESSING), or the virtual address
     * (DAT_SEGMENT_INDEX_BEYOND_TABLE). */
    uint32_t entry_address;
};

/* Translates `virtual_address` (already wrapped to the addressing mode)
 * through the segment table designated by CR0, without the TLB and without
 * raising anything (LRA and the TLB fill both use it). Sets the reference
 * bit of the blocks holding the table entries it reads. */
enum dat_status dat_lookup(struct cpu *c, uint32_t virtual_address, struct dat_result *result);

/* An address no storage holds (real addresses have 24 bits). */
#define DAT_ADDRESS_OUTSIDE_STORAGE 0xFFFFFFFFu

/* As dat_lookup, but raises the translation or specification exception
 * the 67 raises for a failing CPU access, with the virtual address in CR2.
 * A table entry outside storage returns DAT_ADDRESS_OUTSIDE_STORAGE: the
 * caller raises the addressing exception as for any address outside
 * storage. */
uint32_t dat_translate(struct cpu *c, uint32_t virtual_address);

#endif
