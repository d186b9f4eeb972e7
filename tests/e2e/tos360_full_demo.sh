#!/bin/sh
# TOS/360 (../shared/historical/tos360): IPL the generated system from its
# tape and run all five jobs (DSERV, assembler/sort/print, COBOL,
# FORTRAN, RPG), devices as the README gives them (1442 reader, 1443
# printer, 1442 punch, 2400 tapes, 1052), the interval timer off as in the
# reference run. The whole console transcript must be the expected one
# byte for byte, and the printout must hold the README's proof lines and
# its 2174 non-blank lines. Then the distribution tape bos.tap with the
# devices named at IPL: transcript and its 549 printed lines.
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_need_historical tos360
e2e_scratch
cd "$E2E_TMP" || exit 1

scratch_tapes() {
    for n in 1 2 3 4 5 6; do
        printf '\000\000\000\000\000\000\000\000' > "s$n.tap"
    done
    rm -f printer.txt punch.txt
}

configure() { # SYSTEM-TAPE
    cat > tos.cnf <<CNF
MAINSIZE 64K
TIMER OFF
0C0 2400 $1 ro
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
}

scratch_tapes
configure "$E2E_MEDIA/sysres_ms.tap"
cat > demo.script <<SCRIPT
wait
request
expect "GIVE IPL CONTROL STATEMENTS"
send "SET DATE=01/01/70,CLOCK=00/00/00"
expect "READY FOR COMMUNICATIONS."
send ""
expect "1L02A"
devinit 00A $E2E_MEDIA/demo_asm.jcl ascii eof
send ""
expect "IS IT EOF"
# The reply's count is 1: Y goes in, E ends the read, S is lost.
send "YES"
expect "1L02A"
devinit 00A $E2E_MEDIA/demo_cobol.jcl ascii eof
send ""
expect "1L02A"
devinit 00A $E2E_MEDIA/demo_fort.jcl ascii eof
send ""
expect "1L02A"
devinit 00A $E2E_MEDIA/demo_rpg.jcl ascii eof
send ""
expect "EOJ DEMORPG"
expect "1L02A"
wait
quit
SCRIPT
"$VM67" run tos.cnf --ipl 0C0 --batch --script demo.script --console-log console.txt > run.out 2>&1 ||
    e2e_fail "vm67 run (sysres_ms.tap) exited $?: $(tail -5 run.out)"
e2e_same "$E2E_MEDIA/expected/tos_demo.console.txt" console.txt "the TOS demo's console transcript"
for line in \
    '$$A$SUP   000000    00121F    000000    00121F     4096    0002    0544' \
    'NO STATEMENTS FLAGGED IN THIS ASSEMBLY' \
    'PHASE***          001800  001AFB   CSECT               001800  001800' \
    '7T0BI ** END OF ASSIGNMENT PHASE **' \
    '           1996           1997           1998           1999           2000' \
    'NUMBER OF INPUT BLOCKS PROCESSED  000400' \
    '5 LEVEL W DIAGNOSTICS' \
    '230.76   1000.00   12000.00' \
    'TABLE VALUES ARE CORRECT' \
    'Y = X ** 2' \
    '$ 6,120.19**' \
    'EOJ DEMORPG'; do
    grep -q -F -- "$line" printer.txt || e2e_fail "the printout lacks: $line"
done
grep -q -E '^ MFS # +1498140$' printer.txt || e2e_fail "the sort's constants are not those of 64K"
lines=$(grep -c '[^[:space:]]' printer.txt)
[ "$lines" -eq 2174 ] || e2e_fail "the printout has $lines non-blank lines, not 2174"

scratch_tapes
configure "$E2E_MEDIA/bos.tap"
{
    echo 'wait'
    echo 'request'
    echo 'expect "GIVE IPL CONTROL STATEMENTS"'
    grep '^R0A ' "$E2E_MEDIA/expected/bos_dserv.console.txt" | grep -v 'read still pending' |
        sed 's/^R0A //; s/^\(.*\)$/send "\1"/'
    echo 'expect "1L02A"'
    echo 'wait'
    echo 'quit'
} > bos.script
"$VM67" run tos.cnf --ipl 0C0 --batch --script bos.script --console-log console.txt > run.out 2>&1 ||
    e2e_fail "vm67 run (bos.tap) exited $?: $(tail -5 run.out)"
e2e_same "$E2E_MEDIA/expected/bos_dserv.console.txt" console.txt "bos.tap's console transcript"
lines=$(grep -c '[^[:space:]]' printer.txt)
[ "$lines" -eq 549 ] || e2e_fail "bos.tap's printout has $lines non-blank lines, not 549"
exit 0
