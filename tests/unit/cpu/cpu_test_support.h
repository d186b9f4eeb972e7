/* Helpers for CPU unit tests: a CPU with a known low-storage layout, hex
 * loaders, single-instruction execution and assertions on interruptions.
 *
 * Layout: every new PSW is a disabled wait whose instruction address tells
 * the class (TEST_WAIT_PROGRAM, ...), so a test sees at once which
 * interruption was taken; code under test goes at TEST_CODE. */
#ifndef VM67_TESTS_CPU_TEST_SUPPORT_H
#define VM67_TESTS_CPU_TEST_SUPPORT_H

#include <check.h>
#include <stdint.h>

#include "cpu/cpu.h"

#define TEST_STORAGE (64u * 1024)
#define TEST_CODE 0x1000u
#define TEST_WAIT_EXTERNAL 0x0E18u
#define TEST_WAIT_SVC 0x0E20u
#define TEST_WAIT_PROGRAM 0x0E28u
#define TEST_WAIT_MACHINE_CHECK 0x0E30u
#define TEST_WAIT_IO 0x0E38u

/* A fresh CPU (caller-owned storage of the struct) in BC mode, supervisor
 * state, key 0, all interruptions disabled, new PSWs as above. */
void test_cpu_init(struct cpu *c);
void test_cpu_init_size(struct cpu *c, uint32_t storage_bytes);
/* Frees an initialized test CPU and initializes it afresh. */
void test_cpu_reinit(struct cpu *c);

/* Stores bytes given in hex ("5810 2000", spaces ignored) at `address`;
 * returns the number of bytes. */
unsigned test_put_hex(struct cpu *c, uint32_t address, const char *hex);
void test_put_word(struct cpu *c, uint32_t address, uint32_t value);
void test_put_double(struct cpu *c, uint32_t address, uint64_t value);
uint32_t test_get_word(struct cpu *c, uint32_t address);
uint16_t test_get_half(struct cpu *c, uint32_t address);
uint64_t test_get_double(struct cpu *c, uint32_t address);

/* Sets the BC-mode PSW fields (the rest of the state is kept). */
void test_set_psw(struct cpu *c, uint8_t sysmask, uint8_t key, uint8_t amwp, uint8_t cc,
                  uint8_t progmask, uint32_t ia);

/* Puts one instruction (hex) at TEST_CODE and executes exactly it (and
 * the interruption it causes, if any). Returns cpu_run's exit. */
enum cpu_exit test_execute(struct cpu *c, const char *instruction_hex);

/* Runs from the current PSW until a wait state or `limit` instructions. */
enum cpu_exit test_run(struct cpu *c, uint64_t limit);

/* Asserts that a program interruption with `code` was taken: the CPU is in
 * the program-new wait, and the BC old PSW at x'28' holds the code, the
 * ILC and the instruction address `ia`. */
#define test_assert_program_interrupt(c, code, ilc, ia) \
    test_assert_program_interrupt_at(c, code, ilc, ia, __FILE__, __LINE__)
void test_assert_program_interrupt_at(struct cpu *c, uint16_t code, unsigned ilc, uint32_t ia,
                                      const char *file, int line);

/* Asserts that no interruption was taken and the CPU is ready at `ia`. */
#define test_assert_no_interrupt(c, ia) test_assert_no_interrupt_at(c, ia, __FILE__, __LINE__)
void test_assert_no_interrupt_at(struct cpu *c, uint32_t ia, const char *file, int line);

/* The two words of the BC old PSW stored at `location` (x'18', x'20'...). */
uint32_t test_old_psw_word0(struct cpu *c, uint32_t location);
uint32_t test_old_psw_word1(struct cpu *c, uint32_t location);

/* Puts a new PSW (BC format, two words) at `location` (x'58', x'60'...). */
void test_put_psw(struct cpu *c, uint32_t location, uint32_t word0, uint32_t word1);

/* A channel subsystem stand-in for I/O instruction and I/O interruption
 * tests: it records what the CPU asked and answers `cc`; accept_interrupt
 * presents the queued device addresses, first come first served, for the
 * channels (address bits 21-23) the CPU's mask enables, storing `csw`. */
struct test_io {
    struct cpu *cpu;         /* set by test_io_attach */
    int cc;
    unsigned calls;
    char last;               /* 'S' SIO, 'T' TIO, 'H' HIO, 'C' TCH */
    uint32_t last_address;
    uint16_t pending[8];
    unsigned pending_count;
    uint32_t last_mask;      /* the channel mask of the last accept */
    uint64_t csw;
};
void test_io_attach(struct cpu *c, struct test_io *io);
/* Queues an interruption from `device` and signals the CPU. */
void test_io_queue(struct cpu *c, struct test_io *io, uint16_t device);

/* Runs a Check suite and returns a process exit status. */
int test_run_suite(Suite *s);

#endif
