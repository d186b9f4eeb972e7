/* The CKD direct access device (2311, 2314, 2301 drum, 3330): its state
 * and the pieces its command engine is made of. The device type itself is
 * in dasd_ckd.c; commands are in dasd_ckd_control.c (seek, recalibrate,
 * set file mask, no-op), dasd_ckd_read.c (reads and searches) and
 * dasd_ckd_write.c (writes and erase); the model of where the heads are
 * on the track is in dasd_ckd_position.c.
 *
 * The rules are those of the IBM component descriptions for the 2841 with
 * the 2311 and 2303 (A26-5988), the 2314 (GA26-3599), the 2820 with the
 * 2301 and the 3830 with the 3330 (GA26-1615), as digested in S360-67.md
 * §4.4, with Hercules's ckddasd.c and SIMH's ibm360_dasd.c as references
 * where a manual's wording leaves a detail open (each such place says
 * so). Each command's comment names the rule it encodes. */
#ifndef VM67_DEVICES_DASD_CKD_H
#define VM67_DEVICES_DASD_CKD_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ckd_image.h"
#include "devices/ckd_track.h"
#include "devices/dasd_geometry.h"
#include "devices/device.h"

/* Sense byte 0 (common bits are in device.h). */
#define SENSE0_TRACK_CONDITION_CHECK 0x02
#define SENSE0_SEEK_CHECK 0x01
/* Sense byte 1. */
#define SENSE1_DATA_CHECK_IN_COUNT 0x80
#define SENSE1_TRACK_OVERRUN 0x40
#define SENSE1_END_OF_CYLINDER 0x20
#define SENSE1_INVALID_SEQUENCE 0x10
#define SENSE1_NO_RECORD_FOUND 0x08
#define SENSE1_FILE_PROTECTED 0x04
#define SENSE1_MISSING_ADDRESS_MARKER 0x02
#define SENSE1_OVERFLOW_INCOMPLETE 0x01

/* File mask (Set File Mask, X'1F'): write control in bits 0-1, seek
 * control in bits 3-4; the other bits must be zero. */
#define FILE_MASK_WRITE 0xC0
#define FILE_MASK_INHIBIT_HA_R0 0x00    /* Write CKD and updates allowed */
#define FILE_MASK_INHIBIT_WRITES 0x40
#define FILE_MASK_ALLOW_UPDATES 0x80    /* Write Data, Write Key and Data */
#define FILE_MASK_ALLOW_ALL_WRITES 0xC0
#define FILE_MASK_SEEK 0x18
#define FILE_MASK_ALLOW_ALL_SEEKS 0x00  /* and Recalibrate */
#define FILE_MASK_ALLOW_CYLINDER_HEAD 0x08
#define FILE_MASK_ALLOW_HEAD 0x10
#define FILE_MASK_NO_SEEKS 0x18         /* not even a multitrack head switch */
#define FILE_MASK_RESERVED 0x27

/* Command codes. */
enum {
    CKD_WRITE_SPECIAL_CKD = 0x01,
    CKD_READ_IPL = 0x02,
    CKD_NO_OPERATION = 0x03,
    CKD_SENSE = 0x04,
    CKD_WRITE_DATA = 0x05,
    CKD_READ_DATA = 0x06,
    CKD_SEEK = 0x07,
    CKD_SEEK_CYLINDER = 0x0B,
    CKD_WRITE_KEY_DATA = 0x0D,
    CKD_READ_KEY_DATA = 0x0E,
    CKD_SPACE_COUNT = 0x0F,
    CKD_ERASE = 0x11,
    CKD_READ_COUNT = 0x12,
    CKD_RECALIBRATE = 0x13,
    CKD_WRITE_R0 = 0x15,
    CKD_READ_R0 = 0x16,
    CKD_WRITE_HOME_ADDRESS = 0x19,
    CKD_READ_HOME_ADDRESS = 0x1A,
    CKD_SEEK_HEAD = 0x1B,
    CKD_WRITE_CKD = 0x1D,
    CKD_READ_CKD = 0x1E,
    CKD_SET_FILE_MASK = 0x1F,
    CKD_SEARCH_KEY_EQUAL = 0x29,
    CKD_SEARCH_ID_EQUAL = 0x31,
    CKD_SEARCH_HA_EQUAL = 0x39,
    CKD_SEARCH_KEY_HIGH = 0x49,
    CKD_SEARCH_ID_HIGH = 0x51,
    CKD_SEARCH_KEY_EQUAL_HIGH = 0x69,
    CKD_SEARCH_ID_EQUAL_HIGH = 0x71,
    CKD_MULTITRACK = 0x80,
};

