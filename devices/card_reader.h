/* What the card readers (2540 reader, 1442 read punch) have in common: the
 * hopper (devices/card_deck.h), the timing, the end-of-file behaviour and
 * devinit. Each type file gives the decoding of its command codes. */
#ifndef VM67_DEVICES_CARD_READER_H
#define VM67_DEVICES_CARD_READER_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/device.h"

enum card_reader_operation {
    CARD_READER_READ,        /* read a card, feed, select stacker */
    CARD_READER_FEED,        /* feed a card without reading it */
    CARD_READER_NOP,         /* no operation (immediate) */
    CARD_READER_PUNCH,       /* punch a card (read punch units) */
    CARD_READER_UNSUPPORTED, /* a valid command vm67 does not implement */
};

struct card_reader_model {
    /* False: the code is not a command of this device (command reject). */
    bool (*decode)(uint8_t code, enum card_reader_operation *op);
    /* The unit punches too: the punch=FILE option names the output. */
    bool punch;
};

/* Virtual time for one card to pass the read station. */
#define CARD_READER_CARD_TIME 2000

bool card_reader_attach(struct device *dev, const struct card_reader_model *model, int argc, char **argv,
                        struct error *err);
void card_reader_detach(struct device *dev);
void card_reader_start(struct device *dev, struct device_command *cmd);
void card_reader_reset(struct device *dev);
void card_reader_describe(struct device *dev, char *buffer, size_t size);
bool card_reader_reinit(struct device *dev, int argc, char **argv, struct error *err);

#endif
