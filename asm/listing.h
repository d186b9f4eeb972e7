/* The assembly listing: for each statement its location, object code,
 * the effective addresses of its storage operands, the statement number
 * and the source card (macro expansions marked '+', literal pools after
 * their LTORG), each message under the statement it is about; then the
 * external symbol dictionary, the relocation dictionary, the
 * cross-reference and a summary of the messages. TITLE, EJECT, SPACE and
 * PRINT (ON/OFF, GEN/NOGEN, DATA/NODATA) shape it as in the IBM
 * assemblers. Pages are 60 lines, separated by form feeds. */
#ifndef VM67_ASM_LISTING_H
#define VM67_ASM_LISTING_H

#include "asm/assembly.h"
#include "asm/byte_buffer.h"

#define LISTING_PAGE_LINES 60

void listing_write(const struct assembly *a, struct byte_buffer *out);

#endif
