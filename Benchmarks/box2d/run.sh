#!/usr/bin/env bash
# Box2D env speed (LunarLander, BipedalWalker), rlbook vs Gymnasium, rendering off, side by side.
# Usage: Benchmarks/box2d/run.sh [steps] [repeats]   (from the repository root)
# Prints lines `name: rlbook X steps/s, gymnasium Y steps/s, ratio Z`, each side the best of `repeats`
# runs (default 3: the shared dev machine is noisy). PEER_PYTHON picks the Python with gymnasium[box2d].
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS="${1:-20000}"
REPEATS="${2:-3}"
PEER_STEPS=$(( STEPS / 10 > 2000 ? STEPS / 10 : 2000 ))

PY=""
for cand in ${PEER_PYTHON:-} /work/venv-peers/bin/python .build/venv-agents/bin/python .build/venv-carracing/bin/python; do
  if [ -x "$cand" ] && "$cand" -c "import gymnasium, Box2D" 2>/dev/null; then PY="$cand"; break; fi
done
if [ -z "$PY" ]; then
  python3 -m venv .build/venv-carracing
  .build/venv-carracing/bin/pip install -q "gymnasium[box2d]" numpy
  PY=.build/venv-carracing/bin/python
fi

swift build -c release --target RLEnv >/dev/null
OBJS=$(ls .build/release/RLSupport.build/*.o .build/release/RLRender.build/*.o .build/release/RLPhysics.build/*.o .build/release/RLEnv.build/*.o)
TARGET_CPU=""
if [ "$(uname -m)" = "x86_64" ]; then TARGET_CPU="-target-cpu haswell"; fi
swiftc -O $TARGET_CPU -I .build/release/Modules Benchmarks/box2d/main.swift $OBJS -o .build/box2d-bench

# best of REPEATS runs per env, on each side
best() { awk '{ for (i = 2; i <= NF; i++) if ($i > m[i]) m[i] = $i } END { printf "RESULT"; for (i = 2; i <= 5; i++) printf " %s", m[i]; print "" }'; }
R=$(for _ in $(seq "$REPEATS"); do .build/box2d-bench "$STEPS" | grep RESULT; done | best)
P=$(for _ in $(seq "$REPEATS"); do "$PY" Benchmarks/box2d/peer.py "$PEER_STEPS" 2>/dev/null | grep RESULT; done | best)
i=2
for name in LunarLander-v3 LunarLanderContinuous-v3-wind BipedalWalker-v3 BipedalWalkerHardcore-v3; do
  A=$(echo "$R" | awk -v k=$i '{print $k}'); B=$(echo "$P" | awk -v k=$i '{print $k}')
  awk -v n="$name" -v a="$A" -v b="$B" 'BEGIN { printf "%s: rlbook %.0f steps/s, gymnasium %.0f steps/s, ratio %.1f\n", n, a, b, a / b }'
  i=$((i + 1))
done
