/* The TOS/360 tapes in $VM67_HISTORICAL/tos360 (read only, never copied):
 * their structure as ../shared/historical/tos360/README.md describes it,
 * read forward and backward, and through the 2400. Skips (77) when the
 * media are absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "devices/tape_2400.h"
#include "devices/tape_image.h"
#include "tests/unit/devices/test_tape_support.h"

static char media_dir[1024];

static void media_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/tos360/%s", media_dir, name);
}

struct object_print {
    enum tape_status status;
    uint32_t length;
    uint32_t crc;
};

/* Walks the tape forward counting blocks per file; returns the objects'
 * prints (caller frees) and their number. */
static struct object_print *walk_forward(struct tape_image *t, unsigned *files, unsigned max_files,
                                         unsigned *file_count, size_t *objects,
                                         struct error *end_note)
{
    static uint8_t buf[70000];
    size_t cap = 16384, n = 0;
    struct object_print *prints = malloc(cap * sizeof *prints);
    memset(files, 0, max_files * sizeof *files);
    unsigned file = 0;
    for (;;) {
        uint32_t length;
        struct error err;
        enum tape_status s = tape_image_read_forward(t, buf, sizeof buf, &length, &err);
        if (s == TAPE_END_OF_DATA) {
            *end_note = err;
            break;
        }
        ck_assert_msg(s == TAPE_BLOCK || s == TAPE_TAPE_MARK, "object %zu: status %d %s", n, s,
                      err.message);
        if (n == cap) {
            cap *= 2;
            prints = realloc(prints, cap * sizeof *prints);
        }
        prints[n].status = s;
        prints[n].length = length;
        prints[n].crc = (uint32_t)crc32(0, buf, length);
        n++;
        if (s == TAPE_TAPE_MARK) {
            file++;
            ck_assert_uint_lt(file, max_files);
        } else {
            files[file]++;
        }
    }
    *file_count = file + 1;
    *objects = n;
    return prints;
}

/* Reads the whole tape backward from where it is and compares. */
static void walk_backward_and_compare(struct tape_image *t, const struct object_print *prints,
                                      size_t n)
{
    static uint8_t buf[70000];
    for (size_t i = n; i-- > 0;) {
        uint32_t length;
        struct error err;
        enum tape_status s = tape_image_read_backward(t, buf, sizeof buf, &length, &err);
        ck_assert_msg(s == prints[i].status, "object %zu backward: status %d, forward %d (%s)", i,
                      s, prints[i].status, err.message);
        ck_assert_uint_eq(length, prints[i].length);
        ck_assert_uint_eq((uint32_t)crc32(0, buf, length), prints[i].crc);
        ck_assert_uint_eq(tape_image_block_number(t), i);
    }
    ck_assert(tape_image_at_load_point(t));
}

START_TEST(test_sysres_ms_is_e11_with_seven_files_and_reads_backward_as_forward)
{
    char path[1200];
    media_path(path, sizeof path, "sysres_ms.tap");
    struct tape_image *t = test_open_image(path, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_E11);
    /* File 0's third record: 61 bytes at offset 1484. */
    uint32_t length;
    struct error err;
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 24);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 1444);
    ck_assert_uint_eq(tape_image_offset(t), 1484);
    ck_assert_int_eq(tape_image_read_forward(t, NULL, 0, &length, &err), TAPE_BLOCK);
    ck_assert_uint_eq(length, 61);
    ck_assert_uint_eq(tape_image_offset(t), 1484 + 4 + 61 + 4);
    tape_image_rewind(t);

    unsigned files[16], file_count;
    size_t n;
    struct error note;
    struct object_print *prints = walk_forward(t, files, 16, &file_count, &n, &note);
    static const unsigned want[] = {6, 478, 7240, 8, 2127, 2, 1, 0};
    ck_assert_uint_eq(file_count, 8); /* seven tape marks; nothing after the last */
    for (unsigned i = 0; i < 8; i++)
        ck_assert_msg(files[i] == want[i], "file %u: %u blocks, want %u", i, files[i], want[i]);
    ck_assert_uint_eq(n, 9869);
    ck_assert_str_eq(note.message, ""); /* it ends cleanly */
    ck_assert_uint_eq(tape_image_offset(t), tape_image_file_size(t));
    walk_backward_and_compare(t, prints, n);
    free(prints);
    tape_image_close(t);
}
END_TEST

