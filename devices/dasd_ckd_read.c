/* Read and search commands. A read sets `length` to what the record holds;
 * the channel moves min(length, count) bytes and reports incorrect length
 * when they differ. Multitrack (bit X'80' of the code) lets the command go
 * on from track to track of the cylinder at the index point. */
#include <string.h>

#include "devices/dasd_ckd.h"
#include "lib/bytes.h"

static const uint32_t data_buffer_size = DEVICE_BUFFER_SIZE;

/* Appends `n` bytes of the track at `offset` to the command's data (the
 * buffer holds the largest transfer a CCW can ask for; the device's length
 * may be longer, and the channel sees that). */
static void transfer(struct device_command *cmd, const uint8_t *from, uint32_t n)
{
    if (cmd->length < data_buffer_size) {
        uint32_t room = data_buffer_size - cmd->length;
        memcpy(cmd->data + cmd->length, from, n < room ? n : room);
    }
    cmd->length += n;
}

static bool multitrack(const struct device_command *cmd)
{
    return (cmd->code & CKD_MULTITRACK) != 0;
}

/* Transfers the data area of the current record and, for a track overflow
 * record, of its segments on the following tracks. Ends the command with
 * unit exception for a zero-length data area (an end-of-file record). */
static void transfer_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    bool end_of_file = d->record.data_length == 0;
    for (;;) {
        transfer(cmd, d->track + d->record.offset + CKD_COUNT_SIZE + d->record.key_length,
                 d->record.data_length);
        d->orientation = CKD_AFTER_DATA;
        if (!d->record.overflow)
            break;
        if (!ckd_next_overflow_segment(dev, d, cmd))
            return;
    }
    d->index_passes = 0;
    d->bytes_moved += cmd->length;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | (end_of_file ? UNIT_EXCEPTION : 0);
}

/* Read IPL (X'02'): the IPL's implicit read. Seek to cylinder 0 head 0,
 * read the data area of the first record after R0 (S360-67.md §3.6). */
void ckd_read_ipl(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (!ckd_move_arm(dev, d, 0, 0, cmd) || !ckd_next_count(dev, d, false, false, cmd))
        return;
    transfer_data(dev, d, cmd);
}

/* Waits for the index point (unless the heads are there), switching heads
 * on the way in a multitrack operation. */
static bool wait_for_index(struct device *dev, struct dasd_ckd *d, struct device_command *cmd,
                           bool counts)
{
    if (d->orientation == CKD_AT_INDEX)
        return true;
    return ckd_pass_index(dev, d, multitrack(cmd), counts, cmd);
}

/* Read Home Address (X'1A'): the five bytes flag, CC, HH after the index
 * point. */
void ckd_read_home_address(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (!wait_for_index(dev, d, cmd, false))
        return;
    transfer(cmd, d->track, CKD_TRACK_HEADER_SIZE);
    d->orientation = CKD_AFTER_HOME;
    d->index_passes = 0;
    d->bytes_moved += cmd->length;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}

/* Read R0 (X'16'): count, key and data of R0, which follows the home
 * address: read at once after the index point or the home address,
 * otherwise after the next index point. A track without R0 gives No
 * Record Found. */
void ckd_read_r0(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (d->orientation != CKD_AFTER_HOME && !wait_for_index(dev, d, cmd, false))
        return;
    if (ckd_is_end_of_track(d->track + CKD_TRACK_HEADER_SIZE)) {
        ckd_unit_check(dev, cmd, 0, SENSE1_NO_RECORD_FOUND);
        return;
    }
    ckd_track_record(d->track, CKD_TRACK_HEADER_SIZE, &d->record);
    transfer(cmd, d->track + d->record.offset, CKD_COUNT_SIZE + d->record.key_length);
    transfer_data(dev, d, cmd);
}

/* Read Count (X'12'): the next count area other than R0's, eight bytes. */
void ckd_read_count(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (!ckd_next_count(dev, d, false, multitrack(cmd), cmd))
        return;
    transfer(cmd, d->track + d->record.offset, CKD_COUNT_SIZE);
    d->bytes_moved += cmd->length;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}

/* Read Data (X'06'): after a count or key area (a search, Read Count), the
 * data of that record; otherwise that of the next record after R0. */
