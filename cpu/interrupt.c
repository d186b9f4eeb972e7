#include "cpu/interrupt.h"

#include <stdio.h>
#include <string.h>

#include "cpu/dat.h"
#include "lib/bytes.h"

/* EC mode has no interruption-code field in the PSW; the 67 stores the
 * code in the halfword at these real locations, in the IPL CCW area that
 * is free after IPL, and the ILC in EC PSW bits 16-17 (S360-67.md §2.1).
 * ⚠ settled from SIMH's storepsw (which runs CP-67, MTS and TSS) and the
 * bench_dat.s validation on SIMH (program code x'0011' read at x'12'); the
 * halfwords are stored alone, leaving their neighbours intact. */
enum ec_code_location {
    EC_CODE_EXTERNAL = 0x0E,
    EC_CODE_SVC = 0x10,
    EC_CODE_PROGRAM = 0x12,
    EC_CODE_IO = 0x16,
};

void cpu_psw_changed(struct cpu *c)
{
    c->problem_state = (c->amwp & PSW_PROBLEM) != 0;
    c->wait = (c->amwp & PSW_WAIT) != 0;
    c->dat_on = c->ec_mode && (c->sysmask & EC_SYSMASK_TRANSLATE);
    c->amask = (c->ec_mode && (c->sysmask & EC_SYSMASK_32BIT)) ? 0xFFFFFFFFu : 0x00FFFFFFu;
    /* TLB tag context: bit 1 = valid, bit 2 = T, bits 4-7 = key. The block
     * address occupies bits 11-31, so the two never overlap; bit 0 stays
     * clear so that an odd instruction address never matches a tag. */
    c->tlb_ctx = 0x2u | (c->dat_on ? 0x4u : 0) | ((uint32_t)c->key << 4);
    cpu_request_attention(c);
}

/* Stores the current PSW as the old PSW of a class and loads the new one. */
static void swap_psw(struct cpu *c, uint32_t old_address, uint32_t code_location, uint16_t code)
{
    uint8_t *low = c->storage.bytes;
    cpu_store_psw(c, low + old_address, code);
    if (c->ec_mode && code_location != 0)
        store_be16(low + code_location, code);
    c->interruptions++;
    if (!cpu_load_psw(c, low + old_address + 0x40)) {
        /* An invalid EC new PSW is loaded, and the specification exception
         * is taken at once with it as the program old PSW and ILC 0, as
         * for LPSW (cpu/psw.c). An invalid program new PSW would take that
         * exception on itself for ever: stop instead of looping. */
        if (old_address != LOW_PROGRAM_OLD) {
            c->ilc = 0;
            cpu_program_interrupt(c, PIC_SPECIFICATION);
        }
        char reason[sizeof c->checkstop_reason];
        snprintf(reason, sizeof reason, "invalid new PSW %08X %08X at x'%02X'",
                 load_be32(low + old_address + 0x40), load_be32(low + old_address + 0x44),
                 old_address + 0x40);
        cpu_checkstop(c, reason);
    }
}

_Noreturn void cpu_checkstop(struct cpu *c, const char *reason)
{
    c->checkstop = true;
    snprintf(c->checkstop_reason, sizeof c->checkstop_reason, "%s", reason);
    c->exit_reason = CPU_EXIT_CHECKSTOP;
    longjmp(c->unwind, 1);
}

/* The bytes of the instruction being intercepted, for the Control
 * Program: the EX subject when EX is executing one (with R1 OR'ed in),
 * else read back from the instruction address without raising anything
 * (it was just fetched, so it is there). Zero when the fetch itself
 * failed (ILC 0). */
static void record_intercepted_instruction(struct cpu *c)
{
    memset(c->intercept.instruction, 0, sizeof c->intercept.instruction);
    if (c->executing_subject != NULL) {
        const uint8_t *s = c->executing_subject;
        unsigned length = s[0] < 0x40 ? 2 : s[0] < 0xC0 ? 4 : 6;
        memcpy(c->intercept.instruction, s, length);
        return;
    }
    if (c->ilc == 0)
        return;
    uint32_t address = (c->ia - 2u * c->ilc) & c->amask;
    for (unsigned i = 0; i < 2u * c->ilc; i += 2) {
        uint32_t va = (address + i) & c->amask;
        uint32_t real = va;
        if (c->dat_on) {
            struct dat_result r;
            if (dat_lookup(c, va, &r) != DAT_OK)
                return;
            real = r.real_address;
        }
        if (!storage_contains(&c->storage, real, 2))
            return;
        memcpy(c->intercept.instruction + i, c->storage.bytes + real, 2);
    }
}

