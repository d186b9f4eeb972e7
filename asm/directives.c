#include "asm/directives.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/constants.h"
#include "asm/lexer.h"
#include "asm/memory.h"
#include "asm/pass_support.h"
#include "lib/bytes.h"

#define MAX_OPERANDS 256

static void no_name(struct assembly *a, const char *op)
{
    struct asm_statement *st = pass_statement(a);
    if (st->name != NULL && st->name[0] != '.')
        assembly_report_text(a, ASM_SEVERITY_ERROR, st->fields.name_start,
                             "%s takes no name (expected a blank name field)", op);
}

static void no_operands(struct assembly *a, const char *op)
{
    (void)a;
    (void)op;
    /* Anything after the operation of a directive without operands is a
     * remark, as in the IBM assemblers. */
}

/* ---- sections ---- */

static void define_section_symbol(struct assembly *a, struct asm_section *s, uint32_t id)
{
    struct asm_statement *st = pass_statement(a);
    if (st->name == NULL)
        return;
    struct asm_value v = value_relocatable((int32_t)s->origin, id);
    pass_define_symbol(a, st->name, st->fields.name_start, &v, 1, 'J');
}

static bool name_ok_for_section(struct assembly *a, const char *op)
{
    struct asm_statement *st = pass_statement(a);
    if (st->name != NULL && strlen(st->name) > 8 && strcmp(op, "DSECT") != 0) {
        assembly_report_text(a, ASM_SEVERITY_ERROR, st->fields.name_start,
                             "section name %s is %zu characters long (expected at most 8, the length of an "
                             "external name)",
                             st->name, strlen(st->name));
        return false;
    }
    return true;
}

static void switch_section(struct assembly *a, enum section_kind kind, const char *op)
{
    struct asm_statement *st = pass_statement(a);
    const char *name = st->name != NULL ? st->name : "";
    if (st->name != NULL && st->name[0] == '.')
        name = "";
    if (!name_ok_for_section(a, op))
        return;
    if (kind == SECTION_CONTROL && name[0] == '\0')
        kind = SECTION_PRIVATE;
    uint32_t id = section_find(&a->sections, name, kind);
    if (id == 0) {
        uint32_t other = section_find_any(&a->sections, name);
        if (other != 0 && name[0] != '\0') {
            struct asm_section *o = section_by_id(&a->sections, other);
            if (!((o->kind == SECTION_CONTROL || o->kind == SECTION_PRIVATE) && kind == SECTION_CONTROL)) {
                assembly_report_text(a, ASM_SEVERITY_ERROR, st->fields.name_start,
                                     "%s is already a %s (expected a new section name)", name,
                                     o->kind == SECTION_DUMMY      ? "DSECT"
                                     : o->kind == SECTION_EXTERNAL ? "external symbol"
                                                                   : "control section");
                return;
            }
        }
        id = section_add(&a->sections, name, kind, a->current);
    }
    struct asm_section *s = section_by_id(&a->sections, id);
    a->current_section = id;
    if (!s->started) {
        s->started = true;
        s->location = s->high = s->origin;
        define_section_symbol(a, s, id);
    }
    pass_note_location(a);
}

static void directive_start(struct assembly *a)
{
    for (size_t i = 0; i < a->sections.count; i++) {
        if (a->sections.items[i].started && a->sections.items[i].kind != SECTION_DUMMY &&
            a->sections.items[i].kind != SECTION_EXTERNAL && a->sections.items[i].kind != SECTION_WEAK_EXTERNAL) {
            assembly_report_text(a, ASM_SEVERITY_ERROR, pass_statement(a)->fields.operation_start,
                                 "START after the first control section (expected START before any statement "
                                 "that makes code)");
            return;
        }
    }
    const struct located_text *ops = pass_operands(a);
    uint32_t start = 0;
    if (ops->len > 0) {
        size_t pos = 0;
        int32_t v;
        if (pass_evaluate_absolute(a, ops, &pos, true, 0, 0xFFFFFF, "START address", &v)) {
            start = (uint32_t)v;
            if (start % 8 != 0) {
                assembly_report_operand(a, ASM_SEVERITY_WARNING, 0,
                                        "START address X'%X' is not a multiple of 8; X'%X' is used (a control "
                                        "section starts on a doubleword)",
                                        start, (start + 7) & ~7u);
                start = (start + 7) & ~7u;
            }
        }
    }
    if (a->pass == 1) {
        a->has_start = true;
        a->start_address = start;
    }
    switch_section(a, SECTION_CONTROL, "START");
}

