/* The 2400 tape unit through its device type: every command, its status
 * and sense (devices/tape_2400.c; the rules and their sources are at the
 * top of that file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/tape_2400.h"
#include "tests/unit/devices/test_tape_support.h"

#define CE UNIT_CHANNEL_END
#define DE UNIT_DEVICE_END
#define UC UNIT_CHECK
#define UX UNIT_EXCEPTION

/* An E11 tape: blocks 80, 61, TM, 100, TM, TM; data patterned by index. */
static struct test_path standard_tape(const char *name)
{
    static const uint32_t lengths[] = {80, 61, 0, 100, 0, 0};
    struct test_bytes b = {0};
    uint8_t d[100];
    for (unsigned i = 0; i < 6; i++) {
        if (lengths[i] == 0) {
            test_simh_tape_mark(&b);
        } else {
            test_pattern(d, lengths[i], i);
            test_simh_record(&b, d, lengths[i], false, 0);
        }
    }
    struct test_path p = test_tape_path(name);
    test_write_file(p.s, b.p, b.n);
    test_bytes_free(&b);
    return p;
}

static void attach(struct test_drive *t, const char *path, const char *options)
{
    char args[1200];
    snprintf(args, sizeof args, "%s %s", path, options);
    test_drive_attach_ok(t, args);
}

static void assert_sense(struct test_drive *t, uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3,
                         uint8_t b4, uint8_t b5)
{
    uint8_t s[6];
    test_drive_sense(t, s);
    uint8_t want[6] = {b0, b1, b2, b3, b4, b5};
    ck_assert_msg(memcmp(s, want, 6) == 0, "sense %02X %02X %02X %02X %02X %02X, want %02X %02X %02X %02X %02X %02X",
                  s[0], s[1], s[2], s[3], s[4], s[5], b0, b1, b2, b3, b4, b5);
}

