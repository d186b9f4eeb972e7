#!/bin/sh
# crd2consl reads the card after its program and types it. Three decks:
# crd2consl.ipl (program and data card), crd2consl.deck followed by
# testcard.card (two files, multifile), and crd2consl.deck alone, which
# meets the end of file (unit exception: the eof option) and stops with
# wait PSW 00020000 0002000C.
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_need_historical standalone
e2e_scratch

run_deck() { # NAME READER-ARGUMENTS
    cat > "$E2E_TMP/$1.cnf" <<CNF
MAINSIZE 64K
000C 3505 $2
001F 1052
CNF
    "$VM67" run "$E2E_TMP/$1.cnf" --ipl 00C --console-log "$E2E_TMP/$1.console.txt" \
        < /dev/null > "$E2E_TMP/$1.stdout" 2> "$E2E_TMP/$1.stderr" ||
        e2e_fail "$1: vm67 run exited $?: $(cat "$E2E_TMP/$1.stderr")"
}

run_deck ipl "$E2E_MEDIA/crd2consl.ipl ebcdic eof"
e2e_same "$E2E_MEDIA/expected/crd2consl.console.txt" "$E2E_TMP/ipl.console.txt" "crd2consl.ipl's transcript"

run_deck deck "$E2E_MEDIA/crd2consl.deck $E2E_MEDIA/testcard.card ebcdic eof multifile"
e2e_same "$E2E_MEDIA/expected/crd2consl_deck.console.txt" "$E2E_TMP/deck.console.txt" \
    "crd2consl.deck + testcard.card's transcript"

run_deck alone "$E2E_MEDIA/crd2consl.deck ebcdic eof"
printf '*WAIT PSW=00020000 0002000C\n' > "$E2E_TMP/want"
e2e_same "$E2E_TMP/want" "$E2E_TMP/alone.console.txt" "crd2consl.deck alone's transcript"
grep -qx 'disabled wait PSW=00020000 0002000C' "$E2E_TMP/alone.stdout" || e2e_fail "no disabled wait line"
exit 0
