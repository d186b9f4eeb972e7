# devices/: the channel engine and one file per device type; image formats.
noinst_LIBRARIES += devices/libdevices.a
devices_libdevices_a_SOURCES = \
	devices/device.h \
	devices/device_common.c \
	devices/device_registry.c
devices_libdevices_a_SOURCES += \
	devices/comm_2703.c devices/comm_2703.h \
	devices/comm_codes.c devices/comm_codes.h \
	devices/comm_terminal.c devices/comm_terminal.h \
	devices/telnet.c devices/telnet.h
