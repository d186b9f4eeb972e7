/* lib/file_util: outputs are replaced atomically when they are ordinary
 * files, and written in place (never renamed over or unlinked) when they
 * are devices such as /dev/null. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/file_util.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char buffer[256];
    *len = fread(buffer, 1, sizeof buffer, f);
    fclose(f);
    return buffer;
}

START_TEST(test_replace_regular_file_leaves_exactly_the_new_contents)
{
    char path[] = "/tmp/vm67-file-util-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "old contents, longer", 20), 20);
    close(fd);
    struct error err;
    ck_assert_msg(file_replace_contents(path, "new", 3, &err), "%s", err.message);
    size_t len;
    char *data = read_all(path, &len);
    ck_assert_uint_eq(len, 3);
    ck_assert(memcmp(data, "new", 3) == 0);
    file_remove_if_regular(path);
    ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

START_TEST(test_device_output_is_written_in_place_and_stays_a_device)
{
    struct stat before, after;
    ck_assert_int_eq(stat("/dev/null", &before), 0);
    ck_assert(S_ISCHR(before.st_mode));
    struct error err;
    ck_assert_msg(file_replace_contents("/dev/null", "deck", 4, &err), "%s", err.message);
    file_remove_if_regular("/dev/null");
    ck_assert_int_eq(stat("/dev/null", &after), 0);
    ck_assert(S_ISCHR(after.st_mode));
    ck_assert_uint_eq(before.st_rdev, after.st_rdev);
}
END_TEST

START_TEST(test_unwritable_directory_reports_the_path_and_leaves_no_temporary)
{
    struct error err;
    ck_assert(!file_replace_contents("/nonexistent-dir/out.ipl", "x", 1, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent-dir/out.ipl"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("file_util");
    TCase *t = tcase_create("file_util");
    tcase_add_test(t, test_replace_regular_file_leaves_exactly_the_new_contents);
    tcase_add_test(t, test_device_output_is_written_in_place_and_stays_a_device);
    tcase_add_test(t, test_unwritable_directory_reports_the_path_and_leaves_no_temporary);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
