/* Track capacity: the largest record that fits N to a track must be the
 * figure IBM tabulates (2311: A26-5988; 2314: GA26-3599; 3330: GA26-1615
 * "Track Capacity"), and the image geometry must be Hercules's. */
#include <check.h>
#include <stdlib.h>

#include "devices/dasd_geometry.h"

/* The longest data length (no key) for which `n` records fit on a track. */
static unsigned largest_for(const struct dasd_geometry *g, unsigned n, unsigned key_length)
{
    unsigned best = 0;
    for (unsigned dl = 1; dl <= g->track_capacity; dl++)
        if (dasd_records_per_track(g, key_length, dl) >= n)
            best = dl;
    return best;
}

START_TEST(test_2311_track_holds_one_record_of_3625_or_two_of_1740)
{
    const struct dasd_geometry *g = dasd_geometry_find("2311", NULL);
    ck_assert_uint_eq(largest_for(g, 1, 0), 3625);
    ck_assert_uint_eq(largest_for(g, 2, 0), 1740);
}
END_TEST

START_TEST(test_2314_track_holds_one_of_7294_two_of_3520_eight_of_793)
{
    const struct dasd_geometry *g = dasd_geometry_find("2314", NULL);
    ck_assert_uint_eq(largest_for(g, 1, 0), 7294);
    ck_assert_uint_eq(largest_for(g, 2, 0), 3520);
    ck_assert_uint_eq(largest_for(g, 8, 0), 793);
    ck_assert_uint_eq(dasd_records_per_track(g, 0, 800), 7);
}
END_TEST

START_TEST(test_2314_key_costs_its_length_plus_45_bytes)
{
    const struct dasd_geometry *g = dasd_geometry_find("2314", NULL);
    ck_assert_uint_eq(largest_for(g, 1, 8), 7294 - 45 - 8);
}
END_TEST

START_TEST(test_3330_track_holds_one_record_of_13030_or_two_of_6447)
{
    const struct dasd_geometry *g = dasd_geometry_find("3330", NULL);
    ck_assert_uint_eq(largest_for(g, 1, 0), 13030);
    ck_assert_uint_eq(largest_for(g, 2, 0), 6447);
    /* With a key: 13165 / (135 + 56 + KL + DL). */
    ck_assert_uint_eq(dasd_records_per_track(g, 10, 1000), 13165 / (135 + 56 + 1010));
}
END_TEST

START_TEST(test_2301_track_holds_one_record_of_20483_bytes)
{
    const struct dasd_geometry *g = dasd_geometry_find("2301", NULL);
    ck_assert_uint_eq(largest_for(g, 1, 0), 20483);
    ck_assert_uint_eq(g->heads, 200);
    ck_assert_uint_eq(g->cylinders, 1);
}
END_TEST

START_TEST(test_image_track_sizes_are_those_dasdinit_writes)
{
    ck_assert_uint_eq(dasd_image_track_size(dasd_geometry_find("2311", NULL)), 4096);
    ck_assert_uint_eq(dasd_image_track_size(dasd_geometry_find("2314", NULL)), 7680);
    ck_assert_uint_eq(dasd_image_track_size(dasd_geometry_find("3330", NULL)), 13312);
    ck_assert_uint_eq(dasd_image_track_size(dasd_geometry_find("2301", NULL)), 20992);
}
END_TEST

START_TEST(test_model_names_give_cylinder_counts)
{
    unsigned c;
    ck_assert_ptr_eq(dasd_geometry_find("3330-11", &c), dasd_geometry_find("3330", NULL));
    ck_assert_uint_eq(c, 808);
    ck_assert_ptr_nonnull(dasd_geometry_find("2314-1", &c));
    ck_assert_uint_eq(c, 200);
    ck_assert_ptr_null(dasd_geometry_find("3390", &c));
    ck_assert_uint_eq(dasd_geometry_by_header_type(0x14)->device_type, 0x2314);
    ck_assert_uint_eq(dasd_geometry_by_header_type(0x01)->device_type, 0x2301);
    ck_assert_uint_eq(dasd_geometry_find("3330", NULL)->sense_length, 24);
    ck_assert_uint_eq(dasd_geometry_find("2314", NULL)->sense_length, 6);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dasd geometry");
    TCase *t = tcase_create("capacity");
    tcase_add_test(t, test_2311_track_holds_one_record_of_3625_or_two_of_1740);
    tcase_add_test(t, test_2314_track_holds_one_of_7294_two_of_3520_eight_of_793);
    tcase_add_test(t, test_2314_key_costs_its_length_plus_45_bytes);
    tcase_add_test(t, test_3330_track_holds_one_record_of_13030_or_two_of_6447);
    tcase_add_test(t, test_2301_track_holds_one_record_of_20483_bytes);
    tcase_add_test(t, test_image_track_sizes_are_those_dasdinit_writes);
    tcase_add_test(t, test_model_names_give_cylinder_counts);
    suite_add_tcase(s, t);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
