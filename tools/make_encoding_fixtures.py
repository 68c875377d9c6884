#!/usr/bin/env python3
"""Write every seed in every encoding vanban detects to Corpus/encodings/.

Corpus/encodings/<seed-stem>.<variant>.txt for the variants in VARIANTS. The byte tables are the
ones the decoder compiles in (Grammar/encodings/*.tsv), read the same way, so a wrong table entry
shows up as a failing round trip in EncodingTests rather than being baked into both sides.

Characters an encoding has no code for are replaced the way Vietnamese converters (Unikey,
VietKey) replace them: curly quotes by straight ones, dashes by "-", "…" by "...", "≥" by ">=".
EncodingTests applies the same replacements (REPLACEMENTS below) to the original's targets and
tasks before comparing. TCVN3 has no capital letters with a tone: they get the lower-case code,
as in a .VnTimeH document.

The files are generated: never edit them, rerun this script.
Usage: python3 tools/make_encoding_fixtures.py
"""
import pathlib
import sys
import subprocess
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
GRAMMAR = ROOT / "Grammar" / "encodings"

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from gen_grammar import read_table as grammar_table  # noqa: E402
SEEDS = ROOT / "Corpus" / "seeds"
OUT = ROOT / "Corpus" / "encodings"

# variant -> the `source.encoding` vanban must report for it.
VARIANTS = {
    "utf16le-bom": "utf-16",
    "nfd": "utf-8",
    "old-tone": "utf-8",
    "cp1258": "cp1258",
    "tcvn3": "tcvn3",
    "vni": "vni",
    "tcvn3-mojibake": "tcvn3-mojibake",
    "vni-mojibake": "vni-mojibake",
    # glibc's TCVN5712-1 charmap (VN3 with VN1's capitals), written by iconv itself so the
    # fixture is what `iconv -t TCVN5712-1` users produce, not our reading of it.
    "tcvn5712-1": "tcvn5712-1",
}

# Replacements for characters the 8-bit encodings lack (keep in sync with EncodingTests.swift).
REPLACEMENTS = {
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u2265": ">=", "\u2264": "<=",
}
# Windows-1258 has the quotes, dashes and ellipsis itself.
CP1258_REPLACEMENTS = {"\u2265": ">=", "\u2264": "<="}


def read_table(name):
    """The rows of Grammar/encodings/NAME.tsv, read by the generator that compiles them."""
    return grammar_table(GRAMMAR / f"{name}.tsv")[1]


def byte_map(name):
    return {int(r[0], 16): chr(int(r[1][2:], 16)) for r in read_table(name)}


CP1252 = {b: chr(b) for b in range(256)}
CP1252.update(byte_map("cp1252"))
CP1252_REVERSE = {c: b for b, c in CP1252.items()}
TCVN3 = dict(CP1252)
TCVN3.update(byte_map("tcvn3"))
TCVN3_OWN = {c: b for b, c in byte_map("tcvn3").items()}
VNI_ROWS = {r[1]: bytes(int(h, 16) for h in r[0].split()) for r in read_table("vni")}
VNI_USED = {b for seq in VNI_ROWS.values() for b in seq if b >= 0x80}
TCVN3_USED = set(byte_map("tcvn3"))
TONES = [(r[0], r[1]) for r in read_table("tone-placement")]


def replace(text, table):
    return "".join(table.get(c, c) for c in text)


def encode_cp1258(text):
    out = bytearray()
    for c in replace(text, CP1258_REPLACEMENTS):
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        # A base letter Windows-1258 has precomposed (ê, ơ, ă ...) plus a combining tone mark.
        decomposed = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in decomposed if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
        try:
            out += (base + tones).encode("cp1258")
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


def encode_tcvn3(text):
    out = bytearray()
    for c in replace(text, REPLACEMENTS):
        if ord(c) < 0x80:
            out.append(ord(c))
        elif c in TCVN3_OWN:
            out.append(TCVN3_OWN[c])
        elif c.lower() in TCVN3_OWN:
            # No code for a capital with a tone: the .VnTimeH convention, lower-case code.
            out.append(TCVN3_OWN[c.lower()])
        elif c in CP1252_REVERSE and CP1252_REVERSE[c] not in TCVN3_USED:
            out.append(CP1252_REVERSE[c])
        else:
            out += b"?"
    return bytes(out)


def encode_vni(text):
    out = bytearray()
    for c in replace(text, REPLACEMENTS):
        if ord(c) < 0x80:
            out.append(ord(c))
        elif c in VNI_ROWS:
            out += VNI_ROWS[c]
        elif c in CP1252_REVERSE and CP1252_REVERSE[c] not in VNI_USED:
            out.append(CP1252_REVERSE[c])
        else:
            out += b"?"
    return bytes(out)


def mojibake(data):
    """The bytes read as Windows-1252 (unassigned bytes as C1 controls) and saved as UTF-8."""
    return "".join(CP1252[b] for b in data).encode("utf-8")


def is_letter(c):
    return unicodedata.category(c)[0] in "LM"


def old_tone(text):
    """New-style placement turned old-style where the pair ends its syllable (not after q)."""
    new_to_old = {new: old for old, new in TONES}
    out = list(text)
    i = 0
    while i + 1 < len(out):
        pair = out[i] + out[i + 1]
        old = new_to_old.get(pair)
        ends = i + 2 >= len(out) or not is_letter(out[i + 2])
        before = out[i - 1] if i > 0 else " "
        if old and ends and before.lower() != "q" and before.lower() not in "aăâeêioôơuưy":
            out[i], out[i + 1] = old[0], old[1]
            i += 2
            continue
        i += 1
    return "".join(out)


def variant(text, name):
    if name == "utf16le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if name == "nfd":
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if name == "old-tone":
        return old_tone(text).encode("utf-8")
    if name == "cp1258":
        return encode_cp1258(text)
    if name == "tcvn3":
        return encode_tcvn3(text)
    if name == "vni":
        return encode_vni(text)
    if name == "tcvn3-mojibake":
        return mojibake(encode_tcvn3(text))
    if name == "vni-mojibake":
        return mojibake(encode_vni(text))
    if name == "tcvn5712-1":
        plain = replace(text, REPLACEMENTS)
        return subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=plain.encode("utf-8"),
                              capture_output=True, check=True).stdout
    raise ValueError(name)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    count = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        text = unicodedata.normalize("NFC", seed.read_text(encoding="utf-8"))
        for name in VARIANTS:
            (OUT / f"{seed.stem}.{name}.txt").write_bytes(variant(text, name))
            count += 1
    print(f"wrote {count} files to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
