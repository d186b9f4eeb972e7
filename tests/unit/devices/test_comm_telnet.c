/* The telnet protocol of devices/telnet.c: option negotiation (RFC 854,
 * 855, 857, 858), NVT line ends, IAC escaping, BREAK and INTERRUPT
 * PROCESS, and sequences split across reads. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/telnet.h"

struct recorder {
    uint8_t data[256];
    size_t data_length;
    uint8_t sent[256];
    size_t sent_length;
    unsigned breaks;
};

static void on_data(void *context, uint8_t byte)
{
    struct recorder *r = context;
    r->data[r->data_length++] = byte;
}

static void on_break(void *context)
{
    struct recorder *r = context;
    r->breaks++;
}

static void on_send(void *context, const uint8_t *bytes, size_t length)
{
    struct recorder *r = context;
    memcpy(r->sent + r->sent_length, bytes, length);
    r->sent_length += length;
}

static void setup(struct telnet *t, struct recorder *r, bool offer_echo)
{
    memset(r, 0, sizeof *r);
    struct telnet_sink sink = {r, on_data, on_break, on_send};
    telnet_init(t, &sink, offer_echo);
}

static void feed(struct telnet *t, const uint8_t *bytes, size_t length)
{
    telnet_receive(t, bytes, length);
}

/* Feeds one byte per call: every sequence is split across reads. */
static void feed_bytewise(struct telnet *t, const uint8_t *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        telnet_receive(t, bytes + i, 1);
}

#define assert_bytes(got, got_length, ...)                                                                    \
    do {                                                                                                      \
        static const uint8_t expected_[] = {__VA_ARGS__};                                                     \
        ck_assert_uint_eq((got_length), sizeof expected_);                                                    \
        ck_assert_mem_eq((got), expected_, sizeof expected_);                                                 \
    } while (0)

START_TEST(test_start_offers_will_echo_will_sga_and_do_sga)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    telnet_start(&t);
    assert_bytes(r.sent, r.sent_length, 255, 251, 1, 255, 251, 3, 255, 253, 3);
    ck_assert(!telnet_we_echo(&t));
}
END_TEST

START_TEST(test_start_without_echo_offers_only_sga)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, false);
    telnet_start(&t);
    assert_bytes(r.sent, r.sent_length, 255, 251, 3, 255, 253, 3);
}
END_TEST

START_TEST(test_answers_to_our_offers_are_recorded_without_reply)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    telnet_start(&t);
    r.sent_length = 0;
    static const uint8_t answers[] = {255, 253, 1, 255, 253, 3, 255, 251, 3};
    feed(&t, answers, sizeof answers);
    ck_assert_uint_eq(r.sent_length, 0);
    ck_assert(telnet_we_echo(&t));
    ck_assert_uint_eq(r.data_length, 0);
}
END_TEST

START_TEST(test_dont_echo_after_agreement_is_acknowledged_with_wont_once)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    telnet_start(&t);
    static const uint8_t agree[] = {255, 253, 1};
    feed(&t, agree, sizeof agree);
    r.sent_length = 0;
    static const uint8_t refuse[] = {255, 254, 1, 255, 254, 1};
    feed(&t, refuse, sizeof refuse);
    assert_bytes(r.sent, r.sent_length, 255, 252, 1);
    ck_assert(!telnet_we_echo(&t));
}
END_TEST

START_TEST(test_refused_echo_offer_leaves_the_client_echoing)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    telnet_start(&t);
    r.sent_length = 0;
    static const uint8_t refuse[] = {255, 254, 1};
    feed(&t, refuse, sizeof refuse);
    ck_assert_uint_eq(r.sent_length, 0);
    ck_assert(!telnet_we_echo(&t));
}
END_TEST

START_TEST(test_unknown_options_are_refused_and_client_echo_is_refused)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    /* DO TERMINAL-TYPE, WILL NAWS, WILL ECHO (client echo), DONT of an
     * option never enabled (no answer). */
    static const uint8_t requests[] = {255, 253, 24, 255, 251, 31, 255, 251, 1, 255, 254, 5};
    feed(&t, requests, sizeof requests);
    assert_bytes(r.sent, r.sent_length, 255, 252, 24, 255, 254, 31, 255, 254, 1);
}
END_TEST

START_TEST(test_binary_is_agreed_in_both_directions_on_request)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    static const uint8_t requests[] = {255, 253, 0, 255, 251, 0};
    feed(&t, requests, sizeof requests);
    assert_bytes(r.sent, r.sent_length, 255, 251, 0, 255, 253, 0);
    ck_assert(telnet_binary_output(&t));
    /* Binary input: CR LF is two data bytes. */
    static const uint8_t line[] = {'a', '\r', '\n'};
    feed(&t, line, sizeof line);
    assert_bytes(r.data, r.data_length, 'a', '\r', '\n');
}
END_TEST

