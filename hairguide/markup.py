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

import difflib
import re
from urllib.parse import urlsplit
from dataclasses import dataclass, field

from hairguide.figures import FIGURES
from hairguide.links import line_in_source
from hairguide.report import Problem
from hairguide.tables import TABLES

# Every kind of markup in one pattern, so that one pass finds them in reading order. No part can
# run over a '[' (or back over what it read), so a line of brackets takes linear time.
MARKUP = re.compile(r"""
    ^<!--[ \t]*table:(?P<table>[^>\n]*)-->[ \t]*$
  | ^<!--[ \t]*+figure:[ \t]*+(?P<figure>(?:(?!-->)[^\s>])*+)[ \t]*+-->[ \t]*$
  | ^<!--[ \t]*+(?P<list>glossary|bibliography|translation-status)[ \t]*+-->[ \t]*$
  | \[(?P<cite>@[^\[\]\n]+)\](?!\()
  | \[(?P<text>[^\[\]\n]+)\]\(term:(?P<term>[^)\s\[]*)\)
  | (?<![\w.@/])@(?P<stray>[\w-]+)
  | \]\((?P<bracketed>\w+://[^)\s\[]*+\[[^)\s\[]*+)\)""", re.M | re.X)
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.M | re.S)  # also indented, in a list or a box
INLINE_CODE = re.compile(r"(?<![`\\])(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)  # `code`, not across a blank line
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# An HTML comment whose first word looks like a marker's name: a marker the author meant to write.
COMMENT = re.compile(r"^[ \t]*<!--\s*(?P<word>[A-Za-z][\w-]*)\s*(?P<end>:|-->)", re.M)
MARKER_NAMES = {":": ("table", "figure"), "-->": ("glossary", "bibliography", "translation-status")}


def in_code(markdown: str):
    """in_code(index): whether `index` of `markdown` is in a code block or `code` (code shows markup as it is)."""
    blocks = [m.span() for pattern in (FENCE, INLINE_CODE) for m in pattern.finditer(markdown)]
    return lambda index: any(start <= index < end for start, end in blocks)


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


@dataclass
class Expansion:
    markdown: str
    problems: list[Problem] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)   # keys in order of first use


def citation_keys(match) -> list[str] | None:
    """The keys of a citation mark ('[@a; @b]'), or None when the brackets hold something else."""
    parts = match.group("cite").split(";")
    return [part.strip()[1:] for part in parts] if all(part.strip().startswith("@") for part in parts) else None


def cite_number(citations: list[str], key: str) -> int:
    """A source's number on its page (`citations`: the page's keys in order of first use)."""
    if key not in citations:
        citations.append(key)
    return citations.index(key) + 1


def expand_page(page: PageSource, known, renderer) -> Expansion:
    """Replace the guide's markup in one page; report unknown keys, terms, tables and figures.
    `known` has the data's references, glossary and treatments."""
    result = Expansion(page.markdown)
    code = in_code(page.markdown)

    def problem(match, message):
        result.problems.append(Problem(page.path, page.line_at(match.start()), message))

    for match in COMMENT.finditer(page.markdown):  # a mistyped or indented marker is an HTML comment: it shows nothing
        word, near = match.group("word"), difflib.get_close_matches(match.group("word").lower(), MARKER_NAMES[match.group("end")], 1, 0.75)
        if code(match.start()) or not near or MARKUP.match(page.markdown, match.start()):
            continue
        problem(match, f"'<!-- {word}' is not a marker the guide can read (it would show nothing): a marker starts its line, unindented, as "
                       f"<!-- {near[0]}{': …' if near[0] in ('table', 'figure') else ''} --> (AUTHORING.md)")

    def cite(match):
        keys = citation_keys(match)
        if keys is None:
            problem(match, f"'{match.group(0)}' is not a citation mark (readers would see it as written): "
                           "every source in it needs its @, separated by semicolons: [@a; @b]")
            return match.group(0)
        for key in keys:
            if key not in known.references:
                problem(match, f"unknown citation key '{key}'")
        numbered = [(cite_number(result.citations, k), k) for k in keys if k in known.references]
        return renderer.citation(numbered) if numbered else ""

    def stray(match):  # '[see @key]', '(@key)', an unclosed mark: readers would see '@key'
        key = match.group("stray")
        if key in known.references and not any(start <= match.start() < end for start, end in comments):
            problem(match, f"'@{key}' names a source outside a citation mark (readers would see it as written): "
                           f"a mark holds only sources, in square brackets: 'see [@{key}]'")
        return match.group(0)

    def bracketed(match):  # '[x](http://[x)': an address Python cannot read (MkDocs would stop with a traceback)
        try:
            urlsplit(match.group("bracketed"))
            return match.group(0)  # an IPv6 address: http://[::1]/
        except ValueError:
            pass
        problem(match, f"'{match.group('bracketed')}' is not a valid address: a [ belongs in an address only around an IPv6 number")
        return match.group(0).replace("[", "%5B")

    def term(match):
        text, term_id = match.group("text"), match.group("term")
        if term_id not in known.glossary:
            problem(match, f"unknown glossary term '{term_id}' in [{text}](term:{term_id})")
            return text
        return renderer.term(text, term_id)

    def table(match):
        request = _table_request(match, page, known, result.problems)
        return renderer.table(request, result.citations) if request else ""

    def figure(match):
        if match.group("figure") not in FIGURES:
            problem(match, f"unknown figure '{match.group('figure')}' (known: {', '.join(FIGURES)})")
            return ""
        return renderer.figure(match.group("figure"), result.citations)

    lists: list[str] = []

    def generated_list(match):
        lists.append(match.group("list"))
        return renderer.generated_list(match.group("list"))

    handlers = {"table": table, "figure": figure, "list": generated_list, "cite": cite, "term": term, "stray": stray, "bracketed": bracketed}

    comments = [m.span() for m in HTML_COMMENT.finditer(page.markdown)]  # readers do not see them

    def dispatch(match):
        if code(match.start()):
            return match.group(0)
        return handlers[match.lastgroup](match)

    # One pass in document order, so citation numbers follow the reading order.
    markdown = MARKUP.sub(dispatch, page.markdown)
    if result.citations and "bibliography" not in lists:  # with the bibliography, the marks lead to its entries
        markdown = markdown.rstrip("\n") + "\n\n" + renderer.sources(result.citations) + "\n"
    result.markdown = markdown
    return result


