/* PACK, UNPK and MVO (POO A22-6821 "Decimal Arithmetic": Pack, Unpack,
 * Move with Offset). They check no codes and leave the condition code
 * alone. Their fields may overlap in any way: the PoO defines the result
 * as processing right to left, storing each result byte as soon as the
 * operand bytes it needs have been fetched. So both fields are copied to
 * the host, the instruction is played byte by byte on the copies (a
 * second-operand byte that lies inside the first operand reads the first
 * operand's current copy, with the result bytes stored so far), and the
 * first operand is written back at the end, after both spans passed their
 * access checks. */
#include "cpu/decimal_insn.h"
#include "cpu/insn.h"

struct format_fields {
    uint8_t result[DECIMAL_MAX_BYTES]; /* the first operand as it now is */
    uint8_t source[DECIMAL_MAX_BYTES]; /* the second operand as fetched */
    /* For second-operand byte i (left to right): its offset in the
     * first operand when it lies inside it, else -1. */
    int8_t inside_result[DECIMAL_MAX_BYTES];
    unsigned result_length;
    unsigned source_length;
    struct cpu_span result_span;
};

static void format_fields_fetch(struct cpu *c, const uint8_t *ip, struct format_fields *f)
{
    uint32_t address1 = insn_ss_address1(c, ip);
    uint32_t address2 = insn_ss_address2(c, ip);
    struct cpu_span source_span;
    f->result_length = decimal_length1(ip);
    f->source_length = decimal_length2(ip);
    cpu_span_access(c, address1, f->result_length, CPU_ACCESS_STORE, &f->result_span);
    cpu_span_access(c, address2, f->source_length, CPU_ACCESS_FETCH, &source_span);
    cpu_span_read(&f->result_span, f->result);
    cpu_span_read(&source_span, f->source);
    for (unsigned i = 0; i < f->source_length; i++) {
        /* Addresses wrap at the end of the address space. */
        uint32_t offset = (address2 + i - address1) & c->amask;
        f->inside_result[i] = offset < f->result_length ? (int8_t)offset : -1;
    }
}

/* Second-operand byte `k` counted from the right (0 = rightmost), as
 * storage holds it now; beyond the field's left end, zeros. */
static uint8_t source_byte(const struct format_fields *f, unsigned k)
{
    if (k >= f->source_length)
        return 0;
    unsigned i = f->source_length - 1 - k;
    return f->inside_result[i] >= 0 ? f->result[f->inside_result[i]] : f->source[i];
}

/* Stores result byte `j` counted from the right. */
static void store_result(struct format_fields *f, unsigned j, uint8_t value)
{
    f->result[f->result_length - 1 - j] = value;
}

static void format_fields_write(struct format_fields *f)
{
    cpu_span_write(&f->result_span, f->result);
}

static uint8_t swap_nibbles(uint8_t b)
{
    return (uint8_t)((b << 4) | (b >> 4));
}

/* PACK D1(L1,B1),D2(L2,B2): X'F2'. Zoned to packed: the rightmost byte's
 * halves are exchanged (its zone becomes the sign), then each result byte
 * takes the numeric halves of the next two source bytes; zones are
 * ignored, nothing is checked. */
void insn_pack(struct cpu *c, const uint8_t *ip)
{
    struct format_fields f;
    format_fields_fetch(c, ip, &f);
    store_result(&f, 0, swap_nibbles(source_byte(&f, 0)));
    for (unsigned j = 1; j < f.result_length; j++) {
        uint8_t right = source_byte(&f, 2 * j - 1);
        uint8_t left = source_byte(&f, 2 * j);
        store_result(&f, j, (uint8_t)(((left & 0xF) << 4) | (right & 0xF)));
    }
    format_fields_write(&f);
}

/* UNPK: X'F3'. Packed to zoned: the rightmost byte's halves are exchanged,
 * every other digit gets the zone of the current mode (1111 EBCDIC, 0101
 * USASCII-8). Each source byte is fetched once and gives two result
 * bytes, right digit first. */
void insn_unpk(struct cpu *c, const uint8_t *ip)
{
    struct format_fields f;
    format_fields_fetch(c, ip, &f);
    uint8_t zone = decimal_zone(c);
    store_result(&f, 0, swap_nibbles(source_byte(&f, 0)));
    unsigned j = 1;
    for (unsigned k = 1; j < f.result_length; k++) {
        uint8_t b = source_byte(&f, k);
        store_result(&f, j++, (uint8_t)(zone | (b & 0xF)));
        if (j < f.result_length)
            store_result(&f, j++, (uint8_t)(zone | (b >> 4)));
    }
    format_fields_write(&f);
}

/* MVO: X'F1'. The second operand is placed to the left of the first
 * operand's rightmost four bits, which are kept: every source digit moves
 * half a byte to the left. Source bytes are fetched once, right to left. */
void insn_mvo(struct cpu *c, const uint8_t *ip)
{
    struct format_fields f;
    format_fields_fetch(c, ip, &f);
    uint8_t kept = f.result[f.result_length - 1] & 0xF;
    uint8_t previous = source_byte(&f, 0);
    store_result(&f, 0, (uint8_t)((previous << 4) | kept));
    for (unsigned j = 1; j < f.result_length; j++) {
        uint8_t b = source_byte(&f, j);
        store_result(&f, j, (uint8_t)((b << 4) | (previous >> 4)));
        previous = b;
    }
    format_fields_write(&f);
}