static _Noreturn void intercept(struct cpu *c, enum cpu_intercept_kind kind, uint16_t code)
{
    c->intercept.kind = kind;
    c->intercept.code = code;
    c->intercept.ilc = c->ilc;
    record_intercepted_instruction(c);
    c->exit_reason = CPU_EXIT_INTERCEPT;
    longjmp(c->unwind, 1);
}

_Noreturn void cpu_program_interrupt(struct cpu *c, uint16_t code)
{
    if (code < 32 && (c->intercept_program_codes & (1u << code)))
        intercept(c, CPU_INTERCEPT_PROGRAM, code);
    /* A program interruption before any instruction has been executed
     * since the last one, for the instruction at the program new PSW's
     * address, means that PSW itself is unusable (odd or inaccessible
     * address): the machine would loop for ever. The failing address is
     * the old PSW's address backed up by the ILC, since an instruction
     * fetch exception advances it by the ILC (cpu_fetch_instruction). */
    uint32_t failing = (c->ia - 2u * c->ilc) & c->amask;
    if (c->icount == c->program_loop_guard && c->interruptions != 0 &&
        failing == (load_be32(c->storage.bytes + LOW_PROGRAM_NEW + 4) & c->amask)) {
        char reason[sizeof c->checkstop_reason];
        snprintf(reason, sizeof reason, "program interruption loop: code %04X at new PSW address %06X",
                 code, failing);
        cpu_checkstop(c, reason);
    }
    c->program_loop_guard = c->icount;
    swap_psw(c, LOW_PROGRAM_OLD, EC_CODE_PROGRAM, code);
    longjmp(c->unwind, 1);
}

_Noreturn void cpu_translation_exception(struct cpu *c, uint16_t code, uint32_t address)
{
    c->cr[2] = address;
    c->intercept.translation_address = address;
    cpu_program_interrupt(c, code);
}

_Noreturn void cpu_machine_check_interrupt(struct cpu *c)
{
    /* BC old PSW with interruption code 0 (POO "Machine-Check
     * Interruption"); EC mode stores no code. ILC as it stands. */
    swap_psw(c, LOW_MACHINE_CHECK_OLD, 0, 0);
    longjmp(c->unwind, 1);
}

void cpu_svc_interrupt(struct cpu *c, uint8_t number)
{
    if (c->intercept_svc)
        intercept(c, CPU_INTERCEPT_SVC, number);
    swap_psw(c, LOW_SVC_OLD, EC_CODE_SVC, number);
}

static bool take_external(struct cpu *c)
{
    uint8_t deliverable = 0;
    for (uint8_t bit = 0x80; bit != 0; bit >>= 1)
        if ((c->external_pending & bit) && cpu_external_enabled(c, bit))
            deliverable |= bit;
    if (deliverable == 0)
        return false;
    /* All pending enabled external sources are presented together, once
     * (S360-67.md §1.3). ILC is unpredictable; store 0 as SIMH does. */
    c->external_pending &= (uint8_t)~deliverable;
    c->ilc = 0;
    swap_psw(c, LOW_EXTERNAL_OLD, EC_CODE_EXTERNAL, deliverable);
    return true;
}

static bool take_io(struct cpu *c)
{
    if (!c->io_pending || c->io == NULL)
        return false;
    uint32_t mask = cpu_io_channel_mask(c);
    if (mask == 0)
        return false;
    uint16_t address;
    if (!c->io->accept_interrupt(c->io_context, mask, &address)) {
        /* Nothing enabled is pending; the channel layer signals again when
         * status arrives, and masks opening re-examine it (attention). */
        return false;
    }
    c->ilc = 0;
    swap_psw(c, LOW_IO_OLD, EC_CODE_IO, address);
    return true;
}

unsigned cpu_take_pending_interruptions(struct cpu *c)
{
    /* Priority (S360-67.md §1.3): machine check, program/SVC (taken
     * inside the instruction), external, I/O. Each new PSW may enable
     * further requests, which are then taken in turn. */
    unsigned taken = 0;
    for (unsigned guard = 0; guard < 64; guard++) {
        if (take_external(c) || take_io(c))
            taken++;
        else
            break;
    }
    return taken;
}

void cpu_raise_external(struct cpu *c, uint8_t bits)
{
    c->external_pending |= bits;
    cpu_request_attention(c);
}

void cpu_signal_io(struct cpu *c)
{
    c->io_pending = true;
    cpu_request_attention(c);
}
