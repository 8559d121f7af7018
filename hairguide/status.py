"""Translation status: catalog strings and pages, per language."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from hairguide.catalog import catalog_path, parse_po
from hairguide.checkedcache import cached_load
from hairguide.freshness import page_state, read_page, recorded_hash, translated_path


def catalog_counts(po_file: Path, lang: str | None = None) -> dict[str, int]:
    """Strings translated, fuzzy and untranslated in one catalog."""
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    if not po_file.exists():
        return counts
    try:
        catalog = parse_po(po_file, lang)
    except PoFileError:  # the build reports the syntax error; count what a lenient parse finds
        with po_file.open("rb") as handle:
            catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy and message.string:
            counts["fuzzy"] += 1
        elif message.string and (not isinstance(message.string, tuple) or all(message.string)):
            counts["translated"] += 1
        else:
            counts["untranslated"] += 1
    return counts


def page_states(docs: Path, lang: str) -> dict[str, list[str]]:
    """English pages sorted into current / outdated / missing for one language."""
    states: dict[str, list[str]] = {"current": [], "outdated": [], "missing": []}
    for english in sorted(docs.rglob("*.md")):
        if len(english.suffixes) > 1:
            continue
        translated = translated_path(english, lang)
        rel = translated.relative_to(docs.parent).as_posix()
        if not translated.exists():
            states["missing"].append(rel)
            continue
        state = page_state(read_page(english), recorded_hash(read_page(translated)))
        states[state].append(rel)
    return states


def status_report(root: Path, languages: list[str], cache_dir: Path | None = None) -> dict:
    """The whole report, as plain data (also printed as JSON by `dev.py status --json`).
    With `cache_dir`, catalog counts are reused while the catalog's bytes are unchanged."""
    report = {}
    for lang in languages:
        po_file = catalog_path(root / "locales", lang)
        strings = cached_load(cache_dir, f"counts-{lang}", [po_file], lambda: catalog_counts(po_file, lang))
        pages = page_states(root / "docs", lang)
        total = sum(strings.values()) + sum(len(v) for v in pages.values())
        done = strings["translated"] + len(pages["current"])
        report[lang] = {"strings": strings, "pages": {k: len(v) for k, v in pages.items()},
                        "page_files": pages, "percent": round(100 * done / total) if total else 100}
    return report


def format_text(report: dict) -> str:
    lines = []
    for lang, item in report.items():
        s, p = item["strings"], item["pages"]
        lines.append(f"{lang}: {item['percent']}% done")
        lines.append(f"  strings: {s['translated']} translated, {s['fuzzy']} fuzzy, {s['untranslated']} untranslated")
        lines.append(f"  pages:   {p['current']} current, {p['outdated']} outdated, {p['missing']} missing")
        for state in ("outdated", "missing"):
            for path in item["page_files"][state]:
                lines.append(f"    {state}: {path}")
    return "\n".join(lines)


def format_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)
