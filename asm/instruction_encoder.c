#include "asm/instruction_encoder.h"

#include <stdio.h>
#include <string.h>

#include "asm/constants.h"
#include "asm/lexer.h"
#include "asm/pass_support.h"

const char *instruction_operand_syntax(enum instruction_format f)
{
    switch (f) {
    case FORMAT_RR:
        return "R1,R2";
    case FORMAT_RR_R1:
        return "R1";
    case FORMAT_RR_I:
        return "I (0 to 255)";
    case FORMAT_RR_BRANCH:
        return "R2";
    case FORMAT_RX:
        return "R1,D2(X2,B2)";
    case FORMAT_RX_BRANCH:
        return "D2(X2,B2)";
    case FORMAT_RS:
        return "R1,R3,D2(B2)";
    case FORMAT_RS_SHIFT:
        return "R1,D2(B2)";
    case FORMAT_SI:
        return "D1(B1),I2";
    case FORMAT_S:
        return "D1(B1)";
    case FORMAT_SS_L:
        return "D1(L,B1),D2(B2)";
    case FORMAT_SS_LL:
        return "D1(L1,B1),D2(L2,B2)";
    }
    return "?";
}

static unsigned operand_count(enum instruction_format f)
{
    switch (f) {
    case FORMAT_RR_R1:
    case FORMAT_RR_I:
    case FORMAT_RR_BRANCH:
    case FORMAT_RX_BRANCH:
    case FORMAT_S:
        return 1;
    case FORMAT_RS:
        return 3;
    default:
        return 2;
    }
}

/* The literal that starts at ops[start] (which is '='): its text, parsed
 * constant, and where it ends. */
static bool parse_literal(struct assembly *a, const struct located_text *ops, size_t start, size_t *end,
                          struct constant_operand *c, char *key, size_t key_size)
{
    struct expression_context ctx = pass_expression_context(a);
    size_t pos = start + 1;
    struct asm_problem p;
    size_t opend = lexer_operand_end(ops->text, ops->len, pos);
    if (!constant_parse(&ctx, ops->text, opend, &pos, true, c, &p)) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, p.at, "%s", p.message);
        return false;
    }
    if (pos < opend && ops->text[pos] != '(') {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, pos,
                                "'%c' after the literal (expected '(', ',' or the end of the operand)",
                                ops->text[pos]);
        return false;
    }
    if (c->duplication == 0) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, start + 1,
                                "literal has a duplication factor of 0 (expected 1 or more)");
        return false;
    }
    *end = pos;
    /* The table keeps the literal's own text: make offsets relative to it. */
    size_t base = start + 1;
    c->start -= base;
    c->end -= base;
    c->type_at -= base;
    if (c->has_nominal)
        c->nominal_at -= base;
    for (size_t k = 0; k < c->piece_count; k++) {
        c->pieces[k].start -= base;
        c->pieces[k].end -= base;
    }
    size_t n = *end - (start + 1);
    if (n >= key_size)
        n = key_size - 1;
    memcpy(key, ops->text + start + 1, n);
    key[n] = '\0';
    return true;
}

void instruction_pass1(struct assembly *a, const struct instruction_definition *def)
{
    pass_align(a, 2, true);
    pass_note_location(a);
    struct asm_value here = pass_location(a);
    pass_define_name(a, &here, def->length, 'I');
    /* Collect literals for the pool. */
    const struct located_text *ops = pass_operands(a);
    size_t starts[8], ends[8];
    size_t n = pass_split_operands(ops, starts, ends, 8);
    for (size_t i = 0; i < n && i < 8; i++) {
        if (ops->text[starts[i]] != '=')
            continue;
        struct constant_operand c;
        constant_operand_init(&c);
        char key[512];
        size_t end;
        if (parse_literal(a, ops, starts[i], &end, &c, key, sizeof key)) {
            pass_declare_externals(a, &c, key);
            literal_table_add(&a->literals, a->current_pool, key, &c, &here, a->current);
        }
        constant_operand_free(&c);
    }
    pass_reserve(a, def->length);
}

/* ---- pass 2 ---- */

