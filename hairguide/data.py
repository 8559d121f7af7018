"""The data files (treatments, references, glossary): load, validate, cross-check, extract.

One source for both languages: reader-facing strings are English msgids, translated
through the catalogs. Which fields those are is declared on the schemas (models.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from hairguide.inputs import dotted, leaves, line_of, load_yaml, read_text
from hairguide.models import (Glossary, Protocol, Reference, References, Term, Treatment, Treatments, Trials,
                              translatable_fields)
from hairguide.report import Problem, ProblemsFound, collect

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILES = {"references": References, "treatments": Treatments, "glossary": Glossary}
# Reader-facing keys per data file, derived from the schemas.
TRANSLATABLE = {"treatments.yml": translatable_fields(Treatment, Protocol, Trials), "glossary.yml": translatable_fields(Term)}
WHERE = {
    "treatments.yml": "comparison tables (compare page and treatment pages)",
    "glossary.yml": "glossary page and tooltips on every page that marks the term",
}


@dataclass
class SiteData:
    """Everything in data/, validated. Dicts keep the file order."""

    references: dict[str, Reference]
    treatments: dict[str, Treatment]
    glossary: dict[str, Term]
    lines: dict[str, dict]


def load_site_data(data_dir: Path) -> SiteData:
    """Load every data file, validate it and cross-check citation keys.

    All problems of all files are collected and raised together as ProblemsFound.
    """
    problems: list[Problem] = []
    loaded = {name: collect(lambda: load_data_file(data_dir / f"{name}.yml", schema), problems) for name, schema in FILES.items()}
    if problems:
        raise ProblemsFound(problems)
    data = SiteData(**{name: loaded[name][0] for name in FILES}, lines={name: loaded[name][1] for name in FILES})
    _check_cross_references(data, problems)
    if problems:
        raise ProblemsFound(problems)
    return data


def load_data_file(path: Path, schema) -> tuple[object, dict[tuple, int]]:
    """A data file read and validated against its schema, and its lines; problems raised as ProblemsFound."""
    display = f"data/{path.name}"
    raw, lines = load_yaml(read_text(path, display), display)
    problems: list[Problem] = []
    result = validate(schema, raw, lines, display, problems)
    if problems:
        raise ProblemsFound(problems)
    return result, lines


def validate(schema, raw, lines, display, problems):
    """`schema.model_validate(raw)`, with each error as a problem at its line (None on errors)."""
    try:
        result = schema.model_validate(raw)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(p for p in item["loc"] if not str(p).startswith(("function-", "Range", "constrained")))
            message = _plain(item, loc)
            problems.append(Problem(display, line_of(lines, loc), f"{dotted(loc)}: {message}" if loc else message))
        return None
    return getattr(result, "root", result)


# How a value should look, for the fields a pattern checks (pydantic would show the pattern).
FORMS = {"doi": "a DOI such as 10.1111/jocd.12345", "pmid": "a PubMed number: digits only", "url": "an address starting https://",
         "page": "a page's English file below docs/, such as treatments/prp.md"}


def _plain(item: dict, loc: tuple) -> str:
    """A schema error in an author's words."""
    if item["type"] == "extra_forbidden":
        return "unknown key"
    if item["type"] == "string_pattern_mismatch" and loc and loc[-1] in FORMS:
        return f"{item['input']!r} is not {FORMS[loc[-1]]}"
    if item["type"] == "model_type" and item.get("ctx", {}).get("class_name") == "Range":
        return "write a range as {min: 4, max: 6} (one number: {min: 5, max: 5})"
    if item["type"] == "string_type" and isinstance(item["input"], dict):
        return "expected text, but YAML read 'key: value': put text that contains ': ' in quotes"
    return item["msg"].removeprefix("Value error, ")


def _check_cross_references(data: SiteData, problems: list[Problem]) -> None:
    """Ids are well-formed and every citation key exists in references.yml."""
    for name in FILES:
        for key in getattr(data, name):
            if not ID.match(str(key)):
                problems.append(Problem(f"data/{name}.yml", line_of(data.lines[name], (key,)), f"id '{key}' must be lower-case words joined by hyphens"))
    for name, entries in (("treatments", data.treatments), ("glossary", data.glossary)):
        for key, entry in entries.items():
            cited = [((key, "cite", i), cite) for i, cite in enumerate(entry.cite)]
            cited += [((key, "protocols", j, "source"), p.source) for j, p in enumerate(getattr(entry, "protocols", []))]
            if getattr(entry, "trials", None):
                cited.append(((key, "trials", "source"), entry.trials.source))
            for path, cite in cited:
                if cite not in data.references:
                    problems.append(Problem(f"data/{name}.yml", line_of(data.lines[name], path), f"{dotted(path)}: unknown citation key '{cite}'"))
    for lang in ("en", "de"):  # a term's name or form may belong to one term only, per language
        seen: dict[str, str] = {}
        for key, term in data.glossary.items():
            for form in term.words(lang):
                other = seen.setdefault(form.casefold(), key)
                if other != key:
                    line = line_of(data.lines["glossary"], (key, "forms", lang))
                    problems.append(Problem("data/glossary.yml", line, f"{key}: form '{form}' ({lang}) is already used by term '{other}'"))


def translatable_strings(data, filename: str, lines: dict):
    """Yield (line, text, key path) for every reader-facing string in a data file."""
    keys = TRANSLATABLE.get(filename, set())
    for path, value in leaves(data):
        named = [part for part in path if isinstance(part, str)]
        if isinstance(value, str) and value.strip() and named and named[-1] in keys:
            yield lines.get(path, 1), value, path


def extract_yaml(fileobj, keywords, comment_tags, options):
    """Babel extraction method (named in locales/babel.cfg): (line, funcname, message, comments)."""
    filename = Path(getattr(fileobj, "name", "data.yml")).name
    data, lines = load_yaml(read_text(fileobj.read(), filename), filename)
    for line, message, path in translatable_strings(data, filename, lines):
        yield line, None, message, [f"Translators: {dotted(path)} in {WHERE.get(filename, filename)}"]