START_TEST(test_sense_of_a_ready_unit_at_load_point_is_six_bytes_tu_a_and_load_point)
{
    struct test_path p = standard_tape("sense.tap");
    struct test_drive t;
    attach(&t, p.s, "");
    assert_sense(&t, 0x00, 0x48, 0x00, 0x00, 0x00, 0x00);
    test_drive_detach(&t);
    attach(&t, p.s, "ro");
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x00, 0x00, 0x00); /* file protected */
    test_drive_detach(&t);
    attach(&t, p.s, "noring");
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x00, 0x00, 0x00);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_read_gives_the_block_and_its_true_length_with_channel_and_device_end)
{
    struct test_path p = standard_tape("read.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    uint8_t want[100];
    struct device_command c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 80);
    ck_assert_uint_gt(c.delay, 0);
    test_pattern(want, 80, 0);
    ck_assert_mem_eq(t.buffer, want, 80);
    /* A short count: the device still reports the record's length (the
     * channel computes the residual and incorrect length from it). */
    c = test_drive_run(&t, 0x02, 10, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 61);
    test_pattern(want, 61, 1);
    ck_assert_mem_eq(t.buffer, want, 61);
    assert_sense(&t, 0x00, 0x42, 0x00, 0x00, 0x00, 0x00);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_read_of_a_tape_mark_is_unit_exception_with_no_data)
{
    struct test_path p = standard_tape("readtm.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x02, 100, NULL);
    test_drive_run(&t, 0x02, 100, NULL);
    struct device_command c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UX);
    ck_assert_uint_eq(c.length, 0);
    c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 100);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_read_past_the_last_block_runs_off_the_reel_and_the_unit_drops_ready)
{
    struct test_path p = standard_tape("runoff.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    for (int i = 0; i < 6; i++)
        test_drive_run(&t, 0x02, 100, NULL);
    struct device_command c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    ck_assert_uint_eq(c.length, 0);
    /* Intervention required and equipment check; TU status B; reject
     * tape unit. */
    assert_sense(&t, 0x50, 0x20, 0x00, 0x00, 0x40, 0x00);
    /* Every later command finds the unit not ready, rewind included. */
    c = test_drive_run(&t, 0x07, 1, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    assert_sense(&t, 0x40, 0x20, 0x00, 0x00, 0x00, 0x00);
    c = test_drive_run(&t, 0x03, 1, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_read_of_a_blank_tape_runs_off_the_reel)
{
    struct test_path p = test_tape_path("blank.tap");
    test_write_file(p.s, "", 0);
    struct test_drive t;
    attach(&t, p.s, "");
    struct device_command c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    assert_sense(&t, 0x50, 0x20, 0x00, 0x00, 0x40, 0x00);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_write_commands_without_a_ring_are_command_reject_and_file_protected)
{
    struct test_path p = standard_tape("noring.tap");
    size_t before;
    free(test_read_file(p.s, &before));
    struct test_drive t;
    attach(&t, p.s, "ro");
    static const uint8_t codes[] = {0x01, 0x1F, 0x17};
    for (unsigned i = 0; i < 3; i++) {
        uint8_t d[4] = {1, 2, 3, 4};
        struct device_command c = test_drive_run(&t, codes[i], 4, d);
        ck_assert_uint_eq(c.status, CE | DE | UC);
        assert_sense(&t, 0x80, 0x4A, 0x00, 0x00, 0x00, 0x00);
    }
    test_drive_detach(&t);
    size_t after;
    free(test_read_file(p.s, &after));
    ck_assert_uint_eq(after, before);
}
END_TEST

START_TEST(test_write_records_the_block_and_sets_write_status_until_a_read)
{
    struct test_path p = test_tape_path("w.aws");
    struct test_drive t;
    attach(&t, p.s, ""); /* created blank */
    uint8_t d[300];
    test_pattern(d, 300, 9);
    struct device_command c = test_drive_run(&t, 0x01, 300, d);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 300);
    assert_sense(&t, 0x00, 0x44, 0x00, 0x00, 0x00, 0x00); /* TU A, write status */
    ck_assert_uint_eq(test_drive_motion(&t, 0x1F), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x17), CE | DE); /* erase gap */
    c = test_drive_run(&t, 0x07, 1, NULL);
    ck_assert_uint_eq(c.status, CE);
    test_drive_settle(&t);
    c = test_drive_run(&t, 0x02, 300, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 300);
    ck_assert_mem_eq(t.buffer, d, 300);
    assert_sense(&t, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00);
    c = test_drive_run(&t, 0x02, 300, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UX);
    test_drive_detach(&t);
    /* Written to the file as the command completed: an AWS image. */
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    ck_assert_uint_eq(n, 306 + 6);
    ck_assert_uint_eq(bytes[4], 0xA0);
    ck_assert_uint_eq(bytes[306 + 4], 0x40);
    free(bytes);
}
END_TEST

START_TEST(test_write_truncates_the_tape_after_the_block_written)
{
    struct test_path p = standard_tape("trunc.tap");
    struct test_drive t;
    attach(&t, p.s, "");
    test_drive_run(&t, 0x02, 100, NULL);
    uint8_t d[2] = {0xF1, 0xF2};
    struct device_command c = test_drive_run(&t, 0x01, 2, d);
    ck_assert_uint_eq(c.status, CE | DE);
    c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC); /* nothing after it */
    test_drive_detach(&t);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    ck_assert_uint_eq(n, 88 + 10);
    free(bytes);
}
END_TEST

