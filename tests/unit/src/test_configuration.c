/* The configuration file (src/configuration.h): statements, device lines,
 * Hercules compatibility, and every error with its FILE:LINE. */
#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "src/configuration.h"

static struct config c;
static struct error err;

static void setup(void)
{
    config_init(&c);
}

static void teardown(void)
{
    config_free(&c);
}

static bool parse(const char *text)
{
    config_free(&c);
    config_init(&c);
    return config_parse(&c, "t.cnf", text, &err);
}

static void assert_error(const char *text, const char *message)
{
    ck_assert_msg(!parse(text), "accepted: %s", text);
    ck_assert_str_eq(err.message, message);
}

START_TEST(test_defaults_are_1m_and_the_host_timer)
{
    ck_assert(parse(""));
    ck_assert_uint_eq(c.settings.storage_bytes, 1024 * 1024);
    ck_assert_int_eq(c.settings.timer, TIMER_HOST);
    ck_assert_uint_eq(c.device_count, 0);
}
END_TEST

START_TEST(test_mainsize_is_megabytes_or_kilobytes_with_k)
{
    ck_assert(parse("MAINSIZE 2\n"));
    ck_assert_uint_eq(c.settings.storage_bytes, 2 * 1024 * 1024);
    ck_assert(parse("mainsize 64K\n"));
    ck_assert_uint_eq(c.settings.storage_bytes, 64 * 1024);
    ck_assert(parse("MAINSIZE 16M\n"));
    ck_assert_uint_eq(c.settings.storage_bytes, 16 * 1024 * 1024);
}
END_TEST

START_TEST(test_mainsize_errors_name_the_line)
{
    assert_error("\nMAINSIZE 17\n", "t.cnf:2: MAINSIZE 17: a 67 has at most 16M of real storage");
    assert_error("MAINSIZE 3K\n", "t.cnf:1: MAINSIZE 3K: storage comes in 2K blocks (2K at least)");
    assert_error("MAINSIZE 0\n", "t.cnf:1: MAINSIZE 0: storage comes in 2K blocks (2K at least)");
    assert_error("MAINSIZE big\n", "t.cnf:1: MAINSIZE big: expected a number of megabytes, or kilobytes with K");
    assert_error("MAINSIZE 4X\n", "t.cnf:1: MAINSIZE 4X: expected a number of megabytes, or kilobytes with K");
    assert_error("MAINSIZE\n", "t.cnf:1: MAINSIZE takes one value (megabytes, or kilobytes with K)");
    assert_error("MAINSIZE 99999999999999999999\n",
                 "t.cnf:1: MAINSIZE 99999999999999999999: expected a number of megabytes, or kilobytes with K");
}
END_TEST

START_TEST(test_numcpu_other_than_1_is_refused)
{
    ck_assert(parse("NUMCPU 1\n"));
    ck_assert_uint_eq(c.note_count, 1);
    ck_assert_str_eq(c.notes[0], "t.cnf:1: NUMCPU 1 ignored: the machine has one CPU in any case");
    assert_error("NUMCPU 2\n", "t.cnf:1: NUMCPU 2: vm67 has one CPU");
    assert_error("NUMCPU\n", "t.cnf:1: NUMCPU takes one value");
}
END_TEST

START_TEST(test_timer_modes)
{
    ck_assert(parse("TIMER VIRTUAL\n"));
    ck_assert_int_eq(c.settings.timer, TIMER_VIRTUAL);
    ck_assert(parse("timer off\n"));
    ck_assert_int_eq(c.settings.timer, TIMER_OFF);
    ck_assert(parse("TIMER HOST\n"));
    ck_assert_int_eq(c.settings.timer, TIMER_HOST);
    assert_error("TIMER FAST\n", "t.cnf:1: TIMER FAST: expected HOST, VIRTUAL or OFF");
    assert_error("TIMER\n", "t.cnf:1: TIMER takes one value: HOST, VIRTUAL or OFF");
}
END_TEST

START_TEST(test_hercules_statements_are_accepted_with_a_note)
{
    ck_assert(parse("CPUSERIAL 000611\nCPUMODEL 2067\nARCHMODE S/370\nCNSLPORT 3270\n"));
    ck_assert_uint_eq(c.note_count, 4);
    ck_assert_str_eq(c.notes[0], "t.cnf:1: CPUSERIAL ignored: it has no meaning for vm67's System/360 Model 67");
    ck_assert_str_eq(c.notes[2], "t.cnf:3: ARCHMODE ignored: it has no meaning for vm67's System/360 Model 67");
}
END_TEST