static void directive_csect(struct assembly *a)
{
    no_operands(a, "CSECT");
    switch_section(a, SECTION_CONTROL, "CSECT");
}

static void directive_dsect(struct assembly *a)
{
    struct asm_statement *st = pass_statement(a);
    if (st->name == NULL || st->name[0] == '.') {
        assembly_report_text(a, ASM_SEVERITY_ERROR, st->fields.operation_start,
                             "DSECT has no name (expected NAME DSECT)");
        return;
    }
    switch_section(a, SECTION_DUMMY, "DSECT");
}

/* ---- END and literal pools ---- */

static void generate_pool(struct assembly *a, uint32_t pool);

static void place_pool(struct assembly *a, uint32_t pool)
{
    pass_align(a, 8, false);
    if (a->pass == 1) {
        uint32_t size = literal_table_place(&a->literals, pool, pass_address(a), a->current_section, a->current);
        pass_reserve(a, size);
    } else {
        generate_pool(a, pool);
    }
}

static void relocate_callback(void *context, uint32_t address, uint32_t length, const struct asm_value *value,
                              bool v_type);
static bool base_displacement_callback(void *context, const struct asm_value *address, size_t at, unsigned *base,
                                       uint32_t *displacement, struct asm_problem *p);
static uint32_t external_callback(void *context, const char *name);

static int by_address(const void *x, const void *y)
{
    const struct literal *l1 = *(const struct literal *const *)x, *l2 = *(const struct literal *const *)y;
    return l1->address < l2->address ? -1 : l1->address > l2->address;
}

static void generate_pool(struct assembly *a, uint32_t pool)
{
    size_t n = 0;
    struct literal **list = asm_alloc((a->literals.count + 1) * sizeof *list);
    for (size_t i = 0; i < a->literals.count; i++)
        if (a->literals.items[i].pool == pool && a->literals.items[i].placed)
            list[n++] = &a->literals.items[i];
    qsort(list, n, sizeof *list, by_address);
    for (size_t i = 0; i < n; i++) {
        struct literal *l = list[i];
        if (pass_address(a) != l->address)
            pass_set_address(a, l->address);
        struct byte_buffer out;
        byte_buffer_init(&out);
        struct constant_environment env;
        memset(&env, 0, sizeof env);
        env.expressions = pass_expression_context(a);
        env.relocate = relocate_callback;
        env.base_displacement = base_displacement_callback;
        env.external = external_callback;
        env.context = a;
        env.address = l->address;
        env.section_id = a->current_section;
        if (l->location_dependent) {
            /* '*' in a literal is the location of the statement using it. */
            env.fixed_location = true;
            env.location = l->use_location;
        }
        struct asm_problem p;
        bool ok = constant_generate(&l->constant, l->text, strlen(l->text), &env, &out, &p);
        if (!ok) {
            assembly_report_at(a, ASM_SEVERITY_ERROR, l->first_use,
                               located_text_location(&a->statements[l->first_use].fields.operands, 0),
                               "in literal =%s: %s", l->text, p.message);
            byte_buffer_clear(&out);
            byte_buffer_append_repeated(&out, 0, l->constant.total);
        }
        pass_emit(a, out.data, out.len);
        byte_buffer_free(&out);
    }
    free(list);
}

static void place_remaining_literals(struct assembly *a, uint32_t pool)
{
    bool any = false;
    for (size_t i = 0; i < a->literals.count; i++)
        if (a->literals.items[i].pool == pool && (a->pass == 2 || !a->literals.items[i].placed))
            any = true;
    if (!any)
        return;
    /* Literals not placed by LTORG go to the end of the first control
     * section, as in the IBM assemblers. */
    for (size_t i = 0; i < a->sections.count; i++) {
        if (section_has_text(&a->sections.items[i]) && a->sections.items[i].started) {
            a->current_section = (uint32_t)i + 1;
            break;
        }
    }
    struct asm_section *s = pass_section(a);
    pass_set_address(a, s->high);
    place_pool(a, pool);
}

