#!/usr/bin/env python3
"""Two builds of vanban timed against each other on the bench corpus, runs interleaved.

    python3 tools/bench/ab.py OLD_VANBAN NEW_VANBAN [--runs 7] [--ingest] [--work /tmp/vanban-bench]

A change's effect on real time is a few per cent, and this shared machine's speed moves by
more than that within minutes; timing one build after the other measures the machine. Here
each run times OLD then NEW (then, with --ingest, each with --jobs 1 and --jobs 2 into a fresh
database), so a slow spell slows both alike, and the medians are compared.

Without --ingest: parse-only CPU time (user + sys) of `vanban ingest CORPUS --ndjson /dev/null
--jobs 1`, as tools/bench/run.py measures it. With --ingest: wall and CPU time of `vanban
ingest CORPUS --db FRESH.sqlite` with --jobs 1 and --jobs 2, and each build's jobs2/jobs1
speed-up (wall). The corpus is the one tools/bench/make_corpus.py builds (WORK/corpus).
Standard library only.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + sys of the child) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def fresh(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--ingest", action="store_true", help="time ingest --db with --jobs 1 and 2 instead of parse-only")
    p.add_argument("--work", default="/tmp/vanban-bench")
    args = p.parse_args()
    corpus = os.path.join(args.work, "corpus")
    if not os.path.isdir(corpus):
        print(f"no corpus at {corpus}: run tools/bench/make_corpus.py {args.work} first", file=sys.stderr)
        return 1
    builds = {"old": args.old, "new": args.new}
    db = os.path.join(args.work, "ab.sqlite")
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        for name, binary in builds.items():
            if not args.ingest:
                samples.setdefault((name, "parse"), []).append(
                    timed([binary, "ingest", corpus, "--ndjson", "/dev/null", "--jobs", "1"]))
                continue
            for jobs in ("1", "2"):
                fresh(db)
                samples.setdefault((name, "jobs" + jobs), []).append(
                    timed([binary, "ingest", corpus, "--db", db, "--jobs", jobs]))
    fresh(db)

    def median(key: tuple[str, str], k: int) -> float:
        return statistics.median(s[k] for s in samples[key])

    print(f"{args.runs} runs each, interleaved; load average {os.getloadavg()[0]:.1f}")
    if not args.ingest:
        old, new = median(("old", "parse"), 1), median(("new", "parse"), 1)
        print(f"parse-only CPU s: old {old:.3f}  new {new:.3f}  new/old {new / old:.3f}")
        return 0
    for name in builds:
        w1, w2 = median((name, "jobs1"), 0), median((name, "jobs2"), 0)
        c1, c2 = median((name, "jobs1"), 1), median((name, "jobs2"), 1)
        print(f"{name}: --jobs 1 wall {w1:.3f} CPU {c1:.3f}; --jobs 2 wall {w2:.3f} CPU {c2:.3f}; jobs2/jobs1 {w1 / w2:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
