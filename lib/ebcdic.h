/* EBCDIC (code page 037) <-> ASCII/Latin-1 translation. */
#ifndef VM67_LIB_EBCDIC_H
#define VM67_LIB_EBCDIC_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t ebcdic_to_latin1[256];
extern const uint8_t latin1_to_ebcdic[256];

static inline uint8_t ebcdic_to_ascii_char(uint8_t c)
{
    return ebcdic_to_latin1[c];
}

static inline uint8_t ascii_to_ebcdic_char(uint8_t c)
{
    return latin1_to_ebcdic[c];
}

void ebcdic_to_ascii(uint8_t *dst, const uint8_t *src, size_t len);
void ascii_to_ebcdic(uint8_t *dst, const uint8_t *src, size_t len);

/* Render EBCDIC bytes for a human: printable characters as ASCII, others
 * as <XX> in hex (the notation of the historical console transcripts).
 * Returns the number of characters written, always NUL-terminated. */
size_t ebcdic_to_display(char *dst, size_t dstsize, const uint8_t *src, size_t len);

#endif