START_TEST(test_nvt_cr_lf_and_cr_nul_arrive_as_one_cr_and_bare_lf_stays)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    static const uint8_t input[] = {'a', '\r', '\n', 'b', '\r', 0, 'c', '\n', 'd', '\r', 'e'};
    feed(&t, input, sizeof input);
    assert_bytes(r.data, r.data_length, 'a', '\r', 'b', '\r', 'c', '\n', 'd', '\r', 'e');
}
END_TEST

START_TEST(test_iac_iac_is_data_ff_and_brk_and_ip_are_breaks)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    static const uint8_t input[] = {'x', 255, 255, 'y', 255, 243, 255, 244, 255, 241, 'z'};
    feed(&t, input, sizeof input);
    assert_bytes(r.data, r.data_length, 'x', 255, 'y', 'z');
    ck_assert_uint_eq(r.breaks, 2);
}
END_TEST

START_TEST(test_sequences_split_byte_by_byte_parse_as_whole)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    telnet_start(&t);
    r.sent_length = 0;
    /* DO ECHO, a subnegotiation holding IAC IAC and SE, data with CR LF
     * and CR NUL, IAC IAC, BRK. */
    static const uint8_t input[] = {255, 253, 1, 255, 250, 24, 0, 255, 255, 240, 'v', 255, 240,
                                    'h', 'i', '\r', '\n', 'o', '\r', 0, 255, 255, 255, 243, '!'};
    feed_bytewise(&t, input, sizeof input);
    assert_bytes(r.data, r.data_length, 'h', 'i', '\r', 'o', '\r', 255, '!');
    ck_assert_uint_eq(r.breaks, 1);
    ck_assert(telnet_we_echo(&t));
    ck_assert_uint_eq(r.sent_length, 0);
}
END_TEST

START_TEST(test_are_you_there_is_answered)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    static const uint8_t input[] = {255, 246};
    feed(&t, input, sizeof input);
    ck_assert_uint_eq(r.sent_length, strlen("\r\n[vm67: yes]\r\n"));
    ck_assert_mem_eq(r.sent, "\r\n[vm67: yes]\r\n", r.sent_length);
}
END_TEST

START_TEST(test_escape_doubles_iac_and_pads_lone_cr_with_nul)
{
    struct telnet t;
    struct recorder r;
    setup(&t, &r, true);
    static const uint8_t text[] = {'a', 255, '\r', '\n', 'b', '\r', 'c', '\r'};
    uint8_t out[2 * sizeof text];
    size_t n = telnet_escape(&t, text, sizeof text, out);
    assert_bytes(out, n, 'a', 255, 255, '\r', '\n', 'b', '\r', 0, 'c', '\r', 0);
    /* Binary output sends a CR as it is. */
    static const uint8_t binary[] = {255, 253, 0};
    feed(&t, binary, sizeof binary);
    n = telnet_escape(&t, text, sizeof text, out);
    assert_bytes(out, n, 'a', 255, 255, '\r', '\n', 'b', '\r', 'c', '\r');
}
END_TEST

static Suite *telnet_suite(void)
{
    Suite *s = suite_create("telnet");
    TCase *t = tcase_create("telnet");
    tcase_add_test(t, test_start_offers_will_echo_will_sga_and_do_sga);
    tcase_add_test(t, test_start_without_echo_offers_only_sga);
    tcase_add_test(t, test_answers_to_our_offers_are_recorded_without_reply);
    tcase_add_test(t, test_dont_echo_after_agreement_is_acknowledged_with_wont_once);
    tcase_add_test(t, test_refused_echo_offer_leaves_the_client_echoing);
    tcase_add_test(t, test_unknown_options_are_refused_and_client_echo_is_refused);
    tcase_add_test(t, test_binary_is_agreed_in_both_directions_on_request);
    tcase_add_test(t, test_nvt_cr_lf_and_cr_nul_arrive_as_one_cr_and_bare_lf_stays);
    tcase_add_test(t, test_iac_iac_is_data_ff_and_brk_and_ip_are_breaks);
    tcase_add_test(t, test_sequences_split_byte_by_byte_parse_as_whole);
    tcase_add_test(t, test_are_you_there_is_answered);
    tcase_add_test(t, test_escape_doubles_iac_and_pads_lone_cr_with_nul);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(telnet_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
