#include "asm/byte_buffer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"

void byte_buffer_init(struct byte_buffer *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void byte_buffer_free(struct byte_buffer *b)
{
    free(b->data);
    byte_buffer_init(b);
}

void byte_buffer_clear(struct byte_buffer *b)
{
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = 0;
}

static void reserve(struct byte_buffer *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t n = b->cap < 64 ? 64 : b->cap;
    while (n < need)
        n *= 2;
    b->data = asm_realloc(b->data, n);
    b->cap = n;
}

void byte_buffer_append(struct byte_buffer *b, const void *data, size_t len)
{
    reserve(b, len);
    if (len > 0)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = 0;
}

void byte_buffer_append_byte(struct byte_buffer *b, uint8_t byte)
{
    byte_buffer_append(b, &byte, 1);
}

void byte_buffer_append_repeated(struct byte_buffer *b, uint8_t byte, size_t count)
{
    reserve(b, count);
    memset(b->data + b->len, byte, count);
    b->len += count;
    b->data[b->len] = 0;
}

void byte_buffer_append_string(struct byte_buffer *b, const char *s)
{
    byte_buffer_append(b, s, strlen(s));
}

void byte_buffer_printf(struct byte_buffer *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *byte_buffer_take_string(struct byte_buffer *b)
{
    reserve(b, 0);
    char *s = (char *)b->data;
    byte_buffer_init(b);
    return s;
}
