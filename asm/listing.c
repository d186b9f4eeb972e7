#include "asm/listing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/instruction_table.h"
#include "asm/lexer.h"
#include "asm/memory.h"

struct writer {
    const struct assembly *a;
    struct byte_buffer *out;
    int line;  /* lines on the current page */
    int page;
    char title[104];
    bool headings; /* column headings of the source part */
};

static void heading(struct writer *w)
{
    if (w->page > 0)
        byte_buffer_append_string(w->out, "\f");
    w->page++;
    byte_buffer_printf(w->out, "%-8s %-100.100s Page %4d\n", "vm67 asm", w->title, w->page);
    byte_buffer_append_string(w->out, "\n");
    w->line = 2;
    if (w->headings) {
        byte_buffer_append_string(w->out, "  LOC  OBJECT CODE       ADDR1  ADDR2   STMT  SOURCE STATEMENT\n");
        w->line++;
    }
}

static void line(struct writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void line(struct writer *w, const char *fmt, ...)
{
    if (w->page == 0 || w->line >= LISTING_PAGE_LINES)
        heading(w);
    va_list ap;
    va_start(ap, fmt);
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* Trailing blanks mean nothing on a printer. */
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == ' ')
        buf[--n] = '\0';
    byte_buffer_append_string(w->out, buf);
    byte_buffer_append_string(w->out, "\n");
    w->line++;
}

static void eject(struct writer *w)
{
    w->line = LISTING_PAGE_LINES;
}

/* Object code as printed: instructions by halfword, data as one run. */
static void format_object(char *buf, size_t size, const uint8_t *bytes, size_t n, bool instruction)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 4 < size; i++) {
        if (instruction && i > 0 && i % 2 == 0)
            buf[o++] = ' ';
        o += (size_t)snprintf(buf + o, size - o, "%02X", bytes[i]);
    }
}

static void format_address(char *buf, size_t size, int64_t address)
{
    if (address < 0)
        snprintf(buf, size, "%6s", "");
    else
        snprintf(buf, size, "%06X", (uint32_t)address & 0xFFFFFF);
}

static bool is_instruction(const char *op)
{
    return instruction_lookup(op) != NULL;
}

/* The messages are sorted by statement (diagnostics_sort), so the source
 * part walks them with a cursor: [*first, end) are the statement's. */
static size_t messages_range(const struct assembly *a, size_t *cursor, size_t statement)
{
    const struct asm_diagnostics *d = &a->diagnostics;
    while (*cursor < d->count && d->items[*cursor].statement + 1 < statement + 1)
        (*cursor)++;
    size_t end = *cursor;
    while (end < d->count && d->items[end].statement == statement)
        end++;
    return end;
}

static void messages_for(struct writer *w, size_t first, size_t end)
{
    const struct asm_diagnostics *d = &w->a->diagnostics;
    struct byte_buffer b;
    byte_buffer_init(&b);
    for (size_t i = first; i < end; i++) {
        byte_buffer_clear(&b);
        diagnostics_format(&d->items[i], &w->a->sources, &b);
        line(w, "** %s", (const char *)b.data);
    }
    byte_buffer_free(&b);
}

/* The quoted operand of TITLE, with '' as one quote. */
static void title_text(const struct asm_statement *st, char *out, size_t size)
{
    const struct located_text *ops = &st->fields.operands;
    size_t o = 0;
    for (size_t i = 1; i + 1 < ops->len && o + 1 < size; i++) {
        if (ops->text[i] == '\'' && i + 1 < ops->len && ops->text[i + 1] == '\'')
            i++;
        out[o++] = ops->text[i];
    }
    out[o] = '\0';
}

struct print_state {
    bool on, gen, data;
};

static void apply_print(const struct asm_statement *st, struct print_state *p)
{
    const struct located_text *ops = &st->fields.operands;
    size_t i = 0;
    while (i < ops->len) {
        size_t e = lexer_operand_end(ops->text, ops->len, i);
        char word[16];
        lexer_copy_upper(word, sizeof word, ops->text + i, e - i);
        if (strcmp(word, "ON") == 0)
            p->on = true;
        else if (strcmp(word, "OFF") == 0)
            p->on = false;
        else if (strcmp(word, "GEN") == 0)
            p->gen = true;
        else if (strcmp(word, "NOGEN") == 0)
            p->gen = false;
        else if (strcmp(word, "DATA") == 0)
            p->data = true;
        else if (strcmp(word, "NODATA") == 0)
            p->data = false;
        i = e + 1;
    }
}

