#!/usr/bin/env bash
# The 2-process checks of data-parallel training (issue 19), run by .ci/run with the release binary.
#
# Usage: Tests/Distributed/run.sh [RLBOOK_BINARY]   (default .build/release/rlbook)
#   1. without MPI: the data-parallel book runs as one process (world size 1);
#   2. mpirun -np 2: every rank ends with bitwise identical PPO/A2C/DQN weights, a 2-rank step on
#      B samples per rank equals a 1-process step on the same 2B samples, rank 0 alone writes
#      the report and it says 2 processes, rank 1's prints are prefixed [rank 1];
#   3. `rlbook run --np 2` does the same through its own mpirun;
#   4. a rank that fails stops the job with its error and exit 70 (within 45 s: without the stop it
#      would wait for the collective watchdog's 600 s), and rank 0 writes the partial report;
#   5. ranks that make different collective calls are stopped by the watchdog (exit 70), not left hanging;
#   6. Ctrl-C on `rlbook run --np 2` exits with 130 within seconds (20 s at most: a loaded 2-core CI
#      machine took 4) and rank 0's report says interrupted;
#   7. under MPICH's launcher (when mpiexec.mpich is installed) a failing rank 1 still gets rank 0's
#      partial report with its error.
# Installs Open MPI (openmpi-bin libopenmpi-dev, apt-get) when mpirun is missing; prints
# "skipped: ..." and exits 0 when it cannot be installed. Non-zero exit when a check fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
RLBOOK="${1:-.build/release/rlbook}"
OUT=.build/distributed-tests
fail() { echo "FAILED: $*"; exit 1; }
skip() { echo "skipped: $*"; exit 0; }

[ -x "$RLBOOK" ] || fail "no rlbook binary at $RLBOOK; build it first (swift build -c release --product rlbook)"

why=$(bash Tests/Distributed/install-openmpi.sh) || skip "$why"
if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
rm -rf "$OUT"; mkdir -p "$OUT"

echo "distributed 1/7: one process, no MPI"
"$RLBOOK" run Tests/Distributed/data-parallel.md --out "$OUT/single" --quiet > "$OUT/single.log" 2>&1 \
    || { cat "$OUT/single.log"; fail "the data-parallel book failed as a single process"; }

echo "distributed 2/7: mpirun -np 2"
timeout 120 mpirun -np 2 "$RLBOOK" run Tests/Distributed/data-parallel.md -p expectedWorldSize=2 --out "$OUT/np2" --quiet > "$OUT/np2.log" 2>&1 \
    || { cat "$OUT/np2.log"; fail "mpirun -np 2 on the data-parallel book failed"; }
grep -q "^\[rank 1\] PPO: .*largest difference from rank 0: 0.0$" "$OUT/np2.log" || { cat "$OUT/np2.log"; fail "rank 1's lines are missing or not prefixed [rank 1]"; }
grep -q "^PPO: .*largest difference from rank 0: 0.0$" "$OUT/np2.log" || { cat "$OUT/np2.log"; fail "rank 0's PPO line is missing"; }
grep -q "2 processes (MPI)" "$OUT/np2/index.html" || fail "the report does not say that 2 processes ran"
[ "$(grep -c 'fabric.print: rank 0 only' "$OUT/np2.log")" = 1 ] || { cat "$OUT/np2.log"; fail "fabric.print printed on more than rank 0"; }

echo "distributed 3/7: rlbook run --np 2"
timeout 120 "$RLBOOK" run --np 2 Tests/Distributed/data-parallel.md -p expectedWorldSize=2 --out "$OUT/flag" --quiet > "$OUT/flag.log" 2>&1 \
    || { cat "$OUT/flag.log"; fail "rlbook run --np 2 failed"; }