static void directive_ltorg(struct assembly *a)
{
    no_operands(a, "LTORG");
    pass_align(a, 8, false);
    pass_note_location(a);
    struct asm_value here = pass_location(a);
    pass_define_name(a, &here, 1, 'U');
    if (a->pass == 1)
        place_pool(a, a->current_pool++);
    else
        place_pool(a, a->pass2_pool++);
}

void directives_place_final_literals(struct assembly *a)
{
    uint32_t saved = a->current_section;
    place_remaining_literals(a, a->pass == 1 ? a->current_pool : a->pass2_pool);
    if (a->pass == 1)
        a->current_pool++;
    else
        a->pass2_pool++;
    a->current_section = saved;
}

static void directive_end(struct assembly *a)
{
    no_name(a, "END");
    directives_place_final_literals(a);
    a->ended = true;
    const struct located_text *ops = pass_operands(a);
    if (ops->len == 0 || a->pass != 2)
        return;
    size_t pos = 0;
    struct expression_result r;
    if (!pass_evaluate(a, ops, &pos, false, &r))
        return;
    struct asm_section *s = value_is_simple_relocatable(&r.value) ? section_by_id(&a->sections, r.value.terms[0].id)
                                                                   : NULL;
    if (s == NULL || !section_has_text(s)) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0,
                                "END operand is not an address in a control section (expected the entry point, "
                                "such as the first instruction's label)");
        return;
    }
    a->has_entry = true;
    a->entry = r.value;
    struct asm_statement *st = pass_statement(a);
    st->listed_value = true;
    st->value = (uint32_t)r.value.value;
}

/* ---- symbols ---- */

static void directive_equ(struct assembly *a)
{
    struct asm_statement *st = pass_statement(a);
    if (a->current_section != 0)
        pass_note_location(a);
    if (st->name == NULL || st->name[0] == '.') {
        assembly_report_text(a, ASM_SEVERITY_ERROR, st->fields.operation_start,
                             "EQU has no name (expected NAME EQU value)");
        return;
    }
    const struct located_text *ops = pass_operands(a);
    if (ops->len == 0) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0, "EQU has no operand (expected an expression)");
        return;
    }
    size_t pos = 0;
    struct expression_result r;
    struct expression_context ctx = pass_expression_context(a);
    enum expression_status status = expression_parse(&ctx, ops->text, ops->len, &pos, &r);
    if (status == EXPRESSION_UNDEFINED && a->pass == 1) {
        ASM_GROW(a->pending_equates, a->pending_cap, a->pending_count + 1);
        a->pending_equates[a->pending_count++] = a->current;
        return;
    }
    pos = 0;
    if (!pass_evaluate(a, ops, &pos, false, &r))
        return;
    uint32_t length = r.length_attribute;
    if (pos < ops->len && ops->text[pos] == ',') {
        pos++;
        int32_t l;
        if (!pass_evaluate_absolute(a, ops, &pos, true, 0, 65535, "length attribute", &l))
            return;
        length = (uint32_t)l;
    }
    if (pos < ops->len) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, pos, "'%c' after the EQU value (expected ',length' or the "
                                "end of the operands)", ops->text[pos]);
        return;
    }
    pass_define_name(a, &r.value, length, 'U');
    st->listed_value = true;
    st->value = (uint32_t)r.value.value;
}

