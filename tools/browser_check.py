"""Run the real-browser check of the explorer, ``show_evidence`` and the report page, saying
first what is missing.

``tests/test_browser.py`` skips quietly when Chromium, chromedriver, Voilà or Selenium is
absent; this script names each missing piece with the command that adds it, then runs
the test with ``-s`` so the screenshot paths are printed. No Chinese system font is
needed: the test hides the system's CJK fonts from Chromium (a fonts.conf without them)
and checks that Chinese renders from the font subset each HTML output embeds::

    python tools/browser_check.py                   # screenshots in a pytest temp folder
    python tools/browser_check.py --screenshots out # screenshots in ./out

Exit status: pytest's, or 2 when a requirement is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def missing() -> list[str]:
    """One line per missing requirement, with the command that installs it."""
    out = []
    for module, how in (("selenium", "pip install selenium"), ("voila", "pip install voila")):
        if importlib.util.find_spec(module) is None:
            out.append(f"{module}: {how}")
    if not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")):
        out.append("chromium: apt-get install chromium")
    if not shutil.which("chromedriver"):
        out.append("chromedriver: apt-get install chromium-driver")
    if not shutil.which("fc-list"):  # to hide the system's CJK fonts from Chromium
        out.append("fc-list: apt-get install fontconfig")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--screenshots", help="folder for the screenshots (GOVREPORTS_SCREENSHOT_DIR)")
    args = parser.parse_args(argv)
    gaps = missing()
    if gaps:
        print("The browser check needs:", *gaps, sep="\n  ", file=sys.stderr)
        return 2
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    if args.screenshots:
        env["GOVREPORTS_SCREENSHOT_DIR"] = str(Path(args.screenshots).resolve())
    cmd = [sys.executable, "-m", "pytest", "-m", "browser", "-s", "-q", "tests/test_browser.py"]
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
