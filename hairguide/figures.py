"""The numbers behind the figures drawn from data/treatments.yml. The templates
overrides/partials/guide/figure-*.html write every word as HTML (it wraps and zooms like the
page) and draw only the graphics as inline SVG, in percentages of the width they are given.
"""

from __future__ import annotations

import math

FIGURES = ("evidence", "timeline")
EVIDENCE_LEVELS = ("very-low", "low", "moderate", "high")
WEEKS_PER_MONTH = 52 / 12


def level(evidence: str) -> int:
    """The level of evidence as a number of filled boxes out of 4."""
    return EVIDENCE_LEVELS.index(evidence) + 1


def percent(value: float, whole: float) -> float:
    """Where `value` lies on a scale from 0 to `whole`, in per cent of its width."""
    return round(100 * value / whole, 1) if whole else 0.0


def course_months(sessions: tuple[float, float], interval_weeks: tuple[float, float]) -> tuple[float, float]:
    """From the first to the last session, in months: shortest and longest course."""
    return tuple(round((s - 1) * weeks / WEEKS_PER_MONTH, 2) for s, weeks in zip(sessions, interval_weeks))


def axis_months(longest: float) -> int:
    """The months axis: a multiple of 3 with room after the latest mark, at least 6."""
    return max(6, 3 * math.ceil((longest + 1) / 3))


def ticks(months: int) -> list[tuple[int, float]]:
    """A tick every 3 months: (month, per cent of the axis)."""
    return [(month, percent(month, months)) for month in range(0, months + 1, 3)]
