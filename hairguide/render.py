"""Render the guide's markup through Jinja templates in overrides/partials/guide/.

Every string from data, catalogs and front matter is escaped once, by the templates'
autoescape, on its way into HTML. The few strings that must become Markdown (headings,
which the table of contents and MkDocs' anchor checks need) are escaped for Markdown
and HTML both by `markdown_text`, so Markdown never reads them as markup.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import secrets
from pathlib import Path

from babel.dates import format_date
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

from hairguide.data import SiteData
from hairguide.links import relative_url
from hairguide.markup import cite_number
from hairguide import figures
from hairguide.tables import EVIDENCE_LABELS, TABLES, babel_locale, format_range

TEMPLATES = "partials/guide/"
# Jinja's own cache of compiled templates, in the system's temporary folder (not the
# checkout): the only cache that measurably pays (BENCHMARKS.md).
BYTECODE = FileSystemBytecodeCache()
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def markdown_text(text: str) -> str:
    """Plain text that Markdown shows as it is: HTML-escaped, Markdown punctuation escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


UNIT_SPACE = re.compile(r"(?<=\d)[ ](?=(?:%|‰|cm²?|mm|µm|mg|ml|µg|kg|g|Uhr|h|min|Min\.|Minuten|Wochen?|weeks?|Monaten?|Monate|"
                        r"months?|Tagen?|Tage|days?|Jahren?|Jahre|years?|Sitzungen|sessions?|Haare|hairs?|Euro|EUR|€|£)(?![\w-]))")


def readable_html(content: str, gettext) -> str:
    """Rendered page text as a reader needs it: no line break between a number and its unit
    ('45 %', '4–6 weeks'), and the heading links' title in the page's language."""
    label = html.escape(gettext("Permanent link"))
    return UNIT_SPACE.sub("\u00a0", content).replace('title="Permanent link"', f'title="{label}"')


HELD = re.compile(r"<!--guide-[0-9a-f]+-\d+-->")


def put_back(content: str, held: dict[str, str]) -> str:
    """The rendered page with the HTML its placeholders stand for (any other comment stays as it is)."""
    return HELD.sub(lambda match: held.get(match.group(0), match.group(0)), content)


def long_date(date: datetime.date, lang: str) -> str:
    """'22 November 2026' (en) / '22. November 2026' (de)."""
    return format_date(date, format="long", locale=babel_locale(lang))


def environment(template_dirs: list[Path], translator) -> Environment:
    """The guide's own template environment: autoescape on, gettext from the catalog."""
    env = Environment(loader=FileSystemLoader([str(d) for d in template_dirs]), autoescape=True,
                      extensions=["jinja2.ext.i18n"], bytecode_cache=BYTECODE, auto_reload=False)
    env.install_gettext_callables(translator.gettext, translator.ngettext, newstyle=False)
    env.globals["lang"] = translator.lang
    return env


