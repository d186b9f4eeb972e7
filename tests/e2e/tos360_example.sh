#!/bin/sh
# Issue 9: "With the README's configuration, vm67 run runs the whole TOS
# job sequence to its end by itself, and prints how many instructions it
# took." Runs exactly the commands examples/tos360/README.md documents:
#
#   1. run-tos360 DIRECTORY: the timer follows the host's time. The run
#      ends by itself (exit 0) after EOJ DEMORPG and its 1L02A; the last
#      line is the instruction count; the console transcript is the
#      reference one once the time-of-day lines are masked (the media's
#      README, "What changes between runs"); the printout has its 2174
#      non-blank lines and proof lines, job lines with their time masked;
#      the sort's output tape 0C5 holds 400 blocks of 75 bytes.
#   2. run-tos360 DIRECTORY --deterministic, twice: the same bytes on the
#      console, the printer, the punch and every scratch tape, the same
#      instruction count; and the timer did count (a time of day other
#      than 00.00.00).
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_need_historical tos360
e2e_scratch
run_tos360="$VM67_SRCDIR/examples/tos360/run-tos360"

# run NAME [OPTIONS]: the documented command, in $E2E_TMP/NAME.
run() {
    name=$1
    shift
    VM67="$VM67" VM67_HISTORICAL="$VM67_HISTORICAL" "$run_tos360" "$E2E_TMP/$name" "$@" \
        < /dev/null > "$E2E_TMP/$name.stdout" 2> "$E2E_TMP/$name.stderr" ||
        e2e_fail "$name: run-tos360 exited $?: $(tail -5 "$E2E_TMP/$name.stderr")"
    [ -s "$E2E_TMP/$name.stderr" ] && e2e_fail "$name: messages on standard error: $(cat "$E2E_TMP/$name.stderr")"
    # The end: the last 1L02A, then the count of instructions.
    tail -n 3 "$E2E_TMP/$name.stdout" | head -n 2 > "$E2E_TMP/$name.end"
    grep -q -E '^[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]$' "$E2E_TMP/$name.end" ||
        e2e_fail "$name: no time of day before the end: $(cat "$E2E_TMP/$name.end")"
    tail -n 1 "$E2E_TMP/$name.end" | grep -qx '1L02A  ATTN.0   0A' ||
        e2e_fail "$name: the run did not end at the 1L02A after EOJ DEMORPG: $(tail -n 3 "$E2E_TMP/$name.stdout")"
    tail -n 1 "$E2E_TMP/$name.stdout" | grep -qx -E 'instructions=[0-9]+ seconds=[0-9]+\.[0-9]+ mips=[0-9]+\.[0-9]+' ||
        e2e_fail "$name: the last line is not the instruction count: $(tail -n 1 "$E2E_TMP/$name.stdout")"
    instructions=$(tail -n 1 "$E2E_TMP/$name.stdout" | sed 's/^instructions=\([0-9]*\) .*/\1/')
    [ "$instructions" -gt 10000000 ] || e2e_fail "$name: $instructions instructions: not the whole sequence"
    echo "$instructions" > "$E2E_TMP/$name.instructions"
}

mask_console() {
    sed -E 's/^W09 [0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]$/W09 hh.mm.ss/' "$1"
}

# ---- 1. The timer follows the host's time.
run host
dir="$E2E_TMP/host"
mask_console "$E2E_MEDIA/expected/tos_demo.console.txt" > "$E2E_TMP/want.console"
mask_console "$dir/console.txt" > "$E2E_TMP/got.console"
e2e_same "$E2E_TMP/want.console" "$E2E_TMP/got.console" "the console transcript (time of day masked)"
grep -q -F 'EOJ DEMORPG' "$E2E_TMP/host.stdout" || e2e_fail "no EOJ DEMORPG on standard output"
for line in \
    '$$A$SUP   000000    00121F    000000    00121F     4096    0002    0544' \
    'NO STATEMENTS FLAGGED IN THIS ASSEMBLY' \
    'PHASE***          001800  001AFB   CSECT               001800  001800' \
    '           1996           1997           1998           1999           2000' \
    'NUMBER OF INPUT BLOCKS PROCESSED  000400' \
    'TABLE VALUES ARE CORRECT' \
    'Y = X ** 2' \
    '$ 6,120.19**'; do
    grep -q -F -- "$line" "$dir/printer.txt" || e2e_fail "the printout lacks: $line"
done
# Ten job lines (five // JOB, five EOJ, each at the top of a page: a form
# feed first), each ending in a time of day.
ff=$(printf '\f')
jobs=$(grep -c -E "^$ff?(// JOB|EOJ) .* [0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]\$" "$dir/printer.txt")
[ "$jobs" -eq 10 ] || e2e_fail "$jobs job lines with a time of day on the printer, not 10"
grep -E "^$ff?EOJ DEMORPG +[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]\$" "$dir/printer.txt" > /dev/null ||
    e2e_fail "the printout does not end its last job with EOJ DEMORPG and the time"
lines=$(grep -c '[^[:space:]]' "$dir/printer.txt")
[ "$lines" -eq 2174 ] || e2e_fail "the printout has $lines non-blank lines, not 2174"
[ -s "$dir/punch.txt" ] && e2e_fail "the punch file is not empty"
# 0C5: the tape mark TOS read first, 400 blocks of 75 bytes (padded: a
# tape with no odd record yet is written in SIMH's standard variant),
# then tape marks.
[ "$(od -An -tu4 -j4 -N4 "$dir/s5.tap" | tr -d ' ')" = 75 ] || e2e_fail "s5.tap's first block is not 75 bytes"
[ "$(wc -c < "$dir/s5.tap" | tr -d ' ')" = $((4 + 400 * (4 + 75 + 1 + 4) + 8)) ] ||
    e2e_fail "s5.tap is not 400 blocks of 75 bytes and two tape marks"
# The run directory's media link, not a copy.
[ -L "$dir/tos360" ] || e2e_fail "run-tos360 did not link the media"

# ---- 2. Repeatable runs: everything the same, byte for byte.
run repeat1 --deterministic
run repeat2 --deterministic
for file in console.txt printer.txt punch.txt s1.tap s2.tap s3.tap s4.tap s5.tap s6.tap; do
    e2e_same "$E2E_TMP/repeat1/$file" "$E2E_TMP/repeat2/$file" "the second repeatable run's $file"
done
e2e_same "$E2E_TMP/repeat1.instructions" "$E2E_TMP/repeat2.instructions" "the second repeatable run's instruction count"
mask_console "$E2E_TMP/repeat1/console.txt" > "$E2E_TMP/repeat.console"
e2e_same "$E2E_TMP/want.console" "$E2E_TMP/repeat.console" "the repeatable run's transcript (time of day masked)"
grep -q -E '^W09 [0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]$' "$E2E_TMP/repeat1/console.txt" || e2e_fail "no time of day"
grep -E '^W09 [0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]$' "$E2E_TMP/repeat1/console.txt" | grep -q -v '^W09 00\.00\.00$' ||
    e2e_fail "the virtual timer did not move the time of day"
exit 0
