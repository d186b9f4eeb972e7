#!/bin/sh
# End to end: decks that vm67 asm made at build time run in vm67 run.
# hello_console.ipl IPLs from a 2540 reader and types on the 1052;
# load_relocated.obj goes in with --load at two addresses (its RLD items
# relocated by the loader) and runs from its entry point.
set -u
VM67=${VM67:-./vm67}
BUILT=${VM67_BUILDDIR:-.}/tests/asm
work=$(mktemp -d "${TMPDIR:-/tmp}/vm67-asm-run.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

printf '%s\n' 'MAINSIZE 64K' "000C 2540R $BUILT/hello_console.ipl ebcdic eof" '001F 1052' >"$work/ipl.cnf"
"$VM67" run "$work/ipl.cnf" --ipl 00C --batch >"$work/out" 2>"$work/err"
status=$?
[ "$status" -eq 0 ] || fail "IPL run: exit status $status: $(cat "$work/err")"
printf '%s\n' 'HELLO FROM VM67 ASM' 'disabled wait PSW=00020000 0000600D' >"$work/want"
cmp -s "$work/want" "$work/out" || fail "IPL run printed: $(cat "$work/out")"

printf '%s\n' 'MAINSIZE 64K' '001F 1052' >"$work/load.cnf"
printf '%s\n' 'LOADED AND RELOCATED' 'disabled wait PSW=00020000 0000600D' >"$work/want"
for address in 3000 0xA008 "X'7F00'"; do
    "$VM67" run "$work/load.cnf" --load "$BUILT/load_relocated.obj@$address" --batch >"$work/out" 2>"$work/err"
    status=$?
    [ "$status" -eq 0 ] || fail "--load at $address: exit status $status: $(cat "$work/err")"
    cmp -s "$work/want" "$work/out" || fail "--load at $address printed: $(cat "$work/out")"
done

"$VM67" run "$work/load.cnf" --load "$work/nothing.obj@3000" --batch >/dev/null 2>"$work/err"
status=$?
[ "$status" -eq 1 ] || fail "--load of a missing file: exit status $status, expected 1"
grep -q "nothing.obj: cannot open" "$work/err" || fail "--load of a missing file names it: $(cat "$work/err")"

"$VM67" run "$work/load.cnf" --load "$BUILT/load_relocated.obj" --batch >/dev/null 2>"$work/err"
status=$?
[ "$status" -eq 2 ] || fail "--load without an address: exit status $status, expected 2"
grep -q "is not FILE@ADDRESS" "$work/err" || fail "--load without an address says so: $(cat "$work/err")"

"$VM67" run "$work/load.cnf" --load "$BUILT/load_relocated.obj@3004" --batch >/dev/null 2>"$work/err"
status=$?
[ "$status" -eq 1 ] || fail "--load at an odd address: exit status $status, expected 1"
grep -q "not on a doubleword boundary" "$work/err" || fail "--load at X'3004' is refused: $(cat "$work/err")"

cp "$BUILT/hello_console.ipl" "$work/not_an_object_deck"
"$VM67" run "$work/load.cnf" --load "$work/not_an_object_deck@3000" --batch >/dev/null 2>"$work/err"
status=$?
[ "$status" -eq 1 ] || fail "--load of an IPL deck: exit status $status, expected 1"
grep -q "not_an_object_deck: card 1: column 1 holds X'00'" "$work/err" || fail "bad card is named: $(cat "$work/err")"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "decks from vm67 asm run in vm67 run: all checks passed"
exit 0