echo "distributed 4/7: a failing rank stops the job"
start=$(date +%s)
timeout 60 mpirun -np 2 "$RLBOOK" run Tests/Distributed/failing-rank.md --out "$OUT/fail" --quiet > "$OUT/fail.log" 2>&1
rc=$?
took=$(( $(date +%s) - start ))
[ "$rc" = 70 ] || { cat "$OUT/fail.log"; fail "a failing rank gave exit $rc, expected 70"; }
# (the bounds below are far from the 600 s the ranks would otherwise wait, and leave a loaded machine room)
[ "$took" -le 45 ] || fail "the job took $took s to stop after a rank failed"
grep -q "rank 1 fails on purpose" "$OUT/fail.log" || { cat "$OUT/fail.log"; fail "the failing rank's error is not shown"; }
[ -f "$OUT/fail/index.html" ] || fail "rank 0 wrote no partial report"
echo "distributed 5/7: mismatched collectives are stopped by the watchdog"
start=$(date +%s)
RLBOOK_COLLECTIVE_TIMEOUT=3 timeout 60 mpirun -np 2 "$RLBOOK" run Tests/Distributed/mismatched-collectives.md --out "$OUT/mismatch" --quiet > "$OUT/mismatch.log" 2>&1
rc=$?
took2=$(( $(date +%s) - start ))
[ "$rc" = 70 ] || { cat "$OUT/mismatch.log"; fail "mismatched collectives gave exit $rc, expected 70 from the watchdog"; }
grep -q "RLBOOK_COLLECTIVE_TIMEOUT" "$OUT/mismatch.log" || { cat "$OUT/mismatch.log"; fail "the watchdog's message is missing"; }
grep -q "got through" "$OUT/mismatch.log" && fail "a rank got through mismatched collectives"
[ "$took2" -le 45 ] || fail "the watchdog took $took2 s"
grep -q "rank 1 failed in cell &#39;fail&#39;: Precondition failed: rank 1 fails on purpose" "$OUT/fail/index.html" \
    || fail "rank 0's partial report does not carry rank 1's error"

echo "distributed 6/7: Ctrl-C on rlbook run --np 2"
setsid "$RLBOOK" run --np 2 Tests/Distributed/interrupted.md --out "$OUT/int" --quiet > "$OUT/int.log" 2>&1 &
pid=$!
# both ranks past the first cell (then, a second later, busy in the long one)
started() { grep -q "^rank 0 of 2 started" "$OUT/int.log" 2>/dev/null && grep -q "rank 1 of 2 started" "$OUT/int.log"; }
for _ in $(seq 1 300); do started && break; sleep 0.2; done
started || { kill -KILL -- "-$pid"; cat "$OUT/int.log"; fail "the ranks had not started after 60 s"; }
sleep 1
start=$(date +%s)
kill -INT -- "-$pid"
wait "$pid"
rc=$?
took3=$(( $(date +%s) - start ))
[ "$rc" = 130 ] || { cat "$OUT/int.log"; fail "Ctrl-C on --np 2 gave exit $rc, expected 130"; }
[ "$took3" -le 20 ] || fail "Ctrl-C took $took3 s to stop a 2-process run"
grep -q "nterrupted in cell long" "$OUT/int/index.html" || fail "rank 0's report does not say the run was interrupted"

echo "distributed 7/7: MPICH's launcher, a failing rank"
if command -v mpiexec.mpich > /dev/null; then
    timeout 60 mpiexec.mpich -np 2 "$RLBOOK" run Tests/Distributed/failing-rank.md --out "$OUT/mpich" --quiet > "$OUT/mpich.log" 2>&1
    rc=$?
    [ "$rc" = 70 ] || { cat "$OUT/mpich.log"; fail "under MPICH a failing rank gave exit $rc, expected 70"; }
    grep -q "rank 1 fails on purpose" "$OUT/mpich/index.html" || { cat "$OUT/mpich.log"; fail "under MPICH rank 0's partial report lacks rank 1's error"; }
else
    echo "skipped: mpiexec.mpich is not installed (apt-get install mpich to run this check)"
fi
echo "distributed: all checks passed (failing job stopped in $took s, Ctrl-C in $took3 s)"
