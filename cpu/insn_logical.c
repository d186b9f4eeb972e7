/* Logical instructions (POO A22-6821 "Logical Operations"): AND, OR,
 * exclusive OR, logical compare, test under mask, the moves, insert and
 * store character, translate and translate-and-test.
 *
 * Storage-to-storage operations (NC, OC, XC, CLC, MVC, MVN, MVZ, TR, TRT)
 * are defined one byte at a time, left to right, and the Principles of
 * Operation make the result of overlapping operands follow from that rule
 * (the classic MVC X+1(L),X propagates a byte; XC X,X clears). Every
 * handler first translates and checks both operands as spans, so no byte
 * is stored before an addressing or protection exception, and then takes
 * a memcpy/memcmp-style fast path when both operands lie in one 2K block
 * each and do not overlap, or the byte loop otherwise. */
#include <string.h>

#include "cpu/insn.h"

/* CC of AND/OR/XOR: 0 when the result is zero, 1 otherwise. */
static inline uint8_t cc_nonzero(uint32_t value)
{
    return value != 0;
}

static inline uint8_t cc_compare_unsigned(uint32_t a, uint32_t b)
{
    return a == b ? 0 : a < b ? 1 : 2;
}

/* ---- RR and RX ------------------------------------------------------------ */

static void insn_nr(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    c->cc = cc_nonzero(c->gpr[r1] &= c->gpr[insn_r2(ip)]);
}

static void insn_or(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    c->cc = cc_nonzero(c->gpr[r1] |= c->gpr[insn_r2(ip)]);
}

static void insn_xr(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    c->cc = cc_nonzero(c->gpr[r1] ^= c->gpr[insn_r2(ip)]);
}

static void insn_n(struct cpu *c, const uint8_t *ip)
{
    uint32_t operand = cpu_fetch_word_aligned(c, insn_rx_address(c, ip));
    unsigned r1 = insn_r1(ip);
    c->cc = cc_nonzero(c->gpr[r1] &= operand);
}

static void insn_o(struct cpu *c, const uint8_t *ip)
{
    uint32_t operand = cpu_fetch_word_aligned(c, insn_rx_address(c, ip));
    unsigned r1 = insn_r1(ip);
    c->cc = cc_nonzero(c->gpr[r1] |= operand);
}

static void insn_x(struct cpu *c, const uint8_t *ip)
{
    uint32_t operand = cpu_fetch_word_aligned(c, insn_rx_address(c, ip));
    unsigned r1 = insn_r1(ip);
    c->cc = cc_nonzero(c->gpr[r1] ^= operand);
}

static void insn_clr(struct cpu *c, const uint8_t *ip)
{
    c->cc = cc_compare_unsigned(c->gpr[insn_r1(ip)], c->gpr[insn_r2(ip)]);
}

static void insn_cl(struct cpu *c, const uint8_t *ip)
{
    uint32_t operand = cpu_fetch_word_aligned(c, insn_rx_address(c, ip));
    c->cc = cc_compare_unsigned(c->gpr[insn_r1(ip)], operand);
}

/* IC: the byte replaces bits 24-31 of R1; bits 0-23 are unchanged. */
static void insn_ic(struct cpu *c, const uint8_t *ip)
{
    uint8_t byte = cpu_fetch_byte(c, insn_rx_address(c, ip));
    unsigned r1 = insn_r1(ip);
    c->gpr[r1] = (c->gpr[r1] & 0xFFFFFF00u) | byte;
}

/* STC: bits 24-31 of R1. */
static void insn_stc(struct cpu *c, const uint8_t *ip)
{
    cpu_store_byte(c, insn_rx_address(c, ip), (uint8_t)c->gpr[insn_r1(ip)]);
}

/* ---- SI ------------------------------------------------------------------- */

static void insn_mvi(struct cpu *c, const uint8_t *ip)
{
    cpu_store_byte(c, insn_rs_address(c, ip), ip[1]);
}

static void insn_cli(struct cpu *c, const uint8_t *ip)
{
    c->cc = cc_compare_unsigned(cpu_fetch_byte(c, insn_rs_address(c, ip)), ip[1]);
}

/* NI/OI/XI fetch and store the same byte: the store access is checked
 * (which includes fetch protection) before anything changes. */
static void insn_ni(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = cpu_host_store(c, insn_rs_address(c, ip));
    c->cc = cc_nonzero(*p &= ip[1]);
}

