# End-to-end tests: IPL decks and images, compare what the guest printed.
# DASD: the vm67 dasd command line, and compatibility with Hercules's DASD
# tools (skipped, saying so, without the Debian package hercules).
DASD_E2E_TESTS = tests/e2e/dasd_tools.sh tests/e2e/dasd_hercules_compat.sh
TESTS += $(DASD_E2E_TESTS)
EXTRA_DIST += $(DASD_E2E_TESTS)
