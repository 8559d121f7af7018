"""Golden files: Markdown in (tests/golden/NAME.md, NAME.de.md), HTML out per language.

Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change; review the diff.
"""

from __future__ import annotations

import difflib
import os

import pytest

from conftest import build_once
from fixture_site import article, build_fixture
from sitebuild import REPO

GOLDEN = REPO / "tests" / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md") if not p.name.endswith(".de.md"))


def _golden_build(folder):
    """Every case as a page of its own (CASE.md, CASE.de.md) in one fixture site: a page's
    article depends on its own Markdown only."""
    pages = {}
    for case in CASES:
        pages[f"{case}.md"] = (GOLDEN / f"{case}.md").read_text()
        pages[f"{case}.de.md"] = (GOLDEN / f"{case}.de.md").read_text()
    return build_fixture(folder, pages)


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory):
    result = build_once(tmp_path_factory, "golden", _golden_build)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("case", CASES)
def test_golden(case, golden_site):
    for lang, built in (("en", f"{case}/index.html"), ("de", f"de/{case}/index.html")):
        # The print header names the page's address: the golden files have the one of page.md.
        actual = article(golden_site.read(built)).replace(f"/{case}/</p>", "/page/</p>")
        expected_file = GOLDEN / f"{case}.{lang}.html"
        if os.environ.get("UPDATE_GOLDEN"):
            expected_file.write_text(actual, encoding="utf-8")
        expected = expected_file.read_text(encoding="utf-8")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), str(expected_file), "built"))
        assert actual == expected, diff
