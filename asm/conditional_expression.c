#include "asm/conditional_expression.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "asm/lexer.h"
#include "asm/memory.h"
#include "asm/self_defining_term.h"
#include "lib/ebcdic.h"

#define MAX_DEPTH 100

void ca_value_free(struct ca_value *v)
{
    free(v->string);
    v->string = NULL;
}

struct parser {
    struct macro_environment *env;
    const char *s;
    size_t len;
    size_t pos;
    struct asm_problem *p;
    unsigned depth;
};

static void skip_blanks(struct parser *ps)
{
    while (ps->pos < ps->len && ps->s[ps->pos] == ' ')
        ps->pos++;
}

/* The keyword (letters only) at the current position, upper case, without
 * consuming it; "" if none. A keyword must not run into a symbol. */
static void peek_word(const struct parser *ps, char *word, size_t size)
{
    size_t i = ps->pos, n = 0;
    while (i < ps->len && isalpha((unsigned char)ps->s[i]) && n + 1 < size)
        word[n++] = lexer_upper(ps->s[i++]);
    word[n] = '\0';
    if (i < ps->len && (lexer_is_symbol_char(ps->s[i]) || ps->s[i] == '\''))
        word[0] = '\0';
}

/* ---- variable references ---- */

struct variable_reference {
    struct variable *var;
    int subscripts;
    int32_t index[2];
};

static bool parse_expression(struct parser *ps, struct ca_value *out);

static bool to_number(struct parser *ps, struct ca_value *v, size_t at, int32_t *out);

/* `bare_ok`: a dimensioned symbol or &SYSLIST may appear without a
 * subscript (the operand of N'). */
static bool parse_reference_as(struct parser *ps, struct variable_reference *ref, bool bare_ok)
{
    size_t at = ps->pos;
    ps->pos++; /* '&' */
    size_t n = lexer_symbol_length(ps->s, ps->len, ps->pos);
    if (n == 0)
        return problem_set(ps->p, at, "'&' is not followed by a variable symbol (expected &NAME, or && for an "
                                      "ampersand)");
    char name[ASM_SYMBOL_MAX + 1];
    lexer_copy_upper(name, sizeof name, ps->s + ps->pos, n);
    ps->pos += n;
    memset(ref, 0, sizeof *ref);
    ref->var = variable_find(ps->env->locals, name);
    if (ref->var == NULL)
        return problem_set(ps->p, at, "undefined variable symbol &%s (expected a parameter or a declared SET "
                                      "symbol)",
                           name);
    struct variable *v = ref->var;
    bool subscripted = v->dimension > 0 || v->is_parameter || v->is_syslist;
    if (subscripted && ps->pos < ps->len && ps->s[ps->pos] == '(') {
        if (++ps->depth > MAX_DEPTH)
            return problem_set(ps->p, ps->pos, "expression nested too deeply");
        ps->pos++;
        for (;;) {
            struct ca_value iv = {0};
            size_t iat = ps->pos;
            if (!parse_expression(ps, &iv))
                return false;
            int32_t idx;
            bool ok = to_number(ps, &iv, iat, &idx);
            ca_value_free(&iv);
            if (!ok)
                return false;
            if (ref->subscripts >= 2 || (ref->subscripts == 1 && v->dimension > 0 && !v->is_syslist))
                return problem_set(ps->p, iat, "too many subscripts for &%s", v->name);
            ref->index[ref->subscripts++] = idx;
            skip_blanks(ps);
            if (ps->pos < ps->len && ps->s[ps->pos] == ',') {
                ps->pos++;
                continue;
            }
            if (ps->pos < ps->len && ps->s[ps->pos] == ')') {
                ps->pos++;
                break;
            }
            return problem_set(ps->p, ps->pos, "subscript of &%s is not closed (expected ')')", v->name);
        }
        ps->depth--;
    } else if (bare_ok) {
        /* N'&X: the whole symbol. */
    } else if (v->dimension > 0 && !v->is_syslist) {
        return problem_set(ps->p, at, "&%s is dimensioned (expected a subscript, &%s(n))", v->name, v->name);
    } else if (v->is_syslist) {
        return problem_set(ps->p, at, "&SYSLIST needs a subscript (expected &SYSLIST(n))");
    }
    if (ps->pos < ps->len && ps->s[ps->pos] == '.')
        ps->pos++;
    return true;
}