/* The text of a generated statement, in the columns of a card. */
static void generated_text(const struct asm_statement *st, char *out, size_t size)
{
    const char *t = st->text.text;
    if (st->role == ROLE_COMMENT || st->role == ROLE_CONDITIONAL) {
        snprintf(out, size, "+%s", t);
        return;
    }
    const struct statement_fields *f = &st->fields;
    int nl = (int)(f->name_end - f->name_start), ol = (int)(f->operation_end - f->operation_start);
    snprintf(out, size, "+%-*.*s %-*.*s %s", nl > 8 ? nl : 8, nl, t + f->name_start, ol > 5 ? ol : 5, ol,
             t + f->operation_start, f->operands.text);
}

static void statement_lines(struct writer *w, size_t index, const struct print_state *print)
{
    const struct assembly *a = w->a;
    const struct asm_statement *st = &a->statements[index];
    char loc[8], obj[40], a1[8], a2[8];
    snprintf(loc, sizeof loc, "%6s", "");
    if (st->has_location && st->role == ROLE_ASSEMBLE)
        snprintf(loc, sizeof loc, "%06X", st->location & 0xFFFFFF);
    bool insn = is_instruction(st->operation);
    bool pool = strcmp(st->operation, "LTORG") == 0 || strcmp(st->operation, "END") == 0;
    size_t first = st->object_len > 8 && !insn ? 8 : st->object_len;
    if (pool)
        first = 0;
    format_object(obj, sizeof obj, st->object, first, insn);
    format_address(a1, sizeof a1, st->address1);
    format_address(a2, sizeof a2, st->listed_value ? (int64_t)st->value : st->address2);
    if (st->listed_value && st->address1 < 0)
        format_address(a1, sizeof a1, -1);
    char stmt[24];
    snprintf(stmt, sizeof stmt, "%5zu", index + 1);
    if (st->line_count > 0) {
        const struct source_file *f = &a->sources.files[st->file];
        for (size_t k = 0; k < st->line_count; k++) {
            size_t ln = st->first_line - 1 + k;
            const char *text = ln < f->line_count ? f->lines[ln] : "";
            if (k == 0)
                line(w, "%s %-17s %s %s %s  %.80s", loc, obj, a1, a2, stmt, text);
            else
                line(w, "%6s %-17s %6s %6s %5s  %.80s", "", "", "", "", "", text);
        }
    } else {
        char text[1200];
        generated_text(st, text, sizeof text);
        line(w, "%s %-17s %s %s %s  %s", loc, obj, a1, a2, stmt, text);
    }
    /* The rest of long constants (PRINT DATA). */
    if (!insn && !pool && st->object_len > 8 && print->data) {
        for (size_t off = 8; off < st->object_len; off += 8) {
            size_t n = st->object_len - off < 8 ? st->object_len - off : 8;
            format_object(obj, sizeof obj, st->object + off, n, false);
            line(w, "%06X %-17s", (st->location + (uint32_t)off) & 0xFFFFFF, obj);
        }
    }
    if (pool) {
        /* The literals this statement placed, in address order. */
        const struct literal **sorted = asm_alloc((a->literals.count + 1) * sizeof *sorted);
        size_t n = 0;
        for (size_t i = 0; i < a->literals.count; i++)
            if (a->literals.items[i].placed && a->literals.items[i].pool_statement == index)
                sorted[n++] = &a->literals.items[i];
        for (size_t i = 1; i < n; i++)
            for (size_t k = i; k > 0 && sorted[k]->address < sorted[k - 1]->address; k--) {
                const struct literal *t = sorted[k];
                sorted[k] = sorted[k - 1];
                sorted[k - 1] = t;
            }
        uint32_t base = n > 0 ? sorted[0]->address : 0;
        uint32_t total = 0;
        for (size_t k = 0; k < n; k++)
            total += sorted[k]->constant.total;
        size_t objstart = st->object_len >= total ? st->object_len - total : 0;
        for (size_t i = 0; i < n; i++) {
            const struct literal *l = sorted[i];
            size_t off = objstart + (l->address - base);
            size_t len = l->constant.total < 8 ? l->constant.total : 8;
            if (off + len <= st->object_len)
                format_object(obj, sizeof obj, st->object + off, len, false);
            else
                obj[0] = '\0';
            line(w, "%06X %-17s %6s %6s %5s  =%s", l->address & 0xFFFFFF, obj, "", "", "", l->text);
        }
        free(sorted);
    }
}

