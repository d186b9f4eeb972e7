/* What the card punches (2540 punch, 1442 model 2 punch) have in common:
 * the output file (devices/card_output.h) and the timing. Each type file
 * decodes its command codes. */
#ifndef VM67_DEVICES_CARD_PUNCH_H
#define VM67_DEVICES_CARD_PUNCH_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/device.h"

enum card_punch_operation {
    CARD_PUNCH_WRITE,       /* punch a card */
    CARD_PUNCH_NOP,         /* no operation / stacker select (immediate) */
    CARD_PUNCH_UNSUPPORTED, /* a valid command vm67 does not implement */
};

struct card_punch_model {
    bool (*decode)(uint8_t code, enum card_punch_operation *op);
};

#define CARD_PUNCH_CARD_TIME 2000

bool card_punch_attach(struct device *dev, const struct card_punch_model *model, int argc, char **argv,
                       struct error *err);
void card_punch_detach(struct device *dev);
void card_punch_start(struct device *dev, struct device_command *cmd);
void card_punch_reset(struct device *dev);
void card_punch_describe(struct device *dev, char *buffer, size_t size);
bool card_punch_reinit(struct device *dev, int argc, char **argv, struct error *err);

#endif
