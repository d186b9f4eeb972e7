/* Image files: CKD and CCKD round trips, CCKD compression and space
 * management, write-through (a write survives the process dying without
 * closing the image), and clean errors for bad files. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "devices/cckd_scan.h"
#include "devices/ckd_image.h"
#include "devices/ckd_track.h"
#include "lib/bytes.h"

static char dir[256];
static char path[320];

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/vm67-image-XXXXXX", tmp != NULL ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/disk", dir);
}

static void teardown(void)
{
    unlink(path);
    rmdir(dir);
}

static struct ckd_image *create(const char *model, unsigned cylinders, enum ckd_image_format format)
{
    struct ckd_image *img;
    struct error err;
    ck_assert_msg(ckd_image_create(&img, path, format, dasd_geometry_find(model, NULL), cylinders,
                                   format == CKD_IMAGE_FORMAT_CCKD ? CKD_COMPRESSION_ZLIB
                                                                   : CKD_COMPRESSION_NONE,
                                   -1, NULL, &err),
                  "%s", err.message);
    return img;
}

static struct ckd_image *reopen(void)
{
    struct ckd_image *img;
    struct error err;
    ck_assert_msg(ckd_image_open(&img, path, NULL, &err), "%s", err.message);
    return img;
}

static void close_ok(struct ckd_image *img)
{
    struct error err;
    ck_assert_msg(ckd_image_close(img, &err), "%s", err.message);
}

/* A track image with one R1 whose data is produced by `byte(i)`. */
static uint32_t make_track(uint8_t *t, unsigned cylinder, unsigned head, uint16_t data_length,
                           uint8_t (*byte)(unsigned i, unsigned seed), unsigned seed)
{
    uint32_t n = ckd_track_build_null(t, (uint16_t)cylinder, (uint16_t)head, CKD_NULL_FORMAT_EMPTY);
    n -= CKD_END_OF_TRACK_SIZE;
    ckd_track_put_count(t + n, (uint16_t)cylinder, (uint16_t)head, 1, 0, data_length);
    n += CKD_COUNT_SIZE;
    for (unsigned i = 0; i < data_length; i++)
        t[n + i] = byte(i, seed);
    n += data_length;
    ckd_track_put_end(t + n);
    return n + CKD_END_OF_TRACK_SIZE;
}

static uint8_t repeated(unsigned i, unsigned seed)
{
    (void)i;
    return (uint8_t)seed;
}

/* A deterministic, incompressible sequence. */
static uint8_t noise(unsigned i, unsigned seed)
{
    uint32_t x = (i + 1) * 2654435761u ^ (seed * 40503u);
    x ^= x >> 13;
    x *= 0x5bd1e995u;
    x ^= x >> 15;
    return (uint8_t)x;
}

static void write_ok(struct ckd_image *img, unsigned track, const uint8_t *t, uint32_t n)
{
    struct error err;
    ck_assert_msg(ckd_write_track(img, track, t, n, 0, &err), "%s", err.message);
}

static void assert_track(struct ckd_image *img, unsigned track, const uint8_t *t, uint32_t n)
{
    uint8_t *got = malloc(img->track_size);
    uint32_t length;
    struct error err;
    ck_assert_msg(ckd_read_track(img, track, got, &length, &err), "%s", err.message);
    ck_assert_uint_eq(length, n);
    ck_assert_mem_eq(got, t, n);
    free(got);
}

