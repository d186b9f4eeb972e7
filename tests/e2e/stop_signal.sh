#!/bin/sh
# ^C or a kill ends a run the orderly way: a guest prints three lines on
# the 1403 and loops for ever; SIGTERM (then, in a second run, SIGINT) ends
# vm67 with a non-zero status and a line naming the signal, and every
# device is flushed and closed: the three printed lines are in the file,
# and the CCKD disk attached alongside is marked closed (vm67 dasd check
# accepts it, as it does a cleanly detached image).
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_scratch
cd "$E2E_TMP" || exit 1
"$VM67" dasd init -z disk.cckd 2314 WORK01 5 >/dev/null 2>&1 || e2e_fail "dasd init"

for signal in TERM INT; do
    rm -f printer.txt out.txt err.txt
    cat > loop.cnf <<CNF
MAINSIZE 64K
000C 2540R $VM67_BUILDDIR/tests/e2e/programs/print_then_loop.ipl ebcdic eof
000E 1403 printer.txt
0130 2314 disk.cckd
CNF
    "$VM67" run loop.cnf --ipl 00C --batch </dev/null >out.txt 2>err.txt &
    pid=$!
    # Wait (without a time limit) until the guest has printed its lines.
    while [ "$(grep -c LINE printer.txt 2>/dev/null)" != 3 ]; do
        kill -0 "$pid" 2>/dev/null || { cat err.txt; e2e_fail "vm67 ended before the signal"; }
        sleep 0.05
    done
    kill -"$signal" "$pid"
    status=0
    wait "$pid" || status=$?
    [ "$status" -eq 1 ] || { cat err.txt; e2e_fail "SIG$signal: exit status $status, expected 1"; }
    grep -q "^vm67: stopped by SIG$signal; every device was flushed and closed$" err.txt ||
        { cat err.txt; e2e_fail "SIG$signal: no line naming the signal"; }
    printf 'FIRST LINE\nSECOND LINE\nTHIRD LINE\n' > expected.txt
    sed 's/ *$//' printer.txt | grep . > printed.txt
    e2e_same expected.txt printed.txt "SIG$signal: the printer file"
    "$VM67" dasd check disk.cckd >check.txt 2>&1 || { cat check.txt; e2e_fail "SIG$signal: the disk was not closed"; }
done
echo "ok: SIGTERM and SIGINT end the run in order"
