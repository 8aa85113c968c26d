#!/usr/bin/env bash
# The DQN CnnPolicy parameter checksum: md5 of the weights and of the Adam state after a fixed-seed
# 1,400-step CarRacing run (Benchmarks/agents/checksum.md). Kernel changes that keep every sum in the
# same order leave both unchanged (the thread count changes some sums' grouping: compare runs with the
# same RLBOOK_THREADS, default all cores).
# Usage: Benchmarks/agents/checksum.sh [path/to/rlbook]   (default: build and use .build/release/rlbook)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then swift build -c release --product rlbook >/dev/null; BIN=.build/release/rlbook; fi
OUT=.build/agents-checksum
rm -rf "$OUT"
"$BIN" run Benchmarks/agents/checksum.md --out "$OUT" --quiet >/dev/null
echo "weights $(unzip -p "$OUT/checksum.zip" policy.safetensors | md5sum | cut -d' ' -f1)"
echo "adam    $(unzip -p "$OUT/checksum.zip" policy.optimizer.safetensors | md5sum | cut -d' ' -f1)"
