"""Issue 19, item 2 in real Chromium: the data figures and the hair-cycle diagram are legible on a
360 px phone (every SVG label at least 12 px), pass axe there, and print."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
PAGES = {"compare/": "#figure-evidence", "de/practical/what-to-expect/": "#figure-timeline",
         "understanding/hair-cycle/": ".hair-cycle-figure", "de/understanding/hair-cycle/": ".hair-cycle-figure"}

# Rendered size of every label: its font size in the SVG's units times the SVG's scale on screen;
# and whether any label sticks out of its SVG.
LABELS = """(selector) => {
  const svg = document.querySelector(selector + ' svg');
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1};
  });
}"""


def test_figures_are_legible_accessible_and_printable_on_a_phone(served_site, browser):
    _result, base = served_site
    context = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=1)
    context.set_default_timeout(5000)
    page = context.new_page()
    axe = Axe()
    try:
        for path, selector in PAGES.items():
            page.emulate_media(media="screen")
            page.goto(base + path, wait_until="load")
            labels = page.evaluate(LABELS, selector)
            assert labels, path
            small = [(label["text"], round(label["px"], 1)) for label in labels if label["px"] < 12]
            assert not small, f"{path}: labels under 12 px at 360 px: {small}"
            assert all(label["inside"] for label in labels), f"{path}: {[l['text'] for l in labels if not l['inside']]}"
            violations = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in axe.run(page).response["violations"]]
            assert not violations, f"{path}: {violations}"
            page.emulate_media(media="print")
            shown = page.evaluate("(s) => { const r = document.querySelector(s + ' svg').getBoundingClientRect();"
                                  " return r.width > 100 && r.height > 100 && getComputedStyle(document.querySelector(s)).display !== 'none'; }",
                                  selector)
            assert shown, f"{path}: the figure is hidden or collapsed in print"
    finally:
        context.close()
