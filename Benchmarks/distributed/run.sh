#!/usr/bin/env bash
# Data-parallel PPO (MlpPolicy, CartPole): steps/s of 1 process vs N processes under mpirun on this
# machine, and the all-reduce time per gradient bucket.
# Usage: Benchmarks/distributed/run.sh [--rt] [N (default 2)] [-p name=value ...]
#   --rt   run the two measurements (not the build) at real-time priority (chrt -f 1, root), so that
#          other users' processes on a shared machine do not take the cores; a few seconds each.
# Prints `ppo_cartpole_steps_per_s: 1 process X, N processes Y, speed-up Z` and the all-reduce cost.
# The machine may be shared: the load average before each run is printed with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
PRIO=()
if [ "${1:-}" = "--rt" ]; then PRIO=(timeout 120 chrt -f 1); shift; fi
NP="${1:-2}"; shift || true
OUT=.build/distributed-bench
mkdir -p "$OUT"
command -v mpirun >/dev/null || { echo "error: mpirun not found; install Open MPI (apt-get install openmpi-bin libopenmpi-dev)"; exit 69; }
if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
swift build -c release --product rlbook >/dev/null
echo "cores: $(nproc); load before 1 process: $(cut -d' ' -f1-3 /proc/loadavg)"
${PRIO[@]+"${PRIO[@]}"} .build/release/rlbook run Benchmarks/distributed/bench.md --out "$OUT/np1" --quiet "$@" > "$OUT/np1.txt"
echo "load before $NP processes: $(cut -d' ' -f1-3 /proc/loadavg)"
${PRIO[@]+"${PRIO[@]}"} mpirun -np "$NP" ${MPIRUN_ARGS:-} .build/release/rlbook run Benchmarks/distributed/bench.md --out "$OUT/np$NP" --quiet "$@" > "$OUT/np$NP.txt"
awk -v np="$NP" '
  FNR == NR { a[$1] = $2; next }
  { b[$1] = $2 }
  END {
    printf "ppo_cartpole_steps_per_s: 1 process %.0f, %d processes %.0f, speed-up %.2f\n", a["ppo_cartpole_steps_per_s"], np, b["ppo_cartpole_steps_per_s"], b["ppo_cartpole_steps_per_s"] / a["ppo_cartpole_steps_per_s"]
    printf "allreduce (%d processes): %d calls of %d floats, %.1f us per call, %.1f%% of the run\n", np, b["allreduce_calls"], b["allreduce_elements_per_call"], b["allreduce_us_per_call"], 100 * b["allreduce_calls"] * b["allreduce_us_per_call"] / 1e6 / b["seconds"]
    printf "allreduce alone (%d processes, ranks ready together): %.1f us per call\n", np, b["allreduce_loop_us_per_call"]
    printf "mean return of the last 20 episodes: 1 process %.1f, %d processes %.1f\n", a["mean_return_last_20"], np, b["mean_return_last_20"]
  }' "$OUT/np1.txt" "$OUT/np$NP.txt"
