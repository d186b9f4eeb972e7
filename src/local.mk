# src/: the vm67 program: command line, machine assembly, operator console.
bin_PROGRAMS += vm67
vm67_SOURCES = \
	src/command_table.c \
	src/commands.h \
	src/main.c
vm67_SOURCES += src/command_dasd.c
# Layers, highest first, for the static linker (cp/ and asm/ join as they
# gain code).
VM67_LAYER_LIBS = devices/libdevices.a cpu/libcpu.a lib/libvm67common.a
vm67_LDADD = $(VM67_LAYER_LIBS) $(LIBEDIT_LIBS) $(ZLIB_LIBS) -lm
vm67_CFLAGS = $(AM_CFLAGS) $(LIBEDIT_CFLAGS) $(ZLIB_CFLAGS)
