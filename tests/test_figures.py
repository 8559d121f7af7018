"""The figures drawn from data (hairguide/figures.py): geometry, wrapping and the rendered SVG (fast)."""

from __future__ import annotations

import re

from core import problems, project, run
from hairguide.figures import (SMALL_FONT, WIDTH, axis_months, course_months, evidence_layout, text_width,
                               timeline_layout, wrap)
from hairguide.render import put_back
from sitebuild import md


def evidence_row(name="PRP", level="low", trials=14, note=None):
    return {"name": name, "level": level, "level_label": level, "trials": trials,
            "trials_text": str(trials) if trials is not None else "not stated", "note": note}


def test_wrap_keeps_every_line_within_the_width_and_every_word():
    text = "Stromal vascular fraction (SVF, 'stem-cell' therapy) combined with a very long German Zusammensetzung"
    lines = wrap(text, 16, 200, bold=True)
    assert " ".join(lines) == text
    assert all(text_width(line, 16, True) <= 200 for line in lines if " " in line)
    assert wrap("", 16, 200) == []


def test_evidence_boxes_follow_the_level_and_bars_the_trial_count():
    layout = evidence_layout([evidence_row("A", "very-low", 3, "dutasteride only"), evidence_row("B", "high", 12),
                              evidence_row("C", "moderate", None)], "Evidence", "Trials")
    a, b, c = layout["rows"]
    assert [box["filled"] for box in a["boxes"]] == [True, False, False, False]
    assert [box["filled"] for box in b["boxes"]] == [True] * 4 and c["level_number"] == 3
    assert b["bar_w"] == round(b["bar_w"], 1) and a["bar_w"] == round(b["bar_w"] * 3 / 12, 1)
    assert c["bar_w"] == 0 and c["trials_x"] == layout["value_x"]           # 'not stated' where the bar would start
    assert layout["value_x"] + b["bar_w"] + 6 + text_width("12", 15) <= WIDTH  # the longest bar and its number fit
    assert a["note_lines"] and not b["note_lines"]
    tops = [row["name_lines"][0]["y"] for row in layout["rows"]]
    assert tops == sorted(tops) and layout["height"] > c["rule_y"]            # blocks follow each other, all inside


def test_course_length_and_axis():
    assert course_months((5, 5), (4, 6)) == (3.69, 5.54)     # 4 and 6 intervals of 4-6 weeks
    assert course_months((1, 1), (4, 4)) == (0, 0)
    assert axis_months(0) == 6 and axis_months(5.54) == 9 and axis_months(6) == 9 and axis_months(11.5) == 15


def test_timeline_bars_and_onset_sit_on_the_months_axis():
    rows = [{"name": "PRP", "courses": [{"sessions": (5, 5), "interval_weeks": (4, 6), "text": "5 sessions"}],
             "onset": (6, 6), "texts": ["Sessions: 5", "Effect: after 6 months", "After stopping: not studied"]},
            {"name": "SVF", "courses": [], "onset": None, "texts": ["Sessions: not stated"]}]
    layout = timeline_layout(rows, "Months from the first session", ["solid", "hatched", "marker"])
    assert layout["months"] == 9 and [t["month"] for t in layout["ticks"]] == [0, 3, 6, 9]
    x = {t["month"]: t["x"] for t in layout["ticks"]}
    prp, svf = layout["rows"]
    bar = prp["bars"][0]
    assert bar["x"] == x[0] and abs(bar["hatched_x"] + bar["hatched_w"] - (x[0] + 5.54 / 9 * (x[9] - x[0]))) < 0.2
    assert prp["onset_mark"]["x"] == x[6] and svf["onset_mark"] is None and svf["track_y"] is not None
    texts = [line for row in layout["rows"] for line in row["texts_placed"]]
    assert len(texts) == 4 and all(text_width(t["text"], SMALL_FONT) <= WIDTH for t in texts)


def test_figures_render_as_accessible_svg_from_the_fixture_data(tmp_path):
    build = run(project(tmp_path / "p"), {"page.md": md("Page", "<!-- figure: evidence -->\n\n<!-- figure: timeline -->")})
    assert problems(build) == []
    html = put_back(build.expand("page.md", "<!-- figure: evidence -->\n\n<!-- figure: timeline -->\n"), build.pages["page.md"].held)
    assert html.count('role="img"') == 2 and html.count("<figcaption") == 2 and html.count("<details") == 2
    for name in ("evidence", "timeline"):
        assert f'aria-labelledby="figure-{name}-title figure-{name}-desc"' in html
    sizes = {float(size) for size in re.findall(r'font-size="([\d.]+)"', html)}
    assert min(sizes) >= 14                                   # ≥ 12 px at a 328 px wide text column
    assert "<script" not in html and " on" not in re.sub(r">[^<]*<", "><", html)
