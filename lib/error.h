/* Error reports that say where: every failure that reaches a user names
 * its location (file and line, record, cylinder/head/record, byte offset
 * or device address) in the message itself. Functions that can fail take
 * a `struct error *` and return false (or -1) after filling it. */
#ifndef VM67_LIB_ERROR_H
#define VM67_LIB_ERROR_H

#include <stdbool.h>
#include <stddef.h>

#define ERROR_MESSAGE_SIZE 1024

struct error {
    char message[ERROR_MESSAGE_SIZE];
};

/* Sets the message (printf-style) and returns false, so callers can write
 * `return error_set(err, "...")`. A NULL err is allowed and ignored. */
bool error_set(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prefixes the existing message with more context ("file.cnf:12: "). */
bool error_prefix(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void error_clear(struct error *err);

#endif
