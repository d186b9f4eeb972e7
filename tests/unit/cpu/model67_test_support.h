/* Helpers for tests of the 67's own architecture (EC mode, control
 * registers, DAT): EC-mode PSWs, a standard set of segment and page tables
 * in the test CPU's 64K, and assertions on EC-format interruptions.
 *
 * Table layout: the segment table at M67_SEGMENT_TABLE (16 entries, CR0 =
 * x'00002000'); segments 0-3 valid, each with a 256-entry page table at
 * M67_PAGE_TABLE(segment) whose entries are all invalid until m67_map();
 * segments 4-15 invalid. Page frames x'3000'-x'F000' are free for tests
 * (TEST_CODE's frame x'1000' holds code, x'2000' the tables). */
#ifndef VM67_TESTS_CPU_MODEL67_TEST_SUPPORT_H
#define VM67_TESTS_CPU_MODEL67_TEST_SUPPORT_H

#include <stdint.h>

#include "cpu/cpu.h"

#define M67_SEGMENT_TABLE 0x2000u
#define M67_PAGE_TABLE(segment) (0x2100u + (segment) * 0x200u)
#define M67_CR0 M67_SEGMENT_TABLE

/* EC PSW word 0 bits. */
#define EC_PSW_32BIT 0x08000000u
#define EC_PSW_T 0x04000000u
#define EC_PSW_IO 0x02000000u
#define EC_PSW_EXTERNAL 0x01000000u
#define EC_PSW_WAIT 0x00020000u
#define EC_PSW_PROBLEM 0x00010000u

/* EC interruption-code locations (S360-67.md §2.1). */
#define EC_CODE_AT_EXTERNAL 0x0Eu
#define EC_CODE_AT_SVC 0x10u
#define EC_CODE_AT_PROGRAM 0x12u
#define EC_CODE_AT_IO 0x16u

/* Sets CR6 bit 8 (as LMC would) and loads the EC PSW word0/word1, which
 * must be valid. */
void m67_enter_ec_mode(struct cpu *c, uint32_t word0, uint32_t word1);
/* Loads an EC PSW (the CPU must be in EC mode), asserting it is valid. */
void m67_set_ec_psw(struct cpu *c, uint32_t word0, uint32_t word1);

/* Builds the standard tables and loads CR0 (purging the TLB). */
void m67_build_tables(struct cpu *c);
/* The PTE of `va` (segments 0-3 only). */
uint32_t m67_pte_address(uint32_t va);
/* Maps the 4K page holding `va` to the frame holding `real`. */
void m67_map(struct cpu *c, uint32_t va, uint32_t real);
/* Marks the page holding `va` invalid. */
void m67_unmap(struct cpu *c, uint32_t va);

/* Asserts an EC-mode program interruption: the CPU waits in the program
 * new PSW, the EC old PSW at x'28' has ILC `ilc` in bits 16-17 and
 * instruction address `ia`, and the halfword at x'12' is `code`. */
#define m67_assert_program_interrupt(c, code, ilc, ia) \
    m67_assert_program_interrupt_at(c, code, ilc, ia, __FILE__, __LINE__)
void m67_assert_program_interrupt_at(struct cpu *c, uint16_t code, unsigned ilc, uint32_t ia,
                                     const char *file, int line);

#endif
