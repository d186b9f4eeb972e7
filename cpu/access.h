/* Storage access by the CPU: the host-side TLB fast path (S360-67.md
 * §2.5), with DAT, addressing, protection, and reference/change recording
 * on the slow path (cpu/access.c).
 *
 * Every operand access of every instruction goes through these functions,
 * so translation, keys and exceptions are applied in one place. Aligned
 * halfword, word and doubleword operands never cross a 2K block; the
 * *_aligned accessors check the alignment the S/360 demands and raise a
 * specification exception otherwise. Byte strings (SS operands, up to 256
 * bytes) are reached through spans, which translate and check every block
 * they touch before the caller stores anything. */
#ifndef VM67_CPU_ACCESS_H
#define VM67_CPU_ACCESS_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/interrupt.h"
#include "lib/bytes.h"

#define TLB_BLOCK_MASK (~(uint32_t)((1u << CPU_TLB_PAGE_SHIFT) - 1))

enum cpu_access {
    CPU_ACCESS_FETCH = 0,      /* operand fetch */
    CPU_ACCESS_STORE = 1,      /* operand store (implies fetch) */
    CPU_ACCESS_INSTRUCTION = 2 /* instruction fetch */
};

/* Slow path: translate, check and load the TLB; returns the host address
 * of `address`. Raises the interruption if the access is not allowed. */
uint8_t *cpu_access_slow(struct cpu *c, uint32_t address, enum cpu_access kind);

static inline struct cpu_tlb_entry *cpu_tlb_entry_for(struct cpu *c, uint32_t address)
{
    return &c->tlb[(address >> CPU_TLB_PAGE_SHIFT) & (CPU_TLB_ENTRIES - 1)];
}

static inline uint8_t *cpu_host_fetch(struct cpu *c, uint32_t address)
{
    struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, address);
    if (__builtin_expect(t->read_tag == ((address & TLB_BLOCK_MASK) | c->tlb_ctx), 1))
        return (uint8_t *)(t->addend + address);
    return cpu_access_slow(c, address, CPU_ACCESS_FETCH);
}

static inline uint8_t *cpu_host_store(struct cpu *c, uint32_t address)
{
    struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, address);
    if (__builtin_expect(t->write_tag == ((address & TLB_BLOCK_MASK) | c->tlb_ctx), 1))
        return (uint8_t *)(t->addend + address);
    return cpu_access_slow(c, address, CPU_ACCESS_STORE);
}

static inline void cpu_require_alignment(struct cpu *c, uint32_t address, uint32_t mask)
{
    if (__builtin_expect((address & mask) != 0, 0))
        cpu_program_interrupt(c, PIC_SPECIFICATION);
}

static inline uint8_t cpu_fetch_byte(struct cpu *c, uint32_t address)
{
    return *cpu_host_fetch(c, address);
}

static inline void cpu_store_byte(struct cpu *c, uint32_t address, uint8_t value)
{
    *cpu_host_store(c, address) = value;
}

static inline uint16_t cpu_fetch_half_aligned(struct cpu *c, uint32_t address)
{
    cpu_require_alignment(c, address, 1);
    return load_be16(cpu_host_fetch(c, address));
}

static inline uint32_t cpu_fetch_word_aligned(struct cpu *c, uint32_t address)
{
    cpu_require_alignment(c, address, 3);
    return load_be32(cpu_host_fetch(c, address));
}

static inline uint64_t cpu_fetch_double_aligned(struct cpu *c, uint32_t address)
{
    cpu_require_alignment(c, address, 7);
    return load_be64(cpu_host_fetch(c, address));
}

static inline void cpu_store_half_aligned(struct cpu *c, uint32_t address, uint16_t value)
{
    cpu_require_alignment(c, address, 1);
    store_be16(cpu_host_store(c, address), value);
}

static inline void cpu_store_word_aligned(struct cpu *c, uint32_t address, uint32_t value)
{
    cpu_require_alignment(c, address, 3);
    store_be32(cpu_host_store(c, address), value);
}

static inline void cpu_store_double_aligned(struct cpu *c, uint32_t address, uint64_t value)
{
    cpu_require_alignment(c, address, 7);
    store_be64(cpu_host_store(c, address), value);
}

/* A byte string of 1..2048 bytes in at most two 2K blocks, already
 * translated and checked: byte i is at piece[0][i] for i < first_length,
 * else at piece[1][i - first_length]. Addresses wrap at the end of the
 * address space (2^24 in 24-bit mode), as operand addresses do. */
struct cpu_span {
    uint8_t *piece[2];
    uint32_t first_length;
    uint32_t length;
};

/* Translates and checks every block of [address, address+length) for the
 * access `kind` (CPU_ACCESS_FETCH or CPU_ACCESS_STORE); raises the
 * interruption before anything is stored if any block fails. */
void cpu_span_access_crossing(struct cpu *c, uint32_t address, uint32_t length, enum cpu_access kind,
                              struct cpu_span *span);

static inline void cpu_span_access(struct cpu *c, uint32_t address, uint32_t length, enum cpu_access kind,
                                   struct cpu_span *span)
{
    /* The common case, a string inside one 2K block, stays inline. */
    if (__builtin_expect((address & ~TLB_BLOCK_MASK) + length <= (1u << CPU_TLB_PAGE_SHIFT), 1)) {
        span->length = length;
        span->first_length = length;
        span->piece[0] = kind == CPU_ACCESS_STORE ? cpu_host_store(c, address) : cpu_host_fetch(c, address);
        span->piece[1] = span->piece[0] + length;
        return;
    }
    cpu_span_access_crossing(c, address, length, kind, span);
}

static inline uint8_t *cpu_span_byte(const struct cpu_span *s, uint32_t i)
{
    return i < s->first_length ? s->piece[0] + i : s->piece[1] + (i - s->first_length);
}

/* Copies a span's bytes out to / in from a host buffer. */
void cpu_span_read(const struct cpu_span *s, uint8_t *dst);
void cpu_span_write(const struct cpu_span *s, const uint8_t *src);

/* Fetches the instruction at `address` (any alignment or block crossing)
 * for the run loop's slow path; returns a pointer to its bytes (valid
 * until the next instruction fetch). Raises the interruption for an odd
 * address (specification, ILC 1, old PSW address + 2) or an inaccessible
 * block: an addressing exception counts the halfwords it tried to fetch
 * in the ILC and the old PSW's address; protection and translation
 * exceptions on the first halfword have ILC 0 and the instruction's own
 * address. */
const uint8_t *cpu_fetch_instruction(struct cpu *c, uint32_t address);

/* Drops every TLB entry that maps the 2K real block holding
 * `real_address`, of any address space, key or T bit, and keeps the rest.
 * A key change (SSK) needs this at least: entries were checked against the
 * old key, and a write entry made before the change bit was reset would
 * let later stores skip setting it again. SSK may use it instead of
 * cpu_tlb_purge, so that a paging supervisor setting the key of each frame
 * it pages in does not throw away every other translation. */
void cpu_tlb_purge_real_block(struct cpu *c, uint32_t real_address);

/* Real-storage access for the CPU itself (PSW swaps, the timer, DAT
 * tables): no key check. The caller guarantees the address is inside
 * storage. */
static inline uint8_t *cpu_real(struct cpu *c, uint32_t real_address)
{
    return c->storage.bytes + real_address;
}

#endif
