#!/usr/bin/env bash
# Times the cell language against CPython on the same programs, side by side, *inside each process*:
#   rlbook: `dslbench` (the interpreter alone: compile + run of the book's cells, CPU time of that work,
#           best of N; no process start-up, no report),
#   CPython: the .py twin run with `runpy.run_path` and timed with `time.process_time` (best of N; no
#           interpreter start-up, no import of `site`, output discarded).
# Start-up is timed apart and printed on its own line: a whole-process timing would count CPython's
# start-up (~50 ms here, ~120 ms through a pyenv shim) as work and flatter rlbook on short programs.
# Prints `name: rlbook X ms, peer Y ms, ratio Z` (ratio = peer / rlbook; > 1 means rlbook is faster).
# `./run.sh NAME...` times only those programs. PYTHON=... picks the CPython (its real binary is used,
# never a shim); REPS=N (default 3). Under callgrind, dslbench's instruction counts do not depend on
# the machine's load: valgrind --tool=callgrind .build/release/dslbench -n 1 Benchmarks/interpreter/fib.md
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
reps="${REPS:-3}"
# The real CPython binary, not a shim script (pyenv's costs ~70 ms of bash per start).
py="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')"

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
# Written in the twelfth session, before its call and coercion work, in styles not yet covered:
# a tokenizer and recursive-descent parser over strings with a class-based AST evaluated
# recursively, Dijkstra and BFS on a grid (a binary heap of tuples in an array, structs), and a
# vector struct with operator overloads and a matrix class.
names+=(style-parser style-grid style-vectors)
# Written in the fourteenth session, before measuring its changes on it: tabular Q-learning on a
# gridworld (a [[Double]] Q-table read and written by two indices, [[Bool]] walls, an enum action
# switched over, a struct step returning a 4-tuple, epsilon-greedy with `for ... where`).
names+=(style-gridworld)
if [ $# -gt 0 ]; then names=("$@"); fi

bench="$root/.build/release/dslbench"
swift build -c release --product dslbench >/dev/null
declare -A ours
books=(); for n in "${names[@]}"; do books+=("$here/$n.md"); done
while read -r n ms _; do ours[$n]=$ms; done < <("$bench" -n "$reps" "${books[@]}" | awk '$3 == "ms" { print $1, $2 }')

for n in "${names[@]}"; do
    peer=$("$py" -S - "$here/$n.py" "$reps" <<'PY'
import io, runpy, sys, time
path, reps = sys.argv[1], int(sys.argv[2])
best = None
for _ in range(reps):
    out, sys.stdout = sys.stdout, io.StringIO()
    t = time.process_time()
    runpy.run_path(path, run_name="__main__")
    d = time.process_time() - t
    sys.stdout = out
    best = d if best is None else min(best, d)
print(round(best * 1000))
PY
)
    mine=${ours[$n]:-nan}
    ratio=$(echo "scale=2; $peer / $mine" | bc -l 2>/dev/null || echo nan)
    printf "%s: rlbook %s ms, peer %s ms, ratio %s\n" "$n" "$mine" "$peer" "$ratio"
done

# Start-up, for the record (whole process, CPU ms per start, mean of 10): an empty program on each side.
per_start() { { /usr/bin/time -f "%U %S" bash -c 'for _ in 1 2 3 4 5 6 7 8 9 10; do "$@" >/dev/null; done' _ "$@"; } 2>&1 | tail -1 | awk '{printf "%.0f", ($1 + $2) * 100}'; }
bin="$root/.build/release/rlbook"
if [ -x "$bin" ]; then
    tmp="$(mktemp -d)"; printf '# empty\n\n```swift\nlet x = 1\n```\n' > "$tmp/empty.md"
    a=$(per_start "$bin" run "$tmp/empty.md" --out "$tmp/out" --quiet)
    b=$(per_start "$py" -c pass)
    rm -rf "$tmp"
    echo "start-up (not in the ratios above): rlbook run of an empty book ${a} ms, CPython ${b} ms"
fi
