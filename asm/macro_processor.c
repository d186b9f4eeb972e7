#include "asm/macro_processor.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/conditional_expression.h"
#include "asm/constants.h"
#include "asm/directives.h"
#include "asm/instruction_table.h"
#include "asm/lexer.h"
#include "asm/macro_definition.h"
#include "asm/memory.h"
#include "asm/statement_reader.h"
#include "asm/substitution.h"
#include "asm/variable_symbols.h"

#define MAX_COPY_NESTING 16

/* Source statements come from a stack of files: the main file, then COPY
 * members pushed on top of it. */
struct input_stack {
    struct statement_reader readers[MAX_COPY_NESTING + 1];
    size_t depth;
};

enum item_kind {
    ITEM_STATEMENT = 0,
    ITEM_COPY,       /* a COPY statement: listed; its member follows */
    ITEM_DEFINITION, /* MACRO ... MEND */
};

/* Open code is kept as it is read, so that AGO and AIF can go back. */
struct open_item {
    enum item_kind kind;
    struct source_statement source;
    char *sequence;                 /* .NAME in the name field */
    struct source_statement *lines; /* a definition's cards, MACRO to MEND */
    size_t line_count;
};

struct frame {
    bool open_code;
    const struct macro_definition *definition;
    size_t cursor;
    struct variable_scope locals;
    long actr;
    char *context;
    unsigned level;
};

struct processor {
    struct assembly *a;
    struct macro_definition **macros;
    size_t macro_count;
    size_t macro_cap;
    struct variable_scope globals;
    struct symbol_table attributes;
    struct frame *frames;
    size_t depth;
    size_t frame_cap;
    struct input_stack input;
    struct open_item *items;
    size_t item_count;
    size_t item_cap;
    bool input_done;
    unsigned sysndx;
    char section[ASM_SYMBOL_MAX + 1];
    bool stop;
};

/* ---- messages ---- */