static bool parse_reference(struct parser *ps, struct variable_reference *ref)
{
    return parse_reference_as(ps, ref, false);
}

/* The text of a reference (caller frees). */
static bool reference_text(struct parser *ps, const struct variable_reference *ref, size_t at, char **out)
{
    struct variable *v = ref->var;
    if (v->is_syslist) {
        int32_t i = ref->index[0];
        if (i < 0)
            return problem_set(ps->p, at, "&SYSLIST subscript %d is negative (expected 0 or more)", i);
        const char *value = (uint32_t)i <= v->highest ? v->strings[i] : "";
        *out = ref->subscripts > 1 ? sublist_element(value, (size_t)(ref->index[1] < 1 ? 0 : ref->index[1]))
                                   : asm_strdup(value);
        return true;
    }
    if (v->is_parameter && ref->subscripts > 0) {
        if (ref->index[0] < 1)
            return problem_set(ps->p, at, "sublist subscript %d of &%s is out of range (expected 1 or more)",
                               ref->index[0], v->name);
        char *e = sublist_element(v->strings[0], (size_t)ref->index[0]);
        if (ref->subscripts > 1) {
            char *e2 = sublist_element(e, (size_t)(ref->index[1] < 1 ? 0 : ref->index[1]));
            free(e);
            e = e2;
        }
        *out = e;
        return true;
    }
    uint32_t index = 0;
    if (v->dimension > 0) {
        if (ref->index[0] < 1 || (uint32_t)ref->index[0] > v->dimension)
            return problem_set(ps->p, at, "subscript %d of &%s is out of range (expected 1 to %u)", ref->index[0],
                               v->name, v->dimension);
        index = (uint32_t)ref->index[0];
    }
    *out = variable_text(v, index);
    return true;
}

bool macro_variable_value(struct macro_environment *env, const char *text, size_t len, size_t *pos, char **value,
                          struct asm_problem *p)
{
    struct parser ps = {env, text, len, *pos, p, env->depth};
    struct variable_reference ref;
    size_t at = *pos;
    if (!parse_reference(&ps, &ref) || !reference_text(&ps, &ref, at, value))
        return false;
    *pos = ps.pos;
    return true;
}

/* The value of a reference as a conditional-assembly value. */
static bool reference_value(struct parser *ps, const struct variable_reference *ref, size_t at, struct ca_value *out)
{
    struct variable *v = ref->var;
    if (!v->is_syslist && !v->is_parameter && v->type != VARIABLE_CHARACTER) {
        uint32_t index = 0;
        if (v->dimension > 0) {
            if (ref->index[0] < 1 || (uint32_t)ref->index[0] > v->dimension)
                return problem_set(ps->p, at, "subscript %d of &%s is out of range (expected 1 to %u)",
                                   ref->index[0], v->name, v->dimension);
            index = (uint32_t)ref->index[0];
        }
        out->type = v->type == VARIABLE_BINARY ? CA_BINARY : CA_ARITHMETIC;
        out->number = variable_number(v, index);
        return true;
    }
    out->type = CA_CHARACTER;
    return reference_text(ps, ref, at, &out->string);
}

/* ---- conversions ---- */

static bool to_number(struct parser *ps, struct ca_value *v, size_t at, int32_t *out)
{
    if (v->type != CA_CHARACTER) {
        *out = v->number;
        return true;
    }
    size_t n = strlen(v->string);
    if (n == 0) {
        *out = 0;
        return true;
    }
    if (self_defining_term_whole(v->string, n, out))
        return true;
    return problem_set(ps->p, at, "value '%.60s' is not a self-defining term (expected a number in an arithmetic "
                                  "expression)",
                       v->string);
}

static bool to_binary(struct parser *ps, struct ca_value *v, size_t at, bool *out)
{
    int32_t n;
    if (v->type == CA_CHARACTER && !to_number(ps, v, at, &n))
        return false;
    n = v->type == CA_CHARACTER ? n : v->number;
    if (n != 0 && n != 1)
        return problem_set(ps->p, at, "value %d is not a binary value (expected 0, 1 or a relation)", n);
    *out = n == 1;
    return true;
}

