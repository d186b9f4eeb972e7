/* The 2703 line device (devices/comm_2703.c) driven through its device
 * type operations, with a real telnet client on a loopback socket: every
 * command's status, sense and length, the user's ATTN, a caller hanging
 * up, HALT I/O. The channel is played by this file: it records what the
 * device reports through channel_command_done. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "devices/comm_2703.h"
#include "devices/comm_codes.h"
#include "devices/device.h"
#include "lib/ebcdic.h"

#define CE_DE (UNIT_CHANNEL_END | UNIT_DEVICE_END)
#define SENSE_LOST_DATA 0x02
#define CHARACTER_TIME 1000u

struct rig {
    struct device dev;
    struct event_queue events;
    struct device_command cmd;
    uint8_t data[DEVICE_BUFFER_SIZE];
    int client;
    /* What the device told the channel. */
    unsigned completions;
    uint32_t length;
    uint8_t status;
    unsigned device_statuses;
};

/* The channel's side of device.h, recording into the rig of the device. */
void channel_command_done(struct device *dev, uint32_t length, uint8_t status, uint64_t delay)
{
    struct rig *r = dev->host_private;
    ck_assert_msg(r->cmd.pending, "completion of a command that was not pending");
    r->cmd.pending = false;
    r->completions++;
    r->length = length;
    r->status = status;
    ck_assert_uint_eq(delay, 0);
}

void channel_device_status(struct device *dev, uint8_t status)
{
    struct rig *r = dev->host_private;
    r->device_statuses++;
}

