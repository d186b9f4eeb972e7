/* deck_builder IMAGE DECK: makes a stand-alone IPL card deck from a
 * memory image described in text, for the end-to-end tests' own decks.
 *
 * The image file:
 *   # comment
 *   start ADDRESS          the program's entry (a disabled BC PSW)
 *   ADDRESS: HEX...        bytes (blanks between digits are ignored)
 *   ADDRESS: "TEXT"        EBCDIC text
 * (addresses in hex, at X'200' or above.)
 *
 * The deck: an IPL card (PSW, a read of the loader card into X'100' with
 * command chaining, a TIC to it), the loader card (one read CCW per data
 * card, chained), and the image in 80-byte cards from its lowest address.
 * At most 10 data cards (800 bytes). */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"
#include "lib/ebcdic.h"

#define LOADER 0x100u
#define IMAGE_BASE 0x200u
#define MAX_CARDS 10u
#define CARD 80u

static unsigned char image[MAX_CARDS * CARD];
static unsigned image_end; /* offset after the last byte given */

static void fail(const char *file, unsigned line, const char *what)
{
    fprintf(stderr, "deck_builder: %s:%u: %s\n", file, line, what);
    exit(1);
}

static void put(const char *file, unsigned line, unsigned long address, unsigned char byte)
{
    if (address < IMAGE_BASE || address >= IMAGE_BASE + sizeof image)
        fail(file, line, "address outside X'200'-X'51F'");
    image[address - IMAGE_BASE] = byte;
    if (address - IMAGE_BASE + 1 > image_end)
        image_end = (unsigned)(address - IMAGE_BASE + 1);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: deck_builder IMAGE DECK\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (in == NULL) {
        perror(argv[1]);
        return 1;
    }
    unsigned long start = 0;
    char text[1024];
    unsigned line = 0;
    while (fgets(text, sizeof text, in) != NULL) {
        line++;
        char *p = text;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        if (strncmp(p, "start", 5) == 0) {
            start = strtoul(p + 5, NULL, 16);
            continue;
        }
        char *end;
        unsigned long address = strtoul(p, &end, 16);
        if (end == p || *end != ':')
            fail(argv[1], line, "expected ADDRESS: or start");
        p = end + 1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '"') {
            p++;
            while (*p != '"') {
                if (*p == '\0' || *p == '\n')
                    fail(argv[1], line, "unterminated text");
                put(argv[1], line, address++, ascii_to_ebcdic_char((unsigned char)*p++));
            }
            continue;
        }
        int high = -1;
        for (; *p != '\0' && *p != '#'; p++) {
            if (isspace((unsigned char)*p))
                continue;
            if (!isxdigit((unsigned char)*p))
                fail(argv[1], line, "not a hex digit");
            int v = isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
            if (high < 0) {
                high = v;
            } else {
                put(argv[1], line, address++, (unsigned char)(high << 4 | v));
                high = -1;
            }
        }
        if (high >= 0)
            fail(argv[1], line, "odd number of hex digits");
    }
    fclose(in);
    if (image_end == 0 || start == 0)
        fail(argv[1], line, "no image or no start address");
    unsigned cards = (image_end + CARD - 1) / CARD;

    unsigned char deck[(2 + MAX_CARDS) * CARD];
    memset(deck, 0x40, sizeof deck);
    unsigned char *ipl = deck;
    memset(ipl, 0, 24);
    store_be32(ipl + 4, (uint32_t)start);
    store_be32(ipl + 8, 0x02000000u | LOADER);
    store_be32(ipl + 12, 0x60000000u | CARD); /* command chaining, SLI */
    store_be32(ipl + 16, 0x08000000u | LOADER);
    store_be32(ipl + 20, 1);
    unsigned char *loader = deck + CARD;
    for (unsigned i = 0; i < cards; i++) {
        bool last = i + 1 == cards;
        store_be32(loader + 8 * i, 0x02000000u | (IMAGE_BASE + i * CARD));
        store_be32(loader + 8 * i + 4, (last ? 0x20000000u : 0x60000000u) | CARD);
    }
    memcpy(deck + 2 * CARD, image, cards * CARD);
    FILE *out = fopen(argv[2], "wb");
    if (out == NULL || fwrite(deck, 1, (2 + cards) * CARD, out) != (2 + cards) * CARD || fclose(out) != 0) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