void directives_resolve_pending_equates(struct assembly *a)
{
    bool progress = true;
    while (progress && a->pending_count > 0) {
        progress = false;
        for (size_t i = 0; i < a->pending_count;) {
            size_t stmt = a->pending_equates[i];
            struct asm_statement *st = &a->statements[stmt];
            a->current = stmt;
            struct expression_context ctx = pass_expression_context(a);
            ctx.location = value_relocatable((int32_t)st->location, st->section_id);
            if (st->section_id == 0)
                ctx.location_defined = false;
            const struct located_text *ops = &st->fields.operands;
            size_t pos = 0;
            struct expression_result r;
            if (expression_parse(&ctx, ops->text, ops->len, &pos, &r) != EXPRESSION_OK) {
                i++;
                continue;
            }
            uint32_t length = r.length_attribute;
            if (pos < ops->len && ops->text[pos] == ',') {
                pos++;
                struct expression_result lr;
                if (expression_parse(&ctx, ops->text, ops->len, &pos, &lr) == EXPRESSION_OK &&
                    value_is_absolute(&lr.value))
                    length = (uint32_t)lr.value.value;
            }
            pass_define_symbol(a, st->name, st->fields.name_start, &r.value, length, 'U');
            a->pending_equates[i] = a->pending_equates[--a->pending_count];
            progress = true;
        }
    }
    /* What is left is reported by pass 2 (undefined symbol). */
    a->pending_count = 0;
}

static void directive_entry(struct assembly *a)
{
    no_name(a, "ENTRY");
    if (a->pass != 1)
        return;
    const struct located_text *ops = pass_operands(a);
    size_t starts[MAX_OPERANDS], ends[MAX_OPERANDS];
    size_t n = pass_split_operands(ops, starts, ends, MAX_OPERANDS);
    for (size_t i = 0; i < n && i < MAX_OPERANDS; i++) {
        size_t len = lexer_symbol_length(ops->text, ends[i], starts[i]);
        if (len == 0 || starts[i] + len != ends[i] || len > 8) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, starts[i],
                                    "ENTRY operand is not a name of 1 to 8 characters (expected a symbol)");
            continue;
        }
        ASM_GROW(a->entries, a->entry_cap, a->entry_count + 1);
        struct entry_name *e = &a->entries[a->entry_count++];
        e->name = asm_alloc(len + 1);
        lexer_copy_upper(e->name, len + 1, ops->text + starts[i], len);
        e->statement = a->current;
        e->at = starts[i];
    }
}

void directives_check_entries(struct assembly *a)
{
    for (size_t i = 0; i < a->entry_count; i++) {
        struct entry_name *e = &a->entries[i];
        struct asm_symbol *s = symbol_table_find(&a->symbols, e->name);
        struct asm_section *sec = s != NULL && s->defined && value_is_simple_relocatable(&s->value)
                                      ? section_by_id(&a->sections, s->value.terms[0].id)
                                      : NULL;
        if (sec == NULL || !section_has_text(sec)) {
            struct asm_statement *st = &a->statements[e->statement];
            assembly_report_at(a, ASM_SEVERITY_ERROR, e->statement, located_text_location(&st->fields.operands, e->at),
                               "ENTRY %s is not %s (expected a label in a control section)", e->name,
                               s == NULL || !s->defined ? "defined" : "an address in a control section");
        }
    }
}

static void directive_extrn_kind(struct assembly *a, enum section_kind kind, const char *op)
{
    no_name(a, op);
    if (a->pass != 1)
        return;
    const struct located_text *ops = pass_operands(a);
    size_t starts[MAX_OPERANDS], ends[MAX_OPERANDS];
    size_t n = pass_split_operands(ops, starts, ends, MAX_OPERANDS);
    if (n == 0)
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0, "%s has no operands (expected external names)", op);
    for (size_t i = 0; i < n && i < MAX_OPERANDS; i++) {
        size_t len = lexer_symbol_length(ops->text, ends[i], starts[i]);
        if (len == 0 || starts[i] + len != ends[i] || len > 8) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, starts[i],
                                    "%s operand is not a name of 1 to 8 characters (expected a symbol)", op);
            continue;
        }
        char name[ASM_SYMBOL_MAX + 1];
        lexer_copy_upper(name, sizeof name, ops->text + starts[i], len);
        uint32_t id = section_find(&a->sections, name, SECTION_EXTERNAL);
        if (id == 0)
            id = section_add(&a->sections, name, kind, a->current);
        struct asm_value v = value_relocatable(0, id);
        struct asm_symbol *sym = symbol_table_find(&a->symbols, name);
        if (sym != NULL && sym->defined && sym->value.term_count == 1 && sym->value.terms[0].id == id)
            continue; /* named twice */
        pass_define_symbol(a, name, pass_statement(a)->fields.operands_start + starts[i], &v, 1, 'T');
    }
}

