/* The operator's side: the command interpreter shared by scripts and the
 * terminal (src/operator_commands.h), console scripts, expect and wait,
 * and the console transcript (src/console_log.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/console_1052.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"
#include "src/console_script.h"
#include "src/operator_commands.h"
#include "src/operator_session.h"

static struct machine machine;
static struct operator_session session;
static char *output;
static size_t output_size;
static FILE *out;
static struct error err;
static char log_path[] = "/tmp/vm67-log-XXXXXX";

static void setup(void)
{
    out = open_memstream(&output, &output_size);
    operator_session_init(&session, &machine, out);
    struct machine_host host;
    operator_session_machine_host(&session, &host);
    struct machine_settings settings = {.storage_bytes = 64 * 1024, .timer = TIMER_OFF};
    ck_assert(machine_init(&machine, &settings, &host, &err));
    ck_assert(machine_attach(&machine, 0x01F, "1052", 0, NULL, &err));
    operator_session_attach_consoles(&session);
    strcpy(log_path, "/tmp/vm67-log-XXXXXX");
    int fd = mkstemp(log_path);
    close(fd);
    ck_assert(console_log_open(&session.log, log_path, &err));
    session.logging = true;
}

static void teardown(void)
{
    operator_session_free(&session);
    machine_free(&machine);
    fclose(out);
    free(output);
    unlink(log_path);
}

static enum command_result run(const char *line)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", line);
    return operator_execute(&session, copy, &err);
}

static const char *printed(void)
{
    fflush(out);
    return output;
}

static char *transcript(void)
{
    fflush(session.log.file);
    FILE *f = fopen(log_path, "r");
    static char text[4096];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* Starts a console read inquiry (X'0A', 80 bytes at X'300', SLI). */
static void start_console_read(void)
{
    uint8_t *m = machine.cpu.storage.bytes;
    store_be32(m + 0x100, 0x0A000300);
    store_be32(m + 0x104, 0x20000050);
    store_be32(m + LOW_CAW, 0x100);
    ck_assert_int_eq(channel_io_ops.start_io(&machine.channels, 0x01F), 0);
}

