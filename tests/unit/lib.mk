# Unit tests for lib/ (Check).
check_PROGRAMS += tests/unit/lib/test_event_queue
tests_unit_lib_test_event_queue_SOURCES = tests/unit/lib/test_event_queue.c
tests_unit_lib_test_event_queue_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_lib_test_event_queue_LDADD = lib/libvm67common.a $(CHECK_LIBS)
TESTS += tests/unit/lib/test_event_queue

check_PROGRAMS += tests/unit/lib/test_file_util
tests_unit_lib_test_file_util_SOURCES = tests/unit/lib/test_file_util.c
tests_unit_lib_test_file_util_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_lib_test_file_util_LDADD = lib/libvm67common.a $(CHECK_LIBS)
TESTS += tests/unit/lib/test_file_util