START_TEST(test_unknown_statement_is_an_error)
{
    assert_error("# comment\n* comment\n\nFROBNICATE 1\n", "t.cnf:4: unknown statement 'FROBNICATE'");
}
END_TEST

START_TEST(test_device_lines_keep_type_and_arguments)
{
    ck_assert(parse("000C 3505 \"my deck.txt\" ascii eof # the reader\n01F 1052\n"));
    ck_assert_uint_eq(c.device_count, 2);
    ck_assert_uint_eq(c.devices[0].address, 0x00C);
    ck_assert_str_eq(c.devices[0].type, "3505");
    ck_assert_int_eq(c.devices[0].argc, 3);
    ck_assert_str_eq(c.devices[0].argv[0], "my deck.txt");
    ck_assert_str_eq(c.devices[0].argv[2], "eof");
    ck_assert_uint_eq(c.devices[0].line, 1);
    ck_assert_uint_eq(c.devices[1].address, 0x01F);
    ck_assert_int_eq(c.devices[1].argc, 0);
}
END_TEST

START_TEST(test_device_ranges_and_lists)
{
    ck_assert(parse("0C0-0C2 2400 *\n0C4.2 2400 *\n0:0D0,0D2 2400 *\n"));
    ck_assert_uint_eq(c.device_count, 7);
    ck_assert_uint_eq(c.devices[2].address, 0x0C2);
    ck_assert_uint_eq(c.devices[4].address, 0x0C5);
    ck_assert_uint_eq(c.devices[5].address, 0x0D0);
    ck_assert_uint_eq(c.devices[6].address, 0x0D2);
}
END_TEST

/* Hercules's CUU.N takes N in decimal (config.c: strtoul base 10):
 * 0C0.10 is ten devices, 0C0-0C9, not sixteen. */
START_TEST(test_device_count_is_decimal_as_in_hercules)
{
    ck_assert(parse("0C0.10 2400 *\n"));
    ck_assert_uint_eq(c.device_count, 10);
    ck_assert_uint_eq(c.devices[0].address, 0x0C0);
    ck_assert_uint_eq(c.devices[9].address, 0x0C9);
    assert_error("0C0.1A 2400 *\n", "t.cnf:1: '1A' is not a device count (A.N counts N devices from A; N is decimal)");
    assert_error("0C0.A 2400 *\n", "t.cnf:1: 'A' is not a device count (A.N counts N devices from A; N is decimal)");
    assert_error("6F0.17 2400 *\n", "t.cnf:1: '17' is not a device count (A.N counts N devices from A; N is decimal)");
    ck_assert(parse("6F0.16 2400 *\n"));
    ck_assert_uint_eq(c.devices[15].address, 0x6FF);
}
END_TEST

/* Hercules statements about the host (module loading, tracing, tape
 * automount) have no meaning for vm67: a note, not an error. */
START_TEST(test_hercules_host_statements_get_a_note)
{
    ck_assert(parse("MODPATH /usr/lib/hercules\nLDMOD dyncrypt\nTRACEOPT REGSFIRST\nAUTOMOUNT +/tapes\n"));
    ck_assert_uint_eq(c.note_count, 4);
    ck_assert_str_eq(c.notes[1], "t.cnf:2: LDMOD ignored: it has no meaning for vm67's System/360 Model 67");
    ck_assert_str_eq(c.notes[3], "t.cnf:4: AUTOMOUNT ignored: it has no meaning for vm67's System/360 Model 67");
}
END_TEST

/* Hercules 3's DEFSYM and $(NAME): symbols, then the environment, then
 * nothing; comment lines are left alone. */
