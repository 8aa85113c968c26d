#!/usr/bin/env bash
# Benchmarks/env/run.sh: rlbook's CartPole-v1 (single env through Gym.make, and the native batched
# CartPole with 256 envs) side by side with Gymnasium's gym.make and vector entry point.
# Builds RLEnv in release, links bench.swift against the built modules with swiftc, and uses
# Gymnasium from /work/venv-peers when present, else from a venv it creates under .build/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SINGLE=${SINGLE:-1000000}
BATCH=${BATCH:-10000}
PEER_SINGLE=${PEER_SINGLE:-100000}
PEER_BATCH=${PEER_BATCH:-1000}
REPEATS=${REPEATS:-3}

swift build -c release --target RLEnv >/dev/null
BIN=$(swift build -c release --show-bin-path)
OUT="$ROOT/.build/bench-env"
mkdir -p "$OUT"
MODS="$BIN/Modules"
[ -d "$MODS" ] || MODS="$BIN"
swiftc -O -wmo -parse-as-library -module-name BenchEnv -I "$MODS" \
  "$ROOT/Benchmarks/env/bench.swift" \
  "$BIN"/RLEnv.build/*.o "$BIN"/RLSupport.build/*.o "$BIN"/RLRender.build/*.o "$BIN"/RLPhysics.build/*.o \
  -o "$OUT/bench-env" 2>/dev/null || \
swiftc -O -I "$MODS" "$ROOT/Benchmarks/env/bench.swift" \
  "$BIN"/RLEnv.build/*.o "$BIN"/RLSupport.build/*.o "$BIN"/RLRender.build/*.o "$BIN"/RLPhysics.build/*.o \
  -o "$OUT/bench-env"

if [ -x /work/venv-peers/bin/python ] && /work/venv-peers/bin/python -c "import gymnasium" 2>/dev/null; then
  PY=/work/venv-peers/bin/python
else
  VENV="$ROOT/.build/bench-venv"
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q numpy gymnasium
  fi
  PY="$VENV/bin/python"
fi

R=$("$OUT/bench-env" "$SINGLE" "$BATCH" "$REPEATS")
P=$("$PY" "$ROOT/Benchmarks/env/peer.py" "$PEER_SINGLE" "$PEER_BATCH" "$REPEATS" 2>/dev/null)
get() { echo "$1" | awk -v k="$2" '$1==k {print $2}'; }
line() {
  awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%s: rlbook %.0f steps/s, peer %.0f steps/s, ratio %.1f\n", n, a, b, a / b }'
}
line "CartPole-v1 gym.make single env" "$(get "$R" single_steps_per_s)" "$(get "$P" single_steps_per_s)"
line "CartPole-v1 unwrapped single env" "$(get "$R" unwrapped_steps_per_s)" "$(get "$P" unwrapped_steps_per_s)"
line "CartPole-v1 batched 256 envs (vector entry point)" "$(get "$R" batched_steps_per_s)" "$(get "$P" batched_steps_per_s)"
line "CartPole-v1 batched 256 envs via VectorEnv.step(EnvValue)" "$(get "$R" batched_api_steps_per_s)" "$(get "$P" batched_steps_per_s)"
