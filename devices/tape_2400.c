/* The 2400-series magnetic tape unit (9-track, on a 2803/2804 tape
 * control): what the guest sees. The image behind it is a
 * devices/tape_image.h tape in any format.
 *
 * Sources. Status and sense: IBM System/360 Field Engineering Handbook
 * (the "FE manual"), 2803 Tape Control pages (status bits, sense bytes 0,
 * 3 and 4); IBM 3803/3420 Subsystem Description (sense byte 1: "in the
 * 2400-series, TU status A and B are lines from the tape unit"); the
 * 2415/2803 model of rcornwell's microsim360, on which the TOS/360
 * reference runs were made (six sense bytes, mode-set decoding); spec
 * S360-67.md §4.6 (commands).
 *
 * Commands (one at a time; see devices/device.h):
 *   01 write   02 read   0C read backward   04 sense   03 no-op
 *   07 rewind  0F rewind and unload  17 erase gap  1F write tape mark
 *   27 backspace block  2F backspace file  37 forward space block
 *   3F forward space file
 *   DDMMM011 mode set. 11000011 (C3) sets 1600 bpi, 11001011 (CB) 800
 *   bpi. The 7-track mode sets (parity, translator: TOS issues EB and F3)
 *   are accepted and change nothing on a 9-track unit, except those that
 *   turn the data converter on (MMM = 010: 13 53 93 D3): the FE manual
 *   has command reject for them on a tape control without the data
 *   converter feature, which a control unit of 9-track units is ⚠ (the
 *   reference model accepts every mode set; no TOS run issues these).
 *   Other control codes are rejected.
 *   Write and read take any modifier bits (xxxxxx01, xxxxxx10), sense
 *   xxxx0100, as the 2803 decodes only the low bits for them.
 *
 * Status (FE manual, 2803 status byte):
 *   - read, read backward, write, sense, no-op and mode set: channel end
 *     and device end together at the end of the command.
 *   - the control commands that move the tape (spacing, write tape mark,
 *     erase gap, rewind, rewind and unload): channel end at once, when the
 *     command is accepted (an immediate command: no data, no delay), and
 *     device end, with what the motion found, when it ends
 *     (channel_device_status). A command other than sense to a unit whose
 *     tape is moving gets busy; the device end that follows ends that
 *     wait too. A command refused at once (not ready, no ring, backspace
 *     at load point) has channel end, device end and unit check together.
 *   - unit exception: a tape mark read, read backward, forward- or
 *     backspaced over a block at a time; a write, write tape mark or erase
 *     gap in the end-of-tape area. Spacing a file stops after its tape
 *     mark without it.
 *   - unit check: any sense byte 0 bit; read backward, backspace block or
 *     backspace file at or into load point (sense byte 0 zero); rewind and
 *     unload completed (then control unit end, device end, unit check).
 *
 * Sense, six bytes:
 *   0  80 command reject (write, write tape mark, erase gap without a
 *      ring; an invalid code)  40 intervention required (unit not ready)
 *      10 equipment check  08 data check  (20 bus out, 04 overrun,
 *      02 word count zero, 01 data converter never arise here)
 *   1  40 TU status A (selected and ready)  20 TU status B (not ready or
 *      rewinding)  08 load point  04 write status  02 file protected
 *      (80 noise and 10 seven-track never: a 9-track unit)
 *   2  track in error: 0 (vm67 has no track to blame) ⚠ the references
 *      disagree on its idle value (SIMH C0, microsim360 03)
 *   3  80 VRC and 40 LRC with a data check; 04 1600 bpi set; 02 backward
 *      (the last motion was backward) ⚠ bit meanings from the FE manual,
 *      their use here is vm67's reading of them
 *   4  40 reject tape unit (with equipment check: the unit became not
 *      ready during a motion)
 *   5  0
 * A command other than sense clears bytes 0, 2, 3, 4 and 5; byte 1 shows
 * the unit as it is when the sense is taken.
 *
 * The reel. The drive keeps the length of tape from load point (blocks at
 * the current density plus 0.6-inch gaps) to model the 2400-foot reel:
 * writing beyond the end-of-tape marker gives unit exception, and running
 * past the physical end runs the tape off the reel: the unit drops ready
 * (FE manual: intervention required whenever status A is off; reject
 * tape unit, an equipment check, when it goes not ready during motion).
 * Reading past the last block recorded in the image does the same, as a
 * real drive reading blank tape runs to the end of the reel; TOS reports
 * it as UNDETR ERR. A remount (devinit) makes the unit ready again.
 *
 * A damaged image (devices/tape_image.h TAPE_DAMAGED) is a data check
 * (sense 08, VRC and LRC); the message naming file, block and offset is
 * printed once on stderr. Spacing over a bad block is not a data check
 * (the FE manual reports data checks for reads); reading it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/device.h"
#include "devices/tape_2400.h"
#include "devices/tape_image.h"
#include "devices/tape_options.h"

#define TAPE_SENSE_BYTES 6

#define SENSE1_TU_STATUS_A 0x40
#define SENSE1_TU_STATUS_B 0x20
#define SENSE1_LOAD_POINT 0x08
#define SENSE1_WRITE_STATUS 0x04
#define SENSE1_FILE_PROTECTED 0x02
#define SENSE3_VRC 0x80
#define SENSE3_LRC 0x40
#define SENSE3_1600_BPI 0x04
#define SENSE3_BACKWARD 0x02
#define SENSE4_REJECT_TAPE_UNIT 0x40

/* The reel, in micro-inches from load point. A 2400-foot reel; the load
 * point marker 10 feet from its start, the end-of-tape marker 18 feet
 * from its end (IBM requires at least 14). ⚠ marker distances are
 * typical values, not from a manual. */
