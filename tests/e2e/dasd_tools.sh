#!/bin/sh
# The `vm67 dasd` command line: help, exit statuses, messages a user sees.
set -eu
VM67=${VM67:?}
work=$(mktemp -d "${TMPDIR:-/tmp}/vm67-dasd-tools-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect STATUS PATTERN COMMAND...: the command exits with STATUS and its
# output (stdout and stderr) matches the grep pattern.
expect() {
    want=$1 pattern=$2
    shift 2
    set +e
    out=$("$@" 2>&1)
    got=$?
    set -e
    [ "$got" -eq "$want" ] || fail "$*: exit status $got, expected $want: $out"
    echo "$out" | grep -q -e "$pattern" || fail "$*: output lacks '$pattern': $out"
}

expect 0 'usage: vm67 dasd init' "$VM67" dasd --help
expect 0 'usage: vm67 dasd init' "$VM67" dasd check --help
expect 2 'usage: vm67 dasd' "$VM67" dasd
expect 2 "unknown tool 'frob'" "$VM67" dasd frob
expect 2 "unknown option '-q'" "$VM67" dasd init -q a.ckd 2314 VOL1
expect 2 'expected FILE TYPE VOLSER' "$VM67" dasd init a.ckd 2314
expect 1 "unknown device type '3390'" "$VM67" dasd init a.ckd 3390 VOL1
expect 2 'bzip2' "$VM67" dasd init -bz2 a.ckd 2314 VOL1

expect 0 '' "$VM67" dasd init a.ckd 2311 USER01 5
[ "$(stat -c %s a.ckd)" -eq $((512 + 5 * 10 * 4096)) ] || fail "a 5-cylinder 2311 image is $(stat -c %s a.ckd) bytes"
expect 0 'no problems found' "$VM67" dasd check a.ckd
expect 1 'VTOC: ' "$VM67" dasd ls a.ckd
expect 0 '' "$VM67" dasd copy -z a.ckd a.cckd
expect 0 'no problems found' "$VM67" dasd check a.cckd
expect 1 'cannot create' "$VM67" dasd copy a.ckd a.cckd
expect 0 '' "$VM67" dasd copy a.cckd b.ckd
cmp -s a.ckd b.ckd || fail "CKD -> CCKD -> CKD changed the image"

# Damage: R0 of cylinder 2 head 4 (track 24) gets a data length that runs
# off the track; its count area is at 512 + 24 * 4096 + 5.
offset=$((512 + 24 * 4096 + 5))
printf '\377\377' | dd of=a.ckd bs=1 seek=$((offset + 6)) conv=notrunc 2>/dev/null
expect 1 "cylinder 2 head 4 record 0: damaged track at offset $offset" "$VM67" dasd check a.ckd
expect 1 '1 problem found' "$VM67" dasd check a.ckd

printf 'hello, world\n' > short.txt
expect 1 'not a DASD image.*file ends at offset 13' "$VM67" dasd check short.txt
head -c 2000 /dev/zero | tr '\0' 'x' > text.txt
expect 1 'header id at offset 0 is "xxxxxxxx"' "$VM67" dasd check text.txt
expect 1 'text.txt' "$VM67" dasd ls text.txt
expect 1 'cannot open' "$VM67" dasd copy missing.ckd c.ckd

# A cut-short image.
head -c 100000 b.ckd > cut.ckd
expect 1 'ends at offset 100000' "$VM67" dasd check cut.ckd

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all dasd tool checks passed"
