/* The 1403 printer (S360-67.md §4.3), also configured as Hercules's 3211:
 * 132 print positions; see devices/line_printer.c for the commands.
 * Sense byte 0: X'80' command reject, X'40' intervention required, X'20'
 * bus out check, X'10' equipment check, X'08' data check, X'01' channel 9
 * (2821 control unit). */
#include "devices/device.h"
#include "devices/line_printer.h"

static const struct line_printer_model model_1403 = {.name = "1403", .width = 132, .channel9_sense = 0x01};

static bool printer_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    return line_printer_attach(dev, &model_1403, argc, argv, err);
}

static const char *const printer_aliases[] = {"3211", NULL};

const struct device_type printer_1403_type = {
    .name = "1403",
    .aliases = printer_aliases,
    .description = "1403 printer",
    .attach = printer_attach,
    .detach = line_printer_detach,
    .start = line_printer_start,
    .halt = NULL,
    .reset = line_printer_reset,
    .describe = line_printer_describe,
    .reinit = line_printer_reinit,
};
