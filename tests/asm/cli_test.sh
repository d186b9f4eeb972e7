#!/bin/sh
# The vm67 asm command line: exit statuses, messages on standard error as
# FILE:LINE:COLUMN, the listing written even with errors, no deck then,
# the object and IPL decks and the core image, and the macro library.
set -u
VM67=${VM67:-./vm67}
SRC=${VM67_SRCDIR:-.}/tests/asm
work=$(mktemp -d "${TMPDIR:-/tmp}/vm67-asm-cli.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
expect_status() { # want, got, what
    [ "$1" = "$2" ] || fail "$3: exit status $2, expected $1"
}

"$VM67" asm --help >"$work/help" 2>&1
expect_status 0 $? "--help"
grep -q "usage: vm67 asm" "$work/help" || fail "--help prints the usage"

"$VM67" asm >/dev/null 2>&1
expect_status 2 $? "no source file"
"$VM67" asm --frobnicate x.asm >/dev/null 2>&1
expect_status 2 $? "unknown option"
"$VM67" asm --core c.img "$SRC/module.asm" >/dev/null 2>&1
expect_status 2 $? "--core without --ipl"

"$VM67" asm "$work/missing.asm" 2>"$work/err"
expect_status 1 $? "unreadable source"
grep -q "missing.asm: cannot open" "$work/err" || fail "unreadable source is named"

# Errors: status 1, FILE:LINE:COLUMN messages, listing written, no deck.
cp "$SRC/errors.asm" "$work/errors.asm"
echo stale >"$work/errors.obj"
"$VM67" asm "$work/errors.asm" 2>"$work/err"
expect_status 1 $? "source with errors"
grep -q "errors.asm:4:18: error: undefined symbol UNDEFINED" "$work/err" || fail "undefined symbol message"
grep -q "errors.asm:5:10: error: MVCL is not a System/360 Model 67 instruction" "$work/err" || fail "MVCL message"
grep -q "errors.asm:6:18: error: second operand (R2) 99 is out of range" "$work/err" || fail "register message"
grep -q "errors.asm:7:20: error: 'X' in an integer constant" "$work/err" || fail "constant message"
grep -q "vm67 asm: 4 errors; .*errors.obj not written" "$work/err" || fail "error summary"
[ -s "$work/errors.lst" ] || fail "the listing is written despite errors"
grep -q "4 errors, 0 warnings" "$work/errors.lst" || fail "listing summary"
[ ! -e "$work/errors.obj" ] || fail "a stale deck is removed when the assembly has errors"

# Object deck: whole cards, ESD first, END last.
"$VM67" asm -o "$work/module.obj" -l "$work/module.lst" "$SRC/module.asm" 2>"$work/err"
expect_status 0 $? "module"
[ -s "$work/err" ] && fail "module: unexpected messages: $(cat "$work/err")"
size=$(wc -c <"$work/module.obj")
[ $((size % 80)) -eq 0 ] || fail "object deck size $size is not a whole number of cards"
first=$(od -An -tx1 -N4 "$work/module.obj" | tr -d ' \n')
[ "$first" = "02c5e2c4" ] || fail "first card is $first, expected X'02' ESD"
last=$(od -An -tx1 -j $((size - 80)) -N4 "$work/module.obj" | tr -d ' \n')
[ "$last" = "02c5d5c4" ] || fail "last card is $last, expected X'02' END"

# IPL deck and core image, with a macro and a COPY member from -I.
"$VM67" asm --ipl -I "$SRC/maclib" -o "$work/sum.ipl" --core "$work/sum.core" --no-listing "$SRC/ipl_sum.asm" \
    2>"$work/err"
expect_status 0 $? "ipl_sum"
[ -s "$work/err" ] && fail "ipl_sum: unexpected messages: $(cat "$work/err")"
[ ! -e "$work/ipl_sum.lst" ] || fail "--no-listing writes no listing"
size=$(wc -c <"$work/sum.ipl")
[ $((size % 80)) -eq 0 ] || fail "IPL deck size $size is not a whole number of cards"
psw=$(od -An -tx1 -N8 "$work/sum.ipl" | tr -d ' \n')
[ "$psw" = "0000000000000400" ] || fail "IPL PSW is $psw, expected 00000000 00000400"
psw=$(od -An -tx1 -N8 "$work/sum.core" | tr -d ' \n')
[ "$psw" = "0000000000000400" ] || fail "core image PSW is $psw"
code=$(od -An -tx1 -j 1024 -N2 "$work/sum.core" | tr -d ' \n')
[ "$code" = "05c0" ] || fail "core image at X'400' holds $code, expected BALR 12,0 (05c0)"

# Without the library, the macro and COPY member are not found.
"$VM67" asm --ipl -o "$work/x.ipl" -l "$work/x.lst" "$SRC/ipl_sum.asm" 2>"$work/err"
expect_status 1 $? "ipl_sum without -I"
grep -q "COPY member REGS not found" "$work/err" || fail "missing COPY member is named"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "vm67 asm command line: all checks passed"
exit 0
