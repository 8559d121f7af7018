"""Is a translated page current? Each German page records a hash of the English page it translates."""

from __future__ import annotations

import hashlib
import re
import subprocess
from functools import lru_cache
from pathlib import Path

FIELD = "translation_of"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def read_page(path: Path) -> str:
    """A page's text, read once per version of the file (every language build and the status
    page compare the same English pages)."""
    stat = path.stat()
    return _read_version(str(path), stat.st_mtime_ns, stat.st_size)


def source_of(file) -> str:
    """A documentation file's source text. MkDocs' `File.content_string` reads the file on
    every access; several hooks need the source of every page."""
    path = getattr(file, "abs_src_path", None)
    return read_page(Path(path)) if path else file.content_string


@lru_cache(maxsize=8192)
def _read_version(path: str, _mtime_ns: int, _size: int) -> str:
    return Path(path).read_text(encoding="utf-8-sig")


@lru_cache(maxsize=8192)
def source_hash(english_text: str) -> str:
    """A short, stable fingerprint of an English page body (front matter and line-end spaces ignored)."""
    english_text = FRONT_MATTER.sub("", english_text, count=1)
    normalized = "\n".join(line.rstrip() for line in english_text.strip().splitlines())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:12]


def translated_path(english: Path, lang: str) -> Path:
    return english.with_name(f"{english.stem}.{lang}.md")


def english_path(translated: Path) -> Path:
    stem, _lang = translated.stem.rsplit(".", 1)
    return translated.with_name(f"{stem}.md")


def page_state(english_text: str, recorded: str | None) -> str:
    """'current' when the recorded hash matches the English page, else 'outdated'."""
    return "current" if recorded and str(recorded) == source_hash(english_text) else "outdated"


def recorded_hash(translated_text: str) -> str | None:
    match = FRONT_MATTER.match(translated_text)
    if not match:
        return None
    field = re.search(rf"^{FIELD}:\s*['\"]?([0-9a-f]+)['\"]?\s*$", match.group(1), re.M)
    return field.group(1) if field else None


def mark_current(translated: Path) -> str:
    """Write the English page's current hash into the translated page's front matter."""
    text = translated.read_text(encoding="utf-8")
    digest = source_hash(english_path(translated).read_text(encoding="utf-8"))
    match = FRONT_MATTER.match(text)
    if not match:
        text = f"---\n{FIELD}: {digest}\n---\n\n{text}"
    elif re.search(rf"^{FIELD}:", match.group(1), re.M):
        block = re.sub(rf"^{FIELD}:.*$", f"{FIELD}: {digest}", match.group(1), flags=re.M)
        text = f"---\n{block}---\n" + text[match.end():]
    else:
        text = f"---\n{match.group(1)}{FIELD}: {digest}\n---\n" + text[match.end():]
    translated.write_text(text, encoding="utf-8")
    return digest


def english_at_recorded_version(repo: Path, english: Path, recorded: str) -> str | None:
    """The English text as it was when the translation was made, found in git history."""
    rel = english.resolve().relative_to(repo.resolve()).as_posix()
    commits = subprocess.run(["git", "log", "--format=%H", "--", rel], cwd=repo, capture_output=True, text=True).stdout.split()
    for commit in commits:
        old = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=repo, capture_output=True, text=True)
        if old.returncode == 0 and source_hash(old.stdout) == recorded:
            return old.stdout
    return None
