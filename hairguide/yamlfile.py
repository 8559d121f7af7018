"""Read YAML data files strictly: line numbers for every key, no duplicate keys, clear errors."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from hairguide.problems import Problem, ProblemsFound

KeyPath = tuple

# libyaml's parser when available (several times faster); node marks give the lines either way.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.SafeLoader("")


def load_yaml(path: Path, display: str) -> tuple[object, dict[KeyPath, int]]:
    """Load a YAML file and return its data and a map from key path to 1-based line.

    Raises ProblemsFound for a missing, empty, non-UTF-8 or malformed file, and for
    duplicate keys (which PyYAML would silently accept).
    """
    text = _read_text(path, display)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise ProblemsFound([Problem(display, line, f"YAML syntax error: {error.problem or error.context}")]) from None
    if node is None:
        raise ProblemsFound([Problem(display, 1, "the file is empty")])
    lines: dict[KeyPath, int] = {}
    problems: list[Problem] = []
    data = _construct(node, (), lines, problems, display)
    if problems:
        raise ProblemsFound(problems)
    return data, lines


def _compose(text: str):
    """Parse with libyaml; on an error, parse again in pure Python for its clearer message
    (it names the character: "found character '\\t' that cannot start any token")."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _read_text(path: Path, display: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProblemsFound([Problem(display, 1, "the file is missing")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemsFound([Problem(display, line, f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})")]) from None


def _construct(node, path: KeyPath, lines, problems, display):
    """Build plain Python data from a node tree, recording lines and duplicate keys."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _constructor.construct_object(key_node)
            line = key_node.start_mark.line + 1
            if key in result:
                problems.append(Problem(display, line, f"duplicate key '{_dotted(path + (key,))}' (first defined on line {lines[path + (key,)]})"))
                continue
            lines[path + (key,)] = line
            result[key] = _construct(value_node, path + (key,), lines, problems, display)
        return result
    if isinstance(node, SequenceNode):
        return [_construct(item, path + (i,), lines, problems, display) for i, item in enumerate(node.value)]
    if isinstance(node, ScalarNode):
        return _constructor.construct_object(node)
    return None


def _dotted(path: KeyPath) -> str:
    return ".".join(str(part) for part in path)


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int:
    """Line of the deepest known prefix of `path` (a missing key points at its parent)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


def dotted(path: KeyPath) -> str:
    """A key path written the way authors read it: `prp.protocols.0.sessions`."""
    return _dotted(path)
