#!/bin/sh
# The default demo (README's first command): IPL the deck the assembler
# made from demo/primes.asm and compare every console line with the
# expected transcript: the greeting, the 168 primes below 1000 (binary
# division, CVD and ED), their count and their sum with commas (AP, ED),
# and the disabled wait.
set -eu
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$VM67_BUILDDIR"
"$VM67" run demo/demo.cnf --ipl 00C --batch >"$out"
diff -u "$VM67_SRCDIR/tests/e2e/expected/demo.txt" "$out"