struct storage_operand {
    bool explicit_base;   /* D(X,B), D(,B), D(B), D(L,B) */
    bool has_first;       /* something before the comma (or the only thing) in parentheses */
    bool first_omitted;   /* D(,B) */
    int32_t first;        /* X or L (or B in the D(B) form) */
    int32_t second;       /* B */
    bool has_second;
    struct asm_value address; /* S, or D when explicit */
    uint32_t length_attribute;
    size_t at;
};

static bool register_value(struct assembly *a, const struct located_text *ops, size_t start, size_t end,
                           const char *what, int32_t max, int32_t *out)
{
    size_t pos = start;
    struct expression_result r;
    if (start == end) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, start, "%s is missing (expected an absolute value 0 to %d)",
                                what, max);
        return false;
    }
    if (!pass_evaluate(a, ops, &pos, false, &r))
        return false;
    if (pos != end) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, pos, "'%c' after the %s (expected ',' or the end of the "
                                "operand)", ops->text[pos], what);
        return false;
    }
    if (!value_is_absolute(&r.value)) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, start, "%s is relocatable (expected an absolute value 0 to %d)",
                                what, max);
        return false;
    }
    int32_t min = max == 255 ? -128 : 0;
    if (r.value.value < min || r.value.value > max) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, start, "%s %d is out of range (expected 0 to %d)", what,
                                r.value.value, max);
        return false;
    }
    *out = r.value.value & max;
    return true;
}

/* Parses S, S(a), S(a,b), S(,b) or a literal with optional (a). */
static bool parse_storage(struct assembly *a, const struct located_text *ops, size_t start, size_t end,
                          struct storage_operand *o)
{
    memset(o, 0, sizeof *o);
    o->at = start;
    size_t pos = start;
    if (start == end) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, start, "storage operand is missing (expected an address)");
        return false;
    }
    if (ops->text[start] == '=') {
        struct constant_operand c;
        constant_operand_init(&c);
        char key[512];
        size_t lend;
        if (!parse_literal(a, ops, start, &lend, &c, key, sizeof key)) {
            constant_operand_free(&c);
            return false;
        }
        struct asm_value here = pass_location(a);
        long li = literal_table_find(&a->literals, a->pass2_pool, key, &here);
        constant_operand_free(&c);
        if (li < 0 || !a->literals.items[li].placed) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, start, "literal =%s has no place in a literal pool "
                                    "(internal error)", key);
            return false;
        }
        const struct literal *l = &a->literals.items[li];
        o->address = value_relocatable((int32_t)l->address, l->section_id);
        o->length_attribute = l->constant.length_attribute;
        pos = lend;
    } else {
        struct expression_result r;
        if (!pass_evaluate(a, ops, &pos, false, &r))
            return false;
        o->address = r.value;
        o->length_attribute = r.length_attribute;
    }
    if (pos < end && ops->text[pos] == '(') {
        pos++;
        size_t close = pos;
        int depth = 0;
        while (close < end && !(ops->text[close] == ')' && depth == 0)) {
            if (ops->text[close] == '(')
                depth++;
            else if (ops->text[close] == ')')
                depth--;
            close++;
        }
        if (close >= end) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, pos - 1, "parenthesis is not closed (expected ')')");
            return false;
        }
        size_t comma = lexer_operand_end(ops->text, close, pos);
        if (comma == pos && comma < close) {
            o->first_omitted = true;
        } else {
            if (!register_value(a, ops, pos, comma, "register or length", 0x7FFFFFFF, &o->first))
                return false;
            o->has_first = true;
        }
        if (comma < close) {
            if (!register_value(a, ops, comma + 1, close, "base register", 15, &o->second))
                return false;
            o->has_second = true;
            o->explicit_base = true;
        }
        pos = close + 1;
    }
    if (pos != end) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, pos,
                                "'%c' after the storage operand (expected ',' or the end of the operand)",
                                ops->text[pos]);
        return false;
    }
    return true;
}

static bool check_first_range(struct assembly *a, const struct storage_operand *o, int32_t max, const char *what)
{
    if (o->has_first && (o->first < 0 || o->first > max)) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at, "%s %d is out of range (expected 0 to %d)", what,
                                o->first, max);
        return false;
    }
    return true;
}

