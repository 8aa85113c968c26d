#!/usr/bin/env bash
# Box2D env speed (LunarLander, BipedalWalker), rlbook vs Gymnasium, rendering off, side by side.
# Usage: Benchmarks/box2d/run.sh [steps]   (from the repository root)
# Prints lines `name: rlbook X unit, peer Y unit, ratio Z`.
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS="${1:-20000}"
PEER_STEPS=$(( STEPS / 10 > 2000 ? STEPS / 10 : 2000 ))

PY=""
for cand in /work/venv-peers/bin/python .build/venv-agents/bin/python .build/venv-carracing/bin/python; do
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

R=$(.build/box2d-bench "$STEPS" | grep RESULT)
P=$("$PY" Benchmarks/box2d/peer.py "$PEER_STEPS" 2>/dev/null | grep RESULT)
i=2
for name in lunarlander_step_discrete lunarlander_step_continuous_wind bipedalwalker_step bipedalwalker_hardcore_step; do
  A=$(echo "$R" | awk -v k=$i '{print $k}'); B=$(echo "$P" | awk -v k=$i '{print $k}')
  awk -v n="$name" -v a="$A" -v b="$B" 'BEGIN { printf "%s: rlbook %.0f steps/s, peer %.0f steps/s, ratio %.1f\n", n, a, b, a / b }'
  i=$((i + 1))
done
