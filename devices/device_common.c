#include <string.h>

#include "devices/device.h"

void device_answer_sense(struct device *dev, struct device_command *cmd)
{
    uint32_t n = dev->sense_length;
    memcpy(cmd->data, dev->sense, n);
    cmd->length = n;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
    cmd->delay = 0;
}

void device_reject_command(struct device *dev, struct device_command *cmd)
{
    memset(dev->sense, 0, sizeof dev->sense);
    dev->sense[0] = SENSE_COMMAND_REJECT;
    cmd->length = 0;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK;
    cmd->delay = 0;
}