static void insn_oi(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = cpu_host_store(c, insn_rs_address(c, ip));
    c->cc = cc_nonzero(*p |= ip[1]);
}

static void insn_xi(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = cpu_host_store(c, insn_rs_address(c, ip));
    c->cc = cc_nonzero(*p ^= ip[1]);
}

/* TM: CC 0 when the selected bits are all zero (or the mask is zero),
 * 1 when mixed, 3 when all ones. */
static void insn_tm(struct cpu *c, const uint8_t *ip)
{
    uint8_t mask = ip[1];
    uint8_t selected = cpu_fetch_byte(c, insn_rs_address(c, ip)) & mask;
    c->cc = selected == 0 ? 0 : selected == mask ? 3 : 1;
}

/* ---- SS ------------------------------------------------------------------- */

/* Both operands of an SS logical instruction, translated and checked. */
struct ss_operands {
    struct cpu_span first;
    struct cpu_span second;
    uint32_t length;
};

static inline void ss_operands_access(struct cpu *c, const uint8_t *ip, enum cpu_access first_kind,
                                      struct ss_operands *o)
{
    o->length = (uint32_t)ip[1] + 1;
    cpu_span_access(c, insn_ss_address2(c, ip), o->length, CPU_ACCESS_FETCH, &o->second);
    cpu_span_access(c, insn_ss_address1(c, ip), o->length, first_kind, &o->first);
}

/* True when both operands are each in one piece and either do not overlap
 * at all or are the very same bytes: then a whole-string operation gives
 * exactly the byte-at-a-time result. */
static inline bool ss_simple(const struct ss_operands *o, bool same_is_simple)
{
    if (o->first.first_length != o->length || o->second.first_length != o->length)
        return false;
    const uint8_t *a = o->first.piece[0], *b = o->second.piece[0];
    if (a == b)
        return same_is_simple;
    return a + o->length <= b || b + o->length <= a;
}

/* The host address of an operand of `length` bytes when it lies in one 2K
 * block whose translation the TLB already holds for this kind of access
 * (the common case of MVC and CLC in a loop), else NULL: the caller then
 * goes through cpu_span_access, which translates, checks and raises. */
static inline uint8_t *operand_if_cached(struct cpu *c, uint32_t address, uint32_t length, bool store)
{
    if ((address & ~TLB_BLOCK_MASK) + length > (1u << CPU_TLB_PAGE_SHIFT))
        return NULL;
    struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, address);
    uint32_t tag = (address & TLB_BLOCK_MASK) | c->tlb_ctx;
    if ((store ? t->write_tag : t->read_tag) != tag)
        return NULL;
    return (uint8_t *)(t->addend + address);
}

/* Copies without overlap, eight bytes at a time (no library call for the
 * short fields MVC mostly moves). */
static inline void copy_disjoint(uint8_t *to, const uint8_t *from, uint32_t length)
{
    uint32_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t v;
        memcpy(&v, from + i, 8);
        memcpy(to + i, &v, 8);
    }
    for (; i < length; i++)
        to[i] = from[i];
}

/* MVC moves left to right one byte at a time, so an overlap where the
 * target starts one byte after the source propagates that byte. */
static void insn_mvc(struct cpu *c, const uint8_t *ip)
{
    uint32_t length = (uint32_t)ip[1] + 1;
    uint8_t *to = operand_if_cached(c, insn_ss_address1(c, ip), length, true);
    const uint8_t *from = operand_if_cached(c, insn_ss_address2(c, ip), length, false);
    if (__builtin_expect(to != NULL && from != NULL && (to + length <= from || from + length <= to), 1)) {
        copy_disjoint(to, from, length);
        return;
    }
    struct ss_operands o;
    ss_operands_access(c, ip, CPU_ACCESS_STORE, &o);
    if (ss_simple(&o, true)) {
        memmove(o.first.piece[0], o.second.piece[0], o.length);
        return;
    }
    for (uint32_t i = 0; i < o.length; i++)
        *cpu_span_byte(&o.first, i) = *cpu_span_byte(&o.second, i);
}

/* MVN: the low four bits (numerics) of each byte; MVZ: the high four
 * (zones). The other half of each first-operand byte is kept. */
