"""Search benchmark: the guide's Pagefind search against the theme's lunr search it replaced.

    .venv/bin/python tools/search_bench.py [--lunr-rev REV] [--runs N]

1. Builds the current tree, and REV (default: the last commit with the theme's lunr search) from
   `git archive`, each into a temporary folder.
2. Runs the patient query set (tests/search_queries.yml) in Chromium against both: hits in the
   first three results per language, bytes each query loaded (gzip sizes; the first query
   includes the engine and, for lunr, the whole index), time from the last key to the result list.
3. Times what the search adds to a build: the search hook's events in the build process (wall)
   plus the Pagefind binary's CPU time (the median of N builds).

Not part of the tests; results go into BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from searchquery import load_queries, report, run_guide_search, run_material_search  # noqa: E402

LUNR_REV = "6c2042b"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

SEARCH_TIMER = """
import resource, time
from mkdocs.config import load_config
from mkdocs.commands.build import build
spent = [0.0]
def timed(fn):
    def run(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t
    return run
config = load_config("mkdocs.yml", site_dir=SITE)
for event, methods in config.plugins.events.items():
    # The search index is written in hooks/guide.py's on_post_build (with the sitemaps and _headers).
    config.plugins.events[event] = [timed(m) if getattr(getattr(m, "__code__", None), "co_filename", "").endswith("hooks/guide.py")
                                    and m.__name__ == "on_post_build" else m
                                    for m in methods]
started = time.perf_counter()
build(config)
total = time.perf_counter() - started
child = resource.getrusage(resource.RUSAGE_CHILDREN)
print(spent[0], child.ru_utime + child.ru_stime, total)
"""


def build(source: Path, site: Path, pythonpath: Path | None = None) -> None:
    env = {**ENV, **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)], cwd=source, env=env, check=True)


def lunr_tree(rev: str, target: Path) -> Path:
    """The project as it was at `rev` (its own hairguide/ first on the path when it builds)."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def run_queries(site: Path, engine) -> list:
    from playwright.sync_api import sync_playwright

    runnable, _ = load_queries(site)
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        outcomes = engine(browser.new_page(), base, runnable)
        browser.close()
    return outcomes


def summary(name: str, outcomes: list) -> str:
    lines = [f"## {name}"]
    for lang in ("en", "de"):
        mine = [o for o in outcomes if o.query.lang == lang]
        first, later = mine[0], mine[1:]
        lines.append(f"{lang}: {sum(o.hit for o in mine)}/{len(mine)} in the first three "
                     f"({100 * sum(o.hit for o in mine) / len(mine):.0f} %); first query loads {first.bytes_gzip / 1024:.1f} KB "
                     f"in {first.seconds * 1000:.0f} ms; later queries load median {statistics.median(o.bytes_gzip for o in later) / 1024:.1f} KB "
                     f"(max {max(o.bytes_gzip for o in later) / 1024:.1f} KB), median {statistics.median(o.seconds for o in later) * 1000:.0f} ms "
                     f"(max {max(o.seconds for o in later) * 1000:.0f} ms)")
    return "\n".join(lines)


def build_cost(runs: int) -> str:
    results = []
    for _ in range(runs):
        code = SEARCH_TIMER.replace("SITE", repr(tempfile.mkdtemp()))
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
        results.append(tuple(map(float, out.stdout.strip().splitlines()[-1].split())))
    hook, child, total = (statistics.median(r[i] for r in results) for i in range(3))
    return (f"## Build cost (median of {runs})\nsearch hook events (wall, includes waiting for Pagefind): {hook:.2f} s; "
            f"Pagefind binary CPU: {child:.2f} s; whole build (wall): {total:.2f} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lunr-rev", default=LUNR_REV)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        guide_site, lunr_site = Path(temp) / "guide", Path(temp) / "lunr"
        build(ROOT, guide_site)
        old = lunr_tree(args.lunr_rev, Path(temp) / "old")
        build(old, lunr_site, pythonpath=old)
        guide = run_queries(guide_site, run_guide_search)
        lunr = run_queries(lunr_site, run_material_search)
        print(report(lunr), "\n")
        print(report(guide), "\n")
        print(summary(f"Theme's lunr search ({args.lunr_rev})", lunr))
        print(summary("Pagefind (this tree)", guide))
        index = sum(f.stat().st_size for f in (guide_site / "pagefind").rglob("*") if f.is_file())
        print(f"Pagefind bundle on disk (en): {index / 1024:.0f} KB; lunr index (en): "
              f"{(lunr_site / 'search' / 'search_index.json').stat().st_size / 1024:.0f} KB")
    print(build_cost(args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
