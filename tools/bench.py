#!/usr/bin/env python3
"""Build benchmarks, side by side in one run (not part of the tests; see BENCHMARKS.md).

    python3 tools/bench.py              # real site, serve rebuild, growth to 100/300/1000 pages
    python3 tools/bench.py --quick      # growth to 100 pages only

Reports: strict build time of the real site; the same without the project's hooks and the
ratio; hook time measured inside the build; `mkdocs serve` rebuild latency after saving an
English page; and a synthetic growth run (with and without navigation.prune).
"""

from __future__ import annotations

import os
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
RUNS = 3


def copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", "*.mo", ".bench", "node_modules", ".pytest_cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def timed_build(project: Path, config: str = "mkdocs.yml", strict: bool = True) -> float:
    """Median wall time of RUNS builds (seconds); each build must succeed."""
    times = []
    for _ in range(RUNS):
        site = Path(tempfile.mkdtemp())
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict" if strict else "--no-strict",
                        "-f", str(project / config), "-d", str(site)], cwd=project, env=ENV, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        shutil.rmtree(site, ignore_errors=True)
    return statistics.median(times)


def hook_time(project: Path) -> float:
    """Seconds spent inside the project's hook events during one build (measured in-process)."""
    code = f"""
import time, sys
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
config = load_config(r"{project / 'mkdocs.yml'}", site_dir=r"{tempfile.mkdtemp()}")
for event, methods in config.plugins.events.items():
    config.plugins.events[event] = [timed(m) if getattr(m, "__module__", "").startswith("hooks") or "/hooks/" in getattr(getattr(m, "__code__", None), "co_filename", "") else m for m in methods]
build(config)
print(spent[0])
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=project, env=ENV, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def without_hooks(project: Path) -> str:
    """A config for the same site without the project's hooks or template overrides."""
    (project / "bench-overrides").mkdir(exist_ok=True)
    (project / "mkdocs-nohooks.yml").write_text("INHERIT: mkdocs.yml\nhooks: []\ntheme:\n  name: material\n  custom_dir: bench-overrides\n"
                                                "validation:\n  links:\n    unrecognized_links: ignore\n    anchors: ignore\n", encoding="utf-8")
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


def main(argv: list[str]) -> int:
    sizes = [100] if "--quick" in argv else [100, 300, 1000]
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    real = copy_project(work / "real")
    with_hooks = timed_build(real)
    no_hooks = timed_build(real, without_hooks(real), strict=False)
    hooks = hook_time(real)
    print("real site (both languages)")
    print(f"  strict build with hooks     {with_hooks:6.2f} s")
    print(f"  build without project hooks {no_hooks:6.2f} s   ratio {with_hooks / no_hooks:4.2f}")
    print(f"  time inside hooks           {hooks:6.2f} s   ({100 * hooks / with_hooks:4.1f} % of the build)")
    print(f"  serve rebuild after a save  {serve_rebuild_latency(copy_project(work / 'serve')):6.2f} s")
    print("\ngrowth (pages per language added)   with hooks   hooks only   no hooks   with hooks, no prune")
    for size in sizes:
        project = copy_project(work / f"grow{size}")
        add_synthetic_pages(project, size)
        full = timed_build(project)
        inside = hook_time(project)
        bare = timed_build(project, without_hooks(project), strict=False)
        unpruned = timed_build(project, without_prune(project, "mkdocs.yml"))
        print(f"  +{size:<5}                             {full:8.2f} s   {inside:8.2f} s   {bare:6.2f} s   {unpruned:8.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