def _table_request(match, page: PageSource, known, problems: list[Problem]) -> TableRequest | None:
    """Parse `name rows=a,b cols=x,y` and check every name against the table definitions."""
    line = page.line_at(match.start())
    name, *options = match.group("table").split() or [""]
    spec = TABLES.get(name)
    if spec is None:
        problems.append(Problem(page.path, line, f"unknown table '{name}' (known: {', '.join(TABLES)})"))
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
    if not any(spec.rows(known.treatments, chosen["rows"] or list(known.treatments))):
        problems.append(Problem(page.path, line, f"table '{name}': no source in data/treatments.yml gives data for "
                                                 f"{', '.join(chosen['rows'] or ['any treatment'])}: the table would be empty"))
        return None
    return TableRequest(name, chosen["rows"], chosen["cols"])


CODE_ELEMENTS = re.compile(r"<(code|pre)\b.*?</\1>", re.S)
UNRENDERED_TERM = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\([^)\s]*glossary\.md#(?P<term>[\w-]+)")


def unrendered_terms(html: str, source: str, path: str) -> list[Problem]:
    """Glossary marks that Markdown left as text: inside a raw HTML block Markdown is not read."""
    html = CODE_ELEMENTS.sub("", html)  # code shows such text on purpose
    def line(m):  # the mark itself, or else the first mark of the term
        return line_in_source(source, next((n for n in (f"[{m['text']}](term:{m['term']})", f"(term:{m['term']})") if n in source), ""))

    return [Problem(path, line(m), f"the glossary mark for '{m.group('term')}' is "
                    "inside an HTML block, where Markdown is not read: readers would see it as text; write the sentence "
                    "outside the HTML, or add markdown=\"1\" to the HTML element")
            for m in UNRENDERED_TERM.finditer(html)]


def _sources_and_markers(markdown: str) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """The citation keys a page cites (with the line of their first use) and its markers in order."""
    code, cites, markers = in_code(markdown), {}, []
    for m in MARKUP.finditer(markdown):
        line = markdown.count("\n", 0, m.start()) + 1
        if code(m.start()):
            continue
        if m.lastgroup == "cite":
            for key in citation_keys(m) or []:
                cites.setdefault(key, line)
        elif m.lastgroup in ("table", "figure", "list"):
            kind = m.lastgroup  # written the one way, so spacing alone is no difference
            markers.append((f"<!-- {m.group('list')} -->" if kind == "list" else f"<!-- {kind}: {' '.join(m.group(kind).split())} -->", line))
    return cites, markers


def compare_translation_markup(translated: str, english: str, path: str, english_path: str) -> list[Problem]:
    """A translation cites every source its English page cites and has its tables, figures and lists,
    in the same order (a translation that drops a source or a table changes what the page says)."""
    (ours, our_markers), (theirs, their_markers) = _sources_and_markers(translated), _sources_and_markers(english)
    problems = [Problem(path, 1, f"the English page cites '{key}' ({english_path}:{line}); this translation does not")
                for key, line in theirs.items() if key not in ours]
    if [m for m, _ in our_markers] != [m for m, _ in their_markers]:
        problems.append(Problem(path, our_markers[0][1] if our_markers else 1, "the tables, figures and lists differ from the English "
                                f"page's ({english_path}): {', '.join(m for m, _ in their_markers) or 'none'}"))
    return problems


def term_uses(markdown: str) -> set[str]:
    """Term ids marked in a page (for the glossary's 'used on' links)."""
    code = in_code(markdown)
    return {m.group("term") for m in MARKUP.finditer(markdown) if m.lastgroup == "term" and not code(m.start())}
