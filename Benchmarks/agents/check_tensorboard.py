#!/usr/bin/env python3
"""Checks that TensorBoard itself reads rlbook's event files.

Usage: python3 check_tensorboard.py LOGDIR

Loads every run folder under LOGDIR (LOGDIR itself and each folder below it that holds a
file named *tfevents*) with TensorBoard's EventAccumulator, prints each run's scalar tags with
their point counts and first/last (step, value), and exits non-zero when no run loads or no
scalars are found. Needs the `tensorboard` package (pip install tensorboard).
"""
import os
import sys


def run_dirs(logdir):
    """Folders under logdir (logdir included) that directly contain an event file, sorted."""
    found = []
    for root, _dirs, files in os.walk(logdir):
        if any("tfevents" in f for f in files):
            found.append(root)
    return sorted(found)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    logdir = argv[1]
    try:
        from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    except ImportError as e:
        print(f"cannot import tensorboard ({e}); pip install tensorboard", file=sys.stderr)
        return 2
    runs = run_dirs(logdir)
    if not runs:
        print(f"no event files under {logdir}", file=sys.stderr)
        return 1
    loaded = 0
    for run in runs:
        try:
            acc = EventAccumulator(run, size_guidance={"scalars": 0})  # 0: keep every point
            acc.Reload()
        except Exception as e:  # a broken file: report it and go on with the other runs
            print(f"{run}: failed to load: {e}", file=sys.stderr)
            continue
        tags = acc.Tags().get("scalars", [])
        print(f"{os.path.relpath(run, logdir)}: {len(tags)} scalar tags")
        for tag in sorted(tags):
            events = acc.Scalars(tag)
            first, last = events[0], events[-1]
            print(f"  {tag}: {len(events)} points, first (step {first.step}, {first.value:.6g}),"
                  f" last (step {last.step}, {last.value:.6g})")
        if tags:
            loaded += 1
    if loaded == 0:
        print(f"no scalars loaded from {len(runs)} run folder(s) under {logdir}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
