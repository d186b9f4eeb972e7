#include "asm/using_table.h"

#include <string.h>

void using_table_reset(struct using_table *u)
{
    memset(u, 0, sizeof *u);
}

void using_table_set(struct using_table *u, unsigned reg, const struct asm_value *base)
{
    u->active[reg & 15] = true;
    u->base[reg & 15] = *base;
}

void using_table_drop(struct using_table *u, unsigned reg)
{
    u->active[reg & 15] = false;
}

static bool same_relocation(const struct asm_value *a, const struct asm_value *b)
{
    struct asm_value d = *a;
    if (!value_add(&d, b, -1))
        return false;
    return value_is_absolute(&d);
}

enum using_resolution using_table_resolve(const struct using_table *u, const struct asm_value *address,
                                          unsigned *base, uint32_t *displacement)
{
    if (value_is_absolute(address) && (uint32_t)address->value <= 4095) {
        *base = 0;
        *displacement = (uint32_t)address->value;
        return USING_RESOLVED;
    }
    bool any = false;
    bool found = false;
    int64_t best = 0;
    unsigned best_reg = 0;
    for (unsigned r = 0; r < 16; r++) {
        if (!u->active[r] || !same_relocation(address, &u->base[r]))
            continue;
        any = true;
        int64_t d = (int64_t)address->value - (int64_t)u->base[r].value;
        if (d < 0 || d > 4095)
            continue;
        if (!found || d < best || (d == best && r > best_reg)) {
            found = true;
            best = d;
            best_reg = r;
        }
    }
    if (!found)
        return any ? USING_OUT_OF_RANGE : USING_NO_BASE;
    *base = best_reg;
    *displacement = (uint32_t)best;
    return USING_RESOLVED;
}
