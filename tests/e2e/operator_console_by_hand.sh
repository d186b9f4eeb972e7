#!/bin/sh
# Issue 9: "The same dialogue works typed by hand at the console." The
# whole echo.deck dialogue of ../shared/historical/standalone/README.md,
# REQUEST, the INTERRUPT key and CANCEL included, typed at vm67's operator
# console on a terminal (a pseudo-terminal driven by python3), the way an
# operator does it: each line is typed only after the terminal shows what
# it answers (ENTER:, ** INTRP KEY **, ...), never ahead. Lines starting
# with / are typed on the 1052 and ended with END; `interrupt`, `request`
# and `cancel` are the keys (vm67(1), OPERATOR CONSOLE). Before pressing
# INTERRUPT or CANCEL the operator waits for the keyboard to unlock
# (`type ""`, `type "abc"`: the 1052's PROCEED light), before REQUEST for
# the program to wait (`wait`: the WAIT light), as the dialogue needs.
# The console transcript must be the reference one byte for byte, and the
# run must end by itself in the program's disabled wait.
#
# No time limit: if vm67 ends early the terminal closes and the test
# fails, naming what it was waiting for.
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

screen = b''
seen = 0  # what the operator has read so far

def wait_for(text):
    """Reads the terminal until `text` appears after what was already read."""
    global screen, seen
    want = text.encode('latin-1')
    while True:
        at = screen.find(want, seen)
        if at >= 0:
            seen = at + len(want)
            return
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b''
        if not chunk:
            sys.stdout.write(screen.decode('latin-1'))
            sys.stdout.write('\noperator: the terminal closed while waiting for %r\n' % text)
            sys.exit(1)
        screen += chunk

def typed(line):
    os.write(fd, line.encode('latin-1') + b'\r')

# (what the terminal shows, what the operator types then)
dialogue = [
    ('ENTER: ', ['/hello']),
    ('ENTER: ', ['/m four']),
    ('ENTER: ', ['/']),                          # an empty line: END alone
    ('ENTER: ', ['/HELLO, World 123 $#@']),
    ('ENTER: ', ['type ""', 'interrupt']),       # the INTERRUPT key during the read
    ('** INTRP KEY **', ['wait', 'request']),    # REQUEST
    ('** ATTN **', []),
    ('ENTER: ', ['type "abc"', 'cancel']),       # abc, then CANCEL
    ('** CANCEL **', ['wait', 'request']),
    ('** ATTN **', []),
    ('ENTER: ', ['/quit']),
]
for shown, lines in dialogue:
    wait_for(shown)
    for line in lines:
        typed(line)
wait_for('disabled wait PSW=00020000 00000000')
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    screen += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(screen.decode('latin-1'))
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
PY
python3 "$E2E_TMP/operator.py" "$VM67" "$E2E_TMP/echo.cnf" "$E2E_TMP/console.txt" > "$E2E_TMP/terminal.txt" ||
    e2e_fail "vm67 run at a terminal exited $?: $(tail -20 "$E2E_TMP/terminal.txt")"
e2e_same "$E2E_MEDIA/expected/echo.console.txt" "$E2E_TMP/console.txt" "the console transcript typed by hand"
grep -q 'vm67> ' "$E2E_TMP/terminal.txt" || e2e_fail "no operator prompt on the terminal"
exit 0
