# Unit tests for devices/ (Check).
# Channel and device tests share a CPU + channel rig with a fake device.
noinst_LIBRARIES += tests/unit/devices/libiotest.a
tests_unit_devices_libiotest_a_SOURCES = tests/unit/devices/io_test_support.c tests/unit/devices/io_test_support.h
tests_unit_devices_libiotest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
IO_TEST_LIBS = tests/unit/devices/libiotest.a devices/libdevices.a cpu/libcpu.a lib/libvm67common.a $(CHECK_LIBS) -lm
IO_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)

check_PROGRAMS += tests/unit/devices/test_channel
tests_unit_devices_test_channel_SOURCES = tests/unit/devices/test_channel.c
tests_unit_devices_test_channel_CFLAGS = $(IO_TEST_CFLAGS)
tests_unit_devices_test_channel_LDADD = $(IO_TEST_LIBS)
TESTS += tests/unit/devices/test_channel
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
check_PROGRAMS += tests/unit/devices/test_comm_2703_channel
tests_unit_devices_test_comm_2703_channel_SOURCES = tests/unit/devices/test_comm_2703_channel.c
tests_unit_devices_test_comm_2703_channel_CFLAGS = $(IO_TEST_CFLAGS)
tests_unit_devices_test_comm_2703_channel_LDADD = $(IO_TEST_LIBS)
TESTS += tests/unit/devices/test_comm_2703_channel
