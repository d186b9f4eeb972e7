#include "src/configuration.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_WORDS 64
#define MAX_LINE 4096
/* Hercules's own limit on nested INCLUDE statements. */
#define MAX_INCLUDE_DEPTH 8

/* Hercules statements that describe things a 67 does not have (or the
 * host side of Hercules): accepted with a note so that Hercules
 * configurations run unchanged (DESIGN.md "Scripted runs"). */
static const char *const ignored_statements[] = {
    "ARCHMODE",   "ASN_AND_LX_REUSE", "AUTO_SCSI_MOUNT", "CCKD",       "CNSLPORT",  "CODEPAGE",
    "CONKPALV",   "CPUMODEL",         "CPUPRIO",         "CPUSERIAL",  "CPUVERID",  "DEVPRIO",
    "DEVTMAX",    "DIAG8CMD",         "ECPSVM",          "ENGINES",    "HERCPRIO",  "HTTPPORT",
    "HTTPROOT",   "IODELAY",          "LEGACYSENSEID",   "LOADPARM",   "LOGOPT",    "LPARNAME",
    "LPARNUM",    "MANUFACTURER",     "MAXCPU",          "MODEL",      "MOUNTED_TAPE_REINIT",
    "NUMVEC",     "OSTAILOR",         "PANRATE",         "PANTITLE",   "PGMPRDOS",  "PLANT",
    "SHCMDOPT",   "SHRDPORT",         "SYSEPOCH",        "TIMERINT",   "TODDRAG",   "TODPRIO",
    "TZOFFSET",   "XPNDSIZE",         "YROFFSET",        "AUTOMOUNT", "LDMOD",     "MODPATH",
    "TRACEOPT",   NULL,
};

void config_init(struct config *c)
{
    memset(c, 0, sizeof *c);
    c->settings.storage_bytes = 1024u * 1024;
    c->settings.timer = TIMER_HOST;
}

void config_free(struct config *c)
{
    for (unsigned i = 0; i < c->device_count; i++) {
        free(c->devices[i].type);
        for (int a = 0; a < c->devices[i].argc; a++)
            free(c->devices[i].argv[a]);
        free(c->devices[i].argv);
        free(c->devices[i].file);
    }
    free(c->devices);
    for (unsigned i = 0; i < c->symbol_count; i++) {
        free(c->symbols[i].name);
        free(c->symbols[i].value);
    }
    free(c->symbols);
    for (unsigned i = 0; i < c->note_count; i++)
        free(c->notes[i]);
    free(c->notes);
    free(c->file);
    memset(c, 0, sizeof *c);
}

int config_split_words(char *line, char **words, int max_words, struct error *err)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p == '\0' || *p == '#')
            return n;
        if (n == max_words) {
            error_set(err, "more than %d words", max_words);
            return -1;
        }
        if (*p == '"' || *p == '\'') {
            char quote = *p++;
            words[n++] = p;
            char *out = p;
            while (*p != quote) {
                if (*p == '\0') {
                    error_set(err, "a quote (%c) is not closed", quote);
                    return -1;
                }
                if (*p == '\\' && quote == '"' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *out++ = *p++;
            }
            p++;
            if (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
                error_set(err, "text follows a closing quote");
                return -1;
            }
            *out = '\0';
            if (*p != '\0')
                p++;
            continue;
        }
        words[n++] = p;
        while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            p++;
        if (*p != '\0')
            *p++ = '\0';
    }
}

bool config_parse_address(const char *text, uint16_t *address, struct error *err)
{
    const char *p = text;
    /* Hercules's "LCSS:cuu" with LCSS 0 is the same device. */
    if (p[0] == '0' && p[1] == ':')
        p += 2;
    size_t n = strlen(p);
    if (n == 0 || n > 4)
        return error_set(err, "'%s' is not a device address (1 to 4 hex digits)", text);
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)p[i]))
            return error_set(err, "'%s' is not a device address (1 to 4 hex digits)", text);
    unsigned long v = strtoul(p, NULL, 16);
    if (v > 0x6FF)
        return error_set(err, "device address %03lX is beyond the 67's channels 0-6 (addresses 000-6FF)", v);
    *address = (uint16_t)v;
    return true;
}

static bool looks_like_address(const char *word)
{
    if (word[0] == '0' && word[1] == ':')
        word += 2;
    if (!isxdigit((unsigned char)word[0]))
        return false;
    for (const char *p = word; *p != '\0'; p++)
        if (!isxdigit((unsigned char)*p) && *p != '-' && *p != '.' && *p != ',')
            return false;
    /* A statement name made of hex letters alone (none exists) would need
     * a digit somewhere to be taken for an address. */
    for (const char *p = word; *p != '\0'; p++)
        if (isdigit((unsigned char)*p))
            return true;
    return false;
}

