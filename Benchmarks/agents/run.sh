#!/usr/bin/env bash
# Agents: rlbook vs Stable-Baselines3 (torch CPU, 2 threads) on this machine, side by side.
# Usage: Benchmarks/agents/run.sh [--quick] [--a2c] [--only=dqn,predict]     ROUNDS=N (default 3; --quick: 1)
# (--only takes any of ppo,dqn,ppo256,dqnmlp,predict,buffer)
# Runs N rounds; each round runs both sides' whole benchmark, alternating which side goes first, so a
# slow window of a shared host falls on both sides alike. Each side's figure is its best round (the
# highest steps/s, the lowest ms), the same estimator for both; the per-round ratios are printed too.
# Prints `name: rlbook X unit, SB3 Y unit, ratio Z` (ratio > 1: rlbook is better), then checks the
# TensorBoard run a short DQN training wrote with the real `tensorboard` package.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.build/agents-bench
mkdir -p "$OUT"
PARAMS=()
ROUNDS=${ROUNDS:-}
for a in "$@"; do
  case "$a" in
    --quick) PARAMS+=(ppoShort=2048 ppoLong=8192 dqnShort=1200 dqnLong=2400 ppo256Short=1024 ppo256Long=4096 dqnMlpShort=2000 dqnMlpLong=6000); ROUNDS=${ROUNDS:-1} ;;
    --a2c) PARAMS+=(runA2C=true) ;;
    --only=*) PARAMS+=(measures="${a#--only=}") ;;
  esac
done

PY=${PEER_PYTHON:-.build/venv-agents/bin/python}
if [ ! -x "$PY" ] || ! "$PY" -c "import stable_baselines3, Box2D, tensorboard" 2>/dev/null; then
  python3 -m venv .build/venv-agents
  .build/venv-agents/bin/pip install -q stable-baselines3 "gymnasium[box2d]" tensorboard
  PY=.build/venv-agents/bin/python
fi

swift build -c release --product rlbook >/dev/null
ROUNDS=${ROUNDS:-3}
P=()
for kv in "${PARAMS[@]+"${PARAMS[@]}"}"; do P+=(-p "$kv"); done
rm -f "$OUT"/rlbook.*.txt "$OUT"/sb3.*.txt "$OUT"/rlbook-baseline.*.txt
run_rlbook() { .build/release/rlbook run Benchmarks/agents/bench.md --out "$OUT/report" --quiet "${P[@]+"${P[@]}"}" > "$OUT/rlbook.$1.txt"; }
run_sb3() { "$PY" Benchmarks/agents/bench_sb3.py "${PARAMS[@]+"${PARAMS[@]}"}" > "$OUT/sb3.$1.txt" 2>"$OUT/sb3.err"; }
# Optional: BASELINE_RLBOOK=/path/to/an/older/rlbook also times that binary in each round, for before/after.
run_baseline() {
  if [ -n "${BASELINE_RLBOOK:-}" ]; then
    "$BASELINE_RLBOOK" run Benchmarks/agents/bench.md --out "$OUT/report-baseline" --quiet "${P[@]+"${P[@]}"}" > "$OUT/rlbook-baseline.$1.txt"
  fi
}
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then run_rlbook "$r"; run_sb3 "$r"; run_baseline "$r"
  else run_baseline "$r"; run_sb3 "$r"; run_rlbook "$r"; fi
done

# One line per measure: each side's best round, their ratio, and the ratio of each round's pair.
ratios() {
# Files are <side>.<round>.txt; the first argument names rlbook's side (rlbook or rlbook-baseline).
awk -v tag="$1" -v mine="$2" -v rounds="$ROUNDS" '
  { side = (FILENAME ~ ("/" mine "\\.[0-9]+\\.txt$")) ? "r" : "p"
    nparts = split(FILENAME, parts, "."); rnd = parts[nparts - 1]
    k = $1; v = $2 + 0
    lower = (k ~ /_ms$/ || k ~ /bytes/)
    if (side == "r") { R[k, rnd] = v; if (!((k) in br) || (lower ? v < br[k] : v > br[k])) br[k] = v }
    else { Q[k, rnd] = v; if (!((k) in bp) || (lower ? v < bp[k] : v > bp[k])) bp[k] = v }
  }
  END {
    n = split("ppo_cartpole_steps_per_s dqn_carracing_steps_per_s dqn_predict_ms replay_bytes_per_transition ppo_cartpole_256_steps_per_s dqn_cartpole_mlp_steps_per_s", names, " ")
    for (i = 1; i <= n; i++) {
      k = names[i]
      if (!(k in br) || !(k in bp)) continue
      lower = (k ~ /_ms$/ || k ~ /bytes/)
      unit = (k ~ /_ms$/) ? "ms" : (k ~ /bytes/) ? "bytes" : "steps/s"
      per = ""
      for (r = 1; r <= rounds; r++) if (((k, r) in R) && ((k, r) in Q)) per = per sprintf(" %.2f", lower ? Q[k, r] / R[k, r] : R[k, r] / Q[k, r])
      printf "%s%s: rlbook %.4g %s, SB3 %.4g %s, ratio %.2f (best of %d rounds each; per round:%s)\n", k, tag, br[k], unit, bp[k], unit, lower ? bp[k] / br[k] : br[k] / bp[k], rounds, per
    }
  }' $(ls "$OUT"/"$2".*.txt) $(ls "$OUT"/sb3.*.txt)
}
ratios "" rlbook
if [ -n "${BASELINE_RLBOOK:-}" ]; then ratios " (baseline binary)" rlbook-baseline; fi
cat "$OUT"/rlbook.*.txt | grep a2c_cartpole_eval | sed 's/^/rlbook /' || true
cat "$OUT"/sb3.*.txt | grep a2c_cartpole_eval | sed 's/^/SB3 /' || true

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
