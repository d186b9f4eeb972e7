/* Parsing a tape drive's configuration arguments (see tape_options.h). */
#include "devices/tape_options.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_EOT_MARGIN (128u * 1024u)

/* "NAME=VALUE": the value when the argument is NAME=..., else NULL. */
static const char *value_of(const char *arg, const char *name)
{
    size_t n = strlen(name);
    if (strncasecmp(arg, name, n) == 0 && arg[n] == '=')
        return arg + n + 1;
    return NULL;
}

static bool parse_number(const char *arg, const char *text, uint64_t low, uint64_t high,
                         uint64_t *out, struct error *err)
{
    if (!isdigit((unsigned char)text[0]))
        return error_set(err, "option '%s': '%s' is not a number", arg, text);
    errno = 0;
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < low || v > high)
        return error_set(err, "option '%s': expected a number from %llu to %llu", arg,
                         (unsigned long long)low, (unsigned long long)high);
    *out = v;
    return true;
}

/* N with an optional K, M or G (powers of 1024), as Hercules takes them. */
static bool parse_size(const char *arg, const char *text, uint64_t *out, struct error *err)
{
    if (!isdigit((unsigned char)text[0]))
        return error_set(err, "option '%s': '%s' is not a size", arg, text);
    errno = 0;
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    unsigned shift = 0;
    if (*end != '\0') {
        switch (toupper((unsigned char)*end)) {
        case 'K':
            shift = 10;
            break;
        case 'M':
            shift = 20;
            break;
        case 'G':
            shift = 30;
            break;
        default:
            return error_set(err, "option '%s': unknown size suffix '%c' (K, M or G)", arg, *end);
        }
        end++;
    }
    if (errno != 0 || *end != '\0' || v > (UINT64_MAX >> shift))
        return error_set(err, "option '%s': '%s' is not a size", arg, text);
    *out = (uint64_t)v << shift;
    return true;
}

static bool parse_flag(const char *arg, const char *text, bool *out, struct error *err)
{
    uint64_t v;
    if (!parse_number(arg, text, 0, 1, &v, err))
        return false;
    *out = v != 0;
    return true;
}

bool tape_options_parse(int argc, char **argv, struct tape_drive_options *options,
                        struct error *err)
{
    memset(options, 0, sizeof *options);
    tape_image_options_init(&options->image);
    options->image.create = true;
    options->eot_margin = DEFAULT_EOT_MARGIN;
    if (argc < 1 || argv[0] == NULL || argv[0][0] == '\0')
        return error_set(err, "a tape drive needs a file name (or * for no reel)");
    options->path = strcmp(argv[0], "*") == 0 ? NULL : argv[0];
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *v;
        uint64_t n;
        bool flag;
        if (strcasecmp(arg, "ro") == 0 || strcasecmp(arg, "noring") == 0) {
            options->image.read_only = true;
        } else if (strcasecmp(arg, "rw") == 0 || strcasecmp(arg, "ring") == 0) {
            options->image.read_only = false;
        } else if ((v = value_of(arg, "readonly")) != NULL) {
            if (!parse_flag(arg, v, &options->image.read_only, err))
                return false;
        } else if (strcasecmp(arg, "aws") == 0) {
            options->image.format = TAPE_FORMAT_AWS;
        } else if (strcasecmp(arg, "het") == 0) {
            options->image.format = TAPE_FORMAT_HET;
        } else if (strcasecmp(arg, "tap") == 0 || strcasecmp(arg, "simh") == 0) {
            options->image.format = TAPE_FORMAT_SIMH;
        } else if (strcasecmp(arg, "e11") == 0) {
            options->image.format = TAPE_FORMAT_E11;
        } else if ((v = value_of(arg, "compress")) != NULL || (v = value_of(arg, "idrc")) != NULL) {
            if (!parse_flag(arg, v, &options->image.het_compress, err))
                return false;
        } else if ((v = value_of(arg, "method")) != NULL) {
            if (!parse_number(arg, v, 1, 2, &n, err))
                return false;
            if (n == 2)
                return error_set(err, "option '%s': bzip2 compression is not supported "
                                      "(vm67 is built with zlib only: use method=1)",
                                 arg);
        } else if ((v = value_of(arg, "level")) != NULL) {
            if (!parse_number(arg, v, 1, 9, &n, err))
                return false;
            options->image.het_level = (int)n;
        } else if ((v = value_of(arg, "chunksize")) != NULL) {
            if (!parse_number(arg, v, 4096, 65535, &n, err))
                return false;
            options->image.chunk_size = (uint32_t)n;
        } else if (strcasecmp(arg, "awstape") == 0) {
            options->image.het_compress = false;
            options->image.chunk_size = 4096;
        } else if ((v = value_of(arg, "maxsize")) != NULL) {
            if (!parse_size(arg, v, &options->maxsize, err))
                return false;
        } else if ((v = value_of(arg, "maxsizeK")) != NULL) {
            if (!parse_number(arg, v, 0, UINT64_MAX >> 10, &n, err))
                return false;
            options->maxsize = n << 10;
        } else if ((v = value_of(arg, "maxsizeM")) != NULL) {
            if (!parse_number(arg, v, 0, UINT64_MAX >> 20, &n, err))
                return false;
            options->maxsize = n << 20;
        } else if ((v = value_of(arg, "eotmargin")) != NULL) {
            if (!parse_size(arg, v, &options->eot_margin, err))
                return false;
        } else if ((v = value_of(arg, "deonirq")) != NULL) {
            if (!parse_flag(arg, v, &flag, err))
                return false;
        } else if (strcasecmp(arg, "noautomount") == 0) {
            /* See tape_options.h: nothing to do on a 2400. */
        } else {
            return error_set(err, "unknown tape option '%s'", arg);
        }
    }
    if (options->image.read_only)
        options->image.create = false;
    return true;
}
