#!/usr/bin/env bash
# Times the cell language against CPython on the same four programs, side by side:
#   loop (10M-iteration integer loop), fib (recursive fib(30)), collections (1M-element array
#   built and summed + 1M dictionary updates), methods (1M struct + 1M class method calls).
# Prints `name: rlbook X s, peer Y s, ratio Z` (ratio = peer / rlbook; > 1 means rlbook is faster).
# Times are CPU seconds (user + sys, whole process, best of three): on a shared machine wall time
# mostly measures the other load. WALL=1 times wall-clock seconds instead.
# Uses `.build/release/rlbook run FILE.md` when the CLI is built with its `run` command; before
# that, the BookDSL test harness (`RLBOOK_BENCH=1 swift test -c release`), which times the
# interpreter alone. The Python peer needs only python3's standard library (no venv needed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
py="${PYTHON:-python3}"
now() { date +%s.%N; }
# cpu CMD...: CPU seconds (user + sys) of the command, or its wall time with WALL=1
cpu() {
    if [ -n "${WALL:-}" ]; then
        local s e; s=$(now); "$@" >/dev/null; e=$(now); echo "$e - $s" | bc -l
    else
        { /usr/bin/time -f "%U %S" "$@" >/dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}'
    fi
}

names=(loop fib collections methods)
# The same kinds of work in other ordinary styles (construction, member reads/writes, closures,
# struct operators), so that speed-ups are general rather than tuned to the four above.
names+=(style-construct style-members style-closures style-structs)
# More styles: recursion over structs, a class hierarchy with overrides and super calls, string
# building, a dictionary of arrays, while loops over optionals (a linked list, dictionary look-ups).
names+=(style-recursion style-oop style-strings style-dict-arrays style-optionals)
# Three more, written after the call and frame work to check it was not tuned to the above:
# enums with associated values and protocol default methods, map/filter/reduce/sorted with
# closures, mutating struct methods with inout and while loops.
names+=(style-enums style-functional style-simulation)
# `./run.sh NAME...` times only those programs; RLBOOK=path times another binary (a baseline).
# The interpreter alone (no CLI start-up, no report): DSLBench/ (`swift build -c release --product
# dslbench`); under callgrind its instruction counts do not depend on the machine's load.
if [ $# -gt 0 ]; then names=("$@"); fi
declare -A ours

bin="${RLBOOK:-$root/.build/release/rlbook}"
if [ ! -x "$bin" ]; then swift build -c release --product rlbook >/dev/null 2>&1 || true; fi
help="$([ -x "$bin" ] && "$bin" --help 2>&1 || true)"
if [[ "$help" == *"rlbook run"* ]]; then
    out="$(mktemp -d)"
    for n in "${names[@]}"; do
        best=""
        for _ in 1 2 3; do   # best of three: the least disturbed by other load
            t=$(cpu "$bin" run "$here/$n.md" --out "$out/$n" --quiet)
            if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
        done
        ours[$n]=$best
    done
    rm -rf "$out"
else
    echo "(rlbook CLI not available: timing the interpreter through the BookDSL test harness)" >&2
    swift build -c release --build-tests -Xswiftc -enable-testing >/dev/null 2>&1
    while read -r tag n secs _; do
        [ "$tag" = "BENCH" ] && ours[$n]=$secs
    done < <(RLBOOK_BENCH=1 swift test -c release -Xswiftc -enable-testing --skip-build --filter InterpreterBenchmark 2>/dev/null | grep '^BENCH')
fi

for n in "${names[@]}"; do
    peer=""
    for _ in 1 2 3; do
        t=$(cpu "$py" "$here/$n.py")
        if [ -z "$peer" ] || [ "$(echo "$t < $peer" | bc -l)" = 1 ]; then peer=$t; fi
    done
    mine=${ours[$n]:-nan}
    ratio=$(echo "scale=2; $peer / $mine" | bc -l 2>/dev/null || echo nan)
    printf "%s: rlbook %.3f s, peer %.3f s, ratio %s\n" "$n" "$mine" "$peer" "$ratio"
done
