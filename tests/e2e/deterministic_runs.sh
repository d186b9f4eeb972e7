#!/bin/sh
# --deterministic: the interval timer counts virtual time (TIMER VIRTUAL),
# so that a run repeats exactly. TOS/360's DSERV job reads the timer for
# its time of day: run it twice; the console transcripts, the printouts
# and a scratch tape TOS wrote must be identical byte for byte, and the
# time of day must have moved (the timer did run).
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_need_historical tos360
e2e_scratch
cd "$E2E_TMP" || exit 1
cat > tos.cnf <<CNF
MAINSIZE 64K
0C0 2400 $E2E_MEDIA/sysres_ms.tap ro
0C1 2400 s1.tap
0C2 2400 s2.tap
0C3 2400 s3.tap
0C4 2400 s4.tap
0C5 2400 s5.tap
0C6 2400 s6.tap
00A 1442 $E2E_MEDIA/dserv.jcl ascii eof
00B 1443 printer.txt
00D 1442N2 punch.txt
01F 1052
CNF
cat > dserv.script <<'SCRIPT'
wait
request
expect "GIVE IPL CONTROL STATEMENTS"
send "SET DATE=01/01/70,CLOCK=00/00/00"
expect "READY FOR COMMUNICATIONS."
send ""
expect "1L02A"
quit
SCRIPT
for run in 1 2; do
    for n in 1 2 3 4 5 6; do
        printf '\000\000\000\000\000\000\000\000' > "s$n.tap"
    done
    rm -f printer.txt
    "$VM67" run tos.cnf --ipl 0C0 --batch --deterministic --script dserv.script --console-log "console$run.txt" \
        > "run$run.out" 2>&1 || e2e_fail "run $run exited $?: $(tail -5 "run$run.out")"
    mv printer.txt "printer$run.txt"
    mv s1.tap "s1.$run.tap"
done
e2e_same console1.txt console2.txt "the second run's transcript"
e2e_same printer1.txt printer2.txt "the second run's printout"
e2e_same s1.1.tap s1.2.tap "the second run's scratch tape 0C1"
grep -q -E '^W09 00\.00\.0[1-9]$' console1.txt || e2e_fail "the time of day did not move: $(grep '^W09 ..\...\...$' console1.txt)"
exit 0
