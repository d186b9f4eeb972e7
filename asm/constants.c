#include "asm/constants.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "asm/float_constant.h"
#include "asm/lexer.h"
#include "asm/memory.h"
#include "lib/ebcdic.h"

#define MAX_OPERAND_BYTES (16u * 1024 * 1024)

void constant_operand_init(struct constant_operand *c)
{
    memset(c, 0, sizeof *c);
}

void constant_operand_free(struct constant_operand *c)
{
    free(c->pieces);
    constant_operand_init(c);
}

struct type_rule {
    char type;
    bool quoted;           /* nominal in quotes (else in parentheses) */
    uint32_t implicit;     /* length of a value without nominal or fixed length; 0 = from the value */
    uint32_t alignment;
    uint32_t min_length;
    uint32_t max_dc_length;
    uint32_t max_ds_length;
};

static const struct type_rule rules[] = {
    {'C', true, 0, 1, 1, 256, 65535}, {'X', true, 0, 1, 1, 256, 65535}, {'B', true, 0, 1, 1, 256, 65535},
    {'F', true, 4, 4, 1, 8, 8},       {'H', true, 2, 2, 1, 8, 8},       {'P', true, 0, 1, 1, 16, 16},
    {'Z', true, 0, 1, 1, 16, 16},     {'E', true, 4, 4, 4, 4, 4},       {'D', true, 8, 8, 8, 8, 8},
    {'A', false, 4, 4, 1, 4, 4},      {'Y', false, 2, 2, 1, 2, 2},      {'V', false, 4, 4, 3, 4, 4},
    {'S', false, 2, 2, 2, 2, 2},
};

static const struct type_rule *rule_for(char type)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].type == type)
            return &rules[i];
    return NULL;
}

static const char *later_type_name(char type)
{
    switch (type) {
    case 'L':
        return "L (extended floating point) is a later machine's type";
    case 'Q':
        return "Q (pseudo-register offset) is an OS/360 linkage-editor type the vm67 loader does not know";
    case 'J':
    case 'R':
    case 'G':
        return "a later assembler's type";
    default:
        return NULL;
    }
}

/* An absolute, defined expression in parentheses at text[*pos] == '('. */
static bool parenthesized_absolute(const struct expression_context *ctx, const char *text, size_t len, size_t *pos,
                                   const char *what, int32_t *value, struct asm_problem *p)
{
    size_t open = *pos;
    size_t i = open + 1;
    struct expression_result r;
    enum expression_status st = expression_parse(ctx, text, len, &i, &r);
    if (st == EXPRESSION_ERROR)
        return problem_set(p, r.error_at, "%s", r.message);
    if (st == EXPRESSION_UNDEFINED)
        return problem_set(p, r.undefined_at,
                           "%s uses symbol %s, which is not defined before this statement (expected "
                           "previously defined symbols only)",
                           what, r.undefined_name);
    if (i >= len || text[i] != ')')
        return problem_set(p, i, "%s in parentheses is not closed (expected ')')", what);
    if (!value_is_absolute(&r.value))
        return problem_set(p, open + 1, "%s is relocatable (expected an absolute expression)", what);
    *pos = i + 1;
    *value = r.value.value;
    return true;
}

static void add_piece(struct constant_operand *c, size_t start, size_t end, uint32_t length)
{
    ASM_GROW(c->pieces, c->piece_cap, c->piece_count + 1);
    c->pieces[c->piece_count].start = start;
    c->pieces[c->piece_count].end = end;
    c->pieces[c->piece_count].length = length;
    c->piece_count++;
}

/* Characters of a C-type value, with '' and && each counting once. */
static uint32_t character_count(const char *s, size_t start, size_t end)
{
    uint32_t n = 0;
    for (size_t i = start; i < end; i++) {
        if ((s[i] == '\'' || s[i] == '&') && i + 1 < end && s[i + 1] == s[i])
            i++;
        n++;
    }
    return n;
}

static uint32_t implicit_length(char type, const char *s, size_t start, size_t end)
{
    size_t digits = 0;
    switch (type) {
    case 'C':
        return character_count(s, start, end);
    case 'X':
        return (uint32_t)((end - start + 1) / 2);
    case 'B':
        return (uint32_t)((end - start + 7) / 8);
    case 'P':
    case 'Z':
        for (size_t i = start; i < end; i++)
            if (isdigit((unsigned char)s[i]))
                digits++;
        if (digits == 0)
            digits = 1;
        return type == 'Z' ? (uint32_t)digits : (uint32_t)((digits + 2) / 2);
    default:
        return rule_for(type)->implicit;
    }
}