static bool add_note(struct config *c, unsigned line, const char *statement, const char *why, struct error *err)
{
    char **grown = realloc(c->notes, (c->note_count + 1) * sizeof *grown);
    if (grown == NULL)
        return error_set(err, "out of memory");
    c->notes = grown;
    char text[512];
    snprintf(text, sizeof text, "%s:%u: %s ignored: %s", c->file, line, statement, why);
    c->notes[c->note_count] = strdup(text);
    if (c->notes[c->note_count] == NULL)
        return error_set(err, "out of memory");
    c->note_count++;
    return true;
}

static bool parse_mainsize(struct config *c, const char *value, struct error *err)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    unsigned long long bytes;
    if (end == value || errno != 0)
        return error_set(err, "MAINSIZE %s: expected a number of megabytes, or kilobytes with K", value);
    if (*end == '\0' || ((*end == 'M' || *end == 'm') && end[1] == '\0'))
        bytes = v * 1024 * 1024;
    else if ((*end == 'K' || *end == 'k') && end[1] == '\0')
        bytes = v * 1024;
    else
        return error_set(err, "MAINSIZE %s: expected a number of megabytes, or kilobytes with K", value);
    if (v > 16ull * 1024 * 1024 || bytes > STORAGE_MAX_BYTES)
        return error_set(err, "MAINSIZE %s: a 67 has at most 16M of real storage", value);
    if (bytes == 0 || bytes % STORAGE_BLOCK_SIZE != 0)
        return error_set(err, "MAINSIZE %s: storage comes in 2K blocks (2K at least)", value);
    c->settings.storage_bytes = (uint32_t)bytes;
    return true;
}

/* An address word: one address, A-B, A.N, or a list of those. */
static bool expand_addresses(const char *word, uint16_t *out, unsigned *count, struct error *err)
{
    char copy[256];
    if (strlen(word) >= sizeof copy)
        return error_set(err, "'%s' is not a device address", word);
    strcpy(copy, word);
    *count = 0;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save)) {
        uint16_t first, last;
        char *dash = strchr(item, '-');
        char *dot = strchr(item, '.');
        if (dash != NULL || dot != NULL) {
            char *sep = dash != NULL ? dash : dot;
            *sep = '\0';
            if (!config_parse_address(item, &first, err))
                return false;
            if (dash != NULL) {
                if (!config_parse_address(sep + 1, &last, err))
                    return false;
            } else {
                /* The count is decimal, as in Hercules (0C0.10 is 0C0-0C9). */
                char *end = sep + 1;
                unsigned long n = isdigit((unsigned char)sep[1]) ? strtoul(sep + 1, &end, 10) : 0;
                if (n == 0 || n > 0x700 || *end != '\0' || first + n - 1 > 0x6FF)
                    return error_set(err, "'%s' is not a device count (A.N counts N devices from A; N is decimal)",
                                     sep + 1);
                last = (uint16_t)(first + n - 1);
            }
            if (last < first)
                return error_set(err, "the range %s ends before it starts", word);
        } else {
            if (!config_parse_address(item, &first, err))
                return false;
            last = first;
        }
        for (unsigned a = first; a <= last; a++) {
            if (*count == CHANNEL_ADDRESS_LIMIT)
                return error_set(err, "too many addresses in '%s'", word);
            out[(*count)++] = (uint16_t)a;
        }
    }
    if (*count == 0)
        return error_set(err, "'%s' is not a device address", word);
    return true;
}

static bool add_device(struct config *c, uint16_t address, unsigned line, char **words, int n, struct error *err)
{
    for (unsigned i = 0; i < c->device_count; i++)
        if (c->devices[i].address == address)
            return error_set(err, "device %03X is already defined at %s:%u", address, c->devices[i].file,
                             c->devices[i].line);
    struct config_device *grown = realloc(c->devices, (c->device_count + 1) * sizeof *grown);
    if (grown == NULL)
        return error_set(err, "out of memory");
    c->devices = grown;
    struct config_device *d = &c->devices[c->device_count];
    memset(d, 0, sizeof *d);
    d->address = address;
    d->line = line;
    d->file = strdup(c->file);
    d->type = strdup(words[1]);
    d->argv = calloc((size_t)n, sizeof *d->argv);
    if (d->type == NULL || d->argv == NULL || d->file == NULL)
        return error_set(err, "out of memory");
    for (int i = 2; i < n; i++) {
        d->argv[d->argc] = strdup(words[i]);
        if (d->argv[d->argc] == NULL)
            return error_set(err, "out of memory");
        d->argc++;
    }
    c->device_count++;
    return true;
}

