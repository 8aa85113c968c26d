#!/usr/bin/env bash
# Benchmarks/env/run-cell-loop.sh: a random-action loop written in a cell (cell-loop.md, run by the
# rlbook CLI in release) against the same loop in Python Gymnasium (cell-loop.py).
#
# rlbook's time is the process time with N steps minus the process time with 0 steps (startup,
# parsing and the report are not counted); Python's is the loop alone (imports not counted).
# Uses Gymnasium from /work/venv-peers when present, else a venv it creates under .build/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CARTPOLE_STEPS=${CARTPOLE_STEPS:-200000}
CARRACING_STEPS=${CARRACING_STEPS:-3000}
PEER_CARTPOLE_STEPS=${PEER_CARTPOLE_STEPS:-100000}
PEER_CARRACING_STEPS=${PEER_CARRACING_STEPS:-600}

swift build -c release --product rlbook >/dev/null
RLBOOK="$(swift build -c release --show-bin-path)/rlbook"
OUT="$ROOT/.build/bench-cell-loop"
mkdir -p "$OUT"

if [ -x /work/venv-peers/bin/python ] && /work/venv-peers/bin/python -c "import gymnasium, pygame, Box2D" 2>/dev/null; then
  PY=/work/venv-peers/bin/python
else
  VENV="$ROOT/.build/bench-venv"
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import gymnasium, pygame, Box2D" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q numpy "gymnasium[box2d]"
  fi
  PY="$VENV/bin/python"
fi

now() { date +%s.%N; }
# seconds for `rlbook run cell-loop.md` with the given env and steps
run_rlbook() {
  local t0 t1
  t0=$(now)
  "$RLBOOK" run "$ROOT/Benchmarks/env/cell-loop.md" -q -o "$OUT/report" -p envId="$1" -p steps="$2" >/dev/null
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }'
}

bench() {
  local name=$1 id=$2 n=$3 pn=$4
  local base full rate peer
  base=$(run_rlbook "$id" 0)
  full=$(run_rlbook "$id" "$n")
  rate=$(awk -v n="$n" -v a="$base" -v b="$full" 'BEGIN { d = b - a; if (d <= 0) d = 1e-9; printf "%.1f", n / d }')
  peer=$("$PY" "$ROOT/Benchmarks/env/cell-loop.py" "$id" "$pn" 2>/dev/null | awk '$1=="steps_per_s" {print $2}')
  awk -v n="$name" -v a="$rate" -v b="$peer" 'BEGIN { printf "%s: rlbook %.0f steps/s, peer %.0f steps/s, ratio %.1f\n", n, a, b, a / b }'
}

bench "cell loop CartPole-v1 random actions" CartPole-v1 "$CARTPOLE_STEPS" "$PEER_CARTPOLE_STEPS"
bench "cell loop CarRacing-v3 random discrete actions" CarRacing-v3 "$CARRACING_STEPS" "$PEER_CARRACING_STEPS"
