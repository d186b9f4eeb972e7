# Unit tests for cpu/ (Check). One program per instruction group or topic;
# all link the CPU test support.
noinst_LIBRARIES += tests/unit/cpu/libcputest.a
tests_unit_cpu_libcputest_a_SOURCES = tests/unit/cpu/cpu_test_support.c tests/unit/cpu/cpu_test_support.h
tests_unit_cpu_libcputest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
CPU_TEST_LIBS = tests/unit/cpu/libcputest.a cpu/libcpu.a lib/libvm67common.a $(CHECK_LIBS) -lm
CPU_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)

check_PROGRAMS += tests/unit/cpu/test_core
tests_unit_cpu_test_core_SOURCES = tests/unit/cpu/test_core.c
tests_unit_cpu_test_core_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_core_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_core

# The 67's own architecture: EC mode, control registers, DAT. These link
# the 67 test support (EC PSWs, standard page tables) as well.
noinst_LIBRARIES += tests/unit/cpu/libmodel67test.a
tests_unit_cpu_libmodel67test_a_SOURCES = tests/unit/cpu/model67_test_support.c tests/unit/cpu/model67_test_support.h
tests_unit_cpu_libmodel67test_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
MODEL67_TEST_LIBS = tests/unit/cpu/libmodel67test.a $(CPU_TEST_LIBS)

check_PROGRAMS += tests/unit/cpu/test_dat tests/unit/cpu/test_ec_mode tests/unit/cpu/test_model67
tests_unit_cpu_test_dat_SOURCES = tests/unit/cpu/test_dat.c
tests_unit_cpu_test_dat_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_dat_LDADD = $(MODEL67_TEST_LIBS)
tests_unit_cpu_test_ec_mode_SOURCES = tests/unit/cpu/test_ec_mode.c
tests_unit_cpu_test_ec_mode_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_ec_mode_LDADD = $(MODEL67_TEST_LIBS)
tests_unit_cpu_test_model67_SOURCES = tests/unit/cpu/test_model67.c
tests_unit_cpu_test_model67_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_model67_LDADD = $(MODEL67_TEST_LIBS)
TESTS += tests/unit/cpu/test_dat tests/unit/cpu/test_ec_mode tests/unit/cpu/test_model67

check_PROGRAMS += tests/unit/cpu/test_float_load tests/unit/cpu/test_float_add tests/unit/cpu/test_float_muldiv \
	tests/unit/cpu/test_float_vectors
tests_unit_cpu_test_float_load_SOURCES = tests/unit/cpu/test_float_load.c tests/unit/cpu/test_float_support.h
tests_unit_cpu_test_float_load_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_float_load_LDADD = $(CPU_TEST_LIBS)
tests_unit_cpu_test_float_add_SOURCES = tests/unit/cpu/test_float_add.c tests/unit/cpu/test_float_support.h
tests_unit_cpu_test_float_add_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_float_add_LDADD = $(CPU_TEST_LIBS)
tests_unit_cpu_test_float_muldiv_SOURCES = tests/unit/cpu/test_float_muldiv.c tests/unit/cpu/test_float_support.h
tests_unit_cpu_test_float_muldiv_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_float_muldiv_LDADD = $(CPU_TEST_LIBS)
tests_unit_cpu_test_float_vectors_SOURCES = tests/unit/cpu/test_float_vectors.c tests/unit/cpu/test_float_support.h
tests_unit_cpu_test_float_vectors_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_float_vectors_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_float_load tests/unit/cpu/test_float_add tests/unit/cpu/test_float_muldiv \
	tests/unit/cpu/test_float_vectors
check_PROGRAMS += tests/unit/cpu/test_fixed_point
tests_unit_cpu_test_fixed_point_SOURCES = tests/unit/cpu/test_fixed_point.c
tests_unit_cpu_test_fixed_point_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_fixed_point_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_fixed_point

check_PROGRAMS += tests/unit/cpu/test_logical
tests_unit_cpu_test_logical_SOURCES = tests/unit/cpu/test_logical.c
tests_unit_cpu_test_logical_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_logical_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_logical

check_PROGRAMS += tests/unit/cpu/test_branch
tests_unit_cpu_test_branch_SOURCES = tests/unit/cpu/test_branch.c
tests_unit_cpu_test_branch_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_branch_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_branch

check_PROGRAMS += tests/unit/cpu/test_system
tests_unit_cpu_test_system_SOURCES = tests/unit/cpu/test_system.c
tests_unit_cpu_test_system_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_system_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_system

check_PROGRAMS += tests/unit/cpu/test_interruptions
tests_unit_cpu_test_interruptions_SOURCES = tests/unit/cpu/test_interruptions.c
tests_unit_cpu_test_interruptions_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_interruptions_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_interruptions

check_PROGRAMS += tests/unit/cpu/test_decimal_numbers
tests_unit_cpu_test_decimal_numbers_SOURCES = tests/unit/cpu/test_decimal_numbers.c
tests_unit_cpu_test_decimal_numbers_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_decimal_numbers_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_decimal_numbers

check_PROGRAMS += tests/unit/cpu/test_decimal
tests_unit_cpu_test_decimal_SOURCES = tests/unit/cpu/test_decimal.c tests/unit/cpu/test_decimal_support.h
tests_unit_cpu_test_decimal_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_decimal_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_decimal

check_PROGRAMS += tests/unit/cpu/test_decimal_format
tests_unit_cpu_test_decimal_format_SOURCES = tests/unit/cpu/test_decimal_format.c tests/unit/cpu/test_decimal_support.h
tests_unit_cpu_test_decimal_format_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_decimal_format_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_decimal_format

check_PROGRAMS += tests/unit/cpu/test_decimal_edit
tests_unit_cpu_test_decimal_edit_SOURCES = tests/unit/cpu/test_decimal_edit.c tests/unit/cpu/test_decimal_support.h
tests_unit_cpu_test_decimal_edit_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_decimal_edit_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_decimal_edit

check_PROGRAMS += tests/unit/cpu/test_decimal_access
tests_unit_cpu_test_decimal_access_SOURCES = tests/unit/cpu/test_decimal_access.c tests/unit/cpu/test_decimal_support.h
tests_unit_cpu_test_decimal_access_CFLAGS = $(CPU_TEST_CFLAGS)
tests_unit_cpu_test_decimal_access_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_decimal_access

# Differential vectors (tests/differential/): cases run on vm67, Hercules
# and SIMH, replayed through the CPU. The vector files are data read at
# run time from the source tree.
check_PROGRAMS += tests/unit/cpu/test_differential_vectors
tests_unit_cpu_test_differential_vectors_SOURCES = tests/unit/cpu/test_differential_vectors.c
tests_unit_cpu_test_differential_vectors_CFLAGS = $(CPU_TEST_CFLAGS) \
	-DVECTOR_DIR='"$(abs_top_srcdir)/tests/unit/cpu/vectors"'
tests_unit_cpu_test_differential_vectors_LDADD = $(CPU_TEST_LIBS)
TESTS += tests/unit/cpu/test_differential_vectors
EXTRA_DIST += tests/unit/cpu/vectors/fixed.vec tests/unit/cpu/vectors/logical.vec \
	tests/unit/cpu/vectors/branch.vec tests/unit/cpu/vectors/decimal.vec tests/unit/cpu/vectors/float.vec \
	tests/unit/cpu/vectors/align.vec tests/unit/cpu/vectors/unassigned.vec \
	tests/unit/cpu/vectors/addressing.vec tests/unit/cpu/vectors/ascii.vec