#define MICROINCHES_PER_INCH 1000000ull
#define REEL_TO_END_OF_TAPE_MARKER ((2400ull - 10 - 18) * 12 * MICROINCHES_PER_INCH)
#define REEL_TO_PHYSICAL_END ((2400ull - 10) * 12 * MICROINCHES_PER_INCH)
#define INTERBLOCK_GAP (600000ull)   /* 0.6 inch, 9-track */
#define TAPE_MARK_LENGTH (650000ull) /* gap and the tape mark itself */

/* Virtual time (instructions) each motion takes: start and stop, then
 * per byte passed. Only their order matters to programs. */
#define DELAY_START_STOP 200u
#define DELAY_PER_4_BYTES 1u
#define DELAY_REWIND_BASE 1000u
#define DELAY_REWIND_PER_INCH 20u
#define DELAY_UNLOAD_STATUS 100u

enum drive_state {
    DRIVE_NOT_READY, /* no reel, unloaded, or the tape ran off the reel */
    DRIVE_READY,
    DRIVE_MOVING,    /* a control command's motion: device end to come */
    DRIVE_REWINDING,
    DRIVE_UNLOADING,
};

/* Where the guest stands relative to a damaged spot the image could not
 * pass (see the top of this file). */
enum damage_side {
    DAMAGE_NONE,
    DAMAGE_PASSED_FORWARD,  /* the guest is beyond it; the image before it */
    DAMAGE_PASSED_BACKWARD, /* the guest is before it; the image after it */
};

struct tape_drive {
    struct tape_image *image;
    struct tape_drive_options options;
    char *path; /* owned copy of options.path */
    enum drive_state state;
    bool write_status;
    bool backward;
    enum damage_side damage;
    unsigned density;      /* 800 or 1600 bpi */
    uint64_t position;     /* micro-inches of tape from load point */
    bool motion_command;   /* the command in hand is a tape-motion control */
    struct event motion_done;
    uint8_t motion_done_status;
    enum drive_state state_after_motion;
    char last_message[ERROR_MESSAGE_SIZE];
};

static struct tape_drive *drive_of(struct device *dev)
{
    return dev->state;
}

/* ---- the reel ---------------------------------------------------------- */

static uint64_t block_tape_length(const struct tape_drive *d, uint64_t bytes)
{
    return INTERBLOCK_GAP + bytes * MICROINCHES_PER_INCH / d->density;
}

static void move_forward(struct tape_drive *d, uint64_t tape)
{
    d->position += tape;
}

static void move_backward(struct tape_drive *d, uint64_t tape)
{
    d->position = d->position > tape ? d->position - tape : 0;
    if (tape_image_at_load_point(d->image))
        d->position = 0;
}

static uint32_t motion_delay(uint64_t bytes)
{
    uint64_t d = DELAY_START_STOP + bytes / 4 * DELAY_PER_4_BYTES;
    return d > 0x7FFFFFFF ? 0x7FFFFFFF : (uint32_t)d;
}

static bool in_end_of_tape_area(const struct tape_drive *d)
{
    if (d->position >= REEL_TO_END_OF_TAPE_MARKER)
        return true;
    if (d->options.maxsize != 0) {
        uint64_t margin = d->options.eot_margin;
        uint64_t limit = d->options.maxsize > margin ? d->options.maxsize - margin : 0;
        if (tape_image_offset(d->image) >= limit)
            return true;
    }
    return false;
}

