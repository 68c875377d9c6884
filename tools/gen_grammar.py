#!/usr/bin/env python3
"""Compile Grammar/**/*.tsv into Sources/VanBanGrammar/Generated/GrammarData.swift.

Run after editing a Grammar file. The Swift test GrammarSyncTests re-reads the TSV
files and fails when this generated file is stale, so a forgotten run never lands.
Usage: python3 tools/gen_grammar.py [--check]
"""
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
GRAMMAR = ROOT / "Grammar"
OUT = ROOT / "Sources" / "VanBanGrammar" / "Generated" / "GrammarData.swift"


def read_table(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    rows, columns = [], None
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if unicodedata.normalize("NFC", line) != line:
            sys.exit(f"{path.relative_to(GRAMMAR)}:{number}: not NFC")
        cells = line.split("\t")
        if columns is None:
            columns = cells
            continue
        if len(cells) > len(columns):
            sys.exit(f"{path.relative_to(GRAMMAR)}:{number}: {len(cells)} cells, header has {len(columns)}")
        cells += [""] * (len(columns) - len(cells))
        rows.append(cells)
    if columns is None:
        sys.exit(f"{path.relative_to(GRAMMAR)}: no header line")
    return columns, rows


def tables():
    """(name, path) of every table: a file's path under Grammar/ without `.tsv`, so files in
    subfolders are named like "encodings/tcvn3"."""
    found = [(p.relative_to(GRAMMAR).with_suffix("").as_posix(), p) for p in GRAMMAR.rglob("*.tsv")]
    return sorted(found, key=lambda t: t[1])


def swift_string(s):
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{out}"'


def generate():
    parts = [
        "// Generated from Grammar/**/*.tsv by tools/gen_grammar.py. Do not edit: edit the TSV files",
        "// and run `python3 tools/gen_grammar.py`.",
        "",
        "/// One Grammar file: its column names and its rows, in file order.",
        "public struct GrammarTable: Sendable, Equatable {",
        "  public let name: String",
        "  public let columns: [String]",
        "  public let rows: [[String]]",
        "",
        "  public init(name: String, columns: [String], rows: [[String]]) {",
        "    self.name = name",
        "    self.columns = columns",
        "    self.rows = rows",
        "  }",
        "",
        "  /// The values of one column, in file order.",
        "  public func column(_ name: String) -> [String] {",
        "    guard let i = columns.firstIndex(of: name) else { return [] }",
        "    return rows.map { $0[i] }",
        "  }",
        "}",
        "",
        "/// Every Grammar table compiled into the binary, by path under Grammar/ without `.tsv`",
        "/// (\"agencies\", \"encodings/tcvn3\").",
        "public enum GrammarData {",
        "  public static let tables: [String: GrammarTable] = [",
    ]
    for name, path in tables():
        columns, rows = read_table(path)
        parts.append(f"    {swift_string(name)}: GrammarTable(")
        parts.append(f"      name: {swift_string(name)},")
        parts.append(f"      columns: [{', '.join(swift_string(c) for c in columns)}],")
        parts.append("      rows: [")
        for row in rows:
            parts.append(f"        [{', '.join(swift_string(c) for c in row)}],")
        parts.append("      ]),")
    parts.append("  ]")
    parts.append("")
    parts.append("  /// A table by name; a missing name is a programming error caught by the tests.")
    parts.append("  public static func table(_ name: String) -> GrammarTable {")
    parts.append('    tables[name] ?? GrammarTable(name: name, columns: [], rows: [])')
    parts.append("  }")
    parts.append("}")
    return "\n".join(parts) + "\n"


def main():
    text = generate()
    if "--check" in sys.argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            sys.exit("GrammarData.swift is stale: run python3 tools/gen_grammar.py")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
