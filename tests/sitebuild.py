"""Build real MkDocs sites (the guide, or small fixture projects that inherit its config)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def read(self, path: str) -> str:
        """Text of one built file, e.g. 'de/treatments/prp/index.html'."""
        return (self.site / path).read_text(encoding="utf-8")


def build(project: Path, site: Path, env: dict | None = None, strict: bool = True) -> BuildResult:
    """Run a real `mkdocs build` of `project` into `site` and capture its log."""
    command = [*MKDOCS, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(command, cwd=project, env=full_env, capture_output=True, text=True, timeout=600)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def make_project(root: Path, pages: dict[str, str], nav: str | None = None, data: dict[str, str] | None = None,
                 locales: dict[str, str] | None = None, extra_yaml: str = "") -> Path:
    """Create a fixture project in `root` that inherits the guide's mkdocs.yml.

    `pages` maps docs paths to Markdown; `data` and `locales` map file names to text and
    replace the real data/ and locales/ (otherwise those are linked from the repo).
    """
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("overrides", "hooks", "hairguide"):
        (root / folder).symlink_to(REPO / folder)
    _fill(root / "docs", pages)
    (root / "docs" / "assets").symlink_to(REPO / "docs" / "assets")
    for name, files in (("data", data), ("locales", locales)):
        if files is None:
            (root / name).symlink_to(REPO / name)
        else:
            _fill(root / name, files)
    config = f"INHERIT: {REPO / 'mkdocs.yml'}\n"
    if nav is not None:
        config += "nav:\n" + textwrap.indent(textwrap.dedent(nav).strip("\n"), "  ") + "\n"
    (root / "mkdocs.yml").write_text(config + textwrap.dedent(extra_yaml), encoding="utf-8")
    return root


def _fill(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # surrogateescape lets a test write invalid UTF-8 bytes ("\udce9" becomes byte 0xe9).
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8", errors="surrogateescape")


def copy_repo(target: Path) -> Path:
    """Copy the real project (without build products) to `target`, for tests that edit it."""
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", "*.mo", ".pytest_cache", "node_modules")
    shutil.copytree(REPO, target, ignore=ignore)
    return target


def md(title: str, body: str = "", description: str = "A test page.") -> str:
    """A page with complete front matter, an H1 with an id, and `body`."""
    return (f"---\ntitle: \"{title}\"\ndescription: \"{description}\"\nlast_reviewed: 2026-11-22\n"
            f"next_review: 2027-11-22\n---\n\n# {title} {{#top}}\n\n{textwrap.dedent(body).strip()}\n")
