#include "asm/variable_symbols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"

void variable_scope_init(struct variable_scope *s)
{
    memset(s, 0, sizeof *s);
}

static void free_variable(struct variable *v)
{
    if (v->strings != NULL) {
        size_t n = v->dimension == 0 ? 1 : (size_t)v->dimension + 1;
        for (size_t i = 0; i < n; i++)
            free(v->strings[i]);
    }
    free(v->strings);
    free(v->numbers);
    free(v);
}

void variable_scope_free(struct variable_scope *s)
{
    for (size_t i = 0; i < s->count; i++)
        free_variable(s->items[i]);
    free(s->items);
    variable_scope_init(s);
}

struct variable *variable_find_entry(const struct variable_scope *s, const char *name)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i]->name, name) == 0)
            return s->items[i];
    return NULL;
}

struct variable *variable_find(const struct variable_scope *s, const char *name)
{
    struct variable *v = variable_find_entry(s, name);
    if (v != NULL && v->global != NULL)
        return v->global;
    return v;
}

static struct variable *new_variable(struct variable_scope *s, const char *name, enum variable_type type,
                                     uint32_t dimension)
{
    struct variable *v = asm_alloc(sizeof *v);
    snprintf(v->name, sizeof v->name, "%s", name);
    v->type = type;
    v->dimension = dimension;
    size_t n = dimension == 0 ? 1 : (size_t)dimension + 1;
    if (type == VARIABLE_CHARACTER) {
        v->strings = asm_alloc(n * sizeof *v->strings);
        for (size_t i = 0; i < n; i++)
            v->strings[i] = asm_strdup("");
    } else {
        v->numbers = asm_alloc(n * sizeof *v->numbers);
    }
    ASM_GROW(s->items, s->cap, s->count + 1);
    s->items[s->count++] = v;
    return v;
}

struct variable *variable_declare(struct variable_scope *s, const char *name, enum variable_type type,
                                  uint32_t dimension)
{
    if (variable_find_entry(s, name) != NULL)
        return NULL;
    return new_variable(s, name, type, dimension);
}

struct variable *variable_declare_global(struct variable_scope *local, struct variable_scope *globals,
                                         const char *name, enum variable_type type, uint32_t dimension,
                                         const char **conflict)
{
    struct variable *entry = variable_find_entry(local, name);
    struct variable *g = variable_find_entry(globals, name);
    if (g != NULL && (g->type != type || g->dimension != dimension)) {
        *conflict = "it is already a global symbol of another type or dimension";
        return NULL;
    }
    if (entry != NULL) {
        if (entry->global != NULL && entry->global == g)
            return g; /* declared again: harmless */
        *conflict = "it is already declared as a local symbol or parameter here";
        return NULL;
    }
    if (g == NULL)
        g = new_variable(globals, name, type, dimension);
    struct variable *ref = asm_alloc(sizeof *ref);
    snprintf(ref->name, sizeof ref->name, "%s", name);
    ref->type = type;
    ref->dimension = dimension;
    ref->global = g;
    ASM_GROW(local->items, local->cap, local->count + 1);
    local->items[local->count++] = ref;
    return g;
}

struct variable *variable_define_parameter(struct variable_scope *s, const char *name, const char *value)
{
    struct variable *v = variable_find_entry(s, name);
    if (v == NULL)
        v = new_variable(s, name, VARIABLE_CHARACTER, 0);
    v->read_only = true;
    free(v->strings[0]);
    v->strings[0] = asm_strdup(value);
    return v;
}

bool variable_index_ok(const struct variable *v, uint32_t index)
{
    return v->dimension == 0 ? index == 0 : (index >= 1 && index <= v->dimension);
}

void variable_set_number(struct variable *v, uint32_t index, int32_t value)
{
    v->numbers[index] = value;
    if (index > v->highest)
        v->highest = index;
}

void variable_set_string(struct variable *v, uint32_t index, const char *value)
{
    free(v->strings[index]);
    v->strings[index] = asm_strdup(value);
    if (index > v->highest)
        v->highest = index;
}

int32_t variable_number(const struct variable *v, uint32_t index)
{
    return v->numbers[index];
}

const char *variable_string(const struct variable *v, uint32_t index)
{
    return v->strings[index];
}

char *variable_text(const struct variable *v, uint32_t index)
{
    char buf[32];
    switch (v->type) {
    case VARIABLE_ARITHMETIC: {
        int64_t n = v->numbers[index];
        snprintf(buf, sizeof buf, "%lld", (long long)(n < 0 ? -n : n));
        return asm_strdup(buf);
    }
    case VARIABLE_BINARY:
        return asm_strdup(v->numbers[index] ? "1" : "0");
    default:
        return asm_strdup(v->strings[index]);
    }
}

/* The end of the element starting at value[i] (a comma at depth 1 or the
 * closing parenthesis at depth 0), honouring quotes. */
static size_t element_end(const char *value, size_t len, size_t i)
{
    int depth = 0;
    while (i < len) {
        char c = value[i];
        if (c == '\'' && !lexer_is_attribute_quote(value, len, i)) {
            size_t after = lexer_skip_string(value, len, i);
            if (after == (size_t)-1)
                return len;
            i = after;
            continue;
        }
        if (c == '(')
            depth++;
        else if (c == ')') {
            if (depth == 0)
                return i;
            depth--;
        } else if (c == ',' && depth == 0)
            return i;
        i++;
    }
    return i;
}

/* A sublist is a value in parentheses whose opening parenthesis closes at
 * its very end: "(A,B)" is one, "(A)+(B)" is not. */
static bool is_sublist(const char *value, size_t len)
{
    if (len < 2 || value[0] != '(' || value[len - 1] != ')')
        return false;
    size_t i = 1;
    for (;;) {
        size_t e = element_end(value, len, i);
        if (e >= len)
            return false;
        if (value[e] == ')')
            return e == len - 1;
        i = e + 1;
    }
}

size_t sublist_count(const char *value)
{
    size_t len = strlen(value);
    if (len == 0)
        return 0;
    if (!is_sublist(value, len))
        return 1;
    size_t n = 0, i = 1;
    for (;;) {
        size_t e = element_end(value, len, i);
        n++;
        if (e >= len - 1)
            break;
        i = e + 1;
    }
    return n;
}

char *sublist_element(const char *value, size_t n)
{
    size_t len = strlen(value);
    if (!is_sublist(value, len))
        return asm_strdup(n == 1 ? value : "");
    size_t k = 1, i = 1;
    for (;;) {
        size_t e = element_end(value, len, i);
        if (k == n)
            return asm_strndup(value + i, e - i);
        if (e >= len - 1)
            break;
        i = e + 1;
        k++;
    }
    return asm_strdup("");
}
