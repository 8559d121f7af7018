"""Translator commands: status, translation-diff, mark-current (run through dev.py)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from hairguide.freshness import english_at_recorded_version, english_path, mark_current, recorded_hash
from hairguide.status import format_json, format_text, status_report

LANGUAGES = ["de"]


def main(argv: list[str], root: Path = Path(".")) -> int:
    command, args = argv[0], argv[1:]
    if command == "status":
        report = status_report(root, LANGUAGES)
        print(format_json(report) if "--json" in args else format_text(report))
        return 0
    if not args:
        print(f"usage: python3 dev.py {command} docs/PAGE.de.md ...", file=sys.stderr)
        return 2
    if command == "mark-current":
        for name in args:
            print(f"{name}: translation_of: {mark_current(root / name)}")
        return 0
    return translation_diff(root, root / args[0])


def translation_diff(root: Path, translated: Path) -> int:
    """Print a unified diff of the English page from the translated version to now."""
    english = english_path(translated)
    recorded = recorded_hash(translated.read_text(encoding="utf-8"))
    if not recorded:
        print(f"{translated}: no translation_of recorded; compare with {english} as a whole.", file=sys.stderr)
        return 1
    old = english_at_recorded_version(root, english, recorded)
    if old is None:
        print(f"{translated}: the English version {recorded} is not in git history.", file=sys.stderr)
        return 1
    new = english.read_text(encoding="utf-8")
    diff = difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"{english} (translated, {recorded})", f"{english} (now)")
    sys.stdout.writelines(diff)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
