#!/usr/bin/env bash
# CarRacing speed, rlbook vs Gymnasium CarRacing-v3, side by side in one run.
# Usage: Benchmarks/carracing/run.sh [steps]   (from the repository root)
# Prints lines `name: rlbook X unit, peer Y unit, ratio Z`.
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS="${1:-5000}"
PEER_STEPS=$(( STEPS / 10 > 300 ? STEPS / 10 : 300 ))

# Python peer: /work/venv-peers if present, else a venv under .build/
PY=""
if [ -x /work/venv-peers/bin/python ] && /work/venv-peers/bin/python -c "import gymnasium, Box2D, pygame" 2>/dev/null; then
  PY=/work/venv-peers/bin/python
else
  if [ ! -x .build/venv-carracing/bin/python ]; then
    python3 -m venv .build/venv-carracing
    .build/venv-carracing/bin/pip install -q "gymnasium[box2d]" numpy
  fi
  PY=.build/venv-carracing/bin/python
fi

# rlbook: release objects of the engine modules + the benchmark main
swift build -c release --target RLEnv >/dev/null
OBJS=$(ls .build/release/RLSupport.build/*.o .build/release/RLRender.build/*.o .build/release/RLPhysics.build/*.o .build/release/RLEnv.build/*.o)
TARGET_CPU=""
if [ "$(uname -m)" = "x86_64" ]; then TARGET_CPU="-target-cpu haswell"; fi
swiftc -O $TARGET_CPU -I .build/release/Modules Benchmarks/carracing/main.swift $OBJS -o .build/carracing-bench

THREADS=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
OUT=$(.build/carracing-bench "$STEPS" fast2 "$THREADS")
R=$(echo "$OUT" | grep RESULT)
V=$(echo "$OUT" | grep VECTOR || true)
P=$(SDL_VIDEODRIVER=dummy "$PY" Benchmarks/carracing/peer.py "$PEER_STEPS" 2>/dev/null | grep RESULT)
RS=$(echo "$R" | awk '{print $3}'); RR=$(echo "$R" | awk '{print $5}')
PS=$(echo "$P" | awk '{print $3}'); PR=$(echo "$P" | awk '{print $5}')
awk -v a="$RS" -v b="$PS" 'BEGIN { printf "carracing_step_render_discrete: rlbook %.0f steps/s, peer %.0f steps/s, ratio %.1f\n", a, b, a / b }'
awk -v a="$RR" -v b="$PR" 'BEGIN { printf "carracing_reset: rlbook %.3f ms, peer %.3f ms, ratio %.1f\n", a, b, b / a }'
if [ -n "$V" ]; then
  echo "$V" | awk '{ printf "carracing_vector_%d_envs_threads: rlbook %.0f env-steps/s, peer %.0f env-steps/s (same envs stepped in order), ratio %.2f\n", $3, $5, $7, $5 / $7 }'
fi
# More envs than cores amortise the per-step fork/join of the threads.
V8=$(.build/carracing-bench "$STEPS" fast2 $((THREADS * 8)) | grep VECTOR || true)
if [ -n "$V8" ]; then
  echo "$V8" | awk '{ printf "carracing_vector_%d_envs_threads: rlbook %.0f env-steps/s, peer %.0f env-steps/s (same envs stepped in order), ratio %.2f\n", $3, $5, $7, $5 / $7 }'
fi
