/* DC and DS operands, and literals: [duplication]type[Llength][nominal].
 *
 * Types: C (characters, EBCDIC), X (hexadecimal), B (binary), F and H
 * (fullword and halfword integers), P and Z (packed and zoned decimal),
 * E and D (short and long floating point), A and Y (address constants of
 * 4 and 2 bytes), V (external address), S (base-displacement halfword).
 * Without an explicit length, F/A/V/E align to a fullword, H/Y/S to a
 * halfword and D to a doubleword. Nominal values: 'text' for C, X, B, F,
 * H, P, Z, E and D (comma-separated values except in C), (expressions)
 * for A, Y, V and S. */
#ifndef VM67_ASM_CONSTANTS_H
#define VM67_ASM_CONSTANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/byte_buffer.h"
#include "asm/expression.h"
#include "asm/problem.h"

struct constant_piece {
    size_t start; /* value text [start, end) in the operand text */
    size_t end;
    uint32_t length; /* bytes it occupies */
};

struct constant_operand {
    size_t start;           /* where the operand starts */
    size_t end;             /* just past it */
    uint32_t duplication;
    char type;              /* upper case */
    size_t type_at;
    bool explicit_length;
    uint32_t length;        /* the explicit length */
    bool has_nominal;
    size_t nominal_at;
    struct constant_piece *pieces;
    size_t piece_count;
    size_t piece_cap;
    uint32_t alignment;        /* 1, 2, 4 or 8 */
    uint32_t size;             /* bytes of one repetition */
    uint32_t total;            /* duplication * size */
    uint32_t length_attribute; /* of the first value */
};

void constant_operand_init(struct constant_operand *c);
void constant_operand_free(struct constant_operand *c);

/* Parses one operand at text[*pos]. Duplication factors and lengths in
 * parentheses are absolute expressions evaluated with `ctx`, and must use
 * only symbols already defined. `is_dc` demands nominal values; a literal
 * is parsed as a DC operand. On return *pos is just past the operand. */
bool constant_parse(const struct expression_context *ctx, const char *text, size_t len, size_t *pos, bool is_dc,
                    struct constant_operand *out, struct asm_problem *p);

/* What the generator needs from the assembly for address constants. */
struct constant_environment {
    struct expression_context expressions; /* location is updated per constant */
    /* The relocatable field at `address` (assembled) of `length` bytes
     * holds `value`; `v_type` for a V-constant. */
    void (*relocate)(void *context, uint32_t address, uint32_t length, const struct asm_value *value, bool v_type);
    /* Resolves an implicit address into base and displacement (S-type). */
    bool (*base_displacement)(void *context, const struct asm_value *address, size_t at, unsigned *base,
                              uint32_t *displacement, struct asm_problem *p);
    /* The relocation id of external symbol `name` (V-type). */
    uint32_t (*external)(void *context, const char *name);
    void *context;
    uint32_t address;    /* assembled address of the operand's first byte */
    bool fixed_location; /* '*' is `location` (literals) rather than each constant's address */
    struct asm_value location;
    uint32_t section_id; /* relocation id of the location counter's section */
};

/* Appends the operand's bytes (duplication included) to out. */
bool constant_generate(const struct constant_operand *c, const char *text, size_t len,
                       struct constant_environment *env, struct byte_buffer *out, struct asm_problem *p);

#endif
