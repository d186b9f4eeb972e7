#include "asm/diagnostics.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"

void diagnostics_init(struct asm_diagnostics *d)
{
    memset(d, 0, sizeof *d);
}

void diagnostics_free(struct asm_diagnostics *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].message);
        free(d->items[i].context);
    }
    free(d->items);
    diagnostics_init(d);
}

static bool same_location(struct asm_location a, struct asm_location b)
{
    return a.file == b.file && a.line == b.line && a.column == b.column;
}

void diagnostics_add(struct asm_diagnostics *d, enum asm_severity severity, struct asm_location where,
                     size_t statement, const char *context, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    /* The same message at the same place, from the same macro call, is
     * said once (a macro loop would repeat it on every turn). */
    for (size_t i = d->count; i-- > 0;) {
        const struct asm_diagnostic *o = &d->items[i];
        if (same_location(o->where, where) && strcmp(o->message, message) == 0 &&
            ((o->context == NULL && context == NULL) ||
             (o->context != NULL && context != NULL && strcmp(o->context, context) == 0)))
            return;
    }
    if (severity == ASM_SEVERITY_ERROR)
        d->error_count++;
    else if (severity == ASM_SEVERITY_WARNING)
        d->warning_count++;
    if (d->count >= ASM_DIAGNOSTICS_LIMIT) {
        d->dropped++;
        return;
    }
    ASM_GROW(d->items, d->cap, d->count + 1);
    struct asm_diagnostic *n = &d->items[d->count];
    n->severity = severity;
    n->where = where;
    n->statement = statement;
    n->message = asm_strdup(message);
    n->context = context != NULL ? asm_strdup(context) : NULL;
    n->sequence = d->count;
    d->count++;
}

static int compare(const void *pa, const void *pb)
{
    const struct asm_diagnostic *a = pa, *b = pb;
    /* ASM_NO_STATEMENT sorts first (messages about the whole assembly). */
    size_t sa = a->statement + 1, sb = b->statement + 1;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    return a->sequence < b->sequence ? -1 : (a->sequence > b->sequence);
}

void diagnostics_sort(struct asm_diagnostics *d)
{
    if (d->count > 1)
        qsort(d->items, d->count, sizeof *d->items, compare);
}

const char *diagnostics_severity_name(enum asm_severity s)
{
    switch (s) {
    case ASM_SEVERITY_ERROR:
        return "error";
    case ASM_SEVERITY_WARNING:
        return "warning";
    default:
        return "note";
    }
}

void diagnostics_format(const struct asm_diagnostic *diag, const struct source_set *sources,
                        struct byte_buffer *out)
{
    const char *file = diag->where.file < sources->count ? sources->files[diag->where.file].path : "?";
    if (diag->where.line == 0)
        byte_buffer_printf(out, "%s: %s: %s", file, diagnostics_severity_name(diag->severity), diag->message);
    else
        byte_buffer_printf(out, "%s:%u:%u: %s: %s", file, diag->where.line, diag->where.column,
                           diagnostics_severity_name(diag->severity), diag->message);
    if (diag->context != NULL)
        byte_buffer_printf(out, " (%s)", diag->context);
}
