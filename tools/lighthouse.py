#!/usr/bin/env python3
"""Lighthouse (mobile) scores of key pages in both languages, against a local gzip server.

    python3 tools/lighthouse.py            # prints a table; needs Node 20+ and Chromium
    python3 tools/lighthouse.py --runs 9   # more runs per page (default 5)

Installs Lighthouse 12 from npm into .bench/ (with --ignore-scripts, so no browser download)
and uses the system Chromium (CHROME_PATH). Not part of the test run: scores vary from run to
run, so each page is measured several times and the median counts (as Lighthouse's own
documentation on variability advises); the range is printed beside it. The targets are
>= 98 in every category.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.static_server import serve_gzip  # noqa: E402

PAGES = ["", "treatments/prp/", "compare/", "de/", "de/treatments/prp/", "de/compare/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BENCH = ROOT / ".bench"


def lighthouse_binary() -> Path:
    binary = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        BENCH.mkdir(exist_ok=True)
        subprocess.check_call(["npm", "install", "--silent", "--no-audit", "--no-fund", "--ignore-scripts", "lighthouse@12"], cwd=BENCH)
    return binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_lighthouse(binary: Path, url: str, chrome: str) -> list[int]:
    """One Lighthouse run (mobile): the score of each category, 0-100."""
    out = subprocess.run([str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
                          "--form-factor=mobile", f"--only-categories={','.join(CATEGORIES)}",
                          "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"],
                         capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome})
    report = json.loads(out.stdout)
    return [round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES]


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome:
        sys.exit("Chromium is needed: apt-get install -y chromium")
    binary = lighthouse_binary()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site = Path(tempfile.mkdtemp()) / "site"
    env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.check_call([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env)
    print(f"median of {runs} runs per page (lowest-highest)")
    print(f"{'page':<24}" + "".join(f"{c:>18}" for c in CATEGORIES))
    worst = 100
    with serve_gzip(site, port):
        for page in PAGES:
            scores = list(zip(*(run_lighthouse(binary, base + page, chrome) for _ in range(runs))))
            medians = [round(statistics.median(s)) for s in scores]
            worst = min(worst, *medians)
            print(f"/{page:<23}" + "".join(f"{f'{m} ({min(s)}-{max(s)})':>18}" for m, s in zip(medians, scores)))
    print(f"lowest median score: {worst} (target >= 98)")
    return 0 if worst >= 98 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
