/* The value of an assembler expression: a 32-bit number plus its
 * relocation, a short list of (relocation id, weight) terms. An absolute
 * value has no terms; a simply relocatable one (an address in a section)
 * has one term of weight 1; the difference of two addresses in the same
 * section cancels to absolute. Relocation id 0 is never used: ids are the
 * indexes of the assembly's sections and external symbols, from 1. */
#ifndef VM67_ASM_VALUE_H
#define VM67_ASM_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#define ASM_MAX_RELOCATION_TERMS 4

struct relocation_term {
    uint32_t id;
    int32_t weight;
};

struct asm_value {
    int32_t value;
    uint8_t term_count;
    struct relocation_term terms[ASM_MAX_RELOCATION_TERMS];
};

static inline struct asm_value value_absolute(int32_t v)
{
    struct asm_value r = {0};
    r.value = v;
    return r;
}

static inline struct asm_value value_relocatable(int32_t v, uint32_t id)
{
    struct asm_value r = value_absolute(v);
    r.term_count = 1;
    r.terms[0].id = id;
    r.terms[0].weight = 1;
    return r;
}

static inline bool value_is_absolute(const struct asm_value *v)
{
    return v->term_count == 0;
}

static inline bool value_is_simple_relocatable(const struct asm_value *v)
{
    return v->term_count == 1 && v->terms[0].weight == 1;
}

/* a + sign*b; false if the result needs more relocation terms than fit. */
bool value_add(struct asm_value *a, const struct asm_value *b, int sign);
void value_negate(struct asm_value *a);
bool value_equal(const struct asm_value *a, const struct asm_value *b);

#endif
