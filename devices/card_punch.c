#include "devices/card_punch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/card_output.h"

struct card_punch_state {
    const struct card_punch_model *model;
    struct card_output out;
};

static bool open_output(struct card_output *out, int argc, char **argv, struct error *err)
{
    const char *path = NULL;
    for (int i = 0; i < argc; i++) {
        if (card_output_option(out, argv[i]))
            continue;
        if (strchr(argv[i], '=') != NULL || path != NULL)
            return error_set(err, "unknown punch option '%s'", argv[i]);
        path = argv[i];
    }
    if (path == NULL)
        return error_set(err, "a punch needs an output file name");
    return card_output_open(out, path, err);
}

bool card_punch_attach(struct device *dev, const struct card_punch_model *model, int argc, char **argv,
                       struct error *err)
{
    struct card_punch_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return error_set(err, "out of memory");
    s->model = model;
    if (!open_output(&s->out, argc, argv, err)) {
        free(s);
        return false;
    }
    dev->state = s;
    dev->sense_length = 1;
    dev->sense[0] = 0;
    return true;
}

void card_punch_detach(struct device *dev)
{
    struct card_punch_state *s = dev->state;
    struct error err;
    if (!card_output_close(&s->out, &err))
        fprintf(stderr, "vm67: device %03X: %s\n", dev->address, err.message);
    free(s);
    dev->state = NULL;
}

void card_punch_start(struct device *dev, struct device_command *cmd)
{
    struct card_punch_state *s = dev->state;
    if (cmd->code == 0x04) {
        device_answer_sense(dev, cmd);
        return;
    }
    dev->sense[0] = 0;
    enum card_punch_operation op;
    if (!s->model->decode(cmd->code, &op) || op == CARD_PUNCH_UNSUPPORTED) {
        device_reject_command(dev, cmd);
        dev->sense_length = 1;
        return;
    }
    if (op == CARD_PUNCH_NOP) {
        cmd->length = 0;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        cmd->delay = 0;
        return;
    }
    /* The punch takes 80 columns; a shorter count leaves the rest of the
     * card unpunched (blank) and is an incorrect length. */
    uint8_t card[80];
    memset(card, 0x40, sizeof card);
    memcpy(card, cmd->data, cmd->count < 80 ? cmd->count : 80);
    struct error err;
    if (!card_output_punch(&s->out, card, &err)) {
        device_fatal(dev, "card punch %03X: %s", dev->address, err.message);
        dev->sense[0] = SENSE_EQUIPMENT_CHECK;
        cmd->length = 0;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK;
        cmd->delay = 0;
        return;
    }
    cmd->length = 80;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
    cmd->delay = CARD_PUNCH_CARD_TIME;
}

void card_punch_reset(struct device *dev)
{
    dev->sense[0] = 0;
}

void card_punch_describe(struct device *dev, char *buffer, size_t size)
{
    struct card_punch_state *s = dev->state;
    snprintf(buffer, size, "%s (%s), %lu cards", s->out.path, s->out.ascii ? "ascii" : "ebcdic", s->out.cards);
}

bool card_punch_reinit(struct device *dev, int argc, char **argv, struct error *err)
{
    struct card_punch_state *s = dev->state;
    struct card_output fresh = {0};
    if (!open_output(&fresh, argc, argv, err))
        return false;
    struct error close_err;
    if (!card_output_close(&s->out, &close_err))
        fprintf(stderr, "vm67: device %03X: %s\n", dev->address, close_err.message);
    s->out = fresh;
    return true;
}
