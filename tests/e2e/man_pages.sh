#!/bin/sh
# The manual is complete and renders cleanly:
#  - every page in man/ renders with groff (-man -ww: all warnings) without
#    a single warning;
#  - every option printed by `vm67 --help`, `vm67 run --help`,
#    `vm67 asm --help` and `vm67 dasd --help` appears in its page (and the
#    commands and DASD tools they list);
#  - every device type of the registry and each of its other names, as
#    `vm67 run --list-devices` prints them, appears in vm67.conf.5, and
#    that list has one line per entry of device_types[]
#    (devices/device_registry.c).
# Skips (77) without groff (Debian package groff-base).
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_scratch
MAN="$VM67_SRCDIR/man"

if ! command -v groff > /dev/null 2>&1; then
    echo "skipped: groff is not installed (Debian package groff-base)"
    exit 77
fi

# Plain text of a page: no overstriking, lines long enough that option
# names are never broken.
text_of() { # PAGE OUT
    groff -man -Tascii -P-cbou -rLL=2000n "$MAN/$1" > "$2" 2> "$E2E_TMP/render.err" ||
        e2e_fail "groff could not render $1: $(cat "$E2E_TMP/render.err")"
}

for page in vm67.1 vm67.conf.5 vm67-asm.1 vm67-dasd.1; do
    [ -f "$MAN/$page" ] || e2e_fail "man/$page is missing"
    # At the default width (what man shows on an 80-column terminal).
    groff -man -Tutf8 -ww -z "$MAN/$page" > "$E2E_TMP/warnings" 2>&1 ||
        e2e_fail "groff failed on $page: $(cat "$E2E_TMP/warnings")"
    if [ -s "$E2E_TMP/warnings" ]; then
        echo "FAIL: groff warnings in man/$page:"
        cat "$E2E_TMP/warnings"
        exit 1
    fi
    text_of "$page" "$E2E_TMP/$page.txt"
done
# Every page in man/ is one of those checked above.
for page in "$MAN"/*.[1-9]; do
    case ${page##*/} in
    vm67.1 | vm67.conf.5 | vm67-asm.1 | vm67-dasd.1) ;;
    *) e2e_fail "man/${page##*/} is not checked by this test: add it" ;;
    esac
done

# WORD appears in FILE as a word of its own (not inside a longer option).
has_word() { # FILE WORD
    grep -q -E -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|\$)" "$1"
}

# The options a --help text prints: -x and --long words.
options_of() { # HELP-FILE
    grep -o -E -- '(^|[^A-Za-z0-9-])--?[A-Za-z0-9][A-Za-z0-9-]*' "$1" | sed 's/^[^-]*//' | sort -u
}

check_help() { # PAGE COMMAND...
    page=$1
    shift
    "$VM67" "$@" --help > "$E2E_TMP/help" 2>&1 || e2e_fail "vm67 $* --help exited $?"
    options_of "$E2E_TMP/help" > "$E2E_TMP/options"
    [ -s "$E2E_TMP/options" ] || e2e_fail "vm67 $* --help prints no option"
    while read -r option; do
        has_word "$E2E_TMP/$page.txt" "$option" ||
            e2e_fail "vm67 $* --help prints $option, which man/$page does not describe"
    done < "$E2E_TMP/options"
}

check_help vm67.1
check_help vm67.1 run
check_help vm67-asm.1 asm
check_help vm67-dasd.1 dasd

# The commands `vm67 --help` lists, and the DASD tools.
"$VM67" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' > "$E2E_TMP/commands"
[ -s "$E2E_TMP/commands" ] || e2e_fail "vm67 --help lists no command"
while read -r command; do
    grep -q "vm67 $command" "$E2E_TMP/vm67.1.txt" || e2e_fail "vm67.1 does not describe vm67 $command"
done < "$E2E_TMP/commands"
for tool in init ls copy check; do
    grep -q "vm67 dasd $tool" "$E2E_TMP/vm67-dasd.1.txt" || e2e_fail "vm67-dasd.1 does not describe vm67 dasd $tool"
done

# The device types.
"$VM67" run --list-devices > "$E2E_TMP/devices" || e2e_fail "vm67 run --list-devices exited $?"
registered=$(sed -n '/device_types\[\] = {/,/NULL/p' "$VM67_SRCDIR/devices/device_registry.c" | grep -c '&')
listed=$(wc -l < "$E2E_TMP/devices")
[ "$registered" -gt 0 ] || e2e_fail "no device_types[] entries found in devices/device_registry.c"
[ "$listed" -eq "$registered" ] ||
    e2e_fail "vm67 run --list-devices prints $listed types; device_types[] has $registered"
names=0
while read -r line; do
    for name in ${line%% *} $(printf '%s\n' "$line" | sed -n 's/.*(also \(.*\))$/\1/p' | tr ',' ' '); do
        names=$((names + 1))
        has_word "$E2E_TMP/vm67.conf.5.txt" "$name" ||
            e2e_fail "device type $name (vm67 run --list-devices: $line) is not in man/vm67.conf.5"
    done
done < "$E2E_TMP/devices"
[ "$names" -gt "$registered" ] || e2e_fail "no other names found in vm67 run --list-devices"
echo "ok: 4 pages without warnings; --help options, commands and $names device type names documented"
