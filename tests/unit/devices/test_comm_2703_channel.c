/* The 2703 line under the real channel engine: what a program sees of it
 * through START I/O, HALT I/O and the CSW of its interruptions (condition
 * codes, unit and channel status, residual counts, incorrect length,
 * command chaining), with a telnet client on a loopback socket. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "devices/comm_2703.h"
#include "tests/unit/devices/io_test_support.h"

#define LINE 0x030
#define CCW_AT 0x100
#define DATA_AT 0x400

static struct io_rig rig;
static int client = -1;

static void setup(void)
{
    io_rig_init(&rig);
    struct error err;
    char *argv[] = {"lport=0", "term=2741"};
    ck_assert_msg(channel_attach(&rig.cs, LINE, &comm_2703_device_type, 2, argv, &err), "%s", err.message);
    client = -1;
}

static void teardown(void)
{
    if (client >= 0)
        close(client);
    io_rig_free(&rig);
}

static struct device *line_device(void)
{
    return channel_device_at(&rig.cs, LINE);
}

/* Lets the device serve its sockets (waiting for them, no time limit),
 * then lets virtual time run until nothing is due. */
static void pump(void)
{
    struct device *dev = line_device();
    struct pollfd fds[DEVICE_POLL_FDS_MAX];
    int n = dev->type->poll_fds(dev, fds, DEVICE_POLL_FDS_MAX);
    ck_assert_int_gt(poll(fds, (nfds_t)n, -1), 0);
    dev->type->poll_ready(dev, fds, n);
    io_rig_settle(&rig);
}

/* Pumps until the line's interruption is pending, and accepts it. */
static void accept_interruption(void)
{
    io_rig_settle(&rig);
    while (channel_pending_mask(&rig.cs) == 0)
        pump();
    ck_assert_int_eq(io_rig_accept(&rig), LINE);
}

