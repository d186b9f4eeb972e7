#include "lib/ebcdic.h"

#include <stdio.h>

#include "lib/ebcdic_tables.inc"

void ebcdic_to_ascii(uint8_t *dst, const uint8_t *src, size_t len)
{
    for (size_t i = 0; i < len; i++)
        dst[i] = ebcdic_to_latin1[src[i]];
}

void ascii_to_ebcdic(uint8_t *dst, const uint8_t *src, size_t len)
{
    for (size_t i = 0; i < len; i++)
        dst[i] = latin1_to_ebcdic[src[i]];
}

size_t ebcdic_to_display(char *dst, size_t dstsize, const uint8_t *src, size_t len)
{
    size_t out = 0;
    if (dstsize == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = ebcdic_to_latin1[src[i]];
        char piece[5];
        size_t n;
        if (c >= 0x20 && c < 0x7F) {
            piece[0] = (char)c;
            n = 1;
        } else {
            n = (size_t)snprintf(piece, sizeof piece, "<%02X>", src[i]);
        }
        if (out + n >= dstsize)
            break;
        for (size_t k = 0; k < n; k++)
            dst[out++] = piece[k];
    }
    dst[out] = '\0';
    return out;
}
