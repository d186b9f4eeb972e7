/* `vm67 dasd init | ls | copy | check`: the DASD image tools, with the
 * arguments of Hercules's dasdinit and dasdcopy (see man/vm67-dasd.1).
 * The work is done in devices/dasd_*.c; this file parses the command line
 * and draws a progress bar on standard error when that is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/dasd_tools.h"
#include "src/commands.h"

static const char usage_text[] =
    "usage: vm67 dasd init [-z|-0] [-a] [-r] FILE TYPE [VOLSER] [CYLINDERS]\n"
    "       vm67 dasd ls FILE\n"
    "       vm67 dasd copy [-z|-0] INPUT OUTPUT\n"
    "       vm67 dasd check FILE\n"
    "\n"
    "DASD images in Hercules's CKD and compressed CCKD formats.\n"
    "\n"
    "  init    create a blank volume (as Hercules's dasdinit): TYPE is 2311, 2314,\n"
    "          2301, 3330 or 3330-11; -z makes a CCKD image compressed with zlib,\n"
    "          -0 an uncompressed CCKD image, neither a CKD image; -a adds the\n"
    "          alternate cylinders; -r writes no IPL records and no volume label\n"
    "          (then VOLSER is not given)\n"
    "  ls      show the volume label and the data sets in the VTOC\n"
    "  copy    copy an image, converting it: -z to CCKD (zlib), -0 to\n"
    "          uncompressed CCKD, otherwise to CKD\n"
    "  check   verify an image; exits 1 naming each damaged place\n"
    "\n"
    "See man vm67-dasd.\n";

enum { EXIT_DAMAGED = 1 };

struct progress_bar {
    const char *label;
    bool shown;
};

static void draw(void *arg, uint64_t done, uint64_t total)
{
    struct progress_bar *bar = arg;
    if (total == 0)
        return;
    unsigned width = 40, filled = (unsigned)(done * width / total);
    char line[64];
    for (unsigned i = 0; i < width; i++)
        line[i] = i < filled ? '#' : '.';
    line[width] = '\0';
    fprintf(stderr, "\r%s [%s] %3u%% cylinder %llu/%llu", bar->label, line,
            (unsigned)(done * 100 / total), (unsigned long long)done, (unsigned long long)total);
    bar->shown = true;
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* A progress reporter when standard error is a terminal, else none. */
static const struct ckd_progress *progress_for(struct progress_bar *bar, struct ckd_progress *p,
                                               const char *label)
{
    bar->label = label;
    bar->shown = false;
    if (!isatty(STDERR_FILENO))
        return NULL;
    p->update = draw;
    p->arg = bar;
    return p;
}

static void end_progress(struct progress_bar *bar)
{
    (void)bar;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "vm67 dasd: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n\n%s", usage_text);
    return EXIT_USAGE;
}

static bool parse_unsigned(const char *s, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v > 65535)
        return false;
    *out = (unsigned)v;
    return true;
}

static int dasd_init_main(int argc, char **argv)
{
    struct dasd_init_options o = {.format = CKD_IMAGE_FORMAT_CKD};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-z") == 0) {
            o.format = CKD_IMAGE_FORMAT_CCKD;
            o.compression = CKD_COMPRESSION_ZLIB;
        } else if (strcmp(argv[i], "-0") == 0) {
            o.format = CKD_IMAGE_FORMAT_CCKD;
            o.compression = CKD_COMPRESSION_NONE;
        } else if (strcmp(argv[i], "-a") == 0) {
            o.alternates = true;
        } else if (strcmp(argv[i], "-r") == 0) {
            o.raw = true;
        } else if (strcmp(argv[i], "-lfs") == 0) {
            /* Hercules splits CKD images over 2 GB unless -lfs; vm67
             * always writes one file, so -lfs changes nothing. */
        } else if (strcmp(argv[i], "-bz2") == 0) {
            fprintf(stderr, "vm67 dasd init: -bz2: bzip2 compression is not supported (use -z)\n");
            return EXIT_USAGE;
        } else {
            return usage_error("init: unknown option '%s'", argv[i]);
        }
    }
    int positional = argc - i;
    int needed = o.raw ? 2 : 3;
    if (positional < needed || positional > needed + 1)
        return usage_error("init: expected FILE TYPE%s", o.raw ? " [CYLINDERS]" : " VOLSER [CYLINDERS]");
    o.path = argv[i];
    o.model = argv[i + 1];
    if (!o.raw)
        o.volser = argv[i + 2];
    if (positional == needed + 1 && !parse_unsigned(argv[i + needed], &o.cylinders))
        return usage_error("init: '%s' is not a cylinder count", argv[i + needed]);
    struct progress_bar bar;
    struct ckd_progress p;
    struct error err;
    bool ok = dasd_init(&o, progress_for(&bar, &p, "init"), &err);
    end_progress(&bar);
    if (!ok) {
        fprintf(stderr, "vm67 dasd init: %s\n", err.message);
        return EXIT_FAILURE_GENERAL;
    }
    return EXIT_OK;
}

