/* The 2067 CPU: a System/360 Model 67 processor (S360-67.md §1-2).
 *
 * The CPU knows storage, its keys, the PSW, interruptions, DAT and the
 * interval timer. It knows nothing of devices: I/O instructions call out
 * through `struct cpu_io_ops`, which devices/ implements, and a pending I/O
 * interruption is fetched through the same table.
 *
 * All state lives in `struct cpu`; two CPUs (two machines) can live in one
 * process. The machine loop calls cpu_run() with a budget of instructions;
 * it returns when the budget is spent, the CPU enters the wait state, a
 * stop is requested, the CPU check-stops, or (in guest mode) an
 * interception happens. */
#ifndef VM67_CPU_CPU_H
#define VM67_CPU_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/storage.h"
#include "lib/error.h"

struct cpu;

/* The instruction handler signature: `ip` points at the instruction's
 * bytes (2, 4 or 6 of them). When a handler runs, cpu->ia already holds
 * the address of the next sequential instruction and cpu->ilc the
 * instruction's length code, as the old PSW of an interruption needs. */
typedef void (*cpu_insn_handler)(struct cpu *c, const uint8_t *ip);

/* Program interruption codes (S360-67.md §1.9). */
enum program_interruption {
    PIC_OPERATION = 0x01,
    PIC_PRIVILEGED_OPERATION = 0x02,
    PIC_EXECUTE = 0x03,
    PIC_PROTECTION = 0x04,
    PIC_ADDRESSING = 0x05,
    PIC_SPECIFICATION = 0x06,
    PIC_DATA = 0x07,
    PIC_FIXED_POINT_OVERFLOW = 0x08,
    PIC_FIXED_POINT_DIVIDE = 0x09,
    PIC_DECIMAL_OVERFLOW = 0x0A,
    PIC_DECIMAL_DIVIDE = 0x0B,
    PIC_EXPONENT_OVERFLOW = 0x0C,
    PIC_EXPONENT_UNDERFLOW = 0x0D,
    PIC_SIGNIFICANCE = 0x0E,
    PIC_FLOATING_POINT_DIVIDE = 0x0F,
    PIC_SEGMENT_TRANSLATION = 0x10,
    PIC_PAGE_TRANSLATION = 0x11,
};

/* Program mask bits as held in cpu->progmask (PSW bits 36-39 in BC mode). */
#define PROGMASK_FIXED_OVERFLOW 0x8
#define PROGMASK_DECIMAL_OVERFLOW 0x4
#define PROGMASK_EXPONENT_UNDERFLOW 0x2
#define PROGMASK_SIGNIFICANCE 0x1

/* PSW bits 12-15 as held in cpu->amwp. */
#define PSW_ASCII 0x8
#define PSW_MACHINE_CHECK_MASK 0x4
#define PSW_WAIT 0x2
#define PSW_PROBLEM 0x1

/* EC-mode system-mask bits (EC PSW bits 4-7) as held in cpu->sysmask. */
#define EC_SYSMASK_32BIT 0x08
#define EC_SYSMASK_TRANSLATE 0x04
#define EC_SYSMASK_IO 0x02
#define EC_SYSMASK_EXTERNAL 0x01

/* External interruption code bits (BC PSW bits 24-31, S360-67.md §1.3). */
#define EXTERNAL_TIMER 0x80
#define EXTERNAL_INTERRUPT_KEY 0x40
#define EXTERNAL_SIGNALS 0x3F

/* CR6 bit 8: extended control mode (S360-67.md §2.1). */
#define CR6_EXTENDED_CONTROL 0x00800000u

/* Low-storage locations (S360-67.md §1.3). */
enum low_storage {
    LOW_IPL_PSW = 0x00,
    LOW_EXTERNAL_OLD = 0x18,
    LOW_SVC_OLD = 0x20,
    LOW_PROGRAM_OLD = 0x28,
    LOW_MACHINE_CHECK_OLD = 0x30,
    LOW_IO_OLD = 0x38,
    LOW_CSW = 0x40,
    LOW_CAW = 0x48,
    LOW_TIMER = 0x50,
    LOW_EXTERNAL_NEW = 0x58,
    LOW_SVC_NEW = 0x60,
    LOW_PROGRAM_NEW = 0x68,
    LOW_MACHINE_CHECK_NEW = 0x70,
    LOW_IO_NEW = 0x78,
};

/* The I/O interface the CPU calls out through. Every function returns the
 * condition code the instruction sets; when the instruction stores a CSW,
 * the channel layer writes it to real location x'40' itself. The address
 * is the I/O instruction's effective address (channel in bits 21-23,
 * device in bits 24-31; implementations may use more bits). */
struct cpu_io_ops {
    int (*start_io)(void *ctx, uint32_t io_address);
    int (*test_io)(void *ctx, uint32_t io_address);
    int (*halt_io)(void *ctx, uint32_t io_address);
    int (*test_channel)(void *ctx, uint32_t io_address);
    /* Presents the highest-priority pending I/O interruption among the
     * channels whose bit (1u << channel) is set in `channel_mask`: stores
     * its CSW at x'40', clears it from the device and returns true with
     * the device's I/O address. Returns false when none is pending. */
    bool (*accept_interrupt)(void *ctx, uint32_t channel_mask, uint16_t *io_address);
};

