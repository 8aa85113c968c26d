#!/usr/bin/env bash
# Re-rendering a book after a prose edit with a warm cell cache (issue 15).
#
# Copies tutorials/carracing-dqn.md to a scratch folder, runs it cold with --cache (every cell
# cached where it can be), edits one sentence of prose, runs it again, and prints both times, the
# cache's size, which cells were restored and which ran (with the reason a cell could not be cached).
#
# Usage: Benchmarks/cache/run.sh [--profile smoke|full] [--book tutorials/X.md]
#        RLBOOK=path/to/rlbook (default .build/release/rlbook, built if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
BOOK=tutorials/carracing-dqn.md
PROFILE=()
while [ $# -gt 0 ]; do
    case "$1" in
        --profile) PROFILE=(--profile "$2"); shift 2 ;;
        --book) BOOK="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 64 ;;
    esac
done
BIN="${RLBOOK:-.build/release/rlbook}"
[ -x "$BIN" ] || swift build -c release --product rlbook >&2
WORK="$(mktemp -d /tmp/rlbook-cache-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
cp "$BOOK" "$WORK/book.md"

now() { date +%s.%N; }
run() {  # run LABEL: runs the book, keeps stderr in $WORK/LABEL.err, prints seconds
    local t0 t1
    t0=$(now)
    "$BIN" run "$WORK/book.md" --out "$WORK/out" --cache "${PROFILE[@]}" > "$WORK/$1.out" 2> "$WORK/$1.err" || {
        echo "the $1 run failed:" >&2; tail -20 "$WORK/$1.err" >&2; exit 70; }
    t1=$(now)
    echo "$t1 - $t0" | bc
}

cold=$(run cold)
# A prose edit: the first paragraph after the title gets one more sentence.
python3 - "$WORK/book.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
i = s.index("\n\n", s.index("\n# ")) + 2
open(p, "w", encoding="utf-8").write(s[:i] + "This sentence was added to time a re-render. " + s[i:])
PY
warm=$(run warm)
size=$("$BIN" cache list "$WORK/book.md" --out "$WORK/out" | tail -1)

echo "book: $BOOK ${PROFILE[*]:-(default profile)}, binary: $BIN"
printf "cold run (cache empty):        %8.1f s\n" "$cold"
printf "warm run after a prose edit:   %8.1f s\n" "$warm"
echo "cache: $size"
echo "cells restored from the cache on the warm run:"
grep -oE '\] [^ ]+( \.\.\.)? ok \(cached, ran [^)]*\)' "$WORK/warm.err" | sed 's/^\] /  /; s/ \.\.\. / /' || echo "  (none)"
echo "cells that ran again, and why they could not be cached:"
grep -o "note: cell '[^']*' is not cached: .*" "$WORK/warm.err" | cut -c1-220 | sed 's/^/  /' || echo "  (none)"
cmp -s <(grep -v '^report:' "$WORK/cold.out") <(grep -v '^report:' "$WORK/warm.out") && echo "stdout: identical cold vs warm" || echo "stdout: differs cold vs warm (cells that ran again print timings)"
