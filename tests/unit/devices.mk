# Unit tests for devices/ (Check).
# DASD: image formats, the CKD device's commands, the dasd tools, a fuzz
# test of the image readers. All link the DASD test support.
noinst_LIBRARIES += tests/unit/devices/libdasdtest.a
tests_unit_devices_libdasdtest_a_SOURCES = tests/unit/devices/test_dasd_support.c tests/unit/devices/test_dasd_support.h
tests_unit_devices_libdasdtest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
DASD_TEST_LIBS = tests/unit/devices/libdasdtest.a devices/libdevices.a lib/libvm67common.a $(CHECK_LIBS) $(ZLIB_LIBS) -lm
DASD_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(ZLIB_CFLAGS)
DASD_UNIT_TESTS = \
	tests/unit/devices/test_ckd_read_commands
check_PROGRAMS += $(DASD_UNIT_TESTS)
TESTS += $(DASD_UNIT_TESTS)
tests_unit_devices_test_ckd_read_commands_SOURCES = tests/unit/devices/test_ckd_read_commands.c
tests_unit_devices_test_ckd_read_commands_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_ckd_read_commands_LDADD = $(DASD_TEST_LIBS)
