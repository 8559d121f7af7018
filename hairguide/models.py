"""Schemas of the data files (pydantic): unknown keys, missing fields and wrong types fail.

Fields shown to readers are declared `translatable` here, once: extraction into the
catalogs and the tables both derive from it.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

TRANSLATABLE = {"translatable": True}
Text = Field(min_length=1, json_schema_extra=TRANSLATABLE)
Texts = Field(default=[], json_schema_extra=TRANSLATABLE)
OptionalText = Field(default=None, json_schema_extra=TRANSLATABLE)


def translatable_fields(*models: type[BaseModel]) -> set[str]:
    """Names of the reader-facing fields of these schemas."""
    return {name for model in models for name, info in model.model_fields.items()
            if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("translatable")}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Range(Strict):
    """A numeric range; min == max is a single value."""

    min: float = Field(ge=0)
    max: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self):
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is greater than max ({self.max:g})")
        return self


class Protocol(Strict):
    """One session schedule as one source reports it."""

    source: str
    sessions: Optional[Range] = None
    interval_weeks: Optional[Range] = None
    maintenance_months: Optional[Range] = None
    note: Optional[str] = OptionalText


class Trials(Strict):
    """How many trials one cited source counted (only where that source states the number)."""

    count: int = Field(ge=0)
    source: str
    note: Optional[str] = OptionalText  # what the count covers, if not the whole treatment


class Treatment(Strict):
    name: str = Text
    group: Literal["injectable", "reference"]
    summary: str = Text
    injected: str = Text
    mechanism: str = Text
    indications: str = Text
    protocols: list[Protocol] = []
    session_minutes: Optional[Range] = None
    pain: Optional[str] = OptionalText
    downtime_days: Optional[Range] = None
    onset_months: Optional[Range] = None
    side_effects_common: list[str] = Texts
    side_effects_rare: list[str] = Texts
    contraindications: list[str] = Texts
    evidence: Literal["very-low", "low", "moderate", "high"]
    evidence_note: str = Text
    trials: Optional[Trials] = None  # trials counted by a cited source; omitted when none states it
    after_stopping: Optional[str] = OptionalText  # what is known about stopping (timeline figure)
    regulatory: str = Text
    cite: list[str] = Field(min_length=1)
    # Fields that do not apply to this treatment (a tablet has no session length).
    not_applicable: list[str] = []

    @model_validator(mode="after")
    def _known_fields(self):
        unknown = [name for name in self.not_applicable if name not in type(self).model_fields]
        if unknown:
            raise ValueError(f"not_applicable names unknown fields: {', '.join(unknown)}")
        return self


class Reference(Strict):
    kind: Literal["meta-analysis", "systematic-review", "rct", "cohort", "case-series", "case-report",
                  "review", "guideline", "regulation", "agency-statement", "method"]
    authors: list[str] = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    title: str = Field(min_length=1)
    journal: str = Field(min_length=1)
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    doi: Optional[str] = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: Optional[str] = Field(default=None, pattern=r"^\d{1,9}$")
    url: Optional[str] = Field(default=None, pattern=r"^https://\S+$")
    verified: Optional[str] = None
    lang: Literal["en", "de"] = "en"  # the language of the title (screen readers switch voice)

    @model_validator(mode="after")
    def _locatable(self):
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a reference needs a doi, pmid or url")
        return self


class PerLanguage(Strict):
    en: list[str] = []
    de: list[str] = []


class Term(Strict):
    term: str = Text
    short: str = Text
    long: Optional[str] = OptionalText
    forms: PerLanguage = PerLanguage()
    discouraged: PerLanguage = PerLanguage()
    cite: list[str] = []

    def words(self, lang: str) -> list[str]:
        """What readers of `lang` call it: its forms, and in English (the source) its headword."""
        return getattr(self.forms, lang) + ([self.term] if lang == "en" else [])


Treatments = RootModel[dict[str, Treatment]]
References = RootModel[dict[str, Reference]]
Glossary = RootModel[dict[str, Term]]
