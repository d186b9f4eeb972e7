#include "asm/macro_definition.h"

#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"

struct macro_definition *macro_definition_new(struct asm_location where)
{
    struct macro_definition *d = asm_alloc(sizeof *d);
    d->where = where;
    return d;
}

void macro_definition_free(struct macro_definition *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->parameter_count; i++)
        free(d->parameters[i].default_value);
    free(d->parameters);
    for (size_t i = 0; i < d->body_count; i++) {
        located_text_free(&d->body[i].text);
        free(d->body[i].sequence);
    }
    free(d->body);
    free(d);
}

long macro_definition_find_parameter(const struct macro_definition *d, const char *name, bool keyword)
{
    for (size_t i = 0; i < d->parameter_count; i++)
        if (d->parameters[i].keyword == keyword && strcmp(d->parameters[i].name, name) == 0)
            return (long)i;
    return -1;
}

static bool variable_name(const char *s, size_t len, size_t at, size_t *n, char *out, struct asm_problem *p)
{
    if (at >= len || s[at] != '&')
        return problem_set(p, at, "parameter does not start with '&' (expected &NAME)");
    *n = lexer_symbol_length(s, len, at + 1);
    if (*n == 0 || *n > ASM_SYMBOL_MAX)
        return problem_set(p, at, "parameter name is not a symbol (expected &NAME, a letter then letters or "
                                  "digits)");
    lexer_copy_upper(out, ASM_SYMBOL_MAX + 1, s + at + 1, *n);
    *n += 1;
    return true;
}

/* The system variable symbols (a parameter may not take their names;
 * other names beginning with SYS, such as &SYSCB in CMS macros, are
 * free). */
static bool reserved(const char *name)
{
    static const char *const system[] = {"SYSNDX", "SYSECT", "SYSLIST", "SYSPARM", "SYSDATE", "SYSTIME"};
    for (size_t i = 0; i < sizeof system / sizeof system[0]; i++)
        if (strcmp(name, system[i]) == 0)
            return true;
    return false;
}

bool macro_definition_prototype(struct macro_definition *d, const struct located_text *prototype,
                                struct asm_problem *p)
{
    const char *s = prototype->text;
    size_t len = prototype->len, i = 0;
    if (len > 0 && s[0] != ' ') {
        size_t n = 0;
        if (!variable_name(s, len, 0, &n, d->name_parameter, p))
            return problem_set(p, 0, "prototype name field is not a parameter (expected &NAME or a blank)");
        if (reserved(d->name_parameter))
            return problem_set(p, 0, "&%s is a system variable name (expected another parameter name)",
                               d->name_parameter);
        i = n;
        if (i < len && s[i] != ' ')
            return problem_set(p, i, "'%c' after the name-field parameter (expected a blank)", s[i]);
    }
    while (i < len && s[i] == ' ')
        i++;
    size_t n = lexer_symbol_length(s, len, i);
    if (n == 0 || n > ASM_SYMBOL_MAX)
        return problem_set(p, i, "prototype has no macro name (expected [&NAME] MACNAME &PARAM,...)");
    lexer_copy_upper(d->name, sizeof d->name, s + i, n);
    i += n;
    if (i < len && s[i] != ' ')
        return problem_set(p, i, "'%c' in the macro name (expected a blank, then the parameters)", s[i]);
    while (i < len && s[i] == ' ')
        i++;
    while (i < len) {
        size_t pn = 0;
        char name[ASM_SYMBOL_MAX + 1];
        if (!variable_name(s, len, i, &pn, name, p))
            return false;
        if (reserved(name))
            return problem_set(p, i, "&%s is a system variable name (expected another parameter name)", name);
        if (macro_definition_find_parameter(d, name, false) >= 0 || macro_definition_find_parameter(d, name, true) >= 0 ||
            strcmp(name, d->name_parameter) == 0)
            return problem_set(p, i, "parameter &%s appears twice in the prototype (expected distinct names)", name);
        ASM_GROW(d->parameters, d->parameter_cap, d->parameter_count + 1);
        struct macro_parameter *mp = &d->parameters[d->parameter_count++];
        memset(mp, 0, sizeof *mp);
        strcpy(mp->name, name);
        i += pn;
        if (i < len && s[i] == '=') {
            size_t start = ++i;
            size_t end = lexer_operand_end(s, len, i);
            size_t blank = lexer_field_end(s, len, i);
            if (blank < end)
                end = blank;
            mp->keyword = true;
            mp->default_value = asm_strndup(s + start, end - start);
            i = end;
        }
        if (i >= len || s[i] == ' ')
            break;
        if (s[i] != ',')
            return problem_set(p, i, "'%c' after parameter &%s (expected ',' or '=')", s[i], name);
        i++;
    }
    return true;
}

void macro_definition_add_model(struct macro_definition *d, const struct located_text *normalized, bool comment)
{
    ASM_GROW(d->body, d->body_cap, d->body_count + 1);
    struct macro_model *m = &d->body[d->body_count++];
    memset(m, 0, sizeof *m);
    located_text_init(&m->text);
    located_text_copy(&m->text, normalized);
    m->comment = comment;
    if (!comment && normalized->len > 1 && normalized->text[0] == '.' && normalized->text[1] != '*') {
        size_t n = lexer_field_end(normalized->text, normalized->len, 0);
        m->sequence = asm_alloc(n + 1);
        lexer_copy_upper(m->sequence, n + 1, normalized->text, n);
    }
}

long macro_definition_find_sequence(const struct macro_definition *d, const char *sequence)
{
    for (size_t i = 0; i < d->body_count; i++)
        if (d->body[i].sequence != NULL && strcmp(d->body[i].sequence, sequence) == 0)
            return (long)i;
    return -1;
}
