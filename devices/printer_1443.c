/* The 1443 printer, model N1, as TOS/360 uses it: 120 print positions
 * (144 with the feature: width=144), the same command codes as the 1403
 * (write and space X'01' X'09' X'11' X'19', write and skip X'89'-X'E1',
 * immediate X'0B' X'13' X'1B' X'8B'-X'E3', sense X'04'); sense byte 0:
 * X'80' command reject, X'40' intervention required, X'20' bus out check,
 * X'10' equipment check, X'04' data check, X'01' channel 9. */
#include "devices/device.h"
#include "devices/line_printer.h"

static const struct line_printer_model model_1443 = {.name = "1443", .width = 120, .channel9_sense = 0x01};

static bool printer_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    return line_printer_attach(dev, &model_1443, argc, argv, err);
}

static const char *const printer_aliases[] = {"1443N1", NULL};

const struct device_type printer_1443_type = {
    .name = "1443",
    .aliases = printer_aliases,
    .description = "1443 printer",
    .attach = printer_attach,
    .detach = line_printer_detach,
    .start = line_printer_start,
    .halt = NULL,
    .reset = line_printer_reset,
    .describe = line_printer_describe,
    .reinit = line_printer_reinit,
};