/* A line attached with the given options (NULL-terminated). */
static struct rig *rig_new(const char *option, ...)
{
    struct rig *r = calloc(1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    event_queue_init(&r->events);
    r->dev.type = &comm_2703_device_type;
    r->dev.address = 0x030;
    r->dev.events = &r->events;
    r->dev.host_private = r;
    r->client = -1;
    char *argv[16];
    int argc = 0;
    va_list ap;
    va_start(ap, option);
    for (const char *o = option; o != NULL; o = va_arg(ap, const char *))
        argv[argc++] = (char *)o;
    va_end(ap);
    struct error err;
    error_clear(&err);
    ck_assert_msg(comm_2703_device_type.attach(&r->dev, argc, argv, &err), "attach: %s", err.message);
    ck_assert_uint_ne(comm_2703_port(&r->dev), 0);
    ck_assert_uint_eq(r->dev.sense_length, 1);
    return r;
}

static void rig_free(struct rig *r)
{
    ck_assert_uint_eq(r->device_statuses, 0); /* a 2703 never presents attention */
    comm_2703_device_type.detach(&r->dev);
    if (r->client >= 0)
        close(r->client);
    free(r);
}

/* Starts a command; returns true when it is pending. */
static bool rig_start(struct rig *r, uint8_t code, uint32_t count, const uint8_t *data)
{
    memset(&r->cmd, 0, sizeof r->cmd);
    r->cmd.code = code;
    r->cmd.count = count;
    r->cmd.data = r->data;
    r->cmd.flags = CCW_SUPPRESS_LENGTH;
    if (data != NULL)
        memcpy(r->data, data, count);
    else
        memset(r->data, 0xEE, sizeof r->data);
    comm_2703_device_type.start(&r->dev, &r->cmd);
    return r->cmd.pending;
}

/* A command that has nothing to wait for: its status and length. Only
 * No-Op is an immediate command (status in the initial selection, delay
 * 0); the others end in an interruption after the characters they moved,
 * at least one character time. */
static void rig_immediate(struct rig *r, uint8_t code, uint32_t count, const uint8_t *data, uint8_t status,
                          uint32_t length)
{
    ck_assert_msg(!rig_start(r, code, count, data), "command %02X is pending", code);
    ck_assert_msg(r->cmd.status == status, "command %02X: status %02X, expected %02X", code, r->cmd.status, status);
    ck_assert_uint_eq(r->cmd.length, length);
    uint64_t delay = code == 0x03 ? 0 : (uint64_t)CHARACTER_TIME * (length > 1 ? length : 1);
    ck_assert_uint_eq(r->cmd.delay, delay);
}

/* A command rejected at initial selection: unit check, command reject,
 * no delay. */
static void rig_rejected(struct rig *r, uint8_t code)
{
    ck_assert_msg(!rig_start(r, code, 1, (const uint8_t *)"1"), "command %02X is pending", code);
    ck_assert_uint_eq(r->cmd.status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(r->cmd.length, 0);
    ck_assert_uint_eq(r->cmd.delay, 0);
}

static uint8_t rig_sense(struct rig *r)
{
    rig_immediate(r, 0x04, 1, NULL, CE_DE, 1);
    return r->data[0];
}

/* Waits (poll, no time limit) for the device's sockets and lets it work. */
static void rig_pump(struct rig *r)
{
    struct pollfd fds[DEVICE_POLL_FDS_MAX];
    int n = comm_2703_device_type.poll_fds(&r->dev, fds, DEVICE_POLL_FDS_MAX);
    ck_assert_int_gt(n, 0);
    int ready = poll(fds, (nfds_t)n, -1);
    ck_assert_int_gt(ready, 0);
    comm_2703_device_type.poll_ready(&r->dev, fds, n);
}

static void rig_pump_until_completion(struct rig *r, unsigned completions)
{
    while (r->completions < completions)
        rig_pump(r);
}

static void client_send(struct rig *r, const void *bytes, size_t length)
{
    ck_assert_int_eq(send(r->client, bytes, length, MSG_NOSIGNAL), (ssize_t)length);
}

static void client_read_exactly(struct rig *r, uint8_t *buffer, size_t length)
{
    size_t got = 0;
    while (got < length) {
        ssize_t n = recv(r->client, buffer + got, length - got, 0);
        ck_assert_int_gt(n, 0);
        got += (size_t)n;
    }
}

#define AYT_ANSWER "\r\n[vm67: yes]\r\n"

/* Everything the device sent the client since the last call: the client
 * asks "Are You There" and reads up to the answer, pumping the device
 * meanwhile; the device answers in order, so what precedes the answer is
 * all it had sent. */
static size_t rig_output(struct rig *r, char *out, size_t size)
{
    static const uint8_t ayt[] = {255, 246};
    client_send(r, ayt, sizeof ayt);
    size_t got = 0;
    size_t answer = strlen(AYT_ANSWER);
    for (;;) {
        if (got >= answer && memcmp(out + got - answer, AYT_ANSWER, answer) == 0)
            break;
        struct pollfd fds[DEVICE_POLL_FDS_MAX + 1];
        int n = comm_2703_device_type.poll_fds(&r->dev, fds, DEVICE_POLL_FDS_MAX);
        fds[n].fd = r->client;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        ck_assert_int_gt(poll(fds, (nfds_t)n + 1, -1), 0);
        comm_2703_device_type.poll_ready(&r->dev, fds, n);
        if (fds[n].revents & POLLIN) {
            ck_assert_uint_lt(got, size);
            ssize_t k = recv(r->client, out + got, size - got, MSG_DONTWAIT);
            ck_assert_int_gt(k, 0);
            got += (size_t)k;
        }
    }
    got -= answer;
    out[got] = '\0';
    return got;
}

static void assert_output(struct rig *r, const char *expected)
{
    char out[4096];
    size_t n = rig_output(r, out, sizeof out - 1);
    ck_assert_msg(n == strlen(expected) && memcmp(out, expected, n) == 0, "client got \"%s\", expected \"%s\"", out,
                  expected);
}

/* The client types `text` (and the device takes it in). */
static void rig_type(struct rig *r, const char *text)
{
    client_send(r, text, strlen(text));
    char out[4096];
    rig_output(r, out, sizeof out - 1);
}

/* A telnet client calls the line: it connects, the device accepts (on a
 * pump) and sends its offers, which the client reads; with `agree` the
 * client answers them (DO ECHO, DO SGA, WILL SGA) so that the device
 * echoes what is typed. */
static void rig_call(struct rig *r, bool agree)
{
    r->client = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(r->client, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(comm_2703_port(&r->dev));
    ck_assert_int_eq(connect(r->client, (struct sockaddr *)&sa, sizeof sa), 0);
    int one = 1;  /* no Nagle delay on the client's small writes */
    ck_assert_int_eq(setsockopt(r->client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), 0);
    rig_pump(r);
    uint8_t offers[9];
    client_read_exactly(r, offers, sizeof offers);
    static const uint8_t expected[] = {255, 251, 1, 255, 251, 3, 255, 253, 3};
    ck_assert_mem_eq(offers, expected, sizeof expected);
    if (agree) {
        static const uint8_t answers[] = {255, 253, 1, 255, 253, 3, 255, 251, 3};
        client_send(r, answers, sizeof answers);
    }
    char out[64];
    ck_assert_uint_eq(rig_output(r, out, sizeof out - 1), 0);
}

/* An enabled line with a caller that agreed to the options. */
#define rig_up(...) rig_answered(rig_new(__VA_ARGS__, NULL))

static struct rig *rig_answered(struct rig *r)
{
    ck_assert(rig_start(r, 0x27, 1, NULL));
    rig_call(r, true);
    ck_assert_uint_eq(r->completions, 1);
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->length, 0);
    return r;
}

static void rig_advance(struct rig *r, uint64_t units)
{
    event_run_due(&r->events, r->events.now + units);
}

/* --------------------------------------------------------------- attach */

static void assert_attach_fails(const char *needle, int argc, char **argv)
{
    struct device dev;
    memset(&dev, 0, sizeof dev);
    struct error err;
    error_clear(&err);
    ck_assert(!comm_2703_device_type.attach(&dev, argc, argv, &err));
    ck_assert_msg(strstr(err.message, needle) != NULL, "error \"%s\" does not mention \"%s\"", err.message, needle);
}

START_TEST(test_attach_requires_lport_and_names_a_bad_option)
{
    char *none[] = {"term=2741"};
    assert_attach_fails("lport=PORT is required", 1, none);
    char *bad_port[] = {"lport=70000"};
    assert_attach_fails("lport=70000", 1, bad_port);
    char *bad_term[] = {"lport=0", "term=3270"};
    assert_attach_fails("term=3270", 2, bad_term);
    char *hercules[] = {"lport=0", "skip=5EDE"};
    assert_attach_fails("'skip'", 2, hercules);
    char *dial_out[] = {"lport=0", "dial=out"};
    assert_attach_fails("dial=out", 2, dial_out);
    char *conflict[] = {"lport=0", "term=2741", "lnctl=tele2"};
    assert_attach_fails("lnctl and term", 3, conflict);
    char *bisync[] = {"lport=0", "lnctl=bsc"};
    assert_attach_fails("lnctl=bsc", 2, bisync);
    char *unknown[] = {"lport=0", "speed=134"};
    assert_attach_fails("speed=134", 2, unknown);
    char *not_keyword[] = {"lport=0", "2741"};
    assert_attach_fails("'2741'", 2, not_keyword);
    char *bad_host[] = {"lport=0", "lhost=nowhere"};
    assert_attach_fails("lhost=nowhere", 2, bad_host);
}
END_TEST

START_TEST(test_a_port_already_listened_on_is_an_error_naming_it)
{
    struct rig *r = rig_new("lport=0", NULL);
    char option[32];
    snprintf(option, sizeof option, "lport=%u", (unsigned)comm_2703_port(&r->dev));
    char *argv[] = {option};
    char needle[32];
    snprintf(needle, sizeof needle, "127.0.0.1:%u", (unsigned)comm_2703_port(&r->dev));
    assert_attach_fails(needle, 1, argv);
    rig_free(r);
}
END_TEST

START_TEST(test_lport_0_listens_on_loopback_only)
{
    struct rig *r = rig_new("lport=0", "term=2741", NULL);
    struct pollfd fds[DEVICE_POLL_FDS_MAX];
    int n = comm_2703_device_type.poll_fds(&r->dev, fds, DEVICE_POLL_FDS_MAX);
    ck_assert_int_eq(n, 1);
    struct sockaddr_in sa;
    socklen_t length = sizeof sa;
    ck_assert_int_eq(getsockname(fds[0].fd, (struct sockaddr *)&sa, &length), 0);
    ck_assert_uint_eq(ntohl(sa.sin_addr.s_addr), INADDR_LOOPBACK);
    ck_assert_uint_eq(ntohs(sa.sin_port), comm_2703_port(&r->dev));
    char text[256];
    comm_2703_device_type.describe(&r->dev, text, sizeof text);
    char expected[128];
    snprintf(expected, sizeof expected, "telnet 127.0.0.1:%u 2741 EBCD, disabled", (unsigned)comm_2703_port(&r->dev));
    ck_assert_str_eq(text, expected);
    rig_free(r);
}
END_TEST

/* -------------------------------------------------- commands without a call */

START_TEST(test_read_write_prepare_inhibit_break_without_a_call_are_intervention_required)
{
    struct rig *r = rig_new("lport=0", NULL);
    static const uint8_t codes[] = {0x01, 0x02, 0x06, 0x0A, 0x0D};
    for (size_t i = 0; i < sizeof codes; i++) {
        rig_immediate(r, codes[i], 4, (const uint8_t *)"abcd", CE_DE | UNIT_CHECK, 0);
        ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    }
    rig_free(r);
}
END_TEST

START_TEST(test_nop_ends_at_once_and_keeps_the_sense_byte)
{
    struct rig *r = rig_new("lport=0", NULL);
    rig_immediate(r, 0x02, 10, NULL, CE_DE | UNIT_CHECK, 0);
    rig_immediate(r, 0x03, 1, NULL, CE_DE, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    /* Sense does not reset it either; Disable (any other command) does. */
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    rig_immediate(r, 0x2F, 1, NULL, CE_DE, 0);
    ck_assert_uint_eq(rig_sense(r), 0);
    rig_free(r);
}
END_TEST

START_TEST(test_poll_search_set_mode_dial_and_undefined_codes_are_command_reject)
{
    struct rig *r = rig_new("lport=0", NULL);
    static const uint8_t codes[] = {0x09, 0x0E, 0x23, 0x29, 0x05, 0x07, 0x12, 0xE4, 0x2B};
    for (size_t i = 0; i < sizeof codes; i++) {
        rig_rejected(r, codes[i]);
        ck_assert_uint_eq(rig_sense(r), SENSE_COMMAND_REJECT);
    }
    rig_free(r);
}
END_TEST

/* --------------------------------------------------------- enable, calls */

START_TEST(test_enable_waits_for_a_call_and_ends_with_channel_end_device_end)
{
    struct rig *r = rig_new("lport=0", NULL);
    ck_assert(rig_start(r, 0x27, 1, NULL));
    ck_assert_uint_eq(r->completions, 0);
    rig_call(r, false);
    ck_assert_uint_eq(r->completions, 1);
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->length, 0);
    char text[256];
    comm_2703_device_type.describe(&r->dev, text, sizeof text);
    ck_assert_ptr_nonnull(strstr(text, "connected (127.0.0.1:"));
    /* Enable on a line with a call up ends at once. */
    rig_immediate(r, 0x27, 1, NULL, CE_DE, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_a_call_before_enable_rings_until_enable_answers_it)
{
    struct rig *r = rig_new("lport=0", NULL);
    rig_call(r, true);
    char text[256];
    comm_2703_device_type.describe(&r->dev, text, sizeof text);
    ck_assert_ptr_nonnull(strstr(text, "ringing"));
    /* Typing on an unanswered line goes nowhere. */
    rig_type(r, "lost\r");
    rig_immediate(r, 0x02, 10, NULL, CE_DE | UNIT_CHECK, 0);
    rig_immediate(r, 0x27, 1, NULL, CE_DE, 0);
    ck_assert(rig_start(r, 0x02, 10, NULL));
    rig_type(r, "x\r");
    ck_assert_uint_eq(r->completions, 1);
    static const uint8_t expected[] = {0x7C, 0x2F, 0x5B, 0x1F};
    ck_assert_uint_eq(r->length, sizeof expected);
    ck_assert_mem_eq(r->data, expected, sizeof expected);
    rig_free(r);
}
END_TEST

START_TEST(test_halt_of_enable_before_a_call_ends_it_with_unit_exception)
{
    struct rig *r = rig_new("lport=0", NULL);
    ck_assert(rig_start(r, 0x27, 1, NULL));
    comm_2703_device_type.halt(&r->dev);
    ck_assert_uint_eq(r->completions, 1);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_EXCEPTION);
    /* The line was reset: a caller now rings. */
    rig_call(r, false);
    ck_assert_uint_eq(r->completions, 1);
    rig_immediate(r, 0x06, 1, NULL, CE_DE | UNIT_CHECK, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_a_second_caller_is_told_the_line_is_busy)
{
    struct rig *r = rig_up("lport=0");
    int second = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(comm_2703_port(&r->dev));
    ck_assert_int_eq(connect(second, (struct sockaddr *)&sa, sizeof sa), 0);
    rig_pump(r);
    char text[128];
    size_t got = 0;
    for (;;) {
        ssize_t n = recv(second, text + got, sizeof text - 1 - got, 0);
        ck_assert_int_ge(n, 0);
        if (n == 0)
            break;
        got += (size_t)n;
    }
    text[got] = '\0';
    ck_assert_str_eq(text, "\r\nvm67: 2703 line 030 is busy\r\n");
    close(second);
    rig_free(r);
}
END_TEST

/* --------------------------------------------------------------- 2741 */

START_TEST(test_write_prints_2741_codes_and_lasts_its_characters)
{
    struct rig *r = rig_up("lport=0");
    /* "Hello", NEW LINE in EBCD with shifts. */
    static const uint8_t hello[] = {0x1C, 0x70, 0x7C, 0x6B, 0x46, 0x46, 0x4C, 0x5B};
    ck_assert(rig_start(r, 0x01, sizeof hello, hello));
    assert_output(r, "Hello\r\n");
    rig_advance(r, sizeof hello * CHARACTER_TIME - 1);
    ck_assert_uint_eq(r->completions, 1);
    rig_advance(r, 1);
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->length, sizeof hello);
    rig_free(r);
}
END_TEST

START_TEST(test_read_after_a_write_ending_in_eot_gets_eoa_shifts_text_nl_eot)
{
    struct rig *r = rig_up("lport=0");
    static const uint8_t prompt[] = {0x62, 0x5B, 0x1F};
    ck_assert(rig_start(r, 0x01, sizeof prompt, prompt));
    rig_advance(r, sizeof prompt * CHARACTER_TIME);
    ck_assert_uint_eq(r->completions, 2);
    assert_output(r, "a\r\n");
    ck_assert(rig_start(r, 0x02, 100, NULL));
    client_send(r, "Ab", 2);
    assert_output(r, "Ab");                 /* the terminal prints what is typed */
    ck_assert_uint_eq(r->completions, 2);   /* no RETURN yet */
    client_send(r, "\r\n", 2);
    rig_pump_until_completion(r, 3);
    static const uint8_t expected[] = {0x16, 0x1C, 0x62, 0x7C, 0x64, 0x5B, 0x1F};
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->length, sizeof expected);
    ck_assert_mem_eq(r->data, expected, sizeof expected);
    assert_output(r, "\r\n");
    rig_free(r);
}
END_TEST

START_TEST(test_read_count_shorter_than_the_transmission_is_unit_check_lost_data)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x02, 3, NULL));
    rig_type(r, "abcdef");
    /* The channel stopped the Read at the fourth character. */
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(r->length, 4);
    static const uint8_t first[] = {0x7C, 0x62, 0x64};
    ck_assert_mem_eq(r->data, first, sizeof first);
    ck_assert_uint_eq(rig_sense(r), SENSE_LOST_DATA);
    /* The rest of that transmission is lost; the next is read whole. */
    rig_type(r, "gh\rz\r");
    rig_immediate(r, 0x02, 10, NULL, CE_DE, 4);
    static const uint8_t next[] = {0x7C, 0x32, 0x5B, 0x1F};
    ck_assert_mem_eq(r->data, next, sizeof next);
    rig_free(r);
}
END_TEST

