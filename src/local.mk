# src/: the vm67 program: command line, machine assembly, operator console.
bin_PROGRAMS += vm67
vm67_SOURCES = \
	src/command_asm.c \
	src/command_table.c \
	src/commands.h \
	src/main.c
vm67_SOURCES += src/command_dasd.c
# Layers, highest first, for the static linker (cp/ and asm/ join as they
# gain code).
VM67_LAYER_LIBS = asm/libasm.a devices/libdevices.a cpu/libcpu.a lib/libvm67common.a
vm67_LDADD = src/libvm67machine.a $(VM67_LAYER_LIBS) $(LIBEDIT_LIBS) $(ZLIB_LIBS) -lpthread -lm
vm67_CFLAGS = $(AM_CFLAGS) $(LIBEDIT_CFLAGS) $(ZLIB_CFLAGS)

# The machine and its operator's side (vm67 run), in a library so that the
# unit tests link the same code.
noinst_LIBRARIES += src/libvm67machine.a
src_libvm67machine_a_SOURCES = \
	src/machine.c src/machine.h \
	src/configuration.c src/configuration.h \
	src/console_log.c src/console_log.h \
	src/console_script.c src/console_script.h \
	src/instruction_trace.c src/instruction_trace.h \
	src/operator_commands.c src/operator_commands.h \
	src/operator_console.c src/operator_console.h \
	src/operator_session.c src/operator_session.h
src_libvm67machine_a_CFLAGS = $(AM_CFLAGS) $(LIBEDIT_CFLAGS)
vm67_SOURCES += src/command_run.c
