# Unit tests for devices/ (Check).
# Channel and device tests share a CPU + channel rig with a fake device.
noinst_LIBRARIES += tests/unit/devices/libiotest.a
tests_unit_devices_libiotest_a_SOURCES = tests/unit/devices/io_test_support.c tests/unit/devices/io_test_support.h
tests_unit_devices_libiotest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
IO_TEST_LIBS = tests/unit/devices/libiotest.a devices/libdevices.a cpu/libcpu.a lib/libvm67common.a $(CHECK_LIBS) $(ZLIB_LIBS) -lm
IO_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)

check_PROGRAMS += tests/unit/devices/test_channel
tests_unit_devices_test_channel_SOURCES = tests/unit/devices/test_channel.c
tests_unit_devices_test_channel_CFLAGS = $(IO_TEST_CFLAGS)
tests_unit_devices_test_channel_LDADD = $(IO_TEST_LIBS)
TESTS += tests/unit/devices/test_channel

check_PROGRAMS += tests/unit/devices/test_console_1052
tests_unit_devices_test_console_1052_SOURCES = tests/unit/devices/test_console_1052.c
tests_unit_devices_test_console_1052_CFLAGS = $(IO_TEST_CFLAGS)
tests_unit_devices_test_console_1052_LDADD = $(IO_TEST_LIBS)
TESTS += tests/unit/devices/test_console_1052

check_PROGRAMS += tests/unit/devices/test_card_units
tests_unit_devices_test_card_units_SOURCES = tests/unit/devices/test_card_units.c
tests_unit_devices_test_card_units_CFLAGS = $(IO_TEST_CFLAGS)
tests_unit_devices_test_card_units_LDADD = $(IO_TEST_LIBS)
TESTS += tests/unit/devices/test_card_units

check_PROGRAMS += tests/unit/devices/test_line_printer
tests_unit_devices_test_line_printer_SOURCES = tests/unit/devices/test_line_printer.c
tests_unit_devices_test_line_printer_CFLAGS = $(IO_TEST_CFLAGS)
tests_unit_devices_test_line_printer_LDADD = $(IO_TEST_LIBS)
TESTS += tests/unit/devices/test_line_printer
# Tape: image formats, the 2400 unit, real media, fuzzing.
noinst_LIBRARIES += tests/unit/devices/libtapetest.a
tests_unit_devices_libtapetest_a_SOURCES = tests/unit/devices/test_tape_support.c tests/unit/devices/test_tape_support.h \
	tests/unit/devices/test_tape_drive.c
tests_unit_devices_libtapetest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TAPE_TEST_LIBS = tests/unit/devices/libtapetest.a devices/libdevices.a lib/libvm67common.a $(CHECK_LIBS) $(ZLIB_LIBS)
TAPE_TESTS = \
	tests/unit/devices/test_tape_simh \
	tests/unit/devices/test_tape_aws \
	tests/unit/devices/test_tape_image \
	tests/unit/devices/test_tape_2400 \
	tests/unit/devices/test_tape_media \
	tests/unit/devices/test_tape_fuzz \
	tests/unit/devices/test_tape_hercules
check_PROGRAMS += $(TAPE_TESTS)
TESTS += $(TAPE_TESTS)
tests_unit_devices_test_tape_simh_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_devices_test_tape_simh_LDADD = $(TAPE_TEST_LIBS)
tests_unit_devices_test_tape_aws_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_devices_test_tape_aws_LDADD = $(TAPE_TEST_LIBS)
tests_unit_devices_test_tape_image_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_devices_test_tape_image_LDADD = $(TAPE_TEST_LIBS)
tests_unit_devices_test_tape_2400_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_devices_test_tape_2400_LDADD = $(TAPE_TEST_LIBS)
tests_unit_devices_test_tape_media_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_devices_test_tape_media_LDADD = $(TAPE_TEST_LIBS)
tests_unit_devices_test_tape_fuzz_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_devices_test_tape_fuzz_LDADD = $(TAPE_TEST_LIBS)
tests_unit_devices_test_tape_hercules_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_devices_test_tape_hercules_LDADD = $(TAPE_TEST_LIBS)

# DASD: image formats, the CKD device's commands, the dasd tools, a fuzz
# test of the image readers. All link the DASD test support.
noinst_LIBRARIES += tests/unit/devices/libdasdtest.a
tests_unit_devices_libdasdtest_a_SOURCES = tests/unit/devices/test_dasd_support.c tests/unit/devices/test_dasd_support.h
tests_unit_devices_libdasdtest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
DASD_TEST_LIBS = tests/unit/devices/libdasdtest.a devices/libdevices.a cpu/libcpu.a lib/libvm67common.a $(CHECK_LIBS) $(ZLIB_LIBS) -lm
DASD_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(ZLIB_CFLAGS)
DASD_UNIT_TESTS = \
	tests/unit/devices/test_ckd_read_commands \
	tests/unit/devices/test_ckd_write_commands \
	tests/unit/devices/test_ckd_models \
	tests/unit/devices/test_dasd_channel \
	tests/unit/devices/test_cckd_image \
	tests/unit/devices/test_dasd_fuzz \
	tests/unit/devices/test_dasd_geometry \
	tests/unit/devices/test_dasd_tools
check_PROGRAMS += $(DASD_UNIT_TESTS)
TESTS += $(DASD_UNIT_TESTS)
tests_unit_devices_test_ckd_read_commands_SOURCES = tests/unit/devices/test_ckd_read_commands.c
tests_unit_devices_test_ckd_read_commands_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_ckd_read_commands_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_ckd_write_commands_SOURCES = tests/unit/devices/test_ckd_write_commands.c
tests_unit_devices_test_ckd_write_commands_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_ckd_write_commands_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_cckd_image_SOURCES = tests/unit/devices/test_cckd_image.c
tests_unit_devices_test_cckd_image_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_cckd_image_LDADD = $(DASD_TEST_LIBS)
# Not tests: helpers for tests/e2e/dasd_hercules_compat.sh and dasd_ipl.sh.
check_PROGRAMS += tests/unit/devices/test_dasd_rewriter tests/unit/devices/test_dasd_ipl_volume
tests_unit_devices_test_dasd_ipl_volume_SOURCES = tests/unit/devices/test_dasd_ipl_volume.c
tests_unit_devices_test_dasd_ipl_volume_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_dasd_ipl_volume_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_dasd_rewriter_SOURCES = tests/unit/devices/test_dasd_rewriter.c
tests_unit_devices_test_dasd_rewriter_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_dasd_rewriter_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_dasd_fuzz_SOURCES = tests/unit/devices/test_dasd_fuzz.c
tests_unit_devices_test_dasd_fuzz_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_dasd_fuzz_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_dasd_geometry_SOURCES = tests/unit/devices/test_dasd_geometry.c
tests_unit_devices_test_dasd_geometry_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_dasd_geometry_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_dasd_tools_SOURCES = tests/unit/devices/test_dasd_tools.c
tests_unit_devices_test_dasd_tools_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_dasd_tools_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_ckd_models_SOURCES = tests/unit/devices/test_ckd_models.c
tests_unit_devices_test_ckd_models_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_ckd_models_LDADD = $(DASD_TEST_LIBS)
tests_unit_devices_test_dasd_channel_SOURCES = tests/unit/devices/test_dasd_channel.c
tests_unit_devices_test_dasd_channel_CFLAGS = $(DASD_TEST_CFLAGS)
tests_unit_devices_test_dasd_channel_LDADD = tests/unit/devices/libiotest.a $(DASD_TEST_LIBS)
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
