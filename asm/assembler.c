#include "asm/assembler.h"

#include <stdlib.h>
#include <string.h>

#include "asm/directives.h"
#include "asm/instruction_encoder.h"
#include "asm/instruction_table.h"
#include "asm/lexer.h"
#include "asm/macro_processor.h"
#include "asm/memory.h"
#include "asm/pass_support.h"

struct assembly *assembly_create(const struct asm_options *options)
{
    struct assembly *a = asm_alloc(sizeof *a);
    source_set_init(&a->sources);
    diagnostics_init(&a->diagnostics);
    symbol_table_init(&a->symbols);
    section_table_init(&a->sections);
    literal_table_init(&a->literals);
    using_table_reset(&a->usings);
    if (options != NULL && options->library_dir_count > 0) {
        a->library_dirs = asm_alloc(options->library_dir_count * sizeof *a->library_dirs);
        for (size_t i = 0; i < options->library_dir_count; i++)
            a->library_dirs[i] = asm_strdup(options->library_dirs[i]);
        a->library_dir_count = options->library_dir_count;
    }
    return a;
}

static void clear_pass_results(struct assembly *a)
{
    for (size_t i = 0; i < a->text_count; i++)
        free(a->text[i].data);
    a->text_count = 0;
    a->relocation_count = 0;
    for (size_t i = 0; i < a->statement_count; i++) {
        struct asm_statement *st = &a->statements[i];
        free(st->object);
        st->object = NULL;
        st->object_len = 0;
        st->has_location = false;
        st->address1 = st->address2 = -1;
        st->listed_value = false;
    }
}

void assembly_destroy(struct assembly *a)
{
    if (a == NULL)
        return;
    clear_pass_results(a);
    free(a->text);
    free(a->relocations);
    for (size_t i = 0; i < a->statement_count; i++) {
        struct asm_statement *st = &a->statements[i];
        located_text_free(&st->text);
        statement_fields_free(&st->fields);
        free(st->context);
        free(st->name);
        free(st->operation);
    }
    free(a->statements);
    for (size_t i = 0; i < a->entry_count; i++)
        free(a->entries[i].name);
    free(a->entries);
    free(a->pending_equates);
    for (size_t i = 0; i < a->library_dir_count; i++)
        free(a->library_dirs[i]);
    free(a->library_dirs);
    source_set_free(&a->sources);
    diagnostics_free(&a->diagnostics);
    symbol_table_free(&a->symbols);
    section_table_free(&a->sections);
    literal_table_free(&a->literals);
    free(a);
}

bool assembly_read_file(struct assembly *a, const char *path, struct error *err)
{
    size_t index;
    if (!source_set_load_file(&a->sources, path, &index, err))
        return false;
    a->main_file = index;
    a->have_main = true;
    return true;
}

void assembly_read_text(struct assembly *a, const char *name, const char *text)
{
    a->main_file = source_set_add_text(&a->sources, name, text, strlen(text));
    a->have_main = true;
}

static void unknown_operation(struct assembly *a, struct asm_statement *st)
{
    const char *op = st->operation;
    size_t at = st->fields.operation_start;
    const char *reason = directive_unsupported_reason(op);
    if (instruction_is_later_machine(op))
        assembly_report_text(a, ASM_SEVERITY_ERROR, at,
                             "%s is not a System/360 Model 67 instruction (it belongs to a later machine; "
                             "expected an S/360 or 67 instruction)",
                             op);
    else if (reason != NULL)
        assembly_report_text(a, ASM_SEVERITY_ERROR, at, "%s %s", op, reason);
    else
        assembly_report_text(a, ASM_SEVERITY_ERROR, at,
                             "unknown operation %s (expected a System/360 Model 67 instruction, an assembler "
                             "instruction or a macro)",
                             op);
}

static void assemble_statement(struct assembly *a, struct asm_statement *st)
{
    if (st->operation[0] == '\0') {
        assembly_report_text(a, ASM_SEVERITY_ERROR, st->fields.operation_start,
                             "statement has a name but no operation (expected an instruction or directive after "
                             "the name)");
        return;
    }
    directive_handler d = directive_lookup(st->operation);
    if (d != NULL) {
        d(a);
        return;
    }
    const struct instruction_definition *def = instruction_lookup(st->operation);
    if (def != NULL) {
        if (a->pass == 1)
            instruction_pass1(a, def);
        else
            instruction_pass2(a, def);
        return;
    }
    unknown_operation(a, st);
}