static void report(struct processor *pr, enum asm_severity severity, size_t statement, struct asm_location where,
                   const char *context, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void report(struct processor *pr, enum asm_severity severity, size_t statement, struct asm_location where,
                   const char *context, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    diagnostics_add(&pr->a->diagnostics, severity, where, statement, context, "%s", message);
}

/* ---- input ---- */

static void input_push(struct input_stack *in, const struct source_set *sources, size_t file)
{
    statement_reader_start(&in->readers[in->depth++], sources, file);
}

static bool input_next(struct processor *pr, struct input_stack *in, struct source_statement *out)
{
    while (in->depth > 0) {
        if (statement_reader_next(&in->readers[in->depth - 1], out, &pr->a->diagnostics, ASM_NO_STATEMENT))
            return true;
        in->depth--;
    }
    return false;
}

static void operation_of(const struct located_text *text, char *op, size_t size)
{
    struct statement_fields f;
    statement_fields_init(&f);
    statement_fields_split(text, false, &f);
    lexer_copy_upper(op, size, text->text + f.operation_start, f.operation_end - f.operation_start);
    statement_fields_free(&f);
}

/* Pushes the member named by a COPY statement. */
static void copy_member(struct processor *pr, struct input_stack *in, const struct source_statement *st,
                        size_t statement)
{
    struct statement_fields f;
    statement_fields_init(&f);
    statement_fields_split(&st->text, st->line_count > 1, &f);
    const struct located_text *ops = &f.operands;
    size_t n = lexer_symbol_length(ops->text, ops->len, 0);
    struct asm_location where = ops->segment_count > 0 ? located_text_location(ops, 0)
                                                       : located_text_location(&st->text, f.operation_start);
    if (n == 0 || n != ops->len) {
        report(pr, ASM_SEVERITY_ERROR, statement, where, NULL,
               "COPY operand is not a member name (expected COPY NAME)");
    } else if (in->depth > MAX_COPY_NESTING) {
        report(pr, ASM_SEVERITY_ERROR, statement, where, NULL,
               "COPY members nested more than %d deep (expected no COPY loop)", MAX_COPY_NESTING);
    } else {
        char name[ASM_SYMBOL_MAX + 1];
        lexer_copy_upper(name, sizeof name, ops->text, n);
        size_t index;
        bool found;
        struct error err;
        err.message[0] = '\0';
        /* The including file's directory comes after the library. */
        const char *path = pr->a->sources.files[st->file].path;
        const char *slash = strrchr(path, '/');
        char *dir = slash != NULL ? asm_strndup(path, (size_t)(slash - path)) : asm_strdup(".");
        size_t ndirs = pr->a->library_dir_count + 1;
        const char **dirs = asm_alloc(ndirs * sizeof *dirs);
        for (size_t i = 0; i < pr->a->library_dir_count; i++)
            dirs[i] = pr->a->library_dirs[i];
        dirs[ndirs - 1] = dir;
        bool ok = source_set_find_member(&pr->a->sources, dirs, ndirs, name, &index, &found, &err);
        free(dirs);
        free(dir);
        if (ok) {
            for (size_t k = 0; k < in->depth; k++) {
                if (in->readers[k].file == index) {
                    report(pr, ASM_SEVERITY_ERROR, statement, where, NULL,
                           "COPY %s includes itself (expected no COPY loop)", name);
                    ok = false;
                }
            }
            if (ok)
                input_push(in, &pr->a->sources, index);
        } else if (found) {
            report(pr, ASM_SEVERITY_ERROR, statement, where, NULL, "COPY %s: %s", name, err.message);
        } else {
            report(pr, ASM_SEVERITY_ERROR, statement, where, NULL,
                   "COPY member %s not found (expected a file %s, %s.asm, %s.mac or %s.copy in a -I directory)",
                   name, name, name, name, name);
        }
    }
    statement_fields_free(&f);
}

/* Reads the cards of a macro definition after its MACRO statement, up to
 * the matching MEND (COPY members included). */
static void collect_definition(struct processor *pr, struct input_stack *in, struct source_statement **lines,
                               size_t *count, size_t *cap)
{
    int depth = 1;
    for (;;) {
        struct source_statement st;
        source_statement_init(&st);
        if (!input_next(pr, in, &st)) {
            source_statement_free(&st);
            struct source_statement *first = &(*lines)[0];
            struct statement_fields fl;
            statement_fields_init(&fl);
            statement_fields_split(&first->text, false, &fl);
            struct asm_location at = located_text_location(&first->text, fl.operation_start);
            statement_fields_free(&fl);
            report(pr, ASM_SEVERITY_ERROR, ASM_NO_STATEMENT, at, NULL,
                   "macro definition has no MEND (expected MEND before the end of the file)");
            return;
        }
        ASM_GROW(*lines, *cap, *count + 1);
        (*lines)[(*count)++] = st;
        if (statement_is_comment(&st.text))
            continue;
        char op[16];
        operation_of(&st.text, op, sizeof op);
        if (strcmp(op, "MACRO") == 0)
            depth++;
        else if (strcmp(op, "MEND") == 0 && --depth == 0)
            return;
        else if (strcmp(op, "COPY") == 0)
            copy_member(pr, in, &st, ASM_NO_STATEMENT);
    }
}

/* Reads the next open-code item; false at the end of the source. */
static bool fill_item(struct processor *pr)
{
    if (pr->input_done)
        return false;
    struct source_statement st;
    source_statement_init(&st);
    if (!input_next(pr, &pr->input, &st)) {
        source_statement_free(&st);
        pr->input_done = true;
        return false;
    }
    ASM_GROW(pr->items, pr->item_cap, pr->item_count + 1);
    struct open_item *item = &pr->items[pr->item_count++];
    memset(item, 0, sizeof *item);
    item->source = st;
    if (statement_is_comment(&st.text))
        return true;
    if (st.text.len > 1 && st.text.text[0] == '.') {
        size_t n = lexer_field_end(st.text.text, st.text.len, 0);
        item->sequence = asm_alloc(n + 1);
        lexer_copy_upper(item->sequence, n + 1, st.text.text, n);
    }
    char op[16];
    operation_of(&st.text, op, sizeof op);
    if (strcmp(op, "MACRO") == 0) {
        item->kind = ITEM_DEFINITION;
        size_t cap = 0;
        ASM_GROW(item->lines, cap, 1);
        source_statement_init(&item->lines[0]);
        located_text_copy(&item->lines[0].text, &st.text);
        item->lines[0].file = st.file;
        item->lines[0].first_line = st.first_line;
        item->lines[0].line_count = st.line_count;
        item->line_count = 1;
        collect_definition(pr, &pr->input, &item->lines, &item->line_count, &cap);
    } else if (strcmp(op, "COPY") == 0) {
        item->kind = ITEM_COPY;
        copy_member(pr, &pr->input, &st, ASM_NO_STATEMENT);
    }
    return true;
}

/* ---- macro definitions ---- */

static struct macro_definition *find_macro(struct processor *pr, const char *name)
{
    for (size_t i = pr->macro_count; i-- > 0;)
        if (strcmp(pr->macros[i]->name, name) == 0)
            return pr->macros[i];
    return NULL;
}

static void add_macro(struct processor *pr, struct macro_definition *d)
{
    for (size_t i = 0; i < pr->macro_count; i++) {
        if (strcmp(pr->macros[i]->name, d->name) == 0) {
            macro_definition_free(pr->macros[i]);
            pr->macros[i] = d;
            return;
        }
    }
    ASM_GROW(pr->macros, pr->macro_cap, pr->macro_count + 1);
    pr->macros[pr->macro_count++] = d;
}

/* Builds a definition from its cards (lines[0] is MACRO, the last MEND).
 * `statements` gives the listing statement of each card, or NULL. */
static struct macro_definition *define_macro(struct processor *pr, const struct source_statement *lines,
                                             size_t count, const size_t *statements)
{
    struct asm_location where = located_text_location(&lines[0].text, 0);
    struct macro_definition *d = macro_definition_new(where);
    struct located_text norm;
    located_text_init(&norm);
    size_t k = 1;
    while (k < count && statement_is_comment(&lines[k].text))
        k++;
    bool ok = true;
    if (k >= count) {
        report(pr, ASM_SEVERITY_ERROR, statements ? statements[0] : ASM_NO_STATEMENT, where, NULL,
               "MACRO has no prototype statement (expected [&NAME] MACNAME &PARAM,... after MACRO)");
        ok = false;
    } else {
        statement_normalize(&lines[k].text, lines[k].line_count > 1, &norm);
        struct asm_problem p;
        if (!macro_definition_prototype(d, &norm, &p)) {
            report(pr, ASM_SEVERITY_ERROR, statements ? statements[k] : ASM_NO_STATEMENT,
                   located_text_location(&norm, p.at), NULL, "%s", p.message);
            ok = false;
        } else if (instruction_lookup(d->name) != NULL || directive_lookup(d->name) != NULL) {
            report(pr, ASM_SEVERITY_WARNING, statements ? statements[k] : ASM_NO_STATEMENT,
                   located_text_location(&norm, 0), NULL,
                   "macro %s replaces the instruction of the same name from here on", d->name);
        }
    }
    for (k = k + 1; ok && k < count; k++) {
        const struct source_statement *line = &lines[k];
        if (statement_is_macro_comment(&line->text))
            continue;
        if (statement_is_comment(&line->text)) {
            if (line->text.len > 0 && line->text.text[0] == '*')
                macro_definition_add_model(d, &line->text, true);
            continue;
        }
        char op[16];
        operation_of(&line->text, op, sizeof op);
        if (strcmp(op, "COPY") == 0)
            continue; /* its cards follow */
        if (strcmp(op, "MACRO") == 0) {
            struct statement_fields fl;
            statement_fields_init(&fl);
            statement_fields_split(&line->text, false, &fl);
            struct asm_location at = located_text_location(&line->text, fl.operation_start);
            statement_fields_free(&fl);
            report(pr, ASM_SEVERITY_ERROR, statements ? statements[k] : ASM_NO_STATEMENT, at, NULL,
                   "macro definition inside a macro definition (vm67 asm does not support nested definitions; "
                   "expected MEND first)");
            ok = false;
            break;
        }
        statement_normalize(&line->text, line->line_count > 1, &norm);
        macro_definition_add_model(d, &norm, false);
    }
    located_text_free(&norm);
    if (!ok) {
        macro_definition_free(d);
        return NULL;
    }
    return d;
}

enum library_result {
    LIBRARY_NOT_FOUND = 0,
    LIBRARY_MACRO,  /* the member defined the macro */
    LIBRARY_FAILED, /* a member exists but does not give the macro (reported) */
};

/* Looks for NAME in the macro library. */
static enum library_result library_macro(struct processor *pr, const char *name, size_t statement,
                                         struct asm_location where, const char *context)
{
    if (pr->a->library_dir_count == 0)
        return LIBRARY_NOT_FOUND;
    size_t index;
    bool found;
    struct error err;
    err.message[0] = '\0';
    if (!source_set_find_member(&pr->a->sources, (const char *const *)pr->a->library_dirs,
                                pr->a->library_dir_count, name, &index, &found, &err)) {
        if (found) {
            report(pr, ASM_SEVERITY_ERROR, statement, where, context, "macro library member %s: %s", name,
                   err.message);
            return LIBRARY_FAILED;
        }
        return LIBRARY_NOT_FOUND;
    }
    struct input_stack in;
    in.depth = 0;
    input_push(&in, &pr->a->sources, index);
    struct source_statement st;
    source_statement_init(&st);
    while (input_next(pr, &in, &st)) {
        if (statement_is_comment(&st.text))
            continue;
        char op[16];
        operation_of(&st.text, op, sizeof op);
        if (strcmp(op, "MACRO") != 0) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(&st.text, 0), context,
                   "library member %s has a statement outside MACRO ... MEND (expected only macro definitions)",
                   name);
            break;
        }
        struct source_statement *lines = NULL;
        size_t count = 0, cap = 0;
        ASM_GROW(lines, cap, 1);
        source_statement_init(&lines[0]);
        located_text_copy(&lines[0].text, &st.text);
        lines[0].file = st.file;
        lines[0].first_line = st.first_line;
        lines[0].line_count = st.line_count;
        count = 1;
        collect_definition(pr, &in, &lines, &count, &cap);
        struct macro_definition *d = define_macro(pr, lines, count, NULL);
        if (d != NULL)
            add_macro(pr, d);
        for (size_t i = 0; i < count; i++)
            source_statement_free(&lines[i]);
        free(lines);
    }
    source_statement_free(&st);
    struct macro_definition *d = find_macro(pr, name);
    if (d == NULL) {
        report(pr, ASM_SEVERITY_ERROR, statement, where, context,
               "macro library member %s does not define macro %s (expected MACRO, then a prototype named %s)",
               pr->a->sources.files[index].path, name, name);
        return LIBRARY_FAILED;
    }
    return LIBRARY_MACRO;
}

