"""The comparison tables: which columns each table has and what each column shows.

Column headers are English msgids (translated in the catalogs); cell values come from
data/treatments.yml. How a cell is written follows from the field's schema: ranges are
formatted for the language, translatable texts go through the catalog, sources become
citation marks. This module is the one place that decides it.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal
from babel.units import format_unit

from hairguide.data import TRANSLATABLE
from hairguide.models import Range, Treatment

EN_DASH = "\u2013"
UNITS = {"weeks": "duration-week", "months": "duration-month", "days": "duration-day", "minutes": "duration-minute"}
# The guide's languages as Babel locales: British English, German as written in Germany.
BABEL_LOCALES = {"en": "en_GB", "de": "de_DE"}


def N_(message: str) -> str:
    """Mark a string for extraction into the catalog; it is translated where it is shown."""
    return message


EVIDENCE_LABELS = {"very-low": N_("Very low"), "low": N_("Low"), "moderate": N_("Moderate"), "high": N_("High")}


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, lang)


def format_range(low: float, high: float, lang: str, unit: str | None = None) -> str:
    """'2–3 weeks' / '2–3 Wochen'; a single value when low == high."""
    locale = babel_locale(lang)
    numbers = format_decimal(high, locale=locale) if low == high else \
        f"{format_decimal(low, locale=locale)}{EN_DASH}{format_decimal(high, locale=locale)}"
    if unit is None:
        return numbers
    # Babel has no range pattern: format the upper value (plural form) and put the range in its place.
    whole = format_unit(high, UNITS[unit], length="long", locale=locale)
    return whole.replace(format_decimal(high, locale=locale), numbers, 1)


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    unit: str | None = None

    def cell(self, record, gettext, lang: str, cite) -> dict:
        """What one cell shows: {'kind': text|list|cite|empty, 'value': ...}."""
        value = getattr(record, self.field)
        if self.field in getattr(record, "not_applicable", []):
            return {"kind": "text", "value": gettext("Not applicable")}
        if isinstance(value, Range) and value.max == 0:
            return {"kind": "text", "value": gettext("None")}
        if value is None or value == []:
            return {"kind": "empty", "value": gettext("No data")}
        if isinstance(value, Range):
            return {"kind": "text", "value": format_range(value.min, value.max, lang, self.unit)}
        if self.field == "evidence":
            return {"kind": "text", "value": gettext(EVIDENCE_LABELS[value])}
        if self.field == "source":
            return {"kind": "cite", **cite(value)}
        translate = gettext if self.field in TRANSLATABLE["treatments.yml"] else str
        if isinstance(value, list):
            return {"kind": "list", "value": [translate(item) for item in value]}
        return {"kind": "text", "value": translate(value)}


TREATMENT_COLUMNS = {
    "summary": Column(N_("What it is"), "summary"),
    "injected": Column(N_("What is injected or used"), "injected"),
    "mechanism": Column(N_("How it is thought to work"), "mechanism"),
    "indications": Column(N_("Typical use"), "indications"),
    "evidence": Column(N_("Strength of evidence"), "evidence"),
    "evidence-note": Column(N_("What the studies show"), "evidence_note"),
    "onset": Column(N_("When effects may show"), "onset_months", "months"),
    "regulatory": Column(N_("Regulatory status"), "regulatory"),
    "session-length": Column(N_("Session length"), "session_minutes", "minutes"),
    "pain": Column(N_("Pain and anaesthesia"), "pain"),
    "downtime": Column(N_("Recovery time"), "downtime_days", "days"),
    "common": Column(N_("Common side effects"), "side_effects_common"),
    "rare": Column(N_("Rare or serious side effects"), "side_effects_rare"),
    "contraindications": Column(N_("Who should not have it"), "contraindications"),
}

PROTOCOL_COLUMNS = {
    "source": Column(N_("Source"), "source"),
    "sessions": Column(N_("Sessions"), "sessions"),
    "interval": Column(N_("Interval"), "interval_weeks", "weeks"),
    "maintenance": Column(N_("Maintenance (one session every …)"), "maintenance_months", "months"),
    "note": Column(N_("Notes"), "note"),
}


@dataclass(frozen=True)
class TableSpec:
    caption: str
    columns: dict[str, Column]
    default_columns: tuple[str, ...]
    per_protocol: bool = False
    # Columns of text (not numbers): one small table per question, so no table is wider
    # than the text column in either language, and on phones the treatments stay comparable.
    by_question: bool = False

    def rows(self, treatments: dict[str, Treatment], row_ids: list[str]):
        """(treatment, record) per row: a treatment, or each of its protocols."""
        for tid in row_ids:
            for record in (treatments[tid].protocols if self.per_protocol else [treatments[tid]]):
                yield treatments[tid], record


TABLES = {
    "main": TableSpec(N_("Injectable treatments compared with established options and with treating the cause"),
                      TREATMENT_COLUMNS, ("summary", "indications", "evidence", "evidence-note", "onset", "regulatory"),
                      by_question=True),
    "protocols": TableSpec(N_("Session schedules as different sources report them"), PROTOCOL_COLUMNS,
                           ("source", "sessions", "interval", "maintenance", "note"), per_protocol=True),
    "safety": TableSpec(N_("What a session involves, side effects and who should not have each treatment"),
                        TREATMENT_COLUMNS, ("session-length", "pain", "downtime", "common", "rare", "contraindications"),
                        by_question=True),
}