class PageRenderer:
    """Turns the guide's markup into output for one page in one language."""

    def __init__(self, env: Environment, data: SiteData, translator, page_src_uri: str, page_url: str, term_usage: dict):
        self.env = env
        self.glossary_link = posixpath.relpath("glossary.md", posixpath.dirname(page_src_uri) or ".")
        self.data = data
        self.t = translator
        self.lang = translator.lang
        self.page_url = page_url
        self.term_usage = term_usage
        self.status = lambda: {}  # the translation status report, set by the build
        self.held: dict[str, str] = {}  # placeholder -> the HTML it stands for
        self.ids: list[str] = []  # the ids given to tables and figures on this page so far
        self.token = secrets.token_hex(8)

    def _render(self, name: str, **context) -> str:
        return self._held(self.env.get_template(TEMPLATES + name).render(**context))

    def _held(self, html_text: str) -> str:
        """A placeholder for finished HTML, put back after the Markdown stage (`put_back`):
        Markdown need not parse what the templates wrote (a third of a build's time). The
        placeholder carries a random token, so a page cannot name one."""
        key = f"<!--guide-{self.token}-{len(self.held)}-->"
        self.held[key] = html_text.strip()
        return key

    def unique_id(self, name: str) -> str:
        """'main', then 'main-n2' for a second table or figure of one kind on the page."""
        self.ids.append(name)
        return name if self.ids.count(name) == 1 else f"{name}-n{self.ids.count(name)}"

    def citation(self, numbered: list[tuple[int, str]]) -> str:
        return self._held(str(self.env.get_template(TEMPLATES + "citation.html").module.citation(numbered)))

    def term(self, text: str, term_id: str) -> str:
        """A Markdown link, so MkDocs resolves the language (the guide checks the anchor);
        its title (the tooltip) is the short definition, with quotes kept out."""
        title = " ".join(self.t.gettext(self.data.glossary[term_id].short).split())
        return f'[{text}]({self.glossary_link}#{term_id} "{html.escape(title)}")'

    def sources(self, keys: list[str]) -> str:
        listing = self._render("sources.html", references=[(k, self.data.references[k]) for k in keys])
        heading = markdown_text(self.t.gettext("Sources"))
        return f"## {heading} {{#sources}}\n\n{listing}"

    def _cite(self, key: str, citations: list[str]) -> dict:
        """A source named in a table or figure: 'Kieling 2024' and its number on this page."""
        ref = self.data.references[key]
        return {"value": f"{ref.authors[0].split()[0]} {ref.year}", "number": cite_number(citations, key), "key": key}

    def table(self, request, citations: list[str]) -> str:
        spec = TABLES[request.table]
        col_ids = request.cols or list(spec.default_columns)
        row_ids = request.rows or list(self.data.treatments)

        def cite(key):
            return self._cite(key, citations)

        rows = [(treatment, [spec.columns[c].cell(record, self.t.gettext, self.lang, cite) for c in col_ids])
                for treatment, record in spec.rows(self.data.treatments, row_ids)]
        # Each treatment's sources (its `cite` list), numbered with the page's other citations.
        sources = {} if spec.per_protocol else {
            t.name: [(cite(key)["number"], key) for key in t.cite] for t, _cells in rows}
        # A column with no data in any row says nothing: it is left out, and a note says so.
        keep = [i for i in range(len(col_ids)) if any(cells[i]["kind"] != "empty" for _t, cells in rows)]
        headers = [self.t.gettext(spec.columns[c].header) for c in col_ids]
        return self._render("table.html", table_id=self.unique_id(request.table), caption=self.t.gettext(spec.caption),
                            row_header=self.t.gettext("Treatment"), by_question=spec.by_question and len(keep) > 1,
                            headers=[headers[i] for i in keep],
                            rows=[{"name": self.t.gettext(t.name), "cells": [cells[i] for i in keep]} for t, cells in rows],
                            left_out=[headers[i] for i in range(len(col_ids)) if i not in keep],
                            sources=[(self.t.gettext(name), marks) for name, marks in sources.items()])

    def figure(self, name: str, citations: list[str]) -> str:
        """A figure drawn from the data: its words as HTML, its graphics as inline SVG, the data as a table."""
        return self.evidence_figure(citations) if name == "evidence" else self.timeline_figure(citations)

    def evidence_figure(self, citations: list[str]) -> str:
        _ = self.t.gettext
        treatments = list(self.data.treatments.values())
        most = max((t.trials.count for t in treatments if t.trials), default=0)
        rows = [{"name": _(t.name), "level": figures.level(t.evidence), "level_label": _(EVIDENCE_LABELS[t.evidence]),
                 "trials": t.trials and format_range(t.trials.count, t.trials.count, self.lang),
                 "bar": t.trials and figures.percent(t.trials.count, most), "note": t.trials and t.trials.note and _(t.trials.note),
                 "source": t.trials and self._cite(t.trials.source, citations)} for t in treatments]
        summary = " ".join(_("%(level)s: %(treatments)s.") % {"level": _(EVIDENCE_LABELS[level]), "treatments": "; ".join(names)}
                           for level in reversed(figures.EVIDENCE_LEVELS)
                           if (names := [_(t.name) for t in treatments if t.evidence == level]))
        return self._render("figure-evidence.html", rows=rows, summary=summary, figure_id=f"figure-{self.unique_id('evidence')}")

    def timeline_figure(self, citations: list[str]) -> str:
        _, lang = self.t.gettext, self.lang
        rows = []
        for t in (t for t in self.data.treatments.values() if t.group == "injectable"):
            courses = []
            for p in (p for p in t.protocols if p.sessions and p.interval_weeks):
                text = self.t.ngettext("%(sessions)s session, %(interval)s apart", "%(sessions)s sessions, %(interval)s apart",
                                       int(p.sessions.max))
                courses.append({"months": figures.course_months((p.sessions.min, p.sessions.max),
                                                                (p.interval_weeks.min, p.interval_weeks.max)),
                                "text": text % {"sessions": format_range(p.sessions.min, p.sessions.max, lang),
                                                "interval": format_range(p.interval_weeks.min, p.interval_weeks.max, lang, "weeks")},
                                "source": self._cite(p.source, citations)})
            onset = t.onset_months
            rows.append({"name": _(t.name), "courses": courses, "onset": onset and (onset.min, onset.max),
                         "onset_text": onset and _("after %(months)s") % {"months": format_range(onset.min, onset.max, lang, "months")},
                         "stopping": t.after_stopping and _(t.after_stopping)})
        months = figures.axis_months(max([c["months"][1] for row in rows for c in row["courses"]] +
                                         [row["onset"][1] for row in rows if row["onset"]], default=0))
        return self._render("figure-timeline.html", rows=rows, ticks=figures.ticks(months), x=lambda m: figures.percent(m, months),
                            figure_id=f"figure-{self.unique_id('timeline')}")

    def generated_list(self, name: str) -> str:
        if name == "translation-status":
            return self._render("translation-status.html", report=self.status())
        if name == "bibliography":
            return self._render("sources.html", references=list(self.data.references.items()))
        return self.glossary()

    def glossary(self) -> str:
        """The glossary as Markdown headings (anchors identical in both languages) plus HTML bodies."""
        entries = sorted(((sort_key(self.t.gettext(term.term), self.lang), term_id, term)
                          for term_id, term in self.data.glossary.items()))
        parts = []
        for (_key, headword), term_id, term in entries:
            used_on = [(title, relative_url(url, self.page_url)) for url, title in self.term_usage.get(term_id, [])]
            body = self._render("glossary-entry.html", short=self.t.gettext(term.short),
                                long=self.t.gettext(term.long) if term.long else None, used_on=used_on)
            parts.append(f"## {markdown_text(headword)} {{#{term_id}}}\n\n{body}\n")
        return "\n".join(parts)


# German dictionary order (DIN 5007-1): umlauts sort with their base letter, ß as ss.
_GERMAN_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def sort_key(text: str, lang: str) -> tuple[str, str]:
    """A key that orders headwords as a reader of `lang` expects."""
    folded = text.casefold()
    return (folded.translate(_GERMAN_FOLD) if lang == "de" else folded, text)

