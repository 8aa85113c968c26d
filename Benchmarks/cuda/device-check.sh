#!/usr/bin/env bash
# The CUDA backend's device check, in two steps.
#
#   Benchmarks/cuda/device-check.sh prepare   # here, with Swift and network: builds and precompiles
#   Benchmarks/cuda/device-check.sh [run]     # on the GPU machine: builds nothing
#
# prepare: static release binaries (`swift build -c release --static-swift-stdlib`) of rlcuda-check
#   and rlbook, stripped, into .build/cuda-check/bin; every kernel module precompiled to PTX for
#   sm_80/86/89/90 with NVRTC 12.0 (the nvidia-cuda-nvrtc-cu12==12.0.* wheel in .build/venv-cuda-12.0;
#   PTX ISA 8.0 loads on drivers >= 525) into .build/cuda-check/cache/rlbook/cuda. Carry
#   `.build/cuda-check` to the GPU machine (about 40 MiB).
# run: needs only the NVIDIA driver there (libcuda.so.1); cuBLAS is used when it can be loaded, else the
#   tiled rl_gemm kernel; NVRTC is not needed (the PTX cache). Prints, and copies to $OUT when set:
#   1. every op of the CUDA backend against the CPU backend (float32), with cuBLAS and with the GEMM kernel;
#   2. CUDA graphs: a captured fused-optimizer step replayed, bitwise equal to eager launches;
#   3. NatureCNN batch-32 training step: CPU backend vs CUDA backend (staging mode);
#   4. DQN CnnPolicy on CarRacing (SB3 semantics, 1 env, trainFreq 4): fps on cuda and on cpu.
# Exit status: non-zero when an op disagrees with the CPU or the GPU cannot be used.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DIR=$ROOT/.build/cuda-check
MODE=${1:-run}

if [ "$MODE" = prepare ]; then
    set -e
    mkdir -p "$DIR/bin"
    for product in rlcuda-check rlbook; do
        echo "building $product (release, static Swift runtime)"
        swift build -c release --static-swift-stdlib --product "$product" >/dev/null
        cp "$(swift build -c release --show-bin-path)/$product" "$DIR/bin/$product"
        strip "$DIR/bin/$product" 2>/dev/null || true
    done
    VENV=$ROOT/.build/venv-cuda-12.0
    LIB=$(ls "$VENV"/lib/python3*/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12 2>/dev/null | head -1 || true)
    if [ -z "$LIB" ]; then
        echo "installing nvidia-cuda-nvrtc-cu12==12.0.* into $VENV"
        python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "nvidia-cuda-nvrtc-cu12==12.0.*"
        LIB=$(ls "$VENV"/lib/python3*/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12 | head -1)
    fi
    rm -rf "$DIR/cache"
    RLBOOK_NVRTC_PATH=$LIB "$DIR/bin/rlcuda-check" precompile 80 86 89 90 --out "$DIR/cache/rlbook/cuda"
    du -sh "$DIR"
    echo "prepared: carry .build/cuda-check and run Benchmarks/cuda/device-check.sh on the GPU machine"
    exit 0
fi

[ "$MODE" = run ] || { echo "usage: $0 [prepare|run]"; exit 64; }
for b in rlcuda-check rlbook; do
    [ -x "$DIR/bin/$b" ] || { echo "error: $DIR/bin/$b is missing: run '$0 prepare' on a machine with Swift and carry .build/cuda-check"; exit 66; }
done
LOG=${OUT:-$DIR}/device-check.log
mkdir -p "$(dirname "$LOG")"
export XDG_CACHE_HOME=$DIR/cache      # the precompiled PTX (kernels missing there are compiled when NVRTC loads)
section() { echo; echo "== $*"; }
run_all() {
    local status=0
    section "machine"
    date -u
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || echo "nvidia-smi not available"
    ls -l /usr/lib/x86_64-linux-gnu/libcuda.so* 2>/dev/null | head -3
    section "ops vs CPU (cuBLAS when it loads)"
    timeout 300 "$DIR/bin/rlcuda-check" ops --require-gpu || status=1
    section "ops vs CPU (rl_gemm kernel, RLBOOK_CUDA_GEMM=kernel)"
    RLBOOK_CUDA_GEMM=kernel timeout 300 "$DIR/bin/rlcuda-check" ops --require-gpu > "$DIR/ops-kernel-gemm.txt" 2>&1 || status=1
    grep -E "^(FAIL|ops|gemm|device|skipped)" "$DIR/ops-kernel-gemm.txt"
    section "CUDA graphs (capture, replay, same result as eager)"
    timeout 120 "$DIR/bin/rlcuda-check" graphs --require-gpu || status=1
    section "NatureCNN batch-32 training step"
    timeout 180 "$DIR/bin/rlcuda-check" cnn-step --reps 20 || status=1
    section "DQN CnnPolicy CarRacing fps"
    for dev in cuda cpu; do
        timeout 240 "$DIR/bin/rlbook" run Benchmarks/cuda/dqn-fps.md --device $dev -p steps=3000 -p learningStarts=1000 \
            --out "$DIR/dqn-$dev" --quiet > "$DIR/dqn-$dev.txt" 2>&1 || status=1
        grep -E "dqn_cnn|error|note|rlbook cuda" "$DIR/dqn-$dev.txt"
    done
    section "done (status $status)"
    return $status
}
run_all 2>&1 | tee "$LOG"
exit "${PIPESTATUS[0]}"
