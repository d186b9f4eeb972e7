#!/bin/sh
# How vm67 run ends (DESIGN.md "Scripted runs"): the instruction limit
# (exit 3), a configuration error naming file and line (exit 2), an IPL
# from a device that is not there and an IPL that fails (exit 1), a
# script that can never go on (exit 1, naming the script line at once,
# without waiting for the timeout), and a machine that waits for input
# that cannot come (exit 1).
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_scratch
"$VM67_BUILDDIR/tests/e2e/deck_builder" "$VM67_SRCDIR/tests/e2e/decks/enabled_wait.image" "$E2E_TMP/wait.deck" ||
    e2e_fail "deck_builder failed"
"$VM67_BUILDDIR/tests/e2e/deck_builder" "$VM67_SRCDIR/tests/e2e/decks/print_punch.image" "$E2E_TMP/pp.deck" ||
    e2e_fail "deck_builder failed"

expect_exit() { # STATUS MESSAGE-PATTERN COMMAND...
    want=$1
    pattern=$2
    shift 2
    "$@" < /dev/null > "$E2E_TMP/out" 2> "$E2E_TMP/err"
    got=$?
    [ "$got" -eq "$want" ] || e2e_fail "$*: exit status $got, expected $want ($(cat "$E2E_TMP/err"))"
    grep -q -- "$pattern" "$E2E_TMP/err" || e2e_fail "$*: no message matching '$pattern': $(cat "$E2E_TMP/err")"
}

cat > "$E2E_TMP/wait.cnf" <<CNF
MAINSIZE 64K
000C 3505 $E2E_TMP/wait.deck ebcdic eof
001F 1052
CNF
cat > "$E2E_TMP/loop.image" <<'IMAGE'
start 200
200: 47F0 0200           # B *
IMAGE
"$VM67_BUILDDIR/tests/e2e/deck_builder" "$E2E_TMP/loop.image" "$E2E_TMP/loop.deck" || e2e_fail "deck_builder failed"
cat > "$E2E_TMP/loop.cnf" <<CNF
MAINSIZE 64K
000C 3505 $E2E_TMP/loop.deck ebcdic eof
CNF

expect_exit 3 'instruction limit of 1000 reached, PSW=00000000 00000200' \
    "$VM67" run "$E2E_TMP/loop.cnf" --ipl 00C --max-instructions 1000

printf 'MAINSIZE 64K\n\n000C 3505 %s/wait.deck eof\nBOGUS 1\n' "$E2E_TMP" > "$E2E_TMP/bad.cnf"
expect_exit 2 "bad.cnf:4: unknown statement 'BOGUS'" "$VM67" run "$E2E_TMP/bad.cnf" --ipl 00C
printf '000C 3505 %s/missing.deck\n' "$E2E_TMP" > "$E2E_TMP/missing.cnf"
expect_exit 2 "missing.cnf:1: device 00C (2540R): .*missing.deck: No such file" \
    "$VM67" run "$E2E_TMP/missing.cnf" --ipl 00C

expect_exit 1 'IPL: no device at address 00E' "$VM67" run "$E2E_TMP/wait.cnf" --ipl 00E
printf '000C 3505 %s/wait.deck\n' "$E2E_TMP" > "$E2E_TMP/empty.cnf"
: > "$E2E_TMP/empty.deck"
printf '000C 3505 %s/empty.deck ebcdic\n' "$E2E_TMP" > "$E2E_TMP/empty.cnf"
expect_exit 1 'IPL from 00C failed: CSW 00000008 0E000018, sense 40' "$VM67" run "$E2E_TMP/empty.cnf" --ipl 00C

printf 'expect "NEVER"\n' > "$E2E_TMP/never.script"
expect_exit 1 'never.script:1: expect "NEVER": cannot be met: the CPU waits (PSW=FE020000 00000000)' \
    "$VM67" run "$E2E_TMP/wait.cnf" --ipl 00C --script "$E2E_TMP/never.script"

printf 'wait\nbogus\n' > "$E2E_TMP/bad.script"
expect_exit 2 "bad.script:2: unknown command 'bogus'" \
    "$VM67" run "$E2E_TMP/wait.cnf" --ipl 00C --script "$E2E_TMP/bad.script"

expect_exit 1 'the CPU waits (PSW=FE020000 00000000) with nothing pending, and standard input is at its end' \
    "$VM67" run "$E2E_TMP/wait.cnf" --ipl 00C

# A script that waits for the idle machine, then quits: exit 0.
printf 'wait\nquit\n' > "$E2E_TMP/quit.script"
"$VM67" run "$E2E_TMP/wait.cnf" --ipl 00C --script "$E2E_TMP/quit.script" < /dev/null > "$E2E_TMP/out" 2>&1 ||
    e2e_fail "wait + quit: exit status $? ($(cat "$E2E_TMP/out"))"

# A disabled wait before the script is done is a failure naming the line.
printf 'expect "HELLO"\nquit\n' > "$E2E_TMP/early.script"
cat > "$E2E_TMP/pp2.cnf" <<CNF
000C 3505 $E2E_TMP/pp.deck ebcdic eof
000D 3525 $E2E_TMP/pp2.punch
000E 1403 $E2E_TMP/pp2.print
CNF
expect_exit 1 'the run ended before the script did, at .*early.script:1: expect "HELLO"' \
    "$VM67" run "$E2E_TMP/pp2.cnf" --ipl 00C --script "$E2E_TMP/early.script"

# --stats adds one line.
cat > "$E2E_TMP/pp.cnf" <<CNF
000C 3505 $E2E_TMP/pp.deck ebcdic eof
000D 3525 $E2E_TMP/pp.punch
000E 1403 $E2E_TMP/pp.print
CNF
"$VM67" run "$E2E_TMP/pp.cnf" --ipl 00C --stats < /dev/null > "$E2E_TMP/out" 2>&1 || e2e_fail "--stats run failed"
grep -q '^instructions=[0-9]* seconds=[0-9.]* mips=[0-9.]*$' "$E2E_TMP/out" || e2e_fail "no stats line: $(cat "$E2E_TMP/out")"
exit 0
