# devices/: the channel engine and one file per device type; image formats.
noinst_LIBRARIES += devices/libdevices.a
devices_libdevices_a_SOURCES = \
	devices/device.h \
	devices/device_common.c \
	devices/device_registry.c
devices_libdevices_a_SOURCES += \
	devices/channel.c devices/channel.h
devices_libdevices_a_SOURCES += \
	devices/device_arguments.c devices/device_arguments.h \
	devices/console_1052.c devices/console_1052.h \
	devices/card_deck.c devices/card_deck.h \
	devices/card_output.c devices/card_output.h \
	devices/card_reader.c devices/card_reader.h \
	devices/card_punch.c devices/card_punch.h \
	devices/card_reader_2540.c \
	devices/card_punch_2540.c \
	devices/card_read_punch_1442.c \
	devices/line_printer.c devices/line_printer.h \
	devices/printer_1403.c \
	devices/printer_1443.c
# Magnetic tape: the 2400 unit and its image formats.
devices_libdevices_a_SOURCES += \
	devices/tape_2400.c devices/tape_2400.h \
	devices/tape_options.c devices/tape_options.h \
	devices/tape_image.c devices/tape_image.h devices/tape_format.h \
	devices/tape_aws.c devices/tape_het.c devices/tape_simh.c
# DASD: geometry, Hercules CKD/CCKD images, the CKD device, the dasd tools.
devices_libdevices_a_SOURCES += \
	devices/dasd_geometry.c devices/dasd_geometry.h \
	devices/ckd_track.c devices/ckd_track.h \
	devices/ckd_image.c devices/ckd_image.h \
	devices/cckd_image.c devices/cckd_image.h \
	devices/cckd_scan.c devices/cckd_scan.h \
	devices/dasd_ckd.c devices/dasd_ckd.h \
	devices/dasd_ckd_position.c \
	devices/dasd_ckd_control.c \
	devices/dasd_ckd_read.c \
	devices/dasd_ckd_write.c \
	devices/dasd_tools.h \
	devices/dasd_init.c \
	devices/dasd_copy.c \
	devices/dasd_check.c \
	devices/dasd_list.c
devices_libdevices_a_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
devices_libdevices_a_SOURCES += \
	devices/comm_2703.c devices/comm_2703.h \
	devices/comm_codes.c devices/comm_codes.h \
	devices/comm_terminal.c devices/comm_terminal.h \
	devices/telnet.c devices/telnet.h