/* ---- character terms ---- */

static bool append_limited(struct parser *ps, char **buf, size_t *len, size_t *cap, const char *s, size_t n,
                           size_t at)
{
    if (*len + n > VARIABLE_MAX_STRING)
        return problem_set(ps->p, at, "character value is longer than %d characters", VARIABLE_MAX_STRING);
    ASM_GROW(*buf, *cap, *len + n + 1);
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return true;
}

/* 'text' with variable symbols replaced. */
static bool parse_quoted(struct parser *ps, char **out)
{
    size_t at = ps->pos++;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    ASM_GROW(buf, cap, 1);
    buf[0] = '\0';
    for (;;) {
        if (ps->pos >= ps->len) {
            free(buf);
            return problem_set(ps->p, at, "character string has no closing quote (expected ')");
        }
        char c = ps->s[ps->pos];
        if (c == '\'') {
            if (ps->pos + 1 < ps->len && ps->s[ps->pos + 1] == '\'') {
                if (!append_limited(ps, &buf, &len, &cap, "'", 1, at))
                    goto fail;
                ps->pos += 2;
                continue;
            }
            ps->pos++;
            break;
        }
        if (c == '&') {
            if (ps->pos + 1 < ps->len && ps->s[ps->pos + 1] == '&') {
                if (!append_limited(ps, &buf, &len, &cap, "&&", 2, at))
                    goto fail;
                ps->pos += 2;
                continue;
            }
            struct variable_reference ref;
            size_t vat = ps->pos;
            char *value;
            if (!parse_reference(ps, &ref) || !reference_text(ps, &ref, vat, &value))
                goto fail;
            bool ok = append_limited(ps, &buf, &len, &cap, value, strlen(value), at);
            free(value);
            if (!ok)
                goto fail;
            continue;
        }
        if (!append_limited(ps, &buf, &len, &cap, &c, 1, at))
            goto fail;
        ps->pos++;
    }
    *out = buf;
    return true;
fail:
    free(buf);
    return false;
}

/* Optional (start,length) after a character term. */
static bool apply_substring(struct parser *ps, char **value)
{
    if (ps->pos >= ps->len || ps->s[ps->pos] != '(')
        return true;
    size_t at = ps->pos++;
    struct ca_value a = {0}, b = {0};
    int32_t start, count;
    size_t sat = ps->pos;
    if (!parse_expression(ps, &a) || !to_number(ps, &a, sat, &start)) {
        ca_value_free(&a);
        return false;
    }
    ca_value_free(&a);
    skip_blanks(ps);
    if (ps->pos >= ps->len || ps->s[ps->pos] != ',')
        return problem_set(ps->p, ps->pos, "substring needs (start,length) (expected ',')");
    ps->pos++;
    skip_blanks(ps);
    size_t vlen = strlen(*value);
    if (ps->pos < ps->len && ps->s[ps->pos] == '*') {
        ps->pos++;
        count = (int32_t)vlen;
    } else {
        size_t cat = ps->pos;
        if (!parse_expression(ps, &b) || !to_number(ps, &b, cat, &count)) {
            ca_value_free(&b);
            return false;
        }
        ca_value_free(&b);
    }
    skip_blanks(ps);
    if (ps->pos >= ps->len || ps->s[ps->pos] != ')')
        return problem_set(ps->p, ps->pos, "substring is not closed (expected ')')");
    ps->pos++;
    if (start < 1 || count < 0)
        return problem_set(ps->p, at, "substring (%d,%d) is out of range (expected a start of 1 or more and a "
                                      "length of 0 or more)",
                           start, count);
    if ((size_t)start > vlen) {
        (*value)[0] = '\0';
        return true;
    }
    size_t from = (size_t)start - 1;
    size_t n = (size_t)count;
    if (from + n > vlen)
        n = vlen - from;
    memmove(*value, *value + from, n);
    (*value)[n] = '\0';
    return true;
}