START_TEST(test_type_ahead_is_read_one_transmission_per_read)
{
    struct rig *r = rig_up("lport=0");
    rig_type(r, "a\rb\r");
    rig_immediate(r, 0x06, 1, NULL, CE_DE, 0); /* Prepare: something was typed */
    rig_immediate(r, 0x02, 80, NULL, CE_DE, 4);
    static const uint8_t one[] = {0x7C, 0x62, 0x5B, 0x1F};
    ck_assert_mem_eq(r->data, one, sizeof one);
    rig_immediate(r, 0x0A, 80, NULL, CE_DE, 4); /* Inhibit reads as Read */
    static const uint8_t two[] = {0x7C, 0x64, 0x5B, 0x1F};
    ck_assert_mem_eq(r->data, two, sizeof two);
    ck_assert(rig_start(r, 0x02, 80, NULL));
    rig_free(r);
}
END_TEST

START_TEST(test_prepare_ends_when_the_user_starts_typing)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x06, 1, NULL));
    rig_type(r, "h");
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->length, 0);
    ck_assert(rig_start(r, 0x02, 80, NULL));
    rig_type(r, "i\r");
    ck_assert_uint_eq(r->completions, 3);
    static const uint8_t expected[] = {0x7C, 0x70, 0x73, 0x5B, 0x1F};
    ck_assert_uint_eq(r->length, sizeof expected);
    ck_assert_mem_eq(r->data, expected, sizeof expected);
    rig_free(r);
}
END_TEST

