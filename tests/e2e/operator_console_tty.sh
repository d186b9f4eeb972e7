#!/bin/sh
# The operator console at a terminal (a pseudo-terminal driven by
# python3): while echo.deck runs, the operator types a line for the 1052
# (/hello there, typed ahead: it waits for the read), panel commands (psw,
# devlist, held until the line before them is done), /quit, and ^D. The
# transcript must show the dialogue; the panel commands' answers must be
# on the terminal. No time limit: the input ends the run by itself.
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_need_historical standalone
command -v python3 > /dev/null 2>&1 || { echo "skipped: python3 is not installed (Debian package python3)"; exit 77; }
e2e_scratch
cat > "$E2E_TMP/echo.cnf" <<CNF
MAINSIZE 64K
000C 3505 $E2E_MEDIA/echo.deck ebcdic eof
001F 1052
CNF
cat > "$E2E_TMP/operator.py" <<'PY'
import os, pty, sys
vm67, cnf, log = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execv(vm67, [vm67, 'run', cnf, '--ipl', '00C', '--console-log', log])
os.write(fd, b'/hello there\rpsw\rdevlist\r/quit\r\x04')
out = b''
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('latin-1'))
sys.exit(os.WEXITSTATUS(status))
PY
python3 "$E2E_TMP/operator.py" "$VM67" "$E2E_TMP/echo.cnf" "$E2E_TMP/console.txt" > "$E2E_TMP/terminal.txt" ||
    e2e_fail "vm67 run at a terminal exited $?: $(cat "$E2E_TMP/terminal.txt")"
printf 'W01 ENTER: \nR0A hello there\nW09 hello there\nW01 ENTER: \nR0A quit\n*WAIT PSW=00020000 00000000\n' \
    > "$E2E_TMP/want"
e2e_same "$E2E_TMP/want" "$E2E_TMP/console.txt" "the console transcript"
grep -q 'vm67> ' "$E2E_TMP/terminal.txt" || e2e_fail "no prompt on the terminal"
grep -q 'PSW=[0-9A-F]\{8\} [0-9A-F]\{8\} (BC mode, CPU running' "$E2E_TMP/terminal.txt" || e2e_fail "no psw answer"
grep -q '01F 1052    ' "$E2E_TMP/terminal.txt" || e2e_fail "no devlist answer"
grep -q 'disabled wait PSW=00020000 00000000' "$E2E_TMP/terminal.txt" || e2e_fail "no disabled wait line"
exit 0
