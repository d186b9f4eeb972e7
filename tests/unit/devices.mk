# Unit tests for devices/ (Check).
# The 2703 transmission control: line codes, telnet, terminals, the device.
COMM_TEST_LIBS = devices/libdevices.a lib/libvm67common.a $(CHECK_LIBS)
COMM_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
check_PROGRAMS += tests/unit/devices/test_comm_codes tests/unit/devices/test_comm_telnet \
	tests/unit/devices/test_comm_terminal tests/unit/devices/test_comm_2703
tests_unit_devices_test_comm_codes_SOURCES = tests/unit/devices/test_comm_codes.c
tests_unit_devices_test_comm_codes_CFLAGS = $(COMM_TEST_CFLAGS)
tests_unit_devices_test_comm_codes_LDADD = $(COMM_TEST_LIBS)
tests_unit_devices_test_comm_telnet_SOURCES = tests/unit/devices/test_comm_telnet.c
tests_unit_devices_test_comm_telnet_CFLAGS = $(COMM_TEST_CFLAGS)
tests_unit_devices_test_comm_telnet_LDADD = $(COMM_TEST_LIBS)
tests_unit_devices_test_comm_terminal_SOURCES = tests/unit/devices/test_comm_terminal.c
tests_unit_devices_test_comm_terminal_CFLAGS = $(COMM_TEST_CFLAGS)
tests_unit_devices_test_comm_terminal_LDADD = $(COMM_TEST_LIBS)
tests_unit_devices_test_comm_2703_SOURCES = tests/unit/devices/test_comm_2703.c
tests_unit_devices_test_comm_2703_CFLAGS = $(COMM_TEST_CFLAGS)
tests_unit_devices_test_comm_2703_LDADD = $(COMM_TEST_LIBS)
TESTS += tests/unit/devices/test_comm_codes tests/unit/devices/test_comm_telnet \
	tests/unit/devices/test_comm_terminal tests/unit/devices/test_comm_2703
