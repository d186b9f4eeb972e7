/* CPU life cycle and the run loop. */
#include "cpu/cpu.h"

#include <string.h>

#include "cpu/access.h"
#include "cpu/insn.h"
#include "cpu/interrupt.h"
#include "lib/bytes.h"

bool cpu_init(struct cpu *c, uint32_t storage_bytes, struct error *err)
{
    memset(c, 0, sizeof *c);
    if (!storage_init(&c->storage, storage_bytes, err))
        return false;
    cpu_install_instructions(c);
    c->timer_enabled = true;
    cpu_clear_reset(c);
    return true;
}

void cpu_free(struct cpu *c)
{
    storage_free(&c->storage);
}

void cpu_set_io(struct cpu *c, const struct cpu_io_ops *io, void *context)
{
    c->io = io;
    c->io_context = context;
}

void cpu_tlb_purge(struct cpu *c)
{
    memset(c->tlb, 0, sizeof c->tlb);
}

void cpu_reset(struct cpu *c)
{
    c->sysmask = 0;
    c->key = 0;
    c->amwp = 0;
    c->cc = 0;
    c->progmask = 0;
    c->ilc = 0;
    c->ia = 0;
    c->cr[6] = 0;
    c->ec_mode = false;
    c->external_pending = 0;
    c->io_pending = false;
    c->stop_requested = false;
    c->checkstop = false;
    c->checkstop_reason[0] = '\0';
    c->exit_reason = CPU_EXIT_BUDGET;
    cpu_tlb_purge(c);
    cpu_psw_changed(c);
}

void cpu_clear_reset(struct cpu *c)
{
    memset(c->gpr, 0, sizeof c->gpr);
    memset(c->fpr, 0, sizeof c->fpr);
    memset(c->cr, 0, sizeof c->cr);
    storage_clear(&c->storage);
    cpu_reset(c);
}

void cpu_request_stop(struct cpu *c)
{
    c->stop_requested = true;
    cpu_request_attention(c);
}

bool cpu_load_psw_from(struct cpu *c, uint32_t address)
{
    if (!storage_contains(&c->storage, address, 8))
        return false;
    return cpu_load_psw(c, c->storage.bytes + address);
}

void cpu_set_trace(struct cpu *c, cpu_trace_hook hook, void *context)
{
    c->trace = hook;
    c->trace_context = context;
    cpu_request_attention(c);
}

/* Instruction length in bytes from the two high bits of the opcode. */
static const uint8_t length_of_format[4] = {2, 4, 4, 6};

/* The inner loop: fetch, advance, dispatch, until icount_stop. Kept small
 * so the compiler holds `c` in a register; everything an interruption
 * needs is in *c, so a longjmp out of a handler loses nothing. The
 * `tracing` copy calls the trace hook before each instruction. */
static inline __attribute__((always_inline)) void run_instructions(struct cpu *c, const bool tracing)
{
    while (c->icount < c->icount_stop) {
        uint32_t ia = c->ia;
        const uint8_t *ip;
        struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, ia);
        /* Fast path: the block is mapped for fetch and the longest
         * instruction fits in it. The odd-address bit is kept in the
         * compared value, so an odd address takes the slow path. */
        if (__builtin_expect(t->read_tag == ((ia & (TLB_BLOCK_MASK | 1u)) | c->tlb_ctx) &&
                                 (ia & ~TLB_BLOCK_MASK) <= (1u << CPU_TLB_PAGE_SHIFT) - 6,
                             1))
            ip = (const uint8_t *)(t->addend + ia);
        else
            ip = cpu_fetch_instruction(c, ia);
        uint8_t op = ip[0];
        unsigned length = length_of_format[op >> 6];
        if (tracing)
            c->trace(c, ia, ip, c->trace_context);
        c->ilc = (uint8_t)(length >> 1);
        c->ia = (ia + length) & c->amask;
        c->icount++;
        c->op[op](c, ip);
    }
}

enum cpu_exit cpu_run(struct cpu *c, uint64_t budget)
{
    c->run_stop = c->icount + budget;
    c->exit_reason = CPU_EXIT_BUDGET;
    c->attention = true;
    c->icount_stop = 0;
    if (c->checkstop)
        return CPU_EXIT_CHECKSTOP;
    /* Interruptions raised inside an instruction, interceptions and
     * check-stops come back here. */
    if (setjmp(c->unwind) != 0) {
        if (c->exit_reason != CPU_EXIT_BUDGET)
            return c->exit_reason;
        cpu_request_attention(c);
    }
    for (;;) {
        if (c->attention) {
            c->attention = false;
            if (c->stop_requested)
                return CPU_EXIT_STOPPED;
            cpu_take_pending_interruptions(c);
            if (c->wait) {
                /* Stay attentive: the next cpu_run re-examines. */
                c->attention = true;
                return CPU_EXIT_WAIT;
            }
            c->icount_stop = c->run_stop;
        }
        if (c->icount >= c->run_stop)
            return CPU_EXIT_BUDGET;
        if (c->trace != NULL)
            run_instructions(c, true);
        else
            run_instructions(c, false);
    }
}
