/* The DASD model table and its track capacity arithmetic. */
#include "devices/dasd_geometry.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

/* The image layout constants every Hercules CKD track uses (bytes): the
 * track header (home address), a count area, the standard R0 data area
 * and the end-of-track marker. Kept here too because the track size of an
 * image is derived from them. */
enum {
    TRACK_HEADER = 5,
    COUNT_AREA = 8,
    STANDARD_R0_DATA = 8,
    END_OF_TRACK = 8,
};

/* IBM 2311 Disk Storage Drive on a 2841 (Component Descriptions A26-5988):
 * 200 cylinders + 3 alternates, 10 tracks, 3625 bytes for one record per
 * track; a non-last record takes 61 + 537/512 (KL+DL), plus 20 with a key. */
static const struct dasd_geometry geometry_2311 = {
    .name = "2311",
    .description = "2311 disk storage drive",
    .device_type = 0x2311,
    .header_type = 0x11,
    .cylinders = 200,
    .alternate_cylinders = 3,
    .heads = 10,
    .track_capacity = 3625,
    .max_record_length = 3625,
    .formula = DASD_FORMULA_GAP_AND_FACTOR,
    .gap_overhead = 61,
    .key_overhead = 20,
    .factor_numerator = 537,
    .factor_denominator = 512,
    .sense_length = 6,
    .control_unit = "2841",
    .timing = {.command = 40, .seek_start = 600, .seek_per_cylinder = 12, .bytes_per_unit = 4},
};

/* IBM 2314 Direct Access Storage Facility (Component Descriptions
 * GA26-3599): 200 + 3 cylinders, 20 tracks, 7294 bytes for one record per
 * track; a non-last record takes 101 + 2137/2048 (KL+DL), plus 45 with a
 * key. */
static const struct dasd_geometry geometry_2314 = {
    .name = "2314",
    .description = "2314 direct access storage facility",
    .device_type = 0x2314,
    .header_type = 0x14,
    .cylinders = 200,
    .alternate_cylinders = 3,
    .heads = 20,
    .track_capacity = 7294,
    .max_record_length = 7294,
    .formula = DASD_FORMULA_GAP_AND_FACTOR,
    .gap_overhead = 101,
    .key_overhead = 45,
    .factor_numerator = 2137,
    .factor_denominator = 2048,
    .sense_length = 6,
    .control_unit = "2314",
    .timing = {.command = 40, .seek_start = 500, .seek_per_cylinder = 10, .bytes_per_unit = 8},
};

/* IBM 2301 Drum Storage on a 2820 Storage Control: one fixed head per
 * track, 200 tracks of 20483 bytes, addressed as cylinder 0 heads 0-199
 * (the way SIMH's ibm360_dasd.c models it, with header type 0x01 in its
 * images; Hercules has no 2301). ⚠ The per-record overheads (186 bytes of
 * gap for a record that is not the last, 53 more with a key, no scaling
 * factor) are IBM's published 2301 figures as remembered, not yet checked
 * against the 2820/2301 component description; they allow the 4 full
 * 4096-byte pages plus a half page per track that CP-67's paging layout
 * (nine pages per pair of tracks) needs. */
static const struct dasd_geometry geometry_2301 = {
    .name = "2301",
    .description = "2301 drum storage",
    .device_type = 0x2301,
    .header_type = 0x01,
    .cylinders = 1,
    .alternate_cylinders = 0,
    .heads = 200,
    .track_capacity = 20483,
    .max_record_length = 20483,
    .formula = DASD_FORMULA_GAP_AND_FACTOR,
    .gap_overhead = 186,
    .key_overhead = 53,
    .factor_numerator = 1,
    .factor_denominator = 1,
    .sense_length = 6,
    .control_unit = "2820",
    .timing = {.command = 20, .seek_start = 0, .seek_per_cylinder = 0, .bytes_per_unit = 32},
};

/* IBM 3330 Disk Storage, model 1 (3330 Series Reference Manual GA26-1615):
 * 404 + 7 cylinders, 19 tracks; every record takes 135 + KL + DL, plus 56
 * with a key, out of 13165 bytes; 24 sense bytes. Model 11 has 808
 * cylinders (see dasd_geometry_find). */
