/* Real storage and its storage keys (S360-67.md §1.5).
 *
 * Storage is a byte array in S/360 (big-endian) order. Every 2048-byte
 * block has a key byte laid out KKKK F R C 0: access key, fetch-protection
 * bit, reference bit, change bit (the 67 keeps R and C in the key; SIMH
 * uses the same layout). The CPU reaches storage through cpu/access.h
 * (translation, keys, the TLB); channels use the real-address helpers
 * here, which apply the channel-program key as a channel does. */
#ifndef VM67_CPU_STORAGE_H
#define VM67_CPU_STORAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/error.h"

#define STORAGE_BLOCK_SHIFT 11
#define STORAGE_BLOCK_SIZE 2048u

#define STORAGE_KEY_ACCESS 0xF0
#define STORAGE_KEY_FETCH 0x08
#define STORAGE_KEY_REFERENCE 0x04
#define STORAGE_KEY_CHANGE 0x02

/* The largest real storage a 67 addresses: real addresses are 24 bits. */
#define STORAGE_MAX_BYTES (16u * 1024 * 1024)

struct storage {
    uint8_t *bytes;
    uint8_t *keys;  /* one per 2K block */
    uint32_t size;  /* bytes; a multiple of 2048 */
};

/* Allocates `size` bytes of zeroed storage with all keys zero. The size
 * must be a multiple of 2K and at most 16M. */
bool storage_init(struct storage *st, uint32_t size, struct error *err);
void storage_free(struct storage *st);

/* Clears storage and keys (the "clear reset" of the manual operations). */
void storage_clear(struct storage *st);

static inline bool storage_contains(const struct storage *st, uint32_t addr, uint32_t len)
{
    return addr < st->size && len <= st->size - addr;
}

/* Why a channel access was refused. */
enum storage_channel_check {
    STORAGE_CHANNEL_OK = 0,
    STORAGE_CHANNEL_ADDRESSING, /* beyond storage: program check, POO "I/O" */
    STORAGE_CHANNEL_PROTECTION  /* key mismatch: protection check */
};

/* Checks one byte range of a channel transfer against storage size and the
 * channel-program key (from the CAW), and on success sets the reference
 * (and, when `store`, the change) bit of every block touched. Key 0 matches
 * every block; fetch protection applies to channel fetches too. On failure,
 * `*good` (if not NULL) is the number of bytes at the start of the range
 * that could be accessed. */
enum storage_channel_check storage_channel_access(struct storage *st, uint32_t addr, uint32_t len,
                                                  uint8_t key, bool store, uint32_t *good);

#endif