START_TEST(test_halt_of_prepare_gives_unit_exception)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x06, 1, NULL));
    comm_2703_device_type.halt(&r->dev);
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_EXCEPTION);
    rig_free(r);
}
END_TEST

START_TEST(test_halt_of_read_gives_unit_exception_and_lost_data_when_typing)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    comm_2703_device_type.halt(&r->dev);
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_EXCEPTION);
    ck_assert_uint_eq(r->length, 0);
    ck_assert_uint_eq(rig_sense(r), 0);
    ck_assert(rig_start(r, 0x02, 80, NULL));
    rig_type(r, "ab");
    comm_2703_device_type.halt(&r->dev);
    ck_assert_uint_eq(r->completions, 3);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_EXCEPTION | UNIT_CHECK);
    ck_assert_uint_eq(r->length, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_LOST_DATA);
    /* The rest of the interrupted line is lost too. */
    rig_type(r, "c\rd\r");
    rig_immediate(r, 0x02, 80, NULL, CE_DE, 4);
    static const uint8_t next[] = {0x7C, 0x68, 0x5B, 0x1F};
    ck_assert_mem_eq(r->data, next, sizeof next);
    rig_free(r);
}
END_TEST

START_TEST(test_halt_of_write_ends_it_normally_with_its_data_taken)
{
    struct rig *r = rig_up("lport=0");
    static const uint8_t text[] = {0x62, 0x64, 0x67};
    ck_assert(rig_start(r, 0x01, sizeof text, text));
    comm_2703_device_type.halt(&r->dev);
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->length, sizeof text);
    rig_advance(r, 100 * CHARACTER_TIME);  /* the cancelled timer does not fire */
    ck_assert_uint_eq(r->completions, 2);
    assert_output(r, "abc");
    rig_free(r);
}
END_TEST

