#!/usr/bin/env bash
# Per-layer NatureCNN timings (release): where a training step's time goes. Usage: Benchmarks/tensor/profile.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. Benchmarks/tensor/link.sh
link_bench Benchmarks/tensor/ConvProfile/main.swift ConvProfile
"$OUT/ConvProfile"
