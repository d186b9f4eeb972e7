#include "asm/section_table.h"

#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"

void section_table_init(struct section_table *t)
{
    memset(t, 0, sizeof *t);
}

void section_table_free(struct section_table *t)
{
    free(t->items);
    section_table_init(t);
}

struct asm_section *section_by_id(const struct section_table *t, uint32_t id)
{
    if (id == 0 || id > t->count)
        return NULL;
    return &t->items[id - 1];
}

static bool same_class(enum section_kind a, enum section_kind b)
{
    bool ea = a == SECTION_CONTROL || a == SECTION_PRIVATE;
    bool eb = b == SECTION_CONTROL || b == SECTION_PRIVATE;
    bool xa = a == SECTION_EXTERNAL || a == SECTION_WEAK_EXTERNAL;
    bool xb = b == SECTION_EXTERNAL || b == SECTION_WEAK_EXTERNAL;
    if (ea || eb)
        return ea && eb;
    if (xa || xb)
        return xa && xb;
    return a == b;
}

uint32_t section_find(const struct section_table *t, const char *name, enum section_kind kind)
{
    for (size_t i = 0; i < t->count; i++)
        if (same_class(t->items[i].kind, kind) && strcmp(t->items[i].name, name) == 0)
            return (uint32_t)i + 1;
    return 0;
}

uint32_t section_find_any(const struct section_table *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->items[i].name, name) == 0)
            return (uint32_t)i + 1;
    return 0;
}

uint32_t section_add(struct section_table *t, const char *name, enum section_kind kind, size_t definition)
{
    ASM_GROW(t->items, t->cap, t->count + 1);
    struct asm_section *s = &t->items[t->count];
    memset(s, 0, sizeof *s);
    strncpy(s->name, name, ASM_SYMBOL_MAX);
    s->kind = kind;
    s->definition = definition;
    return (uint32_t)++t->count;
}

bool section_has_text(const struct asm_section *s)
{
    return s->kind == SECTION_CONTROL || s->kind == SECTION_PRIVATE;
}

void section_table_assign_origins(struct section_table *t, uint32_t start)
{
    uint32_t next = start;
    for (size_t i = 0; i < t->count; i++) {
        struct asm_section *s = &t->items[i];
        if (!section_has_text(s)) {
            s->origin = 0;
            continue;
        }
        s->origin = next;
        next = (next + s->length + 7) & ~7u;
    }
}

void section_table_assign_esdids(struct section_table *t)
{
    uint16_t id = 0;
    for (size_t i = 0; i < t->count; i++) {
        struct asm_section *s = &t->items[i];
        s->esdid = s->kind == SECTION_DUMMY ? 0 : ++id;
    }
}
