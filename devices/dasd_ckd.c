/* The CKD device types 2311, 2314, 2301 and 3330: configuration, the
 * command dispatcher, reset and detach. See dasd_ckd.h.
 *
 * Configuration (the arguments after the type, as Hercules takes them):
 *     cuu 2314 FILE [ro|readonly] [sync] [cu=TYPE] [Hercules tuning options]
 * FILE is a Hercules CKD or CCKD image of that model. `sync` makes every
 * write command fsync() the file (by default writes reach the file, and so
 * survive vm67 being killed, but are fsync'ed only on detach). Hercules's
 * cache and I/O tuning options (syncio, nosyncio, lazywrite, nolazywrite,
 * fulltrackio, nofulltrackio, cache=N) change nothing a guest can see and
 * are accepted with no effect; shadow files (sf=) and fakewrite are not
 * supported and are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devices/dasd_ckd.h"

static bool is_tuning_option(const char *arg)
{
    static const char *const words[] = {"syncio", "nosyncio", "lazywrite", "nolazywrite",
                                        "fulltrackio", "fulltrack", "nofulltrackio", "nofulltrack"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(arg, words[i]) == 0)
            return true;
    return strncasecmp(arg, "cache=", 6) == 0 || strncasecmp(arg, "cu=", 3) == 0;
}

static bool dasd_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    const struct dasd_geometry *g = dasd_geometry_find(dev->type->name, NULL);
    if (argc < 1)
        return error_set(err, "%s needs an image file name", dev->type->name);
    struct ckd_image_options options = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcasecmp(a, "ro") == 0 || strcasecmp(a, "readonly") == 0)
            options.read_only = true;
        else if (strcasecmp(a, "rw") == 0)
            options.read_only = false;
        else if (strcasecmp(a, "sync") == 0)
            options.sync_every_write = true;
        else if (is_tuning_option(a))
            continue;
        else if (strncasecmp(a, "sf=", 3) == 0)
            return error_set(err, "%s: option '%s': shadow files are not supported", argv[0], a);
        else if (strcasecmp(a, "fakewrite") == 0 || strcasecmp(a, "fw") == 0)
            return error_set(err, "%s: option '%s' is not supported (attach the image ro instead)",
                             argv[0], a);
        else
            return error_set(err, "%s: unknown option '%s' (known: ro, sync, cu=, and Hercules's "
                                  "tuning options)",
                             argv[0], a);
    }
    struct ckd_image *image;
    if (!ckd_image_open(&image, argv[0], &options, err))
        return false;
    if (image->geometry != g) {
        error_set(err, "%s: a %s image (device type byte at offset 16), attached as a %s", argv[0],
                  image->geometry->name, g->name);
        ckd_image_close(image, NULL);
        return false;
    }
    struct dasd_ckd *d = calloc(1, sizeof *d);
    uint8_t *track = malloc(image->track_size);
    if (d == NULL || track == NULL) {
        free(d);
        free(track);
        ckd_image_close(image, NULL);
        return error_set(err, "%s: out of memory", argv[0]);
    }
    d->geometry = g;
    d->image = image;
    d->read_only = image->read_only;
    d->track = track;
    d->orientation = CKD_AT_INDEX;
    dev->state = d;
    memset(dev->sense, 0, sizeof dev->sense);
    dev->sense_length = g->sense_length;
    return true;
}

static void dasd_detach(struct device *dev)
{
    struct dasd_ckd *d = dev->state;
    if (d == NULL)
        return;
    struct error err;
    if (!ckd_image_close(d->image, &err))
        fprintf(stderr, "vm67: DASD %03X: %s\n", dev->address, err.message);
    free(d->track);
    free(d);
    dev->state = NULL;
}

/* devinit: another image on the drive (a pack change). The new image is
 * opened first, so a refused one leaves the old pack mounted. The drive
 * then presents device end, as one does on becoming ready with a new pack
 * (OS/360's volume recognition listens for it). */
static bool dasd_reinit(struct device *dev, int argc, char **argv, struct error *err)
{
    struct device fresh = *dev;
    fresh.state = NULL;
    if (!dasd_attach(&fresh, argc, argv, err))
        return false;
    dasd_detach(dev);
    dev->state = fresh.state;
    memset(dev->sense, 0, sizeof dev->sense);
    channel_device_status(dev, UNIT_DEVICE_END);
    return true;
}

static void forget_chain(struct dasd_ckd *d)
{
    d->file_mask = 0;
    d->file_mask_set = false;
    d->previous = CKD_PREVIOUS_NOTHING;
    d->index_passes = 0;
}

static void dasd_reset(struct device *dev)
{
    struct dasd_ckd *d = dev->state;
    forget_chain(d);
    d->orientation = CKD_AT_INDEX;
    memset(dev->sense, 0, sizeof dev->sense);
}

static void dasd_halt(struct device *dev)
{
    /* Every command completes at once (with a delay the channel
     * schedules), so there is never one pending to end early. */
    (void)dev;
}

static void dasd_describe(struct device *dev, char *buffer, size_t size)
{
    struct dasd_ckd *d = dev->state;
    snprintf(buffer, size, "%s %s cyl %u head %u%s%s", d->geometry->name, d->image->path,
             d->cylinder, d->head, d->image->format == CKD_IMAGE_FORMAT_CCKD ? " cckd" : "",
             d->read_only ? " ro" : "");
}

