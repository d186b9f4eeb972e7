/* The IBM 2703 Transmission Control (the 2702 behaves the same for these
 * lines): start/stop lines for IBM 2741 terminals (IBM Terminal Control
 * Type I with the 2741 Break feature) and for Teletype 33/35 terminals
 * (Telegraph Terminal Control Type II), as CP-67 drove them. Each line is
 * one device address on the multiplexer channel and one telnet port; a
 * telnet client connecting to the port is a call coming in on the line's
 * switched data set, so any telnet client is a terminal.
 *
 * Configuration (one line per address, Hercules's commadpt keywords):
 *
 *     cuu 2703 lport=PORT [lhost=ADDRESS] [term=2741|tty] [code=ebcd|corr]
 *              [uctrans=yes|no] [parity=even|odd|mark|space]
 *              [attn=XX|none] [break=dumb|telnet] [echo=yes|no]
 *              [dial=in] [lnctl=ibm1|tele2|async]
 *
 *   lport    the line's telnet port; 0 lets the system choose one (see
 *            comm_2703_port and the operator's devlist). Required.
 *   lhost    the address to listen on, 127.0.0.1 unless given: a line is
 *            reachable from other machines only when the configuration
 *            says so (lhost=0.0.0.0).
 *   term     2741 (default; IBM Terminal Control Type I) or tty (also
 *            tty33, tty35; Telegraph Terminal Control Type II). lnctl=ibm1
 *            or lnctl=tele2/async say the same, Hercules's way.
 *   code     2741 type element: ebcd (default) or corr (Correspondence).
 *   uctrans  fold letters to upper case (default yes for a TTY, which has
 *            no lower case, no for a 2741).
 *   parity   TTY parity bit of typed characters: even (default, as a
 *            33/35 sends), odd, mark or space.
 *   attn     the ASCII code (hex) of the key that acts as ATTN/BREAK
 *            besides telnet's BREAK and INTERRUPT PROCESS: 03 (control-C,
 *            default) or none; break=dumb is attn=03, break=telnet is
 *            attn=none.
 *   echo     yes (default): the line prints what is typed, as the
 *            terminal's own printer did; no: the client echoes.
 *   dial     in only (lines answer calls; there is no Autocall adapter).
 * Hercules options that work around its own line model (skip, iskip,
 * prepend, append, eol, crlf, ...) are refused with a message.
 *
 * Sources. IBM 2703 Transmission Control Component Description GA27-2703-2
 * (CD below): the sense byte (bit 0 command reject, 1 intervention
 * required, 2 bus-out check, 3 equipment check, 4 data check, 5 overrun,
 * 6 lost data, 7 timeout; reset by every command but No-Op and Sense),
 * the 2741 Break terminal control's sense conditions, the Halt I/O table.
 * IBM 2702 Transmission Control Information Manual (IM): Read ends at the
 * end of a message; lost data when the channel stops a Read. IBM
 * System/360 FE manual, 2702 status table: the 2702/2703 never sets
 * Attention. Where the manuals leave a choice, the behaviour is that of
 * SIMH's ibm360_com.c (which runs CP-67) or Hercules's commadpt (which
 * runs TCAM and APL\360), as noted at the place.
 *
 * Commands. Write 01, Read 02, No-Op 03, Sense 04, Prepare 06, Inhibit 0A,
 * Break 0D, Enable 27 and Disable 2F are executed. Poll 09 and Search 0E
 * are rejected by these terminal controls (CD, 2741 Break, sense bit 0:
 * "if an associated line has been issued the Poll or Search command"),
 * Set Mode 23 exists only on binary synchronous lines, and Dial 29 needs
 * the Autocall adapter, which this 2703 does not have: all end with unit
 * check and command reject, as does any other code. No-Op is the only
 * immediate command (IM, "Initial Status"); every other command ends in
 * an I/O interruption, at least one character time after it started.
 *
 * The user. ATTN on a 2741 (or BREAK on a Teletype) is telnet's BREAK or
 * INTERRUPT PROCESS, or the attention key (control-C unless attn= says
 * otherwise). It ends a Read, Inhibit or Write with unit check and
 * intervention required and a Prepare normally (the next Read then
 * reports it); with no command on the line it waits for the next one.
 * The 2703 never presents Attention status. A caller hanging up ends the
 * command in progress with unit check and intervention required; the
 * line must then be enabled again for the next call.
 *
 * Timing. Characters on the line take COMM_CHARACTER_TIME units of virtual
 * time each (a Write or Break lasts count characters). A Read has no
 * timeout: the 28-second idle-line timeout of a real Read (sense bit 7)
 * is not implemented, so Read behaves as Inhibit. */
#include "devices/comm_2703.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "devices/comm_terminal.h"
#include "devices/telnet.h"

