#!/usr/bin/env bash
# LunarLander speed, rlbook vs Gymnasium (Box2D), rendering off, side by side in one run.
# Usage: Benchmarks/lunarlander/run.sh [steps]   (from the repository root)
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
swiftc -O $TARGET_CPU -I .build/release/Modules Benchmarks/lunarlander/main.swift $OBJS -o .build/lunarlander-bench

R=$(.build/lunarlander-bench "$STEPS" | grep RESULT)
P=$("$PY" Benchmarks/lunarlander/peer.py "$PEER_STEPS" 2>/dev/null | grep RESULT)
RD=$(echo "$R" | awk '{print $3}'); RC=$(echo "$R" | awk '{print $5}')
PD=$(echo "$P" | awk '{print $3}'); PC=$(echo "$P" | awk '{print $5}')
awk -v a="$RD" -v b="$PD" 'BEGIN { printf "lunarlander_step_discrete: rlbook %.0f steps/s, peer %.0f steps/s, ratio %.1f\n", a, b, a / b }'
awk -v a="$RC" -v b="$PC" 'BEGIN { printf "lunarlander_step_continuous_wind: rlbook %.0f steps/s, peer %.0f steps/s, ratio %.1f\n", a, b, a / b }'
