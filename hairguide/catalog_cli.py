"""Catalog commands: extract strings into messages.pot and merge them into each messages.po; compile .mo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

EXTRACT_ARGS = ["extract", "-F", "locales/babel.cfg", "-k", "N_", "-c", "Translators:", "--sort-by-file",
                "--project", "hair-loss-guide", "--copyright-holder", "the guide's authors", "-o", "locales/messages.pot", "."]


def pybabel() -> list[str]:
    return [str(Path(sys.executable).with_name("pybabel"))]


def extract_and_update(root: Path) -> int:
    """pybabel extract, then pybabel update for every language that has a catalog."""
    code = subprocess.call(pybabel() + EXTRACT_ARGS, cwd=root)
    for po in sorted((root / "locales").glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        code = code or subprocess.call(pybabel() + ["update", "-i", "locales/messages.pot", "-d", "locales", "-l", lang], cwd=root)
    return code


def compile_catalog(po_file: Path) -> Path:
    """Write messages.mo beside messages.po (fuzzy entries left out), if the .po is newer."""
    mo_file = po_file.with_suffix(".mo")
    if mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime:
        return mo_file
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    with mo_file.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return mo_file


def main(argv: list[str], root: Path = Path(".")) -> int:
    if argv[:1] == ["extract"]:
        return extract_and_update(root)
    if argv[:1] == ["compile"]:
        for po in sorted((root / "locales").glob("*/LC_MESSAGES/messages.po")):
            print(f"compiled {compile_catalog(po)}")
        return 0
    print("usage: python -m hairguide.catalog_cli extract|compile", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
