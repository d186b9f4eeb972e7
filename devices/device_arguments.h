/* Helpers for the configuration arguments of a device statement (after
 * the type): options are words (`eof`, `crlf`) or `name=value`, compared
 * without regard to case as Hercules does; anything else is a file name. */
#ifndef VM67_DEVICES_DEVICE_ARGUMENTS_H
#define VM67_DEVICES_DEVICE_ARGUMENTS_H

#include <stdbool.h>

#include "lib/error.h"

/* `arg` is the option word `name`. */
bool device_argument_is(const char *arg, const char *name);

/* `arg` is `name=VALUE`: returns VALUE, else NULL. */
const char *device_argument_value(const char *arg, const char *name);

/* Parses a decimal number between min and max for option `name`. */
bool device_argument_number(const char *value, const char *name, unsigned min, unsigned max, unsigned *out,
                            struct error *err);

#endif