static void run_pass(struct assembly *a, int pass, bool quiet)
{
    a->pass = pass;
    a->quiet = quiet;
    a->current_section = 0;
    a->ended = false;
    using_table_reset(&a->usings);
    for (size_t i = 0; i < a->sections.count; i++) {
        struct asm_section *s = &a->sections.items[i];
        s->started = false;
        s->location = s->high = s->origin;
    }
    if (pass == 1) {
        symbol_table_reset(&a->symbols);
        literal_table_reset(&a->literals);
        for (size_t i = 0; i < a->entry_count; i++)
            free(a->entries[i].name);
        a->entry_count = 0;
        a->pending_count = 0;
        a->current_pool = 0;
        a->deck_id[0] = '\0';
    } else {
        clear_pass_results(a);
        a->pass2_pool = 0;
    }
    size_t last = 0;
    for (size_t i = 0; i < a->statement_count && !a->ended; i++) {
        struct asm_statement *st = &a->statements[i];
        if (st->role != ROLE_ASSEMBLE)
            continue;
        a->current = i;
        last = i;
        assemble_statement(a, st);
    }
    if (!a->ended && a->statement_count > 0) {
        /* No END: the last literal pool is placed as END would. */
        a->current = last;
        directives_place_final_literals(a);
    }
    for (size_t i = 0; i < a->sections.count; i++) {
        struct asm_section *s = &a->sections.items[i];
        s->length = s->high - s->origin;
    }
}

void assembly_assemble(struct assembly *a)
{
    if (!a->have_main)
        return;
    macro_processor_run(a);
    /* Pass 1 runs until the section lengths settle (sizes do not depend on
     * origins, so the second run normally agrees), then once more with
     * messages, with the final origins. */
    uint32_t *lengths = NULL;
    for (int round = 0; round < 4; round++) {
        run_pass(a, 1, true);
        section_table_assign_origins(&a->sections, a->start_address);
        bool same = lengths != NULL;
        lengths = asm_realloc(lengths, (a->sections.count + 1) * sizeof *lengths);
        for (size_t i = 0; i < a->sections.count; i++) {
            if (same && lengths[i] != a->sections.items[i].length)
                same = false;
            lengths[i] = a->sections.items[i].length;
        }
        if (same)
            break;
    }
    free(lengths);
    run_pass(a, 1, false);
    directives_resolve_pending_equates(a);
    run_pass(a, 2, false);
    section_table_assign_esdids(&a->sections);
    a->current = a->statement_count > 0 ? a->statement_count - 1 : 0;
    directives_check_entries(a);
    if (!a->saw_end && !a->input_stopped && a->statement_count > 0) {
        struct asm_location w = {(uint32_t)a->main_file, 0, 0};
        diagnostics_add(&a->diagnostics, ASM_SEVERITY_WARNING, w, ASM_NO_STATEMENT, NULL,
                        "the source has no END statement (expected END as its last statement)");
    }
    diagnostics_sort(&a->diagnostics);
}

size_t assembly_error_count(const struct assembly *a)
{
    return a->diagnostics.error_count;
}

size_t assembly_warning_count(const struct assembly *a)
{
    return a->diagnostics.warning_count;
}

void assembly_print_diagnostics(const struct assembly *a, FILE *out)
{
    struct byte_buffer b;
    byte_buffer_init(&b);
    for (size_t i = 0; i < a->diagnostics.count; i++) {
        byte_buffer_clear(&b);
        diagnostics_format(&a->diagnostics.items[i], &a->sources, &b);
        fprintf(out, "%s\n", (const char *)b.data);
    }
    if (a->diagnostics.dropped > 0)
        fprintf(out, "vm67 asm: %zu more messages not shown\n", a->diagnostics.dropped);
    byte_buffer_free(&b);
}

bool assembly_symbol_value(const struct assembly *a, const char *name, struct asm_value *value, uint32_t *length)
{
    struct asm_symbol *s = symbol_table_find(&a->symbols, name);
    if (s == NULL || !s->defined)
        return false;
    if (value != NULL)
        *value = s->value;
    if (length != NULL)
        *length = s->length;
    return true;
}
