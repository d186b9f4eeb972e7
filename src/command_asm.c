/* vm67 asm: assembles a System/360 Model 67 program (see man/vm67-asm.1).
 * Writes the listing, and the object deck (or, with --ipl, a self-loading
 * IPL deck and optionally a core image) when there are no errors. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asm/assembler.h"
#include "asm/byte_buffer.h"
#include "asm/ipl_deck.h"
#include "asm/listing.h"
#include "asm/object_deck.h"
#include "asm/program_image.h"
#include "lib/file_util.h"
#include "src/commands.h"

int command_asm(int argc, char **argv);

static void usage(FILE *out)
{
    fprintf(out, "usage: vm67 asm [OPTIONS] FILE.asm\n"
                 "\n"
                 "Assembles a System/360 Model 67 program in IBM assembler language.\n"
                 "\n"
                 "  -o, --output FILE   the object deck (default FILE.obj), or with --ipl the\n"
                 "                      IPL deck (default FILE.ipl)\n"
                 "  -l, --listing FILE  the listing (default FILE.lst)\n"
                 "      --no-listing    write no listing\n"
                 "      --ipl           make a self-loading IPL card deck of a stand-alone program\n"
                 "      --core FILE     with --ipl, also write a core image (storage from 0)\n"
                 "  -I, --maclib DIR    a macro and COPY library directory (may be repeated)\n"
                 "  -h, --help          this text\n"
                 "\n"
                 "Messages go to standard error as FILE:LINE:COLUMN: error: ...; the exit status\n"
                 "is 0 without errors (warnings allowed), 1 with errors (the listing is still\n"
                 "written, the deck is not), 2 for a usage error.\n");
}

/* FILE.asm -> FILE.ext (in the same directory). */
static char *derived_name(const char *source, const char *ext)
{
    const char *slash = strrchr(source, '/');
    const char *dot = strrchr(source, '.');
    size_t stem = dot != NULL && (slash == NULL || dot > slash) ? (size_t)(dot - source) : strlen(source);
    char *name = malloc(stem + strlen(ext) + 2);
    if (name == NULL)
        return NULL;
    memcpy(name, source, stem);
    sprintf(name + stem, ".%s", ext);
    return name;
}

/* Writes an output (see file_replace_contents: a device such as
 * /dev/null is written in place, never replaced). */
static bool write_file(const char *path, const void *data, size_t len)
{
    struct error err;
    if (!file_replace_contents(path, data, len, &err)) {
        fprintf(stderr, "vm67 asm: %s\n", err.message);
        return false;
    }
    return true;
}

int command_asm(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'}, {"listing", required_argument, NULL, 'l'},
        {"no-listing", no_argument, NULL, 'n'},   {"ipl", no_argument, NULL, 'i'},
        {"core", required_argument, NULL, 'c'},   {"maclib", required_argument, NULL, 'I'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *listing = NULL, *core = NULL;
    bool no_listing = false, ipl = false;
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    size_t ndirs = 0;
    if (dirs == NULL)
        return EXIT_FAILURE_GENERAL;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:l:I:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'l':
            listing = optarg;
            break;
        case 'n':
            no_listing = true;
            break;
        case 'i':
            ipl = true;
            break;
        case 'c':
            core = optarg;
            break;
        case 'I':
            dirs[ndirs++] = optarg;
            break;
        case 'h':
            usage(stdout);
            free(dirs);
            return EXIT_OK;
        default:
            usage(stderr);
            free(dirs);
            return EXIT_USAGE;
        }
    }
    if (optind != argc - 1 || (core != NULL && !ipl)) {
        if (core != NULL && !ipl)
            fprintf(stderr, "vm67 asm: --core needs --ipl (a core image is of a stand-alone program)\n");
        usage(stderr);
        free(dirs);
        return EXIT_USAGE;
    }
    const char *source = argv[optind];
    struct asm_options opts = {dirs, ndirs};
    struct assembly *a = assembly_create(&opts);
    struct error err;
    if (!assembly_read_file(a, source, &err)) {
        fprintf(stderr, "vm67 asm: %s\n", err.message);
        assembly_destroy(a);
        free(dirs);
        return EXIT_FAILURE_GENERAL;
    }
    assembly_assemble(a);
    assembly_print_diagnostics(a, stderr);
    int status = EXIT_OK;
    char *listing_name = listing != NULL ? strdup(listing) : derived_name(source, "lst");
    char *output_name = output != NULL ? strdup(output) : derived_name(source, ipl ? "ipl" : "obj");
    if (!no_listing) {
        struct byte_buffer b;
        byte_buffer_init(&b);
        listing_write(a, &b);
        if (!write_file(listing_name, b.data, b.len))
            status = EXIT_FAILURE_GENERAL;
        byte_buffer_free(&b);
    }
    if (assembly_error_count(a) > 0) {
        fprintf(stderr, "vm67 asm: %zu error%s; %s not written\n", assembly_error_count(a),
                assembly_error_count(a) == 1 ? "" : "s", output_name);
        file_remove_if_regular(output_name); /* a stale deck must not pass for this one */
        if (core != NULL)
            file_remove_if_regular(core);
        status = EXIT_FAILURE_GENERAL;
    } else {
        struct byte_buffer deck;
        byte_buffer_init(&deck);
        bool ok;
        if (ipl) {
            struct program_image image;
            ok = program_image_build(a, &image, &err) && ipl_deck_build(&image, &deck, &err);
            if (ok && core != NULL) {
                struct byte_buffer img;
                byte_buffer_init(&img);
                ok = core_image_build(&image, &img, &err);
                if (ok && !write_file(core, img.data, img.len))
                    status = EXIT_FAILURE_GENERAL;
                byte_buffer_free(&img);
            }
            program_image_free(&image);
        } else {
            ok = object_deck_build(a, &deck, &err);
        }
        if (!ok) {
            fprintf(stderr, "%s: error: %s\n", source, err.message);
            file_remove_if_regular(output_name);
            status = EXIT_FAILURE_GENERAL;
        } else if (!write_file(output_name, deck.data, deck.len)) {
            status = EXIT_FAILURE_GENERAL;
        }
        byte_buffer_free(&deck);
    }
    free(listing_name);
    free(output_name);
    assembly_destroy(a);
    free(dirs);
    return status;
}
