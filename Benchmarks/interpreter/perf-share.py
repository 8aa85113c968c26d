# Attributes each perf sample to the project module of its first project frame (leaf upwards);
# Swift runtime, libc and kernel frames count for the module that called them.
# Usage: perf record -g -o dqn.data .build/release/rlbook run Benchmarks/interpreter/dqn-step.md --out /tmp/dq -q
#        perf script -i dqn.data | python3 Benchmarks/interpreter/perf-share.py
import sys, re, collections
mods = collections.Counter(); total = 0; stack = []
pat = re.compile(r'\$s(\d+)([A-Za-z_]+)')
def module(sym):
    m = pat.search(sym)
    if not m: return None
    n = int(m.group(1)); name = m.group(2)[:n]
    return name
def flush():
    global total
    if not stack: return
    total += 1
    for s in stack:
        m = module(s)
        if m in ("BookDSL", "BookRuntime", "RLTensor", "RLNN", "RLEnv", "RLPhysics", "RLRender", "RLSupport", "BookReport", "BookMarkdown", "RLAgents", "rlbook"):
            mods[m] += 1; return
    mods["(no project frame: runtime/libc/kernel/startup)"] += 1
for line in sys.stdin:
    if not line.strip(): flush(); stack = []; continue
    if not line.startswith(('\t', ' ')): continue
    p = line.split()
    if len(p) >= 2: stack.append(p[1])
flush()
for m, c in mods.most_common(): print(f"{100*c/total:6.2f}%  {m}")
print("samples", total)
