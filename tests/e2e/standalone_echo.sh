#!/bin/sh
# echo.deck: the whole dialogue of the reference transcript, by a console
# script: lines typed after the keyboard unlocks, an empty line, the
# INTERRUPT key during a read (the program halts the read), REQUEST
# (attention), CANCEL during a read (unit exception), and quit.
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_need_historical standalone
e2e_scratch
cat > "$E2E_TMP/echo.cnf" <<CNF
MAINSIZE 64K
000C 3505 $E2E_MEDIA/echo.deck ebcdic eof
001F 1052
CNF
cat > "$E2E_TMP/echo.script" <<'SCRIPT'
# The dialogue of ../shared/historical/standalone/README.md
expect "ENTER: "
send "hello"
expect "ENTER: "
send "m four"
expect "ENTER: "
send ""
expect "ENTER: "
send "HELLO, World 123 $#@"
expect "ENTER: "
type ""            # wait until the read is active
interrupt
expect "** INTRP KEY **"
wait
request
expect "** ATTN **"
expect "ENTER: "
type "abc"
cancel
expect "** CANCEL **"
wait
request
expect "** ATTN **"
expect "ENTER: "
send "quit"
SCRIPT
"$VM67" run "$E2E_TMP/echo.cnf" --ipl 00C --script "$E2E_TMP/echo.script" \
    --console-log "$E2E_TMP/echo.console.txt" < /dev/null > "$E2E_TMP/stdout" 2> "$E2E_TMP/stderr" ||
    e2e_fail "vm67 run exited $?: $(cat "$E2E_TMP/stderr")"
e2e_same "$E2E_MEDIA/expected/echo.console.txt" "$E2E_TMP/echo.console.txt" "the console transcript"
tail -n 1 "$E2E_TMP/stdout" | grep -qx 'disabled wait PSW=00020000 00000000' || e2e_fail "no disabled wait line"

# The same program fed from standard input (no script): each line is
# typed when the console reads.
printf 'first line\nquit\n' | "$VM67" run "$E2E_TMP/echo.cnf" --ipl 00C > "$E2E_TMP/stdin.stdout" \
    2> "$E2E_TMP/stdin.stderr" || e2e_fail "stdin run exited $?: $(cat "$E2E_TMP/stdin.stderr")"
printf 'ENTER: \nfirst line\nfirst line\nENTER: \nquit\ndisabled wait PSW=00020000 00000000\n' > "$E2E_TMP/want"
e2e_same "$E2E_TMP/want" "$E2E_TMP/stdin.stdout" "standard output of the stdin run"
exit 0
