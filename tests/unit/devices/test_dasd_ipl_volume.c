/* A helper for tests/e2e/dasd_ipl.sh (not a test by itself): makes a
 * volume made by `vm67 dasd init` IPLable with a stand-alone program, the
 * way OS/360's IPL records work:
 *   cylinder 0 head 0, R1 (key 'IPL1'): the IPL PSW (BC mode, disabled,
 *       key 0, address LOAD), then a Read Data CCW (X'06', SLI, no
 *       chaining) that the IPL's command chaining executes from location
 *       8: it reads the next record, R2, to LOAD;
 *   R2 (key 'IPL2'): the program, bytes LOAD.. of a core image from
 *       `vm67 asm --ipl --core`;
 *   R3: the volume label, kept;
 * and puts the records the program reads and updates:
 *   cylinder 1 head 3, R1: the text given, in EBCDIC, blank-padded to 80;
 *   cylinder 1 head 4, R1: 80 blanks.
 *
 *     test_dasd_ipl_volume IMAGE CORE LOAD-ADDRESS-HEX TEXT      */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/ckd_image.h"
#include "devices/ckd_track.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"

static const uint8_t key_ipl1[4] = {0xC9, 0xD7, 0xD3, 0xF1};
static const uint8_t key_ipl2[4] = {0xC9, 0xD7, 0xD3, 0xF2};

static int fail(const char *what)
{
    fprintf(stderr, "test_dasd_ipl_volume: %s\n", what);
    return 1;
}

static uint32_t put(uint8_t *t, uint32_t n, uint16_t cylinder, uint16_t head, uint8_t record,
                    const uint8_t *key, uint8_t key_length, const uint8_t *data, uint16_t length)
{
    ckd_track_put_count(t + n, cylinder, head, record, key_length, length);
    n += CKD_COUNT_SIZE;
    if (key_length != 0)
        memcpy(t + n, key, key_length);
    n += key_length;
    memcpy(t + n, data, length);
    return n + length;
}

static bool write_track(struct ckd_image *img, unsigned cylinder, unsigned head, uint8_t *t,
                        uint32_t n)
{
    struct error err;
    ckd_track_put_end(t + n);
    if (!ckd_write_track(img, cylinder * img->heads + head, t, n + CKD_END_OF_TRACK_SIZE, 0, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 5)
        return fail("usage: IMAGE CORE LOAD-ADDRESS-HEX TEXT");
    uint32_t load = (uint32_t)strtoul(argv[3], NULL, 16);
    FILE *fp = fopen(argv[2], "rb");
    if (fp == NULL)
        return fail("cannot open the core image");
    static uint8_t core[65536];
    size_t size = fread(core, 1, sizeof core, fp);
    fclose(fp);
    if (size <= load || size - load > 7000)
        return fail("the program does not fit one 2314 record");
    uint16_t length = (uint16_t)(size - load);

    struct ckd_image *img;
    struct error err;
    if (!ckd_image_open(&img, argv[1], NULL, &err))
        return fail(err.message);
    uint8_t *track = malloc(img->track_size), *t = malloc(img->track_size);
    uint32_t old_length;
    if (!ckd_read_track(img, 0, track, &old_length, &err))
        return fail(err.message);
    /* The volume label: R3 as dasdinit wrote it. */
    struct ckd_record r;
    uint32_t offset = CKD_TRACK_HEADER_SIZE, label = 0;
    while (!ckd_is_end_of_track(track + offset)) {
        ckd_track_record(track, offset, &r);
        if (r.record == 3)
            label = offset;
        offset = ckd_record_end(&r);
    }
    if (label == 0)
        return fail("no volume label on cylinder 0 head 0");
    ckd_track_record(track, label, &r);

    uint32_t n = ckd_track_build_null(t, 0, 0, CKD_NULL_FORMAT_EMPTY) - CKD_END_OF_TRACK_SIZE;
    uint8_t ipl1[24] = {0};
    store_be32(ipl1 + 4, load);             /* PSW: disabled, key 0 */
    store_be32(ipl1 + 8, 0x06000000 | load); /* Read Data to LOAD */
    ipl1[12] = 0x20;                        /* SLI, end of chain */
    store_be16(ipl1 + 14, length);
    n = put(t, n, 0, 0, 1, key_ipl1, 4, ipl1, sizeof ipl1);
    n = put(t, n, 0, 0, 2, key_ipl2, 4, core + load, length);
    memcpy(t + n, track + label, ckd_record_end(&r) - label);
    n += ckd_record_end(&r) - label;
    if (!write_track(img, 0, 0, t, n))
        return 1;

    uint8_t text[80];
    memset(text, 0x40, sizeof text);
    for (size_t i = 0; i < sizeof text && argv[4][i] != '\0'; i++)
        text[i] = ascii_to_ebcdic_char((uint8_t)argv[4][i]);
    n = ckd_track_build_null(t, 1, 3, CKD_NULL_FORMAT_EMPTY) - CKD_END_OF_TRACK_SIZE;
    n = put(t, n, 1, 3, 1, NULL, 0, text, sizeof text);
    if (!write_track(img, 1, 3, t, n))
        return 1;
    memset(text, 0x40, sizeof text);
    n = ckd_track_build_null(t, 1, 4, CKD_NULL_FORMAT_EMPTY) - CKD_END_OF_TRACK_SIZE;
    n = put(t, n, 1, 4, 1, NULL, 0, text, sizeof text);
    if (!write_track(img, 1, 4, t, n))
        return 1;
    free(track);
    free(t);
    if (!ckd_image_close(img, &err))
        return fail(err.message);
    return 0;
}
