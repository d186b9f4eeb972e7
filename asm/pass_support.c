#include "asm/pass_support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/lexer.h"
#include "asm/memory.h"

struct asm_section *pass_section(struct assembly *a)
{
    if (a->current_section == 0) {
        uint32_t id = section_find(&a->sections, "", SECTION_PRIVATE);
        if (id == 0)
            id = section_add(&a->sections, "", SECTION_PRIVATE, a->current);
        struct asm_section *s = section_by_id(&a->sections, id);
        if (!s->started) {
            s->started = true;
            s->location = s->high = s->origin;
        }
        a->current_section = id;
    }
    return section_by_id(&a->sections, a->current_section);
}

struct asm_value pass_location(struct assembly *a)
{
    struct asm_section *s = pass_section(a);
    return value_relocatable((int32_t)s->location, a->current_section);
}

uint32_t pass_address(struct assembly *a)
{
    return pass_section(a)->location;
}

void pass_set_address(struct assembly *a, uint32_t address)
{
    struct asm_section *s = pass_section(a);
    if (address > 0x00FFFFFF) {
        /* Addresses are 24 bits (S360-67.md §1.2): the program must fit. */
        if (a->pass == 1 && !s->overflowed) {
            assembly_report_text(a, ASM_SEVERITY_ERROR, pass_statement(a)->fields.operation_start,
                                 "the location counter passes X'FFFFFF' (expected a program within 16M of "
                                 "storage)");
            s->overflowed = !a->quiet;
        }
        address = 0x00FFFFFF;
    }
    s->location = address;
    if (s->location > s->high)
        s->high = s->location;
}

void pass_note_location(struct assembly *a)
{
    struct asm_statement *st = pass_statement(a);
    st->has_location = true;
    st->location = pass_address(a);
    st->section_id = a->current_section;
}

static void record_object(struct assembly *a, const uint8_t *bytes, size_t len)
{
    struct asm_statement *st = pass_statement(a);
    st->object = asm_realloc(st->object, st->object_len + len);
    memcpy(st->object + st->object_len, bytes, len);
    st->object_len += len;
}

void pass_add_text(struct assembly *a, uint32_t section_id, uint32_t address, const uint8_t *bytes, size_t len)
{
    if (len == 0)
        return;
    struct text_run *last = a->text_count > 0 ? &a->text[a->text_count - 1] : NULL;
    if (last == NULL || last->section_id != section_id || last->address + last->len != address) {
        ASM_GROW(a->text, a->text_cap, a->text_count + 1);
        last = &a->text[a->text_count++];
        memset(last, 0, sizeof *last);
        last->section_id = section_id;
        last->address = address;
    }
    ASM_GROW(last->data, last->cap, last->len + len);
    memcpy(last->data + last->len, bytes, len);
    last->len += len;
}

static void emit_bytes(struct assembly *a, const uint8_t *bytes, size_t len, bool listed)
{
    struct asm_section *s = pass_section(a);
    if (a->pass == 2 && len > 0) {
        if (listed)
            record_object(a, bytes, len);
        if (section_has_text(s))
            pass_add_text(a, a->current_section, s->location, bytes, len);
    }
    pass_set_address(a, s->location + (uint32_t)len);
}

void pass_emit(struct assembly *a, const uint8_t *bytes, size_t len)
{
    emit_bytes(a, bytes, len, true);
}

void pass_reserve(struct assembly *a, uint32_t len)
{
    struct asm_section *s = pass_section(a);
    pass_set_address(a, s->location + len);
}

void pass_align(struct assembly *a, uint32_t boundary, bool fill)
{
    struct asm_section *s = pass_section(a);
    uint32_t pad = (boundary - (s->location & (boundary - 1))) & (boundary - 1);
    if (pad == 0)
        return;
    if (fill && s->kind != SECTION_DUMMY) {
        /* Alignment bytes are object text but not part of the statement's
         * listed object code. */
        static const uint8_t zeros[8];
        emit_bytes(a, zeros, pad, false);
    } else {
        pass_reserve(a, pad);
    }
}

void pass_define_symbol(struct assembly *a, const char *name, size_t at_in_text, const struct asm_value *value,
                        uint32_t length, char type)
{
    struct asm_symbol *sym = symbol_table_intern(&a->symbols, name);
    if (a->pass == 2) {
        /* Pass 1 defined it; the second pass only checks agreement. */
        if (sym->defined && sym->definition == a->current && !value_equal(&sym->value, value))
            assembly_report_text(a, ASM_SEVERITY_ERROR, at_in_text,
                                 "symbol %s changed value between passes (internal phase error)", name);
        return;
    }
    if (sym->defined) {
        if (sym->definition != a->current) {
            const struct asm_statement *first = &a->statements[sym->definition];
            struct asm_location w = located_text_location(&first->text, first->fields.name_start);
            const char *file = w.file < a->sources.count ? a->sources.files[w.file].path : "?";
            assembly_report_text(a, ASM_SEVERITY_ERROR, at_in_text,
                                 "symbol %s is already defined at %s:%u (expected a new name)", name, file, w.line);
        }
        return;
    }
    sym->defined = true;
    sym->value = *value;
    sym->length = length;
    sym->type = type;
    sym->definition = a->current;
}

void pass_define_name(struct assembly *a, const struct asm_value *value, uint32_t length, char type)
{
    struct asm_statement *st = pass_statement(a);
    if (st->name == NULL)
        return;
    pass_define_symbol(a, st->name, st->fields.name_start, value, length, type);
}

