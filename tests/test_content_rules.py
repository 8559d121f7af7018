"""Issues 7 and 8: the editorial rules every page of the guide keeps, in both languages."""

from __future__ import annotations

import re

import pyphen
import pytest

from hairguide.pages import read_page
from spelling import prose
from sitebuild import REPO

DOCS = REPO / "docs"
ENGLISH = sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".de.md"))
GENERATED = {"glossary.md", "sources.md", "translation-status.md"}
PATIENT_PAGES = [p for p in ENGLISH if p.name not in GENERATED]
TREATMENT_PAGES = ["treatments/prp.md", "treatments/mesotherapy.md", "treatments/stem-cells.md", "treatments/combinations.md"]
BANNED = {"en": ["guaranteed", "permanent", "no side effects", "completely natural", "state-of-the-art", "revolutionary", "miracle"],
          "de": ["garantiert", "dauerhaft", "nebenwirkungsfrei", "völlig natürlich", "revolutionär", "Wunder"]}
HEADING_ID = re.compile(r"^#{1,6} .*\{#([\w-]+)\}\s*$", re.M)


def _german(page):
    return page.with_name(page.stem + ".de.md")


def _ids(path):
    return HEADING_ID.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", ENGLISH, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_both_languages_share_heading_ids_citations_terms_and_tables(page):
    english, german = page.read_text(encoding="utf-8"), _german(page).read_text(encoding="utf-8")
    assert _ids(page) == _ids(_german(page))
    assert all(re.match(r"^#{1,6} .*\{#[\w-]+\}\s*$", line) for line in english.splitlines() if re.match(r"^#{1,6} ", line)), "a heading without an id"
    for pattern in (r"\[@[^\]]+\]", r"<!-- table:[^>]*-->", r"\(term:([\w-]+)\)"):
        assert sorted(set(re.findall(pattern, english))) == sorted(set(re.findall(pattern, german))), pattern


@pytest.mark.parametrize("page", PATIENT_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_patient_pages_have_in_brief_citations_and_review_date(page):
    for path, title in ((page, "In brief"), (_german(page), "Kurz gefasst")):
        text, meta, problems = read_page(path.read_bytes(), str(path))
        assert f'!!! summary "{title}"' in text, path
        assert not problems and meta.get("last_reviewed"), path
    if page.name != "checklist.md":
        assert re.search(r"\[@\w", page.read_text(encoding="utf-8")), "no citation on the page"


@pytest.mark.parametrize("page", TREATMENT_PAGES)
def test_treatment_pages_cover_the_discern_questions(page):
    ids = set(_ids(DOCS / page))
    assert {"how-it-works", "benefits", "risks", "without-treatment", "other-options", "uncertain"} <= ids


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_marketing_words_outside_quotations(lang):
    pages = ENGLISH if lang == "en" else [_german(p) for p in ENGLISH]
    found = []
    for page in pages:
        # Quoted claims (being corrected) are allowed.
        text = re.sub(r"[\"“„‚'][^\"“”„‚'\n]{0,200}[\"”“'‘]", " ", prose(page.read_text(encoding="utf-8")))
        for word in BANNED[lang]:
            if re.search(rf"(?<!\w){re.escape(word)}", text, re.I):
                found.append(f"{page.relative_to(REPO)}: {word}")
    assert not found, found


@pytest.mark.parametrize("page", PATIENT_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_english_reads_plainly(page):
    text = re.sub(r"<svg\b.*?</svg>", " ", prose(page.read_text(encoding="utf-8")), flags=re.S)
    # Each line (heading, list item, table row) is a unit of its own, as a reader meets it.
    text = "\n".join(line.strip() + ("" if line.strip().endswith((".", "?", "!", ":")) else ".") for line in text.splitlines() if line.strip())
    assert flesch_reading_ease(text) >= 50


_HYPHENATOR = pyphen.Pyphen(lang="en_GB")


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease; syllables from pyphen's hyphenation dictionary."""
    sentences = max(1, len(re.findall(r"[.!?:](?:\s|$)", text)))
    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)
    syllables = sum(len(_HYPHENATOR.positions(word)) + 1 for word in words)
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * syllables / max(1, len(words))


def _term_forms(lang):
    from babel.messages.pofile import read_po

    from hairguide.data import load_site_data

    data = load_site_data(REPO / "data")
    catalog = read_po(open(REPO / "locales/de/LC_MESSAGES/messages.po", "rb"))
    forms = []
    for term_id, term in data.glossary.items():
        words = term.forms.de + [catalog.get(term.term).string.split(" (")[0]] if lang == "de" else term.forms.en + [term.term]
        forms += [(word, term_id) for word in words if len(word) > 2]
    return sorted(forms, key=lambda item: -len(item[0]))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_glossary_term_used_on_a_page_is_marked(lang):
    """A term's first use is marked with [text](term:id); link texts to other pages count as explained."""
    forms = _term_forms(lang)
    missing = []
    for english in PATIENT_PAGES:
        page = english if lang == "en" else _german(english)
        raw = page.read_text(encoding="utf-8")
        text = prose(re.sub(r"\[[^\]]*\]\([^)]*\)", " ", raw))  # drop marked terms and page links
        taken = []
        for word, term_id in forms:  # longest forms first: "telogen effluvium" hides "telogen"
            for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I):
                if any(start <= match.start() < end for start, end in taken):
                    continue
                taken.append(match.span())
                if f"(term:{term_id})" not in raw:
                    missing.append(f"{page.relative_to(REPO)}: '{match.group(0)}' ({term_id})")
    assert not sorted(set(missing)), "\n".join(sorted(set(missing)))