char macro_type_attribute(const struct macro_environment *env, const char *value)
{
    size_t n = strlen(value);
    int32_t dummy;
    if (n == 0)
        return 'O';
    if (self_defining_term_whole(value, n, &dummy))
        return 'N';
    size_t sl = lexer_symbol_length(value, n, 0);
    if (sl == n && sl <= ASM_SYMBOL_MAX && env->attributes != NULL) {
        char name[ASM_SYMBOL_MAX + 1];
        lexer_copy_upper(name, sizeof name, value, n);
        struct asm_symbol *s = symbol_table_find(env->attributes, name);
        if (s != NULL && s->defined)
            return s->type;
    }
    return 'U';
}

/* ---- the expression grammar ---- */

static bool parse_attribute(struct parser *ps, struct ca_value *out)
{
    size_t at = ps->pos;
    char attr = lexer_upper(ps->s[ps->pos]);
    ps->pos += 2;
    char *text = NULL;
    struct variable_reference ref;
    bool have_ref = false;
    if (ps->pos < ps->len && ps->s[ps->pos] == '&') {
        size_t vat = ps->pos;
        if (!parse_reference_as(ps, &ref, attr == 'N'))
            return false;
        have_ref = true;
        if (attr != 'N' && !reference_text(ps, &ref, vat, &text))
            return false;
    } else {
        size_t n = lexer_symbol_length(ps->s, ps->len, ps->pos);
        if (n == 0)
            return problem_set(ps->p, ps->pos, "%c' is not followed by a symbol (expected %c'&NAME or %c'SYMBOL)",
                               attr, attr, attr);
        text = asm_strndup(ps->s + ps->pos, n);
        ps->pos += n;
    }
    bool ok = true;
    switch (attr) {
    case 'K':
        out->type = CA_ARITHMETIC;
        out->number = (int32_t)strlen(text);
        break;
    case 'N':
        out->type = CA_ARITHMETIC;
        if (!have_ref) {
            ok = problem_set(ps->p, at, "N' needs a variable symbol (expected N'&NAME)");
        } else if (ref.var->is_syslist && ref.subscripts == 0) {
            out->number = (int32_t)ref.var->highest;
        } else if (ref.var->is_syslist || ref.var->is_parameter) {
            char *value;
            struct variable_reference r2 = ref;
            if (ref.var->is_parameter && ref.subscripts == 0) {
                out->number = (int32_t)sublist_count(ref.var->strings[0]);
                break;
            }
            ok = reference_text(ps, &r2, at, &value);
            if (ok) {
                out->number = (int32_t)sublist_count(value);
                free(value);
            }
        } else {
            out->number = ref.var->dimension > 0 ? (int32_t)ref.var->highest : 1;
        }
        break;
    case 'T':
        out->type = CA_CHARACTER;
        out->string = asm_alloc(2);
        out->string[0] = macro_type_attribute(ps->env, text);
        break;
    case 'L': {
        out->type = CA_ARITHMETIC;
        char name[ASM_SYMBOL_MAX + 1];
        size_t n = strlen(text);
        struct asm_symbol *s = NULL;
        if (lexer_symbol_length(text, n, 0) == n && n > 0 && n <= ASM_SYMBOL_MAX && ps->env->attributes != NULL) {
            lexer_copy_upper(name, sizeof name, text, n);
            s = symbol_table_find(ps->env->attributes, name);
        }
        if (s == NULL || !s->defined)
            ok = problem_set(ps->p, at, "L' of '%.60s': the symbol is not defined before this point (vm67 asm "
                                        "looks only backwards in conditional assembly)",
                             text);
        else
            out->number = (int32_t)s->length;
        break;
    }
    default:
        ok = problem_set(ps->p, at, "attribute %c' is not supported in conditional assembly (expected K', N', "
                                    "L' or T')",
                         attr);
    }
    free(text);
    return ok;
}

