#include "devices/device_arguments.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool device_argument_is(const char *arg, const char *name)
{
    return strcasecmp(arg, name) == 0;
}

const char *device_argument_value(const char *arg, const char *name)
{
    size_t n = strlen(name);
    if (strncasecmp(arg, name, n) == 0 && arg[n] == '=')
        return arg + n + 1;
    return NULL;
}

bool device_argument_number(const char *value, const char *name, unsigned min, unsigned max, unsigned *out,
                            struct error *err)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(value, &end, 10);
    if (*value == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
        return error_set(err, "%s=%s: expected a number from %u to %u", name, value, min, max);
    *out = (unsigned)v;
    return true;
}
