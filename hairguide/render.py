"""Render the guide's markup to HTML (or Markdown) through Jinja templates in overrides/."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from jinja2 import Environment

from hairguide.data import SiteData
from hairguide.formatting import format_range
from hairguide.glossary import sorted_terms
from hairguide.tables import EVIDENCE_LABELS, TABLES, table_rows

TEMPLATES = "partials/guide/"


class Known:
    """What a page may refer to: data ids and table definitions."""

    def __init__(self, data: SiteData):
        self.references = data.references
        self.glossary = data.glossary
        self.treatments = data.treatments
        self.tables = TABLES


class PageRenderer:
    """Turns markup into output for one page in one language."""

    def __init__(self, env: Environment, data: SiteData, translator, page_src_uri: str, term_usage=None, memo=None):
        self.env = env
        # Shared by the pages of one language build: the same citation marks and term titles recur.
        self.memo = {} if memo is None else memo
        self.data = data
        self.t = translator
        self.lang = translator.lang
        self.page_dir = posixpath.dirname(page_src_uri)
        self.term_usage = term_usage or {}

    def _render(self, name: str, **context) -> str:
        template = _compiled(self.env, TEMPLATES + name)
        return template.render(_=self.t.gettext, lang=self.lang, **context).strip()

    def _link(self, target: str) -> str:
        return _relative(target, self.page_dir or ".")

    def _macros(self, name: str):
        """A template's macros, bound to this language (made once per language build)."""
        key = ("macros", name)
        if key not in self.memo:
            self.memo[key] = _compiled(self.env, TEMPLATES + name).make_module({"_": self.t.gettext, "lang": self.lang})
        return self.memo[key]

    def citation(self, numbered: list[tuple[int, str]]) -> str:
        key = ("citation", tuple(numbered))
        if key not in self.memo:
            self.memo[key] = str(self._macros("citation.html").citation(numbered)).strip()
        return self.memo[key]

    def term(self, text: str, term_id: str) -> str:
        """A Markdown link, so MkDocs resolves the language and validates the anchor."""
        key = ("term-title", term_id)
        if key not in self.memo:
            self.memo[key] = " ".join(self.t.gettext(self.data.glossary[term_id].short).split()).replace('"', "&quot;")
        return f'[{text}]({self._link("glossary.md")}#{term_id} "{self.memo[key]}")'

    def sources(self, keys: list[str]) -> str:
        key = ("sources", tuple(keys))
        if key not in self.memo:
            heading = self.t.gettext("Sources")
            listing = self._render("sources.html", references=[(k, self.data.references[k]) for k in keys])
            self.memo[key] = f"## {heading} {{#sources}}\n\n{listing}"
        return self.memo[key]

    def table(self, request, citations: list[str]) -> str:
        spec = TABLES[request.table]
        row_ids = request.rows or list(self.data.treatments)
        col_ids = request.cols or list(spec.default_columns)
        if any(spec.columns[c].kind == "cite" for c in col_ids):
            return self._table(spec, row_ids, col_ids, citations)  # numbers depend on the page's citations
        key = ("table", spec.id, tuple(row_ids), tuple(col_ids))
        if key not in self.memo:
            self.memo[key] = self._table(spec, row_ids, col_ids, citations)
        return self.memo[key]

    def _table(self, spec, row_ids: list[str], col_ids: list[str], citations: list[str]) -> str:
        rows = []
        for tid, treatment, record in table_rows(spec, self.data.treatments, row_ids):
            cells = [self._cell(spec.columns[c], record, citations) for c in col_ids]
            rows.append({"id": tid, "name": self.t.gettext(treatment.name), "cells": cells})
        headers = [self.t.gettext(spec.columns[c].header) for c in col_ids]
        return self._render("table.html", table_id=spec.id, caption=self.t.gettext(spec.caption),
                            row_header=self.t.gettext("Treatment"), headers=headers, rows=rows)

    def _cell(self, column, record, citations: list[str]) -> dict:
        value = column.value(record)
        if value is None or value == []:
            return {"kind": "empty", "value": self.t.gettext("No data")}
        if column.kind == "range":
            return {"kind": "text", "value": format_range(value.min, value.max, self.lang, column.unit)}
        if column.kind == "evidence":
            return {"kind": "text", "value": self.t.gettext(EVIDENCE_LABELS[value])}
        if column.kind == "list":
            return {"kind": "list", "value": [self.t.gettext(item) for item in value]}
        if column.kind == "cite":
            if value not in citations:
                citations.append(value)
            ref = self.data.references[value]
            return {"kind": "cite", "value": f"{ref.authors[0].split()[0]} {ref.year}", "number": citations.index(value) + 1, "key": value}
        return {"kind": "text", "value": self.t.gettext(value)}

    def generated_list(self, name: str) -> str:
        if name == "bibliography":
            return self._render("sources.html", references=list(self.data.references.items()))
        return self.glossary()

    def glossary(self) -> str:
        """The glossary as Markdown headings (anchors identical in both languages) plus HTML bodies."""
        parts = []
        for term_id, term, headword in sorted_terms(self.data.glossary, self.t):
            body = self._render("glossary-entry.html", short=self.t.gettext(term.short),
                                long=self.t.gettext(term.long) if term.long else None,
                                used_on=[(title, self._link(src)) for src, title in self.term_usage.get(term_id, [])])
            parts.append(f"## {_escape_md(headword)} {{#{term_id}}}\n\n{body}\n")
        return "\n".join(parts)


@lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


_templates: dict = {}


def _compiled(env: Environment, name: str):
    """Templates compiled once per environment (MkDocs' env re-checks files on every lookup)."""
    key = (id(env), name)
    if key not in _templates:
        _templates[key] = env.get_template(name)
    return _templates[key]


def _escape_md(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("*", r"\*").replace("_", r"\_")
