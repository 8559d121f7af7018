"""Jinja bytecode caches shared by every build: in memory, and on disk between runs.

MkDocs creates a new template environment for each build, so static-i18n's second
language, every `mkdocs serve` rebuild and every new `mkdocs build` would compile all
theme templates again. Compiled templates are kept in memory for the process and in
`.cache/jinja-<version>/` for later runs. Jinja checks each template's source checksum
(and the Python bytecode version), so a changed template is simply recompiled.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache


class LayeredBytecodeCache(BytecodeCache):
    """Memory first, then an optional directory; writes go to both (atomically on disk)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.directory: Path | None = None
        self._store: dict[str, bytes] = {}

    def use_directory(self, root: Path) -> None:
        """Keep compiled templates under `root` (normally the project's .cache/)."""
        self.directory = root / f"jinja-{jinja2.__version__}" / self.kind

    def load_bytecode(self, bucket) -> None:
        data = self._store.get(bucket.key)
        if data is None and self.directory is not None:
            try:
                data = self._store[bucket.key] = (self.directory / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        data = self._store[bucket.key] = bucket.bytecode_to_string()
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.directory / f"{bucket.key}.cache")
        except OSError:
            pass  # a read-only checkout still builds; it only compiles every time


# One cache per kind of environment: the cache key ignores settings such as autoescape.
SHARED = LayeredBytecodeCache("theme")
SHARED_AUTOESCAPE = LayeredBytecodeCache("autoescape")


def use_project_cache(project_root: Path) -> None:
    """Store compiled templates in the project's `.cache/` directory."""
    for cache in (SHARED, SHARED_AUTOESCAPE):
        cache.use_directory(project_root / ".cache")
