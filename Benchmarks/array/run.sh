#!/usr/bin/env bash
# Benchmarks/array/run.sh: the env/tensor seam (issue 9), this tree against a baseline tree.
# Usage: BASELINE=/path/to/checkout-before-issue-9 Benchmarks/array/run.sh [cartSteps] [carSteps] [repeats]
# Without BASELINE only this tree is measured. Builds RLEnv and RLTensor in release in each tree and
# links bench.swift with the tree's shim. Prints `name: rlbook X unit, peer Y unit, ratio Z` where the
# "peer" is the baseline tree (the same code before the one-array change).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CART=${1:-1000000}; CAR=${2:-500}; REP=${3:-3}
TARGET_CPU=""
if [ "$(uname -m)" = "x86_64" ]; then TARGET_CPU="-target-cpu haswell"; fi

build() { # tree shim out
  (cd "$1" && swift build -c release --target RLEnv >/dev/null && swift build -c release --target RLTensor >/dev/null)
  local B="$1/.build/release"
  local extra=()   # trees with the AVX-512 kernels' target link its objects too
  if [ -d "$B/RLTensorAVX512.build" ]; then extra=("$B"/RLTensorAVX512.build/*.o); fi
  swiftc -O $TARGET_CPU -parse-as-library -I "$B/Modules" "$ROOT/Benchmarks/array/bench.swift" "$2" \
    "$B"/RLSupport.build/*.o "$B"/RLRender.build/*.o "$B"/RLPhysics.build/*.o "$B"/RLEnv.build/*.o "$B"/RLTensor.build/*.o "${extra[@]+"${extra[@]}"}" -o "$3"
}
mkdir -p .build/bench-array
build "$ROOT" "$ROOT/Benchmarks/array/shim.swift" .build/bench-array/after
A=$(.build/bench-array/after "$CART" "$CAR" "$REP")
echo "$A"
if [ -n "${BASELINE:-}" ]; then
  cp "$ROOT/Benchmarks/array/shim-before.swift.txt" .build/bench-array/shim-before.swift
  build "$BASELINE" "$ROOT/.build/bench-array/shim-before.swift" .build/bench-array/before
  B=$(.build/bench-array/before "$CART" "$CAR" "$REP")
  get() { echo "$1" | awk -v k="$2" '$1==k {print $2}'; }
  for k in cartpole_native cartpole_cell carracing_native carracing_cell; do
    awk -v n="$k" -v a="$(get "$A" $k)" -v b="$(get "$B" $k)" 'BEGIN { printf "%s: rlbook %.0f steps/s, peer %.0f steps/s (before issue 9), ratio %.2f\n", n, a, b, a / b }'
  done
  for k in tensor_from_frame_ns tensor_from_cartpole_obs_ns; do
    awk -v n="$k" -v a="$(get "$A" $k)" -v b="$(get "$B" $k)" 'BEGIN { printf "%s: rlbook %.1f ns, peer %.1f ns (before issue 9), ratio %.2f\n", n, a, b, b / a }'
  done
fi
if [ -x /work/venv-peers/bin/python ] && /work/venv-peers/bin/python -c "import torch" 2>/dev/null; then
  P=$(/work/venv-peers/bin/python "$ROOT/Benchmarks/array/peer.py" 200000 "$REP")
  getp() { echo "$1" | awk -v k="$2" '$1==k {print $2}'; }
  for k in tensor_from_frame_ns tensor_from_cartpole_obs_ns; do
    awk -v n="$k (vs torch.as_tensor)" -v a="$(getp "$A" $k)" -v b="$(getp "$P" $k)" 'BEGIN { printf "%s: rlbook %.1f ns, peer %.1f ns, ratio %.2f\n", n, a, b, b / a }'
  done
fi
