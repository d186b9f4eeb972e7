# End-to-end tests: IPL decks and images, compare what the guest printed.

# The default demo (needs demo/primes.ipl and demo/demo.cnf, built by make).
TESTS += tests/e2e/demo.sh
EXTRA_DIST += tests/e2e/demo.sh tests/e2e/expected/demo.txt
check_DATA = demo/demo.cnf

# A telnet user logs in through a 2703 line (the program is assembled by
# the test with vm67 asm).
TESTS += tests/e2e/comm_login.sh
EXTRA_DIST += tests/e2e/comm_login.sh tests/e2e/programs/comm_login.asm