START_TEST(test_defsym_and_environment_symbols_are_substituted_in_later_lines)
{
    setenv("VM67_TEST_DECKS", "/decks", 1);
    unsetenv("VM67_TEST_UNSET");
    ck_assert_msg(parse("DEFSYM TAPES \"tape dir\"\n"
                        "* $(UNCLOSED in a comment line\n"
                        "0C0 2400 \"$(TAPES)/sys.tap\" ro\n"
                        "00C 3505 $(VM67_TEST_DECKS)/a.deck$(VM67_TEST_UNSET) eof\n"
                        "DEFSYM TAPES other\n"
                        "0C1 2400 $(TAPES)/s1.tap\n"),
                  "%s", err.message);
    ck_assert_uint_eq(c.device_count, 3);
    ck_assert_str_eq(c.devices[0].argv[0], "tape dir/sys.tap");
    ck_assert_str_eq(c.devices[1].argv[0], "/decks/a.deck");
    ck_assert_str_eq(c.devices[2].argv[0], "other/s1.tap");
    /* DEFSYM wins over the environment. */
    ck_assert(parse("DEFSYM VM67_TEST_DECKS mine\n00C 3505 $(VM67_TEST_DECKS)/b.deck\n"));
    ck_assert_str_eq(c.devices[0].argv[0], "mine/b.deck");
}
END_TEST