/* ---- frames ---- */

static struct frame *top(struct processor *pr)
{
    return &pr->frames[pr->depth - 1];
}

static struct frame *push_frame(struct processor *pr)
{
    ASM_GROW(pr->frames, pr->frame_cap, pr->depth + 1);
    struct frame *f = &pr->frames[pr->depth++];
    memset(f, 0, sizeof *f);
    variable_scope_init(&f->locals);
    f->actr = ASM_DEFAULT_ACTR;
    return f;
}

static void pop_frame(struct processor *pr)
{
    struct frame *f = top(pr);
    variable_scope_free(&f->locals);
    free(f->context);
    pr->depth--;
}

static struct macro_environment environment(struct processor *pr, struct frame *f)
{
    struct macro_environment env;
    env.locals = &f->locals;
    env.globals = &pr->globals;
    env.attributes = &pr->attributes;
    env.depth = 0;
    return env;
}

/* ---- emitting statements ---- */

struct origin {
    size_t file, first_line, line_count; /* source cards (open code) */
    unsigned level;
    const char *context;
};

static size_t emit(struct processor *pr, enum statement_role role, const struct located_text *text,
                   const struct origin *o)
{
    if (pr->a->statement_count >= ASM_MAX_STATEMENTS) {
        if (!pr->stop)
            report(pr, ASM_SEVERITY_ERROR, ASM_NO_STATEMENT, located_text_location(text, 0), o->context,
                   "more than %d statements: the assembly stops here (expected macros that end)",
                   ASM_MAX_STATEMENTS);
        pr->stop = true;
        return pr->a->statement_count - 1;
    }
    size_t file = o->file, line = o->first_line;
    if (o->line_count == 0 && text->segment_count > 0) {
        struct asm_location w = located_text_location(text, 0);
        file = w.file;
        line = w.line;
    }
    return assembly_add_statement(pr->a, role, text, file, line, o->line_count, o->level, o->context);
}