/* DEFSYM NAME [VALUE] (Hercules): a later definition replaces an earlier. */
static bool define_symbol(struct config *c, char **words, int n, struct error *err)
{
    if (n < 2 || n > 3)
        return error_set(err, "DEFSYM takes a symbol name and one value (quote a value with blanks)");
    const char *name = words[1];
    for (const char *p = name; *p != '\0'; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return error_set(err, "DEFSYM %s: a symbol name is letters, digits and underscores", name);
    const char *value = n == 3 ? words[2] : "";
    for (unsigned i = 0; i < c->symbol_count; i++) {
        if (strcmp(c->symbols[i].name, name) == 0) {
            char *copy = strdup(value);
            if (copy == NULL)
                return error_set(err, "out of memory");
            free(c->symbols[i].value);
            c->symbols[i].value = copy;
            return true;
        }
    }
    struct config_symbol *grown = realloc(c->symbols, (c->symbol_count + 1) * sizeof *grown);
    if (grown == NULL)
        return error_set(err, "out of memory");
    c->symbols = grown;
    c->symbols[c->symbol_count].name = strdup(name);
    c->symbols[c->symbol_count].value = strdup(value);
    if (c->symbols[c->symbol_count].name == NULL || c->symbols[c->symbol_count].value == NULL)
        return error_set(err, "out of memory");
    c->symbol_count++;
    return true;
}

/* Replaces each $(NAME) in `in` by the symbol's value, else the
 * environment variable's, else nothing (as Hercules does). */
static bool substitute_symbols(const struct config *c, const char *in, char *out, size_t size,
                               struct error *err)
{
    size_t o = 0;
    for (const char *p = in; *p != '\0';) {
        const char *piece = p;
        size_t piece_length = 1;
        char name[256];
        if (p[0] == '$' && p[1] == '(') {
            const char *close = strchr(p + 2, ')');
            if (close == NULL)
                return error_set(err, "'$(' without its ')'");
            size_t length = (size_t)(close - (p + 2));
            if (length == 0 || length >= sizeof name)
                return error_set(err, "'%.*s' is not a symbol reference", (int)(close - p + 1), p);
            memcpy(name, p + 2, length);
            name[length] = '\0';
            const char *value = getenv(name);
            for (unsigned i = 0; i < c->symbol_count; i++)
                if (strcmp(c->symbols[i].name, name) == 0)
                    value = c->symbols[i].value;
            piece = value != NULL ? value : "";
            piece_length = strlen(piece);
            p = close + 1;
        } else {
            p++;
        }
        if (o + piece_length >= size)
            return error_set(err, "the line is longer than %zu characters once its symbols are replaced",
                             size - 1);
        memcpy(out + o, piece, piece_length);
        o += piece_length;
    }
    out[o] = '\0';
    return true;
}

static bool include_file(struct config *c, unsigned line, const char *path, struct error *err)
{
    if (c->include_depth >= MAX_INCLUDE_DEPTH)
        return error_set(err, "INCLUDE %s: more than %d nested INCLUDE files", path, MAX_INCLUDE_DEPTH);
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        if (c->ignore_include_errors) {
            char why[300];
            snprintf(why, sizeof why, "%s (IGNORE INCLUDE_ERRORS)", strerror(errno));
            return add_note(c, line, "INCLUDE", why, err);
        }
        return error_set(err, "INCLUDE %s: %s", path, strerror(errno));
    }
    fclose(probe);
    char *outer = c->file;
    c->file = NULL;
    c->include_depth++;
    bool ok = config_load(c, path, err);
    c->include_depth--;
    free(c->file);
    c->file = outer;
    if (!ok)
        return error_prefix(err, "in INCLUDE %s: ", path);
    return true;
}