static inline void move_nibbles(struct cpu *c, const uint8_t *ip, uint8_t moved)
{
    struct ss_operands o;
    ss_operands_access(c, ip, CPU_ACCESS_STORE, &o);
    uint8_t kept = (uint8_t)~moved;
    if (ss_simple(&o, true)) {
        uint8_t *a = o.first.piece[0];
        const uint8_t *b = o.second.piece[0];
        for (uint32_t i = 0; i < o.length; i++)
            a[i] = (uint8_t)((a[i] & kept) | (b[i] & moved));
        return;
    }
    for (uint32_t i = 0; i < o.length; i++) {
        uint8_t *a = cpu_span_byte(&o.first, i);
        *a = (uint8_t)((*a & kept) | (*cpu_span_byte(&o.second, i) & moved));
    }
}

static void insn_mvn(struct cpu *c, const uint8_t *ip)
{
    move_nibbles(c, ip, 0x0F);
}

static void insn_mvz(struct cpu *c, const uint8_t *ip)
{
    move_nibbles(c, ip, 0xF0);
}

enum bitwise_operation { BITWISE_AND, BITWISE_OR, BITWISE_XOR };

static inline uint8_t bitwise(enum bitwise_operation op, uint8_t a, uint8_t b)
{
    return op == BITWISE_AND ? a & b : op == BITWISE_OR ? a | b : a ^ b;
}

/* NC/OC/XC: CC 0 when every result byte is zero, else 1. */
static inline void bitwise_ss(struct cpu *c, const uint8_t *ip, enum bitwise_operation op)
{
    struct ss_operands o;
    ss_operands_access(c, ip, CPU_ACCESS_STORE, &o);
    uint8_t any = 0;
    if (ss_simple(&o, true)) {
        uint8_t *a = o.first.piece[0];
        const uint8_t *b = o.second.piece[0];
        if (op == BITWISE_XOR && a == b) {
            /* XC X,X: the common way to clear a field. */
            memset(a, 0, o.length);
        } else {
            for (uint32_t i = 0; i < o.length; i++)
                any |= a[i] = bitwise(op, a[i], b[i]);
        }
    } else {
        for (uint32_t i = 0; i < o.length; i++) {
            uint8_t *a = cpu_span_byte(&o.first, i);
            any |= *a = bitwise(op, *a, *cpu_span_byte(&o.second, i));
        }
    }
    c->cc = any != 0;
}

static void insn_nc(struct cpu *c, const uint8_t *ip)
{
    bitwise_ss(c, ip, BITWISE_AND);
}

static void insn_oc(struct cpu *c, const uint8_t *ip)
{
    bitwise_ss(c, ip, BITWISE_OR);
}

static void insn_xc(struct cpu *c, const uint8_t *ip)
{
    bitwise_ss(c, ip, BITWISE_XOR);
}

/* CLC: unsigned byte comparison, left to right, to the first difference. */
static inline uint8_t compare_bytes(const uint8_t *a, const uint8_t *b, uint32_t length)
{
    uint32_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t x = load_be64(a + i), y = load_be64(b + i);
        if (x != y)
            return x < y ? 1 : 2;
    }
    for (; i < length; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? 1 : 2;
    return 0;
}

static void insn_clc(struct cpu *c, const uint8_t *ip)
{
    uint32_t length = (uint32_t)ip[1] + 1;
    const uint8_t *a = operand_if_cached(c, insn_ss_address1(c, ip), length, false);
    const uint8_t *b = operand_if_cached(c, insn_ss_address2(c, ip), length, false);
    if (__builtin_expect(a != NULL && b != NULL, 1)) {
        c->cc = compare_bytes(a, b, length);
        return;
    }
    struct ss_operands o;
    ss_operands_access(c, ip, CPU_ACCESS_FETCH, &o);
    if (o.first.first_length == o.length && o.second.first_length == o.length) {
        c->cc = compare_bytes(o.first.piece[0], o.second.piece[0], o.length);
        return;
    }
    for (uint32_t i = 0; i < o.length; i++) {
        uint8_t x = *cpu_span_byte(&o.first, i), y = *cpu_span_byte(&o.second, i);
        if (x != y) {
            c->cc = x < y ? 1 : 2;
            return;
        }
    }
    c->cc = 0;
}

/* The 256-byte table of TR/TRT at `address`: a direct host pointer when it
 * lies in one block whose translation is already cached for fetching (the
 * usual case), else NULL and the caller fetches each table byte through
 * cpu_fetch_byte. Only the table bytes actually used are referenced, so a
 * table that runs into an unavailable block raises nothing unless such a
 * byte is needed. */
