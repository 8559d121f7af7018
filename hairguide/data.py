"""Load and validate the data files once per build: treatments, references, glossary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from hairguide.checkedcache import cached_load
from hairguide.models import Glossary, Reference, References, Term, Treatment, Treatments
from hairguide.problems import Problem, ProblemsFound
from hairguide.yamlfile import dotted, line_of, load_yaml

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILES = {"references": References, "treatments": Treatments, "glossary": Glossary}


@dataclass
class SiteData:
    """Everything in data/, validated. Dicts keep the file order."""

    references: dict[str, Reference]
    treatments: dict[str, Treatment]
    glossary: dict[str, Term]
    lines: dict[str, dict]


_cache: dict = {}


def load_site_data_cached(data_dir: Path, cache_dir: Path | None = None) -> SiteData:
    """load_site_data, reused while no data file changed (each language build and each
    `mkdocs serve` rebuild would otherwise parse and validate the same files again), and
    kept in `cache_dir` between runs (see hairguide.checkedcache)."""
    stamp = tuple((name, (data_dir / f"{name}.yml").stat().st_mtime_ns if (data_dir / f"{name}.yml").exists() else None) for name in FILES)
    key = (str(data_dir.resolve()), stamp)
    if key not in _cache:
        _cache.clear()
        inputs = [data_dir / f"{name}.yml" for name in FILES]
        _cache[key] = cached_load(cache_dir, "data", inputs, lambda: load_site_data(data_dir))
    return _cache[key]


def load_site_data(data_dir: Path, display_root: str = "data") -> SiteData:
    """Load every data file, validate it and cross-check citation keys.

    All problems of all files are collected and raised together as ProblemsFound.
    """
    problems: list[Problem] = []
    loaded, lines = {}, {}
    for name, schema in FILES.items():
        display = f"{display_root}/{name}.yml"
        try:
            raw, lines[name] = load_yaml(data_dir / f"{name}.yml", display)
        except ProblemsFound as found:
            problems += found.problems
            continue
        loaded[name] = _validate(schema, raw, lines[name], display, problems)
    if problems:
        raise ProblemsFound(problems)
    data = SiteData(loaded["references"], loaded["treatments"], loaded["glossary"], lines)
    _check_cross_references(data, display_root, problems)
    if problems:
        raise ProblemsFound(problems)
    return data


def _validate(schema, raw, lines, display, problems):
    try:
        return schema.model_validate(raw).root
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(part for part in item["loc"] if part not in ("function-after[_ordered()]",))
            loc = tuple(p for p in loc if not str(p).startswith(("function-", "Range", "constrained")))
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                message = "unknown key"
            problems.append(Problem(display, line_of(lines, loc), f"{dotted(loc)}: {message}"))
        return None


def _check_cross_references(data: SiteData, root: str, problems: list[Problem]) -> None:
    """Ids are well-formed and every citation key exists in references.yml."""
    for name in ("references", "treatments", "glossary"):
        for key in getattr(data, name):
            if not ID.match(str(key)):
                problems.append(Problem(f"{root}/{name}.yml", line_of(data.lines[name], (key,)), f"id '{key}' must be lower-case words joined by hyphens"))
    for name, entries in (("treatments", data.treatments), ("glossary", data.glossary)):
        for key, entry in entries.items():
            for i, cite in enumerate(entry.cite):
                _check_key(data, cite, name, (key, "cite", i), root, problems)
            for j, protocol in enumerate(getattr(entry, "protocols", [])):
                _check_key(data, protocol.source, name, (key, "protocols", j, "source"), root, problems)
    _check_glossary_forms(data, root, problems)


def _check_key(data, key, name, path, root, problems):
    if key not in data.references:
        problems.append(Problem(f"{root}/{name}.yml", line_of(data.lines[name], path), f"{dotted(path)}: unknown citation key '{key}'"))


def _check_glossary_forms(data: SiteData, root: str, problems: list[Problem]) -> None:
    """A term's name or form may belong to one term only, per language."""
    for lang in ("en", "de"):
        seen: dict[str, str] = {}
        for key, term in data.glossary.items():
            forms = getattr(term.forms, lang) + ([term.term] if lang == "en" else [])
            for form in forms:
                other = seen.setdefault(form.casefold(), key)
                if other != key:
                    line = line_of(data.lines["glossary"], (key, "forms", lang))
                    problems.append(Problem(f"{root}/glossary.yml", line, f"{key}: form '{form}' ({lang}) is already used by term '{other}'"))
