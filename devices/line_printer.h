/* What the line printers (1403, 1443) have in common: a form of
 * `lines per page` lines with a carriage-control tape, writing to a text
 * file. Options (Hercules's printer options, hercconf "Line printer
 * devices", plus width=):
 *
 *   crlf           lines end with CR LF instead of LF
 *   noclear        append to the file instead of emptying it
 *   lpp=N          lines per page (default 66)
 *   fcb=L1,...,L12 the line punched for channels 1-12 (0: none), or
 *   fcb=L:C,...    pairs of line and channel; the default is Hercules's
 *                  1,7,13,19,25,31,37,43,63,49,55,61 (channel 1 on line 1,
 *                  channel 12 on line 61, channel 9 on line 63)
 *   fcbcheck       a skip to a channel with no punch is rejected (default)
 *   nofcbcheck     such a skip spaces one line instead
 *   width=N        print positions (1403: 132, 1443: 120)
 *   browse, print, lpi=6|8, ascii: accepted, no effect
 *
 * The text file: each printed line, trailing blanks removed, translated
 * from EBCDIC (control characters print as blanks); a line feed for each
 * line the carriage spaces; a form feed where a new page starts; a CR
 * alone for a write without spacing (the next line overprints). */
#ifndef VM67_DEVICES_LINE_PRINTER_H
#define VM67_DEVICES_LINE_PRINTER_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/device.h"

struct line_printer_model {
    const char *name;       /* "1403" */
    unsigned width;         /* print positions */
    uint8_t channel9_sense; /* sense bit for channel 9 sensed while spacing */
};

/* Virtual time to print and space one line, and to move the carriage. */
#define LINE_PRINTER_LINE_TIME 2000
#define LINE_PRINTER_MOTION_TIME 1000

bool line_printer_attach(struct device *dev, const struct line_printer_model *model, int argc, char **argv,
                         struct error *err);
void line_printer_detach(struct device *dev);
void line_printer_start(struct device *dev, struct device_command *cmd);
void line_printer_reset(struct device *dev);
void line_printer_describe(struct device *dev, char *buffer, size_t size);
bool line_printer_reinit(struct device *dev, int argc, char **argv, struct error *err);

#endif
