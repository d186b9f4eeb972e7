#include "cpu/access.h"

#include <string.h>

#include "cpu/dat.h"

uint8_t *cpu_access_slow(struct cpu *c, uint32_t address, enum cpu_access kind)
{
    uint32_t real = c->dat_on ? dat_translate(c, address) : address;
    struct storage *st = &c->storage;
    if (real >= st->size) {
        /* An instruction halfword outside storage: the old PSW's address
         * has been advanced by the ILC, which is never 0 for an
         * addressing exception (POO A22-6821-0 p.62 "Sequential Operation
         * Exceptions", and the ILC column 1,2,3 of its interruption
         * table). cpu_fetch_instruction sets ILC 0 and the instruction's
         * own address while nothing is fetched: count the halfword. */
        if (kind == CPU_ACCESS_INSTRUCTION && c->ilc == 0) {
            c->ilc = 1;
            c->ia = (c->ia + 2) & c->amask;
        }
        cpu_program_interrupt(c, PIC_ADDRESSING);
    }

    uint8_t *key = &st->keys[real >> STORAGE_BLOCK_SHIFT];
    bool store = kind == CPU_ACCESS_STORE;
    /* POO "Protection": key 0 matches every block; a store needs matching
     * keys; a fetch needs them only when the block is fetch-protected. */
    if (c->key != 0 && c->key != (*key >> 4) && (store || (*key & STORAGE_KEY_FETCH)))
        cpu_program_interrupt(c, PIC_PROTECTION);
    *key |= STORAGE_KEY_REFERENCE | (store ? STORAGE_KEY_CHANGE : 0);

    struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, address);
    uint32_t tag = (address & TLB_BLOCK_MASK) | c->tlb_ctx;
    uint32_t real_block = real & TLB_BLOCK_MASK;
    t->addend = (uintptr_t)(st->bytes + real_block) - (uintptr_t)(address & TLB_BLOCK_MASK);
    t->read_tag = tag;
    /* A store entry is made only by a store, so that the first store into
     * a block always passes here and records the change bit. */
    t->write_tag = store ? tag : 0;
    return st->bytes + real;
}

void cpu_span_access_crossing(struct cpu *c, uint32_t address, uint32_t length, enum cpu_access kind,
                              struct cpu_span *span)
{
    uint32_t room = (1u << CPU_TLB_PAGE_SHIFT) - (address & ~TLB_BLOCK_MASK);
    uint32_t next = (address + room) & c->amask;
    span->length = length;
    span->first_length = room;
    if (kind == CPU_ACCESS_STORE) {
        span->piece[0] = cpu_host_store(c, address);
        span->piece[1] = cpu_host_store(c, next);
    } else {
        span->piece[0] = cpu_host_fetch(c, address);
        span->piece[1] = cpu_host_fetch(c, next);
    }
}

void cpu_span_read(const struct cpu_span *s, uint8_t *dst)
{
    memcpy(dst, s->piece[0], s->first_length);
    if (s->length > s->first_length)
        memcpy(dst + s->first_length, s->piece[1], s->length - s->first_length);
}

void cpu_span_write(const struct cpu_span *s, const uint8_t *src)
{
    memcpy(s->piece[0], src, s->first_length);
    if (s->length > s->first_length)
        memcpy(s->piece[1], src + s->first_length, s->length - s->first_length);
}

void cpu_tlb_purge_real_block(struct cpu *c, uint32_t real_address)
{
    /* An entry maps the virtual block in its tag to host address addend +
     * block; drop every entry, of any context, that reaches this real
     * block. Scanning the 1024 entries costs about what clearing them
     * would, but keeps every other translation. */
    uintptr_t host_block = (uintptr_t)(c->storage.bytes + (real_address & TLB_BLOCK_MASK));
    for (unsigned i = 0; i < CPU_TLB_ENTRIES; i++) {
        struct cpu_tlb_entry *t = &c->tlb[i];
        if (t->read_tag != 0 && t->addend + (t->read_tag & TLB_BLOCK_MASK) == host_block) {
            t->read_tag = 0;
            t->write_tag = 0;
        }
    }
    cpu_request_attention(c);
}

static const uint8_t *fetch_instruction_halfword(struct cpu *c, uint32_t address)
{
    struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, address);
    if (t->read_tag == ((address & TLB_BLOCK_MASK) | c->tlb_ctx))
        return (const uint8_t *)(t->addend + address);
    return cpu_access_slow(c, address, CPU_ACCESS_INSTRUCTION);
}

const uint8_t *cpu_fetch_instruction(struct cpu *c, uint32_t address)
{
    uint8_t saved_ilc = c->ilc;
    uint32_t saved_ia = c->ia;
    /* An odd instruction address (only a branch or a PSW load can make
     * one) is a specification exception, suppressed, with ILC 1, 2 or 3
     * and the old PSW's address already advanced by as many halfwords as
     * the ILC says (POO A22-6821-0 p.62,
     * "Sequential Operation Exceptions"; p.79 and the table on p.148 give
     * ILC 1, 2, 3 for every specification exception, never 0). The length
     * of an instruction at an odd address is unknown, so the CPU counts
     * the one halfword it tried to fetch: ILC 1, address + 2; the program
     * finds the odd address as old PSW address - 2 * ILC, as always.
     * (SIMH stores ILC 0 and the odd address instead.) */
    if (address & 1) {
        c->ilc = 1;
        c->ia = (address + 2) & c->amask;
        cpu_program_interrupt(c, PIC_SPECIFICATION);
    }
    /* Nothing of the instruction has been fetched yet: a protection or
     * translation exception here keeps ILC 0 and the instruction's own
     * address (the table's ILC 0 for protection; SIMH's 67 for the
     * translation exceptions); an addressing exception counts the
     * halfword (cpu_access_slow). */
    c->ilc = 0;
    c->ia = address;
    const uint8_t *first = fetch_instruction_halfword(c, address);
    unsigned length = (first[0] < 0x40) ? 2 : (first[0] < 0xC0) ? 4 : 6;
    uint32_t room = (1u << CPU_TLB_PAGE_SHIFT) - (address & ~TLB_BLOCK_MASK);
    const uint8_t *result = first;
    if (length > room) {
        /* The instruction crosses into the next block: gather it, a
         * halfword at a time, so an exception on the second block reports
         * how much was fetched (its ILC is the halfwords fetched so far). */
        c->ibuf[0] = first[0];
        c->ibuf[1] = first[1];
        for (unsigned i = 2; i < length; i += 2) {
            c->ilc = (uint8_t)(i / 2);
            c->ia = (address + i) & c->amask;
            const uint8_t *h = fetch_instruction_halfword(c, (address + i) & c->amask);
            c->ibuf[i] = h[0];
            c->ibuf[i + 1] = h[1];
        }
        result = c->ibuf;
    }
    c->ilc = saved_ilc;
    c->ia = saved_ia;
    return result;
}
