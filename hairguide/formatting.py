"""Locale formatting of numbers, ranges, durations and dates with Babel.

Babel looks the locale data up on every call; the same few values recur on every page, so
results are cached (pure functions of their arguments).
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit

from hairguide.gcpause import collection_paused

EN_DASH = "\u2013"
UNITS = {"weeks": "duration-week", "months": "duration-month", "days": "duration-day", "minutes": "duration-minute"}
# The guide's languages as Babel locales: British English, German as written in Germany.
BABEL_LOCALES = {"en": "en_GB", "de": "de_DE"}


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, lang)


def preload(lang: str) -> None:
    """Load a language's locale data now (once per process), with garbage collection paused."""
    with collection_paused():
        Locale.parse(babel_locale(lang)).decimal_formats  # noqa: B018 (the access loads the data)


@lru_cache(maxsize=4096)
def format_number(value: float, lang: str) -> str:
    """1.5 -> '1.5' (en) / '1,5' (de); whole numbers without decimals."""
    return format_decimal(value, locale=babel_locale(lang))


@lru_cache(maxsize=4096)
def format_range(low: float, high: float, lang: str, unit: str | None = None) -> str:
    """'2–3 weeks' / '2–3 Wochen'; a single value when low == high ('5 Sitzungen' style counts have no unit)."""
    numbers = format_number(high, lang) if low == high else f"{format_number(low, lang)}{EN_DASH}{format_number(high, lang)}"
    if unit is None:
        return numbers
    # Babel has no range pattern: format the upper value (plural form) and put the range in its place.
    whole = format_unit(high, UNITS[unit], length="long", locale=babel_locale(lang))
    return whole.replace(format_number(high, lang), numbers, 1)


@lru_cache(maxsize=1024)
def long_date(date: datetime.date, lang: str) -> str:
    """'22 November 2026' (en) / '22. November 2026' (de)."""
    return format_date(date, format="long", locale=babel_locale(lang))
