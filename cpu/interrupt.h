/* Interruptions (POO "Interruptions"; S360-67.md §1.3, §2.1). Used by the
 * instruction handlers and the run loop; not by other layers. */
#ifndef VM67_CPU_INTERRUPT_H
#define VM67_CPU_INTERRUPT_H

#include <stdint.h>

#include "cpu/cpu.h"

/* Takes a program interruption with `code` for the current instruction:
 * stores the old PSW (instruction address cpu->ia, length code cpu->ilc),
 * loads the program new PSW and unwinds to the run loop. In guest mode an
 * intercepted code ends cpu_run with CPU_EXIT_INTERCEPT instead. */
_Noreturn void cpu_program_interrupt(struct cpu *c, uint16_t code);

/* A translation exception: puts the failing virtual address in CR2 (the
 * 67's relocation exception address register), then as above. */
_Noreturn void cpu_translation_exception(struct cpu *c, uint16_t code, uint32_t address);

/* The SVC interruption for SVC `number` (the current instruction). */
void cpu_svc_interrupt(struct cpu *c, uint8_t number);

/* Terminates the current instruction with a machine-check interruption
 * (old PSW at x'30', code 0, new PSW from x'70'). The caller has checked
 * that PSW bit 13 allows it. */
_Noreturn void cpu_machine_check_interrupt(struct cpu *c);

/* Ends the current instruction and cpu_run with CPU_EXIT_CHECKSTOP. */
_Noreturn void cpu_checkstop(struct cpu *c, const char *reason);

/* Takes the pending external and I/O interruptions that the current PSW
 * enables, in priority order. Returns the number taken. */
unsigned cpu_take_pending_interruptions(struct cpu *c);

/* Re-derives the cached state (problem_state, dat_on, amask, tlb_ctx,
 * wait) after any change of the PSW or of CR6, and asks the run loop to
 * look at interruptions again. */
void cpu_psw_changed(struct cpu *c);

#endif