START_TEST(test_bos_ends_with_sixteen_bit_end_words_taken_as_end_of_medium)
{
    char path[1200];
    media_path(path, sizeof path, "bos.tap");
    struct tape_image *t = test_open_image(path, TAPE_FORMAT_UNKNOWN, true);
    ck_assert_int_eq(tape_image_format(t), TAPE_FORMAT_E11);
    unsigned files[16], file_count;
    size_t n;
    struct error note;
    struct object_print *prints = walk_forward(t, files, 16, &file_count, &n, &note);
    static const unsigned want[] = {6, 198, 7240, 8, 2127, 2, 1, 1, 1};
    ck_assert_uint_eq(file_count, 9);
    for (unsigned i = 0; i < 9; i++)
        ck_assert_msg(files[i] == want[i], "file %u: %u blocks, want %u", i, files[i], want[i]);
    ck_assert_uint_eq(n, 9592);
    /* The 24 bytes after the last record. */
    ck_assert_uint_eq(tape_image_offset(t), tape_image_file_size(t) - 24);
    ck_assert_ptr_nonnull(strstr(note.message, "bos.tap: offset 1794607"));
    ck_assert_ptr_nonnull(strstr(note.message, "end of the medium"));
    walk_backward_and_compare(t, prints, n);
    free(prints);
    tape_image_close(t);
}
END_TEST

START_TEST(test_the_2400_reads_the_ipl_record_of_sysres_and_moves_as_tos_does)
{
    char path[1200];
    media_path(path, sizeof path, "sysres_ms.tap");
    char args[1300];
    snprintf(args, sizeof args, "%s ro", path);
    struct test_drive t;
    test_drive_attach_ok(&t, args);
    /* The IPL read: 24 bytes, a PSW and two CCWs (read X'1000' bytes at
     * X'3000' with SLI). */
    struct device_command c = test_drive_run(&t, 0x02, 24, NULL);
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END | UNIT_DEVICE_END);
    ck_assert_uint_eq(c.length, 24);
    static const uint8_t ipl[24] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00,
                                    0x02, 0x00, 0x30, 0x00, 0x20, 0x00, 0x10, 0x00,
                                    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    ck_assert_mem_eq(t.buffer, ipl, 24);
    c = test_drive_run(&t, 0x02, 4096, NULL);
    ck_assert_uint_eq(c.length, 1444);
    /* TOS's moves: mode sets, forward space file and block, read
     * backward, backspace block, backspace file. */
    ck_assert_uint_eq(test_drive_run(&t, 0xEB, 1, NULL).status, UNIT_CHANNEL_END | UNIT_DEVICE_END);
    ck_assert_uint_eq(test_drive_run(&t, 0xF3, 1, NULL).status, UNIT_CHANNEL_END | UNIT_DEVICE_END);
    ck_assert_uint_eq(test_drive_motion(&t, 0x3F), UNIT_CHANNEL_END | UNIT_DEVICE_END);
    for (int i = 0; i < 10; i++)
        ck_assert_uint_eq(test_drive_motion(&t, 0x37), UNIT_CHANNEL_END | UNIT_DEVICE_END);
    uint8_t forward[4096];
    c = test_drive_run(&t, 0x02, 4096, NULL);
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END | UNIT_DEVICE_END);
    uint32_t n = c.length;
    memcpy(forward, t.buffer, n < 4096 ? n : 4096);
    c = test_drive_run(&t, 0x0C, 4096, NULL);
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END | UNIT_DEVICE_END);
    ck_assert_uint_eq(c.length, n);
    ck_assert_mem_eq(t.buffer, forward, n < 4096 ? n : 4096);
    ck_assert_uint_eq(test_drive_motion(&t, 0x27), UNIT_CHANNEL_END | UNIT_DEVICE_END);
    ck_assert_uint_eq(test_drive_motion(&t, 0x2F), UNIT_CHANNEL_END | UNIT_DEVICE_END);
    /* Before the first tape mark: reading it is unit exception. */
    c = test_drive_run(&t, 0x02, 80, NULL);
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_EXCEPTION);
    test_drive_detach(&t);
}
END_TEST

static Suite *media_suite(void)
{
    Suite *s = suite_create("tape_media");
    TCase *t = tcase_create("tos360");
    tcase_add_test(t, test_sysres_ms_is_e11_with_seven_files_and_reads_backward_as_forward);
    tcase_add_test(t, test_bos_ends_with_sixteen_bit_end_words_taken_as_end_of_medium);
    tcase_add_test(t, test_the_2400_reads_the_ipl_record_of_sysres_and_moves_as_tos_does);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    const char *dir = getenv("VM67_HISTORICAL");
    struct stat st;
    if (dir != NULL)
        snprintf(media_dir, sizeof media_dir, "%s", dir);
    char probe[1200];
    media_path(probe, sizeof probe, "sysres_ms.tap");
    if (dir == NULL || stat(probe, &st) != 0) {
        printf("skipped: no historical media\n");
        return 77;
    }
    return test_tape_run_suite(media_suite());
}
