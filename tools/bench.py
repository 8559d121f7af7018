#!/usr/bin/env python3
"""Build benchmarks, side by side in one run (not part of the tests; see BENCHMARKS.md).

    python3 tools/bench.py              # real site, serve rebuild, growth to 100/300/1000 pages
    python3 tools/bench.py --quick      # growth to 100 pages only

Reports: strict build time of the real site; the same pages built with the project's hooks
switched off, and the ratio; the share of the build spent inside the hooks; `mkdocs serve`
rebuild latency after saving an English page; and a synthetic growth run (with and without
navigation.prune).

"Hooks off" is measured two ways. "Same pages": the Markdown each page has after the hooks
ran (tables, citation marks, source lists, glossary links) is written out as the page source
and built without hooks or template overrides, so both builds produce the same content and
the difference is what the hooks cost. "Raw sources": the author's sources without hooks,
which leaves the guide's markup unexpanded (smaller pages), an upper bound.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from hairguide.freshness import source_hash  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
RUNS = 3


def copy_project(target: Path, source: Path = ROOT) -> Path:
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", "*.mo", ".bench", "node_modules", ".pytest_cache", ".cache")
    shutil.copytree(source, target, ignore=ignore)
    return target


def timed_build(project: Path, config: str = "mkdocs.yml", strict: bool = True, runs: int = RUNS) -> float:
    """Median wall time of `runs` builds (seconds); each build must succeed."""
    times = []
    for _ in range(runs):
        site = Path(tempfile.mkdtemp())
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict" if strict else "--no-strict",
                        "-f", str(project / config), "-d", str(site)], cwd=project, env=ENV, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        shutil.rmtree(site, ignore_errors=True)
    return statistics.median(times)


HOOK_TIMER = """
import time
started = time.perf_counter()
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
config = load_config(CONFIG, site_dir=SITE)
for event, methods in config.plugins.events.items():
    config.plugins.events[event] = [timed(m) if "/hooks/" in getattr(getattr(m, "__code__", None), "co_filename", "") else m
                                    for m in methods]
