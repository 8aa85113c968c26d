#!/usr/bin/env bash
# Agents: rlbook vs Stable-Baselines3 (torch CPU, 2 threads) on this machine, side by side, one run.
# Usage: Benchmarks/agents/run.sh [--quick] [--a2c]
# Prints `name: rlbook X unit, SB3 Y unit, ratio Z` (ratio > 1: rlbook is better), then checks the
# TensorBoard run a short DQN training wrote with the real `tensorboard` package.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.build/agents-bench
mkdir -p "$OUT"
PARAMS=()
for a in "$@"; do
  case "$a" in
    --quick) PARAMS+=(ppoShort=2048 ppoLong=8192 dqnShort=1200 dqnLong=2400 ppo256Short=1024 ppo256Long=4096 dqnMlpShort=2000 dqnMlpLong=6000) ;;
    --a2c) PARAMS+=(runA2C=true) ;;
  esac
done

PY=${PEER_PYTHON:-.build/venv-agents/bin/python}
if [ ! -x "$PY" ] || ! "$PY" -c "import stable_baselines3, Box2D, tensorboard" 2>/dev/null; then
  python3 -m venv .build/venv-agents
  .build/venv-agents/bin/pip install -q stable-baselines3 "gymnasium[box2d]" tensorboard
  PY=.build/venv-agents/bin/python
fi

swift build -c release --product rlbook >/dev/null
P=()
for kv in "${PARAMS[@]+"${PARAMS[@]}"}"; do P+=(-p "$kv"); done
.build/release/rlbook run Benchmarks/agents/bench.md --out "$OUT/report" --quiet "${P[@]+"${P[@]}"}" > "$OUT/rlbook.txt"
"$PY" Benchmarks/agents/bench_sb3.py "${PARAMS[@]+"${PARAMS[@]}"}" > "$OUT/sb3.txt" 2>"$OUT/sb3.err"

# Optional: BASELINE_RLBOOK=/path/to/an/older/rlbook also times that binary in this run, for before/after.
if [ -n "${BASELINE_RLBOOK:-}" ]; then
  "$BASELINE_RLBOOK" run Benchmarks/agents/bench.md --out "$OUT/report-baseline" --quiet "${P[@]+"${P[@]}"}" > "$OUT/rlbook-baseline.txt"
fi

ratios() {
awk -v tag="$3" '
  FNR == NR { r[$1] = $2; next }
  { p[$1] = $2 }
  END {
    n = split("ppo_cartpole_steps_per_s dqn_carracing_steps_per_s dqn_predict_ms replay_bytes_per_transition ppo_cartpole_256_steps_per_s dqn_cartpole_mlp_steps_per_s", names, " ")
    for (i = 1; i <= n; i++) {
      k = names[i]
      if (!(k in r) || !(k in p)) continue
      lower = (k ~ /_ms$/ || k ~ /bytes/)
      unit = (k ~ /_ms$/) ? "ms" : (k ~ /bytes/) ? "bytes" : "steps/s"
      printf "%s%s: rlbook %.4g %s, SB3 %.4g %s, ratio %.2f\n", k, tag, r[k], unit, p[k], unit, lower ? p[k] / r[k] : r[k] / p[k]
    }
  }' "$1" "$2"
}
ratios "$OUT/rlbook.txt" "$OUT/sb3.txt" ""
if [ -n "${BASELINE_RLBOOK:-}" ]; then ratios "$OUT/rlbook-baseline.txt" "$OUT/sb3.txt" " (baseline binary)"; fi
grep a2c_cartpole_eval "$OUT/rlbook.txt" | sed 's/^/rlbook /' || true
grep a2c_cartpole_eval "$OUT/sb3.txt" | sed 's/^/SB3 /' || true

# TensorBoard: the real reader loads what rlbook wrote.
cat > "$OUT/tb.md" <<'MD'
```swift
let model = DQN(policy: "MlpPolicy", env: gym.make("CartPole-v1"), learningStarts: 100, tensorboardLog: "tb", verbose: 0, seed: 0)
model.learn(totalTimesteps: 3_000)
```
MD
rm -rf "$OUT/tb-report"
.build/release/rlbook run "$OUT/tb.md" --out "$OUT/tb-report" --quiet >/dev/null
"$PY" Benchmarks/agents/check_tensorboard.py "$OUT/tb-report/tb"