/* The stored form of a track in a closed or open CCKD file. */
static void stored_entry(unsigned track, uint32_t *offset, uint16_t *length, uint8_t *first_byte)
{
    int fd = open(path, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    off_t size = lseek(fd, 0, SEEK_END);
    uint8_t header[512];
    ck_assert_int_eq(pread(fd, header, 512, 0), 512);
    struct cckd_layout layout;
    cckd_scan_tables(fd, path, (uint64_t)size, load_le32(header + 8), &layout, NULL, NULL);
    ck_assert_uint_eq(layout.problems, 0);
    const uint8_t *table = layout.l2[track / 256];
    ck_assert_ptr_nonnull(table);
    *offset = load_le32(table + (track % 256) * 8);
    *length = load_le16(table + (track % 256) * 8 + 4);
    if (*offset != 0)
        ck_assert_int_eq(pread(fd, first_byte, 1, *offset), 1);
    cckd_layout_free(&layout);
    close(fd);
}

static bool count_problem(void *arg, const struct cckd_problem *p)
{
    unsigned *n = arg;
    (*n)++;
    fprintf(stderr, "problem: %s\n", p->message);
    return true;
}

/* Zero problems in structure, free space chain and header totals. */
static void assert_consistent(void)
{
    int fd = open(path, O_RDONLY);
    off_t size = lseek(fd, 0, SEEK_END);
    uint8_t header[512];
    ck_assert_int_eq(pread(fd, header, 512, 0), 512);
    struct cckd_layout layout;
    unsigned problems = 0;
    ck_assert(cckd_scan_tables(fd, path, (uint64_t)size, load_le32(header + 8), &layout,
                               count_problem, &problems));
    cckd_scan_free_space(fd, path, &layout, count_problem, &problems);
    ck_assert_uint_eq(problems, 0);
    ck_assert_uint_eq(layout.header[3] & 0x80, 0); /* not marked open */
    cckd_layout_free(&layout);
    close(fd);
}

START_TEST(test_new_cckd_image_reads_empty_tracks)
{
    struct ckd_image *img = create("2314", 10, CKD_IMAGE_FORMAT_CCKD);
    uint8_t t[64];
    uint32_t n = ckd_track_build_null(t, 3, 7, CKD_NULL_FORMAT_EMPTY);
    ck_assert_uint_eq(n, 29);
    assert_track(img, 3 * 20 + 7, t, n);
    close_ok(img);
    assert_consistent();
}
END_TEST

START_TEST(test_cckd_compresses_a_compressible_track_with_zlib)
{
    struct ckd_image *img = create("2314", 10, CKD_IMAGE_FORMAT_CCKD);
    uint8_t t[8192];
    uint32_t n = make_track(t, 0, 5, 4000, repeated, 0x41);
    write_ok(img, 5, t, n);
    close_ok(img);
    uint32_t offset;
    uint16_t length;
    uint8_t first = 0xFF;
    stored_entry(5, &offset, &length, &first);
    ck_assert_uint_eq(first, CKD_COMPRESSION_ZLIB);
    ck_assert_uint_lt(length, 200);
    img = reopen();
    assert_track(img, 5, t, n);
    close_ok(img);
    assert_consistent();
}
END_TEST

START_TEST(test_cckd_stores_short_and_incompressible_tracks_uncompressed)
{
    struct ckd_image *img = create("2314", 10, CKD_IMAGE_FORMAT_CCKD);
    uint8_t a[8192], b[8192];
    uint32_t na = make_track(a, 0, 1, 400, repeated, 0x42); /* under 512 bytes in all */
    uint32_t nb = make_track(b, 0, 2, 3000, noise, 7);
    ck_assert_uint_lt(na, 512);
    write_ok(img, 1, a, na);
    write_ok(img, 2, b, nb);
    close_ok(img);
    uint32_t offset;
    uint16_t length;
    uint8_t first = 0xFF;
    stored_entry(1, &offset, &length, &first);
    ck_assert_uint_eq(first, CKD_COMPRESSION_NONE);
    ck_assert_uint_eq(length, na);
    stored_entry(2, &offset, &length, &first);
    ck_assert_uint_eq(first, CKD_COMPRESSION_NONE);
    ck_assert_uint_eq(length, nb);
    img = reopen();
    assert_track(img, 1, a, na);
    assert_track(img, 2, b, nb);
    close_ok(img);
}
END_TEST

START_TEST(test_cckd_null_track_is_kept_as_a_table_entry_only)
{
    struct ckd_image *img = create("2311", 5, CKD_IMAGE_FORMAT_CCKD);
    uint8_t t[4096];
    uint32_t n = make_track(t, 0, 3, 1000, repeated, 1);
    write_ok(img, 3, t, n);
    n = ckd_track_build_null(t, 0, 3, CKD_NULL_FORMAT_EOF);
    write_ok(img, 3, t, n);
    close_ok(img);
    uint32_t offset;
    uint16_t length;
    uint8_t first;
    stored_entry(3, &offset, &length, &first);
    ck_assert_uint_eq(offset, 0);
    ck_assert_uint_eq(length, CKD_NULL_FORMAT_EOF);
    img = reopen();
    assert_track(img, 3, t, n);
    close_ok(img);
    assert_consistent();
}
END_TEST

START_TEST(test_cckd_rewrites_reuse_space_and_close_leaves_chain_and_totals_consistent)
{
    struct ckd_image *img = create("2314", 20, CKD_IMAGE_FORMAT_CCKD);
    uint8_t t[8192];
    for (unsigned round = 0; round < 3; round++) {
        for (unsigned track = 0; track < 300; track += 3) {
            uint32_t n = make_track(t, track / 20, track % 20, (uint16_t)(600 + (track * 37 + round * 911) % 5000),
                                    (track + round) % 2 ? noise : repeated, track + round);
            write_ok(img, track, t, n);
        }
    }
    close_ok(img);
    assert_consistent();
    img = reopen();
    for (unsigned track = 0; track < 300; track += 3) {
        uint32_t n = make_track(t, track / 20, track % 20, (uint16_t)(600 + (track * 37 + 2 * 911) % 5000),
                                (track + 2) % 2 ? noise : repeated, track + 2);
        assert_track(img, track, t, n);
    }
    close_ok(img);
}
END_TEST

/* A child writes a track and dies without closing: the write is there. */
static void write_and_die(enum ckd_image_format format)
{
    struct ckd_image *img = create("2314", 4, format);
    close_ok(img);
    uint8_t t[8192];
    uint32_t n = make_track(t, 1, 2, 5000, noise, 3);
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        struct ckd_image *mine;
        struct error err;
        if (!ckd_image_open(&mine, path, NULL, &err) || !ckd_write_track(mine, 22, t, n, 0, &err))
            _exit(1);
        _exit(0); /* no close, no flush */
    }
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    img = reopen();
    assert_track(img, 22, t, n);
    close_ok(img);
}

