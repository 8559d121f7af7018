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
and built strict, with MkDocs' validation as configured, without the hooks and without the
template overrides (they use what the hooks provide), so both builds produce the same
articles; the difference is the hooks plus the page furniture templates. "Raw sources": the
author's sources without hooks, which leaves the guide's markup unexpanded (smaller pages).

Build costs are CPU seconds of the build process (user + system): this machine is shared
and its wall times wander by 20-40 % between runs, CPU time much less. Variants are built
in turn, run after run, and the median counts. Wall times are printed beside them.
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


def _one_build(project: Path, config: str, strict: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build process) of one build, which must succeed.
    CPU time (user + system, from wait4) is what the build itself costs; on a shared
    machine the wall time also holds time lost to other processes."""
    site = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--strict" if strict else "--no-strict",
                                "-f", str(project / config), "-d", str(site)], cwd=project, env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    shutil.rmtree(site, ignore_errors=True)
    if process.returncode:
        raise RuntimeError(f"build of {project / config} failed")
    return wall, usage.ru_utime + usage.ru_stime


def timed_builds(variants: list[tuple[Path, str, bool]], runs: int = RUNS) -> list[tuple[float, float]]:
    """(median wall, median CPU) seconds per (project, config, strict) variant. The variants
    are built in turn, run after run, so a slow spell of the machine hits all of them alike."""
    results: list[list[tuple[float, float]]] = [[] for _ in variants]
    for _ in range(runs):
        for variant, result in zip(variants, results):
            result.append(_one_build(*variant))
    return [(statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for r in results]


def timed_build(project: Path, config: str = "mkdocs.yml", strict: bool = True, runs: int = RUNS) -> float:
    """Median wall time of `runs` builds (seconds)."""
    return timed_builds([(project, config, strict)], runs)[0][0]


HOOK_TIMER = """
import time
started = time.process_time()
from mkdocs.config import load_config
from mkdocs.commands.build import build
spent = [0.0]
def timed(fn):
    def run(*a, **k):
        t = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            spent[0] += time.process_time() - t
    return run
config = load_config(CONFIG, site_dir=SITE)
for event, methods in config.plugins.events.items():
    config.plugins.events[event] = [timed(m) if "/hooks/" in getattr(getattr(m, "__code__", None), "co_filename", "") else m
                                    for m in methods]
build(config)
print(spent[0], time.process_time() - started)
"""


def hook_share(project: Path, cold: bool = False) -> tuple[float, float]:
    """(CPU seconds inside the project's hook events, CPU seconds of the whole build) for one
    build, measured in the same process (the run with the median share of RUNS). `cold`: with an empty .cache/, as the
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


def serve_rebuild_latency(project: Path, saves: int = RUNS) -> float:
    """Seconds from saving an English page to `mkdocs serve` serving the rebuilt page (median of `saves`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/treatments/prp/"
    page = project / "docs" / "treatments" / "prp.md"
    german = project / "docs" / "treatments" / "prp.de.md"
    original, original_german = page.read_text(encoding="utf-8"), german.read_text(encoding="utf-8")
    latencies = []
    try:
        _wait(lambda: "PRP" in _get(url), 120)
        for _ in range(saves):
            marker = f"Benchmark marker {time.time_ns()}."
            text = original + f"\n{marker}\n"
            # The German page records the new English version, so the strict serve keeps building.
            german.write_text(original_german.replace("translation_of:", f"translation_of: {source_hash(text)}\nold_translation_of:", 1),
                              encoding="utf-8")
            start = time.perf_counter()
            page.write_text(text, encoding="utf-8")
            _wait(lambda: marker in _get(url), 120)
            latencies.append(time.perf_counter() - start)
            time.sleep(2.0)  # let any further rebuild finish before the next save
        return statistics.median(latencies)
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


def same_pages_without_hooks(project: Path, target: Path) -> tuple[Path, str, bool]:
    """A copy of `project` whose pages are what the hooks made of them, to build with the hooks off."""
    copy = copy_project(target, project)
    expanded_pages(copy)
    return copy, without_hooks(copy, validate=True), True


def main(argv: list[str]) -> int:
    sizes = [100] if "--quick" in argv else [100, 300, 1000]
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    real = copy_project(work / "real")
    variants = [(real, "mkdocs.yml", True), same_pages_without_hooks(real, work / "real-same"), (real, without_hooks(real), False)]
    (hooks_wall, hooks_cpu), (same_wall, same_cpu), (raw_wall, raw_cpu) = timed_builds(variants, runs=5)
    cold_hooks, cold_total = hook_share(real, cold=True)
    hooks, total = hook_share(real)
    print("real site (19 pages x 2 languages)         wall      CPU   CPU ratio")
    print(f"  strict build with hooks                 {hooks_wall:6.2f} s {hooks_cpu:6.2f} s")
    print(f"  same pages, hooks off                   {same_wall:6.2f} s {same_cpu:6.2f} s   {hooks_cpu / same_cpu:4.2f}")
    print(f"  raw sources, hooks off                  {raw_wall:6.2f} s {raw_cpu:6.2f} s   {hooks_cpu / raw_cpu:4.2f}")
    print(f"  inside hooks, first build (no .cache/)  {cold_hooks:6.2f} s CPU ({100 * cold_hooks / cold_total:4.1f} % of {cold_total:.2f} s)")
    print(f"  inside hooks, later builds              {hooks:6.2f} s CPU ({100 * hooks / total:4.1f} % of {total:.2f} s)")
    print(f"  serve rebuild after a save              {serve_rebuild_latency(copy_project(work / 'serve')):6.2f} s")
    print("\ngrowth (pages per language added; CPU seconds unless marked wall)")
    print("  size    with hooks (wall)     inside hooks       same pages, hooks off   raw, hooks off   no prune (wall)")
    for size in sizes:
        project = copy_project(work / f"grow{size}")
        add_synthetic_pages(project, size)
        variants = [(project, "mkdocs.yml", True), same_pages_without_hooks(project, work / f"grow{size}-same"),
                    (project, without_hooks(project), False)]
        (full_wall, full), (_, same), (_, bare) = timed_builds(variants)
        inside, total = hook_share(project)
        unpruned = timed_build(project, without_prune(project, "mkdocs.yml"), runs=1)
        print(f"  +{size:<5} {full:6.2f} s ({full_wall:6.2f} s)   {inside:5.2f} s ({100 * inside / total:4.1f} %)   "
              f"{same:6.2f} s (ratio {full / same:4.2f})   {bare:8.2f} s   {unpruned:8.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
