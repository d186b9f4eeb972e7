#!/bin/sh
# A telnet user logs in through a 2703 line: the stand-alone program
# tests/e2e/programs/comm_login.asm enables line 030 (a 2741), writes
# LOGIN:, reads a name, greets the user by it, writes back every line
# until "logoff", says Goodbye., disables the line and loads a disabled
# wait PSW. A Python telnet client plays the user; vm67 runs in batch
# mode and must end with the disabled wait.
#
# No wall-clock limit: the client waits for the port and for each text
# as long as vm67 runs, and fails as soon as vm67 has ended.
set -u
VM67=${VM67:-./vm67}
SRC=${VM67_SRCDIR:-.}
if ! "$VM67" run --help > /dev/null 2>&1 || ! "$VM67" asm --help > /dev/null 2>&1; then
    echo "skipped: this vm67 has no 'run' or no 'asm' command yet"
    exit 77
fi
if ! command -v python3 > /dev/null 2>&1; then
    echo "skipped: python3 (Debian package python3) is not installed"
    exit 77
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vm67-comm.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail() {
    echo "FAIL: $*"
    exit 1
}

"$VM67" asm --ipl "$SRC/tests/e2e/programs/comm_login.asm" -o "$TMP/comm_login.ipl" --no-listing \
    > "$TMP/asm.out" 2>&1 || fail "vm67 asm: $(cat "$TMP/asm.out")"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$TMP/comm.cnf" <<CNF
MAINSIZE 64K
000C 3505 $TMP/comm_login.ipl ebcdic eof
0030 2703 lport=$PORT term=2741
CNF

cat > "$TMP/user.py" <<'PY'
import os, socket, sys, time

port, pid = int(sys.argv[1]), int(sys.argv[2])

def vm67_running():
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False

def fail(why):
    sys.stderr.write("user: %s\n" % why)
    sys.exit(1)

# The line listens once vm67 has read its configuration.
while True:
    try:
        s = socket.create_connection(("127.0.0.1", port))
        break
    except ConnectionRefusedError:
        if not vm67_running():
            fail("vm67 ended before a call got through")
        time.sleep(0.05)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.settimeout(0.5)  # only to notice that vm67 has ended
received = b""

def text():
    """What the terminal printed: the bytes received less telnet commands."""
    out, i = bytearray(), 0
    while i < len(received):
        if received[i] == 255:
            i += 3 if i + 1 < len(received) and received[i + 1] in (251, 252, 253, 254) else 2
            continue
        out.append(received[i])
        i += 1
    return bytes(out)

def receive():
    global received
    try:
        data = s.recv(4096)
    except socket.timeout:
        if not vm67_running():
            fail("vm67 ended; the terminal shows %r" % text())
        return True
    received += data
    return len(data) > 0

def expect(wanted):
    while wanted.encode() not in text():
        if not receive():
            fail("the line hung up waiting for %r; the terminal shows %r" % (wanted, text()))

# Accept the line's offers: it echoes, character at a time.
s.sendall(bytes([255, 253, 1, 255, 253, 3, 255, 251, 3]))
expect("LOGIN:\r\n")
s.sendall(b"Ada\r\n")
expect("Hello, Ada\r\n")
for line in ["first line", "Second, with (signs) = 2 + 2?"]:
    s.sendall(line.encode() + b"\r\n")
    expect(line + "\r\n" + line + "\r\n")
s.sendall(b"logoff\r\n")
expect("Goodbye.\r\n")
while receive():
    pass
sys.stdout.write(text().decode("ascii"))
PY

"$VM67" run "$TMP/comm.cnf" --ipl 00C --batch < /dev/null > "$TMP/vm67.out" 2> "$TMP/vm67.err" &
VM67_PID=$!
python3 "$TMP/user.py" "$PORT" "$VM67_PID" > "$TMP/terminal.txt" 2> "$TMP/user.err"
USER_STATUS=$?
wait "$VM67_PID"
VM67_STATUS=$?
[ "$USER_STATUS" -eq 0 ] || fail "$(cat "$TMP/user.err") (vm67 said: $(cat "$TMP/vm67.out" "$TMP/vm67.err"))"
[ "$VM67_STATUS" -eq 0 ] || fail "vm67 run exited $VM67_STATUS: $(cat "$TMP/vm67.out" "$TMP/vm67.err")"
tail -n 1 "$TMP/vm67.out" | grep -qx 'disabled wait PSW=00020000 00000000' ||
    fail "no disabled wait line: $(cat "$TMP/vm67.out")"
printf '%s\r\n' 'LOGIN:' 'Ada' 'Hello, Ada' 'first line' 'first line' \
    'Second, with (signs) = 2 + 2?' 'Second, with (signs) = 2 + 2?' 'logoff' 'Goodbye.' > "$TMP/want.txt"
cmp -s "$TMP/want.txt" "$TMP/terminal.txt" || {
    echo "FAIL: the terminal's transcript differs:"
    diff "$TMP/want.txt" "$TMP/terminal.txt" | cat -A | head -40
    exit 1
}
exit 0