enum cpu_exit {
    CPU_EXIT_BUDGET = 0, /* the instruction budget was spent */
    CPU_EXIT_WAIT,       /* wait state, no enabled interruption pending */
    CPU_EXIT_STOPPED,    /* cpu_request_stop() was called */
    CPU_EXIT_CHECKSTOP,  /* see cpu->checkstop_reason */
    CPU_EXIT_INTERCEPT,  /* guest mode: see cpu->intercept */
};

/* Guest mode (DESIGN.md "Guest mode"): interruptions of the classes set in
 * cpu->intercept_program_codes / intercept_svc do not swap PSWs; cpu_run
 * returns CPU_EXIT_INTERCEPT with this filled in, and the PSW still as it
 * would be stored as the old PSW (ia past the instruction, ilc set). The
 * Control Program simulates the instruction and resumes the guest. */
enum cpu_intercept_kind {
    CPU_INTERCEPT_PROGRAM = 1,
    CPU_INTERCEPT_SVC,
};

struct cpu_intercept {
    enum cpu_intercept_kind kind;
    uint16_t code;             /* program interruption code, or SVC number */
    uint8_t ilc;               /* instruction length code, halfwords */
    uint8_t instruction[6];    /* the instruction as executed (an EX subject
                                  with R1 OR'ed in); zero if its fetch failed */
    uint32_t translation_address; /* for codes x'10'/x'11': as put in CR2 */
};

#define CPU_TLB_ENTRIES 1024u
#define CPU_TLB_PAGE_SHIFT 11 /* 2K: the storage-key block, half a 67 page */

/* One entry of the host-side translation cache: a 2K block of the current
 * address space mapped straight to host memory. A tag is the block's
 * address plus the translation context (PSW key, T bit) and a valid bit,
 * so that changing the key or turning DAT on or off needs no purge. */
struct cpu_tlb_entry {
    uint32_t read_tag;
    uint32_t write_tag;
    uintptr_t addend; /* host address = addend + guest address */
};

typedef void (*cpu_trace_hook)(struct cpu *c, uint32_t address, const uint8_t *ip, void *ctx);

struct cpu {
    /* Hot state: used by nearly every instruction. */
    uint32_t gpr[16];
    uint32_t ia;       /* instruction address: the next instruction */
    uint32_t amask;    /* 0x00FFFFFF (24-bit) or 0xFFFFFFFF (32-bit mode) */
    uint32_t tlb_ctx;  /* translation context folded into TLB tags */
    uint8_t cc;        /* condition code 0-3 */
    uint8_t progmask;  /* program mask, PROGMASK_* */
    uint8_t ilc;       /* instruction length code of the current instruction */
    uint8_t key;       /* PSW protection key 0-15 */
    bool problem_state;
    bool dat_on;
    uint64_t icount;      /* instructions executed since creation */
    uint64_t icount_stop; /* the inner loop runs while icount < icount_stop */
    uint64_t run_stop;    /* the end of this cpu_run's budget */
    struct storage storage;
    struct cpu_tlb_entry tlb[CPU_TLB_ENTRIES];
    cpu_insn_handler op[256];

    /* The rest of the PSW. */
    uint8_t sysmask; /* BC: PSW bits 0-7; EC: EC PSW bits 0-7 */
    uint8_t amwp;    /* PSW bits 12-15: PSW_ASCII, ..., PSW_PROBLEM */
    bool ec_mode;    /* CR6 bit 8 */
    bool wait;

    uint64_t fpr[4]; /* floating-point registers 0, 2, 4, 6 */
    uint32_t cr[16];

    /* Interruption sources. */
    uint8_t external_pending; /* EXTERNAL_* bits */
    bool io_pending;          /* the channel layer has status to present */
    bool attention;           /* re-examine interruptions and stops */
    bool stop_requested;
    bool checkstop;
    char checkstop_reason[160];
    uint64_t program_loop_guard; /* icount at the last program interruption */

    /* The interval timer (cpu/timer.c). */
    bool timer_enabled;

    /* I/O interface. */
    const struct cpu_io_ops *io;
    void *io_context;

    /* Guest mode. */
    uint32_t intercept_program_codes; /* bit n: intercept program code n */
    bool intercept_svc;
    struct cpu_intercept intercept;
    /* While EX executes its subject: the subject's bytes (with R1 OR'ed
     * in), so an interception can report the instruction as executed. */
    const uint8_t *executing_subject;
    enum cpu_exit exit_reason;

    /* Instruction trace (the operator's trace command). */
    cpu_trace_hook trace;
    void *trace_context;

    /* Statistics. */
    uint64_t interruptions;

    /* Where interruptions raised inside an instruction unwind to. */
    jmp_buf unwind;
    /* A 6-byte staging area for instructions that cross a 2K block. */
    uint8_t ibuf[8];
};

