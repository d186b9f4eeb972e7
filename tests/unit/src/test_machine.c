/* The machine (src/machine.h): IPL, the run loop's endings, the interval
 * timer in VIRTUAL mode, repeatability, and two machines in one process. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/console_1052.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"
#include "src/machine.h"

/* A two-card IPL deck: the IPL card (PSW at X'200', one read of the
 * second card into X'200') and the program card (hex). */
static char *make_deck(const char *program_hex)
{
    uint8_t cards[160];
    memset(cards, 0x40, sizeof cards);
    memset(cards, 0, 24);
    store_be32(cards + 4, 0x200);
    store_be32(cards + 8, 0x02000200);
    store_be32(cards + 12, 0x20000050);
    unsigned n = 0;
    int high = -1;
    for (const char *p = program_hex; *p; p++) {
        if (*p == ' ')
            continue;
        int v = (*p >= '0' && *p <= '9') ? *p - '0' : (*p | 0x20) - 'a' + 10;
        if (high < 0) {
            high = v;
        } else {
            ck_assert_uint_lt(n, 80);
            cards[80 + n++] = (uint8_t)(high << 4 | v);
            high = -1;
        }
    }
    char *path = strdup("/tmp/vm67-machine-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, cards, sizeof cards), (ssize_t)sizeof cards);
    close(fd);
    return path;
}

/* What a machine's console wrote. */
struct console_capture {
    char text[256];
};

static void capture_wrote(void *context, struct device *dev, uint8_t command, const uint8_t *text, size_t length)
{
    struct console_capture *c = context;
    (void)dev;
    (void)command;
    char shown[128];
    ebcdic_to_display(shown, sizeof shown, text, length);
    strncat(c->text, shown, sizeof c->text - strlen(c->text) - 1);
    strncat(c->text, "|", sizeof c->text - strlen(c->text) - 1);
}

static void start_machine(struct machine *m, enum timer_mode timer, const char *deck)
{
    struct error err;
    struct machine_settings settings = {.storage_bytes = 64 * 1024, .timer = timer};
    ck_assert_msg(machine_init(m, &settings, NULL, &err), "%s", err.message);
    char *argv[] = {(char *)deck, "ebcdic"};
    ck_assert_msg(machine_attach(m, 0x00C, "2540R", 2, argv, &err), "%s", err.message);
    ck_assert_msg(machine_ipl(m, 0x00C, &err), "%s", err.message);
}

START_TEST(test_two_machines_in_one_process_run_their_own_programs)
{
    /* Program: CCW at 0x218 writes 4 bytes from 0x240; CAW at 0x228;
     * disabled wait PSW at 0x230 with its own code in the address. */
    char a_program[400];
    char b_program[400];
    /* 200 MVC X'48'(4),CAW; 206 SIO X'01F'; 20A TIO X'01F'; 20E BC 2,*-4;
     * 212 LPSW DONE; 216 pad; 220 CCW; 228 CAW; 230 DONE; 240 text. */
    const char *code = "D203 0048 0228 9C00 001F 9D00 001F 4720 020A 8200 0230 0000 0000";
    snprintf(a_program, sizeof a_program, "%s 0000 0000 0000 09000240 00000004 00000220 00000000"
                                          " 00020000 0000AAAA 00000000 00000000 C1C1C1C1",
             code);
    snprintf(b_program, sizeof b_program, "%s 0000 0000 0000 09000240 00000004 00000220 00000000"
                                          " 00020000 0000BBBB 00000000 00000000 C2C2C2C2",
             code);
    char *deck_a = make_deck(a_program);
    char *deck_b = make_deck(b_program);
    static struct machine a, b;
    struct console_capture out_a = {{0}}, out_b = {{0}};
    struct console_1052_host host_a = {.context = &out_a, .wrote = capture_wrote};
    struct console_1052_host host_b = {.context = &out_b, .wrote = capture_wrote};
    struct error err;
    start_machine(&a, TIMER_OFF, deck_a);
    ck_assert(machine_attach(&a, 0x01F, "1052", 0, NULL, &err));
    console_1052_set_host(channel_device_at(&a.channels, 0x01F), &host_a);
    start_machine(&b, TIMER_OFF, deck_b);
    ck_assert(machine_attach(&b, 0x01F, "1052", 0, NULL, &err));
    console_1052_set_host(channel_device_at(&b.channels, 0x01F), &host_b);

    machine_run(&b);
    machine_run(&a);
    ck_assert_int_eq(a.end, MACHINE_END_DISABLED_WAIT);
    ck_assert_int_eq(b.end, MACHINE_END_DISABLED_WAIT);
    ck_assert_str_eq(a.end_message, "disabled wait PSW=00020000 0000AAAA");
    ck_assert_str_eq(b.end_message, "disabled wait PSW=00020000 0000BBBB");
    ck_assert_str_eq(out_a.text, "AAAA|");
    ck_assert_str_eq(out_b.text, "BBBB|");
    /* The IPL stored each device address at 2-3. */
    ck_assert_uint_eq(load_be16(a.cpu.storage.bytes + 2), 0x00C);
    machine_free(&a);
    machine_free(&b);
    unlink(deck_a);
    unlink(deck_b);
    free(deck_a);
    free(deck_b);
}
END_TEST

START_TEST(test_virtual_timer_wakes_an_enabled_wait_at_the_computed_time)
{
    /* ST the timer value 100 at X'50', enable external interruptions in
     * a wait; the external new PSW is a disabled wait. */
    char *deck = make_deck("D207 0058 0230"     /* 200 MVC X'58'(8),EXTNEW */
                           "D203 0050 0238"     /* 206 MVC X'50'(4),VALUE */
                           "8200 0228"          /* 20C LPSW WAIT */
                           "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000" /* 210-227 */
                           "01020000 00000000"  /* 228 WAIT: external enabled */
                           "00020000 0000EEEE"  /* 230 EXTNEW */
                           "00000064");         /* 238 VALUE: 100 */
    static struct machine m;
    start_machine(&m, TIMER_VIRTUAL, deck);
    machine_run(&m);
    ck_assert_int_eq(m.end, MACHINE_END_DISABLED_WAIT);
    ck_assert_str_eq(m.end_message, "disabled wait PSW=00020000 0000EEEE");
    /* External old PSW: code X'0080', the timer. */
    ck_assert_uint_eq(load_be32(m.cpu.storage.bytes + 0x18), 0x01020080);
    /* Time skipped to exactly the unit that turns the timer negative:
     * 100 - 101 = -1, no further. */
    ck_assert_uint_eq(load_be32(m.cpu.storage.bytes + 0x50), 0xFFFFFFFF);
    ck_assert_uint_gt(m.idle_time, 1300);
    machine_free(&m);
    unlink(deck);
    free(deck);
}
END_TEST

/* Sets the timer, loops 10000 times (BCT), stores what X'50' then
 * reads, and stops. */
static uint32_t timer_after_loop(enum timer_mode mode)
{
    char *deck = make_deck("D203 0050 0238"   /* 200 MVC X'50'(4),VALUE */
                           "4810 023C"        /* 206 LH 1,COUNT */
                           "4610 020A"        /* 20A BCT 1,* */
                           "D203 0240 0050"   /* 20E MVC X'240'(4),X'50' */
                           "8200 0230"        /* 214 LPSW DONE */
                           "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000" /* 218-22F */
                           "00020000 00000000" /* 230 DONE */
                           "00100000"          /* 238 VALUE */
                           "2710 0000");       /* 23C COUNT: 10000 */
    static struct machine m;
    start_machine(&m, mode, deck);
    machine_run(&m);
    ck_assert_int_eq(m.end, MACHINE_END_DISABLED_WAIT);
    uint32_t v = load_be32(m.cpu.storage.bytes + 0x240);
    machine_free(&m);
    unlink(deck);
    free(deck);
    return v;
}

START_TEST(test_virtual_timer_makes_runs_repeatable)
{
    uint32_t first = timer_after_loop(TIMER_VIRTUAL);
    uint32_t second = timer_after_loop(TIMER_VIRTUAL);
    ck_assert_uint_eq(first, second);
    /* About 10003 instructions: at most 10003 * 48 / 625 = 768 units,
     * less the part of the last (1024-instruction) slice not yet seen. */
    ck_assert_uint_le(0x00100000 - first, 768);
    ck_assert_uint_ge(0x00100000 - first, 768 - 79);
}
END_TEST

START_TEST(test_timer_off_does_not_count)
{
    ck_assert_uint_eq(timer_after_loop(TIMER_OFF), 0x00100000);
}
END_TEST

START_TEST(test_instruction_limit_stops_the_run_at_exactly_n)
{
    char *deck = make_deck("47F0 0200"); /* B * */
    static struct machine m;
    start_machine(&m, TIMER_OFF, deck);
    m.max_instructions = 12345;
    machine_run(&m);
    ck_assert_int_eq(m.end, MACHINE_END_INSTRUCTION_LIMIT);
    ck_assert_uint_eq(m.cpu.icount, 12345);
    ck_assert_str_eq(m.end_message, "instruction limit of 12345 reached, PSW=00000000 00000200");
    machine_free(&m);
    unlink(deck);
    free(deck);
}
END_TEST

START_TEST(test_program_interruption_loop_ends_the_run_with_a_check_stop)
{
    /* An operation exception whose new PSW has an odd address. */
    char *deck = make_deck("D207 0068 0210" /* 200 MVC X'68'(8),PGMNEW */
                           "0000"           /* 206 operation exception */
                           "0000 0000 0000 0000" /* 208-20F */
                           "00000000 00000201"); /* 210 PGMNEW */
    static struct machine m;
    start_machine(&m, TIMER_OFF, deck);
    machine_run(&m);
    ck_assert_int_eq(m.end, MACHINE_END_FAILURE);
    ck_assert(strncmp(m.end_message, "check stop: program interruption loop", 37) == 0);
    machine_free(&m);
    unlink(deck);
    free(deck);
}
END_TEST

START_TEST(test_ipl_from_an_empty_reader_fails_and_the_cpu_stays_stopped)
{
    char *deck = strdup("/tmp/vm67-machine-XXXXXX");
    int fd = mkstemp(deck);
    close(fd);
    static struct machine m;
    struct error err;
    struct machine_settings settings = {.storage_bytes = 64 * 1024, .timer = TIMER_OFF};
    ck_assert(machine_init(&m, &settings, NULL, &err));
    char *argv[] = {deck, "ebcdic"};
    ck_assert(machine_attach(&m, 0x00C, "2540R", 2, argv, &err));
    ck_assert(machine_ipl(&m, 0x00C, &err));
    machine_run(&m);
    ck_assert_int_eq(m.state, MACHINE_STOPPED);
    ck_assert_int_eq(m.end, MACHINE_END_FAILURE);
    ck_assert_str_eq(m.end_message, "the machine waits for input and has no way to get any");
    ck_assert(!machine_ipl(&m, 0x00D, &err));
    ck_assert_str_eq(err.message, "IPL: no device at address 00D");
    machine_free(&m);
    unlink(deck);
    free(deck);
}
END_TEST

START_TEST(test_machine_attach_refuses_unknown_types)
{
    static struct machine m;
    struct error err;
    struct machine_settings settings = {.storage_bytes = 64 * 1024, .timer = TIMER_OFF};
    ck_assert(machine_init(&m, &settings, NULL, &err));
    ck_assert(!machine_attach(&m, 0x00C, "9999", 0, NULL, &err));
    ck_assert_str_eq(err.message, "unknown device type '9999'");
    machine_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("machine");
    TCase *tc = tcase_create("machine");
    tcase_add_test(tc, test_two_machines_in_one_process_run_their_own_programs);
    tcase_add_test(tc, test_virtual_timer_wakes_an_enabled_wait_at_the_computed_time);
    tcase_add_test(tc, test_virtual_timer_makes_runs_repeatable);
    tcase_add_test(tc, test_timer_off_does_not_count);
    tcase_add_test(tc, test_instruction_limit_stops_the_run_at_exactly_n);
    tcase_add_test(tc, test_program_interruption_loop_ends_the_run_with_a_check_stop);
    tcase_add_test(tc, test_ipl_from_an_empty_reader_fails_and_the_cpu_stays_stopped);
    tcase_add_test(tc, test_machine_attach_refuses_unknown_types);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