/* Virtual time per character on the line. */
#define COMM_CHARACTER_TIME 1000u
/* Line codes typed and not yet read (type-ahead). */
#define COMM_INPUT_MAX 4096u
/* A Write ends only once the client has taken its output down to this. */
#define COMM_OUTPUT_HIGH_WATER 65536u
/* A client that does not read what it is sent (echo, answers to AYT) is
 * not read from either beyond this much unsent output. */
#define COMM_OUTPUT_LIMIT (1024u * 1024u)

/* Command codes (S360-67.md §4.7). */
enum {
    COMM_WRITE = 0x01,
    COMM_READ = 0x02,
    COMM_NOP = 0x03,
    COMM_SENSE = 0x04,
    COMM_PREPARE = 0x06,
    COMM_POLL = 0x09,
    COMM_INHIBIT = 0x0A,
    COMM_BREAK = 0x0D,
    COMM_SEARCH = 0x0E,
    COMM_SET_MODE = 0x23,
    COMM_ENABLE = 0x27,
    COMM_DIAL = 0x29,
    COMM_DISABLE = 0x2F,
};

/* Sense byte 0 bits of the 2703 (CD "Sense Byte") beyond device.h's. */
#define SENSE_LOST_DATA 0x02

#define CE_DE (UNIT_CHANNEL_END | UNIT_DEVICE_END)

struct comm_line {
    struct device *dev;
    /* Configuration. */
    struct in_addr host;
    unsigned requested_port;
    struct comm_terminal_config terminal_config;
    /* Sockets. */
    int listen_fd;
    uint16_t port;
    int client_fd;          /* the caller, answered or ringing; -1 none */
    char peer[64];
    bool enabled;           /* Enable done: the data set answers calls */
    bool answered;          /* a call is up on the line */
    bool closing;           /* Disable: hang up once the output is sent */
    struct telnet telnet;
    struct comm_terminal terminal;
    /* Line codes received and not yet read. */
    uint8_t input[COMM_INPUT_MAX];
    size_t input_length;
    size_t complete_end;    /* end of the last complete transmission in input */
    bool discarding;        /* the rest of an overlong transmission is lost */
    bool break_pending;     /* the user's break, for the next command */
    /* Bytes for the client, telnet-escaped. */
    uint8_t *output;
    size_t output_length;
    size_t output_capacity;
    /* The command in progress (pending), if any. */
    struct device_command *command;
    struct event timer;     /* the end of a Write's or Break's characters */
    bool timer_done;
};

static struct comm_line *line_of(const struct device *dev)
{
    return dev->state;
}

uint16_t comm_2703_port(const struct device *dev)
{
    return line_of(dev)->port;
}

/* ---------------------------------------------------------------- output */

static void hang_up(struct comm_line *line);

static bool output_reserve(struct comm_line *line, size_t more)
{
    size_t need = line->output_length + more;
    if (need <= line->output_capacity)
        return true;
    size_t capacity = line->output_capacity == 0 ? 1024 : line->output_capacity;
    while (capacity < need)
        capacity *= 2;
    uint8_t *p = realloc(line->output, capacity);
    if (p == NULL)
        return false;
    line->output = p;
    line->output_capacity = capacity;
    return true;
}

static void queue_raw(struct comm_line *line, const uint8_t *bytes, size_t length)
{
    if (line->client_fd < 0 || length == 0)
        return;
    if (!output_reserve(line, length)) {
        /* Out of host memory: the call cannot go on. */
        hang_up(line);
        return;
    }
    memcpy(line->output + line->output_length, bytes, length);
    line->output_length += length;
}

/* Text as the terminal prints it, escaped for telnet, in pieces that never
 * split a CR from the LF after it (telnet_escape pads a lone CR). */
static void queue_text(struct comm_line *line, const uint8_t *text, size_t length)
{
    uint8_t escaped[2 * 512];
    while (length > 0 && line->client_fd >= 0) {
        size_t piece = length < 512 ? length : 512;
        if (piece < length && text[piece - 1] == '\r')
            piece--;
        size_t n = telnet_escape(&line->telnet, text, piece, escaped);
        queue_raw(line, escaped, n);
        text += piece;
        length -= piece;
    }
}

static void close_client(struct comm_line *line)
{
    if (line->client_fd >= 0)
        close(line->client_fd);
    line->client_fd = -1;
    line->answered = false;
    line->closing = false;
    line->output_length = 0;
    line->peer[0] = '\0';
}

static void try_finish_write(struct comm_line *line);

