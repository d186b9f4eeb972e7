/* DASD models: geometry, track capacity rules, sense size and the small
 * virtual-time costs of their operations.
 *
 * The track capacity rule decides whether a record fits on a track, so a
 * Write Count, Key and Data that does not fit ends the way the hardware
 * ends it (unit check, track overrun). The numbers come from IBM's
 * component descriptions as tabulated in Hercules's dasdtab.c (which vm67
 * must agree with so that images move between the two) and are checked in
 * tests/unit/devices/test_dasd_geometry.c against the capacities IBM
 * publishes (one record per track, records per track of a given size). */
#ifndef VM67_DEVICES_DASD_GEOMETRY_H
#define VM67_DEVICES_DASD_GEOMETRY_H

#include <stdbool.h>
#include <stdint.h>

/* How a model charges a record for the track space it takes. */
enum dasd_capacity_formula {
    /* 2311, 2314, 2301: a record that is not the last on the track takes
     * gap + (KL+DL) * factor_numerator / factor_denominator (+ key
     * overhead when KL != 0); the last record takes only KL + DL (+ key
     * overhead), because no gap follows it before the index point. */
    DASD_FORMULA_GAP_AND_FACTOR,
    /* 3330: every record takes gap + KL + DL (+ key overhead), last or
     * not (IBM 3330 Series Reference Manual, "Track Capacity"). */
    DASD_FORMULA_FIXED_GAP,
};

/* Virtual time, in the machine's unit (one executed instruction, see
 * lib/event_queue.h). The figures are scaled down from the real devices'
 * milliseconds so that a guest doing heavy I/O is not held up, while
 * keeping their order: a seek costs more than a transfer, a 2301 never
 * seeks, a 3330 moves data faster than a 2311. */
struct dasd_timing {
    uint32_t command;            /* every command */
    uint32_t seek_start;         /* a seek that moves the arm at all */
    uint32_t seek_per_cylinder;  /* per cylinder crossed */
    uint32_t bytes_per_unit;     /* data transfer rate */
};

struct dasd_geometry {
    const char *name;             /* "2314" */
    const char *description;      /* "2314 direct access storage facility" */
    uint16_t device_type;         /* 0x2314 */
    uint8_t header_type;          /* device type byte of a Hercules CKD
                                     image header (low byte of the type,
                                     0x01 for the 2301 as SIMH writes it) */
    uint16_t cylinders;           /* primary cylinders */
    uint16_t alternate_cylinders; /* dasdinit -a adds these */
    uint16_t heads;               /* tracks per cylinder */
    uint32_t track_capacity;      /* bytes for records R1..Rn after the
                                     home address and a standard R0 */
    uint32_t max_record_length;   /* longest R1 data area (no key) */
    enum dasd_capacity_formula formula;
    uint16_t gap_overhead;        /* per record that is not the last */
    uint16_t key_overhead;        /* added when the key length is not 0 */
    uint16_t factor_numerator;    /* (KL+DL) scaling, formula 1 only */
    uint16_t factor_denominator;
    uint8_t sense_length;         /* bytes a Sense command returns */
    const char *control_unit;     /* "2314", "2841", "2820", "3830" */
    struct dasd_timing timing;
};

/* The models vm67 attaches, NULL-terminated: 2311, 2314, 2301, 3330. */
extern const struct dasd_geometry *const dasd_geometries[];

/* Finds a model by name ("2314", "2314-1", "3330-11" ...). For names with
 * a model suffix that changes the size (3330-11), *cylinders receives the
 * primary cylinder count of that model; otherwise the base count. Returns
 * NULL if the name is unknown. `cylinders` may be NULL. */
const struct dasd_geometry *dasd_geometry_find(const char *name, unsigned *cylinders);

/* Finds a model by the device type byte of an image header. */
const struct dasd_geometry *dasd_geometry_by_header_type(uint8_t header_type);

/* The track size of a Hercules CKD image of this model: the largest track
 * image (track header, R0, one full-size R1, end-of-track marker) rounded up
 * to 512 bytes, as Hercules's dasdinit computes it. */
uint32_t dasd_image_track_size(const struct dasd_geometry *g);

/* Track space accounting for a track being written from its start.
 * `used` is the space taken by the records already on the track (0 after
 * a standard R0). Returns true and advances *used if a record with this
 * key and data length fits as the (for now) last record on the track. */
bool dasd_record_fits(const struct dasd_geometry *g, uint32_t *used, unsigned key_length,
                      unsigned data_length);

/* Space a record takes: as the last on its track, or followed by others. */
uint32_t dasd_record_space(const struct dasd_geometry *g, unsigned key_length,
                           unsigned data_length, bool last);

/* Space a record of R0 with these lengths takes beyond a standard R0
 * (KL=0, DL=8); negative if it takes less. */
int32_t dasd_record_zero_excess(const struct dasd_geometry *g, unsigned key_length,
                                unsigned data_length);

/* How many records of equal size fit on one track (IBM's tables). */
unsigned dasd_records_per_track(const struct dasd_geometry *g, unsigned key_length,
                                unsigned data_length);

/* Virtual time for an operation: `cylinders_moved` by the arm (0 if none)
 * and `bytes` transferred. */
uint64_t dasd_operation_time(const struct dasd_geometry *g, unsigned cylinders_moved,
                             uint32_t bytes);

#endif
