#include "asm/source_set.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "asm/byte_buffer.h"
#include "asm/memory.h"

void source_set_init(struct source_set *s)
{
    memset(s, 0, sizeof *s);
}

void source_set_free(struct source_set *s)
{
    for (size_t i = 0; i < s->count; i++) {
        struct source_file *f = &s->files[i];
        for (size_t k = 0; k < f->line_count; k++)
            free(f->lines[k]);
        free(f->lines);
        free(f->lengths);
        free(f->path);
    }
    free(s->files);
    source_set_init(s);
}

/* Splits text into lines: LF or CR LF ends a line, tabs go to the next
 * multiple of 8 columns (the usual terminal convention), a final line
 * without an end still counts. */
static void split_lines(struct source_file *f, const char *text, size_t len)
{
    size_t cap = 0;
    struct byte_buffer line;
    byte_buffer_init(&line);
    size_t i = 0;
    while (i < len) {
        byte_buffer_clear(&line);
        while (i < len && text[i] != '\n') {
            char c = text[i++];
            if (c == '\r' && (i == len || text[i] == '\n'))
                continue;
            if (c == '\t') {
                size_t next = (line.len / 8 + 1) * 8;
                byte_buffer_append_repeated(&line, ' ', next - line.len);
            } else {
                byte_buffer_append_byte(&line, (uint8_t)c);
            }
        }
        if (i < len)
            i++; /* the LF */
        ASM_GROW(f->lines, cap, f->line_count + 1);
        f->lines[f->line_count] = asm_strndup(line.data != NULL ? (const char *)line.data : "", line.len);
        f->line_count++;
    }
    byte_buffer_free(&line);
    f->lengths = asm_alloc((f->line_count + 1) * sizeof *f->lengths);
    for (size_t k = 0; k < f->line_count; k++)
        f->lengths[k] = strlen(f->lines[k]);
}

size_t source_set_add_text(struct source_set *s, const char *name, const char *text, size_t len)
{
    ASM_GROW(s->files, s->cap, s->count + 1);
    struct source_file *f = &s->files[s->count];
    memset(f, 0, sizeof *f);
    f->path = asm_strdup(name);
    split_lines(f, text, len);
    return s->count++;
}

bool source_set_load_file(struct source_set *s, const char *path, size_t *index, struct error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return error_set(err, "%s: cannot open: %s", path, strerror(errno));
    struct byte_buffer b;
    byte_buffer_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        byte_buffer_append(&b, chunk, n);
    bool bad = ferror(fp) != 0;
    int saved = errno;
    fclose(fp);
    if (bad) {
        byte_buffer_free(&b);
        return error_set(err, "%s: read error: %s", path, strerror(saved));
    }
    *index = source_set_add_text(s, path, b.data != NULL ? (const char *)b.data : "", b.len);
    byte_buffer_free(&b);
    return true;
}

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool source_set_find_member(struct source_set *s, const char *const *dirs, size_t dir_count,
                            const char *member, size_t *index, bool *found, struct error *err)
{
    static const char *const suffixes[] = {"", ".asm", ".mac", ".copy", ".ASM", ".MAC", ".COPY"};
    *found = false;
    size_t mlen = strlen(member);
    char *lower = asm_strdup(member);
    char *upper = asm_strdup(member);
    for (size_t i = 0; i < mlen; i++) {
        lower[i] = (char)tolower((unsigned char)member[i]);
        upper[i] = (char)toupper((unsigned char)member[i]);
    }
    const char *names[] = {member, lower, upper};
    bool ok = true;
    for (size_t d = 0; d < dir_count && !*found; d++) {
        for (size_t nm = 0; nm < 3 && !*found; nm++) {
            for (size_t sx = 0; sx < sizeof suffixes / sizeof suffixes[0] && !*found; sx++) {
                struct byte_buffer path;
                byte_buffer_init(&path);
                byte_buffer_printf(&path, "%s/%s%s", dirs[d], names[nm], suffixes[sx]);
                const char *p = (const char *)path.data;
                if (is_regular_file(p)) {
                    *found = true;
                    for (size_t k = 0; k < s->count; k++) {
                        if (strcmp(s->files[k].path, p) == 0) {
                            *index = k;
                            byte_buffer_free(&path);
                            goto done;
                        }
                    }
                    ok = source_set_load_file(s, p, index, err);
                }
                byte_buffer_free(&path);
            }
        }
    }
done:
    free(lower);
    free(upper);
    return ok && *found;
}
