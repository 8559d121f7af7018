"""An in-memory Jinja bytecode cache shared by every build in one process.

MkDocs creates a new template environment for each build, so static-i18n's second
language, and every `mkdocs serve` rebuild, would compile all theme templates again.
Jinja checks each template's source checksum, so a changed template is recompiled.
"""

from __future__ import annotations

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


# One cache per kind of environment: the cache key ignores settings such as autoescape.
SHARED = MemoryBytecodeCache()
SHARED_AUTOESCAPE = MemoryBytecodeCache()