static bool parse_character_term(struct parser *ps, struct ca_value *out, int32_t duplication)
{
    char *value;
    if (!parse_quoted(ps, &value))
        return false;
    if (!apply_substring(ps, &value)) {
        free(value);
        return false;
    }
    if (duplication != 1) {
        size_t n = strlen(value);
        if (duplication < 0 || (size_t)duplication * n > VARIABLE_MAX_STRING) {
            free(value);
            return problem_set(ps->p, ps->pos, "duplication factor %d makes the value too long", duplication);
        }
        char *d = asm_alloc((size_t)duplication * n + 1);
        for (int32_t i = 0; i < duplication; i++)
            memcpy(d + (size_t)i * n, value, n);
        free(value);
        value = d;
    }
    out->type = CA_CHARACTER;
    out->string = value;
    return true;
}

static bool parse_primary(struct parser *ps, struct ca_value *out)
{
    skip_blanks(ps);
    if (ps->pos >= ps->len)
        return problem_set(ps->p, ps->pos, "the expression ends too soon (expected a term)");
    if (++ps->depth > MAX_DEPTH)
        return problem_set(ps->p, ps->pos, "expression nested too deeply (expected at most %d levels)", MAX_DEPTH);
    char c = ps->s[ps->pos];
    size_t at = ps->pos;
    bool ok;
    if (c == '(') {
        ps->pos++;
        ok = parse_expression(ps, out);
        if (ok) {
            skip_blanks(ps);
            if (ps->pos >= ps->len || ps->s[ps->pos] != ')')
                ok = problem_set(ps->p, ps->pos, "parenthesis opened here is not closed (expected ')')");
            else
                ps->pos++;
        }
        if (ok && ps->pos < ps->len && ps->s[ps->pos] == '\'') {
            /* (n)'text': a duplication factor. */
            int32_t n;
            ok = to_number(ps, out, at, &n);
            ca_value_free(out);
            if (ok)
                ok = parse_character_term(ps, out, n);
        }
    } else if (c == '\'') {
        ok = parse_character_term(ps, out, 1);
    } else if (c == '&') {
        struct variable_reference ref;
        ok = parse_reference(ps, &ref) && reference_value(ps, &ref, at, out);
    } else if (ps->pos + 1 < ps->len && ps->s[ps->pos + 1] == '\'' &&
               lexer_is_attribute_quote(ps->s, ps->len, ps->pos + 1)) {
        ok = parse_attribute(ps, out);
    } else {
        int32_t v;
        size_t end, eat;
        char msg[200];
        switch (self_defining_term_parse(ps->s, ps->len, ps->pos, &end, &v, msg, sizeof msg, &eat)) {
        case SDT_OK:
            out->type = CA_ARITHMETIC;
            out->number = v;
            ps->pos = end;
            ok = true;
            break;
        case SDT_ERROR:
            ok = problem_set(ps->p, eat, "%s", msg);
            break;
        default:
            if (lexer_is_symbol_start(c))
                ok = problem_set(ps->p, at, "ordinary symbol in a conditional-assembly expression (expected a "
                                            "variable symbol, a self-defining term or a quoted string)");
            else
                ok = problem_set(ps->p, at, "'%c' cannot start a term (expected a variable symbol, a number, a "
                                            "quoted string or '(')",
                                 c);
        }
    }
    ps->depth--;
    if (!ok)
        return false;
    /* Concatenation of character terms: 'A'.'B' */
    while (out->type == CA_CHARACTER && ps->pos + 1 < ps->len && ps->s[ps->pos] == '.' &&
           ps->s[ps->pos + 1] == '\'') {
        ps->pos++;
        struct ca_value next = {0};
        if (!parse_character_term(ps, &next, 1))
            return false;
        size_t a = strlen(out->string), b = strlen(next.string);
        if (a + b > VARIABLE_MAX_STRING) {
            ca_value_free(&next);
            return problem_set(ps->p, at, "character value is longer than %d characters", VARIABLE_MAX_STRING);
        }
        out->string = asm_realloc(out->string, a + b + 1);
        memcpy(out->string + a, next.string, b + 1);
        ca_value_free(&next);
    }
    return true;
}

