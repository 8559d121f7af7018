"""Soft hyphens in long words of headings and table cells, so that narrow screens break German
compounds with a hyphen ("Injektions-behandlungen") instead of mid-word or not at all.

CSS `hyphens: auto` does this where the browser has a dictionary for the page's language, but
not every browser has one (Chromium on Linux downloads them on demand). Soft hyphens are
invisible unless a line breaks there.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pyphen

SOFT_HYPHEN = "\u00ad"
# Elements whose text may be too narrow for a long word: headings, table headers and captions.
ELEMENTS = re.compile(r"<(h[1-6]|th|caption)\b[^>]*>.*?</\1>", re.S)
TAG = re.compile(r"(<[^>]+>)")
LONG_WORD = re.compile(r"[^\W\d_]{10,}")
DICTIONARIES = {"de": "de_DE"}
VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")


def hyphenator(lang: str, texts: list[str]) -> pyphen.Pyphen | None:
    """pyphen's dictionary for `lang`, reduced to the patterns the long words of `texts` can
    use (headings and interface strings: every text hyphenate_html can meet). Parsing the
    whole 1 MB German file costs about a second per build; filtering it a few hundredths."""
    if lang not in DICTIONARIES:
        return None
    words = {f".{word.lower()}." for text in texts for word in LONG_WORD.findall(text)}
    parts = {word[i:j] for word in words for i in range(len(word)) for j in range(i + 1, len(word) + 1)}
    source = Path(pyphen.LANGUAGES[DICTIONARIES[lang]])
    encoding, text = source.read_bytes().decode("latin-1").split("\n", 1)
    text = text.encode("latin-1").decode(encoding.strip(), "replace")
    # Only the word-level patterns: pyphen does not know hunspell's two levels (NEXTLEVEL) and,
    # given both, breaks inside syllables ("Haa-rfollikel").
    text = text.split("NEXTLEVEL", 1)[-1]
    lines = text.split("\n")
    keys = re.sub(r"[0-9]|/.*", "", text).split("\n")  # a pattern's letters: what it matches
    patterns = [line for line, key in zip(lines, keys) if key.strip() in parts]
    with tempfile.TemporaryDirectory() as folder:
        reduced = Path(folder) / source.name
        reduced.write_text("\n".join([encoding.strip(), *patterns]), encoding=encoding.strip())
        return pyphen.Pyphen(filename=str(reduced))


def hyphenate_word(word: str, dictionary: pyphen.Pyphen) -> str:
    """`word` with soft hyphens where it may break. A part without a vowel is no syllable:
    it stays with the part before it ("Deut-sch-land" becomes "Deutsch-land")."""
    parts: list[str] = []
    for part in dictionary.inserted(word, hyphen="\x00").split("\x00"):
        if parts and not VOWELS & set(part) or parts and not VOWELS & set(parts[-1]):
            parts[-1] += part
        else:
            parts.append(part)
    return SOFT_HYPHEN.join(parts)


def hyphenate_html(html: str, dictionary: pyphen.Pyphen | None) -> str:
    """Soft hyphens in long words of every heading, table header and caption; tags and attributes untouched."""
    if dictionary is None:
        return html

    def in_text(text: str) -> str:
        return LONG_WORD.sub(lambda m: hyphenate_word(m.group(0), dictionary), text)

    def element(match) -> str:
        return "".join(part if part.startswith("<") else in_text(part) for part in TAG.split(match.group(0)))

    return ELEMENTS.sub(element, html)
