"""Issue 9 in real Chromium: accessibility (axe), no third-party requests, no console errors,
phones, print and localized dates."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import AXE_VIEW

pytestmark = pytest.mark.browser
# Only violations are needed: axe then skips collecting the nodes that pass (much faster).
AXE_OPTIONS = {"resultTypes": ["violations"]}
PHONE = {"width": 360, "height": 800}
# Scrolled down: Material's header shows the page title, and no transition is still running.
SCROLLED = ("() => document.querySelector('.md-header__title--active')"
            " && document.getAnimations().every(animation => animation.playState !== 'running')")


def _pages(site, lang):
    """One language's pages as paths below its root ('', 'treatments/prp/', ...)."""
    root = site / "de" if lang == "de" else site
    paths = [p.parent.relative_to(root).as_posix() for p in root.rglob("index.html")]
    return sorted("" if path == "." else path + "/" for path in paths
                  if not {"search", "assets"} & set(path.split("/")) and (lang == "de" or path.split("/")[0] != "de"))


# axe checks what the theme's colours, the layout and the markup of each kind of content make of
# a page. Between them these pages hold every template and component of the guide; every other
# page is the same page template with more of the same kinds of text (headings, paragraphs,
# lists, citation marks, glossary links, "In brief" boxes), so axe on these covers them. The
# figures and the hair-cycle diagram pass axe at 360 px in test_browser_figures.py, the tables at
# 360 px below and the search dialog in test_search.py.
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
# The templates and components are the same in both languages; what German changes is the words
# and, on content pages, some markup. So axe checks every kind in English, and in German the
# pages whose markup differs beyond the words: the home page (German header, navigation and
# language switch) and a treatment page (headings with soft hyphens, English source titles marked
# lang="en", the German sources list). The German comparison page passes axe at 360 px below, the
# German figures in test_browser_figures.py. German 404 and translation-status pages have the
# English pages' markup, element for element, apart from lang. On these German pages axe leaves
# out colour contrast (two thirds of its time): colours come from the stylesheet and the
# elements' classes, the same in both languages and checked on every kind in English (and on the
# German comparison page at 360 px, with contrast).
# Colour contrast (two thirds of an axe run) is checked where a page has colours of its own: the
# stylesheet sets few colours (guide.css: the theme's primary and link colours, the "In brief" box,
# table headers, the print tools' note, the search's marks, the footer, the home page's cards), and
# every one of them is on one of these pages. Not on the comparison page (its tables have the
# treatment page's table classes, and all of them are checked with contrast at 360 px below; its
# figure's contrast is checked at 360 px in test_browser_figures.py) nor on the glossary (body text and links in the theme's colours, as on the treatment page).
CONTRAST_PAGES = {"", "treatments/prp/", "understanding/diagnosis/", "practical/checklist/", "translation-status/", "404.html"}
GERMAN_AXE_PAGES = {
    "": "the German home page: header, navigation, language switch, footer",
    "treatments/prp/": "German content markup: soft hyphens in headings, English source titles marked lang=\"en\"",
}


def check_dates(page, path):
    """The page's review dates in its language's long form, from the page's front matter."""
    from babel.dates import format_date

    from hairguide.pages import read_page
    from sitebuild import REPO

    source = "prp.de.md" if path.startswith("de/") else "prp.md"
    reviewed = read_page((REPO / "docs/treatments" / source).read_bytes(), source)[1]["last_reviewed"]
    shown = page.locator(".guide-dates time").first
    expected = format_date(reviewed, "long", locale="de_DE" if path.startswith("de/") else "en_GB")
    assert shown.inner_text() == expected, f"{path}: last reviewed shown as {shown.inner_text()!r}, not {expected!r}"
    assert shown.get_attribute("datetime") == reviewed.isoformat(), path


def check_printed_source_links(page, path):
    """In print, a source's link prints its address (the printout's header and the hidden
    navigation: test_printouts_name_the_site_the_address_and_the_review_date; tables laid out in
    print: test_browser_figures.py, on the comparison pages)."""
    page.emulate_media(media="print")
    after = page.locator('.guide-references a[href^="https://doi.org"]').first.evaluate("a => getComputedStyle(a, '::after').content")
    page.emulate_media(media="screen")
    assert "doi.org" in after, f"{path} in print: a source's link does not print its address ({after})"


# Checks of their own on pages the axe pass opens anyway (a page load each fewer), run before axe
# and AXE_VIEW change the page.
ALSO_CHECKED = {"treatments/prp/": [check_dates, check_printed_source_links], "de/treatments/prp/": [check_dates]}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_each_kind_of_page_passes_axe_without_console_errors_or_requests_to_other_hosts(served_site, open_page, lang):
    """Console errors, uncaught errors and requests to other hosts fail the test through
    open_page, on these pages and on every page the other browser tests open; every built page
    is checked for the files it loads and its policy in test_security.py. On the way, the checks
    in ALSO_CHECKED run on their pages (dates in the page's language, printed source links)."""
    result, base = served_site
    axe = Axe()
    prefix = "de/" if lang == "de" else ""
    kinds = AXE_PAGES if lang == "en" else GERMAN_AXE_PAGES
    pages = [*_pages(result.site, lang), "404.html"]
    assert len(pages) >= 20 and set(kinds) <= set(pages), sorted(set(kinds) - set(pages))
    without_contrast = {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}
    page = open_page()
    failures = []
    for path in kinds:
        page.goto(base + prefix + path, wait_until="load")
        for check in ALSO_CHECKED.get(prefix + path, []):
            check(page, prefix + path)
        page.add_style_tag(content=AXE_VIEW)
        options = AXE_OPTIONS if lang == "en" and path in CONTRAST_PAGES else without_contrast
        violations = axe.run(page, options=options).response["violations"]
        failures += [f"{prefix}{path}: {v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert not failures, "\n".join(failures)


def test_pages_with_tables_have_no_axe_violations_on_a_phone(served_site, open_page):
    """At phone width, unscrolled, as Lighthouse sees the page: the comparison page holds every
    kind of table wrapper (eleven, in sets and alone) and its figure; a treatment page adds the
    page template at phone width (the mobile contents list, glossary links, a Markdown table).
    Then the comparison page scrolled to the end: what scrolling changes is the header (Material
    fades in the page title), so axe checks the header again (the rest of the page is the same
    markup in the same colours). Every table is laid out for axe (AXE_VIEW), so its colour contrast
    is checked at 360 px (on the comparison page, which has every kind of table; the treatment page's
    colours are checked at 1280 px). One page in each language: the tables and their CSS are the same in both."""
    result, base = served_site
    axe = Axe()
    pages = {"de/compare": ("top", "scrolled"), "treatments/prp": ("top",)}
    page = open_page(PHONE)
    failures = []
    for path, states in pages.items():
        page.goto(f"{base}{path}/", wait_until="load")
        assert page.locator(".guide-table-wrapper").first.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
        page.add_style_tag(content=AXE_VIEW)
        for state in states:
            context = None
            if state == "scrolled":
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_function(SCROLLED)  # Material's header has faded in the page title
                context = ".md-header"
            options = AXE_OPTIONS if path == "de/compare" else {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}
            failures += [f"{path} ({state}): {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                         for v in axe.run(page, context=context, options=options).response["violations"]]
    assert not failures, "\n".join(failures)
