# Unit tests for src/ (Check).
# The machine, its configuration and the operator's side.
SRC_TEST_LIBS = src/libvm67machine.a devices/libdevices.a cpu/libcpu.a lib/libvm67common.a \
	$(LIBEDIT_LIBS) $(ZLIB_LIBS) $(CHECK_LIBS) -lpthread -lm
SRC_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)

check_PROGRAMS += tests/unit/src/test_configuration
tests_unit_src_test_configuration_SOURCES = tests/unit/src/test_configuration.c
tests_unit_src_test_configuration_CFLAGS = $(SRC_TEST_CFLAGS)
tests_unit_src_test_configuration_LDADD = $(SRC_TEST_LIBS)
TESTS += tests/unit/src/test_configuration

check_PROGRAMS += tests/unit/src/test_machine
tests_unit_src_test_machine_SOURCES = tests/unit/src/test_machine.c
tests_unit_src_test_machine_CFLAGS = $(SRC_TEST_CFLAGS)
tests_unit_src_test_machine_LDADD = $(SRC_TEST_LIBS)
TESTS += tests/unit/src/test_machine

check_PROGRAMS += tests/unit/src/test_operator
tests_unit_src_test_operator_SOURCES = tests/unit/src/test_operator.c
tests_unit_src_test_operator_CFLAGS = $(SRC_TEST_CFLAGS)
tests_unit_src_test_operator_LDADD = $(SRC_TEST_LIBS)
TESTS += tests/unit/src/test_operator