START_TEST(test_cckd_write_survives_the_process_dying_without_close)
{
    write_and_die(CKD_IMAGE_FORMAT_CCKD);
    assert_consistent();
}
END_TEST

START_TEST(test_ckd_write_survives_the_process_dying_without_close)
{
    write_and_die(CKD_IMAGE_FORMAT_CKD);
}
END_TEST

START_TEST(test_cckd_image_left_open_is_marked_so_in_its_header)
{
    struct ckd_image *img = create("2311", 2, CKD_IMAGE_FORMAT_CCKD);
    uint8_t t[4096];
    write_ok(img, 1, t, make_track(t, 0, 1, 100, repeated, 9));
    int fd = open(path, O_RDONLY);
    uint8_t options;
    ck_assert_int_eq(pread(fd, &options, 1, 512 + 3), 1);
    ck_assert_uint_eq(options & 0xC0, 0xC0);
    close_ok(img);
    ck_assert_int_eq(pread(fd, &options, 1, 512 + 3), 1);
    ck_assert_uint_eq(options, 0x41);
    close(fd);
}
END_TEST

START_TEST(test_bzip2_track_is_reported_naming_file_track_and_offset)
{
    struct ckd_image *img = create("2314", 2, CKD_IMAGE_FORMAT_CCKD);
    uint8_t t[8192];
    write_ok(img, 4, t, make_track(t, 0, 4, 1000, repeated, 5));
    close_ok(img);
    uint32_t offset;
    uint16_t length;
    uint8_t first;
    stored_entry(4, &offset, &length, &first);
    int fd = open(path, O_WRONLY);
    uint8_t two = CKD_COMPRESSION_BZIP2;
    ck_assert_int_eq(pwrite(fd, &two, 1, offset), 1);
    close(fd);
    img = reopen();
    uint32_t n;
    struct error err;
    ck_assert(!ckd_read_track(img, 4, t, &n, &err));
    char expected[128];
    snprintf(expected, sizeof expected, "cylinder 0 head 4: the track image at offset %u is compressed with bzip2",
             offset);
    ck_assert_msg(strstr(err.message, path) && strstr(err.message, expected), "%s", err.message);
    close_ok(img);
}
END_TEST