START_TEST(test_read_backward_gives_the_block_in_recorded_order_and_moves_back)
{
    struct test_path p = standard_tape("rdbk.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x02, 100, NULL);
    test_drive_run(&t, 0x02, 100, NULL);
    struct device_command c = test_drive_run(&t, 0x0C, 61, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 61);
    uint8_t want[100];
    test_pattern(want, 61, 1);
    /* Forward order: the channel stores it last byte first from the
     * CCW's address down, which leaves it in storage as recorded. */
    ck_assert_mem_eq(t.buffer, want, 61);
    assert_sense(&t, 0x00, 0x42, 0x00, 0x02, 0x00, 0x00); /* backward */
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_read_backward_into_load_point_is_unit_check_with_data_and_no_sense_bit)
{
    struct test_path p = standard_tape("rdbk-lp.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x02, 100, NULL);
    struct device_command c = test_drive_run(&t, 0x0C, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    ck_assert_uint_eq(c.length, 80);
    uint8_t want[80];
    test_pattern(want, 80, 0);
    ck_assert_mem_eq(t.buffer, want, 80);
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x02, 0x00, 0x00);
    /* At load point: nothing moves, unit check again. */
    c = test_drive_run(&t, 0x0C, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    ck_assert_uint_eq(c.length, 0);
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x02, 0x00, 0x00);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_backspace_block_at_load_point_is_unit_check_and_over_a_tape_mark_unit_exception)
{
    struct test_path p = standard_tape("bsr.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), CE | DE | UC);
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x02, 0x00, 0x00);
    for (int i = 0; i < 3; i++)
        test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), CE | DE | UX);
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), CE | DE | UC); /* into load point */
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_forward_space_block_passes_blocks_and_stops_after_a_tape_mark_with_unit_exception)
{
    struct test_path p = standard_tape("fsr.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    ck_assert_uint_eq(test_drive_motion(&t, 0x37), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x37), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x37), CE | DE | UX);
    struct device_command c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.length, 100);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_control_command_has_channel_end_at_once_and_device_end_when_the_motion_ends)
{
    struct test_path p = standard_tape("ce-de.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    struct device_command c = test_drive_run(&t, 0x37, 1, NULL);
    ck_assert_uint_eq(c.status, CE);
    ck_assert_uint_eq(c.length, 0); /* an immediate command: nothing transferred */
    ck_assert_uint_eq(c.delay, 0);
    ck_assert_uint_eq(t.async_count, 0);
    /* The unit is busy while the tape moves; sense still answers. */
    c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, UNIT_BUSY);
    assert_sense(&t, 0x00, 0x42, 0x00, 0x00, 0x00, 0x00);
    ck_assert_uint_gt(event_next_due(&t.events), 0);
    test_drive_settle(&t);
    ck_assert_uint_eq(t.async_count, 1);
    ck_assert_uint_eq(t.async[0], DE);
    c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 61);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_space_file_commands_stop_at_the_tape_mark_without_unit_exception)
{
    struct test_path p = standard_tape("files.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    ck_assert_uint_eq(test_drive_motion(&t, 0x3F), CE | DE);
    struct device_command c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.length, 100); /* first block of file 2 */
    ck_assert_uint_eq(test_drive_motion(&t, 0x3F), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x3F), CE | DE); /* the empty last file */
    /* Backspace file: before the tape mark that ended file 2. */
    ck_assert_uint_eq(test_drive_motion(&t, 0x2F), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x2F), CE | DE);
    c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UX); /* it is the tape mark */
    ck_assert_uint_eq(test_drive_motion(&t, 0x2F), CE | DE); /* before that tape mark again */
    ck_assert_uint_eq(test_drive_motion(&t, 0x2F), CE | DE); /* before the first tape mark */
    ck_assert_uint_eq(test_drive_motion(&t, 0x2F), CE | DE | UC); /* into load point */
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x02, 0x00, 0x00);
    ck_assert_uint_eq(test_drive_motion(&t, 0x2F), CE | DE | UC); /* at load point */
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_forward_space_file_past_the_end_runs_off_the_reel)
{
    struct test_bytes b = {0};
    uint8_t d[8] = {0};
    test_simh_record(&b, d, 8, true, 0);
    struct test_path p = test_tape_path("fsf-end.tap");
    test_write_file(p.s, b.p, b.n);
    test_bytes_free(&b);
    struct test_drive t;
    attach(&t, p.s, "ro");
    ck_assert_uint_eq(test_drive_motion(&t, 0x3F), CE | DE | UC);
    assert_sense(&t, 0x50, 0x20, 0x00, 0x00, 0x40, 0x00);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_rewind_gives_channel_end_at_once_and_device_end_at_load_point)
{
    struct test_path p = standard_tape("rew.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_motion(&t, 0x3F);
    struct device_command c = test_drive_run(&t, 0x07, 1, NULL);
    ck_assert_uint_eq(c.status, CE);
    ck_assert_uint_eq(c.delay, 0);
    ck_assert_uint_eq(t.async_count, 0);
    /* While it rewinds: busy to commands, sense shows TU A and B. */
    c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, UNIT_BUSY);
    ck_assert_uint_eq(c.length, 0);
    assert_sense(&t, 0x00, 0x6A, 0x00, 0x02, 0x00, 0x00);
    test_drive_settle(&t);
    ck_assert_uint_eq(t.async_count, 1);
    ck_assert_uint_eq(t.async[0], DE);
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x02, 0x00, 0x00);
    c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.length, 80);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_rewind_unload_ends_with_control_unit_end_device_end_unit_check_and_not_ready)
{
    struct test_path p = standard_tape("run.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x02, 80, NULL);
    struct device_command c = test_drive_run(&t, 0x0F, 1, NULL);
    ck_assert_uint_eq(c.status, CE);
    test_drive_settle(&t);
    ck_assert_uint_eq(t.async_count, 1);
    ck_assert_uint_eq(t.async[0], UNIT_CONTROL_UNIT_END | DE | UC);
    assert_sense(&t, 0x40, 0x20, 0x00, 0x00, 0x00, 0x00);
    c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    char line[200];
    tape_2400_type.describe(&t.dev, line, sizeof line);
    ck_assert_ptr_nonnull(strstr(line, "no reel mounted"));
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_mode_sets_are_accepted_on_a_9_track_unit_and_c3_cb_set_density)
{
    struct test_path p = standard_tape("mode.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    static const uint8_t codes[] = {0x03, 0xEB, 0xF3, 0x23, 0xA3, 0x63, 0x2B, 0x3B, 0xCB, 0xC3};
    for (unsigned i = 0; i < sizeof codes; i++) {
        struct device_command c = test_drive_run(&t, codes[i], 1, NULL);
        ck_assert_msg(c.status == (CE | DE), "mode set %02X: status %02X", codes[i], c.status);
    }
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x04, 0x00, 0x00); /* 1600 bpi after C3 */
    test_drive_run(&t, 0xCB, 1, NULL);
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x00, 0x00, 0x00);
    /* TOS's EB and F3 leave the density alone. */
    test_drive_run(&t, 0xC3, 1, NULL);
    test_drive_run(&t, 0xEB, 1, NULL);
    test_drive_run(&t, 0xF3, 1, NULL);
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x04, 0x00, 0x00);
    /* Data converter on: no converter on a 9-track control unit. */
    static const uint8_t converter[] = {0x13, 0x53, 0x93, 0xD3};
    for (unsigned i = 0; i < sizeof converter; i++) {
        struct device_command c = test_drive_run(&t, converter[i], 1, NULL);
        ck_assert_uint_eq(c.status, CE | DE | UC);
        assert_sense(&t, 0x80, 0x4A, 0x00, 0x04, 0x00, 0x00);
    }
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_codes_the_2803_does_not_know_are_command_reject)
{
    struct test_path p = standard_tape("reject.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    static const uint8_t codes[] = {0x00, 0x47, 0x87, 0xFF, 0x4F, 0xC7};
    for (unsigned i = 0; i < sizeof codes; i++) {
        struct device_command c = test_drive_run(&t, codes[i], 1, NULL);
        ck_assert_msg(c.status == (CE | DE | UC), "code %02X: status %02X", codes[i], c.status);
        assert_sense(&t, 0x80, 0x4A, 0x00, 0x00, 0x00, 0x00);
    }
    /* The rejected commands did not move the tape. */
    struct device_command c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.length, 80);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_sense_stays_until_the_next_command_other_than_sense)
{
    struct test_path p = standard_tape("keep.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x01, 1, (const uint8_t *)"x");
    assert_sense(&t, 0x80, 0x4A, 0x00, 0x00, 0x00, 0x00);
    assert_sense(&t, 0x80, 0x4A, 0x00, 0x00, 0x00, 0x00);
    test_drive_run(&t, 0x03, 1, NULL);
    assert_sense(&t, 0x00, 0x4A, 0x00, 0x00, 0x00, 0x00);
    /* A short sense count still reports six bytes as its length. */
    struct device_command c = test_drive_run(&t, 0x04, 1, NULL);
    ck_assert_uint_eq(c.length, 6);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_write_in_the_end_of_tape_area_is_unit_exception_and_past_maxsize_runs_off)
{
    struct test_path p = test_tape_path("eot.aws");
    struct test_drive t;
    attach(&t, p.s, "maxsize=1000 eotmargin=500");
    uint8_t d[200] = {0};
    struct device_command c = test_drive_run(&t, 0x01, 200, d); /* ends at 206 */
    ck_assert_uint_eq(c.status, CE | DE);
    c = test_drive_run(&t, 0x01, 200, d); /* 412 */
    ck_assert_uint_eq(c.status, CE | DE);
    c = test_drive_run(&t, 0x01, 200, d); /* 618: past the marker */
    ck_assert_uint_eq(c.status, CE | DE | UX);
    ck_assert_uint_eq(test_drive_motion(&t, 0x1F), CE | DE | UX);
    c = test_drive_run(&t, 0x01, 200, d); /* 830 */
    ck_assert_uint_eq(c.status, CE | DE | UX);
    c = test_drive_run(&t, 0x01, 200, d); /* would pass 1000 */
    ck_assert_uint_eq(c.status, CE | DE | UC);
    assert_sense(&t, 0x50, 0x20, 0x00, 0x00, 0x40, 0x00);
    test_drive_detach(&t);
    size_t n;
    free(test_read_file(p.s, &n));
    ck_assert_uint_eq(n, 830); /* the refused block was not written */
}
END_TEST

START_TEST(test_write_past_the_reels_end_of_tape_marker_is_unit_exception)
{
    /* 2400 feet: at 800 bpi a 65535-byte block takes 82.5 inches. */
    struct test_path p = test_tape_path("reel.aws");
    struct test_drive t;
    attach(&t, p.s, "");
    static uint8_t d[65535];
    unsigned before_eot = 0;
    struct device_command c;
    for (;;) {
        c = test_drive_run(&t, 0x01, sizeof d, d);
        if (c.status != (CE | DE))
            break;
        before_eot++;
    }
    /* 28464 inches to the marker: the block that ends past it is the
     * 345th (345 * 82.51875 = 28469). */
    ck_assert_uint_eq(before_eot, 344);
    ck_assert_uint_eq(c.status, CE | DE | UX);
    unsigned in_area = 0;
    for (;;) {
        c = test_drive_run(&t, 0x01, sizeof d, d);
        if (c.status != (CE | DE | UX))
            break;
        in_area++;
    }
    /* 18 feet more to the physical end: two blocks more fit. */
    ck_assert_uint_eq(in_area, 2);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    test_drive_detach(&t);
}
END_TEST

/* Damaged image: a SIMH file whose third block has disagreeing length
 * words. */
static struct test_path damaged_tape(const char *name)
{
    struct test_path p = standard_tape(name);
    size_t n;
    uint8_t *bytes = test_read_file(p.s, &n);
    /* Block 4 (100 bytes) starts at 88 + 69 + 4 = 161; its trailing word
     * at 161 + 104. */
    bytes[161 + 104] = 99;
    test_write_file(p.s, bytes, n);
    free(bytes);
    return p;
}

START_TEST(test_damaged_block_is_data_check_and_the_message_is_printed_once)
{
    struct test_path p = damaged_tape("damaged.tap");
    struct test_path log = test_tape_path("stderr.txt");
    ck_assert_ptr_nonnull(freopen(log.s, "w", stderr));
    struct test_drive t;
    attach(&t, p.s, "ro e11");
    test_drive_motion(&t, 0x3F);
    struct device_command c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    ck_assert_uint_eq(c.length, 0);
    assert_sense(&t, 0x08, 0x42, 0x00, 0xC0, 0x00, 0x00);
    /* The usual recovery: backspace, read again: the same data check. */
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), CE | DE);
    c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    assert_sense(&t, 0x08, 0x42, 0x00, 0xC0, 0x00, 0x00);
    /* Nothing can be followed beyond it. */
    c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    test_drive_detach(&t);
    fflush(stderr);
    size_t n;
    uint8_t *text = test_read_file(log.s, &n);
    text = realloc(text, n + 1);
    text[n] = '\0';
    const char *first = strstr((char *)text, "block 4 at offset 161");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(strstr((char *)text, "damaged.tap"));
    ck_assert_ptr_nonnull(strstr((char *)text, "tape 0C0"));
    ck_assert_ptr_null(strstr(first + 1, "block 4 at offset 161"));
    free(text);
}
END_TEST