static bool parse_unary(struct parser *ps, struct ca_value *out)
{
    skip_blanks(ps);
    if (ps->pos < ps->len && (ps->s[ps->pos] == '+' || ps->s[ps->pos] == '-')) {
        char op = ps->s[ps->pos];
        size_t at = ps->pos++;
        if (!parse_unary(ps, out))
            return false;
        int32_t n;
        if (!to_number(ps, out, at + 1, &n))
            return false;
        ca_value_free(out);
        out->type = CA_ARITHMETIC;
        out->number = op == '-' ? (int32_t)(0u - (uint32_t)n) : n;
        return true;
    }
    return parse_primary(ps, out);
}

static bool parse_product(struct parser *ps, struct ca_value *out)
{
    size_t at = ps->pos;
    if (!parse_unary(ps, out))
        return false;
    for (;;) {
        skip_blanks(ps);
        if (ps->pos >= ps->len || (ps->s[ps->pos] != '*' && ps->s[ps->pos] != '/'))
            return true;
        char op = ps->s[ps->pos++];
        size_t rat = ps->pos;
        struct ca_value r = {0};
        int32_t a, b;
        if (!to_number(ps, out, at, &a) || !parse_unary(ps, &r) || !to_number(ps, &r, rat, &b)) {
            ca_value_free(&r);
            return false;
        }
        ca_value_free(&r);
        ca_value_free(out);
        out->type = CA_ARITHMETIC;
        if (op == '*')
            out->number = (int32_t)(uint32_t)((uint64_t)(int64_t)a * (uint64_t)(int64_t)b);
        else
            out->number = b == 0 ? 0 : (a == INT32_MIN && b == -1) ? INT32_MIN : a / b;
    }
}

static bool parse_sum(struct parser *ps, struct ca_value *out)
{
    size_t at = ps->pos;
    if (!parse_product(ps, out))
        return false;
    for (;;) {
        skip_blanks(ps);
        if (ps->pos >= ps->len || (ps->s[ps->pos] != '+' && ps->s[ps->pos] != '-'))
            return true;
        char op = ps->s[ps->pos++];
        size_t rat = ps->pos;
        struct ca_value r = {0};
        int32_t a, b;
        if (!to_number(ps, out, at, &a) || !parse_product(ps, &r) || !to_number(ps, &r, rat, &b)) {
            ca_value_free(&r);
            return false;
        }
        ca_value_free(&r);
        ca_value_free(out);
        out->type = CA_ARITHMETIC;
        out->number = (int32_t)(op == '+' ? (uint32_t)a + (uint32_t)b : (uint32_t)a - (uint32_t)b);
    }
}

