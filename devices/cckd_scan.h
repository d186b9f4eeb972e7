/* Reading and checking a CCKD file's structure: its compressed device
 * header, level 1 and level 2 tables, where everything lies in the file
 * and what is free. The image reader (cckd_image.c) stops at the first
 * problem; `vm67 dasd check` lists them all. Every problem names the file
 * and the byte offset. */
#ifndef VM67_DEVICES_CCKD_SCAN_H
#define VM67_DEVICES_CCKD_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/cckd_image.h"
#include "lib/error.h"

struct cckd_problem {
    uint64_t offset;
    char message[ERROR_MESSAGE_SIZE];
};

/* Called for each problem; returning false stops the scan. */
typedef bool (*cckd_problem_fn)(void *arg, const struct cckd_problem *problem);

struct cckd_gap {
    uint64_t offset;
    uint64_t length;
};

struct cckd_layout {
    uint8_t header[CCKD_HEADER_SIZE];
    unsigned cylinders;
    uint32_t l1_count;
    uint32_t *l1;          /* as in the file */
    uint8_t **l2;          /* raw tables; NULL where none (or unusable) */
    uint64_t end;          /* the file's size */
    struct cckd_gap *gaps; /* unused space after the level 1 table */
    size_t gap_count;
    unsigned problems;
};

/* Reads and checks the structure. Returns false if a problem stopped it
 * (the callback said so) or nothing usable could be read; `layout` must
 * be freed either way. */
bool cckd_scan_tables(int fd, const char *path, uint64_t file_size, unsigned heads,
                      struct cckd_layout *layout, cckd_problem_fn problem, void *arg);

/* Checks the free space chain and header totals against the layout (only
 * meaningful if the file was closed cleanly: header option 0x80 clear). */
void cckd_scan_free_space(int fd, const char *path, struct cckd_layout *layout,
                          cckd_problem_fn problem, void *arg);

void cckd_layout_free(struct cckd_layout *layout);

/* Decodes a stored track image (the form in the file) into a track image
 * and validates it. */
bool cckd_decode_track(const char *path, unsigned cylinder, unsigned head, uint64_t offset,
                       const uint8_t *stored, uint32_t stored_length, uint8_t *buffer,
                       uint32_t track_size, uint32_t *length, struct error *err);

#endif
