/* The 1442 card read punch, model N1 (reads and punches), and the 1442
 * model N2 (punch only), as TOS/360 uses them (A24-3119 "IBM 1442 Card
 * Read-Punch"; command bits as in the System/360 1442 attachment):
 *   write (punch)   FSD00001: X'01', F = feed X'80', S = stacker X'40',
 *                   D = card image X'20'
 *   read            0SD00010: X'02', X'42'
 *   feed, select    FS000011: X'03' no-op, X'43' select stacker, X'83'
 *                   and X'C3' feed a card
 *   sense           X'04': byte 0 X'80' command reject, X'40'
 *                   intervention required, X'20' bus out check, X'10'
 *                   equipment check, X'08' data check, X'04' overrun
 * An empty hopper gives unit check with intervention required, or unit
 * exception with the eof option, exactly as the 2540 reader.
 *
 * Configuration: `1442 DECK... [reader options] [punch=FILE]` for the read
 * punch (ascii/ebcdic apply to the deck and the punched cards alike, crlf
 * and noclear to the punched cards); `1442N2 FILE [punch options]` for
 * the punch-only model.
 *
 * Not implemented: the card image feature (D = 1), rejected with command
 * reject rather than faked. */
#include "devices/card_punch.h"
#include "devices/card_reader.h"
#include "devices/device.h"

static bool read_punch_1442_command(uint8_t code, enum card_reader_operation *op)
{
    switch (code & 0x07) {
    case 0x01:
        if (code & 0x1C)
            return false;
        *op = (code & 0x20) ? CARD_READER_UNSUPPORTED : CARD_READER_PUNCH;
        return true;
    case 0x02:
        if (code & 0x9C)
            return false;
        *op = (code & 0x20) ? CARD_READER_UNSUPPORTED : CARD_READER_READ;
        return true;
    case 0x03:
        if (code & 0x3C)
            return false;
        *op = (code & 0x80) ? CARD_READER_FEED : CARD_READER_NOP;
        return true;
    default:
        return false;
    }
}

static const struct card_reader_model model_1442 = {.decode = read_punch_1442_command, .punch = true};

static bool read_punch_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    return card_reader_attach(dev, &model_1442, argc, argv, err);
}

static const char *const read_punch_aliases[] = {"1442N1", NULL};

const struct device_type card_read_punch_1442_type = {
    .name = "1442",
    .aliases = read_punch_aliases,
    .description = "1442 card read punch",
    .attach = read_punch_attach,
    .detach = card_reader_detach,
    .start = card_reader_start,
    .halt = NULL,
    .reset = card_reader_reset,
    .describe = card_reader_describe,
    .reinit = card_reader_reinit,
};

static bool punch_1442_command(uint8_t code, enum card_punch_operation *op)
{
    switch (code & 0x07) {
    case 0x01:
        if (code & 0x1C)
            return false;
        *op = (code & 0x20) ? CARD_PUNCH_UNSUPPORTED : CARD_PUNCH_WRITE;
        return true;
    case 0x03:
        if (code & 0x3C)
            return false;
        *op = CARD_PUNCH_NOP;
        return true;
    default:
        return false;
    }
}

static const struct card_punch_model model_1442_punch = {.decode = punch_1442_command};

static bool punch_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    return card_punch_attach(dev, &model_1442_punch, argc, argv, err);
}

static const char *const punch_aliases[] = {"1442P", NULL};

const struct device_type card_punch_1442_type = {
    .name = "1442N2",
    .aliases = punch_aliases,
    .description = "1442 model N2 card punch",
    .attach = punch_attach,
    .detach = card_punch_detach,
    .start = card_punch_start,
    .halt = NULL,
    .reset = card_punch_reset,
    .describe = card_punch_describe,
    .reinit = card_punch_reinit,
};