/* Resolves an implicit address through the USING table. */
static bool resolve_implicit(struct assembly *a, const struct asm_value *address, size_t at, unsigned *base,
                             uint32_t *displacement)
{
    bool simple = value_is_absolute(address) || value_is_simple_relocatable(address);
    struct asm_section *target = simple && !value_is_absolute(address)
                                     ? section_by_id(&a->sections, address->terms[0].id)
                                     : NULL;
    if (!simple || (target != NULL && (target->kind == SECTION_EXTERNAL || target->kind == SECTION_WEAK_EXTERNAL))) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, at,
                                "address is not addressable: %s (expected an address in this assembly or an "
                                "absolute address)",
                                simple ? "it refers to an external symbol" : "it is complexly relocatable");
        return false;
    }
    switch (using_table_resolve(&a->usings, address, base, displacement)) {
    case USING_RESOLVED:
        return true;
    case USING_NO_BASE:
        if (target == NULL)
            assembly_report_operand(a, ASM_SEVERITY_ERROR, at,
                                    "absolute address X'%X' is above 4095 and no USING covers it (expected a "
                                    "USING or an explicit D(X,B))",
                                    (uint32_t)address->value);
        else
            assembly_report_operand(a, ASM_SEVERITY_ERROR, at,
                                    "address X'%06X' in %s %s is not addressable: no USING is in effect for "
                                    "that section (expected a USING with a base register)",
                                    (uint32_t)address->value & 0xFFFFFF,
                                    target->kind == SECTION_DUMMY ? "DSECT" : "section",
                                    target->name[0] ? target->name : "(private code)");
        return false;
    case USING_OUT_OF_RANGE:
        assembly_report_operand(a, ASM_SEVERITY_ERROR, at,
                                "address X'%06X' is not within 4095 bytes above any USING base for its "
                                "section (expected another base register)",
                                (uint32_t)address->value & 0xFFFFFF);
        return false;
    }
    return false;
}

static bool displacement_of(struct assembly *a, const struct storage_operand *o, uint32_t *displacement)
{
    if (!value_is_absolute(&o->address) || o->address.value < 0 || o->address.value > 4095) {
        if (!value_is_absolute(&o->address))
            assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at,
                                    "displacement is relocatable (expected an absolute value 0 to 4095 in D(X,B) "
                                    "form)");
        else
            assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at,
                                    "displacement %d is out of range (expected 0 to 4095)", o->address.value);
        return false;
    }
    *displacement = (uint32_t)o->address.value;
    return true;
}

/* Base, displacement and the value in parentheses (index or length). */
struct encoded_address {
    unsigned base;
    uint32_t displacement;
    int32_t extra; /* index register or length, if given */
    bool has_extra;
    int64_t effective; /* for the listing */
};

static bool encode_storage(struct assembly *a, const struct storage_operand *o, bool index_form, bool length_form,
                           struct encoded_address *e)
{
    memset(e, 0, sizeof *e);
    if (o->explicit_base) {
        if (!displacement_of(a, o, &e->displacement))
            return false;
        e->base = (unsigned)o->second;
        e->has_extra = o->has_first;
        e->extra = o->first;
        e->effective = e->displacement;
        if (length_form && o->first_omitted) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at, "length is omitted in D(,B) (expected D(L,B))");
            return false;
        }
        if (!index_form && !length_form) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at,
                                    "D(X,B) form, but this operand takes no index register (expected D(B) or an "
                                    "address)");
            return false;
        }
        return true;
    }
    if (o->has_first && !index_form && !length_form) {
        /* D(B): the value in parentheses is the base. */
        if (!displacement_of(a, o, &e->displacement))
            return false;
        if (o->first > 15) {
            assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at, "base register %d is out of range (expected 0 to "
                                    "15)", o->first);
            return false;
        }
        e->base = (unsigned)o->first;
        e->effective = e->displacement;
        return true;
    }
    if (o->first_omitted) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at, "an operand in parentheses is empty (expected a "
                                "register)");
        return false;
    }
    if (!resolve_implicit(a, &o->address, o->at, &e->base, &e->displacement))
        return false;
    e->has_extra = o->has_first;
    e->extra = o->first;
    e->effective = (uint32_t)o->address.value & 0xFFFFFF;
    return true;
}

