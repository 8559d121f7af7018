"""Spelling (hunspell) and discouraged German term variants, checked on the pages' prose."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from hairguide.pages import split_front_matter
from hairguide.report import Problem

DICTIONARIES = {"en": "en_GB,en_US", "de": "de_DE"}
_REMOVE = [
    re.compile(r"^(```|~~~).*?^\1", re.S | re.M),          # code blocks
    re.compile(r"<svg\b.*?</svg>", re.S),                  # inline diagrams (labels are checked in review)
    re.compile(r"<!--.*?-->", re.S),                       # markers and comments
    re.compile(r"\[@[^\]]+\]"),                            # citations
    re.compile(r"\{[#.][^}]*\}"),                          # heading ids and attributes
    re.compile(r"(?<=\])\([^)]*\)"),                        # link targets (visible text stays)
    re.compile(r"[\[\]]"),                                  # link brackets
    re.compile(r"<[^>]+>"),                                # HTML tags
    re.compile(r"https?://\S+"),                           # bare URLs
    re.compile(r"\b[\w-]+\.md\b"),                          # file names
    re.compile(r"`[^`]*`"),                                # inline code
    re.compile(r"^\s*!!!\s+\w+", re.M),                     # admonition keywords
    re.compile(r"^\s*(?:[-*]|\d+\.)\s", re.M),               # list markers
    re.compile(r"^[-|: ]+$", re.M),                        # table rules
    re.compile(r"(?<=\w)[.:;,!?)]+(?=\s|$)"),              # punctuation after a word (hunspell de keeps "FDA.")
]


def _blank(match) -> str:
    """Keep line numbers; glue link text to a following suffix ("[Placebo](…)kontrolliert")."""
    text = match.group(0)
    if "\n" in text:
        return "\n" * text.count("\n")
    return "" if text.startswith(("(", "[", "]")) else " "


def prose(markdown: str) -> str:
    """The words a reader sees, with markup, ids, citations and link targets removed (the
    front matter, found by the build's own reader, becomes blank lines: line numbers stay)."""
    _block, body, offset = split_front_matter(markdown)
    markdown = "\n" * offset + body
    for pattern in _REMOVE:
        markdown = pattern.sub(_blank, markdown)
    return markdown


# A word no dictionary knows, on a line between two pages: hunspell reports it where one
# page's words end and the next page's begin.
_PAGE_BREAK = "zzqxpagebreakzzqx"


def misspelled(text: str, lang: str, wordlist: Path) -> list[str]:
    """Words hunspell does not know, in order of first appearance (project word list included)."""
    return misspelled_in_each([text], lang, wordlist)[0]


def misspelled_in_each(texts: list[str], lang: str, wordlist: Path) -> list[list[str]]:
    """misspelled() of each text, from one hunspell process (starting hunspell and loading its
    dictionaries takes longer than checking a page)."""
    result = subprocess.run(["hunspell", "-d", DICTIONARIES[lang], "-p", str(wordlist), "-l"],
                            input=f"\n{_PAGE_BREAK}\n".join(texts), capture_output=True, text=True, check=True)
    found: list[list[str]] = [[]]
    for word in result.stdout.split():
        if word == _PAGE_BREAK:
            found.append([])
        else:
            found[-1].append(word)
    assert len(found) == len(texts), f"hunspell reported {len(found) - 1} of {len(texts) - 1} page breaks"
    # hunspell's de_DE ignores some lower-case personal words ("plasma"): filter here as well.
    known = set(wordlist.read_text(encoding="utf-8").split()) if wordlist.exists() else set()
    return [[word for word in dict.fromkeys(words) if word not in known] for words in found]


def check_spelling(pages: list[Path], root: Path, lang: str, wordlist: Path) -> list[Problem]:
    """One problem per unknown word and page, at the line where it first appears."""
    texts = [prose(page.read_text(encoding="utf-8")) for page in pages]
    problems = []
    for page, text, words in zip(pages, texts, misspelled_in_each(texts, lang, wordlist)):
        for word in words:
            line = next((n for n, content in enumerate(text.splitlines(), 1) if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", content)), 1)
            problems.append(Problem(page.relative_to(root).as_posix(), line, f"unknown word '{word}' (fix it, or add it to {wordlist.relative_to(root).as_posix()})"))
    return problems


def check_discouraged(page: Path, root: Path, discouraged: dict[str, str]) -> list[Problem]:
    """German pages must not use discouraged variants of glossary terms (e.g. 'Eigenbluttherapie' for PRP)."""
    text = prose(page.read_text(encoding="utf-8"))
    problems = []
    for variant, term_id in discouraged.items():
        for match in re.finditer(rf"(?<!\w){re.escape(variant)}\w*", text, re.I):
            # A quoted variant ("so-called ...") is allowed: it is being explained, not used.
            before = text[max(0, match.start() - 1): match.start()]
            if before in "„\"'‚“":
                continue
            line = text.count("\n", 0, match.start()) + 1
            problems.append(Problem(page.relative_to(root).as_posix(), line, f"'{match.group(0)}' is a discouraged variant of the glossary term '{term_id}'"))
    return problems