static void remember_attributes(struct processor *pr, size_t statement)
{
    struct asm_statement *st = &pr->a->statements[statement];
    if (st->name == NULL)
        return;
    const char *op = st->operation;
    char type = 'U';
    uint32_t length = 1;
    const struct instruction_definition *def = instruction_lookup(op);
    if (def != NULL) {
        type = 'I';
        length = def->length;
    } else if (strcmp(op, "DC") == 0 || strcmp(op, "DS") == 0) {
        struct constant_operand c;
        constant_operand_init(&c);
        struct expression_context ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.lookup = NULL;
        size_t pos = 0;
        struct asm_problem p;
        const struct located_text *ops = &st->fields.operands;
        /* Only self-defining lengths are known here. */
        bool plain = true;
        for (size_t i = 0; i < ops->len && ops->text[i] != '\''; i++)
            if (ops->text[i] == '(')
                plain = false;
        if (plain && constant_parse(&ctx, ops->text, ops->len, &pos, strcmp(op, "DC") == 0, &c, &p)) {
            type = c.type;
            length = c.length_attribute;
        }
        constant_operand_free(&c);
    } else if (strcmp(op, "CSECT") == 0 || strcmp(op, "DSECT") == 0 || strcmp(op, "START") == 0) {
        type = 'J';
    } else if (strcmp(op, "CCW") == 0) {
        type = 'W';
        length = 8;
    }
    struct asm_symbol *s = symbol_table_intern(&pr->attributes, st->name);
    s->defined = true;
    s->type = type;
    s->length = length;
}

/* ---- conditional assembly ---- */

static void conditional_error(struct processor *pr, size_t statement, const struct located_text *text,
                              const struct asm_problem *p, const char *context)
{
    report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(text, p->at), context, "%s", p->message);
}

static bool branch_to(struct processor *pr, struct frame *f, const char *sequence, size_t statement,
                      struct asm_location where)
{
    if (--f->actr < 0) {
        report(pr, ASM_SEVERITY_ERROR, statement, where, f->context,
               "ACTR limit reached: more conditional branches than allowed (expected a loop that ends, or a "
               "larger ACTR)");
        if (f->open_code)
            pr->stop = true;
        else
            f->cursor = f->definition->body_count;
        return false;
    }
    if (!f->open_code) {
        long idx = macro_definition_find_sequence(f->definition, sequence);
        if (idx < 0) {
            report(pr, ASM_SEVERITY_ERROR, statement, where, f->context,
                   "sequence symbol %s is not defined in macro %s (expected a statement named %s)", sequence,
                   f->definition->name, sequence);
            return false;
        }
        f->cursor = (size_t)idx;
        return true;
    }
    for (size_t i = 0;; i++) {
        if (i >= pr->item_count && !fill_item(pr))
            break;
        if (pr->items[i].sequence != NULL && strcmp(pr->items[i].sequence, sequence) == 0) {
            f->cursor = i;
            return true;
        }
    }
    report(pr, ASM_SEVERITY_ERROR, statement, where, f->context,
           "sequence symbol %s is not defined in open code (expected a statement named %s)", sequence, sequence);
    pr->stop = true;
    return false;
}

static size_t sequence_length(const char *s, size_t len, size_t at)
{
    if (at >= len || s[at] != '.')
        return 0;
    size_t n = lexer_symbol_length(s, len, at + 1);
    return n == 0 ? 0 : n + 1;
}

static void do_aif(struct processor *pr, struct frame *f, const struct located_text *t, size_t pos,
                   size_t statement)
{
    struct macro_environment env = environment(pr, f);
    for (;;) {
        if (pos >= t->len || t->text[pos] != '(') {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "AIF operand does not start with '(' (expected AIF (condition).SEQUENCE)");
            return;
        }
        struct asm_problem p;
        bool value;
        size_t at = pos;
        if (!conditional_binary(&env, t->text, t->len, &pos, &value, &p)) {
            conditional_error(pr, statement, t, &p, f->context);
            return;
        }
        (void)at;
        size_t n = sequence_length(t->text, t->len, pos);
        if (n == 0) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "AIF condition is not followed by a sequence symbol (expected .NAME)");
            return;
        }
        if (value) {
            char seq[ASM_SYMBOL_MAX + 2];
            lexer_copy_upper(seq, sizeof seq, t->text + pos, n);
            branch_to(pr, f, seq, statement, located_text_location(t, pos));
            return;
        }
        pos += n;
        if (pos < t->len && t->text[pos] == ',') {
            pos++;
            continue;
        }
        if (pos < t->len && t->text[pos] != ' ')
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "'%c' after the AIF target (expected ',' or the end of the operands)", t->text[pos]);
        return;
    }
}

static void do_ago(struct processor *pr, struct frame *f, const struct located_text *t, size_t pos,
                   size_t statement)
{
    struct macro_environment env = environment(pr, f);
    int32_t choice = 1;
    bool computed = pos < t->len && t->text[pos] == '(';
    if (computed) {
        struct asm_problem p;
        if (!conditional_arithmetic(&env, t->text, t->len, &pos, &choice, &p)) {
            conditional_error(pr, statement, t, &p, f->context);
            return;
        }
    }
    for (int32_t k = 1;; k++) {
        size_t n = sequence_length(t->text, t->len, pos);
        if (n == 0) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "AGO operand is not a sequence symbol (expected AGO .NAME)");
            return;
        }
        if (k == choice) {
            char seq[ASM_SYMBOL_MAX + 2];
            lexer_copy_upper(seq, sizeof seq, t->text + pos, n);
            branch_to(pr, f, seq, statement, located_text_location(t, pos));
            return;
        }
        pos += n;
        if (!computed || pos >= t->len || t->text[pos] != ',')
            return; /* out of range: go on with the next statement */
        pos++;
    }
}

static enum variable_type type_of_operation(const char *op)
{
    char last = op[strlen(op) - 1];
    return last == 'A' ? VARIABLE_ARITHMETIC : last == 'B' ? VARIABLE_BINARY : VARIABLE_CHARACTER;
}

