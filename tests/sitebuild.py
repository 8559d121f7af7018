"""Build real MkDocs sites (the guide, or small fixture projects that inherit its config)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
import textwrap
import traceback
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# What every build imports: loaded once per test process by the build server (see build()).
PRELOAD = ["mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs_static_i18n.plugin",
           "material.plugins.search.plugin", "material.templates", "markdown.extensions.toc",
           "markdown.extensions.tables", "markdown.extensions.attr_list", "markdown.extensions.md_in_html",
           "markdown.extensions.admonition", "pymdownx.details", "pymdownx.superfences", "pygments.formatters.html",
           "pathspec", "hairguide.build", "hairguide.search", "hairguide.data", "babel.dates", "babel.messages.pofile"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def read(self, path: str) -> str:
        """Text of one built file, e.g. 'de/treatments/prp/index.html'."""
        return (self.site / path).read_text(encoding="utf-8")


def build(project: Path, site: Path, env: dict | None = None, strict: bool = True) -> BuildResult:
    """Run a real `mkdocs build` of `project` into `site` and capture its log (stdout, then stderr).

    The build is the `mkdocs` command line in a process of its own, with `project` as its working
    folder and `env` added to this process's environment, as `python -m mkdocs build` would be; but
    the process is forked from a build server that has already imported MkDocs, the theme, the
    plugins and the core (`PRELOAD`; Python's forkserver, one per test process), so each build does
    not pay again for starting Python and importing them (about 0.6 s of CPU per build). Nothing
    has run in the server but imports: every build starts from the state a new process has. One
    difference: the module path is this process's, so the core is always this checkout's (a
    project made by copy_repo or make_project has a copy of it, or a link to it)."""
    command = ["build", "-f", str(project / "mkdocs.yml"), "-d", str(site), "--strict" if strict else "--no-strict"]
    with tempfile.TemporaryDirectory(prefix="mkdocs-log-") as logs:
        process = start_mkdocs(command, project, Path(logs, "stdout"), Path(logs, "stderr"), env)
        process.join(600)
        if process.is_alive():
            process.kill()
            process.join()
            raise TimeoutError(f"mkdocs {' '.join(command)} took more than 600 s")
        written = [Path(logs, name) for name in ("stdout", "stderr") if Path(logs, name).exists()]
        output = "".join(path.read_text(encoding="utf-8", errors="replace") for path in written)
    if not written:  # the process ended before it ran mkdocs (its error is in this process's log)
        output = f"the build process for mkdocs {' '.join(command)} ended with {process.exitcode} before it started MkDocs"
    return BuildResult(process.exitcode, output, site)


def start_mkdocs(argv: list[str], cwd: Path, stdout: Path, stderr: Path, env: dict | None = None):
    """Start `mkdocs ARGV` in a process forked from the build server (see build()), in `cwd`, with
    `env` added to this process's environment, its output written to `stdout` and `stderr` (the
    same file for both is fine): a multiprocessing.Process (join, terminate, exitcode)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    process = _build_server().Process(target=_mkdocs_command, args=(argv, str(cwd), full_env, str(stdout), str(stderr)))
    process.start()
    return process


_server = None


def _build_server():
    global _server
    if _server is None:
        _server = multiprocessing.get_context("forkserver")
        _server.set_forkserver_preload(PRELOAD)
    return _server


def _mkdocs_command(argv: list[str], cwd: str, env: dict, stdout: str, stderr: str) -> None:
    """In the forked build process: `mkdocs ARGV` as the command line runs it, output into the files."""
    out = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(out, 1)
    os.dup2(out if stderr == stdout else os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), 2)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    from mkdocs import __main__ as mkdocs_main

    sys.argv = [mkdocs_main.__file__, *argv]
    code = 1
    try:
        mkdocs_main.cli.main(args=argv, prog_name="mkdocs")
        code = 0
    except SystemExit as stop:  # how the command line ends, as `python -m mkdocs` would report it
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
        code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


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
