/* vm67 run CONFIG [options]: build the machine a configuration file
 * describes, IPL it, and run it (DESIGN.md "Scripted runs"; man vm67).
 *
 * Exit status: 0 when the run ends in a disabled wait (one line
 * "disabled wait PSW=w1 w2" on standard output) or by quit; 1 when it
 * ends in a disabled wait before its console script is done, or
 * ends otherwise (check-stop, a fatal device error, an IPL that fails, a
 * console script that cannot go on), with a line on standard error that
 * says why; 2 for a usage or configuration error; 3 when the instruction
 * limit is reached. Every device file is flushed and closed in all cases. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "asm/object_loader.h"
#include "devices/device.h"
#include "src/commands.h"
#include "src/configuration.h"
#include "src/console_script.h"
#include "src/machine.h"
#include "src/operator_session.h"

struct run_options {
    const char *config;
    const char *ipl;
    bool batch;
    bool stats;
    bool deterministic;
    unsigned long long max_instructions;
    const char *script;
    double script_timeout;
    const char *console_log;
    const char *trace;
    const char *loads[16]; /* --load DECK@ADDR (asm/object_loader.h) */
    unsigned load_count;
};

static void usage(FILE *out)
{
    fprintf(out, "usage: vm67 run CONFIG [--ipl CUU] [--load DECK@ADDR]... [--batch] [--stats]\n"
                 "                       [--max-instructions N] [--script FILE]\n"
                 "                       [--script-timeout SECONDS] [--console-log FILE]\n"
                 "                       [--deterministic] [--trace FILE]\n"
                 "       vm67 run --list-devices\n"
                 "\n"
                 "Builds the machine that CONFIG describes (man vm67.conf) and runs it.\n"
                 "\n"
                 "  --ipl CUU                 IPL from the device at address CUU\n"
                 "  --load DECK@ADDR          load an object deck at ADDR (hex; may be repeated);\n"
                 "                            without --ipl the CPU starts at the first deck's entry\n"
                 "  --batch                   no operator console, even at a terminal\n"
                 "  --stats                   at the end, print instructions=N seconds=S mips=M\n"
                 "  --max-instructions N      end the run after N instructions (exit status 3)\n"
                 "  --script FILE             take the operator's actions from a console script\n"
                 "  --script-timeout SECONDS  how long a script line may wait (default 600)\n"
                 "  --console-log FILE        write a transcript of the console's events\n"
                 "  --deterministic           the interval timer counts executed instructions\n"
                 "  --trace FILE              write a line per instruction executed into FILE\n"
                 "  --list-devices            list the device types and their other names\n"
                 "  -h, --help                this text\n"
                 "\n"
                 "Exit status: 0 when the CPU loads a disabled-wait PSW (the run prints\n"
                 "\"disabled wait PSW=W1 W2\") or on quit; 1 on any other end, with a line\n"
                 "saying why; 2 for a usage, configuration or script error; 3 at the\n"
                 "instruction limit. man vm67 has the whole story.\n");
}

/* --list-devices: every device type a configuration may name, with its
 * description and its other names (devices/device_registry.c). */
static void list_device_types(FILE *out)
{
    for (const struct device_type *const *t = device_types; *t != NULL; t++) {
        fprintf(out, "%-7s %s", (*t)->name, (*t)->description);
        const char *separator = " (also ";
        for (const char *const *alias = (*t)->aliases; alias != NULL && *alias != NULL; alias++) {
            if (strcasecmp(*alias, (*t)->name) == 0)
                continue;
            fprintf(out, "%s%s", separator, *alias);
            separator = ", ";
        }
        fprintf(out, "%s\n", separator[0] == ',' ? ")" : "");
    }
}

