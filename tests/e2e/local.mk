# End-to-end tests: IPL decks and images, compare what the guest printed.
check_PROGRAMS += tests/e2e/deck_builder
tests_e2e_deck_builder_SOURCES = tests/e2e/deck_builder.c
tests_e2e_deck_builder_LDADD = lib/libvm67common.a
TESTS += \
	tests/e2e/standalone_hello.sh \
	tests/e2e/standalone_echo.sh \
	tests/e2e/standalone_crd2consl.sh \
	tests/e2e/unit_record_print_punch.sh \
	tests/e2e/run_endings.sh \
	tests/e2e/tos360_full_demo.sh \
	tests/e2e/operator_console_tty.sh \
	tests/e2e/deterministic_runs.sh
EXTRA_DIST += \
	tests/e2e/lib.sh \
	tests/e2e/decks/print_punch.image \
	tests/e2e/decks/enabled_wait.image \
	tests/e2e/standalone_hello.sh \
	tests/e2e/standalone_echo.sh \
	tests/e2e/standalone_crd2consl.sh \
	tests/e2e/unit_record_print_punch.sh \
	tests/e2e/run_endings.sh \
	tests/e2e/tos360_full_demo.sh \
	tests/e2e/operator_console_tty.sh \
	tests/e2e/deterministic_runs.sh

# The default demo (needs demo/primes.ipl and demo/demo.cnf, built by make).
TESTS += tests/e2e/demo.sh
EXTRA_DIST += tests/e2e/demo.sh tests/e2e/expected/demo.txt
check_DATA = demo/demo.cnf
# Tape: IPL TOS/360 from its system tape on a 2400 (skips without the
# historical media or a vm67 with `run`).
TESTS += tests/e2e/tape_ipl_tos.sh
EXTRA_DIST += tests/e2e/tape_ipl_tos.sh

# DASD: the vm67 dasd command line, and compatibility with Hercules's DASD
# tools (skipped, saying so, without the Debian package hercules).
DASD_E2E_TESTS = tests/e2e/dasd_tools.sh tests/e2e/dasd_hercules_compat.sh tests/e2e/dasd_ipl.sh
TESTS += $(DASD_E2E_TESTS)
EXTRA_DIST += $(DASD_E2E_TESTS)

# A telnet user logs in through a 2703 line (the program is assembled by
# the test with vm67 asm).
TESTS += tests/e2e/comm_login.sh
EXTRA_DIST += tests/e2e/comm_login.sh tests/e2e/programs/comm_login.asm

# Issue 9: damaged tape images read by a guest program (assembled at build
# time): the CSWs and sense bytes it punches, and the messages.
VM67_ASM_IPL_DECKS += tests/e2e/programs/tape_damage.ipl
TESTS += tests/e2e/tape_damage.sh
EXTRA_DIST += tests/e2e/tape_damage.sh tests/e2e/programs/tape_damage.asm

# Issue 9: the whole TOS/360 job sequence by the documented command of
# examples/tos360 (host timer once, --deterministic twice).
TESTS += tests/e2e/tos360_example.sh
EXTRA_DIST += tests/e2e/tos360_example.sh examples/tos360/README.md examples/tos360/tos360.cnf \
	examples/tos360/tos360.script examples/tos360/run-tos360

# Issue 9: echo.deck's whole dialogue (REQUEST, INTERRUPT, CANCEL) typed by
# hand at the operator console on a pseudo-terminal.
TESTS += tests/e2e/operator_console_by_hand.sh
EXTRA_DIST += tests/e2e/operator_console_by_hand.sh
# The manual: every page renders without a groff warning, documents every
# option of the --help texts and every device type (skips without groff:
# Debian package groff-base).
TESTS += tests/e2e/man_pages.sh
EXTRA_DIST += tests/e2e/man_pages.sh

# ^C and kill end a run in order: devices flushed and closed.
VM67_ASM_IPL_DECKS += tests/e2e/programs/print_then_loop.ipl
TESTS += tests/e2e/stop_signal.sh
EXTRA_DIST += tests/e2e/stop_signal.sh tests/e2e/programs/print_then_loop.asm