/* ---- sense ------------------------------------------------------------- */

static uint8_t sense_byte_1(const struct tape_drive *d)
{
    uint8_t b = 0;
    switch (d->state) {
    case DRIVE_NOT_READY:
        return SENSE1_TU_STATUS_B;
    case DRIVE_REWINDING:
    case DRIVE_UNLOADING:
        b |= SENSE1_TU_STATUS_A | SENSE1_TU_STATUS_B;
        break;
    case DRIVE_READY:
    case DRIVE_MOVING:
        b |= SENSE1_TU_STATUS_A;
        break;
    }
    if (tape_image_at_load_point(d->image) && d->damage == DAMAGE_NONE)
        b |= SENSE1_LOAD_POINT;
    if (d->write_status)
        b |= SENSE1_WRITE_STATUS;
    if (tape_image_read_only(d->image))
        b |= SENSE1_FILE_PROTECTED;
    return b;
}

static uint8_t sense_byte_3_state(const struct tape_drive *d)
{
    uint8_t b = 0;
    if (d->state == DRIVE_NOT_READY)
        return 0;
    if (d->density == 1600)
        b |= SENSE3_1600_BPI;
    if (d->backward)
        b |= SENSE3_BACKWARD;
    return b;
}

/* A command other than sense starts with fresh sense. */
static void clear_sense(struct device *dev)
{
    memset(dev->sense, 0, sizeof dev->sense);
    dev->sense_length = TAPE_SENSE_BYTES;
}

static void refresh_sense(struct device *dev)
{
    struct tape_drive *d = drive_of(dev);
    /* FE manual: intervention required whenever TU status A is off. */
    if (d->state == DRIVE_NOT_READY)
        dev->sense[0] |= SENSE_INTERVENTION_REQUIRED;
    dev->sense[1] = sense_byte_1(d);
    dev->sense[3] = (uint8_t)((dev->sense[3] & (SENSE3_VRC | SENSE3_LRC)) | sense_byte_3_state(d));
    dev->sense_length = TAPE_SENSE_BYTES;
}

/* Ends the command at once with this status (and the sense bytes set so
 * far): a command refused at initial selection, or one that is over as
 * soon as it starts (no-op, mode set). */
static void finish_now(struct device *dev, struct device_command *cmd, uint8_t status)
{
    refresh_sense(dev);
    cmd->status = status;
    cmd->length = 0;
    cmd->delay = 0;
    cmd->pending = false;
}

/* Ends a command that moved the tape, with its final status after
 * `delay`. A tape-motion control command (spacing, write tape mark,
 * erase gap) has channel end as soon as it is accepted and device end,
 * with whatever the motion found, when the motion ends (FE manual: channel
 * end "that a control command has been accepted", device end "that the
 * tape unit has completed operation"); the unit is busy meanwhile. Read
 * and write end with channel end and device end together. */
static void finish(struct device *dev, struct device_command *cmd, uint8_t status,
                   uint32_t length, uint64_t delay)
{
    struct tape_drive *d = drive_of(dev);
    refresh_sense(dev);
    cmd->pending = false;
    if (d->motion_command && dev->events != NULL) {
        cmd->status = UNIT_CHANNEL_END;
        cmd->length = 0;
        cmd->delay = 0;
        d->motion_done_status = (uint8_t)(status & ~UNIT_CHANNEL_END);
        d->state_after_motion = d->state;
        d->state = DRIVE_MOVING;
        event_schedule(dev->events, &d->motion_done, delay > 0 ? delay : 1);
        return;
    }
    cmd->status = status;
    cmd->length = length;
    cmd->delay = delay;
}

static void report_once(struct device *dev, const char *message)
{
    struct tape_drive *d = drive_of(dev);
    if (message[0] == '\0' || strcmp(message, d->last_message) == 0)
        return;
    snprintf(d->last_message, sizeof d->last_message, "%s", message);
    fprintf(stderr, "vm67: tape %03X: %s\n", dev->address, message);
}

static void data_check(struct device *dev, struct device_command *cmd, uint32_t length,
                       const struct error *err)
{
    report_once(dev, err->message);
    dev->sense[0] = SENSE_DATA_CHECK;
    dev->sense[3] = SENSE3_VRC | SENSE3_LRC;
    finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK, length,
           motion_delay(length));
}

