/* The configuration file, in the Hercules style (DESIGN.md "Conventions
 * users already know"; Hercules's hercconf):
 *
 *   # comment            a line whose first word starts with # or *
 *   MAINSIZE 1           real storage in megabytes; 512K in kilobytes
 *   NUMCPU 1             one CPU (other values are refused)
 *   TIMER VIRTUAL        the interval timer: HOST (default), VIRTUAL, OFF
 *   CPUSERIAL 000611     and other Hercules statements vm67 has no use
 *                        for: accepted, with a one-line note
 *   000C 3505 deck eof   a device: address, type, arguments; an address
 *                        may be a range (0C0-0C3), a count (0C0.4, decimal
 *                        as in Hercules) or a list (0C0,0C2)
 *
 * As in Hercules 3:
 *   DEFSYM NAME VALUE    defines a symbol; $(NAME) in any later line is
 *                        replaced by its value, or by the environment
 *                        variable NAME when no DEFSYM gave one, or by
 *                        nothing
 *   INCLUDE FILE         reads FILE's statements here (nested up to 8 deep)
 *   IGNORE INCLUDE_ERRORS  a missing INCLUDE file is a note, not an error
 *
 * A word with blanks is quoted ("my deck.txt" or 'my deck.txt'); a # after
 * a blank, outside quotes, starts a comment. Every error names the file
 * and line (the included file's, inside an INCLUDE). */
#ifndef VM67_SRC_CONFIGURATION_H
#define VM67_SRC_CONFIGURATION_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/error.h"
#include "src/machine.h"

struct config_device {
    uint16_t address;
    char *type;
    int argc;
    char **argv;
    char *file;    /* where it was given */
    unsigned line;
};

struct config_symbol {
    char *name;
    char *value;
};

struct config {
    char *file; /* the file's name, for messages */
    struct machine_settings settings;
    struct config_device *devices;
    unsigned device_count;
    char **notes; /* "FILE:LINE: STATEMENT ignored: why" */
    unsigned note_count;
    struct config_symbol *symbols; /* DEFSYM */
    unsigned symbol_count;
    bool ignore_include_errors;
    unsigned include_depth;
};

/* The defaults: 1M of storage, timer following the host. */
void config_init(struct config *c);
bool config_load(struct config *c, const char *path, struct error *err);
/* Parses `text` as the contents of a file called `name` (tests). */
bool config_parse(struct config *c, const char *name, const char *text, struct error *err);
void config_free(struct config *c);

/* Splits a line into words as the configuration does (quotes, comments);
 * also used for the operator's commands. Returns the number of words or
 * -1 (with err) for an unterminated quote. The words point into `line`,
 * which is modified. */
int config_split_words(char *line, char **words, int max_words, struct error *err);

/* Parses a device address "cuu" (1-4 hex digits) of channel 0-6. */
bool config_parse_address(const char *text, uint16_t *address, struct error *err);

#endif
