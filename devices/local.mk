# devices/: the channel engine and one file per device type; image formats.
noinst_LIBRARIES += devices/libdevices.a
devices_libdevices_a_SOURCES = \
	devices/device.h \
	devices/device_common.c \
	devices/device_registry.c
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
