/* The dasd tools: init lays out what dasdinit lays out, copy converts
 * without changing a track, check names damage with its place and offset,
 * ls reads the label and the VTOC. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/dasd_tools.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"
#include "tests/unit/devices/test_dasd_support.h"

static char dir[256];

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/vm67-tools-XXXXXX", tmp != NULL ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    static const char *const names[] = {"a", "b", "c", "out"};
    for (size_t i = 0; i < 4; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

static const char *file(const char *name)
{
    static char p[4][300];
    static int which;
    which = (which + 1) % 4;
    snprintf(p[which], sizeof p[which], "%s/%s", dir, name);
    return p[which];
}

static void init_ok(const char *path, const char *model, const char *volser, unsigned cylinders,
                    enum ckd_image_format format)
{
    struct dasd_init_options o = {.path = path, .model = model, .volser = volser,
                                  .cylinders = cylinders, .format = format,
                                  .compression = CKD_COMPRESSION_ZLIB};
    struct error err;
    ck_assert_msg(dasd_init(&o, NULL, &err), "%s", err.message);
}

static uint8_t *read_track(const char *path, unsigned track, uint32_t *length)
{
    struct ckd_image *img;
    struct error err;
    ck_assert_msg(ckd_image_open(&img, path, NULL, &err), "%s", err.message);
    uint8_t *t = malloc(img->track_size);
    ck_assert_msg(ckd_read_track(img, track, t, length, &err), "%s", err.message);
    ckd_image_close(img, NULL);
    return t;
}

static char *run_check(const char *path, unsigned *problems)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    *problems = dasd_check(path, out, NULL);
    fclose(out);
    return text;
}

START_TEST(test_init_writes_ipl_records_and_volume_label_on_track_0)
{
    const char *path = file("a");
    init_ok(path, "2314", "test01", 2, CKD_IMAGE_FORMAT_CKD);
    uint32_t n;
    uint8_t *t = read_track(path, 0, &n);
    /* HA, R0, R1 'IPL1' 24 bytes, R2 'IPL2' 144 bytes, R3 'VOL1' 80. */
    ck_assert_uint_eq(n, 5 + 16 + (8 + 4 + 24) + (8 + 4 + 144) + (8 + 4 + 80) + 8);
    static const uint8_t r1[8 + 4 + 24] = {0, 0, 0, 0, 1, 4, 0, 24, 0xC9, 0xD7, 0xD3, 0xF1,
                                           0x00, 0x06, 0, 0, 0, 0, 0, 0x0F,
                                           0x03, 0, 0, 0, 0, 0, 0, 0x01};
    ck_assert_mem_eq(t + 21, r1, sizeof r1);
    const uint8_t *r3 = t + 21 + 36 + 156;
    static const uint8_t count3[12] = {0, 0, 0, 0, 3, 4, 0, 80, 0xE5, 0xD6, 0xD3, 0xF1};
    ck_assert_mem_eq(r3, count3, 12);
    char volser[7];
    ebcdic_to_ascii((uint8_t *)volser, r3 + 12 + 4, 6);
    volser[6] = '\0';
    ck_assert_str_eq(volser, "TEST01");
    static const uint8_t vtoc[5] = {0, 0, 0, 1, 1};
    ck_assert_mem_eq(r3 + 12 + 11, vtoc, 5);
    free(t);
    t = read_track(path, 1, &n);
    ck_assert_uint_eq(n, 29);
    free(t);
}
END_TEST

START_TEST(test_init_cckd_is_laid_out_as_dasdinit_z)
{
    const char *path = file("a");
    init_ok(path, "2314", "VOL001", 0, CKD_IMAGE_FORMAT_CCKD);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    /* Headers, a 16-entry level 1 table, one level 2 table, track 0 (313
     * bytes) and track 1 (29): 3478 bytes, as dasdinit -z makes it. */
    ck_assert_int_eq(st.st_size, 3478);
    unsigned problems;
    free(run_check(path, &problems));
    ck_assert_uint_eq(problems, 0);
}
END_TEST

START_TEST(test_init_refuses_bad_volume_serials_and_unknown_types)
{
    struct dasd_init_options o = {.path = file("a"), .model = "2314", .volser = "TOOLONG7"};
    struct error err;
    ck_assert(!dasd_init(&o, NULL, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "1 to 6 characters"));
    o.volser = "AB.C";
    ck_assert(!dasd_init(&o, NULL, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "character 3"));
    o.volser = "OK";
    o.model = "3390";
    ck_assert(!dasd_init(&o, NULL, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "unknown device type '3390'"));
    ck_assert_int_ne(access(file("a"), F_OK), 0);
}
END_TEST

