/* The server side of the telnet protocol (RFC 854, 855, 856, 857, 858) for
 * a terminal line: a byte-at-a-time receive parser that survives a
 * sequence split across reads, option negotiation, and the escaping of
 * output.
 *
 * Options. The server offers WILL ECHO (the terminal's own printing of
 * what is typed is done by vm67, so the client must not echo locally)
 * and WILL/DO SUPPRESS-GO-AHEAD (character at a time, no go-aheads), and
 * agrees to BINARY in either direction when the client asks. Every other
 * option is refused. A request that does not change an option's state
 * gets no answer, so negotiation never loops (RFC 854, "Are You There"
 * aside, and RFC 1143's rule of not acknowledging a no-change request).
 *
 * Received data. In NVT mode CR LF and CR NUL arrive as one CR; a bare LF
 * is passed on as LF. IAC IAC is a data byte 0xFF. IAC BRK and IAC IP are
 * reported as the user's BREAK (the 2741's ATTN key); IAC AYT is answered;
 * subnegotiations and the other commands are consumed.
 *
 * Sent data. 0xFF is doubled; in NVT mode (our side not BINARY) a CR that
 * is not followed by LF is sent as CR NUL. */
#ifndef VM67_DEVICES_TELNET_H
#define VM67_DEVICES_TELNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Telnet commands (RFC 854). */
#define TELNET_IAC 255
#define TELNET_DONT 254
#define TELNET_DO 253
#define TELNET_WONT 252
#define TELNET_WILL 251
#define TELNET_SB 250
#define TELNET_GA 249
#define TELNET_EL 248
#define TELNET_EC 247
#define TELNET_AYT 246
#define TELNET_AO 245
#define TELNET_IP 244
#define TELNET_BRK 243
#define TELNET_DM 242
#define TELNET_NOP 241
#define TELNET_SE 240

/* Options. */
#define TELNET_OPTION_BINARY 0
#define TELNET_OPTION_ECHO 1
#define TELNET_OPTION_SGA 3

/* Where the parser delivers what it found. `send` receives protocol
 * replies (negotiation answers) to be sent to the client as they are. */
struct telnet_sink {
    void *context;
    void (*data)(void *context, uint8_t byte);
    void (*brk)(void *context);
    void (*send)(void *context, const uint8_t *bytes, size_t length);
};

enum telnet_state {
    TELNET_STATE_DATA,
    TELNET_STATE_CR,          /* a CR was delivered; swallow a following LF or NUL */
    TELNET_STATE_IAC,
    TELNET_STATE_OPTION,      /* after WILL/WONT/DO/DONT: the option byte */
    TELNET_STATE_SUB,         /* inside IAC SB ... */
    TELNET_STATE_SUB_IAC,     /* IAC inside a subnegotiation */
};

struct telnet_option_state {
    bool us;          /* we perform the option (we said WILL and got DO) */
    bool him;         /* the client performs it (it said WILL and we said DO) */
    bool us_asked;    /* we sent WILL, no answer yet */
    bool him_asked;   /* we sent DO, no answer yet */
};

struct telnet {
    enum telnet_state state;
    uint8_t verb;                       /* WILL/WONT/DO/DONT being parsed */
    bool offer_echo;                    /* offer WILL ECHO at start */
    struct telnet_option_state option[256];
    struct telnet_sink sink;
};

void telnet_init(struct telnet *t, const struct telnet_sink *sink, bool offer_echo);

/* Sends (through sink.send) the opening offers: WILL ECHO (if offered),
 * WILL SUPPRESS-GO-AHEAD, DO SUPPRESS-GO-AHEAD. */
void telnet_start(struct telnet *t);

/* Parses bytes received from the client. */
void telnet_receive(struct telnet *t, const uint8_t *bytes, size_t length);

/* True while the client has agreed that we echo (it said DO ECHO). */
bool telnet_we_echo(const struct telnet *t);

/* True while our output is binary (the client said DO BINARY). */
bool telnet_binary_output(const struct telnet *t);

/* Escapes `length` bytes of output for the wire. `out` must hold
 * 2 * length bytes; returns the number written. */
size_t telnet_escape(const struct telnet *t, const uint8_t *bytes, size_t length, uint8_t *out);

#endif
