/* Write commands and Erase. Each changed track goes to the image file
 * before the command ends (write-through, see ckd_image.h).
 *
 * Which command a write must follow, and what the file mask allows, are
 * the 2841/2314 rules (S360-67.md §4.4):
 *   Write Data               a satisfied Search ID Equal or Search Key
 *                            Equal; mask write control not 01
 *   Write Key and Data       a satisfied Search ID Equal; not 01
 *   Write Count, Key, Data   a satisfied Search ID/Key Equal, Write R0 or
 *   (and Erase)              Write CKD; write control 00 or 11
 *   Write R0                 a satisfied Search Home Address Equal or
 *                            Write Home Address; write control 11
 *   Write Home Address       write control 11
 * "Satisfied" means on the whole argument (five bytes of ID, the whole
 * key), and "follow" means as the previous command of the same chain. A
 * write out of sequence is Command Reject with Invalid Sequence; one the
 * mask forbids is File Protected, and so is any write to an image
 * attached read-only. */
#include <string.h>

#include "devices/dasd_ckd.h"
#include "lib/bytes.h"

enum write_kind {
    WRITE_UPDATE_DATA,
    WRITE_UPDATE_KEY_DATA,
    WRITE_FORMAT,      /* Write CKD, Write Special CKD, Erase */
    WRITE_R0,
    WRITE_HOME,
};

static bool sequence_ok(enum write_kind kind, enum ckd_previous previous)
{
    switch (kind) {
    case WRITE_UPDATE_DATA:
        return previous == CKD_PREVIOUS_SEARCH_ID_EQUAL || previous == CKD_PREVIOUS_SEARCH_KEY_EQUAL;
    case WRITE_UPDATE_KEY_DATA:
        return previous == CKD_PREVIOUS_SEARCH_ID_EQUAL;
    case WRITE_FORMAT:
        return previous == CKD_PREVIOUS_SEARCH_ID_EQUAL ||
               previous == CKD_PREVIOUS_SEARCH_KEY_EQUAL || previous == CKD_PREVIOUS_WRITE_R0 ||
               previous == CKD_PREVIOUS_WRITE_CKD;
    case WRITE_R0:
        return previous == CKD_PREVIOUS_SEARCH_HOME_EQUAL || previous == CKD_PREVIOUS_WRITE_HOME;
    case WRITE_HOME:
        return true;
    }
    return false;
}

static bool mask_allows(enum write_kind kind, uint8_t mask)
{
    uint8_t control = mask & FILE_MASK_WRITE;
    switch (kind) {
    case WRITE_UPDATE_DATA:
    case WRITE_UPDATE_KEY_DATA:
        return control != FILE_MASK_INHIBIT_WRITES;
    case WRITE_FORMAT:
        return control == FILE_MASK_INHIBIT_HA_R0 || control == FILE_MASK_ALLOW_ALL_WRITES;
    case WRITE_R0:
    case WRITE_HOME:
        return control == FILE_MASK_ALLOW_ALL_WRITES;
    }
    return false;
}

static bool may_write(struct device *dev, struct dasd_ckd *d, struct device_command *cmd,
                      enum write_kind kind)
{
    enum ckd_previous previous = cmd->chained ? d->previous : CKD_PREVIOUS_NOTHING;
    if (!sequence_ok(kind, previous)) {
        ckd_unit_check(dev, cmd, SENSE_COMMAND_REJECT, SENSE1_INVALID_SEQUENCE);
        return false;
    }
    if (d->read_only || !mask_allows(kind, d->file_mask)) {
        ckd_unit_check(dev, cmd, 0, SENSE1_FILE_PROTECTED);
        return false;
    }
    return ckd_load_track(dev, d, cmd);
}

/* Copies `n` bytes of the channel's data from `*from` (zeros once the
 * channel's count is used up: the control unit pads a short write). */
static void take(const struct device_command *cmd, uint32_t *from, uint8_t *to, uint32_t n)
{
    uint32_t have = *from < cmd->count ? cmd->count - *from : 0;
    uint32_t copied = n < have ? n : have;
    memcpy(to, cmd->data + *from, copied);
    memset(to + copied, 0, n - copied);
    *from += n;
}

