#!/usr/bin/env bash
# DQN CnnPolicy step on CarRacing shapes (release): per-layer GFLOP/s, the batch-32 train step, batch-1 predict.
# Usage: Benchmarks/tensor/dqnstep.sh [reps]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.build/tensor-bench
mkdir -p "$OUT"
swift build -c release --target RLNN >/dev/null
BIN=$(swift build -c release --show-bin-path)
FLAGS=()
[ "$(uname -m)" = "x86_64" ] && FLAGS=(-target-cpu haswell)
swiftc -O "${FLAGS[@]}" Benchmarks/tensor/DQNStep/main.swift \
  "$BIN"/RLNN.build/*.o "$BIN"/RLTensor.build/*.o "$BIN"/RLTensorAVX512.build/*.o "$BIN"/RLSupport.build/*.o \
  -I "$BIN/Modules" -o "$OUT/DQNStep"
"$OUT/DQNStep" "$@"
