# Helpers for the end-to-end tests (sourced by each test).
set -u

# Skips (exit 77) when the historical media are not there.
e2e_need_historical() {
    E2E_MEDIA="${VM67_HISTORICAL:-}/$1"
    if [ -z "${VM67_HISTORICAL:-}" ] || [ ! -d "$E2E_MEDIA" ]; then
        echo "skipped: no historical media ($E2E_MEDIA)"
        exit 77
    fi
}

# A scratch directory removed at exit.
e2e_scratch() {
    E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/vm67-e2e.XXXXXX")
    trap 'rm -rf "$E2E_TMP"' EXIT
}

e2e_fail() {
    echo "FAIL: $*"
    exit 1
}

# e2e_same EXPECTED ACTUAL WHAT: the two files are byte for byte equal.
e2e_same() {
    if ! cmp -s "$1" "$2"; then
        echo "FAIL: $3 differs from $1:"
        diff "$1" "$2" | head -40
        exit 1
    fi
}