/* Updates the key (optionally) and data of the current record and of its
 * track overflow segments. */
static void update_record(struct device *dev, struct dasd_ckd *d, struct device_command *cmd,
                          bool key)
{
    bool end_of_file = d->record.data_length == 0;
    uint32_t from = 0;
    for (;;) {
        uint8_t *p = d->track + d->record.offset + CKD_COUNT_SIZE;
        if (key)
            take(cmd, &from, p, d->record.key_length);
        key = false;
        take(cmd, &from, p + d->record.key_length, d->record.data_length);
        if (!ckd_store_track(dev, d, d->track_length, cmd))
            return;
        d->orientation = CKD_AFTER_DATA;
        if (!d->record.overflow)
            break;
        if (!ckd_next_overflow_segment(dev, d, cmd))
            return;
    }
    cmd->length = from;
    d->bytes_moved += from;
    d->index_passes = 0;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | (end_of_file ? UNIT_EXCEPTION : 0);
}

/* Write Data (X'05'). */
void ckd_write_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = d->record.data_length;
    if (may_write(dev, d, cmd, WRITE_UPDATE_DATA))
        update_record(dev, d, cmd, false);
}

/* Write Key and Data (X'0D'). */
void ckd_write_key_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = d->record.key_length + d->record.data_length;
    if (may_write(dev, d, cmd, WRITE_UPDATE_KEY_DATA))
        update_record(dev, d, cmd, true);
}

/* Where a format write starts: after the record the heads are oriented
 * to (the one searched, or the one just written). */
static uint32_t format_point(const struct dasd_ckd *d)
{
    return ckd_record_end(&d->record);
}

/* The track space taken by the records before `end` (R0's excess over a
 * standard R0 included), for the track capacity rule. */
static uint32_t space_before(const struct dasd_ckd *d, uint32_t end)
{
    int64_t used = 0;
    uint32_t offset = CKD_TRACK_HEADER_SIZE;
    while (offset < end && !ckd_is_end_of_track(d->track + offset)) {
        struct ckd_record r;
        ckd_track_record(d->track, offset, &r);
        if (offset == CKD_TRACK_HEADER_SIZE)
            used += dasd_record_zero_excess(d->geometry, r.key_length, r.data_length);
        else
            used += dasd_record_space(d->geometry, r.key_length, r.data_length, false);
        offset = ckd_record_end(&r);
    }
    return used < 0 ? 0 : (uint32_t)used;
}

/* A record that does not fit before the index point: the control unit has
 * written over what followed the format point when it finds out, so the
 * track ends there (the records after it are gone) and the command ends
 * with unit check, Track Overrun (sense byte 1 bit 1). */
static void track_overrun(struct device *dev, struct dasd_ckd *d, struct device_command *cmd,
                          uint32_t point)
{
    ckd_track_put_end(d->track + point);
    if (ckd_store_track(dev, d, point + CKD_END_OF_TRACK_SIZE, cmd))
        ckd_unit_check(dev, cmd, 0, SENSE1_TRACK_OVERRUN);
}

/* Writes a new record at `point` and erases the rest of the track. */
static void format_record(struct device *dev, struct dasd_ckd *d, struct device_command *cmd,
                          uint32_t point, bool overflow, bool r0)
{
    uint8_t count[CKD_COUNT_SIZE];
    uint32_t from = 0;
    take(cmd, &from, count, CKD_COUNT_SIZE);
    unsigned key_length = count[5], data_length = load_be16(count + 6);
    cmd->length = CKD_COUNT_SIZE + key_length + data_length;
    bool fits;
    if (r0) {
        int32_t excess = dasd_record_zero_excess(d->geometry, key_length, data_length);
        fits = excess <= (int32_t)d->geometry->track_capacity;
    } else {
        uint32_t used = space_before(d, point);
        fits = dasd_record_fits(d->geometry, &used, key_length, data_length);
    }
    uint32_t end = point + cmd->length;
    if (!fits || end + CKD_END_OF_TRACK_SIZE > d->image->track_size) {
        track_overrun(dev, d, cmd, point);
        return;
    }
    uint8_t *p = d->track + point;
    memcpy(p, count, CKD_COUNT_SIZE);
    if (overflow)
        p[0] |= CKD_OVERFLOW_FLAG >> 8;
    take(cmd, &from, p + CKD_COUNT_SIZE, key_length + data_length);
    ckd_track_put_end(d->track + end);
    if (!ckd_store_track(dev, d, end + CKD_END_OF_TRACK_SIZE, cmd))
        return;
    ckd_track_record(d->track, point, &d->record);
    d->orientation = CKD_AFTER_DATA;
    d->index_passes = 0;
    d->bytes_moved += cmd->length;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}

