#!/usr/bin/env python3
"""Mutation fuzzing of rlbook (issue 14): books from the conformance cases and tutorials/, mutated
(deleted, duplicated and repeated spans, nesting runs, hostile tokens, swapped lines, flipped
bytes), each run by the rlbook binary under a time limit. Prints counts per outcome: documented
exit codes (0, 64, 65, 69, 70), signals, hangs past the limit, other codes, and the peak resident
memory of each run (VmHWM, measured through GNU time) against the `--max-memory` budget: a run over it counts as
bad. Keeps every input that ended badly in the failures folder; `--log FILE` writes one line per run
(outcome, seconds, peak MB, source book).

    python3 Benchmarks/fuzz/fuzz.py --runs 10000 --bin .build/release/rlbook
    python3 Benchmarks/fuzz/fuzz.py --minutes 10 --seed 7

Each run gets `--timeout` for its cells (a mutated loop may never end: that is a clean timeout,
exit 70) and `--max-memory`; a run still alive `--hang` seconds after it started counts as a hang.
"""
import argparse, collections, glob, os, random, resource, shutil, signal, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCUMENTED = {0, 64, 65, 69, 70}
TOKENS = ["(", ")", "[", "]", "{", "}", "\"\\(", "\"", "$9", "$100000", "1e308", "Int.max", "-Int.max",
          ".", "!", "?", "-", "+", "*", "/", "%", "<<", "&+", "..<", "...", "=", "==", "let ", "var ", "func ",
          "class ", "struct ", "enum ", "for i in 0..<Int.max { }", "while true { }", "return ", "break ",
          "try ", "throw ", "as! ", "nil", "self", "super", "init", "//| timeout: 0.5\n", "---\n", "- ", "> ",
          "| a | b |\n|---|---|\n", "[a](", "![x](/etc/passwd)", "```\n", "```swift\n", "\t", "字", "😀", "\\",
          "Tensor.zeros([1_000_000_000_000])", "String(repeating: \"x\", count: 1 << 40)", "stride(from: 0, to: Int.max, by: 1)",
          "print(", "\n", ";", ",", ":", "0", "-1", "1 << 62", "Double.nan"]


def sources():
    files = sorted(glob.glob(os.path.join("/work/shared/conformance", "*.md")))
    files += sorted(glob.glob(os.path.join(ROOT, "Tests", "LanguageCases", "*.md")))
    files += sorted(glob.glob(os.path.join(ROOT, "tutorials", "*.md")))
    return [(f, open(f, encoding="utf-8", errors="replace").read()) for f in files]


def mutate(text, rng):
    """One to four random edits of `text`."""
    for _ in range(rng.randint(1, 4)):
        n = len(text)
        k = rng.randrange(9)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.randint(0, 200))
        if k == 0:                        # delete a span
            text = text[:i] + text[j:]
        elif k == 1:                      # duplicate a span
            text = text[:j] + text[i:j] + text[j:]
        elif k == 2:                      # insert a hostile token
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif k == 3:                      # a run of nesting
            tok = rng.choice(["(", "[", "{", "\"\\(", "- ", "> ", "f()", "+1", "!", "[[", "*"])
            text = text[:i] + tok * rng.choice([10, 300, 3000, 30000]) + text[i:]
        elif k == 4:                      # swap two lines
            lines = text.split("\n")
            if len(lines) > 2:
                a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif k == 5 and n:                # flip a character
            text = text[:i] + chr(rng.randrange(32, 127)) + text[i + 1:]
        elif k == 6:                      # truncate
            text = text[:i]
        elif k == 7:                      # change a number
            digits = [p for p in range(n) if text[p].isdigit()]
            if digits:
                p = rng.choice(digits)
                text = text[:p] + rng.choice(["0", "9999999", "-1", "1e300", "100000000"]) + text[p + 1:]
        else:                             # repeat a line many times
            lines = text.split("\n")
            p = rng.randrange(len(lines))
            lines[p:p + 1] = [lines[p]] * rng.choice([100, 2000])
            text = "\n".join(lines)
    # past rlbook's 16 MB tutorial limit every run is the same refusal: keep inputs below it
    return text[:4_000_000]