/* The tape left the reel (or a host failure left vm67 unable to go on
 * with it): the unit is not ready until a remount. */
static void unit_drops_ready(struct device *dev, struct device_command *cmd, const char *why)
{
    struct tape_drive *d = drive_of(dev);
    report_once(dev, why);
    d->state = DRIVE_NOT_READY;
    d->write_status = false;
    dev->sense[0] = SENSE_INTERVENTION_REQUIRED | SENSE_EQUIPMENT_CHECK;
    dev->sense[4] = SENSE4_REJECT_TAPE_UNIT;
    finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK, 0,
           motion_delay(0) * 50);
}

static void command_reject(struct device *dev, struct device_command *cmd)
{
    dev->sense[0] = SENSE_COMMAND_REJECT;
    finish_now(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK);
}

/* A host failure (disk full, I/O error) on the image. */
static void host_failure(struct device *dev, struct device_command *cmd, const struct error *err)
{
    report_once(dev, err->message);
    dev->sense[0] = SENSE_EQUIPMENT_CHECK;
    dev->sense[4] = SENSE4_REJECT_TAPE_UNIT;
    finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK, 0, motion_delay(0));
}

/* ---- reading and spacing ----------------------------------------------- */

static void read_forward(struct device *dev, struct device_command *cmd, bool spacing)
{
    struct tape_drive *d = drive_of(dev);
    struct error err;
    error_clear(&err);
    d->backward = false;
    if (d->damage == DAMAGE_PASSED_FORWARD) {
        data_check(dev, cmd, 0, &(struct error){.message = ""});
        return;
    }
    if (d->damage == DAMAGE_PASSED_BACKWARD) {
        /* Pass the spot again: the image is already after it. */
        d->damage = DAMAGE_NONE;
        if (spacing)
            finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END, cmd->count, motion_delay(0));
        else
            data_check(dev, cmd, 0, &err);
        return;
    }
    uint32_t length = 0;
    enum tape_status s = tape_image_read_forward(d->image, spacing ? NULL : cmd->data,
                                                 spacing ? 0 : DEVICE_BUFFER_SIZE, &length, &err);
    uint32_t reported = spacing ? cmd->count : length;
    switch (s) {
    case TAPE_BLOCK:
        move_forward(d, block_tape_length(d, length));
        finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END, reported, motion_delay(length));
        return;
    case TAPE_BAD_BLOCK:
        move_forward(d, block_tape_length(d, length));
        if (spacing)
            finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END, reported, motion_delay(length));
        else
            data_check(dev, cmd, length, &err);
        return;
    case TAPE_TAPE_MARK:
        move_forward(d, TAPE_MARK_LENGTH);
        finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_EXCEPTION,
               spacing ? cmd->count : 0, motion_delay(0));
        return;
    case TAPE_END_OF_DATA:
        if (err.message[0] != '\0')
            report_once(dev, err.message);
        unit_drops_ready(dev, cmd, "read past the last block recorded: the tape ran off the reel");
        return;
    case TAPE_DAMAGED:
        d->damage = DAMAGE_PASSED_FORWARD;
        if (spacing) {
            report_once(dev, err.message);
            finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END, reported, motion_delay(0));
        } else {
            data_check(dev, cmd, 0, &err);
        }
        return;
    case TAPE_AT_LOAD_POINT:
    case TAPE_HOST_ERROR:
        break;
    }
    host_failure(dev, cmd, &err);
}

/* Read backward, backspace block: at or into load point is unit check
 * with no sense byte 0 bit (FE manual, unit check (b)). */