static bool parse_statement(struct config *c, unsigned line, char **words, int n, struct error *err)
{
    const char *keyword = words[0];
    if (looks_like_address(keyword)) {
        if (n < 2)
            return error_set(err, "device %s: the device type is missing", keyword);
        if (device_type_find(words[1]) == NULL)
            return error_set(err, "device %s: unknown device type '%s'", keyword, words[1]);
        uint16_t addresses[CHANNEL_ADDRESS_LIMIT];
        unsigned count = 0;
        if (!expand_addresses(keyword, addresses, &count, err))
            return false;
        for (unsigned i = 0; i < count; i++)
            if (!add_device(c, addresses[i], line, words, n, err))
                return false;
        return true;
    }
    if (strcasecmp(keyword, "DEFSYM") == 0)
        return define_symbol(c, words, n, err);
    if (strcasecmp(keyword, "INCLUDE") == 0) {
        if (n != 2)
            return error_set(err, "INCLUDE takes one file name");
        return include_file(c, line, words[1], err);
    }
    if (strcasecmp(keyword, "IGNORE") == 0) {
        if (n != 2 || strcasecmp(words[1], "INCLUDE_ERRORS") != 0)
            return error_set(err, "IGNORE takes one word: INCLUDE_ERRORS");
        c->ignore_include_errors = true;
        return true;
    }
    if (strcasecmp(keyword, "MAINSIZE") == 0) {
        if (n != 2)
            return error_set(err, "MAINSIZE takes one value (megabytes, or kilobytes with K)");
        return parse_mainsize(c, words[1], err);
    }
    if (strcasecmp(keyword, "NUMCPU") == 0) {
        if (n != 2)
            return error_set(err, "NUMCPU takes one value");
        if (strcmp(words[1], "1") != 0)
            return error_set(err, "NUMCPU %s: vm67 has one CPU", words[1]);
        /* DESIGN.md lists NUMCPU 1 among the statements accepted with a
         * note: it asks for what the machine is anyway. */
        return add_note(c, line, "NUMCPU 1", "the machine has one CPU in any case", err);
    }
    if (strcasecmp(keyword, "TIMER") == 0) {
        if (n != 2)
            return error_set(err, "TIMER takes one value: HOST, VIRTUAL or OFF");
        if (strcasecmp(words[1], "HOST") == 0)
            c->settings.timer = TIMER_HOST;
        else if (strcasecmp(words[1], "VIRTUAL") == 0)
            c->settings.timer = TIMER_VIRTUAL;
        else if (strcasecmp(words[1], "OFF") == 0)
            c->settings.timer = TIMER_OFF;
        else
            return error_set(err, "TIMER %s: expected HOST, VIRTUAL or OFF", words[1]);
        return true;
    }
    for (const char *const *s = ignored_statements; *s != NULL; s++)
        if (strcasecmp(keyword, *s) == 0)
            return add_note(c, line, *s, "it has no meaning for vm67's System/360 Model 67", err);
    return error_set(err, "unknown statement '%s'", keyword);
}

bool config_parse(struct config *c, const char *name, const char *text, struct error *err)
{
    free(c->file);
    c->file = strdup(name);
    if (c->file == NULL)
        return error_set(err, "out of memory");
    unsigned line = 0;
    const char *p = text;
    while (*p != '\0') {
        line++;
        const char *end = strchr(p, '\n');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len >= MAX_LINE)
            return error_set(err, "%s:%u: the line is longer than %d characters", name, line, MAX_LINE - 1);
        char buffer[MAX_LINE];
        memcpy(buffer, p, len);
        buffer[len] = '\0';
        p += len + (end != NULL ? 1 : 0);
        if (memchr(buffer, '\0', len) != NULL)
            return error_set(err, "%s:%u: the line holds a NUL byte (is this a configuration file?)", name, line);
        char *first = buffer;
        while (*first == ' ' || *first == '\t')
            first++;
        if (*first == '*' || *first == '#')
            continue;
        /* Symbols are replaced in statements, not in comment lines. */
        char expanded[MAX_LINE];
        if (strstr(buffer, "$(") != NULL) {
            if (!substitute_symbols(c, buffer, expanded, sizeof expanded, err))
                return error_prefix(err, "%s:%u: ", name, line);
            memcpy(buffer, expanded, strlen(expanded) + 1);
        }
        char *words[MAX_WORDS];
        int n = config_split_words(buffer, words, MAX_WORDS, err);
        if (n < 0)
            return error_prefix(err, "%s:%u: ", name, line);
        if (n == 0)
            continue;
        if (!parse_statement(c, line, words, n, err))
            return error_prefix(err, "%s:%u: ", name, line);
    }
    return true;
}

bool config_load(struct config *c, const char *path, struct error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return error_set(err, "%s: %s", path, strerror(errno));
    char *text = NULL;
    size_t size = 0;
    size_t capacity = 0;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (size + n + 1 > capacity) {
            capacity = (size + n + 1) * 2;
            char *grown = realloc(text, capacity);
            if (grown == NULL) {
                free(text);
                fclose(f);
                return error_set(err, "%s: out of memory", path);
            }
            text = grown;
        }
        memcpy(text + size, chunk, n);
        size += n;
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        free(text);
        return error_set(err, "%s: read error", path);
    }
    if (text == NULL) {
        text = strdup("");
        if (text == NULL)
            return error_set(err, "%s: out of memory", path);
    }
    text[size] = '\0';
    if (strlen(text) != size) {
        free(text);
        return error_set(err, "%s: holds NUL bytes (is this a configuration file?)", path);
    }
    bool ok = config_parse(c, path, text, err);
    free(text);
    return ok;
}
