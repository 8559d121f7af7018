#!/usr/bin/env python3
"""Build benchmarks, side by side in one run (not part of the tests; see BENCHMARKS.md).

    python3 dev.py bench                      # this tree: real site, +500 pages, serve rebuild
    python3 dev.py bench --against REV        # the same, a git revision, and this tree's code on REV's content
    python3 dev.py bench --pages 100 --runs 3 # smaller and quicker
    python3 dev.py bench --against REV --instructions   # instructions counted by valgrind instead of times

Build cost is CPU time (user + system of the `mkdocs build` process): wall times on a shared
machine wander by 20-40 %, CPU time much less, and instruction counts (--instructions, valgrind's
callgrind) not at all: they are the same run after run, whatever else the machine is doing.
Variants are built in turn, run after run, and the median counts. With --against, this tree's code also builds REV's pages, data and catalog
("this code, REV's content"), so the code is compared on the same content. The serve rebuild (save of an English page -> the rebuilt page served) is
measured beside a strict build of the same site, so the difference is what serving adds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from hairguide.pages import source_hash  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
IGNORE = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", "*.mo", ".bench", "node_modules", ".pytest_cache", ".cache")


def copy_project(target: Path, revision: str | None = None) -> Path:
    """This tree, or a git revision of it, in `target`."""
    if revision is None:
        shutil.copytree(ROOT, target, ignore=IGNORE)
    else:
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def with_content_of(project: Path, revision: str) -> Path:
    """This tree's code (and scripts and styles) with `revision`'s pages, data and catalog entries: the nav keeps only
    pages that exist, the catalog gains the entries of `revision`'s catalog it lacks."""
    from babel.messages.pofile import read_po, write_po

    archive = subprocess.run(["git", "archive", revision, "docs", "data"], cwd=ROOT, capture_output=True, check=True).stdout
    shutil.rmtree(project / "data")
    for page in (project / "docs").rglob("*.md"):  # docs/assets (scripts, styles) are code: kept
        page.unlink()
    subprocess.run(["tar", "-x", "-C", str(project), "--exclude=docs/assets"], input=archive, check=True)
    config = project / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(True)
                              if not line.strip().startswith("- ") or not line.strip().endswith(".md")
                              or (project / "docs" / line.strip()[2:]).exists()), encoding="utf-8")
    for po in (project / "locales").glob("*/LC_MESSAGES/messages.po"):
        old = subprocess.run(["git", "show", f"{revision}:{po.relative_to(project).as_posix()}"], cwd=ROOT, capture_output=True, check=True).stdout
        lang = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in read_po(old.splitlines(True), locale=lang):
            if message.id and message.id not in catalog:
                catalog[message.id] = message
        with po.open("wb") as handle:
            write_po(handle, catalog)
    return project


def build_once(project: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one strict build, which must succeed. The project's own
    `hairguide` package is imported (PYTHONPATH), so other revisions build with their code."""
    site = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)], cwd=project,
                               env={**ENV, "PYTHONPATH": str(project)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    shutil.rmtree(site, ignore_errors=True)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"the build of {project} failed: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def interleaved(projects: list[Path], runs: int) -> list[tuple[float, float, float, float]]:
    """(median wall, median CPU, lowest CPU, highest CPU) per project, built in turn run after run."""
    results: list[list[tuple[float, float]]] = [[] for _ in projects]
    for _ in range(runs):
        for project, result in zip(projects, results):
            result.append(build_once(project))
    return [(statistics.median(w for w, _ in r), statistics.median(c for _, c in r), min(c for _, c in r), max(c for _, c in r))
            for r in results]


def instructions(project: Path) -> int:
    """Instructions one strict build executes, its child processes (Pagefind) included, counted by
    valgrind's callgrind after a first build (so caches are as a second build finds them). About 50
    times slower than a build; the count does not depend on the machine's load."""
    build_once(project)
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}/callgrind.%p",
                        sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", f"{out}/site"],
                       cwd=project, env={**ENV, "PYTHONPATH": str(project)}, capture_output=True, check=True)
        return sum(int(line.split()[1]) for counts in Path(out).glob("callgrind.*")
                   for line in counts.read_text().splitlines() if line.startswith("totals:"))


def add_pages(project: Path, count: int) -> Path:
    """`count` generated pages per language (glossary term, citations, links, a table), in sections of 50."""
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
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nmarkdown_extensions:", "\n" + "\n".join(nav) + "\n\nmarkdown_extensions:", 1), encoding="utf-8")
    return project


def serve_rebuild(project: Path, saves: int) -> float:
    """Median seconds from saving an English page to `mkdocs serve` serving the rebuilt page."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env={**ENV, "PYTHONPATH": str(project)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/treatments/prp/"
    page, german = project / "docs/treatments/prp.md", project / "docs/treatments/prp.de.md"
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
        time.sleep(0.02)
    raise TimeoutError("the server did not serve the expected page in time")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py bench")
    parser.add_argument("--against", help="a git revision to build in turn with this tree")
    parser.add_argument("--pages", type=int, default=500, help="generated pages per language for the growth run")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--instructions", action="store_true", help="count instructions (needs valgrind) instead of timing")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    trees = {"this tree": None, **({args.against: args.against} if args.against else {})}

    def project(folder: str, name: str) -> Path:
        if name == "same content":
            return with_content_of(copy_project(work / folder), args.against)
        return copy_project(work / folder, trees[name])

    names = list(trees) + (["same content"] if args.against else [])
    real = {name: project(f"real-{i}", name) for i, name in enumerate(names)}
    grown = {name: add_pages(project(f"grown-{i}", name), args.pages) for i, name in enumerate(names)}
    if args.against:
        print(f"same content: this tree's code building {args.against}'s pages, data and catalog entries")
    if args.instructions:
        print("strict builds, instructions executed (valgrind callgrind, child processes included)")
        for label, projects in (("real site", real), (f"+{args.pages} pages per language", grown)):
            with ThreadPoolExecutor(os.cpu_count()) as pool:
                counts = list(pool.map(instructions, projects.values()))
            base = counts[names.index(args.against)] if args.against else counts[0]
            for name, count in zip(projects, counts):
                print(f"  {label:<28} {name:<14} {count / 1e9:8.2f} G instructions ({100 * (count / base - 1):+.1f} %)")
        shutil.rmtree(work, ignore_errors=True)
        return 0
    print(f"strict builds, median of {args.runs} interleaved runs     wall       CPU  (CPU lowest-highest: how far runs spread)")
    for label, projects in (("real site", real), (f"+{args.pages} pages per language", grown)):
        for name, (wall, cpu, low, high) in zip(projects, interleaved(list(projects.values()), args.runs)):
            print(f"  {label:<28} {name:<14} {wall:7.2f} s {cpu:7.2f} s  ({low:.2f}-{high:.2f} s)")
    strict_wall = statistics.median(build_once(real["this tree"])[0] for _ in range(3))
    latency = serve_rebuild(real["this tree"], saves=5)
    print(f"serve: save -> rebuilt page served {latency:.2f} s; strict build of the same site {strict_wall:.2f} s wall "
          f"(serving adds {latency - strict_wall:+.2f} s)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