/* Where the heads are relative to the areas of the track: the area named
 * has just passed under them. */
enum ckd_orientation {
    CKD_AT_INDEX,        /* index point; the home address comes next */
    CKD_AFTER_HOME,      /* home address; R0's count comes next */
    CKD_AFTER_COUNT,     /* the count of `record`; its key or data next */
    CKD_AFTER_KEY,       /* the key of `record`; its data next */
    CKD_AFTER_DATA,      /* the data of `record`; the next count next */
};

/* What the previous command of the chain achieved, for the commands that
 * must follow a particular one (writes). */
enum ckd_previous {
    CKD_PREVIOUS_NOTHING,
    CKD_PREVIOUS_SEARCH_ID_EQUAL,   /* satisfied, on all five bytes */
    CKD_PREVIOUS_SEARCH_KEY_EQUAL,  /* satisfied, on the whole key */
    CKD_PREVIOUS_SEARCH_HOME_EQUAL, /* satisfied, on all four bytes */
    CKD_PREVIOUS_WRITE_HOME,
    CKD_PREVIOUS_WRITE_R0,
    CKD_PREVIOUS_WRITE_CKD,
};

struct dasd_ckd {
    const struct dasd_geometry *geometry;
    struct ckd_image *image;
    bool read_only;
    /* The arm. */
    unsigned cylinder;
    unsigned head;
    /* The track under the heads (a copy of the image file's). */
    uint8_t *track;
    uint32_t track_length;
    bool track_loaded;
    unsigned loaded_track;
    /* Orientation. */
    enum ckd_orientation orientation;
    struct ckd_record record;   /* valid after count, key or data */
    unsigned index_passes;      /* since the last read of a home address
                                   or data area, or a write (No Record
                                   Found on the second) */
    /* The chain. */
    bool file_mask_set;
    uint8_t file_mask;
    enum ckd_previous previous; /* what the previous command achieved */
    enum ckd_previous achieved; /* what the current one achieves */
    /* The current command's accounting. */
    unsigned cylinders_moved;
    uint32_t bytes_moved;
};

/* dasd_ckd_position.c */
bool ckd_load_track(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
bool ckd_move_arm(struct device *dev, struct dasd_ckd *d, unsigned cylinder, unsigned head,
                  struct device_command *cmd);
bool ckd_pass_index(struct device *dev, struct dasd_ckd *d, bool multitrack, bool counts,
                    struct device_command *cmd);
bool ckd_next_count(struct device *dev, struct dasd_ckd *d, bool include_r0, bool multitrack,
                    struct device_command *cmd);
bool ckd_next_overflow_segment(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
bool ckd_store_track(struct device *dev, struct dasd_ckd *d, uint32_t length,
                     struct device_command *cmd);
void ckd_unit_check(struct device *dev, struct device_command *cmd, uint8_t sense0, uint8_t sense1);
void ckd_host_error(struct device *dev, struct device_command *cmd, const struct error *err);
static inline unsigned ckd_track_number(const struct dasd_ckd *d)
{
    return d->cylinder * d->geometry->heads + d->head;
}

/* dasd_ckd_control.c */
void ckd_seek(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_recalibrate(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_set_file_mask(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);

/* dasd_ckd_read.c */
void ckd_read_ipl(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_read_home_address(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_read_r0(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_read_count(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_read_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_read_key_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_read_ckd(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_search_home(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_search_id(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_search_key(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);

/* dasd_ckd_write.c */
void ckd_write_home_address(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_write_r0(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_write_ckd(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_write_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_write_key_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);
void ckd_erase(struct device *dev, struct dasd_ckd *d, struct device_command *cmd);

/* The device types (dasd_ckd.c). */
extern const struct device_type dasd_2311_type;
extern const struct device_type dasd_2314_type;
extern const struct device_type dasd_2301_type;
extern const struct device_type dasd_3330_type;

#endif