/* Sends what the socket takes now; a broken connection hangs up. */
static void flush_output(struct comm_line *line)
{
    size_t sent = 0;
    while (line->client_fd >= 0 && sent < line->output_length) {
        ssize_t n = send(line->client_fd, line->output + sent, line->output_length - sent,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        hang_up(line);
        return;
    }
    if (line->client_fd < 0)
        return;
    memmove(line->output, line->output + sent, line->output_length - sent);
    line->output_length -= sent;
    if (line->closing && line->output_length == 0) {
        close_client(line);
        return;
    }
    try_finish_write(line);
}

/* --------------------------------------------------------------- commands */

static void set_sense(struct comm_line *line, uint8_t bits)
{
    line->dev->sense[0] = bits;
}

/* Ends the pending command. */
static void complete(struct comm_line *line, uint32_t length, uint8_t status)
{
    struct device_command *cmd = line->command;
    line->command = NULL;
    line->timer_done = false;
    if (line->dev->events != NULL)
        event_cancel(line->dev->events, &line->timer);
    cmd->length = length;
    cmd->status = status;
    channel_command_done(line->dev, length, status, 0);
}

static void consume_input(struct comm_line *line, size_t n)
{
    memmove(line->input, line->input + n, line->input_length - n);
    line->input_length -= n;
    line->complete_end = line->complete_end > n ? line->complete_end - n : 0;
}

static void discard_input(struct comm_line *line)
{
    line->input_length = 0;
    line->complete_end = 0;
    line->discarding = false;
}

/* The end (one past the last byte) of the first complete transmission in
 * the input, or 0. */
static size_t first_transmission_end(const struct comm_line *line)
{
    for (size_t i = 0; i < line->complete_end; i++)
        if (comm_terminal_ends_transmission(&line->terminal, line->input[i]))
            return i + 1;
    return 0;
}

/* Read and Inhibit: a complete transmission is read whole, ending with
 * channel end and device end (unit exception too for a TTY's EOT). When
 * it is longer than the count, the channel stops the Read after `count`
 * bytes: unit check with lost data (IM, lost data: "Channel issued STOP
 * during read service operations"), the rest of the transmission lost,
 * and `length` one more than the count so that the channel reports
 * incorrect length. Returns false when no transmission is complete yet
 * and the count is not exhausted. */
static bool read_transmission(struct comm_line *line, struct device_command *cmd, uint32_t *length,
                              uint8_t *status)
{
    size_t end = first_transmission_end(line);
    size_t available = end != 0 ? end : line->input_length;
    if (end == 0 && available <= cmd->count)
        return false;
    if (available <= cmd->count) {
        memcpy(cmd->data, line->input, available);
        *length = (uint32_t)available;
        *status = CE_DE;
        if (comm_terminal_end_is_exception(&line->terminal, line->input[end - 1]))
            *status |= UNIT_EXCEPTION;
    } else {
        memcpy(cmd->data, line->input, cmd->count);
        *length = cmd->count + 1;
        *status = CE_DE | UNIT_CHECK;
        set_sense(line, SENSE_LOST_DATA);
        if (end == 0)
            line->discarding = true;
    }
    consume_input(line, available);
    return true;
}

/* Something changed on the line: see whether the pending command ends. */
static void service(struct comm_line *line)
{
    struct device_command *cmd = line->command;
    if (cmd == NULL)
        return;
    switch (cmd->code) {
    case COMM_READ:
    case COMM_INHIBIT: {
        uint32_t length;
        uint8_t status;
        if (read_transmission(line, cmd, &length, &status))
            complete(line, length, status);
        break;
    }
    case COMM_PREPARE:
        if (line->input_length > 0 || line->break_pending)
            complete(line, 0, CE_DE);
        break;
    default:
        break;
    }
}

static void try_finish_write(struct comm_line *line)
{
    struct device_command *cmd = line->command;
    if (cmd == NULL || (cmd->code != COMM_WRITE && cmd->code != COMM_BREAK))
        return;
    if (line->timer_done && line->output_length <= COMM_OUTPUT_HIGH_WATER)
        complete(line, cmd->count, CE_DE);
}

static void timer_fire(void *arg)
{
    struct comm_line *line = arg;
    line->timer_done = true;
    try_finish_write(line);
}

/* A Write or Break lasts its characters' time on the line. */
static void start_character_time(struct comm_line *line, struct device_command *cmd)
{
    if (line->dev->events == NULL) {
        cmd->length = cmd->count;  /* no clock: the line is instantaneous */
        return;
    }
    line->command = cmd;
    cmd->pending = true;
    line->timer_done = false;
    uint64_t delay = (uint64_t)cmd->count * COMM_CHARACTER_TIME;
    event_schedule(line->dev->events, &line->timer, delay == 0 ? 1 : delay);
}

/* The call is answered: the line is up with a fresh terminal. */
static void answer(struct comm_line *line)
{
    line->answered = true;
    comm_terminal_reset(&line->terminal);
    discard_input(line);
    line->break_pending = false;
    if (line->command != NULL && line->command->code == COMM_ENABLE)
        complete(line, 0, CE_DE);
}

/* The data set is not ready (no call, or the caller hung up): Read,
 * Inhibit, Write, Prepare and Break end with intervention required (CD,
 * sense bit 1: "If the data set is on-hook"). */
static void not_ready(struct device *dev, struct device_command *cmd)
{
    dev->sense[0] = SENSE_INTERVENTION_REQUIRED;
    cmd->length = 0;
    cmd->status = CE_DE | UNIT_CHECK;
    cmd->delay = 0;
}

/* The caller is gone (or the line is reset): commands in progress end
 * with intervention required, the line must be enabled again. */
static void hang_up(struct comm_line *line)
{
    bool was_up = line->answered;
    close_client(line);
    discard_input(line);
    line->break_pending = false;
    if (!was_up)
        return;
    line->enabled = false;
    struct device_command *cmd = line->command;
    if (cmd == NULL || cmd->code == COMM_ENABLE)
        return;
    set_sense(line, SENSE_INTERVENTION_REQUIRED);
    bool transmit = cmd->code == COMM_WRITE || cmd->code == COMM_BREAK;
    complete(line, transmit ? cmd->count : 0, CE_DE | UNIT_CHECK);
}

/* The user's ATTN (2741) or BREAK (TTY): a space on the line. */
static void user_break(struct comm_line *line)
{
    if (!line->answered || line->closing)
        return;
    comm_terminal_abandon_transmission(&line->terminal);
    discard_input(line);
    struct device_command *cmd = line->command;
    if (cmd == NULL) {
        line->break_pending = true;
        return;
    }
    switch (cmd->code) {
    case COMM_READ:
    case COMM_INHIBIT:
        /* CD, 2741 Break, sense bit 1: "For the Read and Inhibit commands
         * only, if a continuous Space signal is received". */
        set_sense(line, SENSE_INTERVENTION_REQUIRED);
        complete(line, 0, CE_DE | UNIT_CHECK);
        break;
    case COMM_WRITE:
        /* Same bit: "If, during transmit, a line is at Space for a minimum
         * of two successive characters". */
        set_sense(line, SENSE_INTERVENTION_REQUIRED);
        complete(line, cmd->count, CE_DE | UNIT_CHECK);
        break;
    case COMM_PREPARE:
        /* The space is a start bit: Prepare ends normally and the break
         * is there for the Read that follows. */
        line->break_pending = true;
        complete(line, 0, CE_DE);
        break;
    default:
        /* Break signals are ignored while the 2703 sends a break (CD, Type
         * I Terminal Interrupt). */
        break;
    }
}

static void start_read(struct comm_line *line, struct device_command *cmd)
{
    if (line->break_pending) {
        line->break_pending = false;
        not_ready(line->dev, cmd);
        return;
    }
    uint32_t length;
    uint8_t status;
    if (read_transmission(line, cmd, &length, &status)) {
        cmd->length = length;
        cmd->status = status;
        return;
    }
    cmd->pending = true;
    line->command = cmd;
}

static void start_write(struct comm_line *line, struct device_command *cmd)
{
    if (line->break_pending) {
        line->break_pending = false;
        not_ready(line->dev, cmd);
        return;
    }
    uint8_t text[2 * 256];
    for (uint32_t done = 0; done < cmd->count;) {
        uint32_t piece = cmd->count - done < 256 ? cmd->count - done : 256;
        size_t n = comm_terminal_print(&line->terminal, cmd->data + done, piece, text);
        queue_text(line, text, n);
        done += piece;
    }
    flush_output(line);
    if (!line->answered) {
        not_ready(line->dev, cmd);  /* the caller hung up meanwhile */
        return;
    }
    start_character_time(line, cmd);
}

static void start_enable(struct comm_line *line, struct device_command *cmd)
{
    line->enabled = true;
    if (line->answered)
        return;
    if (line->client_fd >= 0 && !line->closing) {
        answer(line);
        return;
    }
    cmd->pending = true;
    line->command = cmd;
}

static void start_disable(struct comm_line *line)
{
    line->enabled = false;
    discard_input(line);
    line->break_pending = false;
    if (!line->answered)
        return;
    /* Hang up once what the terminal still has to print is sent. */
    line->answered = false;
    line->closing = true;
    flush_output(line);
}

static void execute(struct comm_line *line, struct device_command *cmd);

static void comm_start(struct device *dev, struct device_command *cmd)
{
    struct comm_line *line = line_of(dev);
    cmd->length = 0;
    cmd->status = CE_DE;
    cmd->delay = 0;
    cmd->pending = false;
    switch (cmd->code) {
    case COMM_NOP:
        /* The only immediate command: channel end and device end in the
         * initial status (IM, "Initial Status"). Sense is kept. */
        return;
    case COMM_SENSE:
    case COMM_ENABLE:
    case COMM_DISABLE:
    case COMM_READ:
    case COMM_INHIBIT:
    case COMM_WRITE:
    case COMM_PREPARE:
    case COMM_BREAK:
        break;
    default:
        device_reject_command(dev, cmd);
        return;
    }
    /* Sense is reset by every command but No-Op and Sense (CD). */
    if (cmd->code != COMM_SENSE)
        set_sense(line, 0);
    execute(line, cmd);
    /* A command the 2703 accepts ends in an interruption, never in the
     * initial status, even when it has nothing to wait for: its ending
     * status comes after the characters it moved (at least one
     * character time). */
    if (!cmd->pending)
        cmd->delay = (uint64_t)COMM_CHARACTER_TIME * (cmd->length > 1 ? cmd->length : 1);
}

static void execute(struct comm_line *line, struct device_command *cmd)
{
    struct device *dev = line->dev;
    switch (cmd->code) {
    case COMM_SENSE:
        device_answer_sense(dev, cmd);
        return;
    case COMM_ENABLE:
        start_enable(line, cmd);
        return;
    case COMM_DISABLE:
        start_disable(line);
        return;
    default:
        break;
    }
    if (!line->answered) {
        not_ready(dev, cmd);
        return;
    }
    switch (cmd->code) {
    case COMM_READ:
    case COMM_INHIBIT:
        start_read(line, cmd);
        break;
    case COMM_WRITE:
        start_write(line, cmd);
        break;
    case COMM_PREPARE:
        if (line->input_length > 0 || line->break_pending)
            return;
        cmd->pending = true;
        line->command = cmd;
        break;
    case COMM_BREAK:
        /* A break to the terminal stops what it is sending: the partly
         * typed transmission is lost. */
        comm_terminal_abandon_transmission(&line->terminal);
        line->input_length = line->complete_end;
        line->discarding = false;
        start_character_time(line, cmd);
        break;
    default:
        break;
    }
}

/* HALT I/O of a pending command (CD, "Halt I/O Instruction"; SIMH and
 * Hercules agree where the start/stop part is silent). */
static void comm_halt(struct device *dev)
{
    struct comm_line *line = line_of(dev);
    struct device_command *cmd = line->command;
    if (cmd == NULL)
        return;
    switch (cmd->code) {
    case COMM_ENABLE:
        /* Before the call is answered: unit exception, the line reset. */
        line->enabled = false;
        complete(line, 0, CE_DE | UNIT_EXCEPTION);
        break;
    case COMM_PREPARE:
        complete(line, 0, CE_DE | UNIT_EXCEPTION);
        break;
    case COMM_READ:
    case COMM_INHIBIT:
        /* Unit exception, as TCAM expects; characters of a transmission
         * under way are lost (IM, lost data: "Receive bit was on when Halt
         * I/O was issued"). */
        if (line->input_length > 0) {
            discard_input(line);
            line->discarding = true;  /* until the transmission's end */
            set_sense(line, SENSE_LOST_DATA);
            complete(line, 0, CE_DE | UNIT_EXCEPTION | UNIT_CHECK);
        } else {
            complete(line, 0, CE_DE | UNIT_EXCEPTION);
        }
        break;
    default:
        /* Write, Break: the characters already given to the line go out;
         * the command ends normally. */
        complete(line, cmd->count, CE_DE);
        break;
    }
}

static void comm_reset(struct device *dev)
{
    struct comm_line *line = line_of(dev);
    if (line->dev->events != NULL)
        event_cancel(line->dev->events, &line->timer);
    line->command = NULL;
    line->timer_done = false;
    memset(dev->sense, 0, sizeof dev->sense);
    /* A system reset drops the data set's Data Terminal Ready: a call that
     * is up is hung up; one still ringing goes on ringing. */
    if (line->answered || line->closing)
        close_client(line);
    line->enabled = false;
    discard_input(line);
    line->break_pending = false;
}

/* ------------------------------------------------------- keyboard side */

static void telnet_data(void *context, uint8_t byte)
{
    struct comm_line *line = context;
    if (!line->answered || line->closing)
        return;  /* ringing, or hanging up: nobody listens */
    struct comm_key key;
    enum comm_key_result result = comm_terminal_key(&line->terminal, byte, &key);
    if (result == COMM_KEY_ATTENTION) {
        user_break(line);
        return;
    }
    if (result == COMM_KEY_REFUSED || telnet_we_echo(&line->telnet))
        queue_text(line, key.echo, key.echo_count);
    if (line->discarding) {
        if (result == COMM_KEY_END)
            line->discarding = false;
    } else if (key.code_count > 0) {
        if (line->input_length + key.code_count > COMM_INPUT_MAX) {
            /* Type-ahead overflow: this transmission is lost. */
            static const uint8_t bell = 0x07;
            queue_text(line, &bell, 1);
            line->input_length = line->complete_end;
            line->discarding = result != COMM_KEY_END;
        } else {
            memcpy(line->input + line->input_length, key.codes, key.code_count);
            line->input_length += key.code_count;
            if (result == COMM_KEY_END)
                line->complete_end = line->input_length;
        }
    }
    service(line);
}

static void telnet_break(void *context)
{
    user_break(context);
}

static void telnet_send(void *context, const uint8_t *bytes, size_t length)
{
    queue_raw(context, bytes, length);
}

/* ----------------------------------------------------------- sockets */

static void accept_calls(struct comm_line *line)
{
    for (;;) {
        struct sockaddr_in peer;
        socklen_t peer_length = sizeof peer;
        int fd = accept4(line->listen_fd, (struct sockaddr *)&peer, &peer_length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return; /* EAGAIN, or out of descriptors: try again next poll */
        }
        if (line->client_fd >= 0) {
            char busy[80];
            int n = snprintf(busy, sizeof busy, "\r\nvm67: 2703 line %03X is busy\r\n", line->dev->address);
            if (send(fd, busy, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
                /* Nothing to do: the caller is refused either way. */
            }
            close(fd);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        line->client_fd = fd;
        char address[INET_ADDRSTRLEN] = "?";
        inet_ntop(AF_INET, &peer.sin_addr, address, sizeof address);
        snprintf(line->peer, sizeof line->peer, "%s:%u", address, (unsigned)ntohs(peer.sin_port));
        struct telnet_sink sink = {line, telnet_data, telnet_break, telnet_send};
        telnet_init(&line->telnet, &sink, line->terminal_config.echo);
        telnet_start(&line->telnet);
        if (line->enabled)
            answer(line);
        flush_output(line);
    }
}

/* Reads what the client sent. `to_the_end`: the connection reports an
 * error or hang-up, read up to it whatever the output. */
static void receive(struct comm_line *line, bool to_the_end)
{
    uint8_t buffer[4096];
    while (line->client_fd >= 0 && (to_the_end || line->output_length < COMM_OUTPUT_LIMIT)) {
        ssize_t n = recv(line->client_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            telnet_receive(&line->telnet, buffer, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        hang_up(line);  /* end of file or a broken connection */
        return;
    }
    flush_output(line);
}

static int comm_poll_fds(struct device *dev, struct pollfd *fds, int max)
{
    struct comm_line *line = line_of(dev);
    int n = 0;
    if (n < max && line->listen_fd >= 0) {
        fds[n].fd = line->listen_fd;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        n++;
    }
    if (n < max && line->client_fd >= 0) {
        fds[n].fd = line->client_fd;
        fds[n].events = (short)((line->output_length < COMM_OUTPUT_LIMIT ? POLLIN : 0) |
                                (line->output_length > 0 ? POLLOUT : 0));
        fds[n].revents = 0;
        n++;
    }
    return n;
}

static void comm_poll_ready(struct device *dev, const struct pollfd *fds, int count)
{
    struct comm_line *line = line_of(dev);
    for (int i = 0; i < count; i++) {
        if (fds[i].revents == 0)
            continue;
        if (fds[i].fd == line->listen_fd) {
            accept_calls(line);
        } else if (fds[i].fd == line->client_fd) {
            if (fds[i].revents & (POLLHUP | POLLERR))
                receive(line, true);
            else if (fds[i].revents & POLLIN)
                receive(line, false);
            else if (fds[i].revents & POLLOUT)
                flush_output(line);
        }
    }
}

/* -------------------------------------------------- attach and detach */

static bool parse_yes_no(const char *value, bool *out)
{
    if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "y") == 0) {
        *out = true;
        return true;
    }
    if (strcasecmp(value, "no") == 0 || strcasecmp(value, "n") == 0) {
        *out = false;
        return true;
    }
    return false;
}

/* Hercules commadpt options that work around its own model of the lines
 * (or belong to bisync lines); vm67's lines behave as the hardware and
 * have no use for them, so they are refused rather than ignored. */
static const char *const refused_options[] = {
    "rhost", "rport", "rto", "pto", "eto", "switched", "skip", "iskip", "bs", "prepend",
    "append", "eol", "crlf", "sendcr", "binary", "ka", "crlf2cr", NULL,
};

static bool parse_config(struct comm_line *line, int argc, char **argv, struct error *err)
{
    bool have_port = false;
    bool have_term = false;
    bool have_uctrans = false;
    int lnctl_terminal = -1;
    struct comm_terminal_config *t = &line->terminal_config;
    t->type = COMM_TERMINAL_2741;
    t->code_set = COMM_2741_EBCD;
    t->parity = COMM_PARITY_EVEN;
    t->upper_case_only = false;
    t->attention_key = 0x03;
    t->echo = true;
    line->host.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *eq = strchr(arg, '=');
        if (eq == NULL || eq == arg)
            return error_set(err, "2703: argument '%s' is not KEYWORD=VALUE", arg);
        size_t key_length = (size_t)(eq - arg);
        const char *value = eq + 1;
        char key[16];
        if (key_length >= sizeof key)
            return error_set(err, "2703: unknown option '%s'", arg);
        memcpy(key, arg, key_length);
        key[key_length] = '\0';
        if (strcasecmp(key, "lport") == 0) {
            char *end;
            unsigned long port = strtoul(value, &end, 10);
            if (*value == '\0' || *end != '\0' || port > 65535)
                return error_set(err, "2703: lport=%s is not a port number (0-65535; 0 lets the system choose)",
                                 value);
            line->requested_port = (unsigned)port;
            have_port = true;
        } else if (strcasecmp(key, "lhost") == 0) {
            if (strcasecmp(value, "localhost") == 0)
                line->host.s_addr = htonl(INADDR_LOOPBACK);
            else if (inet_pton(AF_INET, value, &line->host) != 1)
                return error_set(err, "2703: lhost=%s is not an IPv4 address", value);
        } else if (strcasecmp(key, "term") == 0) {
            if (strcasecmp(value, "2741") == 0)
                t->type = COMM_TERMINAL_2741;
            else if (strcasecmp(value, "tty") == 0 || strcasecmp(value, "tty33") == 0
                     || strcasecmp(value, "tty35") == 0 || strcasecmp(value, "33") == 0
                     || strcasecmp(value, "35") == 0)
                t->type = COMM_TERMINAL_TTY;
            else
                return error_set(err, "2703: term=%s is not a terminal of this 2703 (2741 or tty)", value);
            have_term = true;
        } else if (strcasecmp(key, "lnctl") == 0) {
            if (strcasecmp(value, "ibm1") == 0)
                lnctl_terminal = COMM_TERMINAL_2741;
            else if (strcasecmp(value, "tele2") == 0 || strcasecmp(value, "async") == 0)
                lnctl_terminal = COMM_TERMINAL_TTY;
            else
                return error_set(err,
                                 "2703: lnctl=%s is not supported (ibm1 for 2741 lines, tele2 or async for TTY lines; "
                                 "binary synchronous lines are not implemented)",
                                 value);
        } else if (strcasecmp(key, "code") == 0) {
            if (strcasecmp(value, "ebcd") == 0)
                t->code_set = COMM_2741_EBCD;
            else if (strcasecmp(value, "corr") == 0 || strcasecmp(value, "correspondence") == 0)
                t->code_set = COMM_2741_CORRESPONDENCE;
            else
                return error_set(err, "2703: code=%s is not a 2741 code (ebcd or corr)", value);
        } else if (strcasecmp(key, "uctrans") == 0) {
            if (!parse_yes_no(value, &t->upper_case_only))
                return error_set(err, "2703: uctrans=%s is not yes or no", value);
            have_uctrans = true;
        } else if (strcasecmp(key, "echo") == 0) {
            if (!parse_yes_no(value, &t->echo))
                return error_set(err, "2703: echo=%s is not yes or no", value);
        } else if (strcasecmp(key, "parity") == 0) {
            if (strcasecmp(value, "even") == 0)
                t->parity = COMM_PARITY_EVEN;
            else if (strcasecmp(value, "odd") == 0)
                t->parity = COMM_PARITY_ODD;
            else if (strcasecmp(value, "mark") == 0)
                t->parity = COMM_PARITY_MARK;
            else if (strcasecmp(value, "space") == 0)
                t->parity = COMM_PARITY_SPACE;
            else
                return error_set(err, "2703: parity=%s is not even, odd, mark or space", value);
        } else if (strcasecmp(key, "attn") == 0) {
            char *end;
            unsigned long code = strtoul(value, &end, 16);
            if (strcasecmp(value, "none") == 0)
                t->attention_key = -1;
            else if (*value != '\0' && *end == '\0' && code <= 0x7F)
                t->attention_key = (int)code;
            else
                return error_set(err, "2703: attn=%s is not an ASCII code in hex (00-7F) or none", value);
        } else if (strcasecmp(key, "break") == 0) {
            /* Hercules: break=dumb makes control-C a break as well. */
            if (strcasecmp(value, "dumb") == 0)
                t->attention_key = 0x03;
            else if (strcasecmp(value, "telnet") == 0)
                t->attention_key = -1;
            else
                return error_set(err, "2703: break=%s is not dumb or telnet", value);
        } else if (strcasecmp(key, "dial") == 0) {
            if (strcasecmp(value, "in") != 0)
                return error_set(err,
                                 "2703: dial=%s is not supported: lines answer incoming calls only (dial=in); "
                                 "this 2703 has no Autocall adapter",
                                 value);
        } else {
            for (const char *const *r = refused_options; *r != NULL; r++)
                if (strcasecmp(key, *r) == 0)
                    return error_set(err, "2703: option '%s' (a Hercules commadpt option) is not supported by vm67's 2703",
                                     key);
            return error_set(err, "2703: unknown option '%s'", arg);
        }
    }
    if (!have_port)
        return error_set(err, "2703: lport=PORT is required (the telnet port of the line; 0 lets the system choose)");
    if (lnctl_terminal >= 0) {
        if (have_term && (int)t->type != lnctl_terminal)
            return error_set(err, "2703: lnctl and term name different terminal controls");
        t->type = (enum comm_terminal_type)lnctl_terminal;
    }
    if (!have_uctrans)
        t->upper_case_only = t->type == COMM_TERMINAL_TTY;  /* a 33/35 has no lower case */
    return true;
}

static bool open_listener(struct comm_line *line, struct error *err)
{
    char address[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &line->host, address, sizeof address);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return error_set(err, "2703: cannot create a socket: %s", strerror(errno));
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr = line->host;
    sa.sin_port = htons((uint16_t)line->requested_port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 4) != 0) {
        int e = errno;
        close(fd);
        return error_set(err, "2703: cannot listen on %s:%u: %s%s", address, line->requested_port, strerror(e),
                         e == EADDRINUSE ? " (each 2703 line needs a port of its own)" : "");
    }
    socklen_t length = sizeof sa;
    if (getsockname(fd, (struct sockaddr *)&sa, &length) != 0) {
        int e = errno;
        close(fd);
        return error_set(err, "2703: cannot read the port of %s:%u: %s", address, line->requested_port, strerror(e));
    }
    line->listen_fd = fd;
    line->port = ntohs(sa.sin_port);
    return true;
}

static bool comm_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    struct comm_line *line = calloc(1, sizeof *line);
    if (line == NULL)
        return error_set(err, "2703: out of memory");
    line->dev = dev;
    line->listen_fd = -1;
    line->client_fd = -1;
    event_init(&line->timer, timer_fire, line);
    if (!parse_config(line, argc, argv, err) || !open_listener(line, err)) {
        free(line);
        return false;
    }
    comm_terminal_init(&line->terminal, &line->terminal_config);
    dev->state = line;
    memset(dev->sense, 0, sizeof dev->sense);
    dev->sense_length = 1;
    return true;
}

