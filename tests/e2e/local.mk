# End-to-end tests: IPL decks and images, compare what the guest printed.

# The default demo (needs demo/primes.ipl and demo/demo.cnf, built by make).
TESTS += tests/e2e/demo.sh
EXTRA_DIST += tests/e2e/demo.sh tests/e2e/expected/demo.txt
check_DATA = demo/demo.cnf
# Tape: IPL TOS/360 from its system tape on a 2400 (skips without the
# historical media or a vm67 with `run`).
TESTS += tests/e2e/tape_ipl_tos.sh
EXTRA_DIST += tests/e2e/tape_ipl_tos.sh
