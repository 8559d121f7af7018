"""The guide's search: a Pagefind index per language, and the words patients use.

Plain functions, no MkDocs: the build (hairguide/build.py) feeds them the rendered pages.

- Everyday words come from two data files translators edit: the glossary's `forms`
  (each term with its forms is one group of equivalent words) and data/synonyms.yml
  (groups of equivalent words, and words that name what one page explains).
- Words that name a page are indexed on that page, as an "Also called" line that
  only the index sees, weighted like a subheading.
- Groups of equivalent words go to the browser as a small JSON file; the search script
  (docs/assets/javascripts/guide-search.js) searches every word of a group.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pagefind_bin import get_executable  # the Pagefind binary shipped in PyPI's pagefind-bin
from pydantic import AfterValidator, Field

from hairguide.data import load_data_file
from hairguide.inputs import is_file, line_of
from hairguide.models import Strict
from hairguide.report import Problem, ProblemsFound

# Parts of a rendered page the index leaves out: permalink signs and citation marks.
EXCLUDE_SELECTORS = [".headerlink", ".guide-cite"]
# Pages that list everything: found, but never ahead of the page that explains a topic.
REFERENCE_PAGES = ("glossary/", "sources/")
# Pages not worth finding.
UNINDEXED_PAGES = ("translation-status/",)
# Pagefind's ready-made interfaces: the guide has its own (guide-search.js).
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
ALSO_CALLED = {"en": "Also called", "de": "Auch genannt"}
# Weight of the "Also called" line: as much as a second-level heading (Pagefind: h1 7, h2 6).
ALSO_CALLED_WEIGHT = 6

# Small words a question carries that say nothing about the topic.
STOPWORDS = {
    "en": "a an and are at be by can do does for from how i in is it my of on or the to what when "
          "where which who why will with you your me much many there this that".split(),
    "de": "der die das den dem des ein eine einen einem einer und oder ist sind bei mit von zu zum zur "
          "im in am an auf für was wer wie wo wann welche welcher welches warum ich mein meine mir mich "
          "man es sich kann muss soll viel viele".split(),
}


# --- data: data/synonyms.yml -------------------------------------------------------------

def _has_letters(word: str) -> str:
    if not normalise(word):
        raise ValueError(f"'{word}' has no letters or digits")
    return word


class SynonymEntry(Strict):
    """Words for one idea. With `page`, the page (docs path, English file name) that explains it."""

    words: list[Annotated[str, AfterValidator(_has_letters)]] = Field(min_length=1)
    page: str | None = Field(default=None, pattern=r"^[a-z0-9_-][a-z0-9/_-]*\.md$", max_length=200)


class SynonymsFile(Strict):
    en: list[SynonymEntry] = []
    de: list[SynonymEntry] = []


def load_synonyms(path: Path) -> SynonymsFile:
    """Load and validate the synonyms file (none: no synonyms), whose `page`s must be pages in
    docs/ (next to data/); every problem is raised as ProblemsFound."""
    if not path.exists():
        return SynonymsFile()
    synonyms, lines = load_data_file(path, SynonymsFile)
    docs = path.parent.parent / "docs"
    problems = [Problem(f"data/{path.name}", line_of(lines, (lang, i, "page")), f"{lang}.{i}.page: there is no page docs/{entry.page}")
                for lang in ("en", "de") for i, entry in enumerate(getattr(synonyms, lang)) if entry.page and not is_file(docs / entry.page)]
    if problems:
        raise ProblemsFound(problems)
    return synonyms


# --- words ---------------------------------------------------------------------------------

_WORD = re.compile(r"[\w]+(?:[-'’][\w]+)*", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: how queries and synonyms are compared."""
    return " ".join(w.casefold() for w in _WORD.findall(text.replace("_", " ")))


def word_groups(glossary: dict, synonyms: SynonymsFile, lang: str) -> list[list[str]]:
    """Groups of equivalent words in `lang`: one per glossary term, one per synonyms entry
    without a `page` (words with a page are indexed on that page instead).

    A word in two groups joins them (so a synonyms entry can extend a glossary term).
    """
    groups = [term.words(lang) for term in glossary.values()]
    groups += [list(entry.words) for entry in getattr(synonyms, lang) if not entry.page]
    return _merge(groups)


