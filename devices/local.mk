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
devices_libdevices_a_SOURCES += \
	devices/comm_2703.c devices/comm_2703.h \
	devices/comm_codes.c devices/comm_codes.h \
	devices/comm_terminal.c devices/comm_terminal.h \
	devices/telnet.c devices/telnet.h
