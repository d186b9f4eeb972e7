#include "devices/telnet.h"

#include <string.h>

void telnet_init(struct telnet *t, const struct telnet_sink *sink, bool offer_echo)
{
    memset(t, 0, sizeof *t);
    t->state = TELNET_STATE_DATA;
    t->offer_echo = offer_echo;
    t->sink = *sink;
}

static void send_verb(struct telnet *t, uint8_t verb, uint8_t option)
{
    uint8_t bytes[3] = {TELNET_IAC, verb, option};
    t->sink.send(t->sink.context, bytes, sizeof bytes);
}

void telnet_start(struct telnet *t)
{
    if (t->offer_echo) {
        t->option[TELNET_OPTION_ECHO].us_asked = true;
        send_verb(t, TELNET_WILL, TELNET_OPTION_ECHO);
    }
    t->option[TELNET_OPTION_SGA].us_asked = true;
    send_verb(t, TELNET_WILL, TELNET_OPTION_SGA);
    t->option[TELNET_OPTION_SGA].him_asked = true;
    send_verb(t, TELNET_DO, TELNET_OPTION_SGA);
}

/* Options we agree to perform when the client asks (DO). */
static bool we_accept(const struct telnet *t, uint8_t option)
{
    switch (option) {
    case TELNET_OPTION_ECHO:
        return t->offer_echo;
    case TELNET_OPTION_SGA:
    case TELNET_OPTION_BINARY:
        return true;
    default:
        return false;
    }
}

/* Options we let the client perform (WILL). Its echoing is refused: the
 * server prints what is typed, as the terminal's typewriter did. */
static bool him_accept(uint8_t option)
{
    return option == TELNET_OPTION_SGA || option == TELNET_OPTION_BINARY;
}

/* RFC 854/1143: answer a request only when it changes the option's state;
 * an answer to our own request is just recorded. */
static void negotiate(struct telnet *t, uint8_t verb, uint8_t option)
{
    struct telnet_option_state *o = &t->option[option];
    switch (verb) {
    case TELNET_DO:
        if (o->us_asked) {
            o->us_asked = false;
            o->us = true;
        } else if (!o->us) {
            if (we_accept(t, option)) {
                o->us = true;
                send_verb(t, TELNET_WILL, option);
            } else {
                send_verb(t, TELNET_WONT, option);
            }
        }
        break;
    case TELNET_DONT:
        if (o->us_asked) {
            o->us_asked = false;
        } else if (o->us) {
            o->us = false;
            send_verb(t, TELNET_WONT, option);
        }
        break;
    case TELNET_WILL:
        if (o->him_asked) {
            o->him_asked = false;
            o->him = true;
        } else if (!o->him) {
            if (him_accept(option)) {
                o->him = true;
                send_verb(t, TELNET_DO, option);
            } else {
                send_verb(t, TELNET_DONT, option);
            }
        }
        break;
    case TELNET_WONT:
        if (o->him_asked) {
            o->him_asked = false;
        } else if (o->him) {
            o->him = false;
            send_verb(t, TELNET_DONT, option);
        }
        break;
    default:
        break;
    }
}

static void command(struct telnet *t, uint8_t c)
{
    switch (c) {
    case TELNET_BRK:
    case TELNET_IP:
        t->sink.brk(t->sink.context);
        break;
    case TELNET_AYT: {
        static const uint8_t answer[] = "\r\n[vm67: yes]\r\n";
        t->sink.send(t->sink.context, answer, sizeof answer - 1);
        break;
    }
    default:
        /* NOP, DM, GA, EC, EL, AO: nothing for a line of a 2703. */
        break;
    }
}

static bool binary_input(const struct telnet *t)
{
    return t->option[TELNET_OPTION_BINARY].him;
}

static void receive_byte(struct telnet *t, uint8_t c)
{
    switch (t->state) {
    case TELNET_STATE_CR:
        t->state = TELNET_STATE_DATA;
        if (c == '\n' || c == '\0')
            return;
        /* A CR followed by anything else: that byte is data. */
        /* fall through */
    case TELNET_STATE_DATA:
        if (c == TELNET_IAC) {
            t->state = TELNET_STATE_IAC;
        } else {
            t->sink.data(t->sink.context, c);
            if (c == '\r' && !binary_input(t))
                t->state = TELNET_STATE_CR;
        }
        return;
    case TELNET_STATE_IAC:
        t->state = TELNET_STATE_DATA;
        switch (c) {
        case TELNET_IAC:
            t->sink.data(t->sink.context, TELNET_IAC);
            break;
        case TELNET_WILL:
        case TELNET_WONT:
        case TELNET_DO:
        case TELNET_DONT:
            t->verb = c;
            t->state = TELNET_STATE_OPTION;
            break;
        case TELNET_SB:
            t->state = TELNET_STATE_SUB;
            break;
        default:
            command(t, c);
            break;
        }
        return;
    case TELNET_STATE_OPTION:
        t->state = TELNET_STATE_DATA;
        negotiate(t, t->verb, c);
        return;
    case TELNET_STATE_SUB:
        if (c == TELNET_IAC)
            t->state = TELNET_STATE_SUB_IAC;
        return;
    case TELNET_STATE_SUB_IAC:
        /* IAC SE ends the subnegotiation; IAC IAC is a data byte in it. */
        t->state = c == TELNET_SE ? TELNET_STATE_DATA : TELNET_STATE_SUB;
        return;
    }
}

void telnet_receive(struct telnet *t, const uint8_t *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        receive_byte(t, bytes[i]);
}

bool telnet_we_echo(const struct telnet *t)
{
    return t->option[TELNET_OPTION_ECHO].us;
}

bool telnet_binary_output(const struct telnet *t)
{
    return t->option[TELNET_OPTION_BINARY].us;
}

size_t telnet_escape(const struct telnet *t, const uint8_t *bytes, size_t length, uint8_t *out)
{
    bool binary = telnet_binary_output(t);
    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        uint8_t c = bytes[i];
        out[n++] = c;
        if (c == TELNET_IAC)
            out[n++] = TELNET_IAC;
        else if (c == '\r' && !binary && (i + 1 == length || bytes[i + 1] != '\n'))
            out[n++] = '\0';
    }
    return n;
}