/* Write Count, Key and Data (X'1D'); Write Special Count, Key and Data
 * (X'01') writes a track overflow segment, flagged in its count area. */
void ckd_write_ckd(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = CKD_COUNT_SIZE;
    if (!may_write(dev, d, cmd, WRITE_FORMAT))
        return;
    format_record(dev, d, cmd, format_point(d), cmd->code == CKD_WRITE_SPECIAL_CKD, false);
    if (!(cmd->status & UNIT_CHECK))
        d->achieved = CKD_PREVIOUS_WRITE_CKD;
}

/* Erase (X'11'): erases the track from the format point to the index
 * point. The channel sends the count area of the record that would have
 * been written, whose length is the command's. */
void ckd_erase(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = CKD_COUNT_SIZE;
    if (!may_write(dev, d, cmd, WRITE_FORMAT))
        return;
    uint8_t count[CKD_COUNT_SIZE];
    uint32_t from = 0;
    take(cmd, &from, count, CKD_COUNT_SIZE);
    cmd->length = CKD_COUNT_SIZE + count[5] + load_be16(count + 6);
    uint32_t point = format_point(d);
    ckd_track_put_end(d->track + point);
    if (!ckd_store_track(dev, d, point + CKD_END_OF_TRACK_SIZE, cmd))
        return;
    d->orientation = CKD_AFTER_DATA;
    d->index_passes = 0;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}

/* Write R0 (X'15'): R0's count, key and data after the home address; the
 * rest of the track is erased. */
void ckd_write_r0(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = CKD_COUNT_SIZE;
    if (!may_write(dev, d, cmd, WRITE_R0))
        return;
    format_record(dev, d, cmd, CKD_TRACK_HEADER_SIZE, false, true);
    if (!(cmd->status & UNIT_CHECK))
        d->achieved = CKD_PREVIOUS_WRITE_R0;
}

/* Write Home Address (X'19'): flag byte, CC, HH after the index point; the
 * rest of the track is erased. vm67 images keep the home address in its
 * physical form (flag 0, the track's own address: Hercules's track header
 * has no room for more), so a Write Home Address that flags the track
 * defective or gives it another address is refused with Command Reject
 * rather than silently lost. */
void ckd_write_home_address(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = CKD_TRACK_HEADER_SIZE;
    if (!may_write(dev, d, cmd, WRITE_HOME))
        return;
    uint8_t home[CKD_TRACK_HEADER_SIZE];
    uint32_t from = 0;
    take(cmd, &from, home, sizeof home);
    if (home[0] != 0 || load_be16(home + 1) != d->cylinder || load_be16(home + 3) != d->head) {
        ckd_unit_check(dev, cmd, SENSE_COMMAND_REJECT, 0);
        return;
    }
    ckd_track_put_end(d->track + CKD_TRACK_HEADER_SIZE);
    if (!ckd_store_track(dev, d, CKD_TRACK_HEADER_SIZE + CKD_END_OF_TRACK_SIZE, cmd))
        return;
    d->orientation = CKD_AFTER_HOME;
    d->index_passes = 0;
    d->achieved = CKD_PREVIOUS_WRITE_HOME;
    d->bytes_moved += CKD_TRACK_HEADER_SIZE;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}
