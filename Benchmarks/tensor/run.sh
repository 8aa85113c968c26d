#!/usr/bin/env bash
# Tensor benchmarks: rlbook (Swift, release) vs PyTorch CPU at 2 threads, same shapes, one run.
# Usage: Benchmarks/tensor/run.sh [--quick]
# Prints `name: rlbook X unit, peer Y unit, ratio Z` (ratio > 1 means rlbook is better). Times are the best of
# several runs (least disturbed by other load); PEAK_GHZ overrides the assumed clock (3.7 GHz boost).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/.build/tensor-bench
mkdir -p "$OUT"

# Python peer: reuse $PEER_PYTHON or /work/venv-peers, else create .build/tensor-bench/venv.
PY=${PEER_PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x /work/venv-peers/bin/python ] && /work/venv-peers/bin/python -c "import torch, safetensors" 2>/dev/null; then
    PY=/work/venv-peers/bin/python
  else
    [ -x "$OUT/venv/bin/python" ] || python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install -q torch safetensors
    PY=$OUT/venv/bin/python
  fi
fi

# Build the Swift modules in release, then link the benchmark against their objects.
. Benchmarks/tensor/link.sh
link_bench Benchmarks/tensor/TensorBench/main.swift TensorBench

"$OUT/TensorBench" "$@" --write-safetensors "$OUT/rlbook_mlp.safetensors" > "$OUT/rlbook.txt"
"$PY" Benchmarks/tensor/bench_torch.py "$@" > "$OUT/torch.txt"

# Peak: cores × GHz × 32 fp32 FLOP/cycle (2 AVX2 FMA units × 8 lanes × 2).
CORES=$(nproc)
GHZ=${PEAK_GHZ:-3.7}
PEAK=$(awk -v c="$CORES" -v g="$GHZ" 'BEGIN { print c * g * 32 }')

awk -v peak="$PEAK" -v cores="$CORES" -v ghz="$GHZ" '
  FNR == NR { if ($1 != "interop_output") { r[$1] = $2; u[$1] = $3 }; next }
  { p[$1] = $2 }
  END {
    n = split("sgemm_512 sgemm_1024 mlp_4_64_64_2_b64_train_step naturecnn_b32_train_step naturecnn_b1_forward", names, " ")
    for (i = 1; i <= n; i++) {
      k = names[i]
      if (!(k in r) || !(k in p)) continue
      ratio = (u[k] == "GFLOP/s") ? r[k] / p[k] : p[k] / r[k]
      printf "%s: rlbook %.4g %s, peer %.4g %s, ratio %.2f\n", k, r[k], u[k], p[k], u[k], ratio
      if (u[k] == "GFLOP/s") printf "%s_vs_machine_peak: rlbook %.4g GFLOP/s, peer %.4g GFLOP/s (assumed fp32 peak = %d cores x %s GHz x 32 FLOP/cycle), ratio %.2f\n", k, r[k], peak, cores, ghz, r[k] / peak
    }
  }' "$OUT/rlbook.txt" "$OUT/torch.txt"

# Interop: PyTorch loads the safetensors file rlbook wrote and reproduces rlbook's output.
"$PY" - "$OUT/rlbook_mlp.safetensors" "$(grep interop_output "$OUT/rlbook.txt" | cut -d' ' -f2)" <<'PYEOF'
import sys, torch, torch.nn as nn
from safetensors.torch import load_file
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
net.load_state_dict(load_file(sys.argv[1]))
want = torch.tensor([float(v) for v in sys.argv[2].split(",")])
got = net(torch.tensor([[0.5, -1.0, 2.0, 0.25]])).detach().reshape(-1)
ok = torch.allclose(got, want, atol=1e-5)
print(f"safetensors_interop: rlbook wrote, PyTorch loaded, max diff {float((got - want).abs().max()):.2e}, {'ok' if ok else 'MISMATCH'}")
sys.exit(0 if ok else 1)
PYEOF
