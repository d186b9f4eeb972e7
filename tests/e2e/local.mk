# End-to-end tests: IPL decks and images, compare what the guest printed.

# The default demo (needs demo/primes.ipl and demo/demo.cnf, built by make).
TESTS += tests/e2e/demo.sh
EXTRA_DIST += tests/e2e/demo.sh tests/e2e/expected/demo.txt
check_DATA = demo/demo.cnf
