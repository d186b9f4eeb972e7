/* The 2540 card punch (S360-67.md §4.2), also configured as Hercules's
 * 3525. Commands: write (punch), feed, select stacker SSM00001: X'01'
 * (P1), X'41' (P2), X'81' (RP3), M = column binary; no-op X'03'; sense
 * X'04'. A card is 80 bytes; another count is an incorrect length.
 *
 * Not implemented: column-binary punching (M = 1: X'21', X'61', X'A1'),
 * rejected with command reject rather than faked. */
#include "devices/card_punch.h"
#include "devices/device.h"

static bool punch_2540_command(uint8_t code, enum card_punch_operation *op)
{
    if ((code & 0x1F) == 0x01 && (code & 0xC0) != 0xC0) {
        *op = (code & 0x20) ? CARD_PUNCH_UNSUPPORTED : CARD_PUNCH_WRITE;
        return true;
    }
    if (code == 0x03) {
        *op = CARD_PUNCH_NOP;
        return true;
    }
    return false;
}

static const struct card_punch_model model_2540 = {.decode = punch_2540_command};

static bool punch_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    return card_punch_attach(dev, &model_2540, argc, argv, err);
}

static const char *const punch_aliases[] = {"2540P", "3525", NULL};

const struct device_type card_punch_2540_type = {
    .name = "2540P",
    .aliases = punch_aliases,
    .description = "2540 card punch",
    .attach = punch_attach,
    .detach = card_punch_detach,
    .start = card_punch_start,
    .halt = NULL,
    .reset = card_punch_reset,
    .describe = card_punch_describe,
    .reinit = card_punch_reinit,
};
