#!/usr/bin/env bash
# DQN CnnPolicy step on CarRacing shapes (release): per-layer GFLOP/s, the batch-32 train step, batch-1 predict.
# Usage: Benchmarks/tensor/dqnstep.sh [reps]
set -euo pipefail
cd "$(dirname "$0")/../.."
. Benchmarks/tensor/link.sh
link_bench Benchmarks/tensor/DQNStep/main.swift DQNStep
"$OUT/DQNStep" "$@"
