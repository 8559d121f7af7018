"""Issue 9 in real Chromium: accessibility (axe), no third-party requests, no console errors,
phones, print and localized dates."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
# Only violations are needed: axe then skips collecting the nodes that pass (much faster).
AXE_OPTIONS = {"resultTypes": ["violations"]}
PHONE = {"width": 360, "height": 800}


def _pages(site, lang):
    """One language's pages as paths below its root ('', 'treatments/prp/', ...)."""
    root = site / "de" if lang == "de" else site
    paths = [p.parent.relative_to(root).as_posix() for p in root.rglob("index.html")]
    return sorted("" if path == "." else path + "/" for path in paths
                  if not {"search", "assets"} & set(path.split("/")) and (lang == "de" or path.split("/")[0] != "de"))


# axe checks what the theme's colours, the layout and the markup of each kind of content make of
# a page. Between them these pages hold every template and component of the guide, in each
# language; every other page is the same page template with more of the same kinds of text
# (headings, paragraphs, lists, citation marks, glossary links, "In brief" boxes), so axe on these
# covers them. Every page is still loaded in Chromium (no request to another host, no console
# error). The figures and the hair-cycle diagram pass axe at 360 px in test_browser_figures.py,
# the tables at 360 px below and the search dialog in test_search.py.
AXE_PAGES = {
    "": "home: the four entry points and the draft notice; header, navigation, language switch, footer",
    "treatments/prp/": "a treatment page: a data table and a Markdown table, glossary links with their "
                       "definitions, citation marks, the page's sources list (the partial that also renders "
                       "the bibliography on sources/), 'In brief', note and warning boxes, the contents list",
    "understanding/diagnosis/": "the danger box (the other boxes are on the treatment page)",
    "compare/": "the comparison: three data tables and the evidence figure",
    "glossary/": "the glossary: one entry per term with its 'used on' links",
    "practical/checklist/": "the checklist with its print button",
    "translation-status/": "the translation status: its table and progress bar",
    "404.html": "the 404 page with its search form",
}
SETTLED = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_loads_without_foreign_requests_or_console_errors_and_each_kind_passes_axe(served_site, browser, lang):
    result, base = served_site
    axe = Axe()
    host = urlsplit(base).netloc
    failures = []
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    prefix = "de/" if lang == "de" else ""
    pages = [*_pages(result.site, lang), "404.html"]
    assert len(pages) >= 20 and set(AXE_PAGES) <= set(pages), sorted(set(AXE_PAGES) - set(pages))
    for path in pages:
        requests.clear(), errors.clear()
        page.goto(base + prefix + path, wait_until="load")
        if path in AXE_PAGES:
            violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
            failures += [f"{prefix}{path}: {v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]
        else:
            page.evaluate(SETTLED)  # the guide's set-up tasks (setTimeout 0 after DOMContentLoaded) have run
        foreign = [url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host]
        failures += [f"{prefix}{path}: request to another host: {url}" for url in foreign]
        failures += [f"{prefix}{path}: console error: {text}" for text in errors]
    context.close()
    assert not failures, "\n".join(failures)


def test_pages_with_tables_have_no_axe_violations_on_a_phone(served_site, open_page):
    """Tables off screen skip layout (content-visibility); checked at phone width, unscrolled,
    as Lighthouse sees them, and scrolled to the end. The comparison page holds every kind of
    table wrapper (eleven, in sets and alone); a treatment page adds the page template at phone
    width (the mobile contents list, glossary links, a Markdown table), checked unscrolled. One
    page in each language: the tables and their CSS are the same in both."""
    result, base = served_site
    axe = Axe()
    pages = {"de/compare": ("top", "scrolled"), "treatments/prp": ("top",)}
    page = open_page(PHONE)
    failures = []
    for path, states in pages.items():
        page.goto(f"{base}{path}/", wait_until="load")
        assert page.locator(".guide-table-wrapper").first.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
        for state in states:
            if state == "scrolled":
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_timeout(600)  # let Material's header finish fading in the page title
            failures += [f"{path} ({state}): {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                         for v in axe.run(page, options=AXE_OPTIONS).response["violations"]]
    assert not failures, "\n".join(failures)


def test_print_hides_navigation_and_shows_link_targets(served_site, open_page):
    _, base = served_site
    page = open_page()
    page.goto(base + "practical/checklist/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).display") == "none"
    assert page.locator(".md-sidebar--primary").evaluate("el => getComputedStyle(el).display") == "none"
    page.goto(base + "treatments/prp/")
    page.emulate_media(media="print")
    after = page.locator('.guide-references a[href^="https://doi.org"]').first.evaluate("a => getComputedStyle(a, '::after').content")
    assert "doi.org" in after
    # Tables are laid out in print (content-visibility only applies on screen).
    page.goto(base + "compare/")
    page.emulate_media(media="print")
    assert page.locator(".guide-table-wrapper").first.evaluate("el => getComputedStyle(el).contentVisibility") == "visible"


def test_dates_are_shown_in_the_page_language(served_site, open_page):
    from babel.dates import format_date

    from hairguide.pages import read_page
    from sitebuild import REPO

    _, base = served_site
    page = open_page()
    for path, source, locale in (("de/treatments/prp/", "prp.de.md", "de_DE"), ("treatments/prp/", "prp.md", "en_GB")):
        reviewed = read_page((REPO / "docs/treatments" / source).read_bytes(), source)[1]["last_reviewed"]
        page.goto(base + path)
        assert page.locator(".guide-dates time").first.inner_text() == format_date(reviewed, "long", locale=locale)
        assert page.locator(".guide-dates time").first.get_attribute("datetime") == reviewed.isoformat()
