#include "lib/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool error_set(struct error *err, const char *fmt, ...)
{
    if (err == NULL)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return false;
}

bool error_prefix(struct error *err, const char *fmt, ...)
{
    if (err == NULL)
        return false;
    char prefix[ERROR_MESSAGE_SIZE];
    char old[ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof old);
    size_t n = strlen(prefix);
    memcpy(err->message, prefix, n);
    size_t room = sizeof err->message - n - 1;
    size_t m = strnlen(old, room);
    memcpy(err->message + n, old, m);
    err->message[n + m] = '\0';
    return false;
}

void error_clear(struct error *err)
{
    if (err != NULL)
        err->message[0] = '\0';
}