static int dasd_ls_main(int argc, char **argv)
{
    if (argc != 2)
        return usage_error("ls: expected one FILE%s", "");
    struct error err;
    if (!dasd_list(argv[1], stdout, &err)) {
        fflush(stdout);
        fprintf(stderr, "vm67 dasd ls: %s\n", err.message);
        return EXIT_FAILURE_GENERAL;
    }
    return EXIT_OK;
}

static int dasd_copy_main(int argc, char **argv)
{
    enum ckd_image_format format = CKD_IMAGE_FORMAT_CKD;
    enum ckd_compression compression = CKD_COMPRESSION_NONE;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-z") == 0) {
            format = CKD_IMAGE_FORMAT_CCKD;
            compression = CKD_COMPRESSION_ZLIB;
        } else if (strcmp(argv[i], "-0") == 0) {
            format = CKD_IMAGE_FORMAT_CCKD;
            compression = CKD_COMPRESSION_NONE;
        } else if (strcmp(argv[i], "-bz2") == 0) {
            fprintf(stderr, "vm67 dasd copy: -bz2: bzip2 compression is not supported (use -z)\n");
            return EXIT_USAGE;
        } else {
            return usage_error("copy: unknown option '%s'", argv[i]);
        }
    }
    if (argc - i != 2)
        return usage_error("copy: expected INPUT OUTPUT%s", "");
    struct progress_bar bar;
    struct ckd_progress p;
    struct error err;
    bool ok = dasd_copy(argv[i], argv[i + 1], format, compression, progress_for(&bar, &p, "copy"),
                        &err);
    end_progress(&bar);
    if (!ok) {
        fprintf(stderr, "vm67 dasd copy: %s\n", err.message);
        return EXIT_FAILURE_GENERAL;
    }
    return EXIT_OK;
}

static int dasd_check_main(int argc, char **argv)
{
    if (argc != 2)
        return usage_error("check: expected one FILE%s", "");
    struct progress_bar bar;
    struct ckd_progress p;
    unsigned problems = dasd_check(argv[1], stdout, progress_for(&bar, &p, "check"));
    end_progress(&bar);
    if (problems != 0) {
        printf("%s: %u problem%s found\n", argv[1], problems, problems == 1 ? "" : "s");
        return EXIT_DAMAGED;
    }
    printf("%s: no problems found\n", argv[1]);
    return EXIT_OK;
}

int command_dasd(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage_text, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    static const struct {
        const char *name;
        int (*main)(int, char **);
    } tools[] = {
        {"init", dasd_init_main},
        {"ls", dasd_ls_main},
        {"copy", dasd_copy_main},
        {"check", dasd_check_main},
    };
    for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
        if (strcmp(argv[1], tools[i].name) == 0) {
            if (wants_help(argc - 1, argv + 1)) {
                fputs(usage_text, stdout);
                return EXIT_OK;
            }
            return tools[i].main(argc - 1, argv + 1);
        }
    }
    return usage_error("unknown tool '%s'", argv[1]);
}