static void read_backward(struct device *dev, struct device_command *cmd, bool spacing)
{
    struct tape_drive *d = drive_of(dev);
    struct error err;
    error_clear(&err);
    d->backward = true;
    uint8_t at_load_point = 0;
    if (d->damage == DAMAGE_PASSED_BACKWARD) {
        data_check(dev, cmd, 0, &(struct error){.message = ""});
        return;
    }
    if (d->damage == DAMAGE_PASSED_FORWARD) {
        d->damage = DAMAGE_NONE;
        if (tape_image_at_load_point(d->image))
            at_load_point = UNIT_CHECK;
        if (spacing)
            finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | at_load_point, cmd->count,
                   motion_delay(0));
        else
            data_check(dev, cmd, 0, &err);
        return;
    }
    uint32_t length = 0;
    enum tape_status s = tape_image_read_backward(d->image, spacing ? NULL : cmd->data,
                                                  spacing ? 0 : DEVICE_BUFFER_SIZE, &length, &err);
    uint32_t reported = spacing ? cmd->count : length;
    if (tape_image_at_load_point(d->image))
        at_load_point = UNIT_CHECK;
    switch (s) {
    case TAPE_AT_LOAD_POINT:
        /* At load point nothing moves: unit check in the initial status. */
        finish_now(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK);
        return;
    case TAPE_BLOCK:
        move_backward(d, block_tape_length(d, length));
        finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | at_load_point, reported,
               motion_delay(length));
        return;
    case TAPE_BAD_BLOCK:
        move_backward(d, block_tape_length(d, length));
        if (spacing) {
            finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | at_load_point, reported,
                   motion_delay(length));
        } else {
            data_check(dev, cmd, length, &err);
        }
        return;
    case TAPE_TAPE_MARK:
        move_backward(d, TAPE_MARK_LENGTH);
        finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_EXCEPTION | at_load_point,
               spacing ? cmd->count : 0, motion_delay(0));
        return;
    case TAPE_DAMAGED:
        d->damage = DAMAGE_PASSED_BACKWARD;
        if (spacing) {
            report_once(dev, err.message);
            finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END, reported, motion_delay(0));
        } else {
            data_check(dev, cmd, 0, &err);
        }
        return;
    case TAPE_END_OF_DATA:
    case TAPE_HOST_ERROR:
        break;
    }
    host_failure(dev, cmd, &err);
}

static void forward_space_file(struct device *dev, struct device_command *cmd)
{
    struct tape_drive *d = drive_of(dev);
    struct error err;
    error_clear(&err);
    d->backward = false;
    if (d->damage == DAMAGE_PASSED_FORWARD) {
        data_check(dev, cmd, 0, &(struct error){.message = ""});
        return;
    }
    d->damage = DAMAGE_NONE;
    struct tape_motion m;
    enum tape_status s = tape_image_space_file_forward(d->image, &m, &err);
    move_forward(d, m.blocks * INTERBLOCK_GAP + m.bytes * MICROINCHES_PER_INCH / d->density);
    uint64_t delay = motion_delay(m.bytes) + m.blocks * 10;
    switch (s) {
    case TAPE_TAPE_MARK:
        move_forward(d, TAPE_MARK_LENGTH);
        finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END, cmd->count, delay);
        return;
    case TAPE_END_OF_DATA:
        if (err.message[0] != '\0')
            report_once(dev, err.message);
        unit_drops_ready(dev, cmd, "spaced past the last block recorded: the tape ran off the reel");
        return;
    case TAPE_DAMAGED:
        d->damage = DAMAGE_PASSED_FORWARD;
        data_check(dev, cmd, 0, &err);
        return;
    default:
        break;
    }
    host_failure(dev, cmd, &err);
}

static void backspace_file(struct device *dev, struct device_command *cmd)
{
    struct tape_drive *d = drive_of(dev);
    struct error err;
    error_clear(&err);
    d->backward = true;
    if (d->damage == DAMAGE_PASSED_BACKWARD) {
        data_check(dev, cmd, 0, &(struct error){.message = ""});
        return;
    }
    if (d->damage == DAMAGE_NONE && tape_image_at_load_point(d->image)) {
        finish_now(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK);
        return;
    }
    d->damage = DAMAGE_NONE;
    struct tape_motion m;
    enum tape_status s = tape_image_space_file_backward(d->image, &m, &err);
    move_backward(d, m.blocks * INTERBLOCK_GAP + m.bytes * MICROINCHES_PER_INCH / d->density);
    uint64_t delay = motion_delay(m.bytes) + m.blocks * 10;
    switch (s) {
    case TAPE_TAPE_MARK:
        move_backward(d, TAPE_MARK_LENGTH);
        finish(dev, cmd,
               UNIT_CHANNEL_END | UNIT_DEVICE_END |
                   (tape_image_at_load_point(d->image) ? UNIT_CHECK : 0),
               cmd->count, delay);
        return;
    case TAPE_AT_LOAD_POINT:
        /* Into load point without a tape mark. */
        finish(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK, cmd->count, delay);
        return;
    case TAPE_DAMAGED:
        d->damage = DAMAGE_PASSED_BACKWARD;
        data_check(dev, cmd, 0, &err);
        return;
    default:
        break;
    }
    host_failure(dev, cmd, &err);
}

/* ---- writing ----------------------------------------------------------- */