/* ----------------------------------------------------------- attention */

START_TEST(test_attention_during_read_is_unit_check_intervention_required)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    rig_type(r, "par");
    static const uint8_t brk[] = {255, 243};
    client_send(r, brk, sizeof brk);
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(r->length, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    /* What was typed before ATTN is gone. */
    rig_type(r, "x\r");
    rig_immediate(r, 0x02, 80, NULL, CE_DE, 4);
    static const uint8_t next[] = {0x7C, 0x2F, 0x5B, 0x1F};
    ck_assert_mem_eq(r->data, next, sizeof next);
    rig_free(r);
}
END_TEST

START_TEST(test_control_c_and_telnet_interrupt_process_are_attention_too)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x0A, 80, NULL));
    client_send(r, "\x03", 1);
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_CHECK);
    ck_assert(rig_start(r, 0x02, 80, NULL));
    static const uint8_t ip[] = {255, 244};
    client_send(r, ip, sizeof ip);
    rig_pump_until_completion(r, 3);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    rig_free(r);
}
END_TEST

START_TEST(test_attn_none_makes_control_c_an_ordinary_refused_key)
{
    struct rig *r = rig_up("lport=0", "attn=none");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    client_send(r, "\x03", 1);
    assert_output(r, "\a");
    ck_assert_uint_eq(r->completions, 1);
    rig_free(r);
}
END_TEST

START_TEST(test_attention_during_prepare_ends_it_and_the_next_read_reports_it)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x06, 1, NULL));
    static const uint8_t brk[] = {255, 243};
    client_send(r, brk, sizeof brk);
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE);
    rig_immediate(r, 0x02, 80, NULL, CE_DE | UNIT_CHECK, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    ck_assert(rig_start(r, 0x02, 80, NULL));  /* reported once */
    rig_free(r);
}
END_TEST

START_TEST(test_attention_during_write_is_unit_check_intervention_required)
{
    struct rig *r = rig_up("lport=0");
    static const uint8_t text[] = {0x62, 0x64, 0x67, 0x68};
    ck_assert(rig_start(r, 0x01, sizeof text, text));
    static const uint8_t brk[] = {255, 243};
    client_send(r, brk, sizeof brk);
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(r->length, sizeof text);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    rig_advance(r, 100 * CHARACTER_TIME);
    ck_assert_uint_eq(r->completions, 2);
    rig_free(r);
}
END_TEST

START_TEST(test_attention_between_commands_ends_the_next_write)
{
    struct rig *r = rig_up("lport=0");
    static const uint8_t brk[] = {255, 243};
    client_send(r, brk, sizeof brk);
    assert_output(r, "");
    static const uint8_t text[] = {0x62};
    rig_immediate(r, 0x01, 1, text, CE_DE | UNIT_CHECK, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    assert_output(r, "");  /* nothing was printed */
    rig_free(r);
}
END_TEST

START_TEST(test_break_command_lasts_count_characters_and_drops_a_partial_line)
{
    struct rig *r = rig_up("lport=0");
    rig_type(r, "abc");
    ck_assert(rig_start(r, 0x0D, 5, (const uint8_t *)"\0\0\0\0\0"));
    rig_advance(r, 5 * CHARACTER_TIME);
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->length, 5);
    assert_output(r, "");  /* the break itself prints nothing */
    rig_type(r, "d\r");
    rig_immediate(r, 0x02, 80, NULL, CE_DE, 4);
    static const uint8_t expected[] = {0x7C, 0x68, 0x5B, 0x1F};
    ck_assert_mem_eq(r->data, expected, sizeof expected);
    rig_free(r);
}
END_TEST

/* -------------------------------------------------------- hanging up */

