/* Writes an assembly as an object deck (object_card.h): the ESD cards
 * (control sections, private code, external references, then ENTRY
 * names), the TXT cards in the order the text was assembled, the RLD
 * cards and the END card. */
#ifndef VM67_ASM_OBJECT_DECK_H
#define VM67_ASM_OBJECT_DECK_H

#include <stdbool.h>

#include "asm/assembly.h"
#include "asm/byte_buffer.h"
#include "lib/error.h"

bool object_deck_build(const struct assembly *a, struct byte_buffer *out, struct error *err);

#endif