bool constant_parse(const struct expression_context *ctx, const char *text, size_t len, size_t *pos, bool is_dc,
                    struct constant_operand *out, struct asm_problem *p)
{
    free(out->pieces);
    constant_operand_init(out);
    size_t i = *pos;
    out->start = i;
    out->duplication = 1;
    /* Duplication factor. */
    if (i < len && isdigit((unsigned char)text[i])) {
        uint64_t d = 0;
        while (i < len && isdigit((unsigned char)text[i])) {
            d = d * 10 + (uint64_t)(text[i++] - '0');
            if (d > MAX_OPERAND_BYTES)
                return problem_set(p, out->start, "duplication factor is too large (expected at most %u)",
                                   MAX_OPERAND_BYTES);
        }
        out->duplication = (uint32_t)d;
    } else if (i < len && text[i] == '(') {
        int32_t d;
        size_t at = i;
        if (!parenthesized_absolute(ctx, text, len, &i, "the duplication factor", &d, p))
            return false;
        if (d < 0 || (uint32_t)d > MAX_OPERAND_BYTES)
            return problem_set(p, at, "duplication factor %d is out of range (expected 0 to %u)", d,
                               MAX_OPERAND_BYTES);
        out->duplication = (uint32_t)d;
    }
    /* Type. */
    if (i >= len || !isalpha((unsigned char)text[i]))
        return problem_set(p, i, "constant type is missing (expected one of C X B F H P Z E D A Y V S)");
    out->type = lexer_upper(text[i]);
    out->type_at = i;
    const struct type_rule *rule = rule_for(out->type);
    if (rule == NULL) {
        const char *why = later_type_name(out->type);
        if (why != NULL)
            return problem_set(p, i, "constant type %s (expected one of C X B F H P Z E D A Y V S)", why);
        return problem_set(p, i, "'%c' is not a constant type (expected one of C X B F H P Z E D A Y V S)",
                           text[i]);
    }
    i++;
    /* Modifiers. */
    while (i < len && isalpha((unsigned char)text[i])) {
        char m = lexer_upper(text[i]);
        size_t at = i;
        if (m == 'L' && i + 1 < len && text[i + 1] == '.')
            return problem_set(p, at, "bit-length modifiers (L.) are not supported (expected Ln in bytes)");
        if (m == 'L' && i + 1 < len && (isdigit((unsigned char)text[i + 1]) || text[i + 1] == '(')) {
            i++;
            int32_t l;
            if (text[i] == '(') {
                if (!parenthesized_absolute(ctx, text, len, &i, "the length modifier", &l, p))
                    return false;
            } else {
                l = 0;
                while (i < len && isdigit((unsigned char)text[i])) {
                    l = l * 10 + (text[i++] - '0');
                    if (l > 1000000)
                        break;
                }
            }
            uint32_t max = is_dc ? rule->max_dc_length : rule->max_ds_length;
            if (l < (int32_t)rule->min_length || l > (int32_t)max)
                return problem_set(p, at, "length %d is not allowed for type %c (expected %u to %u)", l,
                                   out->type, rule->min_length, max);
            out->explicit_length = true;
            out->length = (uint32_t)l;
            continue;
        }
        if (m == 'S' || m == 'E')
            return problem_set(p, at, "%s modifiers are not supported (expected a length modifier Ln or the "
                                      "nominal value)",
                               m == 'S' ? "scale" : "exponent");
        return problem_set(p, at, "'%c' after the constant type (expected a length modifier Ln or the nominal "
                                  "value)",
                           text[i]);
    }
    /* Nominal value. */
    if (i < len && (text[i] == '\'' || text[i] == '(')) {
        bool quoted = text[i] == '\'';
        out->has_nominal = true;
        out->nominal_at = i;
        if (quoted != rule->quoted)
            return problem_set(p, i, "type %c takes its value in %s (expected '%c')", out->type,
                               rule->quoted ? "quotes" : "parentheses", rule->quoted ? '\'' : '(');
        size_t first = i + 1, last;
        if (quoted) {
            size_t close = lexer_skip_string(text, len, i);
            if (close == (size_t)-1)
                return problem_set(p, i, "the constant's value has no closing quote (expected ')");
            last = close - 1;
            i = close;
        } else {
            int depth = 0;
            size_t k = i;
            for (; k < len; k++) {
                if (text[k] == '\'' && !lexer_is_attribute_quote(text, len, k)) {
                    size_t after = lexer_skip_string(text, len, k);
                    if (after == (size_t)-1)
                        break;
                    k = after - 1;
                    continue;
                }
                if (text[k] == '(')
                    depth++;
                else if (text[k] == ')' && --depth == 0)
                    break;
            }
            if (k >= len)
                return problem_set(p, i, "the constant's value has no closing parenthesis (expected ')')");
            last = k;
            i = k + 1;
        }
        if (out->type == 'C') {
            uint32_t n = character_count(text, first, last);
            if (n == 0 && !out->explicit_length)
                return problem_set(p, out->nominal_at, "C'' has no characters (expected at least one, or a length)");
            if (n > 256 && !out->explicit_length && is_dc)
                return problem_set(p, out->nominal_at, "character constant has %u characters (expected at most 256)",
                                   n);
            add_piece(out, first, last, out->explicit_length ? out->length : n);
        } else {
            size_t k = first;
            for (;;) {
                size_t e = quoted ? k : lexer_operand_end(text, last, k);
                if (quoted)
                    while (e < last && text[e] != ',')
                        e++;
                if (e == k)
                    return problem_set(p, k, "empty value in the constant (expected a value between commas)");
                uint32_t l = out->explicit_length ? out->length : implicit_length(out->type, text, k, e);
                if (!out->explicit_length && (out->type == 'X' || out->type == 'B') && l > 256 && is_dc)
                    return problem_set(p, k, "value is %u bytes long (expected at most 256)", l);
                if (!out->explicit_length && (out->type == 'P' || out->type == 'Z') && l > 16)
                    return problem_set(p, k, "decimal value needs %u bytes (expected at most 16)", l);
                add_piece(out, k, e, l);
                if (e >= last)
                    break;
                k = e + 1;
            }
        }
    } else if (is_dc && out->duplication != 0) {
        /* (A zero duplication factor only aligns: DC 0F needs no value.) */
        return problem_set(p, i, "DC operand has no value (expected %s after the type)",
                           rule->quoted ? "a value in quotes" : "(expressions)");
    }
    out->end = i;
    out->alignment = out->explicit_length ? 1 : rule->alignment;
    uint64_t size = 0;
    if (out->piece_count == 0) {
        size = out->explicit_length ? out->length : (rule->implicit != 0 ? rule->implicit : 1);
        out->length_attribute = (uint32_t)size;
    } else {
        for (size_t k = 0; k < out->piece_count; k++)
            size += out->pieces[k].length;
        out->length_attribute = out->pieces[0].length;
    }
    uint64_t total = size * out->duplication;
    if (total > MAX_OPERAND_BYTES)
        return problem_set(p, out->start, "the operand needs %llu bytes (expected at most %u)",
                           (unsigned long long)total, MAX_OPERAND_BYTES);
    out->size = (uint32_t)size;
    out->total = (uint32_t)total;
    *pos = i;
    return true;
}

