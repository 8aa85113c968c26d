#!/usr/bin/env bash
# Per-layer NatureCNN timings (release): where a training step's time goes. Usage: Benchmarks/tensor/profile.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.build/tensor-bench
mkdir -p "$OUT"
swift build -c release --target RLNN >/dev/null
BIN=$(swift build -c release --show-bin-path)
FLAGS=()
[ "$(uname -m)" = "x86_64" ] && FLAGS=(-target-cpu haswell)
swiftc -O "${FLAGS[@]}" Benchmarks/tensor/ConvProfile/main.swift \
  "$BIN"/RLNN.build/*.o "$BIN"/RLTensor.build/*.o "$BIN"/RLTensorAVX512.build/*.o "$BIN"/RLSupport.build/*.o \
  -I "$BIN/Modules" -o "$OUT/ConvProfile"
"$OUT/ConvProfile"
