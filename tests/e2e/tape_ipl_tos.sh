#!/bin/sh
# IPL IBM's TOS/360 from its own system tape on a 2400 at 0C0 (the IPL
# reads the tape's first record), answer the operator's questions and run
# the DSERV job and the assembler/sort demo, as
# ../shared/historical/tos360/README.md describes; then IPL the
# distribution tape bos.tap, naming the devices by hand.
#
# Checks: the console transcript against expected/*.console.txt (the
# time of day masked), the lines of the printout the README names, and the
# scratch tapes TOS wrote (SIMH .tap, two tape marks to start with).
#
# Skips (77) without the historical media, or with a vm67 that has no
# `run` command yet.
set -u

hist=${VM67_HISTORICAL:-}
if [ -z "$hist" ] || [ ! -f "$hist/tos360/sysres_ms.tap" ]; then
    echo "skipped: no historical media"
    exit 77
fi
vm67=${VM67:?VM67 names the vm67 program}
if ! "$vm67" run --help >/dev/null 2>&1; then
    echo "skipped: this vm67 has no run command (the channel engine is not built in)"
    exit 77
fi
tos=$hist/tos360

work=$(mktemp -d "${TMPDIR:-/tmp}/vm67-tape-ipl-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 1

fail() {
    echo "FAIL: $*"
    exit 1
}

# Fresh scratch tapes: two tape marks each (8 zero bytes of SIMH .tap).
scratch() {
    for n in 1 2 3 4 5 6; do
        printf '\000\000\000\000\000\000\000\000' >"s$n.tap"
    done
}

# The console lines up to and including the first one equal to $2, with
# the time-of-day lines dropped (README: "What changes between runs").
console_until() {
    grep -v -E '^W09 [0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]$' "$1" | awk -v last="$2" '{ print } $0 == last { exit }'
}

config() {
    cat >tos.cnf <<EOF
MAINSIZE 64K
0C0 2400 $1 ro
0C1 2400 s1.tap
0C2 2400 s2.tap
0C3 2400 s3.tap
0C4 2400 s4.tap
0C5 2400 s5.tap
0C6 2400 s6.tap
00A 1442 $tos/dserv.jcl ascii eof
00B 1443 printer.txt
00D 1442N2 punch.txt
01F 1052
EOF
}

# ---- sysres_ms.tap: DSERV, then the assembler, sort and print demo ----
scratch
config "$tos/sysres_ms.tap"
cat >tos.script <<EOF
wait
request
expect "GIVE IPL CONTROL STATEMENTS"
send "SET DATE=01/01/70,CLOCK=00/00/00"
expect "READY FOR COMMUNICATIONS."
send ""
expect "1L02A"
devinit 00A $tos/demo_asm.jcl ascii eof
send ""
expect "IS IT EOF"
send "YE"
expect "1L02A"
quit
EOF
"$vm67" run tos.cnf --ipl 0C0 --batch --script tos.script --script-timeout 300 \
    --console-log console.txt >run.out 2>&1 || fail "vm67 run (sysres_ms.tap) failed: $(tail -5 run.out)"

console_until console.txt "W09 1L02A  ATTN.0   0A" >got.txt
console_until "$tos/expected/tos_demo.console.txt" "W09 1L02A  ATTN.0   0A" >want.txt
cmp -s got.txt want.txt || fail "console of the DSERV job differs: $(diff want.txt got.txt | head -10)"
grep -q -F -x 'W09 7T28I RECORDS IN PHASE 2 0002000' console.txt || fail "the sort did not pass 2000 records"
grep -q -F -x 'W09 EOJ DEMOASM' console.txt || fail "the assembler demo did not end"

for line in \
    '$$A$SUP   000000    00121F    000000    00121F     4096    0002    0544' \
    'NO STATEMENTS FLAGGED IN THIS ASSEMBLY' \
    '           1996           1997           1998           1999           2000' \
    'NUMBER OF INPUT BLOCKS PROCESSED  000400'; do
    grep -q -F -- "$line" printer.txt || fail "printer lacks: $line"
done

# The sort's output tape (0C5): after the tape mark TOS read first, 400
# blocks of 75 bytes (padded: an even-only scratch tape writes SIMH's
# standard variant), then tape marks.
[ "$(od -An -tu4 -j4 -N4 s5.tap | tr -d ' ')" = 75 ] || fail "s5.tap's first block is not 75 bytes"
[ "$(wc -c <s5.tap | tr -d ' ')" = $((4 + 400 * (4 + 75 + 1 + 4) + 8)) ] || fail "s5.tap is not 400 blocks of 75 bytes and two tape marks"

# ---- bos.tap: the distribution tape, devices named at IPL ----
scratch
rm -f printer.txt punch.txt console.txt
config "$tos/bos.tap"
{
    echo 'wait'
    echo 'request'
    echo 'expect "GIVE IPL CONTROL STATEMENTS"'
    grep '^R0A ' "$tos/expected/bos_dserv.console.txt" | grep -v 'read still pending' | sed 's/^R0A //; s/^\(.*\)$/send "\1"/'
    echo 'expect "1L02A"'
    echo 'quit'
} >bos.script
"$vm67" run tos.cnf --ipl 0C0 --batch --script bos.script --script-timeout 300 \
    --console-log console.txt >run.out 2>&1 || fail "vm67 run (bos.tap) failed: $(tail -5 run.out)"
console_until console.txt "W09 1L02A  ATTN.0   0A" >got.txt
console_until "$tos/expected/bos_dserv.console.txt" "W09 1L02A  ATTN.0   0A" >want.txt
cmp -s got.txt want.txt || fail "console of bos.tap's DSERV differs: $(diff want.txt got.txt | head -10)"
exit 0
