/* Control commands: Seek, Seek Cylinder, Seek Head, Recalibrate, Set File
 * Mask. (No-operation is answered in dasd_ckd.c.) */
#include "devices/dasd_ckd.h"
#include "lib/bytes.h"

/* Seek (X'07'), Seek Cylinder (X'0B'), Seek Head (X'1B'): six bytes BB CC
 * HH from the channel.
 *   - Fewer than six bytes: Command Reject.
 *   - The file mask's seek control (bits 3-4) allows Seek only with 00,
 *     Seek Cylinder with 00 or 01, Seek Head with anything but 11; a
 *     forbidden seek is File Protected (sense byte 1 bit 5). (The 2841
 *     and 2314 descriptions tie File Protected to the file mask; Hercules
 *     agrees, SIMH reports Command Reject instead.)
 *   - Seek Head keeps the cylinder (the argument's CC is not used, as in
 *     Hercules; SIMH rejects a different CC).
 *   - BB not zero, a cylinder beyond the volume or a head beyond the
 *     cylinder: Command Reject with Seek Check (sense byte 0 bit 7), and
 *     the arm does not move. */
void ckd_seek(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    uint8_t code = cmd->code;
    cmd->length = 6;
    if (cmd->count < 6) {
        ckd_unit_check(dev, cmd, SENSE_COMMAND_REJECT, 0);
        return;
    }
    uint8_t seek_control = d->file_mask & FILE_MASK_SEEK;
    bool allowed = code == CKD_SEEK            ? seek_control == FILE_MASK_ALLOW_ALL_SEEKS
                   : code == CKD_SEEK_CYLINDER ? seek_control == FILE_MASK_ALLOW_ALL_SEEKS ||
                                                     seek_control == FILE_MASK_ALLOW_CYLINDER_HEAD
                                               : seek_control != FILE_MASK_NO_SEEKS;
    if (!allowed) {
        ckd_unit_check(dev, cmd, 0, SENSE1_FILE_PROTECTED);
        return;
    }
    unsigned bin = load_be16(cmd->data);
    unsigned cylinder = load_be16(cmd->data + 2);
    unsigned head = load_be16(cmd->data + 4);
    if (code == CKD_SEEK_HEAD)
        cylinder = d->cylinder;
    if (bin != 0 || cylinder >= d->image->cylinders || head >= d->geometry->heads) {
        ckd_unit_check(dev, cmd, SENSE_COMMAND_REJECT | SENSE0_SEEK_CHECK, 0);
        return;
    }
    if (ckd_move_arm(dev, d, cylinder, head, cmd))
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}

/* Recalibrate (X'13'): the arm returns to cylinder 0 head 0; allowed only
 * when the file mask allows all seeks, else File Protected. */
void ckd_recalibrate(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = 0;
    if ((d->file_mask & FILE_MASK_SEEK) != FILE_MASK_ALLOW_ALL_SEEKS) {
        ckd_unit_check(dev, cmd, 0, SENSE1_FILE_PROTECTED);
        return;
    }
    if (ckd_move_arm(dev, d, 0, 0, cmd))
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}

/* Set File Mask (X'1F'): one byte, in force to the end of the chain. A
 * second one in the same chain is Command Reject with Invalid Sequence
 * (sense byte 1 bit 3); a mask with reserved bits (2, 5-7) set is Command
 * Reject. */
void ckd_set_file_mask(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    cmd->length = 1;
    if (d->file_mask_set) {
        ckd_unit_check(dev, cmd, SENSE_COMMAND_REJECT, SENSE1_INVALID_SEQUENCE);
        return;
    }
    uint8_t mask = cmd->data[0];
    if (mask & FILE_MASK_RESERVED) {
        ckd_unit_check(dev, cmd, SENSE_COMMAND_REJECT, 0);
        return;
    }
    d->file_mask = mask;
    d->file_mask_set = true;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
}