static void comm_detach(struct device *dev)
{
    struct comm_line *line = line_of(dev);
    if (line == NULL)
        return;
    if (dev->events != NULL)
        event_cancel(dev->events, &line->timer);
    if (line->client_fd >= 0 && line->output_length > 0) {
        /* Let the terminal print what it was sent before the line goes. */
        struct timeval limit = {1, 0};
        setsockopt(line->client_fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        size_t sent = 0;
        while (sent < line->output_length) {
            ssize_t n = send(line->client_fd, line->output + sent, line->output_length - sent, MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += (size_t)n;
        }
    }
    close_client(line);
    if (line->listen_fd >= 0)
        close(line->listen_fd);
    free(line->output);
    free(line);
    dev->state = NULL;
}

static const char *command_name(uint8_t code)
{
    switch (code) {
    case COMM_READ:
        return "Read";
    case COMM_INHIBIT:
        return "Inhibit";
    case COMM_WRITE:
        return "Write";
    case COMM_PREPARE:
        return "Prepare";
    case COMM_BREAK:
        return "Break";
    case COMM_ENABLE:
        return "Enable";
    default:
        return "command";
    }
}

static void comm_describe(struct device *dev, char *buffer, size_t size)
{
    struct comm_line *line = line_of(dev);
    char address[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &line->host, address, sizeof address);
    const char *terminal = line->terminal_config.type == COMM_TERMINAL_TTY ? "TTY"
                           : line->terminal_config.code_set == COMM_2741_EBCD ? "2741 EBCD"
                                                                               : "2741 correspondence";
    const char *state = line->answered ? "connected"
                        : line->client_fd >= 0 && !line->closing ? "ringing"
                        : line->enabled ? "enabled, waiting for a call"
                                        : "disabled";
    int n = snprintf(buffer, size, "telnet %s:%u %s, %s", address, (unsigned)line->port, terminal, state);
    if (n >= 0 && (size_t)n < size && line->client_fd >= 0 && !line->closing)
        n += snprintf(buffer + n, size - (size_t)n, " (%s)", line->peer);
    if (n >= 0 && (size_t)n < size && line->command != NULL)
        snprintf(buffer + n, size - (size_t)n, ", %s pending", command_name(line->command->code));
}

static const char *const comm_aliases[] = {"2702", NULL};

const struct device_type comm_2703_device_type = {
    .name = "2703",
    .aliases = comm_aliases,
    .description = "2703 transmission control line (2741 or TTY 33/35 over telnet)",
    .attach = comm_attach,
    .detach = comm_detach,
    .start = comm_start,
    .halt = comm_halt,
    .reset = comm_reset,
    .describe = comm_describe,
    .poll_fds = comm_poll_fds,
    .poll_ready = comm_poll_ready,
};
