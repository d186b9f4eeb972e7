# End-to-end tests: IPL decks and images, compare what the guest printed.
# A telnet user logs in through a 2703 line (the program is assembled by
# the test with vm67 asm).
TESTS += tests/e2e/comm_login.sh
EXTRA_DIST += tests/e2e/comm_login.sh tests/e2e/programs/comm_login.asm