static inline const uint8_t *table_if_cached(struct cpu *c, uint32_t address)
{
    if ((address & ~TLB_BLOCK_MASK) > (1u << CPU_TLB_PAGE_SHIFT) - 256)
        return NULL;
    struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, address);
    if (t->read_tag != ((address & TLB_BLOCK_MASK) | c->tlb_ctx))
        return NULL;
    return (const uint8_t *)(t->addend + address);
}

static inline uint8_t table_byte(struct cpu *c, const uint8_t *table, uint32_t table_address, uint8_t index)
{
    return table != NULL ? table[index] : cpu_fetch_byte(c, (table_address + index) & c->amask);
}

/* TR: each first-operand byte, left to right, is replaced by the table
 * byte it indexes. Reading the table after each store keeps the
 * byte-at-a-time result when the table overlaps the first operand. */
static void insn_tr(struct cpu *c, const uint8_t *ip)
{
    uint32_t length = (uint32_t)ip[1] + 1;
    uint32_t table_address = insn_ss_address2(c, ip);
    struct cpu_span first;
    cpu_span_access(c, insn_ss_address1(c, ip), length, CPU_ACCESS_STORE, &first);
    const uint8_t *table = table_if_cached(c, table_address);
    if (table == NULL) {
        /* The table spans blocks or is not in the TLB: first reach every
         * table byte the arguments select, so a translation or access
         * exception (a paging supervisor re-executes the TR) comes before
         * any byte of the first operand is replaced. The second pass then
         * translates left to right, seeing its own stores as the PoO says. */
        for (uint32_t i = 0; i < length; i++)
            (void)cpu_fetch_byte(c, (table_address + *cpu_span_byte(&first, i)) & c->amask);
    }
    if (first.first_length == length) {
        uint8_t *p = first.piece[0];
        for (uint32_t i = 0; i < length; i++)
            p[i] = table_byte(c, table, table_address, p[i]);
        return;
    }
    for (uint32_t i = 0; i < length; i++) {
        uint8_t *p = cpu_span_byte(&first, i);
        *p = table_byte(c, table, table_address, *p);
    }
}

/* TRT: the first-operand bytes index the table, left to right, until a
 * nonzero function byte is found. Then GR1 bits 8-31 (all 32 bits in the
 * 67's 32-bit mode) get the address of the argument byte, GR2 bits 24-31
 * the function byte, and CC is 1, or 2 when it was the last byte. With
 * only zero function bytes CC is 0 and the registers are unchanged. */
static void insn_trt(struct cpu *c, const uint8_t *ip)
{
    uint32_t length = (uint32_t)ip[1] + 1;
    uint32_t address = insn_ss_address1(c, ip);
    uint32_t table_address = insn_ss_address2(c, ip);
    struct cpu_span first;
    cpu_span_access(c, address, length, CPU_ACCESS_FETCH, &first);
    const uint8_t *table = table_if_cached(c, table_address);
    for (uint32_t i = 0; i < length; i++) {
        uint8_t function = table_byte(c, table, table_address, *cpu_span_byte(&first, i));
        if (function != 0) {
            uint32_t argument = (address + i) & c->amask;
            c->gpr[1] = (c->gpr[1] & ~c->amask) | argument;
            c->gpr[2] = (c->gpr[2] & 0xFFFFFF00u) | function;
            c->cc = i + 1 == length ? 2 : 1;
            return;
        }
    }
    c->cc = 0;
}

void insn_register_logical(cpu_insn_handler t[256])
{
    t[0x14] = insn_nr;
    t[0x15] = insn_clr;
    t[0x16] = insn_or;
    t[0x17] = insn_xr;
    t[0x42] = insn_stc;
    t[0x43] = insn_ic;
    t[0x54] = insn_n;
    t[0x55] = insn_cl;
    t[0x56] = insn_o;
    t[0x57] = insn_x;
    t[0x91] = insn_tm;
    t[0x92] = insn_mvi;
    t[0x94] = insn_ni;
    t[0x95] = insn_cli;
    t[0x96] = insn_oi;
    t[0x97] = insn_xi;
    t[0xD1] = insn_mvn;
    t[0xD2] = insn_mvc;
    t[0xD3] = insn_mvz;
    t[0xD4] = insn_nc;
    t[0xD5] = insn_clc;
    t[0xD6] = insn_oc;
    t[0xD7] = insn_xc;
    t[0xDC] = insn_tr;
    t[0xDD] = insn_trt;
}