static void do_declare(struct processor *pr, struct frame *f, const char *op, const struct located_text *t,
                       size_t pos, size_t statement)
{
    bool global = op[0] == 'G';
    enum variable_type type = type_of_operation(op);
    struct macro_environment env = environment(pr, f);
    while (pos < t->len && t->text[pos] != ' ') {
        size_t at = pos;
        if (t->text[pos] != '&') {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "%s operand is not a variable symbol (expected &NAME)", op);
            return;
        }
        size_t n = lexer_symbol_length(t->text, t->len, pos + 1);
        if (n == 0 || n > ASM_SYMBOL_MAX) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "%s operand is not a variable symbol (expected &NAME)", op);
            return;
        }
        char name[ASM_SYMBOL_MAX + 1];
        lexer_copy_upper(name, sizeof name, t->text + pos + 1, n);
        pos += n + 1;
        uint32_t dimension = 0;
        if (pos < t->len && t->text[pos] == '(') {
            pos++;
            int32_t d;
            struct asm_problem p;
            if (!conditional_arithmetic(&env, t->text, t->len, &pos, &d, &p)) {
                conditional_error(pr, statement, t, &p, f->context);
                return;
            }
            if (pos >= t->len || t->text[pos] != ')') {
                report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                       "dimension is not closed (expected ')')");
                return;
            }
            pos++;
            if (d < 1 || d > VARIABLE_MAX_DIMENSION) {
                report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, at), f->context,
                       "dimension %d of &%s is out of range (expected 1 to %d)", d, name, VARIABLE_MAX_DIMENSION);
                return;
            }
            dimension = (uint32_t)d;
        }
        if (strcmp(name, "SYSNDX") == 0 || strcmp(name, "SYSECT") == 0 || strcmp(name, "SYSLIST") == 0 ||
            strcmp(name, "SYSPARM") == 0) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, at), f->context,
                   "&%s is a system variable (expected another name)", name);
        } else if (global) {
            const char *conflict = "";
            if (variable_declare_global(&f->locals, &pr->globals, name, type, dimension, &conflict) == NULL)
                report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, at), f->context,
                       "&%s cannot be declared global: %s", name, conflict);
        } else if (variable_declare(&f->locals, name, type, dimension) == NULL) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, at), f->context,
                   "&%s is already declared here (expected one declaration)", name);
        }
        if (pos < t->len && t->text[pos] == ',')
            pos++;
        else
            break;
    }
}

static void do_set(struct processor *pr, struct frame *f, const char *op, const struct located_text *t,
                   size_t name_end, size_t pos, size_t statement)
{
    struct macro_environment env = environment(pr, f);
    enum variable_type type = type_of_operation(op);
    if (t->len == 0 || t->text[0] != '&') {
        report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
               "%s needs a SET symbol in the name field (expected &NAME %s value)", op, op);
        return;
    }
    size_t n = lexer_symbol_length(t->text, name_end, 1);
    if (n == 0) {
        report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
               "%s name field is not a variable symbol (expected &NAME)", op);
        return;
    }
    char name[ASM_SYMBOL_MAX + 1];
    lexer_copy_upper(name, sizeof name, t->text + 1, n);
    size_t i = 1 + n;
    int32_t index = 0;
    bool subscripted = false;
    if (i < name_end && t->text[i] == '(') {
        i++;
        struct asm_problem p;
        if (!conditional_arithmetic(&env, t->text, name_end, &i, &index, &p)) {
            conditional_error(pr, statement, t, &p, f->context);
            return;
        }
        if (i >= name_end || t->text[i] != ')') {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, i), f->context,
                   "subscript is not closed (expected ')')");
            return;
        }
        i++;
        subscripted = true;
    }
    if (i != name_end) {
        report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, i), f->context,
               "'%c' in the SET symbol (expected &NAME or &NAME(subscript))", t->text[i]);
        return;
    }
    struct variable *v = variable_find(&f->locals, name);
    if (v == NULL) {
        if (subscripted) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
                   "&%s is subscripted but not declared (expected LCL%c or GBL%c &%s(n) first)", name,
                   op[3], op[3], name);
            return;
        }
        if (strcmp(name, "SYSNDX") == 0 || strcmp(name, "SYSECT") == 0 || strcmp(name, "SYSLIST") == 0 ||
            strcmp(name, "SYSPARM") == 0) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
                   "&%s is a system variable and cannot be set", name);
            return;
        }
        v = variable_declare(&f->locals, name, type, 0);
    }
    if (v->read_only) {
        report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
               "&%s is a %s and cannot be set (expected a SET symbol)", name,
               v->is_parameter ? "macro parameter" : "system variable");
        return;
    }
    if (v->type != type) {
        static const char *const kinds[] = {"SETA", "SETB", "SETC"};
        report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
               "&%s is a %s symbol (expected %s to set it)", name, kinds[v->type], kinds[v->type]);
        return;
    }
    if (v->dimension == 0 && subscripted) {
        report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
               "&%s is not dimensioned (expected no subscript)", name);
        return;
    }
    if (v->dimension > 0 && !subscripted) {
        report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
               "&%s is dimensioned (expected a subscript)", name);
        return;
    }
    /* One value, or several for consecutive elements. */
    for (;;) {
        if (!variable_index_ok(v, (uint32_t)index)) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, 0), f->context,
                   "subscript %d of &%s is out of range (expected 1 to %u)", index, name, v->dimension);
            return;
        }
        struct asm_problem p;
        if (pos >= t->len) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "%s has no value (expected an expression)", op);
            return;
        }
        if (type == VARIABLE_CHARACTER) {
            char *value;
            if (!conditional_character(&env, t->text, t->len, &pos, &value, &p)) {
                conditional_error(pr, statement, t, &p, f->context);
                return;
            }
            variable_set_string(v, (uint32_t)index, value);
            free(value);
        } else if (type == VARIABLE_BINARY) {
            bool value;
            if (!conditional_binary(&env, t->text, t->len, &pos, &value, &p)) {
                conditional_error(pr, statement, t, &p, f->context);
                return;
            }
            variable_set_number(v, (uint32_t)index, value);
        } else {
            int32_t value;
            if (!conditional_arithmetic(&env, t->text, t->len, &pos, &value, &p)) {
                conditional_error(pr, statement, t, &p, f->context);
                return;
            }
            variable_set_number(v, (uint32_t)index, value);
        }
        if (pos < t->len && t->text[pos] == ',' && v->dimension > 0) {
            pos++;
            index++;
            continue;
        }
        if (pos < t->len && t->text[pos] != ' ')
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "'%c' after the %s value (expected the end of the operand)", t->text[pos], op);
        return;
    }
}

