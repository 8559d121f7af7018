"""Issue 5: a failed build never destroys the last good site; `mkdocs serve` survives a broken save."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path

from fixture_site import BASE_PAGES, fixture_files, with_translation_hashes
from hairguide.cli import safe_build
from test_broken_inputs import BOMB
from sitebuild import make_project, md, start_mkdocs


def _project(tmp_path):
    pages = with_translation_hashes({**BASE_PAGES, "page.md": md("Page", "Version one."), "page.de.md": md("Seite", "Fassung eins.")})
    return make_project(tmp_path / "project", pages, nav="- index.md\n- page.md\n- glossary.md\n",
                        data=fixture_files("data"), locales=fixture_files("locales"))


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folder`, with its size and modification time."""
    return {path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns) for path in folder.rglob("*")}


def test_build_writes_nothing_into_the_checkout_and_a_failed_one_leaves_the_site_untouched(tmp_path):
    project = _project(tmp_path)
    site = tmp_path / "site"
    checkout = _tree(project)
    assert safe_build(project, site) == 0
    # The build writes nothing into the checkout (no compiled catalogs, no caches): it works from a read-only one.
    written = {path for path, stat in _tree(project).items() if checkout.get(path) != stat}
    assert not written, f"the build wrote into the checkout: {sorted(written)[:10]}"
    before = (site / "page" / "index.html").read_text(encoding="utf-8")
    (project / "data" / "treatments.yml").write_text("prp:\n\tname: broken\n", encoding="utf-8")
    (project / "docs" / "page.md").write_text(md("Page", "Version two."), encoding="utf-8")
    assert safe_build(project, site) != 0
    assert (site / "page" / "index.html").read_text(encoding="utf-8") == before
    assert not list(tmp_path.glob(".site-new-*")), "the temporary build directory was not removed"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _failed_after(log: Path, problem: str) -> bool:
    """The serve log reports `problem`, and after it that the rebuild failed and is over."""
    text = log.read_text(encoding="utf-8")
    return problem in text and "still serving the last good version" in text[text.index(problem):]


def test_serve_survives_a_broken_save_and_recovers(tmp_path):
    project = _project(tmp_path)
    port = _free_port()
    (tmp_path / "serve.log").touch()
    # `mkdocs serve` in a process of its own (sitebuild.start_mkdocs: forked from the build server)
    server = start_mkdocs(["serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")], project,
                          tmp_path / "serve.log", tmp_path / "serve.log")
    url = f"http://127.0.0.1:{port}/page/"
    try:
        assert _wait_for(lambda: "Version one." in _get(url)), open(tmp_path / "serve.log").read()
        treatments = project / "data" / "treatments.yml"
        good_data = treatments.read_text(encoding="utf-8")
        treatments.write_text(good_data.replace("  injected:", "\tinjected:", 1), encoding="utf-8")
        assert _wait_for(lambda: _failed_after(tmp_path / "serve.log", "data/treatments.yml:5: YAML syntax error"))
        assert "Version one." in _get(url), "serve stopped serving the last good site"
        saved = time.monotonic()
        treatments.write_text(BOMB, encoding="utf-8")  # ten lines that would allocate gigabytes
        assert _wait_for(lambda: "data/treatments.yml:1: YAML anchors and aliases" in open(tmp_path / "serve.log").read(), 10)
        assert time.monotonic() - saved < 2.0, "a broken save must be reported within 2 s"
        assert "Version one." in _get(url), "serve stopped serving the last good site"
        (project / "docs" / "page.md").write_text(md("Page", "Version two [@nobody2000]."), encoding="utf-8")
        treatments.write_text(good_data, encoding="utf-8")
        assert _wait_for(lambda: _failed_after(tmp_path / "serve.log", "docs/page.md:10: unknown citation key 'nobody2000'"))
        assert "Version one." in _get(url), "a failed page build replaced the last good site"
        fixed = with_translation_hashes({"page.md": md("Page", "Version three."), "page.de.md": md("Seite", "Fassung drei.")})
        (project / "docs" / "page.de.md").write_text(fixed["page.de.md"], encoding="utf-8")
        (project / "docs" / "page.md").write_text(fixed["page.md"], encoding="utf-8")
        assert _wait_for(lambda: "Version three." in _get(url)), open(tmp_path / "serve.log").read()[-3000:]
        # An English author's edit makes the German page outdated: the strict build warns and
        # fails, the preview shows the edit and says so.
        (project / "docs" / "page.md").write_text(fixed["page.md"].replace("Version three.", "Version four."), encoding="utf-8")
        assert _wait_for(lambda: "Version four." in _get(url)), open(tmp_path / "serve.log").read()[-3000:]
        assert "docs/page.de.md:2: translation is outdated" in open(tmp_path / "serve.log").read()
    finally:
        server.terminate()
        server.join(timeout=20)