static void directive_extrn(struct assembly *a)
{
    directive_extrn_kind(a, SECTION_EXTERNAL, "EXTRN");
}

static void directive_wxtrn(struct assembly *a)
{
    directive_extrn_kind(a, SECTION_WEAK_EXTERNAL, "WXTRN");
}

/* ---- base registers ---- */

static void directive_using(struct assembly *a)
{
    no_name(a, "USING");
    if (a->pass != 2)
        return;
    const struct located_text *ops = pass_operands(a);
    size_t starts[17], ends[17];
    size_t n = pass_split_operands(ops, starts, ends, 17);
    if (n < 2 || n > 17) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0,
                                "USING has %zu operand%s (expected a base address and 1 to 16 registers)", n,
                                n == 1 ? "" : "s");
        return;
    }
    size_t pos = 0;
    struct expression_result r;
    if (!pass_evaluate(a, ops, &pos, false, &r))
        return;
    if (pos != ends[0]) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, pos, "'%c' after the USING base (expected ',')",
                                ops->text[pos]);
        return;
    }
    if (!value_is_absolute(&r.value) && !value_is_simple_relocatable(&r.value)) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0,
                                "USING base is complexly relocatable (expected an address or absolute value)");
        return;
    }
    for (size_t i = 1; i < n; i++) {
        size_t p = starts[i];
        int32_t reg;
        if (!pass_evaluate_absolute(a, ops, &p, false, 0, 15, "base register", &reg))
            return;
        if (p != ends[i]) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, p, "'%c' after the register (expected ',')",
                                    ops->text[p]);
            return;
        }
        if (reg == 0 && !value_is_absolute(&r.value)) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, starts[i],
                                    "register 0 cannot be a base for a relocatable address (it always means "
                                    "zero; expected a register 1 to 15)");
            return;
        }
        struct asm_value base = r.value;
        base.value = (int32_t)((uint32_t)base.value + 4096u * (uint32_t)(i - 1));
        using_table_set(&a->usings, (unsigned)reg, &base);
    }
    struct asm_statement *st = pass_statement(a);
    st->listed_value = true;
    st->value = (uint32_t)r.value.value;
}

static void directive_drop(struct assembly *a)
{
    no_name(a, "DROP");
    if (a->pass != 2)
        return;
    const struct located_text *ops = pass_operands(a);
    size_t starts[MAX_OPERANDS], ends[MAX_OPERANDS];
    size_t n = pass_split_operands(ops, starts, ends, MAX_OPERANDS);
    if (n == 0) {
        using_table_reset(&a->usings);
        return;
    }
    for (size_t i = 0; i < n && i < MAX_OPERANDS; i++) {
        size_t p = starts[i];
        int32_t reg;
        if (!pass_evaluate_absolute(a, ops, &p, false, 0, 15, "register", &reg))
            continue;
        if (p != ends[i]) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, p, "'%c' after the register (expected ',')",
                                    ops->text[p]);
            continue;
        }
        if (!a->usings.active[reg])
            assembly_report_operand(a, ASM_SEVERITY_WARNING, starts[i],
                                    "register %d is not a USING base register (nothing to drop)", reg);
        using_table_drop(&a->usings, (unsigned)reg);
    }
}

/* ---- the location counter ---- */

