"""Golden files: Markdown in (tests/golden/NAME.md, NAME.de.md), HTML out per language.

Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change; review the diff.
"""

from __future__ import annotations

import difflib
import os

import pytest

from fixture_site import article, build_fixture
from sitebuild import REPO

GOLDEN = REPO / "tests" / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md") if not p.name.endswith(".de.md"))


@pytest.mark.parametrize("case", CASES)
def test_golden(case, tmp_path):
    pages = {"page.md": (GOLDEN / f"{case}.md").read_text(), "page.de.md": (GOLDEN / f"{case}.de.md").read_text()}
    result = build_fixture(tmp_path, pages)
    assert result.returncode == 0, result.output
    for lang, built in (("en", "page/index.html"), ("de", "de/page/index.html")):
        actual = article(result.read(built))
        expected_file = GOLDEN / f"{case}.{lang}.html"
        if os.environ.get("UPDATE_GOLDEN"):
            expected_file.write_text(actual, encoding="utf-8")
        expected = expected_file.read_text(encoding="utf-8")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), str(expected_file), "built"))
        assert actual == expected, diff
