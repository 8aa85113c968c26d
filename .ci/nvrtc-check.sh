#!/usr/bin/env bash
# Compiles every generated CUDA kernel with NVRTC (no GPU needed), so a kernel that does not compile fails CI.
#
# Usage: .ci/nvrtc-check.sh
# Installs the `nvidia-cuda-nvrtc-cu12` wheel (PyPI) into .build/venv-cuda when missing, points
# RLBOOK_NVRTC_PATH at its libnvrtc.so.*, and runs the Swift tests RLCUDATests.NVRTCKernelTests
# (every module compiled for compute_80 and compute_70, every kernel the Swift side launches present in the PTX).
# Exits 0 with "skipped: ..." when the wheel cannot be installed (e.g. no network), non-zero when a kernel fails.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=.build/venv-cuda

skip() { echo "skipped: $*"; exit 0; }

find_nvrtc() { ls "$VENV"/lib/python3*/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.* 2>/dev/null | grep -v '\.alt\.' | head -1; }

LIB=$(find_nvrtc)
if [ -z "$LIB" ]; then
    command -v python3 >/dev/null || skip "python3 is not available to install the NVRTC wheel"
    echo "installing nvidia-cuda-nvrtc-cu12 into $VENV"
    if ! (python3 -m venv "$VENV" && "$VENV/bin/pip" install -q nvidia-cuda-nvrtc-cu12) >/tmp/rlbook-pip-nvrtc.log 2>&1; then
        tail -5 /tmp/rlbook-pip-nvrtc.log
        skip "could not install nvidia-cuda-nvrtc-cu12 from PyPI (no network?); see /tmp/rlbook-pip-nvrtc.log"
    fi
    LIB=$(find_nvrtc)
    [ -n "$LIB" ] || { echo "error: the nvidia-cuda-nvrtc-cu12 wheel installed but $VENV has no libnvrtc.so.*"; exit 1; }
fi
echo "NVRTC: $LIB"
export RLBOOK_NVRTC_PATH="$PWD/$LIB"
# --skip-build when the test bundle is already built (CI runs `swift test` first); else build it.
if ls .build/debug/*PackageTests* >/dev/null 2>&1; then
    swift test --skip-build --filter 'RLCUDATests.NVRTCKernelTests'
else
    swift test --filter 'RLCUDATests.NVRTCKernelTests'
fi