static void directive_org(struct assembly *a)
{
    pass_note_location(a);
    struct asm_value here = pass_location(a);
    pass_define_name(a, &here, 1, 'U');
    const struct located_text *ops = pass_operands(a);
    struct asm_section *s = pass_section(a);
    if (ops->len == 0) {
        pass_set_address(a, s->high);
        return;
    }
    size_t pos = 0;
    struct expression_result r;
    if (!pass_evaluate(a, ops, &pos, true, &r))
        return;
    if (!value_is_simple_relocatable(&r.value) || r.value.terms[0].id != a->current_section) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0,
                                "ORG operand is not an address in the current section (expected an expression "
                                "such as *+8 or LABEL)");
        return;
    }
    if ((uint32_t)r.value.value < s->origin) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0,
                                "ORG operand X'%X' is below the start of the section at X'%X' (expected an "
                                "address in the section)",
                                (uint32_t)r.value.value, s->origin);
        return;
    }
    pass_set_address(a, (uint32_t)r.value.value);
}

static void directive_cnop(struct assembly *a)
{
    const struct located_text *ops = pass_operands(a);
    size_t starts[3], ends[3];
    size_t n = pass_split_operands(ops, starts, ends, 3);
    int32_t b = 0, w = 0;
    if (n != 2) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0, "CNOP has %zu operands (expected 2: byte,boundary)", n);
        return;
    }
    size_t p = starts[0];
    if (!pass_evaluate_absolute(a, ops, &p, true, 0, 6, "CNOP byte", &b))
        return;
    p = starts[1];
    if (!pass_evaluate_absolute(a, ops, &p, true, 4, 8, "CNOP boundary", &w))
        return;
    if ((w != 4 && w != 8) || b % 2 != 0 || b >= w) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0,
                                "CNOP %d,%d is not a valid alignment (expected 0,4 2,4 0,8 2,8 4,8 or 6,8)", b, w);
        return;
    }
    pass_align(a, 2, true);
    static const uint8_t nopr[2] = {0x07, 0x00};
    while (pass_address(a) % (uint32_t)w != (uint32_t)b)
        pass_emit(a, nopr, 2);
    pass_note_location(a);
    struct asm_value here = pass_location(a);
    pass_define_name(a, &here, 1, 'I');
}

/* ---- constants ---- */

static void relocate_callback(void *context, uint32_t address, uint32_t length, const struct asm_value *value,
                              bool v_type)
{
    struct assembly *a = context;
    pass_relocate(a, 0, address, length, value, v_type);
}

static bool base_displacement_callback(void *context, const struct asm_value *address, size_t at, unsigned *base,
                                       uint32_t *displacement, struct asm_problem *p)
{
    struct assembly *a = context;
    switch (using_table_resolve(&a->usings, address, base, displacement)) {
    case USING_RESOLVED:
        return true;
    case USING_NO_BASE:
        return problem_set(p, at, "S-type address is not addressable: no USING covers it (expected a USING)");
    default:
        return problem_set(p, at, "S-type address is more than 4095 bytes above its USING base");
    }
}

static uint32_t external_callback(void *context, const char *name)
{
    struct assembly *a = context;
    struct asm_value v;
    pass_external_value(a, name, &v);
    return v.terms[0].id;
}

static void storage_directive(struct assembly *a, bool is_dc)
{
    const struct located_text *ops = pass_operands(a);
    if (ops->len == 0) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0, "%s has no operand (expected a constant such as %s)",
                                is_dc ? "DC" : "DS", is_dc ? "F'1'" : "CL8");
        pass_note_location(a);
        return;
    }
    size_t pos = 0;
    bool first = true;
    while (pos <= ops->len) {
        struct constant_operand c;
        constant_operand_init(&c);
        struct expression_context ctx = pass_expression_context(a);
        struct asm_problem p;
        if (!constant_parse(&ctx, ops->text, ops->len, &pos, is_dc, &c, &p)) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, p.at, "%s", p.message);
            constant_operand_free(&c);
            if (first)
                pass_note_location(a);
            return;
        }
        if (pos < ops->len && ops->text[pos] != ',') {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, pos,
                                    "'%c' after the constant (expected ',' or the end of the operands)",
                                    ops->text[pos]);
            constant_operand_free(&c);
            if (first)
                pass_note_location(a);
            return;
        }
        pass_align(a, c.alignment, is_dc);
        if (first) {
            pass_note_location(a);
            struct asm_value here = pass_location(a);
            pass_define_name(a, &here, c.length_attribute, c.type);
            first = false;
        }
        if (is_dc && a->pass == 1)
            pass_declare_externals(a, &c, ops->text);
        if (!is_dc || a->pass == 1 || pass_section(a)->kind == SECTION_DUMMY) {
            /* (A DC in a DSECT only reserves its room, as DS would.) */
            pass_reserve(a, c.total);
        } else {
            struct byte_buffer out;
            byte_buffer_init(&out);
            struct constant_environment env;
            memset(&env, 0, sizeof env);
            env.expressions = pass_expression_context(a);
            env.relocate = relocate_callback;
            env.base_displacement = base_displacement_callback;
            env.external = external_callback;
            env.context = a;
            env.address = pass_address(a);
            env.section_id = a->current_section;
            if (!constant_generate(&c, ops->text, ops->len, &env, &out, &p)) {
                assembly_report_operand(a, ASM_SEVERITY_ERROR, p.at, "%s", p.message);
                byte_buffer_clear(&out);
                byte_buffer_append_repeated(&out, 0, c.total);
            }
            pass_emit(a, out.data, out.len);
            byte_buffer_free(&out);
        }
        constant_operand_free(&c);
        if (pos >= ops->len)
            break;
        pos++;
    }
}