static const struct dasd_geometry geometry_3330 = {
    .name = "3330",
    .description = "3330 disk storage",
    .device_type = 0x3330,
    .header_type = 0x30,
    .cylinders = 404,
    .alternate_cylinders = 7,
    .heads = 19,
    .track_capacity = 13165,
    .max_record_length = 13030,
    .formula = DASD_FORMULA_FIXED_GAP,
    .gap_overhead = 135,
    .key_overhead = 56,
    .factor_numerator = 1,
    .factor_denominator = 1,
    .sense_length = 24,
    .control_unit = "3830",
    .timing = {.command = 30, .seek_start = 300, .seek_per_cylinder = 4, .bytes_per_unit = 20},
};

const struct dasd_geometry *const dasd_geometries[] = {
    &geometry_2311,
    &geometry_2314,
    &geometry_2301,
    &geometry_3330,
    NULL,
};

const struct dasd_geometry *dasd_geometry_find(const char *name, unsigned *cylinders)
{
    /* Model suffixes Hercules's dasdinit accepts for these types. */
    static const struct {
        const char *name;
        const struct dasd_geometry *geometry;
        unsigned cylinders;
    } models[] = {
        {"2311", &geometry_2311, 200},   {"2311-1", &geometry_2311, 200},
        {"2314", &geometry_2314, 200},   {"2314-1", &geometry_2314, 200},
        {"2301", &geometry_2301, 1},     {"2301-1", &geometry_2301, 1},
        {"3330", &geometry_3330, 404},   {"3330-1", &geometry_3330, 404},
        {"3330-11", &geometry_3330, 808}, {"3330-2", &geometry_3330, 808},
    };
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        if (strcasecmp(models[i].name, name) == 0) {
            if (cylinders != NULL)
                *cylinders = models[i].cylinders;
            return models[i].geometry;
        }
    }
    return NULL;
}

const struct dasd_geometry *dasd_geometry_by_header_type(uint8_t header_type)
{
    for (const struct dasd_geometry *const *g = dasd_geometries; *g != NULL; g++)
        if ((*g)->header_type == header_type)
            return *g;
    return NULL;
}

uint32_t dasd_image_track_size(const struct dasd_geometry *g)
{
    uint32_t size = TRACK_HEADER + COUNT_AREA + STANDARD_R0_DATA + COUNT_AREA +
                    g->max_record_length + END_OF_TRACK;
    return (size + 511u) & ~511u;
}

/* Space of a record that is not the last on its track. */
static uint32_t space_not_last(const struct dasd_geometry *g, unsigned key_length,
                               unsigned data_length)
{
    uint32_t key = key_length != 0 ? g->key_overhead : 0;
    uint32_t areas = key_length + data_length;
    if (g->formula == DASD_FORMULA_FIXED_GAP)
        return g->gap_overhead + key + areas;
    return g->gap_overhead + key + areas * g->factor_numerator / g->factor_denominator;
}

/* Space of the last record on its track. */
static uint32_t space_last(const struct dasd_geometry *g, unsigned key_length,
                           unsigned data_length)
{
    if (g->formula == DASD_FORMULA_FIXED_GAP)
        return space_not_last(g, key_length, data_length);
    return key_length + data_length + (key_length != 0 ? g->key_overhead : 0);
}

uint32_t dasd_record_space(const struct dasd_geometry *g, unsigned key_length,
                           unsigned data_length, bool last)
{
    return last ? space_last(g, key_length, data_length)
                : space_not_last(g, key_length, data_length);
}

bool dasd_record_fits(const struct dasd_geometry *g, uint32_t *used, unsigned key_length,
                      unsigned data_length)
{
    if (*used + space_last(g, key_length, data_length) > g->track_capacity)
        return false;
    *used += space_not_last(g, key_length, data_length);
    return true;
}

int32_t dasd_record_zero_excess(const struct dasd_geometry *g, unsigned key_length,
                                unsigned data_length)
{
    return (int32_t)space_not_last(g, key_length, data_length) -
           (int32_t)space_not_last(g, 0, STANDARD_R0_DATA);
}

unsigned dasd_records_per_track(const struct dasd_geometry *g, unsigned key_length,
                                unsigned data_length)
{
    uint32_t used = 0;
    unsigned n = 0;
    while (dasd_record_fits(g, &used, key_length, data_length))
        n++;
    return n;
}

uint64_t dasd_operation_time(const struct dasd_geometry *g, unsigned cylinders_moved,
                             uint32_t bytes)
{
    uint64_t t = g->timing.command + bytes / g->timing.bytes_per_unit;
    if (cylinders_moved != 0)
        t += g->timing.seek_start + (uint64_t)g->timing.seek_per_cylinder * cylinders_moved;
    return t;
}
