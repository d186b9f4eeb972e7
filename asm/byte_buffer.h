/* A growable byte string (object code, card decks, listing text). The data
 * is always followed by a NUL byte, so a buffer of text is a C string. */
#ifndef VM67_ASM_BYTE_BUFFER_H
#define VM67_ASM_BYTE_BUFFER_H

#include <stddef.h>
#include <stdint.h>

struct byte_buffer {
    uint8_t *data;
    size_t len;
    size_t cap;
};

void byte_buffer_init(struct byte_buffer *b);
void byte_buffer_free(struct byte_buffer *b);
void byte_buffer_clear(struct byte_buffer *b);
void byte_buffer_append(struct byte_buffer *b, const void *data, size_t len);
void byte_buffer_append_byte(struct byte_buffer *b, uint8_t byte);
void byte_buffer_append_repeated(struct byte_buffer *b, uint8_t byte, size_t count);
void byte_buffer_append_string(struct byte_buffer *b, const char *s);
void byte_buffer_printf(struct byte_buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (NUL-terminated) and empties the buffer. */
char *byte_buffer_take_string(struct byte_buffer *b);

#endif
