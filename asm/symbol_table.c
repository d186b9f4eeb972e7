#include "asm/symbol_table.h"

#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"

void symbol_table_init(struct symbol_table *t)
{
    t->slot_count = 256;
    t->slots = asm_alloc(t->slot_count * sizeof *t->slots);
    t->count = 0;
}

void symbol_table_free(struct symbol_table *t)
{
    for (size_t i = 0; i < t->slot_count; i++) {
        struct asm_symbol *s = t->slots[i];
        if (s != NULL) {
            free(s->name);
            free(s->references);
            free(s);
        }
    }
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ull & (size_t)-1;
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
    return h;
}

static size_t slot_of(const struct symbol_table *t, const char *name)
{
    size_t mask = t->slot_count - 1;
    size_t i = hash(name) & mask;
    while (t->slots[i] != NULL && strcmp(t->slots[i]->name, name) != 0)
        i = (i + 1) & mask;
    return i;
}

struct asm_symbol *symbol_table_find(const struct symbol_table *t, const char *name)
{
    return t->slots[slot_of(t, name)];
}

static void grow(struct symbol_table *t)
{
    struct asm_symbol **old = t->slots;
    size_t old_count = t->slot_count;
    t->slot_count *= 2;
    t->slots = asm_alloc(t->slot_count * sizeof *t->slots);
    for (size_t i = 0; i < old_count; i++)
        if (old[i] != NULL)
            t->slots[slot_of(t, old[i]->name)] = old[i];
    free(old);
}

struct asm_symbol *symbol_table_intern(struct symbol_table *t, const char *name)
{
    size_t i = slot_of(t, name);
    if (t->slots[i] != NULL)
        return t->slots[i];
    if ((t->count + 1) * 2 > t->slot_count) {
        grow(t);
        i = slot_of(t, name);
    }
    struct asm_symbol *s = asm_alloc(sizeof *s);
    s->name = asm_strdup(name);
    s->type = 'U';
    s->length = 1;
    t->slots[i] = s;
    t->count++;
    return s;
}

void symbol_table_reset(struct symbol_table *t)
{
    for (size_t i = 0; i < t->slot_count; i++) {
        struct asm_symbol *s = t->slots[i];
        if (s != NULL) {
            s->defined = false;
            s->value = value_absolute(0);
            s->length = 1;
            s->type = 'U';
            s->reference_count = 0;
        }
    }
}

void symbol_add_reference(struct asm_symbol *s, size_t statement)
{
    if (s->reference_count > 0 && s->references[s->reference_count - 1] == statement)
        return;
    ASM_GROW(s->references, s->reference_cap, s->reference_count + 1);
    s->references[s->reference_count++] = statement;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(struct asm_symbol *const *)a)->name, (*(struct asm_symbol *const *)b)->name);
}

struct asm_symbol **symbol_table_sorted(const struct symbol_table *t, size_t *count)
{
    struct asm_symbol **list = asm_alloc((t->count + 1) * sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < t->slot_count; i++)
        if (t->slots[i] != NULL)
            list[n++] = t->slots[i];
    qsort(list, n, sizeof *list, by_name);
    *count = n;
    return list;
}
