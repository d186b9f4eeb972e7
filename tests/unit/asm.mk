# Unit tests for asm/ (Check). One program per topic; all link the
# assembler test support. The GNU as comparison needs s390x-linux-gnu-as
# (Debian package binutils-s390x-linux-gnu) and skips without it.
noinst_LIBRARIES += tests/unit/asm/libasmtest.a
tests_unit_asm_libasmtest_a_SOURCES = tests/unit/asm/asm_test_support.c tests/unit/asm/asm_test_support.h
tests_unit_asm_libasmtest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
ASM_TEST_LIBS = tests/unit/asm/libasmtest.a asm/libasm.a cpu/libcpu.a lib/libvm67common.a $(CHECK_LIBS) -lm
ASM_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)

ASM_UNIT_TESTS = \
	tests/unit/asm/test_constants \
	tests/unit/asm/test_directives \
	tests/unit/asm/test_expressions \
	tests/unit/asm/test_gnu_as_encoding \
	tests/unit/asm/test_instructions \
	tests/unit/asm/test_literals_and_using
check_PROGRAMS += $(ASM_UNIT_TESTS)
TESTS += $(ASM_UNIT_TESTS)

tests_unit_asm_test_instructions_SOURCES = tests/unit/asm/test_instructions.c
tests_unit_asm_test_instructions_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_instructions_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_gnu_as_encoding_SOURCES = tests/unit/asm/test_gnu_as_encoding.c
tests_unit_asm_test_gnu_as_encoding_CFLAGS = $(ASM_TEST_CFLAGS) -DS390_AS_PATH='"$(S390_AS)"' \
	-DS390_OBJCOPY_PATH='"$(S390_OBJCOPY)"'
tests_unit_asm_test_gnu_as_encoding_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_constants_SOURCES = tests/unit/asm/test_constants.c
tests_unit_asm_test_constants_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_constants_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_directives_SOURCES = tests/unit/asm/test_directives.c
tests_unit_asm_test_directives_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_directives_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_expressions_SOURCES = tests/unit/asm/test_expressions.c
tests_unit_asm_test_expressions_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_expressions_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_literals_and_using_SOURCES = tests/unit/asm/test_literals_and_using.c
tests_unit_asm_test_literals_and_using_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_literals_and_using_LDADD = $(ASM_TEST_LIBS)
