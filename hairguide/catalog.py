"""Gettext catalogs (Babel): load strictly, never show a fuzzy or missing entry as translated."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from hairguide.problems import Problem, ProblemsFound

QUOTED = r'"(?:[^"\\]|\\.)*"'
PO_LINE = re.compile(rf'^(?:#.*|\s*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{QUOTED}\s*|{QUOTED}\s*)$')

DOMAIN = "messages"


def catalog_path(locales_dir: Path, lang: str) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(path: Path, display: str, lang: str) -> Catalog:
    """Parse a .po file with abort_invalid and check its placeholders.

    Raises ProblemsFound with 1-based lines (Babel's PoFileError line is 0-based).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProblemsFound([Problem(display, 1, "the catalog is missing")]) from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemsFound([Problem(display, line, "the catalog is not valid UTF-8")]) from None
    problems = check_po_lines(raw.decode("utf-8"), display)
    if problems:
        raise ProblemsFound(problems)
    try:
        catalog = parse_po(path, lang)
    except PoFileError as error:
        raise ProblemsFound([Problem(display, error.lineno + 1, f"invalid PO syntax: {error}")]) from None
    problems = []
    for message, errors in catalog.check():
        line = message.lineno or 1
        for err in errors:
            problems.append(Problem(display, line, f"msgid \"{_short(message.id)}\": {err}"))
    if problems:
        raise ProblemsFound(problems)
    return catalog


def parse_po(path: Path, lang: str | None = None) -> Catalog:
    """Babel's parse of a .po file (abort_invalid), once per version of the file: the build
    and the translation status page both need it. Callers must not change the result."""
    stat = path.stat()
    return _parse_po_version(str(path), stat.st_mtime_ns, stat.st_size, lang)


@lru_cache(maxsize=16)
def _parse_po_version(path: str, _mtime_ns: int, _size: int, lang: str | None) -> Catalog:
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang, abort_invalid=True)
    _drop_false_format_flags(catalog)
    return catalog


def check_po_lines(text: str, display: str) -> list[Problem]:
    """Every line is a comment, blank, a keyword with a quoted string, or a quoted continuation.

    Babel's parser accepts `msgstr Quellen` (no quotes) and silently keeps "uelle".
    """
    return [Problem(display, number, f"invalid PO syntax: expected a keyword and a \"quoted string\": {line.strip()[:60]}")
            for number, line in enumerate(text.splitlines(), start=1) if not PO_LINE.match(line)]


def _drop_false_format_flags(catalog: Catalog) -> None:
    """Texts from data files are never %-formatted: "90% of" is not a placeholder there.

    Babel flags any msgid that looks like a %-format string; checking such flags on
    data texts would force translators into odd wording.
    """
    for message in catalog:
        if message.id and message.locations and all(path.startswith("data/") for path, _ in message.locations):
            message.flags.discard("python-format")


def _short(msgid) -> str:
    text = msgid[0] if isinstance(msgid, (tuple, list)) else msgid
    return text if len(text) <= 60 else text[:57] + "..."


class Translator:
    """gettext for one language. English (the source) is the identity.

    A missing, empty or fuzzy entry returns the English text and is remembered in
    `untranslated`, so the build can warn (and the strict build fail) once per string.
    """

    def __init__(self, lang: str, catalog: Catalog | None = None, display: str = ""):
        self.lang = lang
        self.catalog = catalog
        self.display = display
        self.untranslated: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        if self.catalog is None or not message:
            return message
        entry = self.catalog.get(message)
        if entry is None or not entry.string or entry.fuzzy:
            state = "fuzzy" if entry is not None and entry.fuzzy and entry.string else "untranslated"
            self.untranslated.setdefault(message, state)
            return message
        return entry.string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.catalog is None:
            return singular if n == 1 else plural
        entry = self.catalog.get(singular)
        if entry is None or entry.fuzzy or not isinstance(entry.string, (tuple, list)) or not all(entry.string):
            self.untranslated.setdefault(singular, "untranslated")
            return singular if n == 1 else plural
        return entry.string[0 if n == 1 else 1]

    def problems(self) -> list[Problem]:
        """One problem per string shown in English on a page of this language."""
        return [Problem(self.display, self._line(msg), f"{state} entry shown in English: \"{_short(msg)}\"")
                for msg, state in self.untranslated.items()]

    def _line(self, message: str) -> int:
        entry = self.catalog.get(message) if self.catalog else None
        return (entry.lineno if entry and entry.lineno else 1)
