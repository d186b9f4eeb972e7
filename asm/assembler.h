/* vm67 asm: a System/360 Model 67 assembler in the IBM assembler language
 * of the period. Use:
 *
 *     struct assembly *a = assembly_create(&options);
 *     assembly_read_file(a, "prog.asm", &err);   (or assembly_read_text)
 *     assembly_assemble(a);
 *     ... listing_write(), object_deck_build(), ipl_deck_build() ...
 *     assembly_destroy(a);
 *
 * assembly_assemble runs the macro processor over the source, then pass 1
 * (locations and symbols) and pass 2 (object code). Every problem is in
 * the assembly's diagnostics with its file, line and column. */
#ifndef VM67_ASM_ASSEMBLER_H
#define VM67_ASM_ASSEMBLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "asm/assembly.h"
#include "lib/error.h"

struct assembly *assembly_create(const struct asm_options *options);
void assembly_destroy(struct assembly *a);

bool assembly_read_file(struct assembly *a, const char *path, struct error *err);
void assembly_read_text(struct assembly *a, const char *name, const char *text);

void assembly_assemble(struct assembly *a);

size_t assembly_error_count(const struct assembly *a);
size_t assembly_warning_count(const struct assembly *a);

/* Prints every message, one a line, "FILE:LINE:COLUMN: error: ...". */
void assembly_print_diagnostics(const struct assembly *a, FILE *out);

/* The assembled address of a symbol (tests and tools); false if undefined. */
bool assembly_symbol_value(const struct assembly *a, const char *name, struct asm_value *value, uint32_t *length);

#endif
