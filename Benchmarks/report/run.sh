#!/usr/bin/env bash
# Reports during long runs: report size, share of the run spent rewriting the report, peak memory.
# Usage: Benchmarks/report/run.sh [--before PATH_TO_OLDER_RLBOOK] [-p episodeFrames=N ...]
# Runs frames-in-arrays.md (frames kept in arrays, as books did before `Recorder`) and recorded.md
# (frames streamed into a `Recorder`) with this checkout's release build; with --before, also
# frames-in-arrays.md with an older rlbook binary (e.g. one built from the commit before the live
# report work), whose rewrite share is measured by sampling with perf (it has no RLBOOK_REPORT_STATS).
# Prints `name: rlbook X unit, peer Y unit, ratio Z` lines, the peer being the older binary or the
# frames-in-arrays book.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.build/report-bench
mkdir -p "$OUT"
BEFORE=""
P=()
while [ $# -gt 0 ]; do
  case "$1" in
    --before) BEFORE="$2"; shift 2 ;;
    -p) P+=(-p "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
done
swift build -c release --product rlbook >/dev/null
NEW=.build/release/rlbook

# run NAME BINARY BOOK [perf]: wall seconds, peak RSS (kB), report size (bytes), rewrite seconds
# (report writing minus the first encoding of each medium, from RLBOOK_REPORT_STATS; with perf, the
# share of samples in ReportWriter.write, for binaries that predate the stats).
run() {
  local name=$1 bin=$2 book=$3 prof=${4:-}
  rm -rf "$OUT/$name"
  local cmd=("$bin" run "$book" --out "$OUT/$name" "${P[@]+"${P[@]}"}")
  [ -n "$prof" ] && cmd=(perf record -q -g -o "$OUT/$name.perf" -- "${cmd[@]}")
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" env RLBOOK_REPORT_STATS=1 "${cmd[@]}" \
    > "$OUT/$name.stdout" 2> "$OUT/$name.stderr" || { echo "$name failed:"; tail -5 "$OUT/$name.stderr"; exit 1; }
  read -r WALL RSS < "$OUT/$name.time"
  SIZE=$(du -sb "$OUT/$name/index.html" | cut -f1)
  WRITES=$(grep -o 'rewriting [0-9.]* s' "$OUT/$name.stderr" | grep -o '[0-9.]*' || true)
  TOTAL=$(grep -o 'report writes: [0-9]*, [0-9.]* s' "$OUT/$name.stderr" | grep -o '[0-9.]* s$' | grep -o '[0-9.]*' || true)
  if [ -n "$prof" ]; then
    SHARE=$(perf report -i "$OUT/$name.perf" --children --stdio 2>/dev/null | grep -E '^ +[0-9.]+%.*WriterV5write' | head -1 | awk '{print $1}' | tr -d '%' || true)
    [ -n "$SHARE" ] && TOTAL=$(python3 -c "print($SHARE / 100 * $WALL)")
  fi
  echo "$name $WALL $RSS $SIZE ${WRITES:-?} ${TOTAL:-?}"
}

A=$(run arrays "$NEW" Benchmarks/report/frames-in-arrays.md)
R=$(run recorded "$NEW" Benchmarks/report/recorded.md)
echo "# name wall_s peak_rss_kB report_bytes rewrite_s report_writing_s (rewrite: writing minus the first encoding of each medium)"
echo "$A"; echo "$R"
B=""
if [ -n "$BEFORE" ]; then
  if command -v perf >/dev/null && perf record -q -o /dev/null -- true >/dev/null 2>&1; then
    B=$(run before "$BEFORE" Benchmarks/report/frames-in-arrays.md perf)
  else
    B=$(run before "$BEFORE" Benchmarks/report/frames-in-arrays.md)
  fi
  echo "$B"
fi

python3 - "$A" "$R" "$B" <<'PY'
import sys
def parse(s):
    n, wall, rss, size, w, t = s.split()[:6]
    pct = lambda v: float(v) / float(wall) * 100 if v != "?" else None
    return dict(wall=float(wall), rss=int(rss) / 1024, size=int(size) / 1e6, share=pct(w), writing=pct(t))
a, r = parse(sys.argv[1]), parse(sys.argv[2])
def line(name, x, y, unit):
    f = lambda v: "n/a" if v is None else f"{v:.2f}"
    ratio = y / x if x and y else float("nan")
    print(f"{name}: rlbook {f(x)} {unit}, peer {f(y)} {unit}, ratio {ratio:.2f}")
print("-- recorded.md (rlbook) vs frames-in-arrays.md (peer), this build")
line("report-size", r["size"], a["size"], "MB")
line("peak-rss", r["rss"], a["rss"], "MB")
line("rewrite-share", r["share"], a["share"], "% of wall")
line("report-writing-share", r["writing"], a["writing"], "% of wall")
if sys.argv[3]:
    b = parse(sys.argv[3])
    print("-- frames-in-arrays.md: this build (rlbook) vs the older binary (peer)")
    line("report-size", a["size"], b["size"], "MB")
    line("peak-rss", a["rss"], b["rss"], "MB")
    line("wall", a["wall"], b["wall"], "s")
    line("report-writing-share", a["writing"], b["writing"], "% of wall")
PY
