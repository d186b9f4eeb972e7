#include "cpu/storage.h"

#include <stdlib.h>
#include <string.h>

bool storage_init(struct storage *st, uint32_t size, struct error *err)
{
    st->bytes = NULL;
    st->keys = NULL;
    st->size = 0;
    if (size == 0 || size % STORAGE_BLOCK_SIZE != 0 || size > STORAGE_MAX_BYTES)
        return error_set(err, "storage size %u is not a multiple of 2K between 2K and 16M", size);
    /* Eight spare bytes let a fast path read a doubleword at the last byte
     * without a bounds branch; they are never visible to the guest. */
    st->bytes = calloc(1, (size_t)size + 8);
    st->keys = calloc(size / STORAGE_BLOCK_SIZE, 1);
    if (st->bytes == NULL || st->keys == NULL) {
        storage_free(st);
        return error_set(err, "cannot allocate %u bytes of storage", size);
    }
    st->size = size;
    return true;
}

void storage_free(struct storage *st)
{
    free(st->bytes);
    free(st->keys);
    st->bytes = NULL;
    st->keys = NULL;
    st->size = 0;
}

void storage_clear(struct storage *st)
{
    memset(st->bytes, 0, st->size);
    memset(st->keys, 0, st->size / STORAGE_BLOCK_SIZE);
}

enum storage_channel_check storage_channel_access(struct storage *st, uint32_t addr, uint32_t len,
                                                  uint8_t key, bool store, uint32_t *good)
{
    uint32_t done = 0;
    while (done < len) {
        uint32_t a = addr + done;
        if (a >= st->size) {
            if (good != NULL)
                *good = done;
            return STORAGE_CHANNEL_ADDRESSING;
        }
        uint8_t *k = &st->keys[a >> STORAGE_BLOCK_SHIFT];
        uint8_t block_key = *k >> 4;
        if (key != 0 && key != block_key && (store || (*k & STORAGE_KEY_FETCH))) {
            if (good != NULL)
                *good = done;
            return STORAGE_CHANNEL_PROTECTION;
        }
        *k |= STORAGE_KEY_REFERENCE | (store ? STORAGE_KEY_CHANGE : 0);
        uint32_t in_block = STORAGE_BLOCK_SIZE - (a & (STORAGE_BLOCK_SIZE - 1));
        done += in_block < len - done ? in_block : len - done;
    }
    if (good != NULL)
        *good = len;
    return STORAGE_CHANNEL_OK;
}
