"""Reading what contributors write: UTF-8 text, invisible characters and strict YAML.

Every reader here returns data or raises ProblemsFound with `path:line` problems; none
lets an exception from the parsers through. YAML is plain data only: anchors, aliases
and tags are refused (ten lines of nested aliases would otherwise allocate gigabytes),
and so are input that is too large or too deeply nested.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from hairguide.report import Problem, ProblemsFound

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
# Format characters that German or English text may need: soft hyphen, zero-width (non-)joiner.
ALLOWED_FORMAT = {"\u00ad", "\u200c", "\u200d"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
_constructor = yaml.SafeLoader("")


def decode(raw: bytes, display: str) -> str:
    """UTF-8 text with \n line ends (as MkDocs reads it: a leading byte-order mark dropped, Windows'
    \r\n and old Macs' \r made \n), or a problem naming the line."""
    if len(raw) > MAX_BYTES:
        raise ProblemsFound([Problem(display, 1, f"the file is too large ({len(raw):,} bytes; at most {MAX_BYTES:,})")])
    try:
        return newlines(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemsFound([Problem(display, line, f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})")]) from None


def newlines(text: str) -> str:
    """Windows' \r\n and old Macs' \r line ends made \n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path | bytes, display: str) -> str:
    """A contributor's file (or its bytes) as text, with invisible control characters refused."""
    try:
        raw = path if isinstance(path, bytes) else path.read_bytes()
    except FileNotFoundError:
        raise ProblemsFound([Problem(display, 1, "the file is missing")]) from None
    except OSError as error:
        raise ProblemsFound([Problem(display, 1, f"the file cannot be read ({error.strerror})")]) from None
    text = decode(raw, display)
    problems = invisible_characters(text, display)
    if problems:
        raise ProblemsFound(problems)
    return text


def is_file(path: Path) -> bool:
    """Whether a file a contributor names exists (a name too long for the system names no file)."""
    try:
        return path.is_file()
    except OSError:
        return False


def invisible_characters(text: str, display: str) -> list[Problem]:
    """Bidirectional and other invisible format or control characters, one problem per line."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.isprintable():  # the common case, decided in C
            continue
        for char in line:
            if char in ALLOWED_FORMAT or char == "\t":
                continue
            if unicodedata.category(char) in ("Cf", "Cc", "Co", "Cs"):
                name = unicodedata.name(char, "control character")
                problems.append(Problem(display, number, f"invisible character U+{ord(char):04X} ({name}) is not allowed; delete it"))
                break
    return problems


def load_yaml(text: str, display: str, first_line: int = 1) -> tuple[object, dict[tuple, int]]:
    """Plain YAML data and a map from key path to 1-based line.

    Raises ProblemsFound for syntax errors, anchors, aliases, tags, deep nesting and
    duplicate keys (which PyYAML would silently accept). `first_line` is the line of
    `text` in its file (front matter starts on line 2).
    """
    offset = first_line - 1
    try:
        _check_events(text, display, offset)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError:
        raise ProblemsFound([_syntax_problem(text, display, offset)]) from None
    except yaml.YAMLError as error:  # e.g. a control character the YAML reader refuses
        line = text.count("\n", 0, getattr(error, "position", 0)) + first_line
        raise ProblemsFound([Problem(display, line, f"YAML error: {getattr(error, 'reason', error)}")]) from None
    if node is None:
        raise ProblemsFound([Problem(display, first_line, "the YAML is empty")])
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    data = _construct(node, (), lines, problems, display, offset)
    if problems:
        raise ProblemsFound(problems)
    return data, lines


def _check_events(text: str, display: str, offset: int) -> None:
    """Refuse anchors, aliases, tags and deep nesting before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1 + offset
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ProblemsFound([Problem(display, line, "YAML anchors and aliases (&name, *name) are not allowed here; write the value out")])
        if getattr(event, "tag", None) is not None:
            raise ProblemsFound([Problem(display, line, f"YAML tags ({event.tag}) are not allowed here")])
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise ProblemsFound([Problem(display, line, f"the YAML is nested more than {MAX_DEPTH} levels deep")])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _syntax_problem(text: str, display: str, offset: int) -> Problem:
    """Parse again in pure Python for its clearer message (it names a tab character)."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        hint = " (text that contains ': ' must be in quotes: title: \"PRP: what it is\")" if "mapping values" in str(error.problem) else ""
        return Problem(display, line, f"YAML syntax error: {error.problem or error.context}{hint}")
    except yaml.YAMLError:
        pass
    return Problem(display, 1 + offset, "YAML syntax error")


def _construct(node, path: tuple, lines, problems, display, offset):
    """Build plain Python data from a node tree, recording lines and duplicate keys."""
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, problems, display, offset)
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, (str, int)):
                problems.append(Problem(display, line, "keys must be plain words"))
                continue
            if key in result:
                problems.append(Problem(display, line, f"duplicate key '{dotted(path + (key,))}' (first defined on line {lines[path + (key,)]})"))
                continue
            lines[path + (key,)] = line
            result[key] = _construct(value_node, path + (key,), lines, problems, display, offset)
        return result
    if isinstance(node, SequenceNode):
        return [_construct(item, path + (i,), lines, problems, display, offset) for i, item in enumerate(node.value)]
    return _scalar(node, problems, display, offset)


def _scalar(node, problems, display, offset):
    if not isinstance(node, ScalarNode):
        problems.append(Problem(display, node.start_mark.line + 1 + offset, "a key must be a plain value"))
        return None
    try:
        return _constructor.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        if node.tag.endswith(":timestamp"):
            return node.value  # an impossible date (2026-13-45): the schema names the field
        problems.append(Problem(display, node.start_mark.line + 1 + offset, f"invalid value {node.value!r}: {error}"))
        return None


def leaves(value, path: tuple = ()):
    """(key path, value) of every value that is not a mapping or a list, in file order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    else:
        yield path, value


def dotted(path: tuple) -> str:
    """A key path written the way authors read it: `prp.protocols.0.sessions`."""
    return ".".join(str(part) for part in path)


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """Line of the deepest known prefix of `path` (a missing key points at its parent)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