/* Creates a CPU with `storage_bytes` of real storage, in the state after a
 * power-on clear reset (BC mode, PSW zero, all registers zero). The I/O
 * interface may be NULL, in which case every I/O instruction answers
 * condition code 3 (not operational), the true answer of a machine with no
 * channels. */
bool cpu_init(struct cpu *c, uint32_t storage_bytes, struct error *err);
void cpu_free(struct cpu *c);

void cpu_set_io(struct cpu *c, const struct cpu_io_ops *io, void *context);

/* CPU reset (POO "system reset" as seen by the CPU): clears pending
 * interruptions, the wait and stop state, CR6 (back to BC mode) and the
 * TLB; the PSW becomes zero. Registers and storage are kept. */
void cpu_reset(struct cpu *c);
/* Clear reset: a CPU reset that also zeroes registers, control registers,
 * storage and storage keys. */
void cpu_clear_reset(struct cpu *c);

/* Runs up to `budget` instructions. See enum cpu_exit. */
enum cpu_exit cpu_run(struct cpu *c, uint64_t budget);

/* Makes cpu_run return CPU_EXIT_STOPPED at the next instruction boundary;
 * cpu_run refuses to run until stop_requested is cleared. */
void cpu_request_stop(struct cpu *c);
/* Forces the CPU to re-examine pending interruptions at the next
 * instruction boundary (called when status changes outside the CPU). */
static inline void cpu_request_attention(struct cpu *c)
{
    c->attention = true;
    c->icount_stop = 0;
}

/* External interruption sources (EXTERNAL_* bits): the timer, the
 * interrupt key, external signals. */
void cpu_raise_external(struct cpu *c, uint8_t bits);
/* The channel layer reports that I/O status may be pending. */
void cpu_signal_io(struct cpu *c);

/* Loads the PSW from real storage at `address` (IPL, restart). Returns
 * false (and leaves the CPU stopped) if the PSW is invalid. */
bool cpu_load_psw_from(struct cpu *c, uint32_t address);

/* The operator's "store status" for a 360/67. System/360 has no store-
 * status function and no architected save area: that is System/370's
 * STORE STATUS (PSW at x'100', registers at x'160'-x'1FF'), and on a 67
 * those locations belong to the model-dependent machine-check scan-out
 * area that starts at x'80'. A 67 operator saved the CPU's status by hand
 * from the system control panel, with the CPU stopped: DISPLAY shows the
 * PSW or a register in the lights, STORE writes the data switches into a
 * storage word. This function does that sequence at once, into an area
 * the caller (the operator) chooses:
 *   +0   the current PSW (BC or EC format per CR6; interruption code 0)
 *   +8   general registers 0-15, one word each
 *   +72  floating-point registers 0, 2, 4, 6, one doubleword each
 * 104 bytes in all. `address` must be a doubleword-aligned real address
 * with the whole area inside storage. No key is checked (the operator
 * stores with the CPU stopped, not as a program); the reference and
 * change bits of the blocks written are set, as for any store through
 * the CPU. Control registers are not stored (STMC reads them). Returns
 * false with a message if the area is not acceptable; storage is then
 * unchanged. */
#define CPU_STORE_STATUS_SIZE 104u
bool cpu_store_status(struct cpu *c, uint32_t address, struct error *err);

/* The current PSW as 8 bytes, in BC or EC format according to CR6, with
 * interruption code `code` (BC format only). */
void cpu_store_psw(const struct cpu *c, uint8_t out[8], uint16_t code);
/* Loads a PSW given as 8 bytes (format from CR6). Returns false if the PSW
 * is not valid (EC format with spare bits set, or a 24-bit address with
 * its high byte set): the PSW is then loaded as far as the CPU holds its
 * fields, and the caller takes the specification exception at once, so
 * that the invalid PSW becomes the old PSW (cpu/psw.c says why). */
bool cpu_load_psw(struct cpu *c, const uint8_t psw[8]);

/* SSM: replaces PSW bits 0-7 (BC system mask, or EC bits 0-7). Returns
 * false if EC spare bits 0-3 are set; the mask is set all the same and the
 * caller takes the specification exception, as for cpu_load_psw. */
bool cpu_set_system_mask(struct cpu *c, uint8_t mask);

/* Switches between BC and EC mode when CR6 bit 8 changes (LMC), carrying
 * the PSW in effect over to the other format. */
void cpu_set_extended_control_mode(struct cpu *c, bool extended);

/* The PSW's view of the interruption masks. */
uint32_t cpu_io_channel_mask(const struct cpu *c);
bool cpu_external_enabled(const struct cpu *c, uint8_t source);
/* Wait state with no I/O or external interruption enabled. */
bool cpu_in_disabled_wait(const struct cpu *c);

/* Purges the TLB (the 67 does this on a load of CR0). */
void cpu_tlb_purge(struct cpu *c);

/* The interval timer at x'50' (cpu/timer.c): subtract `units` of bit 31
 * (13.02 microseconds each); a change from positive to negative raises the
 * timer external interruption. */
void cpu_timer_decrement(struct cpu *c, uint32_t units);

void cpu_set_trace(struct cpu *c, cpu_trace_hook hook, void *context);

#endif
