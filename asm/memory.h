/* Allocation for the assembler: an assembly that runs out of host memory
 * cannot produce anything useful, so these helpers print one line and end
 * the process instead of making every caller handle NULL. */
#ifndef VM67_ASM_MEMORY_H
#define VM67_ASM_MEMORY_H

#include <stddef.h>

void *asm_alloc(size_t size);             /* zeroed */
void *asm_realloc(void *p, size_t size);
char *asm_strdup(const char *s);
char *asm_strndup(const char *s, size_t n);
/* Grows *array (of `*cap` elements of `elem` bytes) so that it holds at
 * least `need` elements. */
void asm_grow(void **array, size_t *cap, size_t need, size_t elem);

#define ASM_GROW(array, cap, need) asm_grow((void **)&(array), &(cap), (need), sizeof *(array))

#endif
