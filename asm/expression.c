#include "asm/expression.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "asm/lexer.h"
#include "asm/self_defining_term.h"

#define MAX_NESTING 64

struct parser {
    const struct expression_context *ctx;
    const char *s;
    size_t len;
    size_t pos;
    struct expression_result *out;
    enum expression_status status;
    bool first_term_seen;
    unsigned depth;
};

static bool fail(struct parser *p, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(struct parser *p, size_t at, const char *fmt, ...)
{
    if (p->status != EXPRESSION_ERROR) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->out->message, sizeof p->out->message, fmt, ap);
        va_end(ap);
        p->out->error_at = at;
        p->status = EXPRESSION_ERROR;
    }
    return false;
}

static void leftmost_length(struct parser *p, uint32_t length)
{
    if (!p->first_term_seen) {
        p->first_term_seen = true;
        p->out->length_attribute = length;
    }
}

static bool parse_sum(struct parser *p, struct asm_value *v);

static bool parse_symbol_term(struct parser *p, struct asm_value *v, bool length_only)
{
    size_t start = p->pos;
    size_t n = lexer_symbol_length(p->s, p->len, start);
    if (n > ASM_SYMBOL_MAX)
        return fail(p, start, "symbol is %zu characters long (expected at most %d)", n, ASM_SYMBOL_MAX);
    char name[ASM_SYMBOL_MAX + 1];
    lexer_copy_upper(name, sizeof name, p->s + start, n);
    p->pos += n;
    struct asm_value value = value_absolute(0);
    uint32_t length = 1;
    if (p->ctx->lookup(p->ctx->context, name, start, &value, &length) == SYMBOL_UNDEFINED) {
        if (p->status == EXPRESSION_OK) {
            p->status = EXPRESSION_UNDEFINED;
            snprintf(p->out->undefined_name, sizeof p->out->undefined_name, "%s", name);
            p->out->undefined_at = start;
        }
        value = value_absolute(0);
        length = 1;
    }
    if (length_only) {
        *v = value_absolute((int32_t)length);
        leftmost_length(p, 1);
    } else {
        *v = value;
        leftmost_length(p, length);
    }
    return true;
}

static bool parse_primary(struct parser *p, struct asm_value *v)
{
    if (p->pos >= p->len)
        return fail(p, p->pos, "the expression ends too soon (expected a term)");
    char c = p->s[p->pos];
    if (c == '(') {
        if (++p->depth > MAX_NESTING)
            return fail(p, p->pos, "parentheses nested too deeply (expected at most %d levels)", MAX_NESTING);
        size_t open = p->pos++;
        if (!parse_sum(p, v))
            return false;
        if (p->pos >= p->len || p->s[p->pos] != ')')
            return fail(p, p->pos, "unbalanced parenthesis opened at column offset %zu (expected ')')", open);
        p->pos++;
        p->depth--;
        return true;
    }
    if (c == '*') {
        if (!p->ctx->location_defined)
            return fail(p, p->pos, "the location counter (*) has no value here (expected an absolute term)");
        p->pos++;
        *v = p->ctx->location;
        leftmost_length(p, p->ctx->location_length);
        return true;
    }
    if (c == '=')
        return fail(p, p->pos, "a literal cannot be part of an expression (expected a term)");
    if (c == '&')
        return fail(p, p->pos, "variable symbol outside a macro definition or not substituted (expected a term)");
    /* Attribute reference. */
    if (p->pos + 1 < p->len && p->s[p->pos + 1] == '\'' && lexer_is_attribute_quote(p->s, p->len, p->pos + 1)) {
        char attr = lexer_upper(c);
        if (attr != 'L')
            return fail(p, p->pos, "the %c' attribute belongs to conditional assembly (expected L' here)", attr);
        p->pos += 2;
        if (p->pos < p->len && p->s[p->pos] == '*') {
            if (!p->ctx->location_defined)
                return fail(p, p->pos, "L'* has no value here");
            p->pos++;
            *v = value_absolute((int32_t)p->ctx->location_length);
            leftmost_length(p, 1);
            return true;
        }
        return parse_symbol_term(p, v, true);
    }
    int32_t sdt;
    size_t end, at;
    char msg[200];
    switch (self_defining_term_parse(p->s, p->len, p->pos, &end, &sdt, msg, sizeof msg, &at)) {
    case SDT_OK:
        p->pos = end;
        *v = value_absolute(sdt);
        leftmost_length(p, 1);
        return true;
    case SDT_ERROR:
        return fail(p, at, "%s", msg);
    case SDT_NOT_A_TERM:
        break;
    }
    if (lexer_is_symbol_start(c))
        return parse_symbol_term(p, v, false);
    if (c == ' ' || c == ',' || c == ')')
        return fail(p, p->pos, "the expression ends too soon (expected a term)");
    return fail(p, p->pos, "'%c' cannot start a term (expected a symbol, a number, X'..', C'..', B'..', * "
                           "or '(')", c);
}

static bool parse_unary(struct parser *p, struct asm_value *v)
{
    if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-')) {
        char op = p->s[p->pos++];
        if (!parse_unary(p, v))
            return false;
        if (op == '-')
            value_negate(v);
        return true;
    }
    return parse_primary(p, v);
}

static bool parse_product(struct parser *p, struct asm_value *v)
{
    if (!parse_unary(p, v))
        return false;
    while (p->pos < p->len && (p->s[p->pos] == '*' || p->s[p->pos] == '/')) {
        char op = p->s[p->pos];
        size_t at = p->pos++;
        struct asm_value r;
        if (!parse_unary(p, &r))
            return false;
        if (!value_is_absolute(v) || !value_is_absolute(&r))
            return fail(p, at, "relocatable term in %s (expected absolute terms)",
                        op == '*' ? "a multiplication" : "a division");
        int64_t a = v->value, b = r.value;
        if (op == '*')
            v->value = (int32_t)(uint32_t)((uint64_t)a * (uint64_t)b);
        else
            v->value = b == 0 ? 0 : (a == INT32_MIN && b == -1) ? INT32_MIN : (int32_t)(a / b);
    }
    return true;
}

static bool parse_sum(struct parser *p, struct asm_value *v)
{
    if (!parse_product(p, v))
        return false;
    while (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-')) {
        char op = p->s[p->pos];
        size_t at = p->pos++;
        struct asm_value r;
        if (!parse_product(p, &r))
            return false;
        if (!value_add(v, &r, op == '+' ? 1 : -1))
            return fail(p, at, "expression relocates against more than %d sections (expected a simpler "
                               "expression)", ASM_MAX_RELOCATION_TERMS);
    }
    return true;
}

enum expression_status expression_parse(const struct expression_context *ctx, const char *text, size_t len,
                                         size_t *pos, struct expression_result *out)
{
    memset(out, 0, sizeof *out);
    out->length_attribute = 1;
    struct parser p = {ctx, text, len, *pos, out, EXPRESSION_OK, false, 0};
    struct asm_value v = value_absolute(0);
    if (parse_sum(&p, &v))
        out->value = v;
    *pos = p.pos;
    return p.status;
}
