"""The figures drawn from data (hairguide/figures.py, figure-*.html): what the core decides and
the HTML it writes; words are HTML, graphics are hidden SVG in percentages (fast)."""

from __future__ import annotations

import lxml.html

from core import problems, project, run
from fixture_site import fixture_files
from hairguide.figures import axis_months, course_months, level, percent, ticks
from hairguide.render import put_back
from sitebuild import md

MARKERS = "<!-- figure: evidence -->\n\n<!-- figure: timeline -->\n"
PO = "de/LC_MESSAGES/messages.po"
# The fixture data with trial counts (PRP 14, minoxidil 7) and markup where a contributor might type it.
TREATMENTS = (fixture_files("data")["treatments.yml"]
              .replace('  evidence: low\n', '  evidence: low\n  trials: {count: 14, source: smith2020, note: "Placebo <b>only</b> & more"}\n')
              .replace('  evidence: moderate\n', '  evidence: moderate\n  trials: {count: 7, source: doe2019}\n')
              .replace("name: Topical minoxidil", 'name: "Minoxidil <img src=x onerror=alert(1)>"'))


def figures_html(tmp_path, lang="en", data=None, locales=None):
    """Both figures as one page of `lang` shows them, parsed: {'evidence': element, 'timeline': element}."""
    build = run(project(tmp_path / "p", data, locales), {"page.md": md("Page", MARKERS), "page.de.md": md("Seite", MARKERS)}, lang=lang)
    assert problems(build) == []
    src = "page.md" if lang == "en" else "page.de.md"
    html = put_back(build.expand(src, MARKERS), build.pages[src].held)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return html, {name: root.get_element_by_id(f"figure-{name}") for name in ("evidence", "timeline")}


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_levels_bar_fractions_course_months_and_axis():
    assert [level(name) for name in ("very-low", "low", "moderate", "high")] == [1, 2, 3, 4]
    assert percent(7, 14) == 50.0 and percent(14, 14) == 100.0 and percent(1, 3) == 33.3 and percent(3, 0) == 0.0
    assert course_months((5, 5), (4, 6)) == (3.69, 5.54)     # 4 intervals of 4 and of 6 weeks
    assert course_months((1, 1), (4, 4)) == (0, 0)
    assert axis_months(0) == 6 and axis_months(5.54) == 9 and axis_months(6) == 9 and axis_months(11.5) == 15
    assert ticks(9) == [(0, 0.0), (3, 33.3), (6, 66.7), (9, 100.0)]


def test_evidence_figure_words_are_html_beside_hidden_graphics(tmp_path):
    _html, figs = figures_html(tmp_path, data={"treatments.yml": TREATMENTS})
    figure = figs["evidence"]
    assert words(figure.find("figcaption")).startswith("Strength of evidence and number of trials. Moderate: Minoxidil")
    assert "Low: Platelet-rich plasma (PRP)." in words(figure.find("figcaption"))
    rows = figure.find_class("guide-figure__row")
    names = [words(row.find_class("guide-figure__name")[0]) for row in rows]
    assert names == ["Platelet-rich plasma (PRP)", "Minoxidil <img src=x onerror=alert(1)>"]
    for row, filled, label, bar, count in zip(rows, (2, 3), ("Low", "Moderate"), ("100.0%", "50.0%"), ("14", "7")):
        boxes, trials = row.findall(".//svg")
        assert [rect.get("fill") for rect in boxes.findall("rect")].count("#0d47a1") == filled   # boxes count the level
        assert trials.get("width") == bar                                                         # bar as long as the number
        assert f"Evidence {label}" in words(row) and f"Trials {count}" in words(row)              # the words say the same
    assert "Placebo <b>only</b> & more; Smith 2020" in words(rows[0])
    assert [a.get("href") for a in figure.iter("a")] == ["#ref-smith2020", "#ref-doe2019"] * 2  # figure and table cite alike
    assert figure.find("details/table/caption").text == "Strength of evidence and number of trials"
    assert "Low (2/4)" in words(figure.find("details"))