START_TEST(test_symbol_errors_name_the_line)
{
    assert_error("MAINSIZE 1\n00C 3505 $(OPEN\n", "t.cnf:2: '$(' without its ')'");
    assert_error("00C 3505 $()\n", "t.cnf:1: '$()' is not a symbol reference");
    assert_error("DEFSYM\n", "t.cnf:1: DEFSYM takes a symbol name and one value (quote a value with blanks)");
    assert_error("DEFSYM A-B x\n", "t.cnf:1: DEFSYM A-B: a symbol name is letters, digits and underscores");
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* INCLUDE reads another file in place; its errors and its devices name
 * the included file and its line. */
START_TEST(test_include_reads_the_file_in_place_and_names_it_in_errors)
{
    char dir[] = "/tmp/vm67-include-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char inner[256], outer[256], bad[256], loop[256];
    snprintf(inner, sizeof inner, "%s/inner.cnf", dir);
    snprintf(outer, sizeof outer, "%s/outer.cnf", dir);
    snprintf(bad, sizeof bad, "%s/bad.cnf", dir);
    snprintf(loop, sizeof loop, "%s/loop.cnf", dir);
    write_file(inner, "# the disks\n0130 2314 $(DISK)\n");
    char text[1024];
    snprintf(text, sizeof text, "DEFSYM DISK d.cckd\nINCLUDE %s\n000C 3505 x.deck\n", inner);
    write_file(outer, text);
    config_free(&c);
    config_init(&c);
    ck_assert_msg(config_load(&c, outer, &err), "%s", err.message);
    ck_assert_uint_eq(c.device_count, 2);
    ck_assert_str_eq(c.devices[0].argv[0], "d.cckd");
    ck_assert_str_eq(c.devices[0].file, inner);
    ck_assert_uint_eq(c.devices[0].line, 2);
    ck_assert_str_eq(c.devices[1].file, outer);
    ck_assert_uint_eq(c.devices[1].line, 3);
    ck_assert_str_eq(c.file, outer);

    write_file(bad, "MAINSIZE 1\nBOGUS\n");
    snprintf(text, sizeof text, "INCLUDE %s\n", bad);
    char expected[1024];
    snprintf(expected, sizeof expected, "t.cnf:1: in INCLUDE %s: %s:2: unknown statement 'BOGUS'", bad, bad);
    assert_error(text, expected);

    snprintf(text, sizeof text, "INCLUDE %s/missing.cnf\n", dir);
    snprintf(expected, sizeof expected, "t.cnf:1: INCLUDE %s/missing.cnf: No such file or directory", dir);
    assert_error(text, expected);
    snprintf(text, sizeof text, "IGNORE INCLUDE_ERRORS\nINCLUDE %s/missing.cnf\n", dir);
    ck_assert_msg(parse(text), "%s", err.message);
    ck_assert_uint_eq(c.note_count, 1);

    /* A file that includes itself stops at the nesting limit. */
    snprintf(text, sizeof text, "INCLUDE %s\n", loop);
    write_file(loop, text);
    config_free(&c);
    config_init(&c);
    ck_assert(!config_load(&c, loop, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "more than 8 nested INCLUDE files"));

    unlink(inner);
    unlink(outer);
    unlink(bad);
    unlink(loop);
    rmdir(dir);
}
END_TEST

START_TEST(test_device_line_errors)
{
    assert_error("000C\n", "t.cnf:1: device 000C: the device type is missing");
    assert_error("000C 9999 x\n", "t.cnf:1: device 000C: unknown device type '9999'");
    assert_error("0A80 3505 x\n",
                 "t.cnf:1: device address A80 is beyond the 67's channels 0-6 (addresses 000-6FF)");
    assert_error("000C 3505 a\n000C 3505 b\n", "t.cnf:2: device 00C is already defined at t.cnf:1");
    assert_error("0C2-0C0 2400 *\n", "t.cnf:1: the range 0C2-0C0 ends before it starts");
    assert_error("000C 3505 \"unclosed\n", "t.cnf:1: a quote (\") is not closed");
    assert_error("0C0.0 2400 *\n", "t.cnf:1: '0' is not a device count (A.N counts N devices from A; N is decimal)");
}
END_TEST

START_TEST(test_loading_a_missing_file_names_it)
{
    ck_assert(!config_load(&c, "/nonexistent/vm67.cnf", &err));
    ck_assert_str_eq(err.message, "/nonexistent/vm67.cnf: No such file or directory");
}
END_TEST

START_TEST(test_overlong_line_and_binary_file_are_refused)
{
    char *text = malloc(5000);
    memset(text, 'A', 4999);
    text[4999] = '\0';
    ck_assert(!parse(text));
    ck_assert_str_eq(err.message, "t.cnf:1: the line is longer than 4095 characters");
    free(text);
    char path[] = "/tmp/vm67-cnf-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_eq(write(fd, "MAINSIZE 1\n\0\1\2", 14), 14);
    close(fd);
    ck_assert(!config_load(&c, path, &err));
    char want[128];
    snprintf(want, sizeof want, "%s: holds NUL bytes (is this a configuration file?)", path);
    ck_assert_str_eq(err.message, want);
    unlink(path);
}
END_TEST

START_TEST(test_split_words_handles_quotes_and_comments)
{
    char line[] = "send \"HELLO, World # 1\" 'two words' \"a \\\"q\\\"\" # comment";
    char *words[8];
    ck_assert_int_eq(config_split_words(line, words, 8, &err), 4);
    ck_assert_str_eq(words[1], "HELLO, World # 1");
    ck_assert_str_eq(words[2], "two words");
    ck_assert_str_eq(words[3], "a \"q\"");
    char empty[] = "send \"\"";
    ck_assert_int_eq(config_split_words(empty, words, 8, &err), 2);
    ck_assert_str_eq(words[1], "");
    char joined[] = "send \"a\"b";
    ck_assert_int_eq(config_split_words(joined, words, 8, &err), -1);
    ck_assert_str_eq(err.message, "text follows a closing quote");
}
END_TEST

START_TEST(test_parse_address)
{
    uint16_t a;
    ck_assert(config_parse_address("01f", &a, &err));
    ck_assert_uint_eq(a, 0x01F);
    ck_assert(config_parse_address("0:0C0", &a, &err));
    ck_assert_uint_eq(a, 0x0C0);
    ck_assert(!config_parse_address("12345", &a, &err));
    ck_assert_str_eq(err.message, "'12345' is not a device address (1 to 4 hex digits)");
    ck_assert(!config_parse_address("0G0", &a, &err));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("configuration");
    TCase *tc = tcase_create("configuration");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_defaults_are_1m_and_the_host_timer);
    tcase_add_test(tc, test_mainsize_is_megabytes_or_kilobytes_with_k);
    tcase_add_test(tc, test_mainsize_errors_name_the_line);
    tcase_add_test(tc, test_numcpu_other_than_1_is_refused);
    tcase_add_test(tc, test_timer_modes);
    tcase_add_test(tc, test_hercules_statements_are_accepted_with_a_note);
    tcase_add_test(tc, test_unknown_statement_is_an_error);
    tcase_add_test(tc, test_device_lines_keep_type_and_arguments);
    tcase_add_test(tc, test_device_ranges_and_lists);
    tcase_add_test(tc, test_device_count_is_decimal_as_in_hercules);
    tcase_add_test(tc, test_hercules_host_statements_get_a_note);
    tcase_add_test(tc, test_defsym_and_environment_symbols_are_substituted_in_later_lines);
    tcase_add_test(tc, test_symbol_errors_name_the_line);
    tcase_add_test(tc, test_include_reads_the_file_in_place_and_names_it_in_errors);
    tcase_add_test(tc, test_device_line_errors);
    tcase_add_test(tc, test_loading_a_missing_file_names_it);
    tcase_add_test(tc, test_overlong_line_and_binary_file_are_refused);
    tcase_add_test(tc, test_split_words_handles_quotes_and_comments);
    tcase_add_test(tc, test_parse_address);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
