"""Commands for maintainers and translators (run through dev.py): build, extract, status,
translation-diff, mark-current. No argument makes them print a traceback."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hairguide.build import replace_site
from hairguide.catalog import catalog_path, extract_and_update
from hairguide.pages import english_at_recorded_version, english_path, mark_current, recorded_hash, status_report, text_of
from hairguide.report import ProblemsFound

LANGUAGES = ["de"]


def safe_build(project: Path, site: Path) -> int:
    """A strict `mkdocs build` into a sibling temporary folder, swapped in only on success.

    A failed or interrupted build leaves the previous site untouched and no temporary folder.
    """
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(temp)]
        code = subprocess.call(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        if code != 0:
            print(f"Build failed: {site} was left as it was.", file=sys.stderr)
            return code
        replace_site(temp, site)
        return 0
    except KeyboardInterrupt:
        print(f"Build interrupted: {site} was left as it was.", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def german_page(root: Path, name: str) -> Path:
    """A translated page under docs/, or SystemExit with a sentence saying what is wrong."""
    docs = (root / "docs").resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(docs):
        raise SystemExit(f"{name}: not a page under docs/")
    if not any(path.name.endswith(f".{lang}.md") for lang in LANGUAGES):
        raise SystemExit(f"{name}: not a translated page (docs/PAGE.{LANGUAGES[0]}.md)")
    if not path.is_file():
        raise SystemExit(f"{name}: no such page")
    if not english_path(path).is_file():
        raise SystemExit(f"{name}: there is no English page {english_path(path).relative_to(root.resolve())} to compare with")
    return path


def translation_diff(root: Path, translated: Path) -> int:
    """A unified diff of the English page from the translated version to now."""
    english = english_path(translated)
    page, original = (path.resolve().relative_to(root.resolve()).as_posix() for path in (translated, english))
    recorded = recorded_hash(text_of(translated))
    if not recorded:
        print(f"{page}: no translation_of recorded; compare with {original} as a whole.", file=sys.stderr)
        return 1
    old = english_at_recorded_version(root, english, recorded)
    if old is None:
        print(f"{page}: the English version {recorded} is not in git history.", file=sys.stderr)
        return 1
    new = text_of(english)
    if old == new:
        print(f"{page}: {original} has not changed since it was translated.")
    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                               f"{original} (translated, {recorded})", f"{original} (now)"))
    return 0


def format_status(report: dict) -> str:
    lines = []
    for lang, item in report.items():
        s, p = item["strings"], item["pages"]
        if item["catalog"] != "present":
            lines.append(f"{lang}: the catalog {catalog_path(lang).as_posix()} is {item['catalog']}")
        lines.append(f"{lang}: {item['percent']}% done")
        lines.append(f"  strings: {s['translated']} translated, {s['fuzzy']} fuzzy, {s['untranslated']} untranslated")
        lines.append(f"  pages:   {p['current']} current, {p['outdated']} outdated, {p['missing']} missing")
        lines += [f"    {state}: {path}" for state in ("outdated", "missing") for path in item["page_files"][state]]
    return "\n".join(lines)


def main(argv: list[str], root: Path = Path(".")) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="strict build into site/ (replaced only if the build succeeds)")
    commands.add_parser("extract", help="extract strings into locales/messages.pot and update the catalogs")
    commands.add_parser("status", help="translation status per language").add_argument("--json", action="store_true")
    commands.add_parser("translation-diff", help="what changed in English since PAGE was translated").add_argument("page")
    commands.add_parser("mark-current", help="record that PAGE now matches its English page").add_argument("pages", nargs="+")
    args = parser.parse_args(argv)  # unknown options: a usage message and exit code 2
    try:
        if args.command == "build":
            return safe_build(root, root / "site")
        if args.command == "extract":
            try:
                return extract_and_update(root)
            except ProblemsFound as found:
                print(f"{found}\nNothing was extracted or updated: fix these lines, then run extract again.", file=sys.stderr)
                return 1
        if args.command == "status":
            report = status_report(root, LANGUAGES)
            print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_status(report))
            return 0
        if args.command == "translation-diff":
            return translation_diff(root, german_page(root, args.page))
        pages = [german_page(root, name) for name in args.pages]  # all checked before any is written
        for name, path in zip(args.pages, pages):
            print(f"{name}: translation_of: {mark_current(path)}")
        return 0
    except ProblemsFound as found:
        print(found, file=sys.stderr)
        return 1
    except SystemExit as stop:
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