START_TEST(test_caller_hanging_up_ends_a_read_with_intervention_required_and_disables)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    close(r->client);
    r->client = -1;
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(r->length, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    rig_immediate(r, 0x01, 1, (const uint8_t *)"\x62", CE_DE | UNIT_CHECK, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    /* The line must be enabled again, and waits for the next call. */
    ck_assert(rig_start(r, 0x27, 1, NULL));
    rig_call(r, false);
    ck_assert_uint_eq(r->completions, 3);
    ck_assert_uint_eq(r->status, CE_DE);
    rig_free(r);
}
END_TEST

START_TEST(test_caller_hanging_up_during_write_is_intervention_required)
{
    struct rig *r = rig_up("lport=0");
    static const uint8_t text[] = {0x62, 0x64};
    ck_assert(rig_start(r, 0x01, sizeof text, text));
    close(r->client);
    r->client = -1;
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_CHECK);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    rig_free(r);
}
END_TEST

START_TEST(test_disable_hangs_up_after_the_output_is_sent)
{
    struct rig *r = rig_up("lport=0");
    static const uint8_t bye[] = {0x1C, 0x64, 0x7C, 0x31, 0x6B, 0x5B};
    ck_assert(rig_start(r, 0x01, sizeof bye, bye));
    rig_advance(r, sizeof bye * CHARACTER_TIME);
    ck_assert_uint_eq(r->completions, 2);
    rig_immediate(r, 0x2F, 1, NULL, CE_DE, 0);
    char text[64];
    size_t got = 0;
    for (;;) {
        ssize_t n = recv(r->client, text + got, sizeof text - 1 - got, 0);
        ck_assert_int_ge(n, 0);
        if (n == 0)
            break;
        got += (size_t)n;
    }
    text[got] = '\0';
    ck_assert_str_eq(text, "Bye\r\n");
    rig_immediate(r, 0x02, 10, NULL, CE_DE | UNIT_CHECK, 0);
    ck_assert_uint_eq(rig_sense(r), SENSE_INTERVENTION_REQUIRED);
    rig_free(r);
}
END_TEST

START_TEST(test_system_reset_hangs_up_and_forgets_the_pending_command)
{
    struct rig *r = rig_up("lport=0");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    comm_2703_device_type.reset(&r->dev);
    ck_assert_uint_eq(r->completions, 1);  /* no ending status after a reset */
    r->cmd.pending = false;
    char byte;
    ck_assert_int_eq(recv(r->client, &byte, 1, 0), 0);  /* hung up */
    rig_immediate(r, 0x02, 10, NULL, CE_DE | UNIT_CHECK, 0);
    rig_free(r);
}
END_TEST

/* ------------------------------------------------------------ echo, TTY */

START_TEST(test_no_echo_unless_the_client_agreed_to_our_echo)
{
    struct rig *r = rig_new("lport=0", NULL);
    ck_assert(rig_start(r, 0x27, 1, NULL));
    rig_call(r, false);
    client_send(r, "ab", 2);
    assert_output(r, "");
    rig_free(r);
}
END_TEST

START_TEST(test_tty_read_gets_bit_reversed_upper_case_ascii_ending_at_cr)
{
    struct rig *r = rig_up("lport=0", "term=tty");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    client_send(r, "hi\r\n", 4);
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE);
    static const uint8_t expected[] = {0x12, 0x93, 0xB1};
    ck_assert_uint_eq(r->length, sizeof expected);
    ck_assert_mem_eq(r->data, expected, sizeof expected);
    assert_output(r, "HI\r\n");
    rig_free(r);
}
END_TEST

START_TEST(test_tty_eot_ends_a_read_with_unit_exception)
{
    struct rig *r = rig_up("lport=0", "lnctl=tele2", "uctrans=no");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    client_send(r, "q\x04", 2);
    rig_pump_until_completion(r, 2);
    ck_assert_uint_eq(r->status, CE_DE | UNIT_EXCEPTION);
    ck_assert_uint_eq(r->length, 2);
    ck_assert_uint_eq(r->data[0], comm_tty_line_from_ascii('q', COMM_PARITY_EVEN));
    ck_assert_uint_eq(r->data[1], 0x21);
    rig_free(r);
}
END_TEST

START_TEST(test_tty_write_prints_ascii_in_upper_case_and_escapes_a_lone_cr)
{
    struct rig *r = rig_up("lport=0", "term=tty33");
    const char *text = "ok\r\nx\r";
    uint8_t codes[8];
    for (size_t i = 0; i < 6; i++)
        codes[i] = comm_tty_line_from_ascii((uint8_t)text[i], COMM_PARITY_EVEN);
    ck_assert(rig_start(r, 0x01, 6, codes));
    char out[64];
    size_t n = rig_output(r, out, sizeof out - 1);
    static const char expected[] = {'O', 'K', '\r', '\n', 'X', '\r', '\0'};
    ck_assert_uint_eq(n, sizeof expected);
    ck_assert_mem_eq(out, expected, sizeof expected);
    rig_free(r);
}
END_TEST

START_TEST(test_correspondence_line_reads_correspondence_codes)
{
    struct rig *r = rig_up("lport=0", "code=corr");
    ck_assert(rig_start(r, 0x02, 80, NULL));
    rig_type(r, "a1\r");
    static const uint8_t expected[] = {0x7C, 0x4F, 0x02, 0x5B, 0x1F};
    ck_assert_uint_eq(r->completions, 2);
    ck_assert_uint_eq(r->length, sizeof expected);
    ck_assert_mem_eq(r->data, expected, sizeof expected);
    rig_free(r);
}
END_TEST