static void directive_dc(struct assembly *a)
{
    storage_directive(a, true);
}

static void directive_ds(struct assembly *a)
{
    storage_directive(a, false);
}

static void directive_ccw(struct assembly *a)
{
    pass_align(a, 8, true);
    pass_note_location(a);
    struct asm_value here = pass_location(a);
    pass_define_name(a, &here, 8, 'W');
    const struct located_text *ops = pass_operands(a);
    size_t starts[5], ends[5];
    size_t n = pass_split_operands(ops, starts, ends, 5);
    if (n != 4) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0,
                                "CCW has %zu operands (expected 4: command,data address,flags,count)", n);
        pass_reserve(a, 8);
        return;
    }
    if (a->pass == 1) {
        pass_reserve(a, 8);
        return;
    }
    uint8_t b[8] = {0};
    int32_t cmd = 0, flags = 0, count = 0;
    struct expression_result r;
    size_t p = starts[0];
    bool ok = pass_evaluate_absolute(a, ops, &p, false, 0, 255, "CCW command code", &cmd);
    p = starts[1];
    bool addr_ok = ok && pass_evaluate(a, ops, &p, false, &r);
    if (addr_ok && value_is_absolute(&r.value) && (r.value.value < 0 || r.value.value > 0xFFFFFF)) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, starts[1],
                                "CCW data address %d is out of range (expected 0 to X'FFFFFF')", r.value.value);
        addr_ok = false;
    }
    p = starts[2];
    ok = addr_ok && pass_evaluate_absolute(a, ops, &p, false, 0, 255, "CCW flags", &flags);
    p = starts[3];
    ok = ok && pass_evaluate_absolute(a, ops, &p, false, 0, 65535, "CCW count", &count);
    if (ok) {
        b[0] = (uint8_t)cmd;
        b[1] = (uint8_t)(r.value.value >> 16);
        b[2] = (uint8_t)(r.value.value >> 8);
        b[3] = (uint8_t)r.value.value;
        b[4] = (uint8_t)flags;
        store_be16(b + 6, (uint16_t)count);
        if (!value_is_absolute(&r.value))
            pass_relocate(a, starts[1], pass_address(a) + 1, 3, &r.value, false);
    }
    pass_emit(a, b, 8);
}

/* ---- listing controls (the listing interprets them) ---- */

static void directive_title(struct assembly *a)
{
    struct asm_statement *st = pass_statement(a);
    const struct located_text *ops = pass_operands(a);
    if (ops->len == 0 || ops->text[0] != '\'' || lexer_skip_string(ops->text, ops->len, 0) != ops->len) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0, "TITLE operand is not a quoted string (expected 'text')");
        return;
    }
    if (st->name != NULL && a->deck_id[0] == '\0' && a->pass == 1) {
        if (strlen(st->name) > 8)
            assembly_report_text(a, ASM_SEVERITY_ERROR, st->fields.name_start,
                                 "TITLE name %s is longer than 8 characters (expected a deck identifier of 1 to 8)",
                                 st->name);
        else
            snprintf(a->deck_id, sizeof a->deck_id, "%s", st->name);
    }
}