START_TEST(test_psw_gpr_and_cr_display_and_alter)
{
    ck_assert_int_eq(run("psw 00020000 00002000"), COMMAND_DONE);
    ck_assert_str_eq(printed(), "PSW=00020000 00002000 (BC mode, CPU stopped, wait)\n");
    ck_assert_int_eq(run("gpr 3 DEADBEEF"), COMMAND_DONE);
    ck_assert_uint_eq(machine.cpu.gpr[3], 0xDEADBEEF);
    ck_assert(strstr(printed(), "GR03=DEADBEEF\n") != NULL);
    ck_assert_int_eq(run("gpr"), COMMAND_DONE);
    ck_assert(strstr(printed(), "GR00=00000000 GR01=00000000 GR02=00000000 GR03=DEADBEEF\n") != NULL);
    ck_assert_int_eq(run("cr 0 00800000"), COMMAND_DONE);
    ck_assert_uint_eq(machine.cpu.cr[0], 0x00800000);
    ck_assert_int_eq(run("gpr 16 1"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "gpr: register number 0-15 expected, not '16'");
    ck_assert_int_eq(run("psw 1 2 3"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "usage: psw [W1 W2]          show (or set) the PSW");
}
END_TEST

START_TEST(test_real_storage_display_and_alter)
{
    ck_assert_int_eq(run("r 2000=C1C2C3C4"), COMMAND_DONE);
    ck_assert_mem_eq(machine.cpu.storage.bytes + 0x2000, "\xC1\xC2\xC3\xC4", 4);
    ck_assert_int_eq(run("r 2004 = 47F0 F00A"), COMMAND_DONE);
    ck_assert_mem_eq(machine.cpu.storage.bytes + 0x2004, "\x47\xF0\xF0\x0A", 4);
    fseek(out, 0, SEEK_SET);
    ck_assert_int_eq(run("r 2000.8"), COMMAND_DONE);
    ck_assert(strstr(printed(), "R:002000 C1C2C3C4 47F0F00A") != NULL);
    ck_assert(strstr(printed(), "*ABCD.00.*") != NULL);
    ck_assert_int_eq(run("r 10000"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "address 010000 is beyond storage (64K)");
    ck_assert_int_eq(run("r 2000=ABC"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "the new contents must be an even number of hex digits");
    ck_assert_int_eq(run("r zz"), COMMAND_FAILED);
    /* v is real storage while DAT is off. */
    ck_assert_int_eq(run("v 2000.4"), COMMAND_DONE);
    ck_assert(strstr(printed(), "V:002000 C1C2C3C4") != NULL);
}
END_TEST

START_TEST(test_devlist_attach_detach_and_devinit)
{
    char deck[] = "/tmp/vm67-deck-XXXXXX";
    int fd = mkstemp(deck);
    uint8_t card[80];
    memset(card, 0x40, 80);
    ck_assert_int_eq(write(fd, card, 80), 80);
    close(fd);
    char line[256];
    snprintf(line, sizeof line, "attach 00C 3505 %s ebcdic", deck);
    ck_assert_int_eq(run(line), COMMAND_DONE);
    ck_assert_int_eq(run("devlist"), COMMAND_DONE);
    ck_assert(strstr(printed(), "00C 2540R   available") != NULL);
    ck_assert(strstr(printed(), "01F 1052    available            ready") != NULL);
    snprintf(line, sizeof line, "devinit 00C %s ebcdic eof", deck);
    ck_assert_int_eq(run(line), COMMAND_DONE);
    ck_assert_int_eq(run("devinit 00C /nonexistent"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "device 00C (2540R): /nonexistent: No such file or directory");
    ck_assert_int_eq(run("detach 00C"), COMMAND_DONE);
    ck_assert_ptr_null(channel_device_at(&machine.channels, 0x00C));
    ck_assert_int_eq(run("detach 00C"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "no device at address 00C");
    ck_assert_int_eq(run("attach 00C 9999"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "unknown device type '9999'");
    unlink(deck);
}
END_TEST

START_TEST(test_send_waits_for_a_read_and_types_it)
{
    ck_assert_int_eq(run("send \"hello\""), COMMAND_BLOCKED);
    start_console_read();
    ck_assert_int_eq(run("send \"hello\""), COMMAND_DONE);
    event_run_due(&machine.events, machine_now(&machine));
    uint8_t want[5];
    ascii_to_ebcdic(want, (const uint8_t *)"hello", 5);
    ck_assert_mem_eq(machine.cpu.storage.bytes + 0x300, want, 5);
    ck_assert_str_eq(transcript(), "R0A hello\n");
}
END_TEST

START_TEST(test_slash_types_on_the_console)
{
    start_console_read();
    ck_assert_int_eq(run("/LOGIN X"), COMMAND_DONE);
    ck_assert_str_eq(transcript(), "R0A LOGIN X\n");
}
END_TEST

START_TEST(test_interrupt_during_a_read_writes_the_read_line_first)
{
    start_console_read();
    ck_assert_int_eq(run("type \"ab\""), COMMAND_DONE);
    ck_assert_int_eq(run("interrupt"), COMMAND_DONE);
    ck_assert_uint_eq(machine.cpu.external_pending, EXTERNAL_INTERRUPT_KEY);
    /* The program halts the read: *HIO, and the read's line is not
     * written again. */
    ck_assert_int_eq(channel_io_ops.halt_io(&machine.channels, 0x01F), 1);
    ck_assert_str_eq(transcript(), "R0A ab\n*INTERRUPT-KEY\n*HIO\n");
}
END_TEST

START_TEST(test_cancel_and_request_in_the_transcript)
{
    start_console_read();
    run("type \"abc\"");
    ck_assert_int_eq(run("cancel"), COMMAND_DONE);
    event_run_due(&machine.events, machine_now(&machine));
    channel_io_ops.test_io(&machine.channels, 0x01F);
    ck_assert_int_eq(run("request"), COMMAND_DONE);
    ck_assert_str_eq(transcript(), "R0A abc *CANCEL\n*ATTENTION\n");
}
END_TEST

START_TEST(test_expect_matches_only_what_was_written_after_the_last_match)
{
    struct device *console = channel_device_at(&machine.channels, 0x01F);
    (void)console;
    uint8_t *m = machine.cpu.storage.bytes;
    ascii_to_ebcdic(m + 0x400, (const uint8_t *)"ENTER: ", 7);
    store_be32(m + 0x100, 0x01000400);
    store_be32(m + 0x104, 0x00000007);
    store_be32(m + LOW_CAW, 0x100);
    ck_assert_int_eq(run("expect \"ENTER\""), COMMAND_BLOCKED);
    channel_io_ops.start_io(&machine.channels, 0x01F);
    ck_assert_int_eq(run("expect \"ENTER\""), COMMAND_DONE);
    ck_assert_int_eq(run("expect \"ENTER\""), COMMAND_BLOCKED);
    ck_assert_int_eq(run("expect \": \""), COMMAND_DONE);
    ck_assert_str_eq(transcript(), "W01 ENTER: \n");
    ck_assert(strstr(printed(), "ENTER: \n") != NULL);
}
END_TEST

START_TEST(test_wait_needs_an_idle_cpu_that_ran_since_the_last_action)
{
    ck_assert_int_eq(run("wait"), COMMAND_BLOCKED); /* stopped */
    uint8_t psw[8] = {0xFE, 0x02, 0, 0, 0, 0, 0x20, 0};
    ck_assert(cpu_load_psw(&machine.cpu, psw));
    machine.state = MACHINE_RUNNING;
    ck_assert_int_eq(run("wait"), COMMAND_BLOCKED); /* no instruction since */
    machine.cpu.icount = 10;
    ck_assert_int_eq(run("wait"), COMMAND_DONE);
    run("request");
    ck_assert_int_eq(run("wait"), COMMAND_BLOCKED); /* attention pending */
}
END_TEST

START_TEST(test_quit_ends_the_run)
{
    ck_assert_int_eq(run("quit"), COMMAND_DONE);
    ck_assert_int_eq(machine.end, MACHINE_END_QUIT);
}
END_TEST

START_TEST(test_unknown_commands_and_bad_arguments_are_refused)
{
    ck_assert_int_eq(run("frobnicate"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "unknown command 'frobnicate' (help lists them)");
    ck_assert_int_eq(run("send"), COMMAND_FAILED);
    ck_assert_int_eq(run("send \"a\" \"b\""), COMMAND_FAILED);
    ck_assert_int_eq(run("ipl"), COMMAND_FAILED);
    ck_assert_int_eq(run("ipl 00C"), COMMAND_FAILED);
    ck_assert_str_eq(err.message, "IPL: no device at address 00C");
    ck_assert_int_eq(run("   # a comment"), COMMAND_DONE);
    ck_assert_int_eq(run(""), COMMAND_DONE);
    ck_assert(operator_command_waits("expect \"x\""));
    ck_assert(!operator_command_waits("psw"));
}
END_TEST

START_TEST(test_script_parse_checks_every_line_naming_it)
{
    struct console_script script;
    ck_assert(console_script_parse(&script, "s.txt", "# c\n\nwait\nsend \"x\"\r\n/hello\n", &err));
    ck_assert_uint_eq(script.count, 3);
    ck_assert_uint_eq(script.lines[1].number, 4);
    ck_assert_str_eq(script.lines[1].text, "send \"x\"");
    console_script_free(&script);
    ck_assert(!console_script_parse(&script, "s.txt", "wait\nexpect\n", &err));
    ck_assert_str_eq(err.message, "s.txt:2: usage: expect \"TEXT\"        until a console writes TEXT");
    ck_assert(!console_script_parse(&script, "s.txt", "send \"open\n", &err));
    ck_assert_str_eq(err.message, "s.txt:1: a quote (\") is not closed");
    ck_assert(!console_script_load(&script, "/nonexistent/script", &err));
    ck_assert_str_eq(err.message, "/nonexistent/script: No such file or directory");
}
END_TEST

START_TEST(test_script_runs_until_a_line_must_wait_then_times_out_naming_it)
{
    struct console_script script;
    ck_assert(console_script_parse(&script, "s.txt", "gpr 1 5\nexpect \"NEVER\"\nquit\n", &err));
    session.script = &script;
    session.script_timeout = 0.0; /* any wait is too long */
    ck_assert(console_script_step(&script, &session));
    ck_assert_uint_eq(machine.cpu.gpr[1], 5);
    ck_assert_uint_eq(script.next, 1);
    ck_assert(script.blocked);
    char where[256];
    console_script_where(&script, where, sizeof where);
    ck_assert_str_eq(where, "s.txt:2: expect \"NEVER\"");
    ck_assert(!console_script_step(&script, &session));
    ck_assert_int_eq(machine.end, MACHINE_END_FAILURE);
    ck_assert_str_eq(machine.end_message, "s.txt:2: expect \"NEVER\": not met within 0 seconds (--script-timeout)");
    session.script = NULL;
    console_script_free(&script);
}
END_TEST

START_TEST(test_trace_writes_a_line_per_instruction)
{
    char path[] = "/tmp/vm67-trace-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    char line[64];
    snprintf(line, sizeof line, "trace %s", path);
    ck_assert_int_eq(run(line), COMMAND_DONE);
    uint8_t *m = machine.cpu.storage.bytes;
    store_be32(m + 0x200, 0x1A12D203);  /* AR 1,2; MVC ... */
    store_be32(m + 0x204, 0x03000400);
    store_be16(m + 0x208, 0x0500);
    uint8_t psw[8] = {0, 0, 0, 0, 0, 0, 0x02, 0};
    cpu_load_psw(&machine.cpu, psw);
    cpu_run(&machine.cpu, 2);
    ck_assert_int_eq(run("trace off"), COMMAND_DONE);
    FILE *f = fopen(path, "r");
    char text[256];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    ck_assert_str_eq(text, "000200 1A12         AR\n000202 D20303000400 MVC\n");
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("operator");
    TCase *tc = tcase_create("operator");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_psw_gpr_and_cr_display_and_alter);
    tcase_add_test(tc, test_real_storage_display_and_alter);
    tcase_add_test(tc, test_devlist_attach_detach_and_devinit);
    tcase_add_test(tc, test_send_waits_for_a_read_and_types_it);
    tcase_add_test(tc, test_slash_types_on_the_console);
    tcase_add_test(tc, test_interrupt_during_a_read_writes_the_read_line_first);
    tcase_add_test(tc, test_cancel_and_request_in_the_transcript);
    tcase_add_test(tc, test_expect_matches_only_what_was_written_after_the_last_match);
    tcase_add_test(tc, test_wait_needs_an_idle_cpu_that_ran_since_the_last_action);
    tcase_add_test(tc, test_quit_ends_the_run);
    tcase_add_test(tc, test_unknown_commands_and_bad_arguments_are_refused);
    tcase_add_test(tc, test_script_parse_checks_every_line_naming_it);
    tcase_add_test(tc, test_script_runs_until_a_line_must_wait_then_times_out_naming_it);
    tcase_add_test(tc, test_trace_writes_a_line_per_instruction);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
