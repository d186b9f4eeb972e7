/* The operator's commands. See operator_commands.h for the list. */
#include "src/operator_commands.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu/dat.h"
#include "devices/console_1052.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"
#include "src/configuration.h"

#define MAX_ARGS 64
/* The most bytes one display command shows. */
#define MAX_DISPLAY 4096

struct operator_command {
    const char *name;
    int min_args; /* not counting the name */
    int max_args; /* -1: any number */
    bool waits;   /* may be blocked by its condition */
    const char *usage;
    enum command_result (*run)(struct operator_session *s, int argc, char **argv, struct error *err);
};

static enum command_result failed(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static enum command_result failed(struct error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return COMMAND_FAILED;
}

static bool parse_hex32(const char *text, uint32_t *value)
{
    if (*text == '\0' || strlen(text) > 8)
        return false;
    for (const char *p = text; *p != '\0'; p++)
        if (!isxdigit((unsigned char)*p))
            return false;
    *value = (uint32_t)strtoul(text, NULL, 16);
    return true;
}

static struct device *keyboard_console(struct operator_session *s, struct error *err)
{
    if (s->console == NULL)
        error_set(err, "there is no console (1052 or 3215) in the configuration");
    return s->console;
}

/* ---- Script words. */

static enum command_result do_wait(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    struct machine *m = s->machine;
    if (machine_idle(m) && m->cpu.icount > s->action_mark)
        return COMMAND_DONE;
    return COMMAND_BLOCKED;
}

static enum command_result do_expect(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)err;
    return operator_session_expect(s, argv[1]) ? COMMAND_DONE : COMMAND_BLOCKED;
}

