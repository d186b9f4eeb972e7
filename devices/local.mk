# devices/: the channel engine and one file per device type; image formats.
noinst_LIBRARIES += devices/libdevices.a
devices_libdevices_a_SOURCES = \
	devices/device.h \
	devices/device_common.c \
	devices/device_registry.c
# Magnetic tape: the 2400 unit and its image formats.
devices_libdevices_a_SOURCES += \
	devices/tape_2400.c devices/tape_2400.h \
	devices/tape_options.c devices/tape_options.h \
	devices/tape_image.c devices/tape_image.h devices/tape_format.h \
	devices/tape_aws.c devices/tape_het.c devices/tape_simh.c
