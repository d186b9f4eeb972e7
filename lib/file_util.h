/* Small file helpers that never harm what is not an ordinary file: an
 * output named /dev/null or a terminal must be written in place, never
 * renamed over or unlinked (a tool run as root could otherwise replace a
 * device node with a plain file). */
#ifndef VM67_LIB_FILE_UTIL_H
#define VM67_LIB_FILE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"

/* Removes `path` only if it is a regular file (a failed or stale output). */
void file_remove_if_regular(const char *path);

/* Replaces the contents of `path` with `len` bytes. A regular (or absent)
 * file is written to a temporary file beside it and renamed into place, so
 * a reader never sees half of it and a failed write leaves the old file;
 * anything else (a device, a FIFO) is opened and written in place. */
bool file_replace_contents(const char *path, const void *data, size_t len, struct error *err);

#endif