static void do_mnote(struct processor *pr, struct frame *f, const struct located_text *t, size_t pos,
                     size_t statement, struct asm_location op_where)
{
    struct macro_environment env = environment(pr, f);
    int32_t severity = -1; /* a comment */
    size_t at = pos;
    if (pos < t->len && t->text[pos] == '*') {
        pos++;
        if (pos < t->len && t->text[pos] == ',')
            pos++;
    } else if (pos < t->len && t->text[pos] == ',') {
        severity = 1;
        pos++;
    } else if (pos < t->len && t->text[pos] != '\'') {
        struct asm_problem p;
        if (!conditional_arithmetic(&env, t->text, t->len, &pos, &severity, &p)) {
            conditional_error(pr, statement, t, &p, f->context);
            return;
        }
        if (severity < 0 || severity > 255) {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, at), f->context,
                   "MNOTE severity %d is out of range (expected 0 to 255 or *)", severity);
            return;
        }
        if (pos >= t->len || t->text[pos] != ',') {
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "MNOTE severity is not followed by ',' (expected MNOTE severity,'message')");
            return;
        }
        pos++;
    }
    struct asm_problem p;
    char *message;
    if (pos >= t->len || t->text[pos] != '\'' ||
        !conditional_character(&env, t->text, t->len, &pos, &message, &p)) {
        if (pos >= t->len || t->text[pos] != '\'')
            report(pr, ASM_SEVERITY_ERROR, statement, located_text_location(t, pos), f->context,
                   "MNOTE message is not a quoted string (expected MNOTE severity,'message')");
        else
            conditional_error(pr, statement, t, &p, f->context);
        return;
    }
    if (severity >= 0) {
        enum asm_severity s = severity >= 8 ? ASM_SEVERITY_ERROR
                              : severity >= 1 ? ASM_SEVERITY_WARNING
                                              : ASM_SEVERITY_NOTE;
        report(pr, s, statement, op_where, f->context, "MNOTE %d: %s", severity, message);
    }
    free(message);
}

/* Handles a conditional-assembly statement; false if `op` is not one. */
static bool conditional_statement(struct processor *pr, struct frame *f, const char *op, const struct located_text *t,
                                  size_t statement)
{
    static const char *const ops[] = {"SETA", "SETB", "SETC", "GBLA", "GBLB", "GBLC", "LCLA", "LCLB",
                                      "LCLC", "AIF",  "AGO",  "ANOP", "ACTR", "MNOTE", "MEXIT", "MEND"};
    bool known = false;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(op, ops[i]) == 0)
            known = true;
    if (!known)
        return true;
    struct statement_fields fl;
    statement_fields_init(&fl);
    statement_fields_split(t, false, &fl);
    size_t pos = fl.operands_start;
    size_t name_end = fl.name_end;
    struct asm_location where = located_text_location(t, 0);
    struct asm_location op_where = located_text_location(t, fl.operation_start);
    statement_fields_free(&fl);
    bool named = name_end > 0 && t->text[0] != '.';
    if (named && op[0] != 'S')
        report(pr, ASM_SEVERITY_ERROR, statement, where, f->context,
               "%s takes no name (expected a blank or a sequence symbol in the name field)", op);
    if (strcmp(op, "MEND") == 0 || strcmp(op, "MEXIT") == 0) {
        if (f->open_code)
            report(pr, ASM_SEVERITY_ERROR, statement, op_where, NULL,
                   "%s outside a macro definition (expected MACRO before it)", op);
        else
            f->cursor = f->definition->body_count;
    } else if (strncmp(op, "SET", 3) == 0) {
        do_set(pr, f, op, t, name_end, pos, statement);
    } else if (strncmp(op, "GBL", 3) == 0 || strncmp(op, "LCL", 3) == 0) {
        do_declare(pr, f, op, t, pos, statement);
    } else if (strcmp(op, "AIF") == 0) {
        do_aif(pr, f, t, pos, statement);
    } else if (strcmp(op, "AGO") == 0) {
        do_ago(pr, f, t, pos, statement);
    } else if (strcmp(op, "ACTR") == 0) {
        struct macro_environment env = environment(pr, f);
        struct asm_problem p;
        int32_t n;
        if (!conditional_arithmetic(&env, t->text, t->len, &pos, &n, &p))
            conditional_error(pr, statement, t, &p, f->context);
        else
            f->actr = n;
    } else if (strcmp(op, "MNOTE") == 0) {
        do_mnote(pr, f, t, pos, statement, op_where);
    }
    return false;
}

/* ---- macro calls ---- */

