#!/usr/bin/env python3
"""Reference counting and allocation calls in a callgrind profile, counted exactly.

    python3 tools/bench/calls.py CALLGRIND.OUT [--documents N] [--top 15]

What is left of parsing's cost is spread thinly over hundreds of functions, and a fifth of
real time goes to the Swift runtime's atomic reference counting, which instruction counts
undervalue (a `lock cmpxchg` is one instruction and tens of cycles) and timings on a shared
machine cannot resolve (a few per cent either way from run to run). The number of calls is
exact and the same on every run: this counts, from the call edges callgrind records, how
often `swift_retain`, `swift_release`, their bridge-object forms (Strings and arrays) and the
allocator were called, per document when --documents is given, and which functions made the
most of those calls. A change meant to save reference counting shows here whether it did.

`swift_bridgeObjectRetain` forwards every call to `swift_retain` (which returns at once for a
small String, which holds no object), so the retain count includes every bridge call; a
caller listed under `swift_retain` as `swift_bridgeObjectRetain` is those.
Functions the linker folded into one go by one of their names: String's destroy, called for
each element of a `[String]` freed, may be listed as Character's.
Standard library only (and `swift demangle` for the names, when it is on the PATH).
"""
import argparse
import collections
import re
import shutil
import subprocess

COUNTED = [
    "swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease",
    "swift_allocObject", "malloc",
]


def read_calls(path):
    """Calls made to each function of COUNTED: total, and by calling function."""
    names = {}  # callgrind's name compression: "(12) name" once, then "(12)"

    def resolve(s):
        m = re.match(r"\((\d+)\)(?: (.*))?$", s)
        if not m:
            return s
        if m.group(2):
            names[m.group(1)] = m.group(2)
        return names.get(m.group(1), "?")

    totals = collections.Counter()
    callers = collections.defaultdict(collections.Counter)
    fn = cfn = None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("fn="):
                fn = resolve(line[3:].strip())
            elif line.startswith("cfn="):
                cfn = resolve(line[4:].strip())
            elif line.startswith("calls=") and cfn in COUNTED:
                n = int(line[6:].split()[0])
                totals[cfn] += n
                callers[cfn][fn] += n
    return totals, callers


def demangled(symbols):
    """Readable names for `symbols`, in one `swift demangle` run."""
    if not symbols or not shutil.which("swift"):
        return {s: s for s in symbols}
    out = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(symbols),
                         capture_output=True, text=True).stdout.splitlines()
    return dict(zip(symbols, out)) if len(out) == len(symbols) else {s: s for s in symbols}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("profile")
    ap.add_argument("--documents", type=int, default=0, help="documents parsed, for counts per document")
    ap.add_argument("--top", type=int, default=15, help="callers listed for retain and release")
    args = ap.parse_args()
    totals, callers = read_calls(args.profile)
    per = args.documents or 0
    print("| function | calls | per document |")
    print("|---|---:|---:|")
    for name in COUNTED:
        n = totals[name]
        print(f"| {name} | {n:,} | {n / per:,.0f} |" if per else f"| {name} | {n:,} | – |")
    if args.top <= 0:
        return
    shown = {}
    for name in ("swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease"):
        shown[name] = callers[name].most_common(args.top)
    names = demangled(sorted({f for rows in shown.values() for f, _ in rows}))
    for name, rows in shown.items():
        print(f"\ncallers of {name} (calls):")
        for f, n in rows:
            print(f"  {n:>10,}  {names.get(f, f)[:130]}")


if __name__ == "__main__":
    main()
