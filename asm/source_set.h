/* The source files of one assembly: the main file, the COPY members and
 * the macro-library members it reads. Each file is kept as lines (tabs
 * expanded to 8-column stops, the line end removed), addressed by an
 * index that every location in the assembly refers to. */
#ifndef VM67_ASM_SOURCE_SET_H
#define VM67_ASM_SOURCE_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"

struct source_file {
    char *path;   /* as given or as found in a library directory */
    char **lines;
    size_t *lengths;
    size_t line_count;
};

struct source_set {
    struct source_file *files;
    size_t count;
    size_t cap;
};

void source_set_init(struct source_set *s);
void source_set_free(struct source_set *s);

/* Adds text held in memory under the name `name`; returns its index. */
size_t source_set_add_text(struct source_set *s, const char *name, const char *text, size_t len);

/* Reads a file; on failure fills err ("PATH: reason"). */
bool source_set_load_file(struct source_set *s, const char *path, size_t *index, struct error *err);

/* Finds a library member (a COPY member or a macro) by name in the
 * directories, in order: DIR/NAME, DIR/NAME.asm, DIR/NAME.mac,
 * DIR/NAME.copy, with the name as written, in lower case and in upper
 * case. A member already loaded is not read again. Returns false (err
 * untouched) if none exists; false with err set if one exists but cannot
 * be read. */
bool source_set_find_member(struct source_set *s, const char *const *dirs, size_t dir_count,
                            const char *member, size_t *index, bool *found, struct error *err);

#endif
