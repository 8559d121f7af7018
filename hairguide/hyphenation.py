"""Soft hyphens in long words of headings and table cells, so that narrow screens break German
compounds with a hyphen ("Injektions-behandlungen") instead of mid-word or not at all.

CSS `hyphens: auto` does this where the browser has a dictionary for the page's language, but
not every browser has one (Chromium on Linux downloads them on demand). Soft hyphens are
invisible unless a line breaks there.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
# Elements whose text may be too narrow for a long word: headings, table headers and captions.
ELEMENTS = re.compile(r"<(h[1-6]|th|caption)\b[^>]*>.*?</\1>", re.S)
TAG = re.compile(r"(<[^>]+>)")
LONG_WORD = re.compile(r"[^\W\d_]{10,}")
DICTIONARIES = {"de": "de_DE"}


@lru_cache(maxsize=None)
def _dictionary(lang: str):
    return pyphen.Pyphen(lang=DICTIONARIES[lang])


@lru_cache(maxsize=65536)
def hyphenate_word(word: str, lang: str) -> str:
    """`word` with a soft hyphen at each break the language's dictionary allows."""
    return _dictionary(lang).inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate_html(html: str, lang: str) -> str:
    """Soft hyphens in long words of every heading, table header and caption; tags and attributes untouched."""
    if lang not in DICTIONARIES:
        return html

    def in_text(text: str) -> str:
        return LONG_WORD.sub(lambda m: hyphenate_word(m.group(0), lang), text)

    def element(match) -> str:
        return "".join(part if part.startswith("<") else in_text(part) for part in TAG.split(match.group(0)))

    return ELEMENTS.sub(element, html)
