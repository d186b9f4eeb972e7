# End-to-end tests: IPL decks and images, compare what the guest printed.
# Tape: IPL TOS/360 from its system tape on a 2400 (skips without the
# historical media or a vm67 with `run`).
TESTS += tests/e2e/tape_ipl_tos.sh
EXTRA_DIST += tests/e2e/tape_ipl_tos.sh
