#include "asm/value.h"

bool value_add(struct asm_value *a, const struct asm_value *b, int sign)
{
    a->value = (int32_t)((uint32_t)a->value + (uint32_t)(sign * b->value));
    for (unsigned i = 0; i < b->term_count; i++) {
        int32_t w = sign * b->terms[i].weight;
        unsigned k;
        for (k = 0; k < a->term_count; k++)
            if (a->terms[k].id == b->terms[i].id)
                break;
        if (k < a->term_count) {
            a->terms[k].weight += w;
            if (a->terms[k].weight == 0) {
                a->terms[k] = a->terms[a->term_count - 1];
                a->term_count--;
            }
        } else {
            if (a->term_count >= ASM_MAX_RELOCATION_TERMS)
                return false;
            a->terms[a->term_count].id = b->terms[i].id;
            a->terms[a->term_count].weight = w;
            a->term_count++;
        }
    }
    return true;
}

void value_negate(struct asm_value *a)
{
    a->value = (int32_t)(0u - (uint32_t)a->value);
    for (unsigned i = 0; i < a->term_count; i++)
        a->terms[i].weight = -a->terms[i].weight;
}

bool value_equal(const struct asm_value *a, const struct asm_value *b)
{
    if (a->value != b->value || a->term_count != b->term_count)
        return false;
    for (unsigned i = 0; i < a->term_count; i++) {
        unsigned k;
        for (k = 0; k < b->term_count; k++)
            if (b->terms[k].id == a->terms[i].id && b->terms[k].weight == a->terms[i].weight)
                break;
        if (k == b->term_count)
            return false;
    }
    return true;
}
