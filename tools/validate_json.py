#!/usr/bin/env python3
"""Validate vanban JSON output against a JSON Schema (draft 2020-12).

Usage:
    python3 tools/validate_json.py SCHEMA FILE...

Each FILE is one JSON document, or NDJSON (one document per line) when its
name ends in .ndjson or .jsonl. FILE "-" reads stdin, which may hold either a
single JSON document or NDJSON (what `vanban parse A B` writes).

Prints "ok FILE" (or "ok FILE:LINE" for NDJSON) for each valid document and
every error, with its JSON path, for each invalid one. Exit status: 0 when all
documents are valid, 1 when any is invalid or cannot be read or parsed, 2 on a
usage error, an invalid schema, or when the jsonschema package is missing.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable, Iterator, Optional, Tuple

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover - depends on the environment
    sys.stderr.write(
        "validate_json.py: the Python package 'jsonschema' is not installed.\n"
        "Install it with:  pip install jsonschema\n"
    )
    sys.exit(2)


def json_path(error: "jsonschema.ValidationError") -> str:
    """JSONPath of the failing instance, e.g. $.sections[0].children[1].line."""
    path = getattr(error, "json_path", None)
    if isinstance(path, str):
        return path
    out = "$"
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def make_validator(schema_path: str) -> Draft202012Validator:
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    checker = getattr(Draft202012Validator, "FORMAT_CHECKER", None)
    if checker is None:  # jsonschema < 4.5
        checker = jsonschema.FormatChecker()
    return Draft202012Validator(schema, format_checker=checker)


def documents(name: str) -> Iterator[Tuple[str, Optional[Any], Optional[str]]]:
    """Yield (label, document, parse_error) for every document in FILE."""
    if name == "-":
        text = sys.stdin.read()
        label = "<stdin>"
        ndjson = False
        try:
            yield label, json.loads(text), None
            return
        except json.JSONDecodeError:
            ndjson = True  # more than one document: try line by line
    else:
        label = name
        with open(name, encoding="utf-8-sig") as f:
            text = f.read()
        ndjson = name.endswith((".ndjson", ".jsonl"))
        if not ndjson:
            try:
                yield label, json.loads(text), None
            except json.JSONDecodeError as e:
                yield label, None, f"invalid JSON: {e}"
            return
    if ndjson:
        found = False
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            found = True
            where = f"{label}:{number}"
            try:
                yield where, json.loads(line), None
            except json.JSONDecodeError as e:
                yield where, None, f"invalid JSON: {e}"
        if not found:
            yield label, None, "no JSON document found"


def leaf_errors(error: "jsonschema.ValidationError") -> list:
    """The errors worth showing for ERROR.

    A nullable object is written `oneOf: [null, {$ref}]`; when it fails, the
    useful errors are those of the branch whose type matched (the object
    branch), not "is not of type 'null'". Branches that failed only on type
    are dropped; if nothing is left, the error itself is shown.
    """
    if not error.context:
        return [error]
    branches: dict = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else None, []).append(sub)
    useful = [
        subs
        for subs in branches.values()
        if not all(s.validator == "type" and not s.relative_path for s in subs)
    ]
    if len(useful) != 1:  # no branch, or several equally plausible ones
        return [error]
    out = []
    for sub in useful[0]:
        out.extend(leaf_errors(sub))
    return out


def sort_key(error: "jsonschema.ValidationError") -> Iterable[str]:
    return [str(p) for p in error.absolute_path]


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__ or "")
        return 2 if len(argv) < 3 else 0
    try:
        validator = make_validator(argv[1])
    except OSError as e:
        sys.stderr.write(f"{argv[1]}: cannot read schema: {e}\n")
        return 2
    except json.JSONDecodeError as e:
        sys.stderr.write(f"{argv[1]}: schema is not valid JSON: {e}\n")
        return 2
    except jsonschema.SchemaError as e:
        sys.stderr.write(f"{argv[1]}: invalid schema: {e.message}\n")
        return 2

    failed = False
    for name in argv[2:]:
        try:
            for label, doc, problem in documents(name):
                if problem is not None:
                    failed = True
                    print(f"{label}: {problem}")
                    continue
                errors = [
                    leaf
                    for error in validator.iter_errors(doc)
                    for leaf in leaf_errors(error)
                ]
                errors.sort(key=sort_key)
                if not errors:
                    print(f"ok {label}")
                    continue
                failed = True
                for error in errors:
                    print(f"{label}: {json_path(error)}: {error.message}")
        except (OSError, UnicodeDecodeError) as e:
            failed = True
            print(f"{name}: cannot read: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