def _merge(groups: list[list[str]]) -> list[list[str]]:
    merged: list[dict] = []  # dicts: ordered sets of normalised words
    for group in groups:
        words = dict.fromkeys(w for w in map(normalise, group) if w)
        for other in [g for g in merged if g.keys() & words.keys()]:
            merged.remove(other)
            words = {**other, **words}
        merged.append(words)
    return [list(g) for g in merged if len(g) > 1]


def page_words(synonyms: SynonymsFile, lang: str) -> dict[str, list[str]]:
    """Docs path of a page -> the words that name what it explains (from synonyms entries with `page`)."""
    result: dict[str, list[str]] = {}
    for entry in getattr(synonyms, lang):
        if entry.page:
            result.setdefault(entry.page, [])
            result[entry.page] += [w for w in entry.words if w not in result[entry.page]]
    return result


def client_data(groups: list[list[str]], lang: str) -> str:
    """The JSON the search script loads with the index: word groups, stopwords, pages ranked last."""
    return json.dumps({"lang": lang, "groups": groups, "stopwords": STOPWORDS.get(lang, []), "demote": list(REFERENCE_PAGES)},
                      ensure_ascii=False, separators=(",", ":"))


# --- index ---------------------------------------------------------------------------------

@dataclass
class IndexedPage:
    """One page as the index sees it."""

    url: str           # relative to the language's root: "treatments/prp/"
    title: str
    content: str       # the page's rendered HTML (what MkDocs puts into the article)
    also_called: list[str] = field(default_factory=list)


def index_html(page: IndexedPage, lang: str) -> str:
    """The document Pagefind indexes for one page: the article without its own source list,
    plus an "Also called" line after the title. Published pages are not changed."""
    content = page.content
    if page.url not in ("sources/",):
        # A page's own source list (paper titles) is not what the page is about.
        content = re.split(r'<h2 id="sources"', content, maxsplit=1)[0]
    if page.also_called:
        line = (f'<p data-pagefind-weight="{ALSO_CALLED_WEIGHT}">{html.escape(ALSO_CALLED.get(lang, ALSO_CALLED["en"]))}: '
                f'{html.escape(", ".join(page.also_called))}.</p>')
        content = content.replace("</h1>", "</h1>" + line, 1) if "</h1>" in content else line + content
    return (f'<!doctype html><html lang="{html.escape(lang)}"><head><title>{html.escape(page.title)}</title></head>'
            f'<body><main data-pagefind-body>'
            f"{content}</main></body></html>")


def write_indexes(indexes: dict[str, tuple[list[IndexedPage], Path, str]]) -> None:
    """Write each language's Pagefind bundle (index, pagefind.js, WebAssembly) and its word
    groups (`guide-words.json`, from client_data) into its folder.

    `indexes` maps a language to its pages, output folder and word groups. The index documents
    go to a temporary folder that the Pagefind binary reads; the languages are indexed in parallel.
    """
    with tempfile.TemporaryDirectory(prefix="guide-search-") as temp:
        runs = []
        for lang, (pages, output, _words) in indexes.items():
            work = Path(temp) / lang
            for page in (page for page in pages if not page.url.startswith(UNINDEXED_PAGES)):
                # "treatments/prp/" -> site/treatments/prp/index.html: Pagefind's URL is the page's.
                target = work / "site" / page.url / "index.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(index_html(page, lang), encoding="utf-8")
            (work / "pagefind.json").write_text(json.dumps({
                "site": "site", "output_path": str(output.resolve()), "force_language": lang,
                "exclude_selectors": EXCLUDE_SELECTORS, "quiet": True}), encoding="utf-8")
            if output.exists():
                shutil.rmtree(output)
            runs.append((lang, subprocess.Popen([str(get_executable())], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
        failed = [f"{lang}: {out.strip()}" for lang, run in runs if (out := run.communicate()[0]) is not None and run.returncode]
        if failed:
            raise RuntimeError("Pagefind could not index the site:\n" + "\n".join(failed))
    for _, output, words in indexes.values():
        (output / "guide-words.json").write_text(words, encoding="utf-8")
        for name in UNUSED_BUNDLE_FILES:
            (output / name).unlink(missing_ok=True)
