/* Where the heads are: the arm, the track under it, the rotational
 * orientation, index points and multitrack head switching. */
#include <stdio.h>
#include <string.h>

#include "devices/dasd_ckd.h"

void ckd_unit_check(struct device *dev, struct device_command *cmd, uint8_t sense0, uint8_t sense1)
{
    memset(dev->sense, 0, sizeof dev->sense);
    dev->sense[0] = sense0;
    dev->sense[1] = sense1;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK;
}

/* The image file failed under us (I/O error, damaged track): the guest sees
 * an equipment check, the operator the file, track and offset. */
void ckd_host_error(struct device *dev, struct device_command *cmd, const struct error *err)
{
    fprintf(stderr, "vm67: DASD %03X: %s\n", dev->address, err->message);
    ckd_unit_check(dev, cmd, SENSE_EQUIPMENT_CHECK, 0);
}

bool ckd_load_track(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    unsigned track = ckd_track_number(d);
    if (d->track_loaded && d->loaded_track == track)
        return true;
    struct error err;
    if (!ckd_read_track(d->image, track, d->track, &d->track_length, &err)) {
        d->track_loaded = false;
        ckd_host_error(dev, cmd, &err);
        return false;
    }
    d->track_loaded = true;
    d->loaded_track = track;
    return true;
}

/* A seek: the heads arrive at the index point of the new track (the
 * rotational position after a seek is not known to a program; vm67 makes
 * it the index point so that runs repeat). */
bool ckd_move_arm(struct device *dev, struct dasd_ckd *d, unsigned cylinder, unsigned head,
                  struct device_command *cmd)
{
    d->cylinders_moved += cylinder > d->cylinder ? cylinder - d->cylinder : d->cylinder - cylinder;
    d->cylinder = cylinder;
    d->head = head;
    d->orientation = CKD_AT_INDEX;
    d->index_passes = 0;
    return ckd_load_track(dev, d, cmd);
}

/* The index point passes under the heads. In a multitrack operation the
 * control unit switches to the next head of the cylinder, and ends with
 * End of Cylinder after the last one, or File Protected if the file mask
 * forbids head switching (seek control 11). In a single-track operation
 * that `counts`, the second index point since the last home address or
 * data area was read (or a write) ends the search with No Record Found
 * (2841/2314 sense byte 1 bit 4). */
bool ckd_pass_index(struct device *dev, struct dasd_ckd *d, bool multitrack, bool counts,
                    struct device_command *cmd)
{
    if (multitrack) {
        if ((d->file_mask & FILE_MASK_SEEK) == FILE_MASK_NO_SEEKS) {
            ckd_unit_check(dev, cmd, 0, SENSE1_FILE_PROTECTED);
            return false;
        }
        if (d->head + 1 >= d->geometry->heads) {
            ckd_unit_check(dev, cmd, 0, SENSE1_END_OF_CYLINDER);
            return false;
        }
        d->head++;
        d->orientation = CKD_AT_INDEX;
        d->index_passes = 0;
        return ckd_load_track(dev, d, cmd);
    }
    if (counts && ++d->index_passes >= 2) {
        ckd_unit_check(dev, cmd, 0, SENSE1_NO_RECORD_FOUND);
        return false;
    }
    d->orientation = CKD_AT_INDEX;
    return true;
}

/* Moves to the next count area. R0 (the first record after the home
 * address) is passed over unless `include_r0`: only Search ID and Read R0
 * see it. Reaching the end of the track passes the index point. */
bool ckd_next_count(struct device *dev, struct dasd_ckd *d, bool include_r0, bool multitrack,
                    struct device_command *cmd)
{
    for (;;) {
        uint32_t offset = d->orientation == CKD_AT_INDEX || d->orientation == CKD_AFTER_HOME
                              ? CKD_TRACK_HEADER_SIZE
                              : ckd_record_end(&d->record);
        if (ckd_is_end_of_track(d->track + offset)) {
            if (!ckd_pass_index(dev, d, multitrack, true, cmd))
                return false;
            continue;
        }
        ckd_track_record(d->track, offset, &d->record);
        d->orientation = CKD_AFTER_COUNT;
        if (!include_r0 && offset == CKD_TRACK_HEADER_SIZE)
            continue;
        return true;
    }
}

/* After the data of a track overflow segment, the control unit switches
 * to the next head and continues with the first record after R0 there
 * (2841 track overflow feature). Leaving the cylinder, or finding no such
 * record, ends the operation with Overflow Incomplete. */
bool ckd_next_overflow_segment(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if ((d->file_mask & FILE_MASK_SEEK) == FILE_MASK_NO_SEEKS) {
        ckd_unit_check(dev, cmd, 0, SENSE1_FILE_PROTECTED | SENSE1_OVERFLOW_INCOMPLETE);
        return false;
    }
    if (d->head + 1 >= d->geometry->heads) {
        ckd_unit_check(dev, cmd, 0, SENSE1_END_OF_CYLINDER | SENSE1_OVERFLOW_INCOMPLETE);
        return false;
    }
    d->head++;
    d->orientation = CKD_AT_INDEX;
    d->index_passes = 0;
    if (!ckd_load_track(dev, d, cmd))
        return false;
    uint32_t offset = CKD_TRACK_HEADER_SIZE;
    if (!ckd_is_end_of_track(d->track + offset)) {
        struct ckd_record r0;
        ckd_track_record(d->track, offset, &r0);
        offset = ckd_record_end(&r0);
    }
    if (ckd_is_end_of_track(d->track + offset)) {
        ckd_unit_check(dev, cmd, 0, SENSE1_NO_RECORD_FOUND | SENSE1_OVERFLOW_INCOMPLETE);
        return false;
    }
    ckd_track_record(d->track, offset, &d->record);
    d->orientation = CKD_AFTER_COUNT;
    return true;
}

/* Writes the changed track through to the image file (see ckd_image.h).
 * If the host cannot write the file (disk full, I/O error), the guest gets
 * an equipment check and the run ends (device_fatal): going on would let
 * the guest believe in data that is not kept. */
bool ckd_store_track(struct device *dev, struct dasd_ckd *d, uint32_t length,
                     struct device_command *cmd)
{
    struct error err;
    d->track_length = length;
    if (!ckd_write_track(d->image, ckd_track_number(d), d->track, length, 0, &err)) {
        /* Reread the track from the file before using it again. */
        d->track_loaded = false;
        ckd_host_error(dev, cmd, &err);
        device_fatal(dev, "DASD %03X: %s", dev->address, err.message);
        return false;
    }
    return true;
}