static int compare_ebcdic(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return la < lb ? -1 : 1;
    for (size_t i = 0; i < la; i++) {
        uint8_t x = ascii_to_ebcdic_char((uint8_t)a[i]), y = ascii_to_ebcdic_char((uint8_t)b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

static bool parse_relation(struct parser *ps, struct ca_value *out)
{
    size_t at = ps->pos;
    if (!parse_sum(ps, out))
        return false;
    skip_blanks(ps);
    char word[8];
    peek_word(ps, word, sizeof word);
    static const char *const ops[] = {"EQ", "NE", "LT", "GT", "LE", "GE"};
    int op = -1;
    for (int i = 0; i < 6; i++)
        if (strcmp(word, ops[i]) == 0)
            op = i;
    if (op < 0)
        return true;
    ps->pos += 2;
    size_t rat = ps->pos;
    struct ca_value r = {0};
    if (!parse_sum(ps, &r))
        return false;
    int cmp;
    if (out->type == CA_CHARACTER && r.type == CA_CHARACTER) {
        cmp = compare_ebcdic(out->string, r.string);
    } else {
        int32_t a, b;
        if (!to_number(ps, out, at, &a) || !to_number(ps, &r, rat, &b)) {
            ca_value_free(&r);
            return false;
        }
        cmp = a < b ? -1 : a > b;
    }
    ca_value_free(&r);
    ca_value_free(out);
    bool result = false;
    switch (op) {
    case 0:
        result = cmp == 0;
        break;
    case 1:
        result = cmp != 0;
        break;
    case 2:
        result = cmp < 0;
        break;
    case 3:
        result = cmp > 0;
        break;
    case 4:
        result = cmp <= 0;
        break;
    default:
        result = cmp >= 0;
    }
    out->type = CA_BINARY;
    out->number = result;
    return true;
}

static bool parse_not(struct parser *ps, struct ca_value *out)
{
    skip_blanks(ps);
    char word[8];
    peek_word(ps, word, sizeof word);
    if (strcmp(word, "NOT") == 0) {
        ps->pos += 3;
        size_t at = ps->pos;
        if (!parse_not(ps, out))
            return false;
        bool b;
        if (!to_binary(ps, out, at, &b))
            return false;
        ca_value_free(out);
        out->type = CA_BINARY;
        out->number = !b;
        return true;
    }
    return parse_relation(ps, out);
}

static bool parse_and(struct parser *ps, struct ca_value *out)
{
    size_t at = ps->pos;
    if (!parse_not(ps, out))
        return false;
    for (;;) {
        skip_blanks(ps);
        char word[8];
        peek_word(ps, word, sizeof word);
        if (strcmp(word, "AND") != 0)
            return true;
        ps->pos += 3;
        size_t rat = ps->pos;
        struct ca_value r = {0};
        bool a, b;
        if (!to_binary(ps, out, at, &a) || !parse_not(ps, &r) || !to_binary(ps, &r, rat, &b)) {
            ca_value_free(&r);
            return false;
        }
        ca_value_free(&r);
        ca_value_free(out);
        out->type = CA_BINARY;
        out->number = a && b;
    }
}

static bool parse_expression(struct parser *ps, struct ca_value *out)
{
    size_t at = ps->pos;
    memset(out, 0, sizeof *out);
    if (!parse_and(ps, out))
        return false;
    for (;;) {
        skip_blanks(ps);
        char word[8];
        peek_word(ps, word, sizeof word);
        bool is_or = strcmp(word, "OR") == 0, is_xor = strcmp(word, "XOR") == 0;
        if (!is_or && !is_xor)
            return true;
        ps->pos += is_or ? 2 : 3;
        size_t rat = ps->pos;
        struct ca_value r = {0};
        bool a, b;
        if (!to_binary(ps, out, at, &a) || !parse_and(ps, &r) || !to_binary(ps, &r, rat, &b)) {
            ca_value_free(&r);
            return false;
        }
        ca_value_free(&r);
        ca_value_free(out);
        out->type = CA_BINARY;
        out->number = is_or ? (a || b) : (a != b);
    }
}

bool conditional_evaluate(struct macro_environment *env, const char *text, size_t len, size_t *pos,
                          struct ca_value *out, struct asm_problem *p)
{
    struct parser ps = {env, text, len, *pos, p, env->depth};
    memset(out, 0, sizeof *out);
    if (!parse_expression(&ps, out)) {
        ca_value_free(out);
        return false;
    }
    *pos = ps.pos;
    return true;
}

bool conditional_arithmetic(struct macro_environment *env, const char *text, size_t len, size_t *pos,
                            int32_t *out, struct asm_problem *p)
{
    size_t at = *pos;
    struct ca_value v;
    if (!conditional_evaluate(env, text, len, pos, &v, p))
        return false;
    struct parser ps = {env, text, len, *pos, p, 0};
    bool ok = to_number(&ps, &v, at, out);
    ca_value_free(&v);
    return ok;
}

bool conditional_binary(struct macro_environment *env, const char *text, size_t len, size_t *pos, bool *out,
                        struct asm_problem *p)
{
    size_t at = *pos;
    struct ca_value v;
    if (!conditional_evaluate(env, text, len, pos, &v, p))
        return false;
    struct parser ps = {env, text, len, *pos, p, 0};
    bool ok = to_binary(&ps, &v, at, out);
    ca_value_free(&v);
    return ok;
}

bool conditional_character(struct macro_environment *env, const char *text, size_t len, size_t *pos, char **out,
                           struct asm_problem *p)
{
    size_t at = *pos;
    struct ca_value v;
    if (!conditional_evaluate(env, text, len, pos, &v, p))
        return false;
    if (v.type != CA_CHARACTER) {
        ca_value_free(&v);
        return problem_set(p, at, "SETC value is not a character expression (expected a quoted string such as "
                                  "'&A')");
    }
    *out = v.string;
    return true;
}
