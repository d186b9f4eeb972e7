/* The 2540 card reader (S360-67.md §4.2), also configured as Hercules's
 * 3505 or 2501. Commands:
 *   read, feed, select stacker  SSM00010: X'02' (R1), X'42' (R2), X'82'
 *                               (RP3); M = column binary, X'22'...
 *   feed, select stacker        SS100011: X'23', X'63', X'A3'
 *   no-op X'03', sense X'04'
 * A read transfers 80 bytes (incorrect length if the count differs, as
 * for any record). An empty hopper gives unit check with intervention
 * required (sense X'40'), or unit exception when the END OF FILE key is
 * on (the eof option), on the read that finds it empty. Loading a new deck
 * (devinit) makes a reader that was not ready ready, and it then presents
 * device end, as a reader does on its not-ready-to-ready change (POO:
 * "device end ... when the device changes from the not-ready to the ready
 * state").
 *
 * Not implemented: column-binary (card image) reading, M = 1 (X'22',
 * X'62', X'A2'): it needs the Hollerith punch code of every byte; such a
 * read is rejected (unit check, command reject), not faked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/card_deck.h"
#include "devices/card_reader.h"
#include "devices/device.h"

static const char *const reader_aliases[] = {"2540", "2540R", "3505", "2501", NULL};

static bool reader_2540_command(uint8_t code, enum card_reader_operation *op)
{
    if ((code & 0x1F) == 0x02 && (code & 0xC0) != 0xC0) {
        *op = (code & 0x20) ? CARD_READER_UNSUPPORTED : CARD_READER_READ;
        return true;
    }
    if ((code & 0x3F) == 0x23 && (code & 0xC0) != 0xC0) {
        *op = CARD_READER_FEED;
        return true;
    }
    if (code == 0x03) {
        *op = CARD_READER_NOP;
        return true;
    }
    return false;
}

static const struct card_reader_model model_2540 = {
    .decode = reader_2540_command,
    .punch = false,
};

static bool reader_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    return card_reader_attach(dev, &model_2540, argc, argv, err);
}

const struct device_type card_reader_2540_type = {
    .name = "2540R",
    .aliases = reader_aliases,
    .description = "2540 card reader",
    .attach = reader_attach,
    .detach = card_reader_detach,
    .start = card_reader_start,
    .halt = NULL,
    .reset = card_reader_reset,
    .describe = card_reader_describe,
    .reinit = card_reader_reinit,
};
