#!/usr/bin/env bash
# A Linear layer's three training products (forward, dX, dW), one at a time, in CPU ms and GFLOP/CPU-s.
# Usage: Benchmarks/tensor/linearprofile.sh [reps]   (RLBOOK_THREADS=1 for one thread)
set -euo pipefail
cd "$(dirname "$0")/../.."
. Benchmarks/tensor/link.sh
link_bench Benchmarks/tensor/LinearProfile/main.swift LinearProfile
"$OUT/LinearProfile" "$@"