build(config)
print(spent[0], time.perf_counter() - started)
"""


def hook_share(project: Path, cold: bool = False) -> tuple[float, float]:
    """(seconds inside the project's hook events, seconds of the whole build) for one build,
    measured in the same process (median of RUNS). `cold`: with an empty .cache/, as the
    first build after a clone."""
    results = []
    for _ in range(RUNS):
        if cold:
            shutil.rmtree(project / ".cache", ignore_errors=True)
        code = HOOK_TIMER.replace("CONFIG", repr(str(project / "mkdocs.yml"))).replace("SITE", repr(tempfile.mkdtemp()))
        out = subprocess.run([sys.executable, "-c", code], cwd=project, env=ENV, capture_output=True, text=True, check=True)
        hooks, total = map(float, out.stdout.strip().splitlines()[-1].split())
        results.append((hooks / total, hooks, total))
    _, hooks, total = sorted(results)[len(results) // 2]
    return hooks, total


CAPTURE = """
import json
from mkdocs.config import load_config
from mkdocs.commands.build import build
pages = {}
def capture(markdown, page, config, files):
    pages[page.file.abs_src_path] = markdown
    return markdown
config = load_config(CONFIG, site_dir=SITE)
config.plugins.events["page_markdown"].append(capture)  # after every hook
build(config)
print(json.dumps(pages))
"""


def expanded_pages(project: Path) -> None:
    """Replace every page's body by the Markdown the hooks made of it (front matter kept)."""
    code = CAPTURE.replace("CONFIG", repr(str(project / "mkdocs.yml"))).replace("SITE", repr(tempfile.mkdtemp()))
    out = subprocess.run([sys.executable, "-c", code], cwd=project, env=ENV, capture_output=True, text=True, check=True)
    for path, markdown in json.loads(out.stdout.strip().splitlines()[-1]).items():
        source = Path(path).read_text(encoding="utf-8")
        front = FRONT_MATTER.match(source)
        Path(path).write_text((front.group(0) + "\n" if front else "") + markdown, encoding="utf-8")


def without_hooks(project: Path, validate: bool = False) -> str:
    """A config for the same site without the project's hooks or template overrides (the
    overrides use what the hooks provide). `validate`: keep MkDocs' link and anchor validation
    as configured (the raw sources hold markup only the hooks resolve, so it is off for them)."""
    (project / "bench-overrides").mkdir(exist_ok=True)
    relaxed = "" if validate else "validation:\n  links:\n    unrecognized_links: ignore\n    anchors: ignore\n"
    (project / "mkdocs-nohooks.yml").write_text("INHERIT: mkdocs.yml\nhooks: []\ntheme:\n  name: material\n  custom_dir: bench-overrides\n"
                                                + relaxed, encoding="utf-8")
    return "mkdocs-nohooks.yml"


def serve_rebuild_latency(project: Path) -> float:
    """Seconds from saving an English page to `mkdocs serve` serving the rebuilt page."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/treatments/prp/"
    try:
        _wait(lambda: "PRP" in _get(url), 120)
        page = project / "docs" / "treatments" / "prp.md"
        german = project / "docs" / "treatments" / "prp.de.md"
        marker = f"Benchmark marker {time.time_ns()}."
        text = page.read_text(encoding="utf-8") + f"\n{marker}\n"
        german_text = german.read_text(encoding="utf-8").replace("translation_of:", f"translation_of: {source_hash(text)}\nold_translation_of:", 1)
        german.write_text(german_text, encoding="utf-8")
        start = time.perf_counter()
        page.write_text(text, encoding="utf-8")
        _wait(lambda: marker in _get(url), 120)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(predicate, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError("the server did not serve the expected page in time")


def add_synthetic_pages(project: Path, count: int) -> None:
    """`count` generated pages per language, with links, glossary terms, citations and tables, in sections of 50."""
    folder = project / "docs" / "bench"
    folder.mkdir()
    nav = ["  - Bench:"]
    for section in range(0, count, 50):
        nav.append(f"      - Part {section // 50 + 1}:")
        for i in range(section, min(section + 50, count)):
            body = (f"# Page {i} {{#top}}\n\n!!! summary \"In brief\"\n    - Generated.\n\n## Section {{#section}}\n\n"
                    f"The [anagen phase](term:anagen) is long [@paus1999]. See [the previous page](p{max(i - 1, 0)}.md#section) "
                    f"and [PRP](../treatments/prp.md#benefits) [@kieling2024].\n\n<!-- table: main rows=prp,minoxidil cols=evidence,onset -->\n")
            english = f"---\ntitle: \"Page {i}\"\ndescription: \"Generated page {i}.\"\nlast_reviewed: 2026-11-22\nnext_review: 2027-11-22\n---\n\n{body}"
            (folder / f"p{i}.md").write_text(english, encoding="utf-8")
            german = english.replace("---\ntitle", f"---\ntranslation_of: {source_hash(english)}\ntitle", 1).replace("In brief", "Kurz gefasst")
            (folder / f"p{i}.de.md").write_text(german, encoding="utf-8")
            nav.append(f"          - bench/p{i}.md")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # The nav is the block before markdown_extensions: append the new section to it.
    marker = "\nmarkdown_extensions:"
    (project / "mkdocs.yml").write_text(config.replace(marker, "\n" + "\n".join(nav) + "\n" + marker, 1), encoding="utf-8")


def without_prune(project: Path, config: str) -> str:
    name = config.replace(".yml", "-noprune.yml")
    text = (project / config).read_text(encoding="utf-8")
    (project / name).write_text(text.replace("    - navigation.prune\n", ""), encoding="utf-8")
    return name


def same_pages_without_hooks(project: Path, target: Path) -> float:
    """Build time of `project`'s pages as the hooks expanded them, with the hooks off."""
    copy = copy_project(target, project)
    expanded_pages(copy)
    return timed_build(copy, without_hooks(copy, validate=True))


def main(argv: list[str]) -> int:
    sizes = [100] if "--quick" in argv else [100, 300, 1000]
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    real = copy_project(work / "real")
    with_hooks = timed_build(real)
    same = same_pages_without_hooks(real, work / "real-same")
    raw = timed_build(real, without_hooks(real), strict=False)
    cold_hooks, cold_total = hook_share(real, cold=True)
    hooks, total = hook_share(real)
    print("real site (both languages)")
    print(f"  strict build with hooks                 {with_hooks:6.2f} s")
    print(f"  same pages, hooks off                   {same:6.2f} s   ratio {with_hooks / same:4.2f}")
    print(f"  raw sources, hooks off                  {raw:6.2f} s   ratio {with_hooks / raw:4.2f}")
    print(f"  inside hooks, first build (no .cache/)  {cold_hooks:6.2f} s   ({100 * cold_hooks / cold_total:4.1f} % of {cold_total:.2f} s)")
    print(f"  inside hooks, later builds              {hooks:6.2f} s   ({100 * hooks / total:4.1f} % of {total:.2f} s)")
    print(f"  serve rebuild after a save              {serve_rebuild_latency(copy_project(work / 'serve')):6.2f} s")
    print("\ngrowth (pages per language added)")
    print("  size     with hooks   inside hooks        same pages, hooks off   raw, hooks off   with hooks, no prune")
    for size in sizes:
        project = copy_project(work / f"grow{size}")
        add_synthetic_pages(project, size)
        full = timed_build(project)
        inside, total = hook_share(project)
        same = same_pages_without_hooks(project, work / f"grow{size}-same")
        bare = timed_build(project, without_hooks(project), strict=False)
        unpruned = timed_build(project, without_prune(project, "mkdocs.yml"), runs=1)
        print(f"  +{size:<5} {full:8.2f} s   {inside:6.2f} s ({100 * inside / total:4.1f} %)   {same:8.2f} s (ratio {full / same:4.2f})"
              f"   {bare:8.2f} s   {unpruned:8.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