START_TEST(test_copy_to_cckd_and_back_gives_the_same_bytes)
{
    struct dasd_fixture f;
    dasd_fixture_create(&f, "2311", 4, CKD_IMAGE_FORMAT_CKD);
    for (unsigned t = 0; t < 40; t += 3) {
        struct test_record r[2] = {{1, 4, (uint16_t)(t * 37), (uint8_t)t}, {2, 0, 0, 0}};
        dasd_fixture_track(&f, t / 10, t % 10, r, 2);
    }
    struct error err;
    ck_assert_msg(dasd_copy(f.path, file("b"), CKD_IMAGE_FORMAT_CCKD, CKD_COMPRESSION_ZLIB, NULL,
                            &err),
                  "%s", err.message);
    ck_assert_msg(dasd_copy(file("b"), file("c"), CKD_IMAGE_FORMAT_CKD, CKD_COMPRESSION_NONE, NULL,
                            &err),
                  "%s", err.message);
    FILE *x = fopen(f.path, "rb"), *y = fopen(file("c"), "rb");
    int a, b;
    long at = 0;
    do {
        a = fgetc(x);
        b = fgetc(y);
        ck_assert_msg(a == b, "files differ at offset %ld", at);
        at++;
    } while (a != EOF);
    fclose(x);
    fclose(y);
    unsigned problems;
    free(run_check(file("b"), &problems));
    ck_assert_uint_eq(problems, 0);
    dasd_fixture_destroy(&f);
}
END_TEST

START_TEST(test_copy_refuses_to_overwrite_an_existing_file)
{
    init_ok(file("a"), "2311", "A", 1, CKD_IMAGE_FORMAT_CKD);
    init_ok(file("b"), "2311", "B", 1, CKD_IMAGE_FORMAT_CKD);
    struct error err;
    ck_assert(!dasd_copy(file("a"), file("b"), CKD_IMAGE_FORMAT_CKD, CKD_COMPRESSION_NONE, NULL, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "cannot create"));
}
END_TEST

START_TEST(test_check_names_cylinder_head_record_and_offset_of_a_damaged_ckd_track)
{
    const char *path = file("a");
    init_ok(path, "2311", "DAMAGE", 2, CKD_IMAGE_FORMAT_CKD);
    unsigned problems;
    char *text = run_check(path, &problems);
    ck_assert_uint_eq(problems, 0);
    free(text);
    /* Track 13 (cylinder 1 head 3): give R0 a data length that runs off
     * the track. Its count area is at 512 + 13 * 4096 + 5. */
    int fd = open(path, O_WRONLY);
    uint8_t dl[2] = {0x40, 0x00};
    off_t count = 512 + 13 * 4096 + 5;
    ck_assert_int_eq(pwrite(fd, dl, 2, count + 6), 2);
    close(fd);
    text = run_check(path, &problems);
    ck_assert_uint_eq(problems, 1);
    char expected[160];
    snprintf(expected, sizeof expected, "cylinder 1 head 3 record 0: damaged track at offset %lld",
             (long long)count);
    ck_assert_msg(strstr(text, expected) != NULL && strstr(text, path) != NULL, "%s", text);
    free(text);
}
END_TEST

START_TEST(test_check_reports_a_corrupt_compressed_track_and_a_stale_free_chain)
{
    const char *path = file("a");
    init_ok(path, "2314", "CCKD01", 2, CKD_IMAGE_FORMAT_CCKD);
    /* Put a compressible track in, then break its zlib stream. */
    struct ckd_image *img;
    struct error err;
    ck_assert(ckd_image_open(&img, path, NULL, &err));
    uint8_t t[8192];
    uint32_t n = ckd_track_build_null(t, 0, 7, CKD_NULL_FORMAT_EMPTY) - 8;
    ckd_track_put_count(t + n, 0, 7, 1, 0, 4000);
    memset(t + n + 8, 0x40, 4000);
    n += 8 + 4000;
    ckd_track_put_end(t + n);
    ck_assert(ckd_write_track(img, 7, t, n + 8, 0, &err));
    ck_assert(ckd_image_close(img, &err));
    unsigned problems;
    free(run_check(path, &problems));
    ck_assert_uint_eq(problems, 0);
    /* The image of track 7 is the last thing in the file. */
    struct stat st;
    stat(path, &st);
    int fd = open(path, O_RDWR);
    uint8_t junk[4] = {0xDE, 0xAD, 0xBE, 0xEF};
    ck_assert_int_eq(pwrite(fd, junk, 4, st.st_size - 6), 4);
    /* And a header claiming free space that is not there. */
    uint8_t one[4] = {1, 0, 0, 0};
    ck_assert_int_eq(pwrite(fd, one, 4, 512 + 32), 4);
    close(fd);
    char *text = run_check(path, &problems);
    ck_assert_uint_eq(problems, 2);
    ck_assert_msg(strstr(text, "cylinder 0 head 7: zlib cannot decompress the track image at offset") &&
                      strstr(text, "header counts 1 free blocks at offset 544, the chain has 0"),
                  "%s", text);
    free(text);
}
END_TEST

/* A volume with a VTOC: label on 0/0 R3 pointing at 0/1 R1, the format 4
 * DSCB there, and format 1 DSCBs for two data sets. */