/* ---- generation ---- */

static int hex_value(char c)
{
    if (isdigit((unsigned char)c))
        return c - '0';
    c = lexer_upper(c);
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Places `n` bytes of `bytes` right-aligned in `length` bytes: truncated
 * on the left, padded on the left with zeros. */
static void right_aligned(struct byte_buffer *out, const uint8_t *bytes, size_t n, uint32_t length)
{
    if (n >= length) {
        byte_buffer_append(out, bytes + (n - length), length);
    } else {
        byte_buffer_append_repeated(out, 0, length - n);
        byte_buffer_append(out, bytes, n);
    }
}

static bool generate_character(const char *s, const struct constant_piece *pc, struct byte_buffer *out)
{
    uint32_t written = 0;
    for (size_t i = pc->start; i < pc->end && written < pc->length; i++) {
        char c = s[i];
        if ((c == '\'' || c == '&') && i + 1 < pc->end && s[i + 1] == c)
            i++;
        byte_buffer_append_byte(out, ascii_to_ebcdic_char((uint8_t)c));
        written++;
    }
    byte_buffer_append_repeated(out, 0x40, pc->length - written);
    return true;
}

static bool generate_hex(const char *s, const struct constant_piece *pc, struct byte_buffer *out,
                         struct asm_problem *p)
{
    size_t digits = pc->end - pc->start;
    uint8_t *bytes = asm_alloc(digits / 2 + 1);
    size_t n = (digits + 1) / 2;
    size_t nib = (digits % 2) ? 1 : 0; /* odd: a leading zero nibble */
    for (size_t i = pc->start; i < pc->end; i++, nib++) {
        int v = hex_value(s[i]);
        if (v < 0) {
            free(bytes);
            return problem_set(p, i, "'%c' in a hexadecimal constant (expected 0-9 or A-F)", s[i]);
        }
        bytes[nib / 2] |= (uint8_t)(nib % 2 ? v : v << 4);
    }
    right_aligned(out, bytes, n, pc->length);
    free(bytes);
    return true;
}

static bool generate_binary(const char *s, const struct constant_piece *pc, struct byte_buffer *out,
                            struct asm_problem *p)
{
    size_t bits = pc->end - pc->start;
    size_t n = (bits + 7) / 8;
    uint8_t *bytes = asm_alloc(n + 1);
    size_t pad = n * 8 - bits;
    for (size_t i = pc->start; i < pc->end; i++) {
        if (s[i] != '0' && s[i] != '1') {
            free(bytes);
            return problem_set(p, i, "'%c' in a binary constant (expected 0 or 1)", s[i]);
        }
        size_t bit = pad + (i - pc->start);
        if (s[i] == '1')
            bytes[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
    }
    right_aligned(out, bytes, n, pc->length);
    free(bytes);
    return true;
}

/* [+-]digits[E[+]digits] into a 64-bit integer. */
static bool parse_integer(const char *s, size_t start, size_t end, int64_t *value, struct asm_problem *p)
{
    size_t i = start;
    bool negative = false;
    if (i < end && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    if (i >= end || !isdigit((unsigned char)s[i]))
        return problem_set(p, i, "integer constant has no digits (expected [+|-]digits)");
    uint64_t v = 0;
    while (i < end && isdigit((unsigned char)s[i])) {
        v = v * 10 + (uint64_t)(s[i++] - '0');
        if (v > ((uint64_t)1 << 63))
            return problem_set(p, start, "integer constant is too large");
    }
    if (i < end && (s[i] == 'E' || s[i] == 'e')) {
        size_t at = i++;
        if (i < end && s[i] == '+')
            i++;
        if (i >= end || !isdigit((unsigned char)s[i]))
            return problem_set(p, at, "exponent has no digits (expected E followed by a decimal number)");
        int e = 0;
        while (i < end && isdigit((unsigned char)s[i]))
            e = e * 10 + (s[i++] - '0');
        while (e-- > 0) {
            v *= 10;
            if (v > ((uint64_t)1 << 63))
                return problem_set(p, start, "integer constant is too large");
        }
    }
    if (i != end) {
        if (s[i] == '.')
            return problem_set(p, i, "fixed-point constant has a fraction (expected an integer; scale modifiers "
                                     "are not supported)");
        return problem_set(p, i, "'%c' in an integer constant (expected digits)", s[i]);
    }
    if (!negative && v > (uint64_t)INT64_MAX)
        return problem_set(p, start, "integer constant is too large");
    *value = negative ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

static void store_integer(struct byte_buffer *out, int64_t v, uint32_t length)
{
    for (uint32_t k = length; k-- > 0;)
        byte_buffer_append_byte(out, (uint8_t)((uint64_t)v >> (8 * k)));
}

static bool fits_signed(int64_t v, uint32_t length)
{
    if (length >= 8)
        return true;
    int64_t lim = (int64_t)1 << (8 * length - 1);
    return v >= -lim && v < lim;
}

static bool fits_either(int64_t v, uint32_t length)
{
    if (length >= 8)
        return true;
    return fits_signed(v, length) || (v >= 0 && (uint64_t)v < ((uint64_t)1 << (8 * length)));
}

static bool generate_fixed(const char *s, const struct constant_piece *pc, char type, struct byte_buffer *out,
                           struct asm_problem *p)
{
    int64_t v = 0;
    if (!parse_integer(s, pc->start, pc->end, &v, p))
        return false;
    if (!fits_signed(v, pc->length))
        return problem_set(p, pc->start, "value %lld does not fit in %u bytes (type %c, expected %s)", (long long)v,
                           pc->length, type, pc->length == 4 ? "-2147483648 to 2147483647" : "a smaller value");
    store_integer(out, v, pc->length);
    return true;
}

static bool generate_decimal(const char *s, const struct constant_piece *pc, char type, struct byte_buffer *out,
                             struct asm_problem *p)
{
    size_t i = pc->start;
    bool negative = false;
    if (i < pc->end && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    char digits[64];
    size_t n = 0;
    bool point = false;
    for (; i < pc->end; i++) {
        if (s[i] == '.' && !point) {
            point = true; /* the point only documents the scale */
            continue;
        }
        if (!isdigit((unsigned char)s[i]))
            return problem_set(p, i, "'%c' in a decimal constant (expected digits, a sign or a point)", s[i]);
        if (n >= sizeof digits)
            return problem_set(p, pc->start, "decimal constant has too many digits (expected at most 31)");
        digits[n++] = s[i];
    }
    if (n == 0)
        return problem_set(p, pc->start, "decimal constant has no digits");
    /* Drop leading zeros that do not fit; other digits must fit. */
    size_t capacity = type == 'Z' ? pc->length : pc->length * 2 - 1;
    size_t first = 0;
    while (n - first > capacity && digits[first] == '0')
        first++;
    if (n - first > capacity)
        return problem_set(p, pc->start, "decimal value has %zu digits, more than fit in %u bytes (expected at "
                                         "most %zu digits)",
                           n - first, pc->length, capacity);
    size_t used = n - first;
    if (type == 'Z') {
        for (size_t k = 0; k < capacity - used; k++)
            byte_buffer_append_byte(out, 0xF0);
        for (size_t k = first; k < n; k++) {
            uint8_t zone = (k == n - 1) ? (negative ? 0xD0 : 0xC0) : 0xF0;
            byte_buffer_append_byte(out, (uint8_t)(zone | (digits[k] - '0')));
        }
        return true;
    }
    /* Packed: nibbles right-aligned, then the sign C (plus) or D (minus). */
    uint8_t nibbles[80] = {0};
    size_t total = pc->length * 2;
    for (size_t k = 0; k < used; k++)
        nibbles[total - 1 - used + k] = (uint8_t)(digits[first + k] - '0');
    nibbles[total - 1] = negative ? 0xD : 0xC;
    for (size_t k = 0; k < total; k += 2)
        byte_buffer_append_byte(out, (uint8_t)(nibbles[k] << 4 | nibbles[k + 1]));
    return true;
}

static bool generate_float(const char *s, const struct constant_piece *pc, char type, struct byte_buffer *out,
                           struct asm_problem *p)
{
    uint8_t bytes[8];
    if (!float_constant_encode(s + pc->start, pc->end - pc->start, type == 'E' ? 4 : 8, bytes, p)) {
        p->at += pc->start;
        return false;
    }
    byte_buffer_append(out, bytes, type == 'E' ? 4 : 8);
    return true;
}

static bool evaluate_address(struct constant_environment *env, const char *s, const struct constant_piece *pc,
                             struct asm_value *v, uint32_t *length_attribute, size_t *stop, struct asm_problem *p)
{
    size_t i = pc->start;
    struct expression_result r;
    enum expression_status st = expression_parse(&env->expressions, s, pc->end, &i, &r);
    if (st == EXPRESSION_ERROR)
        return problem_set(p, r.error_at, "%s", r.message);
    if (st == EXPRESSION_UNDEFINED)
        return problem_set(p, r.undefined_at, "undefined symbol %s (expected a symbol defined in this assembly)",
                           r.undefined_name);
    *v = r.value;
    if (length_attribute != NULL)
        *length_attribute = r.length_attribute;
    *stop = i;
    return true;
}

static bool generate_address(struct constant_environment *env, const char *s, const struct constant_piece *pc,
                             char type, uint32_t address, struct byte_buffer *out, struct asm_problem *p)
{
    struct asm_value v;
    size_t stop;
    env->expressions.location =
        env->fixed_location ? env->location : value_relocatable((int32_t)address, env->section_id);
    env->expressions.location_length = pc->length;
    if (!evaluate_address(env, s, pc, &v, NULL, &stop, p))
        return false;
    if (stop != pc->end)
        return problem_set(p, stop, "'%c' in an address constant (expected an operator or the end of the value)",
                           s[stop]);
    if (value_is_absolute(&v)) {
        if (!fits_either(v.value, pc->length))
            return problem_set(p, pc->start, "value %d does not fit in %u bytes (type %c)", v.value, pc->length,
                               type);
    } else {
        env->relocate(env->context, address, pc->length, &v, false);
    }
    store_integer(out, v.value, pc->length);
    return true;
}

static bool generate_external(struct constant_environment *env, const char *s, const struct constant_piece *pc,
                              uint32_t address, struct byte_buffer *out, struct asm_problem *p)
{
    size_t n = lexer_symbol_length(s, pc->end, pc->start);
    if (n == 0 || pc->start + n != pc->end)
        return problem_set(p, pc->start, "V-type value is not a symbol (expected the name of an external "
                                         "routine)");
    if (n > 8)
        return problem_set(p, pc->start, "external name is %zu characters long (expected at most 8)", n);
    char name[ASM_SYMBOL_MAX + 1];
    lexer_copy_upper(name, sizeof name, s + pc->start, n);
    uint32_t id = env->external(env->context, name);
    struct asm_value v = value_relocatable(0, id);
    env->relocate(env->context, address, pc->length, &v, true);
    store_integer(out, 0, pc->length);
    return true;
}

static bool generate_s_type(struct constant_environment *env, const char *s, const struct constant_piece *pc,
                            uint32_t address, struct byte_buffer *out, struct asm_problem *p)
{
    struct asm_value v;
    size_t stop;
    env->expressions.location =
        env->fixed_location ? env->location : value_relocatable((int32_t)address, env->section_id);
    env->expressions.location_length = 2;
    if (!evaluate_address(env, s, pc, &v, NULL, &stop, p))
        return false;
    unsigned base;
    uint32_t displacement;
    if (stop < pc->end && s[stop] == '(') {
        /* Explicit D(B). */
        struct constant_piece inner = {stop + 1, pc->end, 0};
        struct asm_value b;
        size_t bstop;
        if (!evaluate_address(env, s, &inner, &b, NULL, &bstop, p))
            return false;
        if (bstop >= pc->end || s[bstop] != ')' || bstop + 1 != pc->end)
            return problem_set(p, bstop, "S-type value D(B) is not closed (expected ')')");
        if (!value_is_absolute(&v) || v.value < 0 || v.value > 4095)
            return problem_set(p, pc->start, "displacement is not an absolute value from 0 to 4095");
        if (!value_is_absolute(&b) || b.value < 0 || b.value > 15)
            return problem_set(p, stop + 1, "base register is not an absolute value from 0 to 15");
        base = (unsigned)b.value;
        displacement = (uint32_t)v.value;
    } else {
        if (stop != pc->end)
            return problem_set(p, stop, "'%c' in an S-type constant (expected an address or D(B))", s[stop]);
        if (!env->base_displacement(env->context, &v, pc->start, &base, &displacement, p))
            return false;
    }
    byte_buffer_append_byte(out, (uint8_t)(base << 4 | displacement >> 8));
    byte_buffer_append_byte(out, (uint8_t)displacement);
    return true;
}

bool constant_generate(const struct constant_operand *c, const char *text, size_t len,
                       struct constant_environment *env, struct byte_buffer *out, struct asm_problem *p)
{
    (void)len;
    uint32_t address = env->address;
    for (uint32_t d = 0; d < c->duplication; d++) {
        for (size_t k = 0; k < c->piece_count; k++) {
            const struct constant_piece *pc = &c->pieces[k];
            size_t before = out->len;
            bool ok = true;
            switch (c->type) {
            case 'C':
                ok = generate_character(text, pc, out);
                break;
            case 'X':
                ok = generate_hex(text, pc, out, p);
                break;
            case 'B':
                ok = generate_binary(text, pc, out, p);
                break;
            case 'F':
            case 'H':
                ok = generate_fixed(text, pc, c->type, out, p);
                break;
            case 'P':
            case 'Z':
                ok = generate_decimal(text, pc, c->type, out, p);
                break;
            case 'E':
            case 'D':
                ok = generate_float(text, pc, c->type, out, p);
                break;
            case 'A':
            case 'Y':
                ok = generate_address(env, text, pc, c->type, address, out, p);
                break;
            case 'V':
                ok = generate_external(env, text, pc, address, out, p);
                break;
            case 'S':
                ok = generate_s_type(env, text, pc, address, out, p);
                break;
            default:
                ok = problem_set(p, c->type_at, "constant type %c cannot be generated", c->type);
            }
            if (!ok)
                return false;
            address += (uint32_t)(out->len - before);
        }
    }
    return true;
}
