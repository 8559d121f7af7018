"""Gettext catalogs (Babel): load strictly, translate, count, extract and update.

A fuzzy or missing entry is never shown as translated: the English text is shown and
the strict build fails, naming the catalog line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import PoFileError, read_po

from hairguide.inputs import read_text
from hairguide.report import Problem, ProblemsFound, collect

DOMAIN = "messages"
# The language of the msgids and of pages without a language suffix. It is not always static-i18n's
# default language: a German-only preview (BUILD_ONLY_LOCALE=de) makes German the default.
SOURCE_LANG = "en"
QUOTED = r'"(?:[^"\\]|\\.)*"'
NAMED = re.compile(r"%\((\w+)\)")  # a named placeholder, %(months)s
WIDE = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d{4,}")  # '%(n)2000000000s' would fill gigabytes
PO_LINE = re.compile(rf'^(?:#.*|\s*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{QUOTED}\s*|\s*{QUOTED}\s*)$')  # continuations may be indented
# An entry's msgctxt (if any) and msgid, each with its continuation lines.
ENTRY = re.compile(rf'^(?:msgctxt\s+(?P<ctxt>{QUOTED}(?:\s*\n\s*{QUOTED})*)\s*\n)?msgid\s+(?P<id>{QUOTED}(?:\s*\n\s*{QUOTED})*)', re.M)
EXTRACT = ["extract", "-F", "locales/babel.cfg", "-k", "N_", "-c", "Translators:", "--sort-by-file",
           "--project", "hair-loss-guide", "--copyright-holder", "the guide's authors", "-o", "locales/messages.pot", "."]


def catalog_path(lang: str, root: Path = Path(".")) -> Path:
    """A language's catalog: locales/de/LC_MESSAGES/messages.po (below `root`)."""
    return root / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(path: Path, display: str, lang: str) -> Catalog:
    """Parse a .po file strictly; raises ProblemsFound with 1-based lines.

    Checked: UTF-8, invisible characters, every line's syntax (Babel accepts `msgstr
    Quellen` and silently keeps "uelle"), duplicate msgids, and placeholders.
    """
    text = read_text(path, display)
    problems = _check_lines(text, display)
    if problems:
        raise ProblemsFound(problems)
    try:
        catalog = read_po(text.encode("utf-8").splitlines(True), locale=lang, abort_invalid=True)
    except PoFileError as error:  # Babel's line is 0-based
        raise ProblemsFound([Problem(display, error.lineno + 1, f"invalid PO syntax: {error}")]) from None
    except (LookupError, ValueError) as error:  # e.g. a header naming an unknown charset or locale
        raise ProblemsFound([Problem(display, 1, f"invalid catalog header: {error}")]) from None
    for message in catalog:
        # Data texts are never %-formatted: "90% of" is not a placeholder there.
        if message.locations and all(path.startswith("data/") for path, _ in message.locations):
            message.flags.discard("python-format")
    problems = [Problem(display, message.lineno or 1, f"msgid \"{_short(message.id)}\": {err}")
                for message, errors in catalog.check() for err in errors]
    problems += [Problem(display, message.lineno or 1, f"msgid \"{_short(message.id)}\": {err}")
                 for message in catalog if message.id and "python-format" in message.flags and not message.fuzzy
                 for err in _filled(message)]  # a fuzzy entry is never shown
    if problems:
        raise ProblemsFound(problems)
    return catalog


def _filled(message) -> list[str]:
    """What Babel's check lets through but the page would show wrong or fail on: a translation
    that leaves out a named placeholder (a number would vanish from the page; the singular of a
    plural may leave out its count), or one that Python's % cannot fill ('%(months).', '100 %)')."""
    names = set(NAMED.findall(" ".join(message.id) if isinstance(message.id, (tuple, list)) else message.id))
    forms = list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]
    errors = []
    for index, text in enumerate(forms if names else []):
        if not text:
            continue  # untranslated: the English text is shown
        missing = sorted(names - set(NAMED.findall(text)))
        if index == 0 and len(forms) > 1:  # the singular may leave out its count ("eine Sitzung")
            missing = [name for name in missing if name != _count(message.id)]
        if missing:
            errors.append(f"the translation leaves out {', '.join(f'%({name})s' for name in missing)}")
        if WIDE.search(text):
            errors.append("the translation's placeholder has a width of 1,000 or more characters")
            continue
        try:
            text % {name: 1 for name in names}  # (positional placeholders: Babel's check)
        except KeyError:
            pass  # a placeholder the English text does not have: Babel's check names it
        except (ValueError, TypeError) as error:
            errors.append(f"the translation's placeholders cannot be filled ({error}); write a per cent sign as %%")
    return errors