static void emit_instruction(struct assembly *a, const uint8_t *bytes, unsigned len, int64_t addr1, int64_t addr2)
{
    struct asm_statement *st = pass_statement(a);
    st->address1 = addr1;
    st->address2 = addr2;
    pass_emit(a, bytes, len);
}

static void emit_placeholder(struct assembly *a, const struct instruction_definition *def)
{
    /* An instruction with errors still takes its room, as zeros after
     * the opcode, so that the rest of the program keeps its addresses. */
    uint8_t bytes[6] = {def->opcode, 0, 0, 0, 0, 0};
    emit_instruction(a, bytes, def->length, -1, -1);
}

static bool length_value(struct assembly *a, const struct storage_operand *o, const struct encoded_address *e,
                         int32_t max, unsigned *code)
{
    int32_t l = e->has_extra ? e->extra : (int32_t)o->length_attribute;
    if (l < 0 || l > max) {
        assembly_report_operand(a, ASM_SEVERITY_ERROR, o->at, "length %d is out of range (expected %s1 to %d)", l,
                                e->has_extra ? "0 or " : "", max);
        return false;
    }
    *code = l == 0 ? 0 : (unsigned)(l - 1);
    return true;
}

void instruction_pass2(struct assembly *a, const struct instruction_definition *def)
{
    pass_align(a, 2, true);
    pass_note_location(a);
    const struct located_text *ops = pass_operands(a);
    size_t starts[8], ends[8];
    size_t n = pass_split_operands(ops, starts, ends, 8);
    unsigned want = operand_count((enum instruction_format)def->format);
    if (n != want) {
        size_t at = n > want ? starts[want] : ops->len;
        assembly_report_operand(a, ASM_SEVERITY_ERROR, at,
                                "%s has %zu operand%s (expected %u: %s)", def->mnemonic, n, n == 1 ? "" : "s",
                                want, instruction_operand_syntax((enum instruction_format)def->format));
        emit_placeholder(a, def);
        return;
    }
    uint8_t b[6] = {def->opcode, 0, 0, 0, 0, 0};
    int32_t r1 = 0, r2 = 0, r3 = 0;
    struct storage_operand s1, s2;
    struct encoded_address e1, e2;
    bool ok = true;
    switch ((enum instruction_format)def->format) {
    case FORMAT_RR:
        ok = register_value(a, ops, starts[0], ends[0], "first operand (R1)", 15, &r1) &&
             register_value(a, ops, starts[1], ends[1], "second operand (R2)", 15, &r2);
        b[1] = (uint8_t)(r1 << 4 | r2);
        if (ok)
            emit_instruction(a, b, 2, -1, -1);
        break;
    case FORMAT_RR_R1:
        ok = register_value(a, ops, starts[0], ends[0], "register (R1)", 15, &r1);
        b[1] = (uint8_t)(r1 << 4);
        if (ok)
            emit_instruction(a, b, 2, -1, -1);
        break;
    case FORMAT_RR_I:
        ok = register_value(a, ops, starts[0], ends[0], "SVC number", 255, &r1);
        b[1] = (uint8_t)r1;
        if (ok)
            emit_instruction(a, b, 2, -1, -1);
        break;
    case FORMAT_RR_BRANCH:
        ok = register_value(a, ops, starts[0], ends[0], "branch register (R2)", 15, &r2);
        b[1] = (uint8_t)(def->mask << 4 | r2);
        if (ok)
            emit_instruction(a, b, 2, -1, -1);
        break;
    case FORMAT_RX:
    case FORMAT_RX_BRANCH: {
        size_t k = 0;
        if (def->format == FORMAT_RX) {
            ok = register_value(a, ops, starts[0], ends[0],
                                def->opcode == 0x47 ? "mask (M1)" : "first operand (R1)", 15, &r1);
            k = 1;
        } else {
            r1 = def->mask;
        }
        ok = ok && parse_storage(a, ops, starts[k], ends[k], &s2) && encode_storage(a, &s2, true, false, &e2) &&
             check_first_range(a, &s2, 15, "index register");
        if (ok) {
            b[1] = (uint8_t)(r1 << 4 | (e2.has_extra ? e2.extra : 0));
            b[2] = (uint8_t)(e2.base << 4 | e2.displacement >> 8);
            b[3] = (uint8_t)e2.displacement;
            emit_instruction(a, b, 4, -1, e2.effective);
        }
        break;
    }
    case FORMAT_RS:
        ok = register_value(a, ops, starts[0], ends[0], "first operand (R1)", 15, &r1) &&
             register_value(a, ops, starts[1], ends[1], "third operand (R3)", 15, &r3) &&
             parse_storage(a, ops, starts[2], ends[2], &s2) && encode_storage(a, &s2, false, false, &e2);
        if (ok) {
            b[1] = (uint8_t)(r1 << 4 | r3);
            b[2] = (uint8_t)(e2.base << 4 | e2.displacement >> 8);
            b[3] = (uint8_t)e2.displacement;
            emit_instruction(a, b, 4, -1, e2.effective);
        }
        break;
    case FORMAT_RS_SHIFT:
        ok = register_value(a, ops, starts[0], ends[0], "first operand (R1)", 15, &r1) &&
             parse_storage(a, ops, starts[1], ends[1], &s2) && encode_storage(a, &s2, false, false, &e2);
        if (ok) {
            b[1] = (uint8_t)(r1 << 4);
            b[2] = (uint8_t)(e2.base << 4 | e2.displacement >> 8);
            b[3] = (uint8_t)e2.displacement;
            emit_instruction(a, b, 4, -1, e2.effective);
        }
        break;
    case FORMAT_SI:
        ok = parse_storage(a, ops, starts[0], ends[0], &s1) && encode_storage(a, &s1, false, false, &e1) &&
             register_value(a, ops, starts[1], ends[1], "immediate operand (I2)", 255, &r2);
        if (ok) {
            b[1] = (uint8_t)r2;
            b[2] = (uint8_t)(e1.base << 4 | e1.displacement >> 8);
            b[3] = (uint8_t)e1.displacement;
            emit_instruction(a, b, 4, e1.effective, -1);
        }
        break;
    case FORMAT_S:
        ok = parse_storage(a, ops, starts[0], ends[0], &s1) && encode_storage(a, &s1, false, false, &e1);
        if (ok) {
            b[2] = (uint8_t)(e1.base << 4 | e1.displacement >> 8);
            b[3] = (uint8_t)e1.displacement;
            emit_instruction(a, b, 4, e1.effective, -1);
        }
        break;
    case FORMAT_SS_L: {
        unsigned l = 0;
        ok = parse_storage(a, ops, starts[0], ends[0], &s1) && encode_storage(a, &s1, false, true, &e1) &&
             length_value(a, &s1, &e1, 256, &l) && parse_storage(a, ops, starts[1], ends[1], &s2) &&
             encode_storage(a, &s2, false, false, &e2);
        if (ok) {
            b[1] = (uint8_t)l;
            b[2] = (uint8_t)(e1.base << 4 | e1.displacement >> 8);
            b[3] = (uint8_t)e1.displacement;
            b[4] = (uint8_t)(e2.base << 4 | e2.displacement >> 8);
            b[5] = (uint8_t)e2.displacement;
            emit_instruction(a, b, 6, e1.effective, e2.effective);
        }
        break;
    }
    case FORMAT_SS_LL: {
        unsigned l1 = 0, l2 = 0;
        ok = parse_storage(a, ops, starts[0], ends[0], &s1) && encode_storage(a, &s1, false, true, &e1) &&
             length_value(a, &s1, &e1, 16, &l1) && parse_storage(a, ops, starts[1], ends[1], &s2) &&
             encode_storage(a, &s2, false, true, &e2) && length_value(a, &s2, &e2, 16, &l2);
        if (ok) {
            b[1] = (uint8_t)(l1 << 4 | l2);
            b[2] = (uint8_t)(e1.base << 4 | e1.displacement >> 8);
            b[3] = (uint8_t)e1.displacement;
            b[4] = (uint8_t)(e2.base << 4 | e2.displacement >> 8);
            b[5] = (uint8_t)e2.displacement;
            emit_instruction(a, b, 6, e1.effective, e2.effective);
        }
        break;
    }
    }
    if (!ok)
        emit_placeholder(a, def);
}