void ckd_read_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (d->orientation != CKD_AFTER_COUNT && d->orientation != CKD_AFTER_KEY &&
        !ckd_next_count(dev, d, false, multitrack(cmd), cmd))
        return;
    transfer_data(dev, d, cmd);
}

/* Read Key and Data (X'0E'): after a count area, that record's key and
 * data; otherwise those of the next record after R0. */
void ckd_read_key_data(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (d->orientation != CKD_AFTER_COUNT && !ckd_next_count(dev, d, false, multitrack(cmd), cmd))
        return;
    transfer(cmd, d->track + d->record.offset + CKD_COUNT_SIZE, d->record.key_length);
    transfer_data(dev, d, cmd);
}

/* Read Count, Key and Data (X'1E'): the whole next record after R0. */
void ckd_read_ckd(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (!ckd_next_count(dev, d, false, multitrack(cmd), cmd))
        return;
    transfer(cmd, d->track + d->record.offset, CKD_COUNT_SIZE + d->record.key_length);
    transfer_data(dev, d, cmd);
}

/* The search condition from the command code: bit X'20' equal, bit X'40'
 * high (the recorded field is higher than the argument). Status modifier
 * on a satisfied search makes the channel skip the next CCW (the TIC back
 * to the search), S360-67.md §3.3. */
static bool satisfied(uint8_t code, int comparison)
{
    return ((code & 0x20) && comparison == 0) || ((code & 0x40) && comparison > 0);
}

static void search_status(struct device_command *cmd, bool met)
{
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | (met ? UNIT_STATUS_MODIFIER : 0);
}

/* Search Home Address Equal (X'39'): compares CC HH (four bytes, fewer if
 * the channel sends fewer) with the home address after the next index
 * point. The loop SEARCH / TIC *-8 ends with No Record Found at the second
 * index point. */
void ckd_search_home(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = 4;
    if (!wait_for_index(dev, d, cmd, true))
        return;
    uint32_t n = cmd->count < 4 ? cmd->count : 4;
    bool met = memcmp(d->track + 1, cmd->data, n) == 0;
    d->orientation = CKD_AFTER_HOME;
    d->bytes_moved += n;
    if (met && n == 4)
        d->achieved = CKD_PREVIOUS_SEARCH_HOME_EQUAL;
    search_status(cmd, met);
}

/* Search ID Equal/High/Equal or High (X'31', X'51', X'71'): compares CC HH
 * R (five bytes, or the fewer the channel sends) with the next count area,
 * R0's included. The track overflow flag is not part of the comparison. */
void ckd_search_id(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = 5;
    if (!ckd_next_count(dev, d, true, multitrack(cmd), cmd))
        return;
    uint8_t id[5];
    store_be16(id, d->record.cylinder);
    store_be16(id + 2, d->record.head);
    id[4] = d->record.record;
    uint32_t n = cmd->count < 5 ? cmd->count : 5;
    bool met = satisfied(cmd->code, memcmp(id, cmd->data, n));
    d->bytes_moved += n;
    if (met && n == 5 && (cmd->code & 0x7F) == CKD_SEARCH_ID_EQUAL)
        d->achieved = CKD_PREVIOUS_SEARCH_ID_EQUAL;
    search_status(cmd, met);
}

/* Search Key Equal/High/Equal or High (X'29', X'49', X'69'): compares the
 * argument with the key area of the record whose count was just read, or
 * of the next record after R0. A record without a key satisfies no key
 * search. */
void ckd_search_key(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    if (d->orientation != CKD_AFTER_COUNT && !ckd_next_count(dev, d, false, multitrack(cmd), cmd))
        return;
    unsigned key_length = d->record.key_length;
    cmd->length = key_length;
    d->orientation = CKD_AFTER_KEY;
    if (key_length == 0) {
        search_status(cmd, false);
        return;
    }
    uint32_t n = cmd->count < key_length ? cmd->count : key_length;
    bool met = satisfied(cmd->code, memcmp(d->track + d->record.offset + CKD_COUNT_SIZE, cmd->data, n));
    d->bytes_moved += n;
    if (met && n == key_length && (cmd->code & 0x7F) == CKD_SEARCH_KEY_EQUAL)
        d->achieved = CKD_PREVIOUS_SEARCH_KEY_EQUAL;
    search_status(cmd, met);
}