START_TEST(test_ckd_round_trip_of_every_track_of_a_2311)
{
    struct ckd_image *img = create("2311", 3, CKD_IMAGE_FORMAT_CKD);
    ck_assert_uint_eq(img->track_size, 4096);
    uint8_t t[4096];
    for (unsigned track = 0; track < 30; track++)
        write_ok(img, track, t, make_track(t, track / 10, track % 10, (uint16_t)(track * 100), noise, track));
    close_ok(img);
    img = reopen();
    ck_assert_uint_eq(img->cylinders, 3);
    for (unsigned track = 0; track < 30; track++) {
        uint32_t n = make_track(t, track / 10, track % 10, (uint16_t)(track * 100), noise, track);
        assert_track(img, track, t, n);
    }
    close_ok(img);
}
END_TEST

START_TEST(test_second_writer_of_an_image_is_refused)
{
    struct ckd_image *img = create("2314", 1, CKD_IMAGE_FORMAT_CKD);
    struct ckd_image *other;
    struct error err;
    ck_assert(!ckd_image_open(&other, path, NULL, &err));
    ck_assert_msg(strstr(err.message, "in use") != NULL, "%s", err.message);
    close_ok(img);
}
END_TEST

static void expect_open_error(const void *bytes, size_t n, const char *needle)
{
    FILE *fp = fopen(path, "wb");
    fwrite(bytes, 1, n, fp);
    fclose(fp);
    struct ckd_image *img;
    struct error err;
    ck_assert(!ckd_image_open(&img, path, NULL, &err));
    ck_assert_msg(strstr(err.message, path) != NULL && strstr(err.message, "offset") != NULL &&
                      strstr(err.message, needle) != NULL,
                  "message: %s (wanted %s)", err.message, needle);
    unlink(path);
}

START_TEST(test_bad_files_get_errors_naming_file_and_offset)
{
    uint8_t h[1024] = {0};
    expect_open_error(h, 100, "not a DASD image");
    memcpy(h, "NOTADISK", 8);
    expect_open_error(h, 512, "header id at offset 0");
    memcpy(h, "CKD_P370", 8);
    store_le32(h + 8, 20);
    store_le32(h + 12, 7680);
    h[16] = 0x80; /* a 3380 */
    expect_open_error(h, 512, "device type X'80' at offset 16");
    h[16] = 0x14;
    store_le32(h + 8, 19);
    expect_open_error(h, 512, "19 heads at offset 8");
    store_le32(h + 8, 20);
    expect_open_error(h, 1000, "ends at offset 1000");
    memcpy(h, "CKD_C370", 8);
    expect_open_error(h, 700, "compressed device header");
}
END_TEST

static Suite *image_suite(void)
{
    Suite *s = suite_create("ckd and cckd images");
    TCase *t = tcase_create("images");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_new_cckd_image_reads_empty_tracks);
    tcase_add_test(t, test_cckd_compresses_a_compressible_track_with_zlib);
    tcase_add_test(t, test_cckd_stores_short_and_incompressible_tracks_uncompressed);
    tcase_add_test(t, test_cckd_null_track_is_kept_as_a_table_entry_only);
    tcase_add_test(t, test_cckd_rewrites_reuse_space_and_close_leaves_chain_and_totals_consistent);
    tcase_add_test(t, test_cckd_write_survives_the_process_dying_without_close);
    tcase_add_test(t, test_ckd_write_survives_the_process_dying_without_close);
    tcase_add_test(t, test_cckd_image_left_open_is_marked_so_in_its_header);
    tcase_add_test(t, test_bzip2_track_is_reported_naming_file_track_and_offset);
    tcase_add_test(t, test_ckd_round_trip_of_every_track_of_a_2311);
    tcase_add_test(t, test_second_writer_of_an_image_is_refused);
    tcase_add_test(t, test_bad_files_get_errors_naming_file_and_offset);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(image_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
