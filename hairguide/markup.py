"""The guide's Markdown markup: citations, glossary marks, data tables and generated lists.

    [@key] / [@a; @b]            citation marks, numbered per page, with a Sources list
    [visible text](term:id)      a glossary term: link to the glossary with a tooltip
    <!-- table: main rows=a,b cols=x,y -->   a data table
    <!-- figure: evidence -->                 a figure drawn from the data (hairguide/figures.py)
    <!-- glossary --> / <!-- bibliography --> / <!-- translation-status -->  generated lists

`expand_page` finds every use, checks it against the data, reports each problem with
its line, and asks a renderer for the replacement text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hairguide.report import Problem

CITATION = re.compile(r"\[(@[^\]\n]+)\]")
TERM = re.compile(r"\[([^\]\n]+)\]\(term:([^)\s]*)\)")
TABLE = re.compile(r"^<!--\s*table:\s*(?P<spec>[^>]*?)\s*-->[ \t]*$", re.M)
FIGURE = re.compile(r"^<!--\s*figure:\s*(?P<fname>\S*)\s*-->[ \t]*$", re.M)
LIST_MARKER = re.compile(r"^<!--\s*(?P<name>glossary|bibliography|translation-status)\s*-->[ \t]*$", re.M)
ANY = re.compile("|".join(f"(?P<{name}>{rx.pattern})" for name, rx in
                          (("table", TABLE), ("figure", FIGURE), ("list", LIST_MARKER), ("cite", CITATION), ("term", TERM)))
                 .replace("(?P<spec>", "(?P<tspec>").replace("(?P<name>", "(?P<lname>"), re.M)
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)


@dataclass
class PageSource:
    """A page's Markdown (without front matter) and where it came from."""

    path: str          # as reported, e.g. docs/treatments/prp.de.md
    markdown: str
    line_offset: int   # lines of front matter before `markdown`

    def line_at(self, index: int) -> int:
        return self.line_offset + self.markdown.count("\n", 0, index) + 1


@dataclass
class TableRequest:
    table: str
    rows: list[str] | None
    cols: list[str] | None
    line: int


@dataclass
class Expansion:
    markdown: str
    problems: list[Problem] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)   # keys in order of first use
    terms: set[str] = field(default_factory=set)


def expand_page(page: PageSource, known, renderer) -> Expansion:
    """Replace the guide's markup in one page; report unknown keys, terms and tables."""
    result = Expansion(page.markdown)
    protected = [m.span() for m in FENCE.finditer(page.markdown)]

    def in_code(match) -> bool:
        return any(start <= match.start() < end for start, end in protected)

    def cite(match):
        if in_code(match):
            return match.group(0)
        keys = [k.strip().lstrip("@") for k in match.group(1).split(";")]
        if not all(k.strip().startswith("@") for k in match.group(1).split(";")):
            return match.group(0)
        unknown = [k for k in keys if k not in known.references]
        for key in unknown:
            result.problems.append(Problem(page.path, page.line_at(match.start()), f"unknown citation key '{key}'"))
        keys = [k for k in keys if k not in unknown]
        for key in keys:
            if key not in result.citations:
                result.citations.append(key)
        return renderer.citation([(result.citations.index(k) + 1, k) for k in keys]) if keys else ""

    def term(match):
        if in_code(match):
            return match.group(0)
        text, term_id = match.group(1), match.group(2)
        if term_id not in known.glossary:
            result.problems.append(Problem(page.path, page.line_at(match.start()), f"unknown glossary term '{term_id}' in [{text}](term:{term_id})"))
            return text
        result.terms.add(term_id)
        return renderer.term(text, term_id)

    def table(match):
        request = _table_request(match, page, known, result.problems)
        return renderer.table(request, result.citations) if request else ""

    def figure(match):
        name = match.group("fname")
        if name not in known.figures:
            line = page.line_at(match.start())
            result.problems.append(Problem(page.path, line, f"unknown figure '{name}' (known: {', '.join(known.figures)})"))
            return ""
        return renderer.figure(name, result.citations)

    def generated(match):
        return renderer.generated_list(match.group("name"))

    # One pass in document order, so citation numbers follow the reading order.
    handlers = {"table": table, "figure": figure, "cite": cite, "term": term, "list": generated}

    def dispatch(match):
        return handlers[match.lastgroup](_Inner(match))

    markdown = ANY.sub(dispatch, page.markdown)
    if result.citations:
        markdown = markdown.rstrip("\n") + "\n\n" + renderer.sources(result.citations) + "\n"
    result.markdown = markdown
    return result


class _Inner:
    """The part of a combined match that belongs to one markup kind, with its own groups."""

    def __init__(self, match):
        self._match = match
        kind = match.lastgroup
        self._inner = {"table": TABLE, "figure": FIGURE, "list": LIST_MARKER, "cite": CITATION, "term": TERM}[kind].match(match.group(kind))

    def start(self):
        return self._match.start()

    def group(self, key):
        return self._inner.group(key)


def _table_request(match, page: PageSource, known, problems: list[Problem]) -> TableRequest | None:
    """Parse `name rows=a,b cols=x,y` and check every name against the table definitions."""
    line = page.line_at(match.start())
    name, *options = match.group("spec").split()
    spec = known.tables.get(name)
    if spec is None:
        problems.append(Problem(page.path, line, f"unknown table '{name}' (known: {', '.join(known.tables)})"))
        return None
    chosen = {"rows": None, "cols": None}
    for option in options:
        key, _, value = option.partition("=")
        if key not in chosen or not value:
            problems.append(Problem(page.path, line, f"table '{name}': unknown option '{option}' (use rows=a,b or cols=x,y)"))
            return None
        chosen[key] = value.split(",")
    bad = [r for r in chosen["rows"] or [] if r not in known.treatments]
    bad_cols = [c for c in chosen["cols"] or [] if c not in spec.columns]
    for row in bad:
        problems.append(Problem(page.path, line, f"table '{name}': unknown row '{row}'"))
    for col in bad_cols:
        problems.append(Problem(page.path, line, f"table '{name}': unknown column '{col}' (known: {', '.join(spec.columns)})"))
    if bad or bad_cols:
        return None
    return TableRequest(name, chosen["rows"], chosen["cols"], line)


def term_uses(markdown: str) -> set[str]:
    """Term ids marked in a page (for the glossary's 'used on' links)."""
    return {m.group(2) for m in TERM.finditer(markdown)}
