"""Figures drawn from data/treatments.yml: plain functions that compute the geometry.

The renderer (render.py) gathers the translated texts, these functions place them, and
the templates overrides/partials/guide/figure-*.html draw the SVG. Coordinates are in the
SVG's own units: the figures are WIDTH units wide and shown at most a little larger than
that (guide.css), so a font size of 14 units stays at least 12 px on a 360 px phone
(text column about 328 px: 14 × 328 / 360 ≈ 12.8 px). Text is wrapped here, by an
estimate of its width, because SVG does not wrap.
"""

from __future__ import annotations

import math

FIGURES = ("evidence", "timeline")
WIDTH = 360
NAME_FONT, FONT, SMALL_FONT = 16, 15, 14   # treatment names (bold), values, notes; all ≥ 14
LEADING = 1.3
EVIDENCE_LEVELS = ("very-low", "low", "moderate", "high")
BOX_W, BOX_H, BOX_GAP = 22, 16, 3
BAR_H = 16
WEEKS_PER_MONTH = 52 / 12


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    """An estimate of a sans-serif line's width: the average letter is about 0.55 em (bold 0.6)."""
    return len(text) * font_size * (0.6 if bold else 0.55)


def wrap(text: str, font_size: float, width: float, bold: bool = False) -> list[str]:
    """Words into lines no wider than `width` (a single over-long word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", font_size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _lines(text: str, font_size: float, x: float, top: float, width: float, bold: bool = False):
    """Wrapped lines as (x, baseline y, text) from `top`; and the y below them."""
    placed = []
    for line in wrap(text, font_size, width, bold):
        top += font_size * LEADING
        placed.append({"x": x, "y": round(top - font_size * (LEADING - 1), 1), "text": line})
    return placed, top


def evidence_layout(rows: list[dict], evidence_label: str, trials_label: str) -> dict:
    """One block per treatment: its name, the level of evidence as 1–4 filled boxes plus the
    level's name, and the number of trials as a bar plus the number (or a 'not stated' text).

    rows: {"name", "level" (one of EVIDENCE_LEVELS), "level_label", "trials" (int or None),
    "trials_text" (the number or 'not stated'), "note" (or None)}.
    """
    value_x = math.ceil(max(text_width(evidence_label, FONT), text_width(trials_label, FONT)) + 10)
    boxes_w = 4 * BOX_W + 3 * BOX_GAP
    counts = [row["trials"] for row in rows if row["trials"] is not None]
    most = max(counts, default=0)
    bar_max = WIDTH - value_x - text_width(str(most), FONT) - 10
    y, placed = 0.0, []
    for row in rows:
        name, y = _lines(row["name"], NAME_FONT, 0, y + 6, WIDTH, bold=True)
        level = EVIDENCE_LEVELS.index(row["level"]) + 1
        evidence_y = y + 6
        boxes = [{"x": value_x + i * (BOX_W + BOX_GAP), "filled": i < level} for i in range(4)]
        trials_y = evidence_y + BOX_H + 8
        bar_w = round(max(3.0, row["trials"] / most * bar_max), 1) if row["trials"] else 0
        text_x = value_x + bar_w + 6 if bar_w else value_x
        note, y = _lines(row["note"], SMALL_FONT, value_x, trials_y + BAR_H, WIDTH - value_x) if row.get("note") else ([], trials_y + BAR_H)
        placed.append({**row, "name_lines": name, "level_number": level, "evidence_y": evidence_y, "boxes": boxes,
                       "level_x": value_x + boxes_w + 8, "trials_y": trials_y, "bar_w": bar_w, "trials_x": text_x,
                       "note_lines": note, "rule_y": round(y + 8, 1)})
        y += 8
    return {"width": WIDTH, "height": math.ceil(y + 2), "value_x": value_x, "box_w": BOX_W, "box_h": BOX_H,
            "bar_h": BAR_H, "rows": placed}


def course_months(sessions: tuple[float, float], interval_weeks: tuple[float, float]) -> tuple[float, float]:
    """From the first to the last session, in months: shortest and longest course."""
    return tuple(round((s - 1) * weeks / WEEKS_PER_MONTH, 2) for s, weeks in zip(sessions, interval_weeks))


def axis_months(longest: float) -> int:
    """The months axis: a multiple of 3 with room after the latest mark, at least 6."""
    return max(6, 3 * math.ceil((longest + 1) / 3))


def timeline_layout(rows: list[dict], axis_title: str, legend: list[str]) -> dict:
    """A months axis and one block per treatment: a bar per reported schedule (solid to the
    end of the shortest course, hatched to the end of the longest), a marker where an effect
    can first be judged, and the texts that say the same in words.

    rows: {"name", "courses": [{"sessions": (min, max), "interval_weeks": (min, max), "text"}],
    "onset": (min, max) or None, "texts": [str, ...]} (texts: one per course, onset, stopping).
    """
    courses = [course_months(c["sessions"], c["interval_weeks"]) for row in rows for c in row["courses"]]
    months = axis_months(max([end for _low, end in courses] + [row["onset"][1] for row in rows if row["onset"]], default=0))
    left, right = 6, WIDTH - 12

    def x(month: float) -> float:
        return round(left + month / months * (right - left), 1)

    title, y = _lines(axis_title, SMALL_FONT, 0, 0, WIDTH)
    ticks = [{"month": m, "x": x(m)} for m in range(0, months + 1, 3)]
    tick_y = y + SMALL_FONT * LEADING
    y = tick_y + 6
    legend_items = []
    for text in legend:
        lines, below = _lines(text, SMALL_FONT, 34, y, WIDTH - 34)
        legend_items.append({"y": y + 4, "lines": lines})
        y = below + 2
    placed = []
    for row in rows:
        name, y = _lines(row["name"], NAME_FONT, 0, y + 10, WIDTH, bold=True)
        track_top = y + 2
        bars = []
        for course in row["courses"]:
            low, high = course_months(course["sessions"], course["interval_weeks"])
            bars.append({"y": y + 6, "x": x(0), "solid_w": x(low) - x(0), "hatched_x": x(low), "hatched_w": x(high) - x(low)})
            y += BAR_H + 6
        track_y = y + 6 if not bars else None
        if not bars:
            y += BAR_H + 6
        onset = None
        if row["onset"]:
            top = bars[0]["y"] - 4 if bars else y - BAR_H - 4
            onset = {"x": x(row["onset"][0]), "x2": x(row["onset"][1]), "top": top, "bottom": y + 2}
        track_bottom = y + 2
        texts = []
        for text in row["texts"]:
            lines, y = _lines(text, SMALL_FONT, 0, y + 2, WIDTH)
            texts += lines
        placed.append({**row, "name_lines": name, "bars": bars, "track_y": track_y, "track_top": track_top,
                       "track_bottom": track_bottom, "onset_mark": onset,
                       "texts_placed": texts, "rule_y": round(y + 8, 1)})
        y += 8
    return {"width": WIDTH, "height": math.ceil(y + 2), "title_lines": title, "ticks": ticks, "tick_y": tick_y,
            "legend": legend_items, "left": left, "right": right,
            "months": months, "bar_h": BAR_H, "rows": placed}
