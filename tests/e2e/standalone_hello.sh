#!/bin/sh
# hello.deck (../shared/historical/standalone): IPL from the reader, one
# line on the 1052, disabled wait. The transcript must match exactly.
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_need_historical standalone
e2e_scratch
cat > "$E2E_TMP/hello.cnf" <<CNF
MAINSIZE 64K
NUMCPU 1
000C 3505 $E2E_MEDIA/hello.deck ebcdic eof
001F 1052
CNF
"$VM67" run "$E2E_TMP/hello.cnf" --ipl 00C --console-log "$E2E_TMP/hello.console.txt" \
    < /dev/null > "$E2E_TMP/stdout" 2> "$E2E_TMP/stderr" || e2e_fail "vm67 run exited $?: $(cat "$E2E_TMP/stderr")"
e2e_same "$E2E_MEDIA/expected/hello.console.txt" "$E2E_TMP/hello.console.txt" "the console transcript"
printf 'Hello Bare-Metal World!\ndisabled wait PSW=00020000 00000000\n' > "$E2E_TMP/want"
e2e_same "$E2E_TMP/want" "$E2E_TMP/stdout" "standard output"
# The only message: NUMCPU 1 is accepted with its note (DESIGN.md).
printf 'vm67: note: %s/hello.cnf:2: NUMCPU 1 ignored: the machine has one CPU in any case\n' "$E2E_TMP" > "$E2E_TMP/want_err"
e2e_same "$E2E_TMP/want_err" "$E2E_TMP/stderr" "standard error"
exit 0
