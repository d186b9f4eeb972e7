#include "asm/ipl_deck.h"

#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"
#include "asm/object_card.h"
#include "lib/bytes.h"

struct chunk {
    uint32_t address;
    uint32_t length;
};

static void put_ccw(uint8_t *p, uint8_t command, uint32_t address, uint8_t flags, uint16_t count)
{
    p[0] = command;
    p[1] = (uint8_t)(address >> 16);
    p[2] = (uint8_t)(address >> 8);
    p[3] = (uint8_t)address;
    p[4] = flags;
    p[5] = 0;
    store_be16(p + 6, count);
}

/* Splits the image into card-sized chunks, skipping stretches of at least
 * a card with no object code. */
static struct chunk *chunks_of(const struct program_image *image, size_t *count)
{
    size_t cap = 0, n = 0;
    struct chunk *list = NULL;
    uint32_t size = image->high - image->low;
    uint32_t i = 0;
    while (i < size) {
        if (!image->present[i]) {
            i++;
            continue;
        }
        uint32_t len = size - i < CARD_BYTES ? size - i : CARD_BYTES;
        ASM_GROW(list, cap, n + 1);
        list[n].address = image->low + i;
        list[n].length = len;
        n++;
        i += len;
    }
    *count = n;
    return list;
}

bool ipl_deck_build(const struct program_image *image, struct byte_buffer *out, struct error *err)
{
    size_t nchunks;
    struct chunk *chunks = chunks_of(image, &nchunks);
    /* Two CCW buffers, outside the program and above the fixed low-storage
     * areas (PSWs, CSW, CAW, timer, scan-out: below X'200'), whose bytes a
     * program may expect to find as it left them. */
    uint32_t buffer;
    if (image->low >= IPL_LOW_STORAGE_END + 2 * CARD_BYTES)
        buffer = (image->low - 2 * CARD_BYTES) & ~7u;
    else
        buffer = (image->high + 7) & ~7u;
    if (buffer < 0x18 || buffer + 2 * CARD_BYTES > 0x1000000) {
        free(chunks);
        return error_set(err, "no room for the IPL deck's CCW buffers below or above the program (expected "
                              "160 free bytes above location X'18' next to it)");
    }
    uint32_t buffers[2] = {buffer, buffer + CARD_BYTES};
    uint8_t psw[8];
    program_image_ipl_psw(image, psw);
    uint8_t card[CARD_BYTES];

    memset(card, 0, sizeof card);
    memcpy(card, psw, 8);
    put_ccw(card + 8, IPL_CCW_READ, buffers[0], IPL_CCW_CHAIN_COMMAND | IPL_CCW_SLI, CARD_BYTES);
    put_ccw(card + 16, IPL_CCW_TIC, buffers[0], 0, 1);
    byte_buffer_append(out, card, sizeof card);

    size_t next = 0;
    int which = 0;
    for (;;) {
        size_t left = nchunks - next;
        bool last = left <= IPL_DATA_READS_PER_CARD + 1;
        size_t reads = last ? left : IPL_DATA_READS_PER_CARD;
        memset(card, 0, sizeof card);
        for (size_t k = 0; k < reads; k++) {
            const struct chunk *c = &chunks[next + k];
            put_ccw(card + 8 * k, IPL_CCW_READ, c->address, IPL_CCW_CHAIN_COMMAND | IPL_CCW_SLI, (uint16_t)c->length);
        }
        if (last) {
            put_ccw(card + 8 * reads, IPL_CCW_READ, 0, IPL_CCW_SLI, 8);
        } else {
            put_ccw(card + 8 * reads, IPL_CCW_READ, buffers[1 - which], IPL_CCW_CHAIN_COMMAND | IPL_CCW_SLI,
                    CARD_BYTES);
            put_ccw(card + 8 * (reads + 1), IPL_CCW_TIC, buffers[1 - which], 0, 1);
        }
        byte_buffer_append(out, card, sizeof card);
        for (size_t k = 0; k < reads; k++) {
            const struct chunk *c = &chunks[next + k];
            memset(card, 0, sizeof card);
            memcpy(card, image->bytes + (c->address - image->low), c->length);
            byte_buffer_append(out, card, sizeof card);
        }
        next += reads;
        which = 1 - which;
        if (last)
            break;
    }
    memset(card, 0, sizeof card);
    memcpy(card, psw, 8);
    byte_buffer_append(out, card, sizeof card);
    free(chunks);
    return true;
}

bool core_image_build(const struct program_image *image, struct byte_buffer *out, struct error *err)
{
    (void)err;
    size_t size = image->high > 8 ? image->high : 8;
    size_t start = out->len;
    byte_buffer_append_repeated(out, 0, size);
    memcpy(out->data + start + image->low, image->bytes, image->high - image->low);
    uint8_t psw[8];
    program_image_ipl_psw(image, psw);
    memcpy(out->data + start, psw, 8);
    return true;
}