/* `--name value` or `--name=value`. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "vm67 run: %s needs a value\n", name);
        exit(EXIT_USAGE);
    }
    return argv[++*i];
}

static bool parse_options(int argc, char **argv, struct run_options *o)
{
    memset(o, 0, sizeof *o);
    o->script_timeout = 600;
    for (int i = 1; i < argc; i++) {
        const char *v;
        char *end;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            exit(EXIT_OK);
        } else if (strcmp(argv[i], "--list-devices") == 0) {
            list_device_types(stdout);
            exit(EXIT_OK);
        } else if (strcmp(argv[i], "--batch") == 0) {
            o->batch = true;
        } else if (strcmp(argv[i], "--stats") == 0) {
            o->stats = true;
        } else if (strcmp(argv[i], "--deterministic") == 0) {
            o->deterministic = true;
        } else if ((v = option_value(argc, argv, &i, "--ipl")) != NULL) {
            o->ipl = v;
        } else if ((v = option_value(argc, argv, &i, "--script")) != NULL) {
            o->script = v;
        } else if ((v = option_value(argc, argv, &i, "--console-log")) != NULL) {
            o->console_log = v;
        } else if ((v = option_value(argc, argv, &i, "--trace")) != NULL) {
            o->trace = v;
        } else if ((v = option_value(argc, argv, &i, "--load")) != NULL) {
            if (o->load_count == sizeof o->loads / sizeof o->loads[0]) {
                fprintf(stderr, "vm67 run: at most %zu --load options\n", sizeof o->loads / sizeof o->loads[0]);
                return false;
            }
            o->loads[o->load_count++] = v;
        } else if ((v = option_value(argc, argv, &i, "--max-instructions")) != NULL) {
            errno = 0;
            o->max_instructions = strtoull(v, &end, 10);
            if (*v == '\0' || *end != '\0' || errno != 0 || o->max_instructions == 0) {
                fprintf(stderr, "vm67 run: --max-instructions %s: expected a positive number\n", v);
                return false;
            }
        } else if ((v = option_value(argc, argv, &i, "--script-timeout")) != NULL) {
            o->script_timeout = strtod(v, &end);
            if (*v == '\0' || *end != '\0' || !(o->script_timeout > 0)) {
                fprintf(stderr, "vm67 run: --script-timeout %s: expected a positive number of seconds\n", v);
                return false;
            }
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "vm67 run: unknown option %s\n", argv[i]);
            usage(stderr);
            return false;
        } else if (o->config == NULL) {
            o->config = argv[i];
        } else {
            fprintf(stderr, "vm67 run: one configuration file only ('%s' too)\n", argv[i]);
            return false;
        }
    }
    if (o->config == NULL) {
        usage(stderr);
        return false;
    }
    return true;
}

int command_run_main(int argc, char **argv)
{
    struct run_options o;
    if (!parse_options(argc, argv, &o))
        return EXIT_USAGE;
    struct error err;
    struct config config;
    config_init(&config);
    if (!config_load(&config, o.config, &err)) {
        fprintf(stderr, "vm67: %s\n", err.message);
        config_free(&config);
        return EXIT_USAGE;
    }
    for (unsigned i = 0; i < config.note_count; i++)
        fprintf(stderr, "vm67: note: %s\n", config.notes[i]);
    if (o.deterministic && config.settings.timer == TIMER_HOST)
        config.settings.timer = TIMER_VIRTUAL;

    /* The machine is large (its TLB): on the heap, not the stack. */
    struct machine *machine = calloc(1, sizeof *machine);
    if (machine == NULL) {
        fprintf(stderr, "vm67: out of memory\n");
        config_free(&config);
        return EXIT_FAILURE_GENERAL;
    }
    struct operator_session session;
    operator_session_init(&session, machine, stdout);
    session.script_timeout = o.script_timeout;
    struct machine_host host;
    operator_session_machine_host(&session, &host);
    if (!machine_init(machine, &config.settings, &host, &err)) {
        fprintf(stderr, "vm67: %s\n", err.message);
        config_free(&config);
        free(machine);
        return EXIT_FAILURE_GENERAL;
    }
    if (!machine_watch_stop_signals(machine, &err)) {
        fprintf(stderr, "vm67: %s\n", err.message);
        machine_free(machine);
        config_free(&config);
        free(machine);
        return EXIT_FAILURE_GENERAL;
    }
    int status = EXIT_OK;
    struct console_script script = {0};
    bool have_script = false;
    for (unsigned i = 0; i < config.device_count; i++) {
        struct config_device *d = &config.devices[i];
        if (!machine_attach(machine, d->address, d->type, d->argc, d->argv, &err)) {
            fprintf(stderr, "vm67: %s:%u: %s\n", d->file, d->line, err.message);
            status = EXIT_USAGE;
            goto done;
        }
    }
    operator_session_attach_consoles(&session);
    if (o.console_log != NULL) {
        if (!console_log_open(&session.log, o.console_log, &err)) {
            fprintf(stderr, "vm67: %s\n", err.message);
            status = EXIT_USAGE;
            goto done;
        }
        session.logging = true;
    }
    if (o.trace != NULL && !operator_session_trace(&session, o.trace, &err)) {
        fprintf(stderr, "vm67: %s\n", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    if (o.script != NULL) {
        if (!console_script_load(&script, o.script, &err)) {
            fprintf(stderr, "vm67: %s\n", err.message);
            status = EXIT_USAGE;
            goto done;
        }
        have_script = true;
        session.script = &script;
    }
    /* Where the operator's input comes from (DESIGN.md "Scripted runs"). */
    bool terminal = isatty(STDIN_FILENO);
    if (terminal && !o.batch) {
        session.interactive = true;
        session.terminal_wanted = true;
    } else if (!have_script) {
        session.read_stdin_lines = true;
    }
    session.echo_input = !session.interactive;
    machine->max_instructions = o.max_instructions;

    /* --load: object decks into storage; without --ipl the CPU starts at
     * the first deck's entry point with a BC-mode PSW (disabled, key 0,
     * supervisor state). */
    for (unsigned i = 0; i < o.load_count; i++) {
        char *path;
        uint32_t address;
        struct object_load_result loaded;
        if (!object_load_argument(o.loads[i], &path, &address, &err)) {
            fprintf(stderr, "vm67: --load: %s\n", err.message);
            status = EXIT_USAGE;
            goto done;
        }
        bool loaded_ok = object_deck_load_file(&machine->cpu.storage, path, address, &loaded, &err);
        free(path);
        if (!loaded_ok) {
            fprintf(stderr, "vm67: --load: %s\n", err.message);
            status = EXIT_FAILURE_GENERAL;
            goto done;
        }
        if (i == 0 && o.ipl == NULL) {
            uint8_t psw[8] = {0, 0, 0, 0, 0, (uint8_t)(loaded.entry >> 16), (uint8_t)(loaded.entry >> 8),
                              (uint8_t)loaded.entry};
            cpu_load_psw(&machine->cpu, psw);
            machine_start(machine);
        }
    }
    if (o.ipl != NULL) {
        uint16_t address;
        if (!config_parse_address(o.ipl, &address, &err)) {
            fprintf(stderr, "vm67: --ipl: %s\n", err.message);
            status = EXIT_USAGE;
            goto done;
        }
        if (!machine_ipl(machine, address, &err)) {
            fprintf(stderr, "vm67: %s\n", err.message);
            status = EXIT_FAILURE_GENERAL;
            goto done;
        }
    }
    machine_run(machine);
    operator_session_finish(&session);
    switch (machine->end) {
    case MACHINE_END_DISABLED_WAIT:
        printf("%s\n", machine->end_message);
        if (have_script && !console_script_finished(&script)) {
            /* The script expected more: say which line never ran. */
            char where[512];
            console_script_where(&script, where, sizeof where);
            fprintf(stderr, "vm67: the run ended before the script did, at %s\n", where);
            status = EXIT_FAILURE_GENERAL;
        }
        break;
    case MACHINE_END_QUIT:
        break;
    case MACHINE_END_INSTRUCTION_LIMIT:
        fprintf(stderr, "vm67: %s\n", machine->end_message);
        status = EXIT_INSTRUCTION_LIMIT;
        break;
    case MACHINE_END_FAILURE:
    case MACHINE_END_NONE:
        fprintf(stderr, "vm67: %s\n", machine->end_message);
        status = EXIT_FAILURE_GENERAL;
        break;
    }
    if (o.stats) {
        double seconds = machine->cpu_seconds;
        double mips = seconds > 0 ? (double)machine->cpu.icount / seconds / 1e6 : 0;
        printf("instructions=%llu seconds=%.3f mips=%.2f\n", (unsigned long long)machine->cpu.icount, seconds, mips);
    }
done:
    fflush(stdout);
    operator_session_free(&session);
    machine_free(machine);
    free(machine);
    if (have_script)
        console_script_free(&script);
    config_free(&config);
    return status;
}
