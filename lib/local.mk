# lib/: EBCDIC, errors with locations, the event queue, small utilities.
noinst_LIBRARIES += lib/libvm67common.a
lib_libvm67common_a_SOURCES = \
	lib/bytes.h \
	lib/ebcdic.c lib/ebcdic.h lib/ebcdic_tables.inc \
	lib/error.c lib/error.h \
	lib/event_queue.c lib/event_queue.h \
	lib/file_util.c lib/file_util.h