def _count(msgid: tuple) -> str | None:
    """The placeholder that holds a plural's number: the one only the English plural has
    ('one session' / '%(n)s sessions'), or else the English singular's first."""
    singular, plural = (NAMED.findall(form) for form in msgid[:2])
    return (sorted(set(plural) - set(singular)) or singular or [None])[0]


def _check_lines(text: str, display: str) -> list[Problem]:
    """Every line is a comment, blank, a keyword with a quoted string, or a continuation;
    no msgid (with its msgctxt) appears twice."""
    problems = [Problem(display, number, f"invalid PO syntax: expected a keyword and a \"quoted string\": {line.strip()[:60]}")
                for number, line in enumerate(text.splitlines(), start=1) if not PO_LINE.match(line)]
    seen: dict[tuple, int] = {}
    line, at = 1, 0
    for entry in ENTRY.finditer(text):
        ident = tuple("".join(part[1:-1] for part in re.findall(QUOTED, entry.group(key) or "")) for key in ("ctxt", "id"))
        line, at = line + text.count("\n", at, entry.start()), entry.start()
        if ident[1] and ident in seen:
            problems.append(Problem(display, line, f"duplicate msgid \"{_short(ident[1])}\" (first on line {seen[ident]})"))
        seen.setdefault(ident, line)
    return problems


def _short(msgid) -> str:
    text = msgid[0] if isinstance(msgid, (tuple, list)) else msgid
    return text if len(text) <= 60 else text[:57] + "..."


def entry_state(entry) -> str:
    """'translated', 'fuzzy' or 'untranslated' (no entry, or an empty string or plural form):
    only a translated entry is ever shown."""
    if entry is None or not entry.string or (isinstance(entry.string, (tuple, list)) and not all(entry.string)):
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


class Translator:
    """gettext for one language. English (the source) is the identity.

    A missing, empty or fuzzy entry returns the English text and is remembered, so the
    build can warn (and the strict build fail) once per string.
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
        if (state := entry_state(entry)) != "translated":
            self.untranslated.setdefault(message, state)
            return message
        return entry.string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.catalog is None:
            return singular if n == 1 else plural
        entry = self.catalog.get(singular)
        state = entry_state(entry) if entry is None or isinstance(entry.string, (tuple, list)) else "untranslated"
        if state != "translated":
            self.untranslated.setdefault(singular, state)
            return singular if n == 1 else plural
        return entry.string[min(0 if n == 1 else 1, len(entry.string) - 1)]  # (a catalog may have one form)

    def problems(self) -> list[Problem]:
        """One problem per string shown in English on a page of this language."""
        def line(message):
            entry = self.catalog.get(message) if self.catalog else None
            return entry.lineno if entry and entry.lineno else 1
        return [Problem(self.display, line(msg), f"{state} entry shown in English: \"{_short(msg)}\"" if line(msg) > 1 else
                        f"\"{_short(msg)}\" is not in the catalog and is shown in English: run python3 dev.py extract, then translate it")
                for msg, state in self.untranslated.items()]


def catalog_counts(path: Path, lang: str) -> dict[str, int] | None:
    """Strings translated, fuzzy and untranslated in one catalog, read as the build reads it;
    None if it is missing. A catalog the build would refuse raises ProblemsFound."""
    if not path.exists():
        return None
    catalog = load_catalog(path, catalog_path(lang).as_posix(), lang)
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for message in catalog:
        if message.id:
            counts[entry_state(message)] += 1
    return counts


def extract_and_update(root: Path) -> int:
    """`pybabel extract`, then `pybabel update` for every language that has a catalog, in-process.

    Each catalog is first checked as the build checks it: Babel's update reads a broken line
    its own way and writes the result back (`msgstr Quellen` becomes "uelle"; with a byte-order
    mark the header becomes a translation), so a catalog with problems is left as it is and
    its problems are raised as ProblemsFound."""
    catalogs = sorted((root / "locales").glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    problems: list[Problem] = []
    for po in catalogs:
        collect(lambda: load_catalog(po, catalog_path(po.parent.parent.name).as_posix(), po.parent.parent.name), problems)
    if problems:
        raise ProblemsFound(problems)
    for po in catalogs:
        raw = po.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            po.write_bytes(raw[3:])  # no byte-order mark: Babel would read the header as an entry
    here = os.getcwd()
    os.chdir(root)  # babel.cfg's patterns and the catalog's locations are relative to the project
    try:
        code = CommandLineInterface().run(["pybabel", "-q", *EXTRACT]) or 0
        for po in sorted(Path("locales").glob("*/LC_MESSAGES/messages.po")):
            update = ["pybabel", "-q", "update", "-i", "locales/messages.pot", "-d", "locales", "-l", po.parent.parent.name]
            code = code or CommandLineInterface().run(update) or 0
    finally:
        os.chdir(here)
    return code
