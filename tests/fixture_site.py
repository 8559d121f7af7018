"""A small two-language fixture site with the fixture data and catalog in tests/fixtures/."""

from __future__ import annotations

from pathlib import Path

from hairguide.pages import source_hash
from sitebuild import md, REPO, build, make_project

FIXTURES = REPO / "tests" / "fixtures"

BASE_PAGES = {
    "index.md": md("Home", ""),
    "index.de.md": md("Start", ""),
    "glossary.md": md("Glossary", "<!-- glossary -->"),
    "glossary.de.md": md("Glossar", "<!-- glossary -->"),
}


def fixture_files(folder: str) -> dict[str, str]:
    base = FIXTURES / folder
    return {p.relative_to(base).as_posix(): p.read_text(encoding="utf-8") for p in base.rglob("*") if p.is_file()}


def build_fixture(tmp_path: Path, pages: dict[str, str], data: dict[str, str] | None = None,
                  locales: dict[str, str] | None = None, strict: bool = True):
    """Build the fixture site plus `pages` (nav: home, the pages in order, glossary)."""
    all_pages = with_translation_hashes({**BASE_PAGES, **pages})
    nav_pages = ["index.md", *[p for p in pages if not p.endswith(".de.md")], "glossary.md"]
    nav = "\n".join(f"- {p}" for p in dict.fromkeys(nav_pages))
    data_files = {**fixture_files("data"), **(data or {})}
    locale_files = {**fixture_files("locales"), **(locales or {})}
    project = make_project(tmp_path / "project", all_pages, nav=nav, data=data_files, locales=locale_files)
    return build(project, tmp_path / "site", strict=strict)


def with_translation_hashes(pages: dict[str, str]) -> dict[str, str]:
    """Mark every German page as a current translation of its English page, unless it says otherwise."""
    result = dict(pages)
    for name, text in pages.items():
        english = name[: -len(".de.md")] + ".md" if name.endswith(".de.md") else None
        if english in pages and "translation_of:" not in text and text.startswith("---\n"):
            result[name] = f"---\ntranslation_of: {source_hash(pages[english])}\n" + text[4:]
    return result


def article(html: str) -> str:
    """The rendered article of a built page, without blank lines."""
    start = html.index("<article")
    body = html[html.index(">", start) + 1: html.index("</article>")]
    return "\n".join(line.rstrip() for line in body.splitlines() if line.strip()) + "\n"


def outdated_translation_build(folder: Path):
    """A strict build of the fixture site whose German page translates an older English page."""
    pages = with_translation_hashes({"page.md": md("Page", "Old text."), "page.de.md": md("Seite", "Alter Text.")})
    pages["page.md"] = md("Page", "New text.")
    return build_fixture(folder, pages)


def small_site_build(folder: Path):
    """A build (not strict) of the fixture site with a page that has no German version, and a
    page in both languages for the search (test_browser_foundation.py)."""
    return build_fixture(folder, {"only-english.md": md("Only English", "Only English."),
                                  "care.md": md("Care", "One treatment takes an hour."),
                                  "care.de.md": md("Pflege", "Eine Behandlung dauert eine Stunde.")}, strict=False)
