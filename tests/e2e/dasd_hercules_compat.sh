#!/bin/sh
# Compatibility with Hercules's DASD tools (Debian package `hercules`):
#   - `vm67 dasd init` makes the same bytes as dasdinit (CKD, -z, -0, -a, -r)
#     for the 2311, 2314 and 3330;
#   - images made by dasdinit and dasdload open and verify in vm67, and
#     `vm67 dasd ls` finds the data sets dasdls lists;
#   - CCKD images vm67 has rewritten many times (free space reused) pass
#     cckdcdsk -3 without a warning, and dasdcopy and `vm67 dasd copy`
#     convert them to the same CKD bytes;
#   - an image left open by a vm67 killed while writing is refused by
#     cckdcdsk until vm67 reopens it, after which cckdcdsk is content.
set -eu

for tool in dasdinit dasdload dasdcopy cckdcdsk dasdls; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: Hercules's $tool is not installed (Debian package hercules)"
        exit 77
    fi
done

VM67=${VM67:?}
REWRITER=${VM67_BUILDDIR:?}/tests/unit/devices/test_dasd_rewriter
work=$(mktemp -d "${TMPDIR:-/tmp}/vm67-dasd-compat-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# cckdcdsk reports problems as HHCCUnnnW/E messages even when it repairs
# them (and then exits 0).
cckd_clean() {
    out=$(cckdcdsk -3 "$1" 2>&1) || { echo "$out"; return 1; }
    if echo "$out" | grep -q 'HHCCU[0-9]*[WE]'; then
        echo "$out"
        return 1
    fi
}

echo "== init: byte for byte against dasdinit"
for model in 2311 2314 3330; do
    for format in "" -z -0; do
        for extra in "" -a -r; do
            if [ "$extra" = -r ]; then
                h_args="h.img $model"; v_args="v.img $model"
            else
                h_args="h.img $model vol001"; v_args="v.img $model vol001"
            fi
            rm -f h.img v.img
            # shellcheck disable=SC2086
            dasdinit $format $extra $h_args >/dev/null 2>&1 || { fail "dasdinit $format $extra $h_args"; continue; }
            # shellcheck disable=SC2086
            "$VM67" dasd init $format $extra $v_args || { fail "vm67 dasd init $format $extra $v_args"; continue; }
            cmp -s h.img v.img || fail "$model $format $extra: vm67's blank image differs from dasdinit's ($(cmp h.img v.img 2>&1 | head -1))"
        done
    done
done
# A cylinder count, as dasdinit takes it.
rm -f h.img v.img
dasdinit -z h.img 2314 SMALL 7 >/dev/null 2>&1
"$VM67" dasd init -z v.img 2314 SMALL 7
cmp -s h.img v.img || fail "2314 -z with 7 cylinders differs"

echo "== dasdinit and dasdload images in vm67"
rm -f h.img
dasdinit -z h.img 2314 HERC01 >/dev/null 2>&1
"$VM67" dasd check h.img >/dev/null || fail "vm67 dasd check rejects a dasdinit -z image"
cat > load.ctl <<'EOF'
TEST01 2314 *
SYS1.DUMP EMPTY CYL 10 2 0 PS FB 4104 4104 0
SYS1.OBJPDS EMPTY CYL 5 2 50 PO FB 80 3120 0
SYS1.LOGREC DIP CYL 1
USER.DATA EMPTY TRK 15 3 0 PS FB 80 800 0
EOF
dasdload -z load.ctl loaded.cckd 0 >/dev/null 2>&1 || fail "dasdload"
"$VM67" dasd check loaded.cckd >/dev/null || fail "vm67 dasd check rejects a dasdload image"
"$VM67" dasd ls loaded.cckd > ls.out || fail "vm67 dasd ls on a dasdload image"
dasdls loaded.cckd 2>/dev/null | sed -n 's/^\([A-Z0-9.$#@]*\) *$/\1/p' | grep -v '^$' > names.herc
awk 'f && NF >= 7 && $1 != "DATA" {print $1} /^DATA SET/ {f=1}' ls.out > names.vm67
cmp -s names.herc names.vm67 || { fail "data set names differ from dasdls"; diff names.herc names.vm67 || true; }
grep -q '^SYS1.OBJPDS  *PO  *FB  *80  *3120' ls.out || fail "SYS1.OBJPDS attributes: $(cat ls.out)"

echo "== vm67's rewritten CCKD images in cckdcdsk and dasdcopy"
for model in 2311 2314 3330; do
    rm -f s.cckd s.ckd s2.ckd
    "$VM67" dasd init -z s.cckd $model STRESS 12
    "$REWRITER" s.cckd 8 || fail "rewriter on a $model"
    "$VM67" dasd check s.cckd >/dev/null || fail "vm67 dasd check after rewrites ($model)"
    cp s.cckd s-copy.cckd
    cckd_clean s-copy.cckd || fail "cckdcdsk -3 finds problems in vm67's rewritten $model image"
    dasdcopy s.cckd s.ckd >/dev/null 2>&1 || fail "dasdcopy of vm67's $model CCKD image"
    "$VM67" dasd copy s.cckd s2.ckd
    cmp -s s.ckd s2.ckd || fail "dasdcopy and vm67 dasd copy disagree on the $model image"
done

echo "== dasdcopy -z images read back in vm67"
# (Not the rewritten images above: Hercules 3.13's CCKD writer takes a track
# whose compressed image is exactly 29 or 37 bytes long for a null track
# and drops it, and random tracks sometimes compress to that.)
rm -f loaded.ckd back.cckd back.ckd
"$VM67" dasd copy loaded.cckd loaded.ckd
dasdcopy -z loaded.ckd back.cckd >/dev/null 2>&1 || fail "dasdcopy -z of a vm67 CKD image"
"$VM67" dasd copy back.cckd back.ckd
cmp -s loaded.ckd back.ckd || fail "a dasdcopy -z image reads back differently in vm67"

echo "== a writer killed with the image open"
rm -f k.cckd
"$VM67" dasd init -z k.cckd 2314 KILLED 10
"$REWRITER" k.cckd 3 die
cp k.cckd k-herc.cckd
if cckdcdsk -3 k-herc.cckd 2>&1 | grep -q 'OPENED bit is on'; then :; else
    fail "cckdcdsk did not see the open flag of an image left open"
fi
"$VM67" dasd check k.cckd | grep -q '^note: .*not closed cleanly' || fail "vm67 dasd check does not note the open image"
"$REWRITER" k.cckd 1
cckd_clean k.cckd || fail "cckdcdsk -3 after vm67 reopened the killed image"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all Hercules compatibility checks passed"
