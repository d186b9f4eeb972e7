#include "asm/assembly.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "asm/lexer.h"
#include "asm/memory.h"
#include <stdlib.h>

size_t assembly_add_statement(struct assembly *a, enum statement_role role, const struct located_text *text,
                              size_t file, size_t first_line, size_t line_count, unsigned macro_level,
                              const char *context)
{
    ASM_GROW(a->statements, a->statement_cap, a->statement_count + 1);
    size_t index = a->statement_count++;
    struct asm_statement *st = &a->statements[index];
    memset(st, 0, sizeof *st);
    st->role = role;
    located_text_init(&st->text);
    located_text_copy(&st->text, text);
    st->file = file;
    st->first_line = first_line;
    st->line_count = line_count;
    st->macro_level = macro_level;
    st->context = context != NULL ? asm_strdup(context) : NULL;
    st->address1 = st->address2 = -1;
    statement_fields_init(&st->fields);
    if (role != ROLE_COMMENT) {
        statement_fields_split(&st->text, line_count > 1, &st->fields);
        size_t nlen = st->fields.name_end - st->fields.name_start;
        if (nlen > 0 && st->text.text[st->fields.name_start] != '.') {
            st->name = asm_alloc(nlen + 1);
            lexer_copy_upper(st->name, nlen + 1, st->text.text + st->fields.name_start, nlen);
            if (role == ROLE_ASSEMBLE && (lexer_symbol_length(st->name, nlen, 0) != nlen || nlen > ASM_SYMBOL_MAX)) {
                struct asm_location where = located_text_location(&st->text, st->fields.name_start);
                diagnostics_add(&a->diagnostics, ASM_SEVERITY_ERROR, where, index, st->context,
                                "name %s is not a valid symbol (expected a letter, $, #, @ or _ and then letters "
                                "or digits, at most %d in all)",
                                st->name, ASM_SYMBOL_MAX);
                free(st->name);
                st->name = NULL;
            }
        }
        size_t olen = st->fields.operation_end - st->fields.operation_start;
        st->operation = asm_alloc(olen + 1);
        lexer_copy_upper(st->operation, olen + 1, st->text.text + st->fields.operation_start, olen);
    } else {
        st->operation = asm_strdup("");
    }
    return index;
}

bool assembly_reporting(const struct assembly *a)
{
    return !a->quiet;
}

static struct asm_location statement_start(const struct asm_statement *st)
{
    if (st->text.segment_count > 0)
        return located_text_location(&st->text, 0);
    struct asm_location w = {(uint32_t)st->file, (uint32_t)st->first_line, 1};
    return w;
}

void assembly_report_at(struct assembly *a, enum asm_severity severity, size_t stmt, struct asm_location where,
                        const char *fmt, ...)
{
    if (!assembly_reporting(a))
        return;
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    const char *context = stmt < a->statement_count ? a->statements[stmt].context : NULL;
    if (where.line == 0 && stmt < a->statement_count)
        where = statement_start(&a->statements[stmt]);
    diagnostics_add(&a->diagnostics, severity, where, stmt, context, "%s", message);
}

void assembly_report_operand(struct assembly *a, enum asm_severity severity, size_t at, const char *fmt, ...)
{
    if (!assembly_reporting(a))
        return;
    struct asm_statement *st = &a->statements[a->current];
    struct asm_location where;
    if (st->fields.operands.segment_count > 0)
        where = located_text_location(&st->fields.operands, at);
    else if (st->text.segment_count > 0)
        where = located_text_location(&st->text, st->fields.operands_start);
    else
        where = statement_start(st);
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    diagnostics_add(&a->diagnostics, severity, where, a->current, st->context, "%s", message);
}

void assembly_report_text(struct assembly *a, enum asm_severity severity, size_t at, const char *fmt, ...)
{
    if (!assembly_reporting(a))
        return;
    struct asm_statement *st = &a->statements[a->current];
    struct asm_location where = st->text.segment_count > 0 ? located_text_location(&st->text, at) : statement_start(st);
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    diagnostics_add(&a->diagnostics, severity, where, a->current, st->context, "%s", message);
}
