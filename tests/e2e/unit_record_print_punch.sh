#!/bin/sh
# A hand-assembled stand-alone program (decks/print_punch.image) prints
# five lines in one chain (write and space, an immediate space, write and
# skip to channel 1) and punches two cards, checking the status of each
# chain; it ends in disabled wait 00020000 00000000 if all went well.
# Run on the 2540 reader/punch and 1403, on Hercules's names for them,
# and on the 1442/1443 that TOS uses.
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_scratch
"$VM67_BUILDDIR/tests/e2e/deck_builder" "$VM67_SRCDIR/tests/e2e/decks/print_punch.image" "$E2E_TMP/pp.deck" ||
    e2e_fail "deck_builder failed"

printf 'HELLO PRINTER\nSECOND LINE\n\n\nTHIRD LINE\n\fNEW PAGE\n' > "$E2E_TMP/want.print"
printf 'PUNCHED CARD ONE\nCARD TWO\n' > "$E2E_TMP/want.punch"

run_units() { # NAME READER PUNCH PRINTER
    cat > "$E2E_TMP/$1.cnf" <<CNF
MAINSIZE 64K
000C $2 $E2E_TMP/pp.deck ebcdic eof
000D $3 $E2E_TMP/$1.punch ascii
000E $4 $E2E_TMP/$1.print
CNF
    "$VM67" run "$E2E_TMP/$1.cnf" --ipl 00C < /dev/null > "$E2E_TMP/$1.stdout" 2> "$E2E_TMP/$1.stderr" ||
        e2e_fail "$1: vm67 run exited $?: $(cat "$E2E_TMP/$1.stderr")"
    grep -qx 'disabled wait PSW=00020000 00000000' "$E2E_TMP/$1.stdout" ||
        e2e_fail "$1: the program did not end well: $(cat "$E2E_TMP/$1.stdout")"
    e2e_same "$E2E_TMP/want.print" "$E2E_TMP/$1.print" "$1: the printer file"
    e2e_same "$E2E_TMP/want.punch" "$E2E_TMP/$1.punch" "$1: the punch file"
}

run_units ibm2540 2540R 2540P 1403
run_units hercules 3505 3525 3211
run_units tos 1442 1442N2 1443

# The punch in EBCDIC (the default): two 80-byte card images.
cat > "$E2E_TMP/ebcdic.cnf" <<CNF
MAINSIZE 64K
000C 2540R $E2E_TMP/pp.deck eof
000D 2540P $E2E_TMP/ebcdic.punch
000E 1403 $E2E_TMP/ebcdic.print crlf
CNF
"$VM67" run "$E2E_TMP/ebcdic.cnf" --ipl 00C < /dev/null > "$E2E_TMP/ebcdic.stdout" 2>&1 ||
    e2e_fail "ebcdic: vm67 run exited $?"
[ "$(wc -c < "$E2E_TMP/ebcdic.punch")" -eq 160 ] || e2e_fail "the EBCDIC punch file is not two cards"
# "P" is X'D7' in EBCDIC: the first byte of the first card.
[ "$(od -An -tx1 -N1 "$E2E_TMP/ebcdic.punch" | tr -d ' ')" = d7 ] || e2e_fail "the first column is not EBCDIC P"
printf 'HELLO PRINTER\r\nSECOND LINE\r\n\r\n\r\nTHIRD LINE\r\n\fNEW PAGE\r\n' > "$E2E_TMP/want.crlf"
e2e_same "$E2E_TMP/want.crlf" "$E2E_TMP/ebcdic.print" "the printer file with crlf"
exit 0