START_TEST(test_spacing_over_a_damaged_block_is_no_data_check_but_reading_beyond_is)
{
    struct test_path p = damaged_tape("damaged2.tap");
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    struct test_drive t;
    attach(&t, p.s, "e11");
    test_drive_motion(&t, 0x3F);
    ck_assert_uint_eq(test_drive_motion(&t, 0x37), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x37), CE | DE | UC);
    assert_sense(&t, 0x08, 0x40, 0x00, 0xC0, 0x00, 0x00);
    struct device_command c = test_drive_run(&t, 0x01, 4, (const uint8_t *)"abcd");
    ck_assert_uint_eq(c.status, CE | DE | UC);
    /* Back over it and over the tape mark before it. */
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), CE | DE);
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), CE | DE | UX);
    c = test_drive_run(&t, 0x0C, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 61);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_drive_without_a_reel_is_not_ready)
{
    struct test_drive t;
    test_drive_attach_ok(&t, "*");
    struct device_command c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    assert_sense(&t, 0x40, 0x20, 0x00, 0x00, 0x00, 0x00);
    char line[200];
    tape_2400_type.describe(&t.dev, line, sizeof line);
    ck_assert_str_eq(line, "no reel mounted");
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_configuration_errors_name_the_argument)
{
    struct test_path p = standard_tape("cfg.tap");
    struct test_drive t;
    struct error err;
    char args[1200];
    snprintf(args, sizeof args, "%s frobnicate", p.s);
    ck_assert(!test_drive_attach(&t, args, &err));
    ck_assert_str_eq(err.message, "unknown tape option 'frobnicate'");
    snprintf(args, sizeof args, "%s method=2", p.s);
    ck_assert(!test_drive_attach(&t, args, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "bzip2"));
    snprintf(args, sizeof args, "%s level=10", p.s);
    ck_assert(!test_drive_attach(&t, args, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "level=10"));
    struct test_path missing = test_tape_path("nothere.tap");
    snprintf(args, sizeof args, "%s ro", missing.s);
    ck_assert(!test_drive_attach(&t, args, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "nothere.tap"));
    /* Hercules's options are accepted. */
    snprintf(args, sizeof args, "%s readonly=1 compress=0 idrc=1 level=9 chunksize=4096 "
                                "maxsizeM=40 eotmargin=64K deonirq=0 noautomount awstape",
             p.s);
    test_drive_attach_ok(&t, args);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_the_type_is_named_2400_with_hercules_tape_names_as_aliases)
{
    ck_assert_str_eq(tape_2400_type.name, "2400");
    static const char *const want[] = {"2401", "2415", "2420", "3410", "3411", "3420", "3422", "3430"};
    unsigned n = 0;
    while (tape_2400_type.aliases[n] != NULL)
        n++;
    ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
    for (unsigned i = 0; i < n; i++)
        ck_assert_str_eq(tape_2400_type.aliases[i], want[i]);
}
END_TEST

