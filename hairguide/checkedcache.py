"""Results of slow, deterministic loaders kept on disk between builds (`.cache/checked/`).

Parsing and checking the catalogs and data files costs a few dozen milliseconds per
build, every build, although they rarely change. A result is stored only when loading
succeeded, under a key made of the input files' bytes, the source of this package and
the versions of Python and the libraries involved: any change to any of them loads
and checks everything again. Problems are never cached, so they are always reported.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
KEEP = 4  # results kept per kind (older ones are removed)
_code_version: str | None = None


def cached_load(cache_dir: Path | None, kind: str, inputs: list[Path], load):
    """`load()`, or its stored result for exactly these input bytes and this code."""
    if cache_dir is None:
        return load()
    try:
        digest = _key(kind, inputs)
    except OSError:
        return load()  # a missing input: let the loader report it
    target = cache_dir / "checked" / f"{kind}-{digest}.pickle"
    try:
        return pickle.loads(target.read_bytes())
    except Exception:  # absent, truncated or unreadable: load again (the cache is only a shortcut)
        pass
    result = load()
    _store(target, result, kind)
    return result


def _key(kind: str, inputs: list[Path]) -> str:
    digest = hashlib.sha256(f"{kind}\0{_code()}".encode())
    for path in inputs:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _code() -> str:
    """This package's source and the versions of what parses and validates."""
    global _code_version
    if _code_version is None:
        digest = hashlib.sha256(sys.version.encode())
        for name in ("babel", "pydantic", "PyYAML", "Jinja2"):
            digest.update(f"{name}={version(name)}".encode())
        for source in sorted(PACKAGE.glob("*.py")):
            digest.update(source.name.encode() + source.read_bytes())
        _code_version = digest.hexdigest()
    return _code_version


def _store(target: Path, result, kind: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
        old = sorted(target.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # read-only checkout: nothing is kept, nothing breaks