def test_timeline_bars_and_onset_are_placed_in_percent_of_the_months_axis(tmp_path):
    _html, figs = figures_html(tmp_path)
    figure = figs["timeline"]
    # Fixture PRP: 3–4 sessions 2–3 weeks apart (0.92–2.08 months), effect after 3–6 months: axis 0–9 months.
    axis = figure.find_class("guide-figure__ticks")[0]
    assert [(t.text, t.get("x")) for t in axis.iter("text")] == [("0", "0.0%"), ("3", "33.3%"), ("6", "66.7%"), ("9", "100.0%")]
    rows = figure.find_class("guide-figure__row")[1:]
    assert [words(row.find_class("guide-figure__name")[0]) for row in rows] == ["Platelet-rich plasma (PRP)"]  # injectables only
    track = rows[0].find_class("guide-figure__track")[0]
    solid, hatched = track.findall("rect")
    assert (solid.get("width"), hatched.get("x"), hatched.get("width")) == ("10.2%", "10.2%", "12.9%")
    assert hatched.get("fill") == "url(#figure-timeline-hatch)" and len(figure.xpath(".//pattern[@id='figure-timeline-hatch']")) == 1
    assert {line.get("x1") for line in track.findall("line")} >= {"0.0%", "33.3%", "66.7%", "100.0%"}  # grid and onset at 3 months
    assert track.xpath(".//path") and track.xpath("svg[@x='33.3%']")                                     # the onset diamond
    facts = words(rows[0].find_class("guide-figure__facts")[0])
    assert facts == ("Sessions and interval 3–4 sessions, 2–3 weeks apart, Smith 2020 [1] "
                     "Effect can first be judged after 3–6 months After stopping not stated")
    assert words(figure.find("details/table/tbody/tr")) == ("Platelet-rich plasma (PRP) 3–4 sessions, 2–3 weeks apart, "
                                                            "Smith 2020 [1] after 3–6 months not stated")


def test_every_graphic_is_hidden_from_screen_readers_and_every_word_is_html(tmp_path):
    html, figs = figures_html(tmp_path, data={"treatments.yml": TREATMENTS})
    for figure in figs.values():
        assert figure.tag == "figure" and figure.find("figcaption") is not None
        svgs = list(figure.iter("svg"))
        assert svgs and all(svg.get("aria-hidden") == "true" for svg in svgs if svg.getparent().tag != "svg")
        assert not figure.xpath(".//*[@role='img']")
        # The rows repeat the table: the search indexes the caption and the table only.
        indexed = figure.xpath("./*[not(@data-pagefind-ignore)]")
        assert [element.tag for element in indexed] == ["figcaption", "details"]
        assert all(text.text.isdigit() for text in figure.iter("text")) and not figure.xpath(".//@font-size")
    assert "<script" not in html and "onerror=" not in html.replace("onerror=alert(1)&gt;", "")


def test_data_and_catalog_text_is_escaped_in_both_languages(tmp_path):
    catalog = fixture_files("locales")[PO] + ('\nmsgid "Evidence"\nmsgstr "<em>Aussagekraft</em> & Güte"\n'
                                             '\nmsgid "Sessions and interval"\nmsgstr "Sitzungen <b>und</b> Abstand"\n')
    for lang in ("en", "de"):
        html, _figs = figures_html(tmp_path / lang, lang, data={"treatments.yml": TREATMENTS}, locales={PO: catalog})
        assert "Minoxidil &lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
        assert "Placebo &lt;b&gt;only&lt;/b&gt; &amp; more" in html and "<b>" not in html
    assert "&lt;em&gt;Aussagekraft&lt;/em&gt; &amp; Güte" in html and "Sitzungen &lt;b&gt;und&lt;/b&gt; Abstand" in html
    assert "<em>Aussagekraft" not in html