static void put_dscb(uint8_t *p, uint8_t record, const uint8_t key[44], const uint8_t data[96])
{
    ckd_track_put_count(p, 0, 1, record, 44, 96);
    memcpy(p + 8, key, 44);
    memcpy(p + 52, data, 96);
}

static void ebcdic(uint8_t *to, const char *s, size_t width)
{
    memset(to, 0x40, width);
    for (size_t i = 0; s[i] != '\0' && i < width; i++)
        to[i] = ascii_to_ebcdic_char((uint8_t)s[i]);
}

START_TEST(test_ls_lists_volume_label_and_format_1_dscbs)
{
    const char *path = file("a");
    init_ok(path, "2314", "SYSRES", 10, CKD_IMAGE_FORMAT_CKD);
    uint8_t t[8192];
    uint32_t n = ckd_track_build_null(t, 0, 1, CKD_NULL_FORMAT_EMPTY) - 8;
    uint8_t key[44], data[96];
    memset(key, 0x04, 44);
    memset(data, 0, 96);
    data[0] = 0xF4;
    data[61] = 1; /* VTOC extent: cylinder 0 head 1 only */
    store_be16(data + 61 + 4, 1);
    store_be16(data + 61 + 8, 1);
    put_dscb(t + n, 1, key, data);
    n += 148;
    ebcdic(key, "SYS1.LINKLIB", 44);
    memset(data, 0, 96);
    data[0] = 0xF1;
    data[38] = 0x02;  /* PO */
    data[40] = 0x90;  /* FB */
    store_be16(data + 42, 3120);
    store_be16(data + 44, 80);
    data[61] = 1;     /* cylinder 1 head 0 to cylinder 2 head 19 */
    store_be16(data + 63, 1);
    store_be16(data + 67, 2);
    store_be16(data + 69, 19);
    put_dscb(t + n, 2, key, data);
    n += 148;
    ebcdic(key, "USER.TEXT", 44);
    memset(data, 0, 96);
    data[0] = 0xF1;
    data[38] = 0x40;  /* PS */
    data[40] = 0x80;  /* F */
    store_be16(data + 42, 800);
    store_be16(data + 44, 800);
    data[61] = 1;     /* cylinder 3 heads 0-4 */
    store_be16(data + 63, 3);
    store_be16(data + 67, 3);
    store_be16(data + 69, 4);
    data[71] = 1;     /* and cylinder 5 head 0 */
    store_be16(data + 73, 5);
    store_be16(data + 77, 5);
    put_dscb(t + n, 3, key, data);
    n += 148;
    ckd_track_put_end(t + n);
    struct ckd_image *img;
    struct error err;
    ck_assert(ckd_image_open(&img, path, NULL, &err));
    ck_assert_msg(ckd_write_track(img, 1, t, n + 8, 0, &err), "%s", err.message);
    ck_assert(ckd_image_close(img, &err));
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    ck_assert_msg(dasd_list(path, out, &err), "%s", err.message);
    fclose(out);
    ck_assert_msg(strstr(text, "2314 volume SYSRES, 10 cylinders") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "SYS1.LINKLIB                                 PO   FB       80  3120   1     40  1/0-2/19") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "USER.TEXT                                    PS   F       800   800   2      6  3/0-3/4") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "2 data sets") != NULL, "%s", text);
    free(text);
}
END_TEST

START_TEST(test_ls_of_a_volume_without_vtoc_says_so)
{
    const char *path = file("a");
    init_ok(path, "2311", "EMPTY1", 2, CKD_IMAGE_FORMAT_CKD);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    struct error err;
    ck_assert(!dasd_list(path, out, &err));
    fclose(out);
    ck_assert_ptr_nonnull(strstr(text, "2311 volume EMPTY1"));
    ck_assert_msg(strstr(err.message, "VTOC: ") && strstr(err.message, "cylinder 0 head 1 has no record 1"),
                  "%s", err.message);
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dasd tools");
    TCase *t = tcase_create("tools");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_init_writes_ipl_records_and_volume_label_on_track_0);
    tcase_add_test(t, test_init_cckd_is_laid_out_as_dasdinit_z);
    tcase_add_test(t, test_init_refuses_bad_volume_serials_and_unknown_types);
    tcase_add_test(t, test_copy_to_cckd_and_back_gives_the_same_bytes);
    tcase_add_test(t, test_copy_refuses_to_overwrite_an_existing_file);
    tcase_add_test(t, test_check_names_cylinder_head_record_and_offset_of_a_damaged_ckd_track);
    tcase_add_test(t, test_check_reports_a_corrupt_compressed_track_and_a_stale_free_chain);
    tcase_add_test(t, test_ls_lists_volume_label_and_format_1_dscbs);
    tcase_add_test(t, test_ls_of_a_volume_without_vtoc_says_so);
    suite_add_tcase(s, t);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