START_TEST(test_describe_names_file_format_ring_and_position)
{
    struct test_path p = standard_tape("desc.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x02, 80, NULL);
    char line[600];
    tape_2400_type.describe(&t.dev, line, sizeof line);
    ck_assert_ptr_nonnull(strstr(line, "desc.tap SIMH .tap (E11), no ring, block 1 (offset 88), 800 bpi, ready"));
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_reset_ends_a_rewind_without_its_device_end)
{
    struct test_path p = standard_tape("reset.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x02, 80, NULL);
    test_drive_run(&t, 0x07, 1, NULL);
    tape_2400_type.reset(&t.dev);
    test_drive_settle(&t);
    ck_assert_uint_eq(t.async_count, 0);
    struct device_command c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, CE | DE);
    ck_assert_uint_eq(c.length, 80);
    test_drive_detach(&t);
}
END_TEST

static bool remount(struct test_drive *t, const char *args, struct error *err)
{
    char copy[1200];
    snprintf(copy, sizeof copy, "%s", args);
    char *argv[16];
    int argc = 0;
    for (char *tok = strtok(copy, " "); tok != NULL && argc < 15; tok = strtok(NULL, " "))
        argv[argc++] = tok;
    argv[argc] = NULL;
    return tape_2400_remount(&t->dev, argc, argv, err);
}

START_TEST(test_remount_after_unload_makes_the_unit_ready_with_device_end_at_load_point)
{
    struct test_path p = standard_tape("remount.tap");
    struct test_path q = test_tape_path("other.aws");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_motion(&t, 0x0F);
    assert_sense(&t, 0x40, 0x20, 0x00, 0x00, 0x00, 0x00);
    struct error err;
    char args[1200];
    snprintf(args, sizeof args, "%s", q.s); /* created blank, ring in */
    ck_assert_msg(remount(&t, args, &err), "%s", err.message);
    ck_assert_uint_eq(t.async_count, 1);
    ck_assert_uint_eq(t.async[0], DE);
    assert_sense(&t, 0x00, 0x48, 0x00, 0x00, 0x00, 0x00);
    uint8_t d[3] = {1, 2, 3};
    struct device_command c = test_drive_run(&t, 0x01, 3, d);
    ck_assert_uint_eq(c.status, CE | DE);
    test_drive_detach(&t);
}
END_TEST

START_TEST(test_remount_that_is_refused_keeps_the_reel_and_its_position)
{
    struct test_path p = standard_tape("keepreel.tap");
    struct test_drive t;
    attach(&t, p.s, "ro");
    test_drive_run(&t, 0x02, 100, NULL);
    struct error err;
    struct test_path missing = test_tape_path("absent.tap");
    char args[1200];
    snprintf(args, sizeof args, "%s ro", missing.s);
    ck_assert(!remount(&t, args, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "absent.tap"));
    ck_assert(!remount(&t, "x.tap bogus", &err));
    ck_assert_str_eq(err.message, "unknown tape option 'bogus'");
    ck_assert_uint_eq(t.async_count, 0);
    struct device_command c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.length, 61); /* the second block: it did not move */
    /* A remount of a ready unit gives no status; "*" empties it. */
    snprintf(args, sizeof args, "%s ro", p.s);
    ck_assert(remount(&t, args, &err));
    ck_assert_uint_eq(t.async_count, 0);
    c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.length, 80);
    ck_assert(remount(&t, "*", &err));
    c = test_drive_run(&t, 0x02, 100, NULL);
    ck_assert_uint_eq(c.status, CE | DE | UC);
    test_drive_detach(&t);
}
END_TEST