/* Checks common to write, write tape mark and erase gap. */
static bool may_write(struct device *dev, struct device_command *cmd)
{
    struct tape_drive *d = drive_of(dev);
    if (tape_image_read_only(d->image)) {
        command_reject(dev, cmd);
        return false;
    }
    if (d->damage != DAMAGE_NONE) {
        /* The write point is somewhere in a stretch of the image vm67
         * could not follow. */
        data_check(dev, cmd, 0, &(struct error){.message = ""});
        return false;
    }
    return true;
}

/* Would `bytes` more of file and `tape` more of reel run off the reel? */
static bool runs_off(const struct tape_drive *d, uint64_t bytes, uint64_t tape)
{
    if (d->position + tape > REEL_TO_PHYSICAL_END)
        return true;
    return d->options.maxsize != 0 && tape_image_offset(d->image) + bytes > d->options.maxsize;
}

static void write_done(struct device *dev, struct device_command *cmd, uint32_t length)
{
    struct tape_drive *d = drive_of(dev);
    d->write_status = true;
    d->backward = false;
    uint8_t status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
    if (in_end_of_tape_area(d))
        status |= UNIT_EXCEPTION;
    finish(dev, cmd, status, length, motion_delay(length));
}

static void write_block(struct device *dev, struct device_command *cmd)
{
    struct tape_drive *d = drive_of(dev);
    if (!may_write(dev, cmd))
        return;
    uint32_t n = cmd->count;
    if (n == 0 || n > 65535) {
        /* The channel never sends these; a write of nothing is the word
         * count zero condition. */
        dev->sense[0] = 0x02;
        finish_now(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK);
        return;
    }
    uint64_t tape = block_tape_length(d, n);
    if (runs_off(d, tape_image_object_size_bound(d->image, n), tape)) {
        unit_drops_ready(dev, cmd, "wrote past the end of the reel: the tape ran off the reel");
        return;
    }
    struct error err;
    if (!tape_image_write_block(d->image, cmd->data, n, &err)) {
        host_failure(dev, cmd, &err);
        return;
    }
    move_forward(d, tape);
    write_done(dev, cmd, n);
}

static void write_tape_mark(struct device *dev, struct device_command *cmd)
{
    struct tape_drive *d = drive_of(dev);
    if (!may_write(dev, cmd))
        return;
    if (runs_off(d, tape_image_object_size_bound(d->image, 0), TAPE_MARK_LENGTH)) {
        unit_drops_ready(dev, cmd, "wrote past the end of the reel: the tape ran off the reel");
        return;
    }
    struct error err;
    if (!tape_image_write_tape_mark(d->image, &err)) {
        host_failure(dev, cmd, &err);
        return;
    }
    move_forward(d, TAPE_MARK_LENGTH);
    write_done(dev, cmd, cmd->count);
}

/* Erase gap: erases a length of tape. The image keeps no gaps (Hercules
 * and SIMH drivers treat it the same way), so only the status tells. */
static void erase_gap(struct device *dev, struct device_command *cmd)
{
    if (!may_write(dev, cmd))
        return;
    write_done(dev, cmd, cmd->count);
}

/* ---- rewind, unload, mode set ------------------------------------------ */

static void motion_done_fire(void *arg)
{
    struct device *dev = arg;
    struct tape_drive *d = drive_of(dev);
    uint8_t status = d->motion_done_status;
    if (d->state == DRIVE_UNLOADING) {
        tape_image_close(d->image);
        d->image = NULL;
        d->state = DRIVE_NOT_READY;
    } else {
        d->state = d->state_after_motion;
    }
    channel_device_status(dev, status);
}

static void rewind_tape(struct device *dev, struct device_command *cmd, bool unload)
{
    struct tape_drive *d = drive_of(dev);
    uint64_t inches = d->position / MICROINCHES_PER_INCH;
    tape_image_rewind(d->image);
    d->position = 0;
    d->damage = DAMAGE_NONE;
    d->write_status = false;
    d->backward = true;
    uint64_t delay;
    d->state_after_motion = DRIVE_READY;
    if (unload) {
        /* FE manual: unit check when the rewind-unload is completed at the
         * tape control, with control unit end; the unit is then not
         * ready. */
        d->state = DRIVE_UNLOADING;
        d->motion_done_status = UNIT_CONTROL_UNIT_END | UNIT_DEVICE_END | UNIT_CHECK;
        delay = DELAY_UNLOAD_STATUS;
    } else {
        d->state = DRIVE_REWINDING;
        d->motion_done_status = UNIT_DEVICE_END;
        delay = DELAY_REWIND_BASE + inches * DELAY_REWIND_PER_INCH;
    }
    if (dev->events != NULL) {
        event_schedule(dev->events, &d->motion_done, delay);
    } else {
        /* No virtual time to wait in (a bare unit under test): done now. */
        motion_done_fire(dev);
    }
    finish_now(dev, cmd, UNIT_CHANNEL_END);
}