static enum command_result keyboard(struct operator_session *s, const char *text, bool end, struct error *err)
{
    struct device *console = keyboard_console(s, err);
    if (console == NULL)
        return COMMAND_FAILED;
    if (!console_1052_reading(console))
        return COMMAND_BLOCKED;
    operator_session_type(s, text, end);
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

static enum command_result do_send(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    return keyboard(s, argv[1], true, err);
}

static enum command_result do_type(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    return keyboard(s, argv[1], false, err);
}

static enum command_result do_request(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    struct device *console = keyboard_console(s, err);
    if (console == NULL)
        return COMMAND_FAILED;
    /* REQUEST while a read is active does nothing on a 1052. */
    console_1052_press_request(console);
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

static enum command_result do_cancel(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    struct device *console = keyboard_console(s, err);
    if (console == NULL)
        return COMMAND_FAILED;
    console_1052_press_cancel(console);
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

static enum command_result do_interrupt(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    operator_session_interrupt_key(s);
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

static enum command_result do_devinit(struct operator_session *s, int argc, char **argv, struct error *err)
{
    uint16_t address;
    if (!config_parse_address(argv[1], &address, err))
        return COMMAND_FAILED;
    if (!channel_reinit(&s->machine->channels, address, argc - 2, argv + 2, err))
        return COMMAND_FAILED;
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

static enum command_result do_quit(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    machine_end(s->machine, MACHINE_END_QUIT, "quit");
    return COMMAND_DONE;
}

/* ---- Panel commands. */

static enum command_result do_ipl(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    uint16_t address;
    if (!config_parse_address(argv[1], &address, err))
        return COMMAND_FAILED;
    if (!machine_ipl(s->machine, address, err))
        return COMMAND_FAILED;
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

static enum command_result do_stop(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    machine_stop(s->machine);
    return COMMAND_DONE;
}

static enum command_result do_start(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    if (s->machine->state == MACHINE_IPL)
        return failed(err, "the IPL is still in progress");
    machine_start(s->machine);
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

/* PSW restart: load the PSW at location 0 and start (⚠ the 67's system
 * control panel is not documented in the sources at hand; this is the
 * second half of an IPL, without the channel program). */
static enum command_result do_restart(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    struct machine *m = s->machine;
    if (m->state == MACHINE_IPL)
        return failed(err, "the IPL is still in progress");
    machine_stop(m);
    if (!cpu_load_psw_from(&m->cpu, 0))
        return failed(err, "the PSW at 0 is not valid");
    machine_start(m);
    operator_session_mark_action(s);
    return COMMAND_DONE;
}

static enum command_result do_psw(struct operator_session *s, int argc, char **argv, struct error *err)
{
    struct machine *m = s->machine;
    if (argc == 3) {
        uint32_t w0, w1;
        if (!parse_hex32(argv[1], &w0) || !parse_hex32(argv[2], &w1))
            return failed(err, "psw takes two words in hex");
        uint8_t psw[8];
        store_be32(psw, w0);
        store_be32(psw + 4, w1);
        if (!cpu_load_psw(&m->cpu, psw))
            return failed(err, "PSW %08X %08X is not valid in the current mode", w0, w1);
    } else if (argc != 1) {
        return failed(err, "usage: psw [WORD1 WORD2]");
    }
    uint8_t psw[8];
    cpu_store_psw(&m->cpu, psw, 0);
    const char *state = m->state == MACHINE_STOPPED ? "stopped" : m->state == MACHINE_IPL ? "IPL" : "running";
    fprintf(s->out, "PSW=%08X %08X (%s mode, CPU %s%s)\n", load_be32(psw), load_be32(psw + 4),
            m->cpu.ec_mode ? "EC" : "BC", state, m->cpu.wait ? ", wait" : "");
    return COMMAND_DONE;
}

static enum command_result registers(struct operator_session *s, int argc, char **argv, struct error *err,
                                     uint32_t *regs, const char *name, bool control)
{
    struct machine *m = s->machine;
    if (argc >= 2) {
        char *end;
        unsigned long n = strtoul(argv[1], &end, 10);
        if (*end != '\0' || n > 15)
            return failed(err, "%s: register number 0-15 expected, not '%s'", argv[0], argv[1]);
        if (argc == 3) {
            uint32_t v;
            if (!parse_hex32(argv[2], &v))
                return failed(err, "%s: a value in hex expected, not '%s'", argv[0], argv[2]);
            if (control) {
                /* The PSW is reinterpreted if CR6 changes the mode. */
                uint8_t psw[8];
                cpu_store_psw(&m->cpu, psw, 0);
                regs[n] = v;
                if (n == 0)
                    cpu_tlb_purge(&m->cpu);
                if (n == 6) {
                    m->cpu.ec_mode = (v & CR6_EXTENDED_CONTROL) != 0;
                    uint8_t again[8];
                    memset(again, 0, sizeof again);
                    /* Keep the fields; rebuild the PSW in the new format. */
                    cpu_store_psw(&m->cpu, again, 0);
                    cpu_load_psw(&m->cpu, again);
                }
            } else {
                regs[n] = v;
            }
        }
        fprintf(s->out, "%s%02lu=%08X\n", name, n, regs[n]);
        return COMMAND_DONE;
    }
    for (unsigned r = 0; r < 16; r++)
        fprintf(s->out, "%s%02u=%08X%s", name, r, regs[r], (r % 4 == 3) ? "\n" : " ");
    return COMMAND_DONE;
}

static enum command_result do_gpr(struct operator_session *s, int argc, char **argv, struct error *err)
{
    return registers(s, argc, argv, err, s->machine->cpu.gpr, "GR", false);
}

static enum command_result do_cr(struct operator_session *s, int argc, char **argv, struct error *err)
{
    return registers(s, argc, argv, err, s->machine->cpu.cr, "CR", true);
}

/* ADDRESS, ADDRESS-END or ADDRESS.LENGTH (hex). */
static bool parse_range(const char *text, uint32_t *start, uint32_t *length)
{
    char copy[64];
    if (strlen(text) >= sizeof copy)
        return false;
    strcpy(copy, text);
    char *dash = strchr(copy, '-');
    char *dot = strchr(copy, '.');
    char *sep = dash != NULL ? dash : dot;
    if (sep != NULL)
        *sep = '\0';
    if (!parse_hex32(copy, start))
        return false;
    *length = 16;
    if (sep != NULL) {
        uint32_t v;
        if (!parse_hex32(sep + 1, &v))
            return false;
        if (dash != NULL) {
            if (v < *start)
                return false;
            *length = v - *start + 1;
        } else {
            *length = v;
        }
    }
    return *length > 0 && *length <= MAX_DISPLAY;
}

/* Where a byte of real or virtual storage is, or NULL. */
static uint8_t *locate(struct machine *m, uint32_t address, bool virtual_address, struct error *err)
{
    uint32_t real = address;
    if (virtual_address && m->cpu.dat_on) {
        struct dat_result result;
        enum dat_status status = dat_lookup(&m->cpu, address, &result);
        if (status != DAT_OK) {
            error_set(err, "virtual address %06X does not translate (DAT status %d)", address, (int)status);
            return NULL;
        }
        real = result.real_address;
    }
    if (real >= m->cpu.storage.size) {
        error_set(err, "address %06X is beyond storage (%uK)", real, m->cpu.storage.size / 1024);
        return NULL;
    }
    return m->cpu.storage.bytes + real;
}

static enum command_result storage_command(struct operator_session *s, int argc, char **argv, struct error *err,
                                           bool virtual_address)
{
    struct machine *m = s->machine;
    /* "r 2000=47F0" and "r 2000 = 47F0 F00A" are both alterations. */
    char first[64];
    snprintf(first, sizeof first, "%s", argv[1]);
    char hex[2 * MAX_DISPLAY + 1] = "";
    bool alter = false;
    char *equals = strchr(first, '=');
    if (equals != NULL) {
        *equals = '\0';
        alter = true;
        snprintf(hex, sizeof hex, "%s", equals + 1);
    }
    int i = 2;
    if (i < argc && strcmp(argv[i], "=") == 0) {
        alter = true;
        i++;
    } else if (i < argc && argv[i][0] == '=') {
        alter = true;
        strncat(hex, argv[i] + 1, sizeof hex - strlen(hex) - 1);
        i++;
    }
    for (; i < argc; i++) {
        if (!alter)
            return failed(err, "usage: %s ADDRESS[-END|.LENGTH] [= HEX...]", argv[0]);
        strncat(hex, argv[i], sizeof hex - strlen(hex) - 1);
    }
    uint32_t start, length;
    if (!parse_range(first, &start, &length))
        return failed(err, "'%s' is not ADDRESS, ADDRESS-END or ADDRESS.LENGTH in hex (at most %X bytes)", first,
                      MAX_DISPLAY);
    if (alter) {
        size_t digits = strlen(hex);
        if (digits == 0 || digits % 2 != 0)
            return failed(err, "the new contents must be an even number of hex digits");
        for (size_t k = 0; k < digits; k++)
            if (!isxdigit((unsigned char)hex[k]))
                return failed(err, "'%c' is not a hex digit", hex[k]);
        for (size_t k = 0; k < digits / 2; k++) {
            uint8_t *p = locate(m, start + (uint32_t)k, virtual_address, err);
            if (p == NULL)
                return COMMAND_FAILED;
            char pair[3] = {hex[2 * k], hex[2 * k + 1], '\0'};
            *p = (uint8_t)strtoul(pair, NULL, 16);
            m->cpu.storage.keys[(p - m->cpu.storage.bytes) >> STORAGE_BLOCK_SHIFT] |=
                STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE;
        }
        /* The CPU may hold translations of what changed. */
        cpu_tlb_purge(&m->cpu);
        length = (uint32_t)(digits / 2);
    }
    for (uint32_t off = 0; off < length; off += 16) {
        char line[160];
        char text[17];
        int used = snprintf(line, sizeof line, "%c:%06X ", virtual_address ? 'V' : 'R', start + off);
        unsigned n = 0;
        for (; n < 16 && off + n < length; n++) {
            uint8_t *p = locate(m, start + off + n, virtual_address, err);
            if (p == NULL) {
                if (off + n == 0)
                    return COMMAND_FAILED;
                break;
            }
            used += snprintf(line + used, sizeof line - (size_t)used, "%02X%s", *p, (n % 4 == 3) ? " " : "");
            uint8_t c = ebcdic_to_ascii_char(*p);
            text[n] = (c >= 0x20 && c < 0x7F) ? (char)c : '.';
        }
        text[n] = '\0';
        fprintf(s->out, "%-46s *%s*\n", line, text);
        if (n < 16 && off + n < length)
            break;
    }
    return COMMAND_DONE;
}

static enum command_result do_real(struct operator_session *s, int argc, char **argv, struct error *err)
{
    return storage_command(s, argc, argv, err, false);
}

static enum command_result do_virtual(struct operator_session *s, int argc, char **argv, struct error *err)
{
    return storage_command(s, argc, argv, err, true);
}

static enum command_result do_devlist(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    unsigned cursor = 0;
    struct device *dev;
    while ((dev = channel_next_device(&s->machine->channels, &cursor)) != NULL) {
        char description[512] = "";
        if (dev->type->describe != NULL)
            dev->type->describe(dev, description, sizeof description);
        fprintf(s->out, "%03X %-7s %-20s %s\n", dev->address, dev->type->name, channel_device_state(dev),
                description);
    }
    return COMMAND_DONE;
}

static enum command_result do_attach(struct operator_session *s, int argc, char **argv, struct error *err)
{
    uint16_t address;
    if (!config_parse_address(argv[1], &address, err))
        return COMMAND_FAILED;
    if (!machine_attach(s->machine, address, argv[2], argc - 3, argv + 3, err))
        return COMMAND_FAILED;
    operator_session_attach_consoles(s);
    return COMMAND_DONE;
}

static enum command_result do_detach(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    uint16_t address;
    if (!config_parse_address(argv[1], &address, err))
        return COMMAND_FAILED;
    struct device *dev = channel_device_at(&s->machine->channels, address);
    bool was_keyboard = dev != NULL && dev == s->console;
    if (!channel_detach(&s->machine->channels, address, err))
        return COMMAND_FAILED;
    if (was_keyboard)
        s->console = NULL;
    operator_session_attach_consoles(s);
    return COMMAND_DONE;
}

static enum command_result do_trace(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    const char *path = strcasecmp(argv[1], "off") == 0 ? NULL : argv[1];
    return operator_session_trace(s, path, err) ? COMMAND_DONE : COMMAND_FAILED;
}

static enum command_result do_help(struct operator_session *s, int argc, char **argv, struct error *err);

static const struct operator_command commands[] = {
    {"wait", 0, 0, true, "wait                 until the CPU waits with nothing left to do", do_wait},
    {"expect", 1, 1, true, "expect \"TEXT\"        until a console writes TEXT", do_expect},
    {"send", 1, 1, true, "send \"TEXT\"          type TEXT and press END when a read is active", do_send},
    {"type", 1, 1, true, "type \"TEXT\"          type TEXT (no END) when a read is active", do_type},
    {"request", 0, 0, false, "request              press REQUEST on the console", do_request},
    {"cancel", 0, 0, false, "cancel               press CANCEL on the console", do_cancel},
    {"interrupt", 0, 0, false, "interrupt            press the system INTERRUPT key", do_interrupt},
    {"devinit", 1, -1, false, "devinit CUU ARGS...  give a device a new medium", do_devinit},
    {"quit", 0, 0, false, "quit                 end the run", do_quit},
    {"ipl", 1, 1, false, "ipl CUU              IPL from a device", do_ipl},
    {"stop", 0, 0, false, "stop                 stop the CPU", do_stop},
    {"start", 0, 0, false, "start                start the CPU", do_start},
    {"restart", 0, 0, false, "restart              load the PSW at 0 and start", do_restart},
    {"psw", 0, 2, false, "psw [W1 W2]          show (or set) the PSW", do_psw},
    {"gpr", 0, 2, false, "gpr [N [VALUE]]      show (or set) general registers", do_gpr},
    {"cr", 0, 2, false, "cr [N [VALUE]]       show (or set) control registers", do_cr},
    {"r", 1, -1, false, "r ADDR[-END|.LEN] [= HEX]  show (or alter) real storage", do_real},
    {"v", 1, -1, false, "v ADDR[-END|.LEN] [= HEX]  the same through DAT", do_virtual},
    {"devlist", 0, 0, false, "devlist              list the devices", do_devlist},
    {"attach", 2, -1, false, "attach CUU TYPE ARGS...  add a device", do_attach},
    {"detach", 1, 1, false, "detach CUU           remove a device", do_detach},
    {"trace", 1, 1, false, "trace FILE | off     trace instructions to FILE", do_trace},
    {"help", 0, 0, false, "help                 this list", do_help},
    {NULL, 0, 0, false, NULL, NULL},
};

static enum command_result do_help(struct operator_session *s, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    for (const struct operator_command *c = commands; c->name != NULL; c++)
        fprintf(s->out, "  %s\n", c->usage);
    fprintf(s->out, "  /TEXT                type TEXT on the console and press END\n");
    return COMMAND_DONE;
}

static const struct operator_command *find_command(const char *name)
{
    for (const struct operator_command *c = commands; c->name != NULL; c++)
        if (strcasecmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* Splits and finds the command; argv[0] is its name. */
static const struct operator_command *parse(char *line, int *argc, char **argv, struct error *err)
{
    int n = config_split_words(line, argv, MAX_ARGS, err);
    if (n < 0)
        return NULL;
    *argc = n;
    if (n == 0)
        return NULL;
    const struct operator_command *c = find_command(argv[0]);
    if (c == NULL) {
        error_set(err, "unknown command '%s' (help lists them)", argv[0]);
        return NULL;
    }
    if (n - 1 < c->min_args || (c->max_args >= 0 && n - 1 > c->max_args)) {
        error_set(err, "usage: %s", c->usage);
        return NULL;
    }
    return c;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

enum command_result operator_execute(struct operator_session *s, char *line, struct error *err)
{
    const char *p = skip_blanks(line);
    if (*p == '\0' || *p == '#')
        return COMMAND_DONE;
    if (*p == '/') {
        char *args[2] = {"send", (char *)p + 1};
        return do_send(s, 2, args, err);
    }
    int argc;
    char *argv[MAX_ARGS];
    err->message[0] = '\0';
    const struct operator_command *c = parse(line, &argc, argv, err);
    if (c == NULL)
        return argc == 0 && err->message[0] == '\0' ? COMMAND_DONE : COMMAND_FAILED;
    return c->run(s, argc, argv, err);
}

bool operator_check(const char *line, struct error *err)
{
    const char *p = skip_blanks(line);
    if (*p == '\0' || *p == '#' || *p == '/')
        return true;
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", line);
    int argc;
    char *argv[MAX_ARGS];
    err->message[0] = '\0';
    if (parse(copy, &argc, argv, err) == NULL)
        return argc == 0 && err->message[0] == '\0';
    return true;
}

bool operator_command_waits(const char *line)
{
    const char *p = skip_blanks(line);
    if (*p == '/')
        return true;
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", line);
    int argc;
    char *argv[MAX_ARGS];
    struct error err;
    const struct operator_command *c = parse(copy, &argc, argv, &err);
    return c != NULL && c->waits;
}
