"""The comparison tables: which columns each table has and how a cell gets its value.

Column headers are English msgids (translated in the catalogs); cell values come from
data/treatments.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from hairguide.models import Treatment



def N_(message: str) -> str:
    """Mark a string for extraction into the catalog; it is translated where it is shown."""
    return message


EVIDENCE_LABELS = {"very-low": N_("Very low"), "low": N_("Low"), "moderate": N_("Moderate"), "high": N_("High")}


@dataclass(frozen=True)
class Column:
    id: str
    header: str
    kind: str  # text | list | range | evidence | cite
    value: Callable
    unit: str | None = None


def _attr(name):
    return lambda row: getattr(row, name)


TREATMENT_COLUMNS = {
    "summary": Column("summary", N_("What it is"), "text", _attr("summary")),
    "injected": Column("injected", N_("What is injected or used"), "text", _attr("injected")),
    "mechanism": Column("mechanism", N_("How it is thought to work"), "text", _attr("mechanism")),
    "indications": Column("indications", N_("Typical use"), "text", _attr("indications")),
    "evidence": Column("evidence", N_("Strength of evidence"), "evidence", _attr("evidence")),
    "evidence-note": Column("evidence-note", N_("What the studies show"), "text", _attr("evidence_note")),
    "onset": Column("onset", N_("When effects may show"), "range", _attr("onset_months"), "months"),
    "regulatory": Column("regulatory", N_("Regulatory status"), "text", _attr("regulatory")),
    "session-length": Column("session-length", N_("Session length"), "range", _attr("session_minutes"), "minutes"),
    "pain": Column("pain", N_("Pain and anaesthesia"), "text", _attr("pain")),
    "downtime": Column("downtime", N_("Downtime"), "range", _attr("downtime_days"), "days"),
    "common": Column("common", N_("Common side effects"), "list", _attr("side_effects_common")),
    "rare": Column("rare", N_("Rare or serious side effects"), "list", _attr("side_effects_rare")),
    "contraindications": Column("contraindications", N_("Who should not have it"), "list", _attr("contraindications")),
}

PROTOCOL_COLUMNS = {
    "source": Column("source", N_("Source"), "cite", _attr("source")),
    "sessions": Column("sessions", N_("Sessions"), "range", _attr("sessions")),
    "interval": Column("interval", N_("Interval"), "range", _attr("interval_weeks"), "weeks"),
    "maintenance": Column("maintenance", N_("Maintenance (one session every …)"), "range", _attr("maintenance_months"), "months"),
    "note": Column("note", N_("Notes"), "text", _attr("note")),
}


@dataclass(frozen=True)
class TableSpec:
    id: str
    caption: str
    columns: dict[str, Column]
    default_columns: tuple[str, ...]
    per_protocol: bool = False


TABLES = {
    "main": TableSpec("main", N_("Injectable treatments compared with established options and with treating the cause"),
                      TREATMENT_COLUMNS, ("summary", "indications", "evidence", "evidence-note", "onset", "regulatory")),
    "protocols": TableSpec("protocols", N_("Session schedules as different sources report them"), PROTOCOL_COLUMNS,
                           ("source", "sessions", "interval", "maintenance", "note"), per_protocol=True),
    "safety": TableSpec("safety", N_("What a session involves, side effects and who should not have each treatment"),
                        TREATMENT_COLUMNS, ("session-length", "pain", "downtime", "common", "rare", "contraindications")),
}


def table_rows(spec: TableSpec, treatments: dict[str, Treatment], row_ids: list[str]):
    """Yield (treatment id, treatment, record) for each row: a treatment, or one of its protocols."""
    for tid in row_ids:
        treatment = treatments[tid]
        if spec.per_protocol:
            for protocol in treatment.protocols:
                yield tid, treatment, protocol
        else:
            yield tid, treatment, treatment