static void source_part(struct writer *w)
{
    const struct assembly *a = w->a;
    struct print_state print = {true, true, false};
    w->headings = true;
    size_t cursor = 0;
    for (size_t i = 0; i < a->statement_count; i++) {
        const struct asm_statement *st = &a->statements[i];
        size_t end = messages_range(a, &cursor, i);
        size_t first = cursor;
        bool messages = end > first;
        const char *op = st->operation;
        if (st->role == ROLE_ASSEMBLE && st->macro_level == 0) {
            if (strcmp(op, "TITLE") == 0) {
                title_text(st, w->title, sizeof w->title);
                if (w->page > 0)
                    eject(w);
                if (!messages)
                    continue;
            } else if (strcmp(op, "EJECT") == 0 && !messages) {
                eject(w);
                continue;
            } else if (strcmp(op, "SPACE") == 0 && !messages) {
                int n = st->fields.operands.len > 0 ? atoi(st->fields.operands.text) : 1;
                for (int k = 0; k < n && k < LISTING_PAGE_LINES; k++)
                    line(w, "%s", "");
                continue;
            }
        }
        bool listed = print.on;
        if (st->macro_level > 0 && !print.gen)
            listed = false;
        if (st->macro_level > 0 && st->role == ROLE_CONDITIONAL && strcmp(op, "MNOTE") != 0)
            listed = false; /* conditional assembly inside macros is not printed, MNOTE is */
        if (listed || messages)
            statement_lines(w, i, &print);
        if (messages)
            messages_for(w, first, end);
        if (st->role == ROLE_ASSEMBLE && strcmp(op, "PRINT") == 0 && st->macro_level == 0)
            apply_print(st, &print);
    }
    w->headings = false;
}

static const char *esd_type(enum section_kind k)
{
    switch (k) {
    case SECTION_CONTROL:
        return "SD";
    case SECTION_PRIVATE:
        return "PC";
    case SECTION_EXTERNAL:
        return "ER";
    case SECTION_WEAK_EXTERNAL:
        return "WX";
    default:
        return "";
    }
}

static void dictionaries(struct writer *w)
{
    const struct assembly *a = w->a;
    eject(w);
    line(w, "%s", "EXTERNAL SYMBOL DICTIONARY");
    line(w, "%s", "");
    line(w, "%s", "SYMBOL    TYPE  ID    ADDR    LENGTH");
    for (size_t i = 0; i < a->sections.count; i++) {
        const struct asm_section *s = &a->sections.items[i];
        if (s->kind == SECTION_DUMMY)
            continue;
        if (s->kind == SECTION_EXTERNAL || s->kind == SECTION_WEAK_EXTERNAL)
            line(w, "%-8s  %-4s  %04X", s->name, esd_type(s->kind), s->esdid);
        else
            line(w, "%-8s  %-4s  %04X  %06X  %06X", s->name[0] ? s->name : "(PC)", esd_type(s->kind), s->esdid,
                 s->origin, s->length);
    }
    for (size_t i = 0; i < a->entry_count; i++) {
        struct asm_symbol *sym = symbol_table_find(&a->symbols, a->entries[i].name);
        if (sym == NULL || !sym->defined || sym->value.term_count != 1)
            continue;
        const struct asm_section *s = section_by_id(&a->sections, sym->value.terms[0].id);
        line(w, "%-8s  %-4s  %04X  %06X", a->entries[i].name, "LD", s != NULL ? s->esdid : 0,
             (uint32_t)sym->value.value & 0xFFFFFF);
    }
    line(w, "%s", "");
    line(w, "%s", "RELOCATION DICTIONARY");
    line(w, "%s", "");
    line(w, "%s", "POS.ID  REL.ID  FLAGS  ADDRESS");
    for (size_t i = 0; i < a->relocation_count; i++) {
        const struct relocation_item *r = &a->relocations[i];
        const struct asm_section *p = section_by_id(&a->sections, r->position_id);
        const struct asm_section *q = section_by_id(&a->sections, r->relocation_id);
        unsigned flags = (r->v_type ? 0x10u : 0u) | ((unsigned)(r->length - 1) << 2) | (r->negative ? 2u : 0u);
        line(w, "%04X    %04X    %02X     %06X", p ? p->esdid : 0, q ? q->esdid : 0, flags, r->address & 0xFFFFFF);
    }
}

