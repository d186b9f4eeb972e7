#include "asm/memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "vm67 asm: out of memory (asked for %zu bytes)\n", size);
    exit(1);
}

void *asm_alloc(size_t size)
{
    void *p = calloc(1, size == 0 ? 1 : size);
    if (p == NULL)
        out_of_memory(size);
    return p;
}

void *asm_realloc(void *p, size_t size)
{
    void *q = realloc(p, size == 0 ? 1 : size);
    if (q == NULL)
        out_of_memory(size);
    return q;
}

char *asm_strndup(const char *s, size_t n)
{
    char *p = asm_alloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *asm_strdup(const char *s)
{
    return asm_strndup(s, strlen(s));
}

void asm_grow(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t n = *cap < 8 ? 8 : *cap;
    while (n < need)
        n *= 2;
    *array = asm_realloc(*array, n * elem);
    memset((char *)*array + *cap * elem, 0, (n - *cap) * elem);
    *cap = n;
}