static void call_macro(struct processor *pr, struct frame *caller, const struct macro_definition *d,
                       const struct located_text *text, size_t statement)
{
    struct statement_fields fl;
    statement_fields_init(&fl);
    statement_fields_split(text, false, &fl);
    struct asm_location where = located_text_location(text, fl.operation_start);
    if (pr->depth > ASM_MAX_MACRO_NESTING) {
        report(pr, ASM_SEVERITY_ERROR, statement, where, caller->context,
               "macro calls nested more than %d deep (expected a recursion that ends)", ASM_MAX_MACRO_NESTING);
        statement_fields_free(&fl);
        return;
    }
    char *name_value = asm_strndup(text->text + fl.name_start, fl.name_end - fl.name_start);
    const struct located_text *ops = &fl.operands;
    /* Split the operands. */
    size_t count = 0;
    char **positional = NULL;
    size_t positional_cap = 0;
    char **keyword = asm_alloc((d->parameter_count + 1) * sizeof *keyword);
    if (ops->len > 0) {
        size_t i = 0;
        for (;;) {
            size_t e = lexer_operand_end(ops->text, ops->len, i);
            size_t n = lexer_symbol_length(ops->text, e, i);
            bool is_keyword = false;
            if (n > 0 && i + n < e && ops->text[i + n] == '=') {
                char kname[ASM_SYMBOL_MAX + 1];
                lexer_copy_upper(kname, sizeof kname, ops->text + i, n);
                long k = macro_definition_find_parameter(d, kname, true);
                if (k >= 0) {
                    is_keyword = true;
                    free(keyword[k]);
                    keyword[k] = asm_strndup(ops->text + i + n + 1, e - i - n - 1);
                } else {
                    report(pr, ASM_SEVERITY_WARNING, statement, located_text_location(ops, i), caller->context,
                           "%s= is not a keyword parameter of macro %s; the operand is taken as positional",
                           kname, d->name);
                }
            }
            if (!is_keyword) {
                ASM_GROW(positional, positional_cap, count + 1);
                positional[count++] = asm_strndup(ops->text + i, e - i);
            }
            if (e >= ops->len)
                break;
            i = e + 1;
        }
    }
    statement_fields_free(&fl);
    char context[512];
    struct asm_location cw = where;
    snprintf(context, sizeof context, "in macro %s called at %s:%u", d->name,
             cw.file < pr->a->sources.count ? pr->a->sources.files[cw.file].path : "?", cw.line);
    unsigned level = caller->level + 1;
    struct frame *f = push_frame(pr); /* may move the caller */
    f->definition = d;
    f->context = asm_strdup(context);
    f->level = level;
    if (d->name_parameter[0] != '\0')
        variable_define_parameter(&f->locals, d->name_parameter, name_value)->is_parameter = true;
    size_t p = 0;
    for (size_t k = 0; k < d->parameter_count; k++) {
        const struct macro_parameter *mp = &d->parameters[k];
        const char *value;
        if (mp->keyword)
            value = keyword[k] != NULL ? keyword[k] : mp->default_value;
        else
            value = p < count ? positional[p++] : (p++, "");
        variable_define_parameter(&f->locals, mp->name, value)->is_parameter = true;
    }
    struct variable *syslist = variable_declare(&f->locals, "SYSLIST", VARIABLE_CHARACTER, (uint32_t)count + 1);
    syslist->read_only = true;
    syslist->is_syslist = true;
    variable_set_string(syslist, 0, name_value);
    for (size_t k = 0; k < count; k++)
        variable_set_string(syslist, (uint32_t)k + 1, positional[k]);
    syslist->highest = (uint32_t)count;
    char ndx[16];
    snprintf(ndx, sizeof ndx, "%04u", ++pr->sysndx);
    variable_define_parameter(&f->locals, "SYSNDX", ndx);
    variable_define_parameter(&f->locals, "SYSECT", pr->section);
    variable_define_parameter(&f->locals, "SYSPARM", "");
    for (size_t k = 0; k < count; k++)
        free(positional[k]);
    free(positional);
    for (size_t k = 0; k < d->parameter_count; k++)
        free(keyword[k]);
    free(keyword);
    free(name_value);
}

/* ---- statements ---- */

static void note_section(struct processor *pr, size_t statement)
{
    const struct asm_statement *st = &pr->a->statements[statement];
    if (strcmp(st->operation, "CSECT") == 0 || strcmp(st->operation, "START") == 0 ||
        strcmp(st->operation, "DSECT") == 0)
        snprintf(pr->section, sizeof pr->section, "%s", st->name != NULL ? st->name : "");
}

/* A statement to assemble or a macro call, after conditional assembly:
 * substitutes, then emits or calls. */
static void ordinary_statement(struct processor *pr, struct frame *f, const struct located_text *normalized,
                               const struct origin *o)
{
    struct located_text text;
    located_text_init(&text);
    struct macro_environment env = environment(pr, f);
    if (has_variable_symbols(normalized)) {
        struct asm_problem p;
        if (!substitute_variables(&env, normalized, &text, &p)) {
            size_t s = emit(pr, ROLE_CONDITIONAL, normalized, o);
            report(pr, ASM_SEVERITY_ERROR, s, located_text_location(normalized, p.at), o->context, "%s", p.message);
            located_text_free(&text);
            return;
        }
    } else {
        located_text_copy(&text, normalized);
    }
    char op[ASM_SYMBOL_MAX + 1];
    operation_of(&text, op, sizeof op);
    struct macro_definition *d = find_macro(pr, op);
    enum library_result library = LIBRARY_NOT_FOUND;
    if (d == NULL && op[0] != '\0' && instruction_lookup(op) == NULL && !directive_is_known(op)) {
        struct statement_fields fl;
        statement_fields_init(&fl);
        statement_fields_split(&text, false, &fl);
        struct asm_location where = located_text_location(&text, fl.operation_start);
        statement_fields_free(&fl);
        /* Messages go with the statement about to be emitted. */
        library = library_macro(pr, op, pr->a->statement_count, where, o->context);
        if (library == LIBRARY_MACRO)
            d = find_macro(pr, op);
    }
    if (d != NULL) {
        size_t s = emit(pr, ROLE_MACRO_CALL, &text, o);
        if (pr->a->statements[s].name != NULL) {
            struct asm_symbol *sym = symbol_table_intern(&pr->attributes, pr->a->statements[s].name);
            sym->defined = true;
            sym->type = 'M';
        }
        call_macro(pr, f, d, &text, s);
    } else if (library == LIBRARY_FAILED) {
        emit(pr, ROLE_CONDITIONAL, &text, o); /* listed with its messages, not assembled */
    } else {
        size_t s = emit(pr, ROLE_ASSEMBLE, &text, o);
        remember_attributes(pr, s);
        note_section(pr, s);
        if (strcmp(op, "END") == 0) {
            pr->a->saw_end = true;
            pr->stop = true;
        }
    }
    located_text_free(&text);
}

