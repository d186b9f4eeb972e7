/* A helper for tests/e2e/dasd_hercules_compat.sh (not a test by itself):
 * rewrites tracks of an existing image many times with records of varied
 * sizes and contents, deterministically, so that a CCKD file's free space
 * is reused, split and merged; then closes it (or, with "die", exits
 * without closing, as if vm67 were killed). Hercules's cckdcdsk and
 * dasdcopy must accept the result.
 *
 *     test_dasd_rewriter IMAGE ROUNDS [die]      */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/ckd_image.h"
#include "devices/ckd_track.h"

static uint32_t next(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s IMAGE ROUNDS [die]\n", argv[0]);
        return 2;
    }
    int rounds = atoi(argv[2]);
    bool die = argc > 3 && strcmp(argv[3], "die") == 0;
    struct ckd_image *img;
    struct error err;
    if (!ckd_image_open(&img, argv[1], NULL, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    uint8_t *t = malloc(img->track_size);
    uint32_t state = 12345;
    unsigned tracks = ckd_image_tracks(img);
    for (int round = 0; round < rounds; round++) {
        for (unsigned n = 0; n < 200; n++) {
            unsigned track = next(&state) % tracks;
            unsigned cylinder = track / img->heads, head = track % img->heads;
            uint32_t length = ckd_track_build_null(t, (uint16_t)cylinder, (uint16_t)head,
                                                   CKD_NULL_FORMAT_EMPTY) - CKD_END_OF_TRACK_SIZE;
            unsigned records = next(&state) % 5;
            bool noisy = next(&state) % 2;
            for (unsigned r = 1; r <= records; r++) {
                unsigned data = next(&state) % (img->geometry->max_record_length / 5);
                ckd_track_put_count(t + length, (uint16_t)cylinder, (uint16_t)head, (uint8_t)r, 0,
                                    (uint16_t)data);
                length += CKD_COUNT_SIZE;
                for (unsigned i = 0; i < data; i++)
                    t[length + i] = noisy ? (uint8_t)next(&state) : (uint8_t)r;
                length += data;
            }
            ckd_track_put_end(t + length);
            length += CKD_END_OF_TRACK_SIZE;
            if (!ckd_write_track(img, track, t, length, 0, &err)) {
                fprintf(stderr, "%s\n", err.message);
                return 1;
            }
        }
    }
    free(t);
    if (die)
        _exit(0);
    if (!ckd_image_close(img, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    return 0;
}