/* The client fd's poll events the device asks for. */
static short client_events(struct rig *r)
{
    struct pollfd fds[DEVICE_POLL_FDS_MAX];
    int n = comm_2703_device_type.poll_fds(&r->dev, fds, DEVICE_POLL_FDS_MAX);
    ck_assert_int_eq(n, 2);
    return fds[1].events;
}

START_TEST(test_a_client_that_does_not_read_is_not_read_from_beyond_the_output_limit)
{
    struct rig *r = rig_up("lport=0");
    ck_assert_int_eq(fcntl(r->client, F_SETFL, fcntl(r->client, F_GETFL) | O_NONBLOCK), 0);
    /* Ask "Are You There" over and over without reading the answers. */
    static uint8_t ayts[8192];
    for (size_t i = 0; i < sizeof ayts; i += 2) {
        ayts[i] = 255;
        ayts[i + 1] = 246;
    }
    size_t sent = 0;
    while (client_events(r) & POLLIN) {
        ck_assert_msg(sent < 256u * 1024 * 1024, "the device kept reading a client that reads nothing");
        ssize_t n = send(r->client, ayts, sizeof ayts, MSG_NOSIGNAL);
        if (n > 0)
            sent += (size_t)n;
        struct pollfd fds[DEVICE_POLL_FDS_MAX];
        int k = comm_2703_device_type.poll_fds(&r->dev, fds, DEVICE_POLL_FDS_MAX);
        ck_assert_int_ge(poll(fds, (nfds_t)k, 0), 0);
        comm_2703_device_type.poll_ready(&r->dev, fds, k);
    }
    ck_assert(client_events(r) & POLLOUT);
    /* Once the client reads, the device reads again. */
    uint8_t sink[65536];
    while (!(client_events(r) & POLLIN)) {
        struct pollfd p = {.fd = r->client, .events = POLLIN};
        ck_assert_int_gt(poll(&p, 1, -1), 0);
        ck_assert_int_gt(recv(r->client, sink, sizeof sink, 0), 0);
        struct pollfd fds[DEVICE_POLL_FDS_MAX];
        int k = comm_2703_device_type.poll_fds(&r->dev, fds, DEVICE_POLL_FDS_MAX);
        ck_assert_int_ge(poll(fds, (nfds_t)k, 0), 0);
        comm_2703_device_type.poll_ready(&r->dev, fds, k);
    }
    rig_free(r);
}
END_TEST

/* ------------------------------------------------ a whole conversation */

/* What a program's output translation does: EBCDIC text to 2741 codes,
 * with a shift character wherever the case changes; `end` is appended
 * (NEW LINE and/or EOT). */
static size_t to_2741(const char *text, const uint8_t *end, size_t end_length, uint8_t *codes)
{
    size_t n = 0;
    int shift = -1;
    for (const char *p = text; *p; p++) {
        uint8_t code;
        bool upper = false;
        ck_assert(comm_2741_from_ebcdic(COMM_2741_EBCD, latin1_to_ebcdic[(uint8_t)*p], &code, &upper));
        if (*p != ' ' && shift != (int)upper) {
            codes[n++] = upper ? COMM_2741_UPSHIFT : COMM_2741_DOWNSHIFT;
            shift = upper;
        }
        codes[n++] = code;
    }
    memcpy(codes + n, end, end_length);
    return n + end_length;
}

/* What its input translation does: 2741 codes to text, following the
 * shifts, leaving out EOA, NEW LINE and EOT. */
static void from_2741(const uint8_t *codes, size_t length, char *text)
{
    bool upper = false;
    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        uint8_t c = codes[i];
        if (c == COMM_2741_UPSHIFT || c == COMM_2741_DOWNSHIFT) {
            upper = c == COMM_2741_UPSHIFT;
            continue;
        }
        if (i == 0 && c == COMM_2741_EOA)
            continue;
        if (c == COMM_2741_NEW_LINE || c == COMM_2741_EOT)
            continue;
        int e = comm_2741_to_ebcdic(COMM_2741_EBCD, c, upper);
        ck_assert_int_ge(e, 0);
        text[n++] = (char)ebcdic_to_latin1[e];
    }
    text[n] = '\0';
}

static void program_writes(struct rig *r, const char *text, bool turn_around)
{
    static const uint8_t nl_eot[] = {COMM_2741_NEW_LINE, COMM_2741_EOT};
    uint8_t codes[256];
    size_t n = to_2741(text, nl_eot, turn_around ? 2 : 1, codes);
    unsigned before = r->completions;
    ck_assert(rig_start(r, 0x01, (uint32_t)n, codes));
    rig_advance(r, n * CHARACTER_TIME);
    ck_assert_uint_eq(r->completions, before + 1);
    ck_assert_uint_eq(r->status, CE_DE);
}

static void program_reads(struct rig *r, char *text)
{
    unsigned before = r->completions;
    if (rig_start(r, 0x02, 130, NULL))
        rig_pump_until_completion(r, before + 1);
    else
        r->length = r->cmd.length, r->status = r->cmd.status;
    ck_assert_uint_eq(r->status, CE_DE);
    ck_assert_uint_eq(r->data[r->length - 1], COMM_2741_EOT);
    from_2741(r->data, r->length, text);
}

