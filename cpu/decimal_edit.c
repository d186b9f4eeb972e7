/* ED and EDMK (POO A22-6821 "Edit", "Edit and Mark"): packed source
 * digits are zoned and merged into a pattern, which the result replaces.
 *
 * The pattern (first operand, L+1 bytes) is processed left to right, one
 * byte at a time:
 *   X'20' digit selector and X'21' significance starter each take the
 *   next source digit; X'22' field separator; any other byte is a
 *   message byte. The first pattern byte is also the fill byte.
 *   - digit selector / starter: with the significance indicator on, or a
 *     nonzero digit, the zoned digit is stored and the indicator turns on;
 *     otherwise the fill byte is stored, and a starter turns the
 *     indicator on. Then, when the digit was the left half of a source
 *     byte whose right half is a plus sign (A, C, E, F), the indicator
 *     turns off; a minus sign (B, D) leaves it as it is.
 *   - field separator: replaced by the fill byte; indicator off.
 *   - message byte: kept when the indicator is on, else the fill byte.
 * A source byte is fetched once, when its left digit is needed; its left
 * half must be a digit (a sign code there is invalid: data exception),
 * its right half is a digit kept for the next selector, or a sign.
 * CC: 0 if every source digit of the last field (since the last field
 * separator) is zero or there is none, else 1 if the indicator is on at
 * the end (negative), 2 if off (positive).
 * EDMK also puts into register 1 the address of the result byte where
 * significance was started by a nonzero digit (not by a starter), the
 * last such one if several fields do so.
 *
 * The result is built in a host copy of the pattern and stored at the
 * end. A source byte inside the pattern field reads that copy, which
 * holds exactly what storage would hold at that point of byte-by-byte
 * processing (results to the left, pattern bytes from here on), so any
 * overlap gives the byte-by-byte result. Source bytes are fetched (and
 * access-checked) only as they are needed. */
#include "cpu/decimal_insn.h"
#include "cpu/insn.h"

#define EDIT_DIGIT_SELECTOR 0x20
#define EDIT_SIGNIFICANCE_STARTER 0x21
#define EDIT_FIELD_SEPARATOR 0x22

struct edit_state {
    uint32_t pattern_address;
    unsigned length;
    uint8_t result[256];
    uint32_t next_source_address;
    uint8_t source_byte;
    bool right_digit_pending; /* the right half of source_byte is the next digit */
};

static uint8_t edit_fetch_source_byte(struct cpu *c, struct edit_state *e)
{
    uint32_t address = e->next_source_address;
    uint8_t value = cpu_fetch_byte(c, address);
    uint32_t offset = (address - e->pattern_address) & c->amask;
    if (offset < e->length)
        value = e->result[offset];
    e->next_source_address = (address + 1) & c->amask;
    return value;
}

static void edit(struct cpu *c, const uint8_t *ip, bool mark)
{
    struct edit_state e;
    e.length = ip[1] + 1u;
    e.pattern_address = insn_ss_address1(c, ip);
    e.next_source_address = insn_ss_address2(c, ip);
    e.right_digit_pending = false;
    e.source_byte = 0;
    struct cpu_span pattern;
    cpu_span_access(c, e.pattern_address, e.length, CPU_ACCESS_STORE, &pattern);
    cpu_span_read(&pattern, e.result);

    const uint8_t fill = e.result[0];
    const uint8_t zone = decimal_zone(c);
    bool significance = false;
    bool field_nonzero = false;
    bool marked = false;
    uint32_t mark_address = 0;

    for (unsigned i = 0; i < e.length; i++) {
        uint8_t p = e.result[i];
        uint8_t out;
        if (p == EDIT_DIGIT_SELECTOR || p == EDIT_SIGNIFICANCE_STARTER) {
            unsigned digit;
            bool plus_sign_follows = false;
            if (e.right_digit_pending) {
                digit = e.source_byte & 0xF;
                e.right_digit_pending = false;
            } else {
                e.source_byte = edit_fetch_source_byte(c, &e);
                digit = e.source_byte >> 4;
                if (!decimal_digit_is_valid(digit))
                    cpu_program_interrupt(c, PIC_DATA);
                unsigned right = e.source_byte & 0xF;
                if (decimal_digit_is_valid(right))
                    e.right_digit_pending = true;
                else
                    plus_sign_follows = !decimal_sign_is_minus(right);
            }
            if (digit != 0)
                field_nonzero = true;
            if (significance || digit != 0) {
                if (!significance) {
                    marked = true;
                    mark_address = (e.pattern_address + i) & c->amask;
                }
                out = (uint8_t)(zone | digit);
                significance = true;
            } else {
                out = fill;
                if (p == EDIT_SIGNIFICANCE_STARTER)
                    significance = true;
            }
            if (plus_sign_follows)
                significance = false;
        } else if (p == EDIT_FIELD_SEPARATOR) {
            out = fill;
            significance = false;
            field_nonzero = false;
        } else {
            out = significance ? p : fill;
        }
        e.result[i] = out;
    }

    cpu_span_write(&pattern, e.result);
    c->cc = !field_nonzero ? 0 : significance ? 1 : 2;
    /* Register 1 gets the address in its address bits (bits 8-31 in
     * 24-bit mode; the rest unchanged). ⚠ In the 67's 32-bit mode the
     * whole register is taken to be the address, like the other address
     * results of that mode (S360-67.md §2.6); not checked against FC67. */
    if (mark && marked)
        c->gpr[1] = (c->gpr[1] & ~c->amask) | mark_address;
}

/* ED D1(L,B1),D2(B2): X'DE'. */
void insn_ed(struct cpu *c, const uint8_t *ip)
{
    edit(c, ip, false);
}

/* EDMK: X'DF'. */
void insn_edmk(struct cpu *c, const uint8_t *ip)
{
    edit(c, ip, true);
}
