# Unit tests for asm/ (Check). One program per topic; all link the
# assembler test support. The GNU as comparison needs s390x-linux-gnu-as
# (Debian package binutils-s390x-linux-gnu) and skips without it.
noinst_LIBRARIES += tests/unit/asm/libasmtest.a
tests_unit_asm_libasmtest_a_SOURCES = tests/unit/asm/asm_test_support.c tests/unit/asm/asm_test_support.h
tests_unit_asm_libasmtest_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
ASM_TEST_LIBS = tests/unit/asm/libasmtest.a asm/libasm.a cpu/libcpu.a lib/libvm67common.a $(CHECK_LIBS) -lm
ASM_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)

ASM_UNIT_TESTS = \
	tests/unit/asm/test_built_decks \
	tests/unit/asm/test_constants \
	tests/unit/asm/test_directives \
	tests/unit/asm/test_error_paths \
	tests/unit/asm/test_expressions \
	tests/unit/asm/test_gnu_as_encoding \
	tests/unit/asm/test_hostile_input \
	tests/unit/asm/test_instructions \
	tests/unit/asm/test_literals_and_using \
	tests/unit/asm/test_macros \
	tests/unit/asm/test_object_deck \
	tests/unit/asm/test_object_loader \
	tests/unit/asm/test_ipl_deck \
	tests/unit/asm/test_listing \
	tests/unit/asm/test_source_format
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

tests_unit_asm_test_macros_SOURCES = tests/unit/asm/test_macros.c
tests_unit_asm_test_macros_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_macros_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_object_deck_SOURCES = tests/unit/asm/test_object_deck.c
tests_unit_asm_test_object_deck_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_object_deck_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_object_loader_SOURCES = tests/unit/asm/test_object_loader.c
tests_unit_asm_test_object_loader_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_object_loader_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_ipl_deck_SOURCES = tests/unit/asm/test_ipl_deck.c
tests_unit_asm_test_ipl_deck_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_ipl_deck_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_source_format_SOURCES = tests/unit/asm/test_source_format.c
tests_unit_asm_test_source_format_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_source_format_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_listing_SOURCES = tests/unit/asm/test_listing.c
tests_unit_asm_test_listing_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_listing_LDADD = $(ASM_TEST_LIBS)

# Sample programs under tests/asm/, assembled by the rule in asm/local.mk.
VM67_ASM_FLAGS += -I $(srcdir)/tests/asm/maclib
VM67_ASM_IPL_DECKS += tests/asm/ipl_sum.ipl tests/asm/hello_console.ipl
VM67_ASM_OBJECT_DECKS += tests/asm/module.obj tests/asm/load_relocated.obj
EXTRA_DIST += tests/asm/ipl_sum.asm tests/asm/module.asm tests/asm/errors.asm \
	tests/asm/hello_console.asm tests/asm/load_relocated.asm \
	tests/asm/maclib/WAITPSW.mac tests/asm/maclib/REGS.asm tests/asm/cli_test.sh tests/asm/run_test.sh
TESTS += tests/asm/cli_test.sh tests/asm/run_test.sh

tests_unit_asm_test_built_decks_SOURCES = tests/unit/asm/test_built_decks.c
tests_unit_asm_test_built_decks_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_built_decks_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_hostile_input_SOURCES = tests/unit/asm/test_hostile_input.c
tests_unit_asm_test_hostile_input_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_hostile_input_LDADD = $(ASM_TEST_LIBS)

tests_unit_asm_test_error_paths_SOURCES = tests/unit/asm/test_error_paths.c
tests_unit_asm_test_error_paths_CFLAGS = $(ASM_TEST_CFLAGS)
tests_unit_asm_test_error_paths_LDADD = $(ASM_TEST_LIBS)