START_TEST(test_login_session_exchanges_lines_until_logoff)
{
    struct rig *r = rig_new("lport=0", "term=2741", NULL);
    /* The program enables the line and waits for a call. */
    ck_assert(rig_start(r, 0x27, 1, NULL));
    rig_call(r, true);
    ck_assert_uint_eq(r->completions, 1);
    program_writes(r, "LOGIN:", true);
    assert_output(r, "LOGIN:\r\n");
    client_send(r, "Ada\r\n", 5);
    char name[64];
    program_reads(r, name);
    ck_assert_str_eq(name, "Ada");
    assert_output(r, "Ada\r\n");
    char greeting[80];
    snprintf(greeting, sizeof greeting, "Hello, %s.", name);
    program_writes(r, greeting, true);
    assert_output(r, "Hello, Ada.\r\n");
    static const char *const lines[] = {"first line", "Second, with (signs) = 2 + 2?", "logoff"};
    for (size_t i = 0; i < 3; i++) {
        client_send(r, lines[i], strlen(lines[i]));
        client_send(r, "\r\n", 2);
        char line[130];
        program_reads(r, line);
        ck_assert_str_eq(line, lines[i]);
        char expected[200];
        snprintf(expected, sizeof expected, "%s\r\n", lines[i]);
        assert_output(r, expected);  /* the echo of the typing */
        if (strcmp(line, "logoff") == 0)
            break;
        program_writes(r, line, true);
        assert_output(r, expected);  /* the program's echo */
    }
    program_writes(r, "Goodbye.", false);
    rig_immediate(r, 0x2F, 1, NULL, CE_DE, 0);
    char text[64];
    size_t got = 0;
    for (;;) {
        ssize_t n = recv(r->client, text + got, sizeof text - 1 - got, 0);
        ck_assert_int_ge(n, 0);
        if (n == 0)
            break;
        got += (size_t)n;
    }
    text[got] = '\0';
    ck_assert_str_eq(text, "Goodbye.\r\n");
    rig_free(r);
}
END_TEST

static Suite *comm_suite(void)
{
    Suite *s = suite_create("2703");
    TCase *t = tcase_create("2703");
    tcase_add_test(t, test_attach_requires_lport_and_names_a_bad_option);
    tcase_add_test(t, test_a_port_already_listened_on_is_an_error_naming_it);
    tcase_add_test(t, test_lport_0_listens_on_loopback_only);
    tcase_add_test(t, test_read_write_prepare_inhibit_break_without_a_call_are_intervention_required);
    tcase_add_test(t, test_nop_ends_at_once_and_keeps_the_sense_byte);
    tcase_add_test(t, test_poll_search_set_mode_dial_and_undefined_codes_are_command_reject);
    tcase_add_test(t, test_enable_waits_for_a_call_and_ends_with_channel_end_device_end);
    tcase_add_test(t, test_a_call_before_enable_rings_until_enable_answers_it);
    tcase_add_test(t, test_halt_of_enable_before_a_call_ends_it_with_unit_exception);
    tcase_add_test(t, test_a_second_caller_is_told_the_line_is_busy);
    tcase_add_test(t, test_write_prints_2741_codes_and_lasts_its_characters);
    tcase_add_test(t, test_read_after_a_write_ending_in_eot_gets_eoa_shifts_text_nl_eot);
    tcase_add_test(t, test_read_count_shorter_than_the_transmission_is_unit_check_lost_data);
    tcase_add_test(t, test_type_ahead_is_read_one_transmission_per_read);
    tcase_add_test(t, test_prepare_ends_when_the_user_starts_typing);
    tcase_add_test(t, test_halt_of_prepare_gives_unit_exception);
    tcase_add_test(t, test_halt_of_read_gives_unit_exception_and_lost_data_when_typing);
    tcase_add_test(t, test_halt_of_write_ends_it_normally_with_its_data_taken);
    tcase_add_test(t, test_attention_during_read_is_unit_check_intervention_required);
    tcase_add_test(t, test_control_c_and_telnet_interrupt_process_are_attention_too);
    tcase_add_test(t, test_attn_none_makes_control_c_an_ordinary_refused_key);
    tcase_add_test(t, test_attention_during_prepare_ends_it_and_the_next_read_reports_it);
    tcase_add_test(t, test_attention_during_write_is_unit_check_intervention_required);
    tcase_add_test(t, test_attention_between_commands_ends_the_next_write);
    tcase_add_test(t, test_break_command_lasts_count_characters_and_drops_a_partial_line);
    tcase_add_test(t, test_caller_hanging_up_ends_a_read_with_intervention_required_and_disables);
    tcase_add_test(t, test_caller_hanging_up_during_write_is_intervention_required);
    tcase_add_test(t, test_disable_hangs_up_after_the_output_is_sent);
    tcase_add_test(t, test_system_reset_hangs_up_and_forgets_the_pending_command);
    tcase_add_test(t, test_no_echo_unless_the_client_agreed_to_our_echo);
    tcase_add_test(t, test_tty_read_gets_bit_reversed_upper_case_ascii_ending_at_cr);
    tcase_add_test(t, test_tty_eot_ends_a_read_with_unit_exception);
    tcase_add_test(t, test_tty_write_prints_ascii_in_upper_case_and_escapes_a_lone_cr);
    tcase_add_test(t, test_correspondence_line_reads_correspondence_codes);
    tcase_add_test(t, test_a_client_that_does_not_read_is_not_read_from_beyond_the_output_limit);
    tcase_add_test(t, test_login_session_exchanges_lines_until_logoff);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(comm_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