static enum symbol_lookup lookup(void *context, const char *name, size_t at, struct asm_value *value,
                                 uint32_t *length)
{
    (void)at;
    struct assembly *a = context;
    struct asm_symbol *s;
    if (a->pass == 2) {
        s = symbol_table_intern(&a->symbols, name);
        symbol_add_reference(s, a->current);
    } else {
        s = symbol_table_find(&a->symbols, name);
    }
    if (s == NULL || !s->defined)
        return SYMBOL_UNDEFINED;
    *value = s->value;
    *length = s->length;
    return SYMBOL_DEFINED;
}

struct expression_context pass_expression_context(struct assembly *a)
{
    struct expression_context c;
    memset(&c, 0, sizeof c);
    c.lookup = lookup;
    c.context = a;
    /* Before any section, '*' has no value (and an EQU or USING must not
     * open private code). */
    c.location_defined = a->current_section != 0;
    c.location = c.location_defined ? pass_location(a) : value_absolute(0);
    c.location_length = 1;
    return c;
}

bool pass_evaluate(struct assembly *a, const struct located_text *ops, size_t *pos, bool need_now,
                   struct expression_result *r)
{
    struct expression_context ctx = pass_expression_context(a);
    enum expression_status st = expression_parse(&ctx, ops->text, ops->len, pos, r);
    if (st == EXPRESSION_ERROR) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, r->error_at, "%s", r->message);
        return false;
    }
    if (st == EXPRESSION_UNDEFINED) {
        if (a->pass == 2)
            assembly_report_operand(a, ASM_SEVERITY_ERROR, r->undefined_at,
                                    "undefined symbol %s (expected a symbol defined in this assembly)",
                                    r->undefined_name);
        else if (need_now)
            assembly_report_operand(a, ASM_SEVERITY_ERROR, r->undefined_at,
                                    "symbol %s is not defined before this statement (expected a previously "
                                    "defined symbol here)",
                                    r->undefined_name);
        return false;
    }
    return true;
}

bool pass_evaluate_absolute(struct assembly *a, const struct located_text *ops, size_t *pos, bool need_now,
                            int64_t min, int64_t max, const char *what, int32_t *value)
{
    size_t start = *pos;
    struct expression_result r;
    if (!pass_evaluate(a, ops, pos, need_now, &r))
        return false;
    if (!value_is_absolute(&r.value)) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, start, "%s is relocatable (expected an absolute value)",
                                what);
        return false;
    }
    if (r.value.value < min || r.value.value > max) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, start, "%s %d is out of range (expected %lld to %lld)",
                                what, r.value.value, (long long)min, (long long)max);
        return false;
    }
    *value = r.value.value;
    return true;
}

void pass_relocate(struct assembly *a, size_t at, uint32_t address, uint32_t length, const struct asm_value *value,
                   bool v_type)
{
    if (a->pass != 2)
        return;
    struct asm_section *here = pass_section(a);
    if (!section_has_text(here))
        return; /* no object text in a dummy section */
    for (unsigned i = 0; i < value->term_count; i++) {
        const struct relocation_term *t = &value->terms[i];
        struct asm_section *target = section_by_id(&a->sections, t->id);
        if (target == NULL)
            continue;
        if (target->kind == SECTION_DUMMY) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, at,
                                    "address in DSECT %s cannot be relocated (expected an offset such as "
                                    "FIELD-%s, or an address in a control section)",
                                    target->name, target->name);
            return;
        }
        if (t->weight != 1 && t->weight != -1) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, at,
                                    "address relocates %+d times against %s (expected +1 or -1)", t->weight,
                                    target->name[0] ? target->name : "private code");
            return;
        }
    }
    for (unsigned i = 0; i < value->term_count; i++) {
        ASM_GROW(a->relocations, a->relocation_cap, a->relocation_count + 1);
        struct relocation_item *r = &a->relocations[a->relocation_count++];
        r->position_id = a->current_section;
        r->relocation_id = value->terms[i].id;
        r->address = address;
        r->length = (uint8_t)length;
        r->negative = value->terms[i].weight < 0;
        r->v_type = v_type;
    }
}

bool pass_external_value(struct assembly *a, const char *name, struct asm_value *value)
{
    uint32_t id = section_find(&a->sections, name, SECTION_CONTROL);
    if (id != 0 && section_by_id(&a->sections, id)->kind == SECTION_CONTROL) {
        *value = value_relocatable((int32_t)section_by_id(&a->sections, id)->origin, id);
        return true;
    }
    id = section_find(&a->sections, name, SECTION_EXTERNAL);
    if (id == 0)
        id = section_add(&a->sections, name, SECTION_EXTERNAL, a->current);
    *value = value_relocatable(0, id);
    return true;
}

size_t pass_split_operands(const struct located_text *ops, size_t *starts, size_t *ends, size_t max)
{
    if (ops->len == 0)
        return 0;
    size_t n = 0, i = 0;
    for (;;) {
        size_t e = lexer_operand_end(ops->text, ops->len, i);
        if (n < max) {
            starts[n] = i;
            ends[n] = e;
        }
        n++;
        if (e >= ops->len)
            break;
        i = e + 1;
    }
    return n;
}

void pass_declare_externals(struct assembly *a, const struct constant_operand *c, const char *text)
{
    if (c->type != 'V')
        return;
    for (size_t i = 0; i < c->piece_count; i++) {
        const struct constant_piece *pc = &c->pieces[i];
        size_t n = lexer_symbol_length(text, pc->end, pc->start);
        if (n == 0 || pc->start + n != pc->end || n > 8)
            continue; /* reported when the constant is generated */
        char name[ASM_SYMBOL_MAX + 1];
        lexer_copy_upper(name, sizeof name, text + pc->start, n);
        struct asm_value v;
        pass_external_value(a, name, &v);
    }
}