static void call_in(void)
{
    client = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(comm_2703_port(line_device()));
    ck_assert_int_eq(connect(client, (struct sockaddr *)&sa, sizeof sa), 0);
    int one = 1;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void type(const char *text)
{
    ck_assert_int_eq(send(client, text, strlen(text), MSG_NOSIGNAL), (ssize_t)strlen(text));
}

static int start(uint8_t command, uint8_t flags, uint16_t count)
{
    io_rig_put_ccw(&rig, CCW_AT, command, DATA_AT, flags, count);
    io_rig_set_caw(&rig, 0, CCW_AT);
    return io_rig_sio(&rig, LINE);
}

/* Enable, a caller, and the Enable's interruption. */
static void line_up(void)
{
    ck_assert_int_eq(start(0x27, CCW_SUPPRESS_LENGTH, 1), 0);
    call_in();
    accept_interruption();
    io_rig_assert_csw(&rig, 0x000001080C000001ull);
}

START_TEST(test_enable_gives_cc0_and_an_interruption_with_ce_de_when_the_call_comes)
{
    ck_assert_int_eq(start(0x27, CCW_SUPPRESS_LENGTH, 1), 0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(channel_pending_mask(&rig.cs), 0);
    ck_assert_int_eq(io_rig_tio(&rig, LINE), 2);  /* working: waiting for the call */
    call_in();
    accept_interruption();
    /* CCW address + 8, channel end and device end, residual 1 (SLI). */
    io_rig_assert_csw(&rig, 0x000001080C000001ull);
}
END_TEST

START_TEST(test_nop_is_immediate_cc1_and_reject_is_unit_check_at_start_io)
{
    ck_assert_int_eq(start(0x03, 0, 1), 1);
    io_rig_assert_csw(&rig, 0x000001080C000001ull);
    ck_assert_int_eq(start(0x0E, 0, 1), 1);  /* Search: command reject */
    io_rig_assert_csw(&rig, 0x000001080E000001ull);
    ck_assert_int_eq(start(0x04, 0, 1), 0);  /* Sense: the command reject bit */
    accept_interruption();
    io_rig_assert_csw(&rig, 0x000001080C000000ull);
    ck_assert_uint_eq(rig.cpu.storage.bytes[DATA_AT], 0x80);
}
END_TEST

START_TEST(test_read_without_sli_reports_incorrect_length_and_the_residual)
{
    line_up();
    ck_assert_int_eq(start(0x02, 0, 80), 0);
    type("ab\r\n");
    accept_interruption();
    /* DOWNSHIFT a b NL EOT: 5 bytes of 80, incorrect length. */
    io_rig_assert_csw(&rig, 0x000001080C40004Bull);
    static const uint8_t expected[] = {0x7C, 0x62, 0x64, 0x5B, 0x1F};
    ck_assert_mem_eq(rig.cpu.storage.bytes + DATA_AT, expected, sizeof expected);
    /* With SLI the same read ends without incorrect length. */
    ck_assert_int_eq(start(0x02, CCW_SUPPRESS_LENGTH, 80), 0);
    type("c\r");
    accept_interruption();
    io_rig_assert_csw(&rig, 0x000001080C00004Cull);
}
END_TEST

START_TEST(test_read_stopped_by_its_count_is_unit_check_lost_data_and_incorrect_length)
{
    line_up();
    ck_assert_int_eq(start(0x02, 0, 3), 0);
    type("abcdef\r");
    accept_interruption();
    io_rig_assert_csw(&rig, 0x000001080E400000ull);
    ck_assert_int_eq(start(0x04, 0, 1), 0);
    accept_interruption();
    ck_assert_uint_eq(rig.cpu.storage.bytes[DATA_AT], 0x02);
}
END_TEST

START_TEST(test_prepare_chained_to_read_gives_one_interruption_at_the_end_of_the_read)
{
    line_up();
    io_rig_put_ccw(&rig, CCW_AT, 0x06, 0, CCW_CHAIN_COMMAND | CCW_SUPPRESS_LENGTH, 1);
    io_rig_put_ccw(&rig, CCW_AT + 8, 0x02, DATA_AT, CCW_SUPPRESS_LENGTH, 100);
    io_rig_set_caw(&rig, 0, CCW_AT);
    ck_assert_int_eq(io_rig_sio(&rig, LINE), 0);
    type("x");
    io_rig_settle(&rig);
    pump();
    ck_assert_uint_eq(channel_pending_mask(&rig.cs), 0);  /* the Read goes on */
    type("\r");
    accept_interruption();
    io_rig_assert_csw(&rig, 0x000001100C000060ull);
}
END_TEST

START_TEST(test_halt_io_of_a_prepare_gives_unit_exception)
{
    line_up();
    ck_assert_int_eq(start(0x06, CCW_SUPPRESS_LENGTH, 1), 0);
    io_rig_settle(&rig);
    io_rig_hio(&rig, LINE);
    accept_interruption();
    /* Channel end, device end, unit exception (CD, Halt I/O table). */
    io_rig_assert_csw(&rig, 0x000001080D000001ull);
}
END_TEST

START_TEST(test_write_gives_cc0_and_ce_de_after_its_characters)
{
    line_up();
    static const uint8_t text[] = {0x62, 0x64, 0x5B};
    memcpy(rig.cpu.storage.bytes + DATA_AT, text, sizeof text);
    ck_assert_int_eq(start(0x01, 0, sizeof text), 0);
    accept_interruption();
    io_rig_assert_csw(&rig, 0x000001080C000000ull);
    /* The client got the offers, then "ab" and a new line. */
    uint8_t got[32];
    size_t n = 0;
    while (n < 9 + 4) {
        ssize_t k = recv(client, got + n, sizeof got - n, 0);
        ck_assert_int_gt(k, 0);
        n += (size_t)k;
    }
    ck_assert_mem_eq(got + 9, "ab\r\n", 4);
}
END_TEST

START_TEST(test_attention_during_a_read_is_unit_check_with_intervention_required)
{
    line_up();
    ck_assert_int_eq(start(0x02, CCW_SUPPRESS_LENGTH, 80), 0);
    static const uint8_t brk[] = {255, 243};
    ck_assert_int_eq(send(client, brk, 2, 0), 2);
    accept_interruption();
    io_rig_assert_csw(&rig, 0x000001080E000050ull);
    ck_assert_int_eq(start(0x04, 0, 1), 0);
    accept_interruption();
    ck_assert_uint_eq(rig.cpu.storage.bytes[DATA_AT], 0x40);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("2703 on the channel");
    TCase *t = tcase_create("channel");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_enable_gives_cc0_and_an_interruption_with_ce_de_when_the_call_comes);
    tcase_add_test(t, test_nop_is_immediate_cc1_and_reject_is_unit_check_at_start_io);
    tcase_add_test(t, test_read_without_sli_reports_incorrect_length_and_the_residual);
    tcase_add_test(t, test_read_stopped_by_its_count_is_unit_check_lost_data_and_incorrect_length);
    tcase_add_test(t, test_prepare_chained_to_read_gives_one_interruption_at_the_end_of_the_read);
    tcase_add_test(t, test_halt_io_of_a_prepare_gives_unit_exception);
    tcase_add_test(t, test_write_gives_cc0_and_ce_de_after_its_characters);
    tcase_add_test(t, test_attention_during_a_read_is_unit_check_with_intervention_required);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
