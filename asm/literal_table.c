#include "asm/literal_table.h"

#include <stdlib.h>
#include <string.h>

#include "asm/lexer.h"
#include "asm/memory.h"

void literal_table_init(struct literal_table *t)
{
    memset(t, 0, sizeof *t);
}

void literal_table_reset(struct literal_table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->items[i].text);
        constant_operand_free(&t->items[i].constant);
    }
    t->count = 0;
}

void literal_table_free(struct literal_table *t)
{
    literal_table_reset(t);
    free(t->items);
    literal_table_init(t);
}

bool literal_refers_to_location(const char *text)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\'' && !lexer_is_attribute_quote(text, len, i)) {
            size_t after = lexer_skip_string(text, len, i);
            if (after == (size_t)-1)
                return false;
            i = after - 1;
            continue;
        }
        if (text[i] == '*')
            return true;
    }
    return false;
}

long literal_table_find(const struct literal_table *t, uint32_t pool, const char *text,
                        const struct asm_value *location)
{
    for (size_t i = 0; i < t->count; i++) {
        const struct literal *l = &t->items[i];
        if (l->pool != pool || strcmp(l->text, text) != 0)
            continue;
        if (l->location_dependent && !value_equal(&l->use_location, location))
            continue;
        return (long)i;
    }
    return -1;
}

size_t literal_table_add(struct literal_table *t, uint32_t pool, const char *text, struct constant_operand *constant,
                         const struct asm_value *location, size_t statement)
{
    long found = literal_table_find(t, pool, text, location);
    if (found >= 0) {
        constant_operand_free(constant);
        return (size_t)found;
    }
    ASM_GROW(t->items, t->cap, t->count + 1);
    struct literal *l = &t->items[t->count];
    memset(l, 0, sizeof *l);
    l->text = asm_strdup(text);
    l->constant = *constant;
    constant_operand_init(constant);
    l->pool = pool;
    l->location_dependent = literal_refers_to_location(text);
    l->use_location = *location;
    l->first_use = statement;
    return t->count++;
}

static unsigned alignment_class(uint32_t total)
{
    if (total % 8 == 0)
        return 0;
    if (total % 4 == 0)
        return 1;
    if (total % 2 == 0)
        return 2;
    return 3;
}

uint32_t literal_table_place(struct literal_table *t, uint32_t pool, uint32_t address, uint32_t section_id,
                             size_t statement)
{
    uint32_t at = address;
    for (unsigned cls = 0; cls < 4; cls++) {
        for (size_t i = 0; i < t->count; i++) {
            struct literal *l = &t->items[i];
            if (l->pool != pool || l->placed || alignment_class(l->constant.total) != cls)
                continue;
            l->placed = true;
            l->address = at;
            l->section_id = section_id;
            l->pool_statement = statement;
            at += l->constant.total;
        }
    }
    return at - address;
}