static void directive_space(struct assembly *a)
{
    no_name(a, "SPACE");
    const struct located_text *ops = pass_operands(a);
    if (ops->len == 0)
        return;
    size_t p = 0;
    int32_t n;
    pass_evaluate_absolute(a, ops, &p, true, 0, 255, "SPACE count", &n);
}

static void directive_eject(struct assembly *a)
{
    no_name(a, "EJECT");
}

static void directive_print(struct assembly *a)
{
    no_name(a, "PRINT");
    const struct located_text *ops = pass_operands(a);
    size_t starts[8], ends[8];
    size_t n = pass_split_operands(ops, starts, ends, 8);
    static const char *const words[] = {"ON", "OFF", "GEN", "NOGEN", "DATA", "NODATA"};
    for (size_t i = 0; i < n && i < 8; i++) {
        char w[16];
        lexer_copy_upper(w, sizeof w, ops->text + starts[i], ends[i] - starts[i]);
        bool known = false;
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (strcmp(w, words[k]) == 0)
                known = true;
        if (!known)
            assembly_report_operand(a, ASM_SEVERITY_ERROR, starts[i],
                                    "PRINT operand %s is unknown (expected ON, OFF, GEN, NOGEN, DATA or NODATA)", w);
    }
    if (n == 0)
        assembly_report_operand(a, ASM_SEVERITY_ERROR, 0, "PRINT has no operand (expected ON, OFF, GEN, NOGEN, "
                                "DATA or NODATA)");
}

struct directive_entry {
    const char *name;
    directive_handler handler;
};

static const struct directive_entry directives[] = {
    {"CCW", directive_ccw},     {"CNOP", directive_cnop},   {"CSECT", directive_csect}, {"DC", directive_dc},
    {"DROP", directive_drop},   {"DS", directive_ds},       {"DSECT", directive_dsect}, {"EJECT", directive_eject},
    {"END", directive_end},     {"ENTRY", directive_entry}, {"EQU", directive_equ},     {"EXTRN", directive_extrn},
    {"LTORG", directive_ltorg}, {"ORG", directive_org},     {"PRINT", directive_print}, {"SPACE", directive_space},
    {"START", directive_start}, {"TITLE", directive_title}, {"USING", directive_using}, {"WXTRN", directive_wxtrn},
};

/* Statements of the macro processor (they never reach the passes). */
static const char *const macro_language[] = {
    "ACTR", "AGO", "AIF", "ANOP", "COPY", "GBLA", "GBLB", "GBLC", "LCLA", "LCLB",
    "LCLC", "MACRO", "MEND", "MEXIT", "MNOTE", "SETA", "SETB", "SETC",
};

static const char *const unsupported[] = {
    "ACONTROL", "ADATA", "AINSERT", "ALIAS", "AMODE", "AREAD", "CATTR", "CEJECT", "COM",   "CXD",
    "DXD",      "EXITCTL", "ICTL",  "ISEQ",  "LOCTR", "MHELP", "OPSYN", "POP",    "PUNCH", "PUSH",
    "REPRO",    "RMODE", "RSECT",   "SETAF", "SETCF", "XATTR",
};

directive_handler directive_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof directives / sizeof directives[0]; i++)
        if (strcmp(directives[i].name, name) == 0)
            return directives[i].handler;
    return NULL;
}

bool directive_is_known(const char *name)
{
    if (directive_lookup(name) != NULL)
        return true;
    for (size_t i = 0; i < sizeof macro_language / sizeof macro_language[0]; i++)
        if (strcmp(macro_language[i], name) == 0)
            return true;
    return directive_unsupported_reason(name) != NULL;
}

const char *directive_unsupported_reason(const char *name)
{
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++)
        if (strcmp(unsupported[i], name) == 0)
            return "is an assembler instruction of another IBM assembler that vm67 asm does not support";
    return NULL;
}
