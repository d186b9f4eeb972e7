#include "asm/located_text.h"

#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"

static void reserve_chars(struct located_text *t, size_t extra);

void located_text_init(struct located_text *t)
{
    memset(t, 0, sizeof *t);
    reserve_chars(t, 0);
    t->text[0] = '\0';
}

void located_text_free(struct located_text *t)
{
    free(t->text);
    free(t->segments);
    memset(t, 0, sizeof *t);
}

void located_text_clear(struct located_text *t)
{
    t->len = 0;
    t->segment_count = 0;
    reserve_chars(t, 0);
    t->text[0] = '\0';
}

static void reserve_chars(struct located_text *t, size_t extra)
{
    size_t need = t->len + extra + 1;
    if (need > t->cap) {
        size_t n = t->cap < 32 ? 32 : t->cap;
        while (n < need)
            n *= 2;
        t->text = asm_realloc(t->text, n);
        t->cap = n;
    }
}

static void add_segment(struct located_text *t, struct asm_location where, bool substituted)
{
    ASM_GROW(t->segments, t->segment_cap, t->segment_count + 1);
    t->segments[t->segment_count].offset = t->len;
    t->segments[t->segment_count].where = where;
    t->segments[t->segment_count].substituted = substituted;
    t->segment_count++;
}

static void append_chars(struct located_text *t, const char *s, size_t n)
{
    reserve_chars(t, n);
    if (n > 0)
        memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
}

/* A plain segment continues the previous one when it is the next column of
 * the same line, so a statement copied character by character stays one
 * segment per card. */
static bool continues_last(const struct located_text *t, struct asm_location where)
{
    if (t->segment_count == 0)
        return false;
    const struct text_segment *s = &t->segments[t->segment_count - 1];
    return !s->substituted && s->where.file == where.file && s->where.line == where.line &&
           s->where.column + (t->len - s->offset) == where.column;
}

void located_text_append(struct located_text *t, const char *s, size_t n, struct asm_location where)
{
    if (n == 0) {
        reserve_chars(t, 0);
        t->text[t->len] = '\0';
        return;
    }
    if (!continues_last(t, where))
        add_segment(t, where, false);
    append_chars(t, s, n);
}

void located_text_append_substituted(struct located_text *t, const char *s, size_t n,
                                     struct asm_location where)
{
    if (n == 0) {
        reserve_chars(t, 0);
        t->text[t->len] = '\0';
        return;
    }
    add_segment(t, where, true);
    append_chars(t, s, n);
}

void located_text_append_range(struct located_text *t, const struct located_text *src, size_t from,
                               size_t n)
{
    size_t end = from + n;
    while (from < end) {
        struct asm_location where = located_text_location(src, from);
        /* Copy up to the end of the source segment in one piece. */
        size_t seg_end = located_text_next_line_start(src, from);
        size_t piece = (seg_end < end ? seg_end : end) - from;
        size_t seg = 0;
        for (size_t i = 0; i < src->segment_count; i++)
            if (src->segments[i].offset <= from)
                seg = i;
        if (src->segment_count > 0 && src->segments[seg].substituted)
            located_text_append_substituted(t, src->text + from, piece, where);
        else
            located_text_append(t, src->text + from, piece, where);
        from += piece;
    }
    reserve_chars(t, 0);
    t->text[t->len] = '\0';
}

void located_text_copy(struct located_text *dst, const struct located_text *src)
{
    located_text_clear(dst);
    reserve_chars(dst, src->len);
    memcpy(dst->text, src->text, src->len + 1);
    dst->len = src->len;
    ASM_GROW(dst->segments, dst->segment_cap, src->segment_count);
    if (src->segment_count > 0)
        memcpy(dst->segments, src->segments, src->segment_count * sizeof *src->segments);
    dst->segment_count = src->segment_count;
}

static size_t segment_index(const struct located_text *t, size_t index)
{
    /* Binary search for the last segment starting at or before index. */
    size_t lo = 0, hi = t->segment_count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->segments[mid].offset <= index)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

struct asm_location located_text_location(const struct located_text *t, size_t index)
{
    struct asm_location none = {0, 0, 0};
    if (t->segment_count == 0)
        return none;
    const struct text_segment *s = &t->segments[segment_index(t, index)];
    struct asm_location w = s->where;
    if (!s->substituted && index >= s->offset)
        w.column += (uint32_t)(index - s->offset);
    return w;
}

size_t located_text_next_line_start(const struct located_text *t, size_t index)
{
    if (t->segment_count == 0)
        return t->len;
    size_t i = segment_index(t, index);
    if (i + 1 < t->segment_count)
        return t->segments[i + 1].offset;
    return t->len;
}
