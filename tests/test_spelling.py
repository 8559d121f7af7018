"""Issue 6: spelling (hunspell, with the project's word lists) and discouraged German variants."""

from __future__ import annotations

import shutil

import pytest

from hairguide.data import load_site_data
from spelling import check_discouraged, check_spelling, misspelled, prose
from sitebuild import REPO

DOCS = REPO / "docs"
PAGES = {lang: sorted(p for p in DOCS.rglob("*.md") if p.name.endswith(".de.md") == (lang == "de")) for lang in ("en", "de")}


@pytest.fixture(scope="module", autouse=True)
def hunspell_installed():
    assert shutil.which("hunspell"), "hunspell is not installed: apt-get install -y hunspell hunspell-en-gb hunspell-de-de"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_pages_are_spelled_correctly(lang):
    wordlist = REPO / "locales" / f"wordlist-{lang}.txt"
    problems = check_spelling(PAGES[lang], REPO, lang, wordlist)
    assert not problems, "\n".join(map(str, problems))


def test_spelling_check_finds_a_typo(tmp_path):
    assert misspelled("The hair grows in the anagen fase.", "en", REPO / "locales" / "wordlist-en.txt") == ["fase"]
    assert misspelled(prose("Die Haare wachsen in der Anagenphase schnel."), "de", REPO / "locales" / "wordlist-de.txt") == ["schnel"]


def test_spelling_check_names_the_page_and_line_of_each_typo(tmp_path):
    """The pages are checked by one hunspell process: each unknown word still goes to its own page."""
    wordlist = tmp_path / "locales" / "wordlist-en.txt"
    wordlist.parent.mkdir()
    wordlist.write_text("anagen\n", encoding="utf-8")
    texts = {"a.md": "---\ntitle: A\n---\n\nThe hair grows.\n", "b.md": "---\ntitle: B\n---\n\nThe hair grows.\n\nIn the anagen fase.\n",
             "c.md": "Fine words.\n", "d.md": "A wrod.\n"}
    pages = []
    for name, text in texts.items():
        pages.append(tmp_path / "docs" / name)
        pages[-1].parent.mkdir(exist_ok=True)
        pages[-1].write_text(text, encoding="utf-8")
    assert [str(p) for p in check_spelling(pages, tmp_path, "en", wordlist)] == [
        "docs/b.md:7: unknown word 'fase' (fix it, or add it to locales/wordlist-en.txt)",
        "docs/d.md:1: unknown word 'wrod' (fix it, or add it to locales/wordlist-en.txt)"]


def test_prose_drops_markup_but_keeps_visible_text():
    text = prose("---\ntitle: x\n---\n# Title {#top}\n\nSee [the cycle](term:anagen) [@paus1999].\n<!-- table: main -->\n")
    assert "the cycle" in text and "term:" not in text and "paus1999" not in text and "#top" not in text


def _discouraged_variants():
    """Glossary terms' discouraged German forms, plus locales/discouraged-de.txt (variant -> preferred)."""
    data = load_site_data(REPO / "data")
    variants = {variant: term_id for term_id, term in data.glossary.items() for variant in term.discouraged.de}
    for line in (REPO / "locales" / "discouraged-de.txt").read_text(encoding="utf-8").splitlines():
        if "->" in line and not line.startswith("#"):
            variant, preferred = (part.strip() for part in line.split("->"))
            variants[variant] = preferred
    return variants


def test_german_pages_avoid_discouraged_variants():
    variants = _discouraged_variants()
    assert "Eigenbluttherapie" in variants and variants["Blutabnahme"] == "Blutentnahme"
    problems = [p for page in PAGES["de"] for p in check_discouraged(page, REPO, variants)]
    assert not problems, "\n".join(map(str, problems))


def test_discouraged_variant_is_reported_with_its_line(tmp_path):
    page = tmp_path / "docs" / "x.de.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: x\n---\n\nDie Eigenbluttherapie wirkt.\n\nDie sogenannte „Eigenbluttherapie“ ist weiter gefasst.\n", encoding="utf-8")
    problems = check_discouraged(page, tmp_path, {"Eigenbluttherapie": "prp"})
    assert [str(p) for p in problems] == ["docs/x.de.md:5: 'Eigenbluttherapie' is a discouraged variant of the glossary term 'prp'"]
