/* Self-loading IPL card decks and core images of stand-alone programs.
 *
 * The deck (80-byte EBCDIC card images) loads a program of any size with
 * the channel alone (S360-67.md §3.6: the IPL reads 24 bytes of the first
 * card to location 0 and goes on with the CCW at 8):
 *
 *   card 1       IPL PSW; CCW read the next card into buffer A (command
 *                chaining, SLI); CCW TIC to buffer A
 *   CCW card     up to 8 CCWs reading one data card each to its address,
 *                then a CCW reading the next CCW card into the other
 *                buffer and a TIC to it; the last CCW card holds up to 9
 *                data reads and a read of the PSW card
 *   data cards   the program's bytes, up to 80 a card (stretches with no
 *                object code are skipped)
 *   PSW card     8 bytes read to location 0: the IPL PSW, loaded when the
 *                chain ends
 *
 * The two 80-byte CCW buffers lie just below the program when that leaves
 * locations 0 to X'1FF' alone (the PSWs, CSW, CAW, timer and scan-out
 * area), otherwise just above it. The IPL PSW is a BC-mode PSW, disabled, key 0,
 * supervisor state, at the entry point; being read last, it also replaces
 * whatever the program assembled at locations 0-7.
 *
 * A core image is storage from location 0 to the end of the program, with
 * the IPL PSW at 0. */
#ifndef VM67_ASM_IPL_DECK_H
#define VM67_ASM_IPL_DECK_H

#include <stdbool.h>

#include "asm/byte_buffer.h"
#include "asm/program_image.h"
#include "lib/error.h"

#define IPL_CCW_READ 0x02
#define IPL_CCW_TIC 0x08
#define IPL_CCW_CHAIN_COMMAND 0x40
#define IPL_CCW_SLI 0x20
#define IPL_DATA_READS_PER_CARD 8
#define IPL_LOW_STORAGE_END 0x200

bool ipl_deck_build(const struct program_image *image, struct byte_buffer *out, struct error *err);
bool core_image_build(const struct program_image *image, struct byte_buffer *out, struct error *err);

#endif