static void mode_set(struct device *dev, struct device_command *cmd)
{
    struct tape_drive *d = drive_of(dev);
    if ((cmd->code & 0x38) == 0x10) {
        /* Data converter on, and no data converter (see the top). */
        command_reject(dev, cmd);
        return;
    }
    if ((cmd->code & 0xC0) == 0xC0) {
        /* 9-track density: 11000011 1600 bpi, 11001011 800 bpi. */
        if ((cmd->code & 0x38) == 0x00)
            d->density = 1600;
        else if ((cmd->code & 0x38) == 0x08)
            d->density = 800;
    }
    finish_now(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END);
}

/* ---- the device type --------------------------------------------------- */

static void tape_2400_start(struct device *dev, struct device_command *cmd)
{
    struct tape_drive *d = drive_of(dev);
    cmd->pending = false;
    enum ccw_class class = ccw_class_of(cmd->code);
    if (class == CCW_CLASS_SENSE) {
        refresh_sense(dev);
        device_answer_sense(dev, cmd);
        return;
    }
    if (d->state == DRIVE_MOVING || d->state == DRIVE_REWINDING || d->state == DRIVE_UNLOADING) {
        /* The unit is busy until its device end. */
        cmd->status = UNIT_BUSY;
        cmd->length = 0;
        cmd->delay = 0;
        return;
    }
    clear_sense(dev);
    d->motion_command = false;
    if (class == CCW_CLASS_INVALID || class == CCW_CLASS_TIC ||
        (class == CCW_CLASS_CONTROL && (cmd->code & 0x07) == 0x07 && (cmd->code & 0xC0) != 0)) {
        command_reject(dev, cmd);
        return;
    }
    if (d->state == DRIVE_NOT_READY) {
        dev->sense[0] = SENSE_INTERVENTION_REQUIRED;
        finish_now(dev, cmd, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK);
        return;
    }
    if (class != CCW_CLASS_WRITE && !(class == CCW_CLASS_CONTROL && (cmd->code == 0x17 || cmd->code == 0x1F)))
        d->write_status = false;
    switch (class) {
    case CCW_CLASS_WRITE:
        write_block(dev, cmd);
        return;
    case CCW_CLASS_READ:
        read_forward(dev, cmd, false);
        return;
    case CCW_CLASS_READ_BACKWARD:
        read_backward(dev, cmd, false);
        return;
    default:
        break;
    }
    if ((cmd->code & 0x07) == 0x03) {
        mode_set(dev, cmd);
        return;
    }
    d->motion_command = true;
    switch (cmd->code) {
    case 0x07:
        rewind_tape(dev, cmd, false);
        return;
    case 0x0F:
        rewind_tape(dev, cmd, true);
        return;
    case 0x17:
        erase_gap(dev, cmd);
        return;
    case 0x1F:
        write_tape_mark(dev, cmd);
        return;
    case 0x27:
        read_backward(dev, cmd, true);
        return;
    case 0x2F:
        backspace_file(dev, cmd);
        return;
    case 0x37:
        read_forward(dev, cmd, true);
        return;
    case 0x3F:
        forward_space_file(dev, cmd);
        return;
    default:
        command_reject(dev, cmd);
        return;
    }
}

static bool mount(struct device *dev, struct error *err)
{
    struct tape_drive *d = drive_of(dev);
    d->state = DRIVE_NOT_READY;
    d->position = 0;
    d->damage = DAMAGE_NONE;
    d->write_status = false;
    d->backward = false;
    d->last_message[0] = '\0';
    if (d->path == NULL)
        return true;
    d->image = tape_image_open(d->path, &d->options.image, err);
    if (d->image == NULL)
        return false;
    d->state = DRIVE_READY;
    return true;
}

static void tape_2400_detach(struct device *dev)
{
    struct tape_drive *d = drive_of(dev);
    if (d == NULL)
        return;
    if (dev->events != NULL)
        event_cancel(dev->events, &d->motion_done);
    tape_image_close(d->image);
    free(d->path);
    free(d);
    dev->state = NULL;
}