/* Space Count (X'0F') skips a count area the program describes, to recover
 * from a data check in it. The manuals at hand do not settle what the
 * control unit does with the argument, images have no data checks, and no
 * program vm67 runs is known to issue it: it is refused, and said so. */
static void space_count(struct device *dev, struct device_command *cmd)
{
    fprintf(stderr, "vm67: DASD %03X: Space Count (X'0F') is not supported; command rejected\n",
            dev->address);
    device_reject_command(dev, cmd);
}

static void dispatch(struct device *dev, struct dasd_ckd *d, struct device_command *cmd)
{
    uint8_t code = cmd->code;
    switch (code) {
    case CKD_NO_OPERATION:
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        return;
    case CKD_SEEK:
    case CKD_SEEK_CYLINDER:
    case CKD_SEEK_HEAD:
        ckd_seek(dev, d, cmd);
        return;
    case CKD_RECALIBRATE:
        ckd_recalibrate(dev, d, cmd);
        return;
    case CKD_SET_FILE_MASK:
        ckd_set_file_mask(dev, d, cmd);
        return;
    case CKD_READ_IPL:
        ckd_read_ipl(dev, d, cmd);
        return;
    case CKD_SPACE_COUNT:
        space_count(dev, cmd);
        return;
    default:
        break;
    }
    /* The rest work on the track under the heads. */
    void (*command)(struct device *, struct dasd_ckd *, struct device_command *) = NULL;
    switch (code & 0x7F) {
    case CKD_READ_DATA: command = ckd_read_data; break;
    case CKD_READ_KEY_DATA: command = ckd_read_key_data; break;
    case CKD_READ_COUNT: command = ckd_read_count; break;
    case CKD_READ_R0: command = ckd_read_r0; break;
    case CKD_READ_HOME_ADDRESS: command = ckd_read_home_address; break;
    case CKD_READ_CKD: command = ckd_read_ckd; break;
    case CKD_SEARCH_HA_EQUAL: command = ckd_search_home; break;
    case CKD_SEARCH_ID_EQUAL:
    case CKD_SEARCH_ID_HIGH:
    case CKD_SEARCH_ID_EQUAL_HIGH: command = ckd_search_id; break;
    case CKD_SEARCH_KEY_EQUAL:
    case CKD_SEARCH_KEY_HIGH:
    case CKD_SEARCH_KEY_EQUAL_HIGH: command = ckd_search_key; break;
    default: break;
    }
    /* Writes have no multitrack form. */
    if (command == NULL && !(code & CKD_MULTITRACK)) {
        switch (code) {
        case CKD_WRITE_DATA: command = ckd_write_data; break;
        case CKD_WRITE_KEY_DATA: command = ckd_write_key_data; break;
        case CKD_WRITE_CKD:
        case CKD_WRITE_SPECIAL_CKD: command = ckd_write_ckd; break;
        case CKD_WRITE_R0: command = ckd_write_r0; break;
        case CKD_WRITE_HOME_ADDRESS: command = ckd_write_home_address; break;
        case CKD_ERASE: command = ckd_erase; break;
        default: break;
        }
    }
    if (command == NULL) {
        device_reject_command(dev, cmd);
        return;
    }
    if (ckd_load_track(dev, d, cmd))
        command(dev, d, cmd);
}

static void dasd_start(struct device *dev, struct device_command *cmd)
{
    struct dasd_ckd *d = dev->state;
    cmd->length = 0;
    cmd->status = 0;
    cmd->delay = 0;
    cmd->pending = false;
    if (cmd->code == CKD_SENSE) {
        /* Sense reads what the last command left, without changing it. */
        device_answer_sense(dev, cmd);
        cmd->delay = dasd_operation_time(d->geometry, 0, cmd->length);
        return;
    }
    memset(dev->sense, 0, sizeof dev->sense);
    if (!cmd->chained)
        forget_chain(d);
    d->achieved = CKD_PREVIOUS_NOTHING;
    d->cylinders_moved = 0;
    d->bytes_moved = 0;
    dispatch(dev, d, cmd);
    d->previous = d->achieved;
    /* No-operation is an immediate command: channel end and device end in
     * the initial status, no time taken. */
    if (cmd->code != CKD_NO_OPERATION)
        cmd->delay = dasd_operation_time(d->geometry, d->cylinders_moved, d->bytes_moved);
}

static const char *const aliases_2311[] = {"2311-1", NULL};
static const char *const aliases_2314[] = {"2314-1", "2319", NULL};
static const char *const aliases_2301[] = {NULL};
static const char *const aliases_3330[] = {"3330-1", "3330-11", "3330-2", NULL};

#define DASD_TYPE(model, text)                                                                     \
    const struct device_type dasd_##model##_type = {                                               \
        .name = #model,                                                                            \
        .aliases = aliases_##model,                                                                \
        .description = text,                                                                       \
        .attach = dasd_attach,                                                                     \
        .detach = dasd_detach,                                                                     \
        .start = dasd_start,                                                                       \
        .halt = dasd_halt,                                                                         \
        .reset = dasd_reset,                                                                       \
        .describe = dasd_describe,                                                                 \
        .reinit = dasd_reinit,                                                                     \
    }

DASD_TYPE(2311, "2311 disk storage drive (CKD/CCKD image)");
DASD_TYPE(2314, "2314 direct access storage facility (CKD/CCKD image)");
DASD_TYPE(2301, "2301 drum storage (CKD/CCKD image)");
DASD_TYPE(3330, "3330 disk storage (CKD/CCKD image)");