static Suite *drive_suite(void)
{
    Suite *s = suite_create("tape_2400");
    TCase *t = tcase_create("commands");
    tcase_add_test(t, test_sense_of_a_ready_unit_at_load_point_is_six_bytes_tu_a_and_load_point);
    tcase_add_test(t, test_read_gives_the_block_and_its_true_length_with_channel_and_device_end);
    tcase_add_test(t, test_read_of_a_tape_mark_is_unit_exception_with_no_data);
    tcase_add_test(t, test_read_past_the_last_block_runs_off_the_reel_and_the_unit_drops_ready);
    tcase_add_test(t, test_read_of_a_blank_tape_runs_off_the_reel);
    tcase_add_test(t, test_write_commands_without_a_ring_are_command_reject_and_file_protected);
    tcase_add_test(t, test_write_records_the_block_and_sets_write_status_until_a_read);
    tcase_add_test(t, test_write_truncates_the_tape_after_the_block_written);
    tcase_add_test(t, test_read_backward_gives_the_block_in_recorded_order_and_moves_back);
    tcase_add_test(t, test_read_backward_into_load_point_is_unit_check_with_data_and_no_sense_bit);
    tcase_add_test(t, test_backspace_block_at_load_point_is_unit_check_and_over_a_tape_mark_unit_exception);
    tcase_add_test(t, test_forward_space_block_passes_blocks_and_stops_after_a_tape_mark_with_unit_exception);
    tcase_add_test(t, test_control_command_has_channel_end_at_once_and_device_end_when_the_motion_ends);
    tcase_add_test(t, test_space_file_commands_stop_at_the_tape_mark_without_unit_exception);
    tcase_add_test(t, test_forward_space_file_past_the_end_runs_off_the_reel);
    tcase_add_test(t, test_rewind_gives_channel_end_at_once_and_device_end_at_load_point);
    tcase_add_test(t, test_rewind_unload_ends_with_control_unit_end_device_end_unit_check_and_not_ready);
    tcase_add_test(t, test_mode_sets_are_accepted_on_a_9_track_unit_and_c3_cb_set_density);
    tcase_add_test(t, test_codes_the_2803_does_not_know_are_command_reject);
    tcase_add_test(t, test_sense_stays_until_the_next_command_other_than_sense);
    tcase_add_test(t, test_write_in_the_end_of_tape_area_is_unit_exception_and_past_maxsize_runs_off);
    tcase_add_test(t, test_write_past_the_reels_end_of_tape_marker_is_unit_exception);
    tcase_add_test(t, test_damaged_block_is_data_check_and_the_message_is_printed_once);
    tcase_add_test(t, test_spacing_over_a_damaged_block_is_no_data_check_but_reading_beyond_is);
    tcase_add_test(t, test_drive_without_a_reel_is_not_ready);
    tcase_add_test(t, test_configuration_errors_name_the_argument);
    tcase_add_test(t, test_the_type_is_named_2400_with_hercules_tape_names_as_aliases);
    tcase_add_test(t, test_describe_names_file_format_ring_and_position);
    tcase_add_test(t, test_reset_ends_a_rewind_without_its_device_end);
    tcase_add_test(t, test_remount_after_unload_makes_the_unit_ready_with_device_end_at_load_point);
    tcase_add_test(t, test_remount_that_is_refused_keeps_the_reel_and_its_position);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_tape_run_suite(drive_suite());
}
