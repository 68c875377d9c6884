"""Tests for schema/plan.schema.json and tools/validate_json.py.

Run from the repository root:  python3 -m pytest -q tools/test_schema.py
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema", reason="pip install jsonschema")
from jsonschema import Draft202012Validator  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "plan.schema.json"
EXAMPLES = ROOT / "schema" / "examples"
VALIDATE = ROOT / "tools" / "validate_json.py"

# invalid example -> (JSON path of the error, failing keyword)
INVALID = {
    "invalid-missing-field.json": ("$.targets[0]", "required"),
    "invalid-bad-enum.json": ("$.signature.authority", "enum"),
    "invalid-extra-property.json": (
        "$.sections[0].children[0].tables[0].rows[1]",
        "additionalProperties",
    ),
}


def load(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def schema():
    return load(SCHEMA_PATH)


@pytest.fixture(scope="module")
def validator(schema):
    checker = getattr(Draft202012Validator, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
    return Draft202012Validator(schema, format_checker=checker)


@pytest.fixture(scope="module")
def minimal():
    return load(EXAMPLES / "minimal.json")


def leaves(error):
    """Errors inside oneOf branches that did not fail on type alone."""
    if not error.context:
        return [error]
    out = []
    for sub in error.context:
        if sub.validator == "type" and not sub.relative_path:
            continue
        out.extend(leaves(sub))
    return out or [error]


def errors(validator, doc):
    return [leaf for e in validator.iter_errors(doc) for leaf in leaves(e)]


def test_schema_is_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://vanban.example/schema/plan-1.json"


def test_every_object_is_closed_and_fully_required(schema):
    """additionalProperties: false on every object with properties; all keys required."""

    def walk(node, where):
        if isinstance(node, dict):
            if "properties" in node:
                assert node.get("additionalProperties") is False, where
                assert sorted(node.get("required", [])) == sorted(node["properties"]), where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "#")


def test_minimal_example_is_valid(validator, minimal):
    assert errors(validator, minimal) == []


def test_minimal_example_exercises_every_definition(schema, minimal):
    """Every $defs entry is reached by at least one value of minimal.json."""
    wanted = {
        "Reference", "Section", "Block", "Target", "Value", "Task", "Deadline",
        "Table", "Row", "Diagnostic", "Responsibility", "Recipient",
    }
    assert wanted <= set(schema["$defs"])
    section = minimal["sections"][0]
    assert section["children"] and section["children"][0]["tables"]
    assert minimal["references"]
    assert len(minimal["targets"][0]["values"]) == 2
    assert minimal["tasks"][0]["deadline"]["kind"] == "quarter"
    assert minimal["annexes"][0]["tables"]
    assert minimal["diagnostics"]
    assert minimal["responsibilities"] and minimal["recipients"]
    assert minimal["attachments"][0]["sections"] and "AttachedDocument" in schema["$defs"]


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_examples_fail(validator, name):
    doc = load(EXAMPLES / name)
    found = errors(validator, doc)
    assert found, f"{name} should not validate"
    path, keyword = INVALID[name]
    assert (path, keyword) in {(e.json_path, e.validator) for e in found}, [
        (e.json_path, e.validator, e.message) for e in found
    ]


def test_no_unexpected_examples():
    names = {p.name for p in EXAMPLES.glob("invalid-*.json")}
    assert names == set(INVALID)


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda d: d.update(schema_version="2"), id="schema_version"),
        pytest.param(lambda d: d["source"].update(sha256="A" * 64), id="sha256-uppercase"),
        pytest.param(lambda d: d["references"][0].update(date="22/12/2024"), id="date-not-iso"),
        pytest.param(lambda d: d["tasks"][0]["deadline"].update(end="2026-02-30"), id="date-impossible"),
        pytest.param(lambda d: d["sections"][0].update(line=0), id="line-zero"),
        pytest.param(lambda d: d["targets"][0]["values"][0].update(op="≥"), id="op"),
        pytest.param(lambda d: d["tasks"][0]["deadline"].update(kind="week"), id="deadline-kind"),
        pytest.param(lambda d: d["tasks"][0]["deadline"].update(recurrence="daily"), id="recurrence"),
        pytest.param(lambda d: d["tasks"][0].update(origin="table"), id="origin"),
        pytest.param(lambda d: d["diagnostics"][0].update(severity="fatal"), id="severity"),
        pytest.param(lambda d: d["sections"][0]["children"][0]["blocks"][0].update(type="heading"), id="block-type"),
        pytest.param(lambda d: d["tasks"][0].update(details={"Kinh phí": 5}), id="details-not-string"),
        pytest.param(lambda d: d["header"].update(date={"day": 1, "month": 2, "year": 2026}), id="date-no-text"),
        pytest.param(lambda d: d.update(closing={"text": "Trên đây là Kế hoạch"}), id="closing-no-line"),
        pytest.param(lambda d: d["annexes"][0]["tables"][0].pop("caption"), id="table-no-caption"),
        pytest.param(lambda d: d["sections"][0].pop("tables"), id="section-no-tables"),
    ],
)
def test_mutations_fail(validator, minimal, mutate):
    doc = copy.deepcopy(minimal)
    mutate(doc)
    assert errors(validator, doc)


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda d: d.update(closing=None, signature=None), id="no-closing-no-signature"),
        pytest.param(lambda d: d["header"].update(date=None, line=None, number=None), id="no-header"),
        pytest.param(lambda d: d["annexes"][0].update(label=None, title=None, attached_to=None), id="annex-nulls"),
        pytest.param(lambda d: d["signature"].update(authority=None, on_behalf_of=None, title=None, signer=None), id="signature-nulls"),
        pytest.param(lambda d: d["tasks"][0].update(deadline=None, details=None), id="task-nulls"),
        pytest.param(lambda d: d["references"][0].update(number=None, date=None, issuer=None, alias="Đề án 22"), id="reference-nulls"),
        pytest.param(lambda d: d["targets"][0]["values"][0].update(year=None, value=None, op="top"), id="value-nulls"),
        pytest.param(lambda d: d["targets"][0]["values"][0].update(value=1.1), id="value-decimal"),
        pytest.param(lambda d: d["tasks"][0].update(deadline={"text": "Thường xuyên", "kind": "recurring", "start": None, "end": None, "recurrence": "continuous"}), id="recurring"),
        pytest.param(lambda d: d.update(sections=[], targets=[], tasks=[], annexes=[], diagnostics=[], references=[], legal_bases=[]), id="empty-lists"),
    ],
)
def test_allowed_variants_pass(validator, minimal, mutate):
    doc = copy.deepcopy(minimal)
    mutate(doc)
    assert errors(validator, doc) == []


def run_cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, str(VALIDATE), str(SCHEMA_PATH), *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT,
    )


def test_cli_ok_and_errors():
    ok = run_cli(str(EXAMPLES / "minimal.json"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.startswith("ok ")

    bad = run_cli(str(EXAMPLES / "minimal.json"), *(str(EXAMPLES / n) for n in sorted(INVALID)))
    assert bad.returncode == 1
    for name, (path, _) in INVALID.items():
        assert f"{name}: {path}:" in bad.stdout, bad.stdout


def test_cli_reads_ndjson_from_stdin(minimal):
    broken = copy.deepcopy(minimal)
    broken["header"]["line"] = 0
    lines = json.dumps(minimal, ensure_ascii=False) + "\n" + json.dumps(broken, ensure_ascii=False) + "\n"
    result = run_cli("-", stdin=lines)
    assert result.returncode == 1
    assert "ok <stdin>:1" in result.stdout
    assert "<stdin>:2: $.header.line:" in result.stdout

    single = run_cli("-", stdin=json.dumps(minimal))
    assert single.returncode == 0 and "ok <stdin>" in single.stdout
