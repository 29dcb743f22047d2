"""Rebuild the bundled sample (govreports/datasets/sample.jsonl) from the seed.

The seed is a web copy of a compilation of 2023 township reports kept beside
the checkout in ``../shared/seeds``. The sample is what ``read_reports`` makes
of it: the five reports, cleaned, with the site's junk and the table of
contents removed. Run from the repository root::

    python tools/build_sample.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_d2fc8c44b527f0e4.txt"
OUT = ROOT / "govreports" / "datasets" / "sample.jsonl"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import govreports as gr

    if not SEED.is_file():
        print(f"{SEED}: seed not found; nothing rebuilt", file=sys.stderr)
        return 1
    reports = gr.read_reports(SEED)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        for row in reports.itertuples(index=False):
            meta = {k: v for k, v in row.meta.items() if k in ("part", "parts", "removed_lines", "format", "encoding")}
            meta["seed"] = SEED.name
            record = {
                "region": row.region,
                "level": row.level,
                "year": int(row.year),
                "title": row.title,
                "speaker": row.speaker,
                "date": row.date,
                "text": row.text,
                "source": f"govreports/datasets/sample.jsonl (seed {SEED.name}, part {meta['part']})",
                "flags": list(row.flags),
                "meta": meta,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(reports)} reports to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
