/* Loads object decks (object_card.h) into real storage: a relocating,
 * linking loader of the OS/360 kind, for tests and for CMS's LOAD.
 *
 * The deck may hold several modules, each ending with its END card. Their
 * control sections are placed one after another on doubleword boundaries
 * from `address`; each TXT card goes to its section's new place; each RLD
 * item adds (or subtracts) the section's relocation, or the address of the
 * external symbol it names, which must be a control section or ENTRY name
 * of one of the modules (a weak external, WXTRN, may stay unresolved as 0).
 * A bad card is reported with its number (1-based) and what is wrong. */
#ifndef VM67_ASM_OBJECT_LOADER_H
#define VM67_ASM_OBJECT_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/storage.h"
#include "lib/error.h"

struct object_load_result {
    uint32_t entry;    /* END entry of the first module that names one, else `address` */
    uint32_t low;      /* `address` */
    uint32_t high;     /* one past the last section */
    size_t modules;
    size_t sections;
};

bool object_deck_load(struct storage *storage, const uint8_t *deck, size_t len, uint32_t address,
                      struct object_load_result *result, struct error *err);

/* The same from a file; messages start with the file name. */
bool object_deck_load_file(struct storage *storage, const char *path, uint32_t address,
                           struct object_load_result *result, struct error *err);

/* Splits a command-line argument FILE@ADDRESS (the address in hex, with
 * or without 0x or X'...') into its parts; *path is allocated. */
bool object_load_argument(const char *argument, char **path, uint32_t *address, struct error *err);

#endif
