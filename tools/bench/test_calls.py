"""Tests for tools/bench/calls.py: call counts read from a callgrind profile.

Run from the repository root:  python3 -m pytest -q tools/bench/test_calls.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import calls  # noqa: E402

# A profile as callgrind writes one: names compressed to "(n)" after their first use, a call
# edge as cfn= then calls=COUNT TARGET-POSITION, then the cost line of the call.
PROFILE = """\
version: 1
creator: callgrind-3.19.0
events: Ir
fn=(1) parseLine
0 40
cfn=(2) swift_retain
calls=7 0
0 35
cfn=(3) swift_bridgeObjectRetain
calls=3 0
0 15
cfn=(4) helper
calls=100 0
0 900
fn=(3)
0 6
cfn=(2)
calls=2 0
0 10
fn=(5) writePlan
0 10
cfn=(2)
calls=5 0
0 25
cfn=(6) swift_release
calls=4 0
0 20
cfn=(7) malloc
calls=1 0
0 30
"""


def test_counts_calls_by_target_and_caller(tmp_path):
    path = tmp_path / "callgrind.out"
    path.write_text(PROFILE)
    totals, callers = calls.read_calls(str(path))
    # Retains: 7 from parseLine, 2 through the bridge call, 5 from writePlan.
    assert totals["swift_retain"] == 14
    assert callers["swift_retain"] == {"parseLine": 7, "swift_bridgeObjectRetain": 2, "writePlan": 5}
    assert totals["swift_bridgeObjectRetain"] == 3
    assert totals["swift_release"] == 4
    assert totals["malloc"] == 1
    # A function not counted is not listed, however often it is called.
    assert "helper" not in totals


def test_prints_counts_per_document(tmp_path, capsys, monkeypatch):
    path = tmp_path / "callgrind.out"
    path.write_text(PROFILE)
    monkeypatch.setattr(sys, "argv", ["calls.py", str(path), "--documents", "2", "--top", "0"])
    calls.main()
    out = capsys.readouterr().out
    assert "| swift_retain | 14 | 7 |" in out
    assert "| swift_release | 4 | 2 |" in out
