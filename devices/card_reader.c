#include "devices/card_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/card_deck.h"
#include "devices/card_output.h"
#include "devices/device_arguments.h"

struct card_reader_state {
    const struct card_reader_model *model;
    struct card_deck deck;
    struct card_output punch;
    bool punch_open;
    struct event device_end;
};

static struct card_reader_state *state_of(struct device *dev)
{
    return (struct card_reader_state *)dev->state;
}

static void device_end_fired(void *arg)
{
    channel_device_status((struct device *)arg, UNIT_DEVICE_END);
}

/* Splits the punch options off the arguments of a read punch unit and
 * loads the deck with the rest. */
static bool load(const struct card_reader_model *model, struct card_deck *deck, struct card_output *punch,
                 const char **punch_path, int argc, char **argv, struct error *err)
{
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (rest == NULL)
        return error_set(err, "out of memory");
    int n = 0;
    *punch_path = NULL;
    for (int i = 0; i < argc; i++) {
        const char *value = device_argument_value(argv[i], "punch");
        if (model->punch && value != NULL) {
            *punch_path = value;
            continue;
        }
        if (model->punch && (device_argument_is(argv[i], "crlf") || device_argument_is(argv[i], "noclear"))) {
            card_output_option(punch, argv[i]);
            continue;
        }
        if (model->punch && (device_argument_is(argv[i], "ascii") || device_argument_is(argv[i], "ebcdic")))
            card_output_option(punch, argv[i]);
        rest[n++] = argv[i];
    }
    bool ok = card_deck_load(deck, n, rest, err);
    free(rest);
    return ok;
}

bool card_reader_attach(struct device *dev, const struct card_reader_model *model, int argc, char **argv,
                        struct error *err)
{
    struct card_reader_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return error_set(err, "out of memory");
    s->model = model;
    const char *punch_path;
    if (!load(model, &s->deck, &s->punch, &punch_path, argc, argv, err)) {
        free(s);
        return false;
    }
    if (punch_path != NULL) {
        if (!card_output_open(&s->punch, punch_path, err)) {
            card_deck_unload(&s->deck);
            free(s);
            return false;
        }
        s->punch_open = true;
    }
    event_init(&s->device_end, device_end_fired, dev);
    dev->state = s;
    dev->sense_length = 1;
    dev->sense[0] = 0;
    return true;
}

void card_reader_detach(struct device *dev)
{
    struct card_reader_state *s = state_of(dev);
    event_cancel(dev->events, &s->device_end);
    card_deck_unload(&s->deck);
    if (s->punch_open) {
        struct error err;
        if (!card_output_close(&s->punch, &err))
            fprintf(stderr, "vm67: device %03X: %s\n", dev->address, err.message);
    }
    free(s);
    dev->state = NULL;
}

static void unit_check(struct device *dev, struct device_command *cmd, uint8_t sense)
{
    dev->sense[0] = sense;
    cmd->length = 0;
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_CHECK;
    cmd->delay = 0;
}

/* The hopper is empty: unit exception with the END OF FILE key, else not
 * ready (S360-67.md §4.2). Both at once, nothing transferred. */
static void hopper_empty(struct device *dev, struct device_command *cmd)
{
    struct card_reader_state *s = state_of(dev);
    if (s->deck.eof) {
        cmd->length = 0;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_EXCEPTION;
        cmd->delay = 0;
        return;
    }
    unit_check(dev, cmd, SENSE_INTERVENTION_REQUIRED);
}

void card_reader_start(struct device *dev, struct device_command *cmd)
{
    struct card_reader_state *s = state_of(dev);
    if (cmd->code == 0x04) {
        device_answer_sense(dev, cmd);
        return;
    }
    dev->sense[0] = 0;
    enum card_reader_operation op;
    if (!s->model->decode(cmd->code, &op) || op == CARD_READER_UNSUPPORTED) {
        device_reject_command(dev, cmd);
        dev->sense_length = 1;
        return;
    }
    struct error err;
    uint8_t card[CARD_COLUMNS];
    switch (op) {
    case CARD_READER_NOP:
        cmd->length = 0;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        cmd->delay = 0;
        return;
    case CARD_READER_READ:
    case CARD_READER_FEED:
        switch (card_deck_read(&s->deck, card, &err)) {
        case CARD_DECK_END:
            hopper_empty(dev, cmd);
            return;
        case CARD_DECK_ERROR:
            device_fatal(dev, "card reader %03X: %s", dev->address, err.message);
            unit_check(dev, cmd, SENSE_EQUIPMENT_CHECK);
            return;
        case CARD_DECK_CARD:
            break;
        }
        if (op == CARD_READER_FEED) {
            /* A control command: channel end at once, device end when the
             * card has moved. */
            cmd->length = 0;
            cmd->status = UNIT_CHANNEL_END;
            cmd->delay = 0;
            event_schedule(dev->events, &s->device_end, CARD_READER_CARD_TIME);
            return;
        }
        memcpy(cmd->data, card, CARD_COLUMNS);
        cmd->length = CARD_COLUMNS;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        cmd->delay = CARD_READER_CARD_TIME;
        return;
    case CARD_READER_PUNCH: {
        if (!s->punch_open) {
            unit_check(dev, cmd, SENSE_INTERVENTION_REQUIRED);
            return;
        }
        memset(card, 0x40, sizeof card);
        memcpy(card, cmd->data, cmd->count < CARD_COLUMNS ? cmd->count : CARD_COLUMNS);
        if (!card_output_punch(&s->punch, card, &err)) {
            device_fatal(dev, "card punch %03X: %s", dev->address, err.message);
            unit_check(dev, cmd, SENSE_EQUIPMENT_CHECK);
            return;
        }
        cmd->length = CARD_COLUMNS;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        cmd->delay = CARD_READER_CARD_TIME;
        return;
    }
    case CARD_READER_UNSUPPORTED:
        break;
    }
}

void card_reader_reset(struct device *dev)
{
    struct card_reader_state *s = state_of(dev);
    event_cancel(dev->events, &s->device_end);
    dev->sense[0] = 0;
}

void card_reader_describe(struct device *dev, char *buffer, size_t size)
{
    struct card_reader_state *s = state_of(dev);
    char deck[256];
    card_deck_describe(&s->deck, deck, sizeof deck);
    if (s->punch_open)
        snprintf(buffer, size, "%s; punch %s, %lu cards", deck, s->punch.path, s->punch.cards);
    else
        snprintf(buffer, size, "%s", deck);
}

bool card_reader_reinit(struct device *dev, int argc, char **argv, struct error *err)
{
    struct card_reader_state *s = state_of(dev);
    struct card_deck deck;
    struct card_output punch = s->punch;
    const char *punch_path;
    if (!load(s->model, &deck, &punch, &punch_path, argc, argv, err))
        return false;
    if (punch_path != NULL) {
        struct card_output fresh = {.ascii = punch.ascii, .crlf = punch.crlf, .noclear = punch.noclear};
        if (!card_output_open(&fresh, punch_path, err)) {
            card_deck_unload(&deck);
            return false;
        }
        if (s->punch_open)
            card_output_close(&s->punch, err);
        s->punch = fresh;
        s->punch_open = true;
    }
    bool was_ready = card_deck_has_cards(&s->deck);
    card_deck_unload(&s->deck);
    s->deck = deck;
    /* Not ready to ready: device end (POO "Device End"). */
    if (!was_ready && card_deck_has_cards(&s->deck))
        channel_device_status(dev, UNIT_DEVICE_END);
    return true;
}
