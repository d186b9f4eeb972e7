/* A stand-alone program as it lies in storage: every byte of object text
 * at its assembled address (control sections keep the addresses they were
 * assembled for: the START address and onwards), and the entry point (the
 * END operand, else the first control section). A stand-alone program
 * cannot have external references: nobody would resolve them. */
#ifndef VM67_ASM_PROGRAM_IMAGE_H
#define VM67_ASM_PROGRAM_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "asm/assembly.h"
#include "lib/error.h"

struct program_image {
    uint32_t low;      /* first address with text */
    uint32_t high;     /* one past the last */
    uint8_t *bytes;    /* [high - low], zero where nothing was assembled */
    uint8_t *present;  /* [high - low], 1 where text was assembled */
    uint32_t entry;
};

bool program_image_build(const struct assembly *a, struct program_image *image, struct error *err);
void program_image_free(struct program_image *image);

/* The BC-mode IPL PSW of a stand-alone program: disabled for I/O,
 * external and machine-check interruptions, key 0, supervisor state,
 * instruction address = entry. */
void program_image_ipl_psw(const struct program_image *image, uint8_t psw[8]);

#endif