static bool tape_2400_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    struct tape_drive *d = calloc(1, sizeof *d);
    if (d == NULL)
        return error_set(err, "out of memory");
    if (!tape_options_parse(argc, argv, &d->options, err)) {
        free(d);
        return false;
    }
    if (d->options.path != NULL && (d->path = strdup(d->options.path)) == NULL) {
        free(d);
        return error_set(err, "out of memory");
    }
    d->options.path = d->path;
    d->density = 800;
    event_init(&d->motion_done, motion_done_fire, dev);
    dev->state = d;
    clear_sense(dev);
    if (!mount(dev, err)) {
        tape_2400_detach(dev);
        return false;
    }
    refresh_sense(dev);
    return true;
}

bool tape_2400_remount(struct device *dev, int argc, char **argv, struct error *err)
{
    struct tape_drive *d = drive_of(dev);
    struct tape_drive_options options;
    if (!tape_options_parse(argc, argv, &options, err))
        return false;
    char *path = NULL;
    struct tape_image *image = NULL;
    if (options.path != NULL) {
        if ((path = strdup(options.path)) == NULL)
            return error_set(err, "out of memory");
        image = tape_image_open(path, &options.image, err);
        if (image == NULL) {
            free(path);
            return false; /* the old reel stays */
        }
    }
    bool was_ready = d->state == DRIVE_READY;
    if (dev->events != NULL)
        event_cancel(dev->events, &d->motion_done);
    tape_image_close(d->image);
    free(d->path);
    d->image = image;
    d->path = path;
    d->options = options;
    d->options.path = path;
    d->state = image != NULL ? DRIVE_READY : DRIVE_NOT_READY;
    d->position = 0;
    d->damage = DAMAGE_NONE;
    d->write_status = false;
    d->backward = false;
    d->last_message[0] = '\0';
    clear_sense(dev);
    refresh_sense(dev);
    /* A unit that becomes ready presents device end (3803/2400: "device
     * end is signaled when the tape unit becomes ready"). */
    if (!was_ready && d->state == DRIVE_READY)
        channel_device_status(dev, UNIT_DEVICE_END);
    return true;
}

/* No command is ever left pending (each ends with a delay), so a HALT I/O
 * has nothing to complete; a rewind goes on, as it does on the unit. */
static void tape_2400_halt(struct device *dev)
{
    (void)dev;
}

static void tape_2400_reset(struct device *dev)
{
    struct tape_drive *d = drive_of(dev);
    if (dev->events != NULL)
        event_cancel(dev->events, &d->motion_done);
    if (d->state == DRIVE_UNLOADING) {
        tape_image_close(d->image);
        d->image = NULL;
        d->state = DRIVE_NOT_READY;
    } else if (d->state == DRIVE_REWINDING || d->state == DRIVE_MOVING) {
        d->state = d->state_after_motion;
    }
    d->damage = DAMAGE_NONE;
    clear_sense(dev);
    refresh_sense(dev);
}

static void tape_2400_describe(struct device *dev, char *buffer, size_t size)
{
    struct tape_drive *d = drive_of(dev);
    if (d->image == NULL) {
        snprintf(buffer, size, "no reel mounted%s",
                 d->path != NULL ? " (unloaded or not ready)" : "");
        return;
    }
    const char *state = d->state == DRIVE_READY       ? "ready"
                        : d->state == DRIVE_MOVING    ? "moving"
                        : d->state == DRIVE_REWINDING ? "rewinding"
                        : d->state == DRIVE_UNLOADING ? "unloading"
                                                      : "not ready";
    snprintf(buffer, size, "%s %s, %s, block %llu (offset %llu), %u bpi, %s",
             tape_image_path(d->image), tape_image_format_description(d->image),
             tape_image_read_only(d->image) ? "no ring" : "ring",
             (unsigned long long)tape_image_block_number(d->image),
             (unsigned long long)tape_image_offset(d->image), d->density, state);
}

static const char *const tape_2400_aliases[] = {
    "2401", "2415", "2420", "3410", "3411", "3420", "3422", "3430", NULL,
};

const struct device_type tape_2400_type = {
    .name = "2400",
    .aliases = tape_2400_aliases,
    .description = "2400-series 9-track magnetic tape unit",
    .attach = tape_2400_attach,
    .detach = tape_2400_detach,
    .start = tape_2400_start,
    .halt = tape_2400_halt,
    .reset = tape_2400_reset,
    .describe = tape_2400_describe,
    .reinit = tape_2400_remount,
};
