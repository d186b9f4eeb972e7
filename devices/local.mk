# devices/: the channel engine and one file per device type; image formats.
noinst_LIBRARIES += devices/libdevices.a
devices_libdevices_a_SOURCES = \
	devices/device.h \
	devices/device_common.c \
	devices/device_registry.c
devices_libdevices_a_SOURCES += \
	devices/channel.c devices/channel.h
