"""A Babel extractor for the YAML data files, and the translatable-field rules.

Registered as the `hairguide_yaml` extraction method (pyproject.toml) and used in locales/babel.cfg.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hairguide.yamlfile import dotted, load_yaml

# Keys whose values (strings or lists of strings) are shown to readers.
TRANSLATABLE = {
    "treatments.yml": {"name", "summary", "injected", "mechanism", "indications", "pain", "evidence_note",
                       "regulatory", "note", "side_effects_common", "side_effects_rare", "contraindications"},
    "glossary.yml": {"term", "short", "long"},
}

WHERE = {
    "treatments.yml": "comparison tables (compare page and treatment pages)",
    "glossary.yml": "glossary page and tooltips on every page that marks the term",
}


def translatable_strings(data, filename: str, lines: dict):
    """Yield (line, text, key path) for every reader-facing string in a data file."""
    keys = TRANSLATABLE.get(filename, set())

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, path + (index,))
        elif isinstance(value, str) and value.strip():
            named = [part for part in path if isinstance(part, str)]
            if named and named[-1] in keys:
                yield lines.get(path, 1), value, path

    yield from walk(data, ())


def extract_yaml(fileobj, keywords, comment_tags, options):
    """Babel extraction method: (lineno, funcname, message, comments) per string."""
    filename = Path(getattr(fileobj, "name", "data.yml")).name
    with tempfile.NamedTemporaryFile("wb", suffix=".yml", delete=False) as copy:
        copy.write(fileobj.read())
    try:
        data, lines = load_yaml(Path(copy.name), filename)
    finally:
        Path(copy.name).unlink()
    for line, text, path in translatable_strings(data, filename, lines):
        comment = f"Translators: {dotted(path)} in {WHERE.get(filename, filename)}"
        yield line, None, text, [comment]