# The child's peak must be measured by a small parent: a child spawned straight from this script
# (vfork/posix_spawn) starts out with this script's own peak resident size as its ru_maxrss, and
# this script grows to hundreds of MB after a large mutated book, so every later run would read
# as that size. GNU time forks rlbook from its own small process and writes rlbook's peak (%M KB).
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_one(binary, path, out, args):
    start = time.monotonic()
    # stderr goes to a file: a pipe read only at the end would block a run with a lot to say
    err_file = open(path + ".stderr", "w+b")
    command = [binary, "run", path, "--out", out, "--quiet", "--timeout", str(args.cell_timeout), "--max-memory", args.max_memory]
    rss_path = path + ".rss"
    if GNU_TIME:
        command = [GNU_TIME, "-f", "%M", "-o", rss_path] + command
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err_file, start_new_session=True)
    hung = False
    status = None
    rusage = None
    stderr_tail = b""
    while True:
        pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status, rusage = st, ru
            break
        if time.monotonic() - start > args.hang:
            hung = True
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, rusage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    err_file.seek(0, os.SEEK_END)
    err_file.seek(max(0, err_file.tell() - 2000))
    stderr_tail = err_file.read()
    err_file.close()
    proc.returncode = 0
    seconds = time.monotonic() - start
    peak_kb = rusage.ru_maxrss if rusage else 0
    signal_number = None
    if GNU_TIME and not hung:
        # "Command terminated by signal N" / "Command exited with non-zero status N", then the peak
        try:
            lines = open(rss_path).read().split("\n")
            numbers = [l for l in lines if l.strip().isdigit()]
            peak_kb = int(numbers[-1]) if numbers else peak_kb
            for l in lines:
                if "terminated by signal" in l:
                    signal_number = int(l.split()[-1])
        except (OSError, ValueError):
            pass
    if hung:
        return "hang", seconds, peak_kb, stderr_tail
    if signal_number is not None:
        return "signal %d" % signal_number, seconds, peak_kb, stderr_tail
    if os.WIFSIGNALED(status):
        return "signal %d" % os.WTERMSIG(status), seconds, peak_kb, stderr_tail
    code = os.WEXITSTATUS(status)
    return ("exit %d" % code if code in DOCUMENTED else "undocumented exit %d" % code), seconds, peak_kb, stderr_tail


def parse_size(text):
    """`2G`, `512M`, `1000000` in bytes, as rlbook's --max-memory reads them (binary units)."""
    t = text.strip().upper().rstrip("B")
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}.get(t[-1:], 1)
    return int(float(t[:-1] if scale > 1 else t) * scale)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "rlbook"))
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--minutes", type=float, default=0, help="stop after this long (0: after --runs)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--cell-timeout", type=float, default=2.0)
    ap.add_argument("--hang", type=float, default=30.0, help="seconds after which a run counts as hung")
    ap.add_argument("--max-memory", default="2G")
    ap.add_argument("--failures", default=os.path.join(ROOT, ".build", "fuzz-failures"))
    ap.add_argument("--log", help="write one line per run: outcome, seconds, peak MB, source book")
    args = ap.parse_args()
    budget_kb = parse_size(args.max_memory) // 1024
    if not os.access(args.bin, os.X_OK):
        sys.exit("no rlbook binary at %s: build it (swift build -c release --product rlbook) or pass --bin" % args.bin)
    rng = random.Random(args.seed)
    books = sources()
    counts = collections.Counter()
    peak = (0, "")
    slowest = (0.0, "")
    work = tempfile.mkdtemp(prefix="rlbook-fuzz-")
    os.makedirs(args.failures, exist_ok=True)
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    log = open(args.log, "w") if args.log else None
    done = 0
    try:
        while (deadline is None and done < args.runs) or (deadline is not None and time.monotonic() < deadline):
            name, text = books[rng.randrange(len(books))]
            mutated = mutate(text, rng)
            folder = os.path.join(work, "b%d" % done)
            os.makedirs(folder)
            # images and data the tutorials read travel with them
            if "/tutorials/" in name and os.path.isdir(os.path.join(os.path.dirname(name), "images")):
                os.symlink(os.path.join(os.path.dirname(name), "images"), os.path.join(folder, "images"))
            path = os.path.join(folder, "book.md")
            with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
                f.write(mutated)
            outcome, seconds, peak_kb, err = run_one(args.bin, path, os.path.join(folder, "out"), args)
            if peak_kb > budget_kb:
                outcome += " over budget"
            counts[outcome] += 1
            if log:
                log.write("%s\t%.2f\t%.0f\t%s\n" % (outcome, seconds, peak_kb / 1024, os.path.basename(name)))
            if peak_kb > peak[0]:
                peak = (peak_kb, os.path.basename(name))
            if seconds > slowest[0]:
                slowest = (seconds, os.path.basename(name))
            if not outcome.startswith("exit ") or outcome.endswith("over budget"):
                keep = os.path.join(args.failures, "%s-%d-%s.md" % (outcome.replace(" ", "-"), done, os.path.basename(name)[:-3]))
                shutil.copy(path, keep)
                print("%s: %s (from %s) %s" % (outcome, keep, os.path.basename(name), err[-300:].decode("utf-8", "replace")), flush=True)
            shutil.rmtree(folder, ignore_errors=True)
            done += 1
            if done % 100 == 0:
                print("%d runs: %s" % (done, dict(sorted(counts.items()))), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if log:
            log.close()
    bad = sum(v for k, v in counts.items() if not k.startswith("exit ") or k.endswith("over budget"))
    print("\n%d runs (seed %d, cell timeout %.1f s, hang after %.0f s, --max-memory %s)" % (done, args.seed, args.cell_timeout, args.hang, args.max_memory))
    for k, v in sorted(counts.items()):
        print("  %-24s %d" % (k, v))
    print("  peak memory of one run: %.0f MB of the %.0f MB budget (%s)" % (peak[0] / 1024, budget_kb / 1024, peak[1]))
    print("  slowest run: %.1f s (%s)" % slowest)
    print("signals, hangs, undocumented exits, runs over the memory budget: %d" % bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
