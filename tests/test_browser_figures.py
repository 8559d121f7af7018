"""The figures in real Chromium on a 360 px phone: every word of the data figures (HTML, and the
months in SVG) at least 12 px and inside the text column, their graphics drawn, axe clean, and
printed; the hair-cycle diagram's SVG labels at least 12 px (issue 19, item 2).

axe checks each figure (its roles, names, text alternatives and colours); the pages around them
are checked whole at 360 px in test_browser_reader.py (the German comparison page, figure
included, and a treatment page: the page template at phone width) and at 1280 px (every kind of
page in English; the German home and treatment pages)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import AXE_VIEW

pytestmark = pytest.mark.browser
FIGURES = {"compare/": "#figure-evidence", "de/compare/": "#figure-evidence",
           "practical/what-to-expect/": "#figure-timeline", "de/practical/what-to-expect/": "#figure-timeline"}
DIAGRAMS = {"understanding/hair-cycle/": ".hair-cycle-figure", "de/understanding/hair-cycle/": ".hair-cycle-figure"}

# Every text the reader sees in the figure (not the closed table): its rendered size (an SVG
# text's font size times its SVG's scale) and whether it stays inside the figure and the window.
TEXTS = """(selector) => {
  const figure = document.querySelector(selector), column = figure.getBoundingClientRect(), texts = [];
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement, range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!node.textContent.trim() || !boxes.length || !element.checkVisibility()) continue;
    const svg = element.closest('svg');
    texts.push({text: node.textContent.trim(), px: parseFloat(getComputedStyle(element).fontSize) * (svg ? svg.getScreenCTM().a : 1),
                inside: boxes.every(r => r.left >= column.left - 1 && r.right <= Math.min(column.right, innerWidth) + 1)});
  }
  return texts;
}"""
# The figure's outer SVGs (their size on screen) and the drawn marks: filled boxes, bars.
GRAPHICS = r"""(selector) => {
  const figure = document.querySelector(selector);
  const size = e => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
  return {shown: getComputedStyle(figure).display !== 'none' && figure.getBoundingClientRect().height > 200,
          svgs: [...figure.querySelectorAll('svg')].filter(s => !s.parentElement.closest('svg') && s.checkVisibility()).map(size),
          filled: figure.querySelectorAll('.guide-figure__boxes rect[fill="#0d47a1"]').length,
          levels: [...figure.querySelectorAll('td')].reduce((n, td) => n + Number((td.textContent.match(/\((\d)\/4\)/) || [0, 0])[1]), 0),
          bars: [...figure.querySelectorAll('.guide-figure__bar svg, .guide-figure__track rect')].map(e => size(e)[0])};
}"""


@pytest.fixture()
def phone(open_page):
    page = open_page({"width": 360, "height": 800})  # device scale factor 1
    page.set_default_timeout(5000)
    return page


def check_graphics(graphics: dict, path: str) -> None:
    assert graphics["shown"], f"{path}: the figure is hidden or collapsed"
    assert graphics["svgs"] and all(w > 0 and h > 0 for w, h in graphics["svgs"]), f"{path}: {graphics['svgs']}"
    assert graphics["bars"] and all(width > 0 for width in graphics["bars"]), f"{path}: a bar is not drawn: {graphics['bars']}"


def legible_texts(phone, base: str, path: str, script: str, selector: str) -> list[dict]:
    """The page on screen, and the texts `script` finds in `selector`: each at least 12 px and inside the column."""
    phone.emulate_media(media="screen")
    phone.goto(base + path, wait_until="load")
    texts = phone.evaluate(script, selector)
    assert texts, path
    small = [(text["text"], round(text["px"], 1)) for text in texts if text["px"] < 12]
    assert not small, f"{path}: text under 12 px at 360 px: {small}"
    assert all(text["inside"] for text in texts), f"{path}: outside the column: {[t['text'] for t in texts if not t['inside']]}"
    return texts


def check_axe(axe: Axe, page, path: str, selector: str) -> None:
    """axe on the figure only, violations only; the page is left as it was (AXE_VIEW taken off)."""
    view = page.add_style_tag(content=AXE_VIEW)
    results = axe.run(page, context=selector, options={"resultTypes": ["violations"]}).response
    view.evaluate("style => style.remove()")
    assert results["passes"], f"{path}: axe found nothing to check in {selector}"
    violations = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]
    assert not violations, f"{path}: {violations}"


def test_data_figures_are_legible_drawn_accessible_and_printed_on_a_phone(served_site, phone):
    _result, base = served_site
    axe = Axe()
    for path, selector in FIGURES.items():
        texts = legible_texts(phone, base, path, TEXTS, selector)
        assert len(texts) > 20, f"{path}: {texts}"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, f"{path}: the page scrolls sideways"
        graphics = phone.evaluate(GRAPHICS, selector)
        check_graphics(graphics, path)
        if selector == "#figure-evidence":   # as many boxes filled as the table's levels ('Low (2/4)') add up to
            assert graphics["filled"] == graphics["levels"] > 0, graphics
        check_axe(axe, phone, path, selector)
        phone.emulate_media(media="print")
        check_graphics(phone.evaluate(GRAPHICS, selector), f"{path} (print)")
        if path.endswith("compare/"):  # and the page's tables are laid out in print (on screen they skip layout off screen)
            skipped = phone.locator(".guide-table-wrapper").evaluate_all("els => els.filter(el => getComputedStyle(el).contentVisibility !== 'visible').length")
            assert skipped == 0, f"{path}: {skipped} tables are not laid out in print"


# The hair-cycle diagram is hand-drawn SVG scaled to the column: its labels' size on screen.
LABELS = """(selector) => {
  const svg = document.querySelector(selector + ' svg'), box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1};
  });
}"""


def test_hair_cycle_diagram_is_legible_accessible_and_printable_on_a_phone(served_site, phone):
    _result, base = served_site
    axe = Axe()
    for path, selector in DIAGRAMS.items():
        legible_texts(phone, base, path, LABELS, selector)
        check_axe(axe, phone, path, selector)
        phone.emulate_media(media="print")
        shown = phone.evaluate("(s) => { const r = document.querySelector(s + ' svg').getBoundingClientRect();"
                               " return r.width > 100 && r.height > 100 && getComputedStyle(document.querySelector(s)).display !== 'none'; }",
                               selector)
        assert shown, f"{path}: the figure is hidden or collapsed in print"