static void execute_item(struct processor *pr, struct frame *f, struct open_item *item)
{
    struct source_statement *src = &item->source;
    struct origin o = {src->file, src->first_line, src->line_count, 0, NULL};
    if (item->kind == ITEM_DEFINITION) {
        size_t *statements = asm_alloc(item->line_count * sizeof *statements);
        for (size_t i = 0; i < item->line_count; i++) {
            struct source_statement *l = &item->lines[i];
            struct origin lo = {l->file, l->first_line, l->line_count, 0, NULL};
            statements[i] = emit(pr, ROLE_MACRO_DEFINITION, &l->text, &lo);
        }
        struct macro_definition *d = define_macro(pr, item->lines, item->line_count, statements);
        if (d != NULL)
            add_macro(pr, d);
        free(statements);
        return;
    }
    if (item->kind == ITEM_COPY || statement_is_comment(&src->text)) {
        emit(pr, item->kind == ITEM_COPY ? ROLE_CONDITIONAL : ROLE_COMMENT, &src->text, &o);
        return;
    }
    struct located_text norm;
    located_text_init(&norm);
    statement_normalize(&src->text, src->line_count > 1, &norm);
    char op[ASM_SYMBOL_MAX + 1];
    operation_of(&norm, op, sizeof op);
    static const char *const ca[] = {"SETA", "SETB", "SETC", "GBLA", "GBLB", "GBLC", "LCLA", "LCLB",
                                     "LCLC", "AIF",  "AGO",  "ANOP", "ACTR", "MNOTE", "MEXIT", "MEND"};
    bool is_ca = false;
    for (size_t i = 0; i < sizeof ca / sizeof ca[0]; i++)
        if (strcmp(op, ca[i]) == 0)
            is_ca = true;
    if (is_ca) {
        size_t s = emit(pr, ROLE_CONDITIONAL, &src->text, &o);
        conditional_statement(pr, f, op, &norm, s);
    } else {
        ordinary_statement(pr, f, &norm, &o);
    }
    located_text_free(&norm);
}

static void execute_model(struct processor *pr, struct frame *f, const struct macro_model *m)
{
    struct origin o = {0, 0, 0, f->level, f->context};
    if (m->comment) {
        emit(pr, ROLE_COMMENT, &m->text, &o);
        return;
    }
    char op[ASM_SYMBOL_MAX + 1];
    operation_of(&m->text, op, sizeof op);
    static const char *const ca[] = {"SETA", "SETB", "SETC", "GBLA", "GBLB", "GBLC", "LCLA", "LCLB",
                                     "LCLC", "AIF",  "AGO",  "ANOP", "ACTR", "MNOTE", "MEXIT", "MEND"};
    for (size_t i = 0; i < sizeof ca / sizeof ca[0]; i++) {
        if (strcmp(op, ca[i]) == 0) {
            size_t s = emit(pr, ROLE_CONDITIONAL, &m->text, &o);
            conditional_statement(pr, f, op, &m->text, s);
            return;
        }
    }
    ordinary_statement(pr, f, &m->text, &o);
}

void macro_processor_run(struct assembly *a)
{
    struct processor pr;
    memset(&pr, 0, sizeof pr);
    pr.a = a;
    variable_scope_init(&pr.globals);
    symbol_table_init(&pr.attributes);
    input_push(&pr.input, &a->sources, a->main_file);
    struct frame *open = push_frame(&pr);
    open->open_code = true;
    variable_define_parameter(&open->locals, "SYSPARM", "");
    while (pr.depth > 0 && !pr.stop) {
        struct frame *f = top(&pr);
        if (f->open_code) {
            if (f->cursor >= pr.item_count && !fill_item(&pr))
                break;
            struct open_item *item = &pr.items[f->cursor++];
            execute_item(&pr, f, item);
        } else {
            if (f->cursor >= f->definition->body_count) {
                pop_frame(&pr);
                continue;
            }
            const struct macro_model *m = &f->definition->body[f->cursor++];
            execute_model(&pr, f, m);
        }
    }
    if (pr.stop && !a->saw_end)
        a->input_stopped = true;
    while (pr.depth > 0)
        pop_frame(&pr);
    free(pr.frames);
    for (size_t i = 0; i < pr.item_count; i++) {
        struct open_item *item = &pr.items[i];
        source_statement_free(&item->source);
        free(item->sequence);
        for (size_t k = 0; k < item->line_count; k++)
            source_statement_free(&item->lines[k]);
        free(item->lines);
    }
    free(pr.items);
    for (size_t i = 0; i < pr.macro_count; i++)
        macro_definition_free(pr.macros[i]);
    free(pr.macros);
    variable_scope_free(&pr.globals);
    symbol_table_free(&pr.attributes);
}