static void cross_reference(struct writer *w)
{
    const struct assembly *a = w->a;
    eject(w);
    line(w, "%s", "CROSS-REFERENCE");
    line(w, "%s", "");
    line(w, "%s", "SYMBOL    LEN    VALUE   DEFN   REFERENCES");
    size_t n;
    struct asm_symbol **list = symbol_table_sorted(&a->symbols, &n);
    for (size_t i = 0; i < n; i++) {
        const struct asm_symbol *s = list[i];
        char refs[4096];
        size_t o = 0;
        refs[0] = '\0';
        for (size_t k = 0; k < s->reference_count && o + 8 < sizeof refs; k++)
            o += (size_t)snprintf(refs + o, sizeof refs - o, "%s%zu", k ? " " : "", s->references[k] + 1);
        if (!s->defined) {
            line(w, "%-8s  %5s  %-6s  %5s  %s", s->name, "", "****", "UNDEF", refs);
            continue;
        }
        /* Long reference lists wrap. */
        size_t start = 0, width = 60;
        bool first = true;
        do {
            size_t end = start + width;
            if (end >= o) {
                end = o;
            } else {
                while (end > start && refs[end] != ' ')
                    end--;
                if (end == start)
                    end = start + width;
            }
            if (first)
                line(w, "%-8s  %5u  %06X  %5zu  %.*s", s->name, s->length, (uint32_t)s->value.value & 0xFFFFFF,
                     s->definition + 1, (int)(end - start), refs + start);
            else
                line(w, "%-8s  %5s  %6s  %5s  %.*s", "", "", "", "", (int)(end - start), refs + start);
            first = false;
            start = end < o && refs[end] == ' ' ? end + 1 : end;
        } while (start < o);
    }
    free(list);
}

static void summary(struct writer *w)
{
    const struct assembly *a = w->a;
    eject(w);
    line(w, "%s", "DIAGNOSTICS");
    line(w, "%s", "");
    struct byte_buffer b;
    byte_buffer_init(&b);
    for (size_t i = 0; i < a->diagnostics.count; i++) {
        byte_buffer_clear(&b);
        const struct asm_diagnostic *d = &a->diagnostics.items[i];
        diagnostics_format(d, &a->sources, &b);
        if (d->statement != ASM_NO_STATEMENT)
            line(w, "STMT %5zu  %s", d->statement + 1, (const char *)b.data);
        else
            line(w, "            %s", (const char *)b.data);
    }
    byte_buffer_free(&b);
    if (a->diagnostics.dropped > 0)
        line(w, "%zu more messages not shown", a->diagnostics.dropped);
    line(w, "%s", "");
    line(w, "%zu error%s, %zu warning%s, %zu statement%s", a->diagnostics.error_count,
         a->diagnostics.error_count == 1 ? "" : "s", a->diagnostics.warning_count,
         a->diagnostics.warning_count == 1 ? "" : "s", a->statement_count, a->statement_count == 1 ? "" : "s");
}

void listing_write(const struct assembly *a, struct byte_buffer *out)
{
    struct writer w;
    memset(&w, 0, sizeof w);
    w.a = a;
    w.out = out;
    source_part(&w);
    dictionaries(&w);
    cross_reference(&w);
    summary(&w);
}
