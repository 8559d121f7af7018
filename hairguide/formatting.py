"""Locale formatting of numbers, ranges and durations with Babel.

Babel looks the locale data up on every call; the same few values recur on every page, so
results are cached (pure functions of their arguments).
"""

from __future__ import annotations

from functools import lru_cache

from babel.numbers import format_decimal
from babel.units import format_unit

EN_DASH = "\u2013"
UNITS = {"weeks": "duration-week", "months": "duration-month", "days": "duration-day", "minutes": "duration-minute"}


@lru_cache(maxsize=4096)
def format_number(value: float, locale: str) -> str:
    """1.5 -> '1.5' (en) / '1,5' (de); whole numbers without decimals."""
    return format_decimal(value, locale=locale)


@lru_cache(maxsize=4096)
def format_range(low: float, high: float, locale: str, unit: str | None = None) -> str:
    """'2–3 weeks' / '2–3 Wochen'; a single value when low == high ('5 Sitzungen' style counts have no unit)."""
    numbers = format_number(high, locale) if low == high else f"{format_number(low, locale)}{EN_DASH}{format_number(high, locale)}"
    if unit is None:
        return numbers
    # Babel has no range pattern: format the upper value (plural form) and put the range in its place.
    whole = format_unit(high, UNITS[unit], length="long", locale=locale)
    return whole.replace(format_number(high, locale), numbers, 1)
