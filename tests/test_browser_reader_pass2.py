"""Issue 19 in real Chromium at 360 px and 1280 px, in both languages: tables, glossary
definitions, German hyphenation, keyboard focus, the language switch, 404 pages, print,
long pages on phones and previews at another address."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from browser import serve

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}

# Every table's width against its text column, the theme's look, and a hint where one scrolls.
TABLE_CHECK = """() => [...document.querySelectorAll('.md-typeset table')].map(table => {
  const column = table.closest('.md-content__inner').getBoundingClientRect();
  const box = table.getBoundingClientRect();
  const cell = table.querySelector('tbody td');
  const style = getComputedStyle(cell);
  const wrapper = table.closest('.guide-table-wrapper');
  const scrolls = wrapper && wrapper.scrollWidth > wrapper.clientWidth + 1;
  const hint = wrapper && wrapper.previousElementSibling && wrapper.previousElementSibling.classList.contains('guide-scroll-hint');
  return {caption: table.caption ? table.caption.textContent : '', overflow: Math.round(box.right - column.right),
          border: parseFloat(style.borderTopWidth), padding: parseFloat(style.paddingLeft),
          align: style.textAlign, scrolls, hint};
})"""

# Every word of every heading: no overflow, and a word broken across lines only at a soft hyphen.
HEADING_CHECK = """() => {
  const problems = [];
  for (const heading of document.querySelectorAll('.md-typeset h1, .md-typeset h2, .md-typeset h3')) {
    if (heading.scrollWidth > heading.clientWidth + 1) problems.push('overflows: ' + heading.textContent);
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.headerlink')) continue;
      const re = /[^\\s\\u00ad\\-]+/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        const lines = new Set();
        for (let i = m.index; i < m.index + m[0].length; i++) {  // the line of each letter
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rects = [...range.getClientRects()].filter(r => r.width > 0);
          if (rects.length) lines.add(Math.round(rects[rects.length - 1].top));
        }
        if (lines.size > 1) problems.push('broken without a hyphen: ' + m[0] + ' in ' + heading.textContent);
      }
    }
  }
  return problems;
}"""

# The focused element is on screen and visible.
FOCUS_CHECK = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const visible = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
    && box.left < innerWidth && box.top < innerHeight;
  return {ok: visible && onScreen, what: el.outerHTML.slice(0, 120), headerlink: el.classList.contains('headerlink')};
}"""


def _page(open_page, viewport):
    page = open_page(viewport)
    page.set_default_timeout(5000)
    return page


def _watch(page):
    """Failed requests, and the requests still open (console and uncaught errors fail the test
    through open_page)."""
    problems, open_requests = [], set()
    page.on("request", lambda request: open_requests.add(request))
    page.on("requestfinished", lambda request: open_requests.discard(request))
    page.on("requestfailed", lambda request: (open_requests.discard(request), problems.append(f"failed: {request.url}")))
    return problems, open_requests


def _until_answered(page, open_requests, seconds=10.0):
    """Wait until every request the page made has its answer (leaving the page earlier would
    cancel them: failed requests that the reader never causes)."""
    deadline = time.monotonic() + seconds
    while open_requests and time.monotonic() < deadline:
        page.wait_for_timeout(50)


def test_tables_fit_the_column_and_german_headings_break_with_a_hyphen(served_site, open_page):
    """Each page is opened at 360 px and checked, then the window is widened to 1280 px (the
    guide's scroll hints follow the width, guide.js) and checked again: one page load for both
    widths."""
    _, base = served_site
    page = _page(open_page, PHONE)
    headings = ["de/", "de/treatments/", "de/treatments/prp/", "de/compare/", "de/understanding/types/", "de/practical/risks/"]
    for lang in ("", "de/"):
        for path in ("compare/", "treatments/prp/"):
            page.set_viewport_size(PHONE)
            page.goto(f"{base}{lang}{path}", wait_until="load")
            for viewport in (PHONE, DESKTOP):
                page.set_viewport_size(viewport)
                _check_tables(page, f"{lang}{path}", viewport["width"])
                if viewport is PHONE and lang + path in headings:  # checked here, on the page already open
                    headings.remove(lang + path)
                    _check_german_headings(page, lang + path)
    page.set_viewport_size(PHONE)
    for path in headings:
        page.goto(base + path, wait_until="load")
        _check_german_headings(page, path)


def _check_tables(page, path, width):
    # Tables are measured when they are shown (off screen their layout is skipped); the scroll
    # hints are set when the wrappers' size is observed, so each wrapper waits a frame on screen.
    page.evaluate("async () => { for (const w of document.querySelectorAll('.guide-table-wrapper')) {"
                  " w.scrollIntoView(); await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); } }")
    page.wait_for_timeout(100)
    tables = page.evaluate(TABLE_CHECK)
    assert tables, path
    for table in tables:
        where = f"{path} at {width} px: {table['caption']}"
        if width >= 1280:
            assert table["overflow"] <= 0 and not table["scrolls"], where
        assert table["border"] > 0 and table["padding"] >= 8 and table["align"] in ("left", "start"), where
        assert table["hint"] == table["scrolls"], where
    if width == 360:  # the page never scrolls sideways; each cell names its column
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"{path} is {scroll_width}px wide at 360 px"
        if path.endswith("compare/"):
            assert page.locator("#table-protocols td").first.evaluate("td => getComputedStyle(td, '::before').content") != "none"


def _check_german_headings(page, path):
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).hyphens") == "auto"
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.evaluate(HEADING_CHECK) == [], path


def test_glossary_definitions_are_readable_dismissible_and_open_on_tap(served_site, open_page):
    _, base = served_site
    tip = "#guide-tip"
    # Desktop: hover and keyboard focus show it, large enough and inside the window; Escape closes it.
    page = _page(open_page, DESKTOP)
    page.goto(base + "treatments/prp/", wait_until="load")
    term = page.locator("a[data-guide-term]").first
    assert term.get_attribute("title") is None  # not also Material's 10 px tooltip
    term.hover()
    page.wait_for_selector(tip, state="visible")
    box = page.locator(tip).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"]
    assert float(page.locator(tip).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 14
    page.keyboard.press("Escape")
    page.wait_for_selector(tip, state="hidden")
    page.mouse.move(0, 0)
    term.focus()
    page.wait_for_selector(tip, state="visible")
    described = page.locator("#" + term.get_attribute("aria-describedby")).text_content()
    assert described and described in page.locator(tip).text_content()
    page.keyboard.press("Escape")
    page.wait_for_selector(tip, state="hidden")
    # Phone: a tap opens the definition with a link to the glossary, and stays on the page.
    page = open_page(PHONE, touch=True)
    page.set_default_timeout(5000)
    page.goto(base + "de/treatments/prp/", wait_until="load")
    term = page.locator(".md-content a[data-guide-term]").nth(1)
    term.tap()
    page.wait_for_selector(tip, state="visible")
    assert page.url == base + "de/treatments/prp/"
    box = page.locator(tip).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    link = page.locator(tip + " a")
    assert link.text_content() == "Mehr dazu im Glossar" and "/de/glossary/#" in link.evaluate("a => a.href")
    page.keyboard.press("Escape")
    page.wait_for_selector(tip, state="hidden")


@pytest.mark.parametrize("viewport,lang", [(PHONE, "de/"), (DESKTOP, "")], ids=["360-de", "1280-en"])
def test_focus_never_lands_off_screen_and_the_language_selector_is_labelled(served_site, open_page, viewport, lang):
    _, base = served_site
    page = _page(open_page, viewport)
    page.goto(f"{base}{lang}treatments/prp/", wait_until="load")
    failures = []
    for stop in range(45):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_CHECK)
        if state and not state["ok"]:  # a skip link fades in: look again once its transition is over
            page.wait_for_timeout(300)
            state = page.evaluate(FOCUS_CHECK)
        if state and (not state["ok"] or state["headerlink"]):
            failures.append(f"tab stop {stop + 1}: {state['what']}")
    assert not failures, "\n".join(failures)
    anchor = page.locator(".md-typeset h2 a.headerlink").first
    assert anchor.get_attribute("tabindex") == "-1"
    assert anchor.get_attribute("aria-label").startswith("Link zu diesem Abschnitt" if lang else "Link to this section")
    current = "Deutsch" if lang else "English"
    assert page.locator(".guide-language__current").inner_text() == current
    assert page.locator('.md-select__link[aria-current="true"]').inner_text().strip().endswith(current)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_language_switch_lands_on_the_section_the_reader_scrolled_to(served_site, open_page, viewport):
    _, base = served_site
    page = _page(open_page, viewport)
    page.goto(base + "de/treatments/prp/", wait_until="load")
    for _ in range(2):  # again once tables above have been laid out (content-visibility)
        page.evaluate("document.getElementById('benefits').scrollIntoView(); window.scrollBy(0, 120)")
        page.wait_for_timeout(200)
    before = page.evaluate("[scrollY, document.getElementById('benefits').getBoundingClientRect().top]")
    page.locator(".md-header__option .md-select").hover()
    before += page.evaluate("[scrollY, document.getElementById('benefits').getBoundingClientRect().top]")
    # A real click where the link is: Playwright's locator.click() may first scroll the page
    # to bring the sticky header's link "into view", which moves the reader's place.
    box = page.locator('.md-select a[hreflang="en"]').bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(lambda url: "/de/" not in url)
    assert page.url == base + "treatments/prp/#benefits", before
    assert page.locator("html").get_attribute("lang") == "en"


def test_each_language_has_its_own_404_page_with_search_and_links(served_site, open_page):
    _, base = served_site
    page = _page(open_page, DESKTOP)
    for lang, prefix, words in (("de", "de/", ("Seite nicht gefunden", "Startseite", "Glossar", "Suchen")),
                                ("en", "", ("Page not found", "Home page", "Glossary", "Search"))):
        page.goto(f"{base}{prefix}404.html", wait_until="load")
        assert page.locator("html").get_attribute("lang") == lang
        text = page.locator("body").inner_text()
        assert all(word in text for word in words), text
        if lang == "de":
            assert not any(english in text for english in ("Not found", "Home page", "Overview of", "Published by", "Search the guide"))
        links = page.locator(".md-content a, .md-footer a, .md-nav a").evaluate_all("els => els.filter(a => a.protocol.startsWith('http')).map(a => a.pathname)")
        assert links and [link for link in links if not link.startswith(f"/{prefix}")] == []
        assert urlsplit(page.locator(".guide-404-search").evaluate("f => f.action")).path == f"/{prefix}"
        page.fill("#guide-404-query", "PRP")
        page.locator(".guide-404-search button").click()
        page.wait_for_url(f"{base}{prefix}?q=PRP")


@pytest.mark.parametrize("lang", ["", "de/"])
def test_printouts_name_the_site_the_address_and_the_review_date(served_site, open_page, lang):
    _, base = served_site
    page = _page(open_page, DESKTOP)
    page.goto(f"{base}{lang}practical/checklist/", wait_until="load")
    button = page.locator("[data-guide-print]")
    assert button.is_visible() and button.inner_text() == ("Diese Seite drucken" if lang else "Print this page")
    page.evaluate("window.guidePrinted = false; addEventListener('beforeprint', () => { window.guidePrinted = true; })")
    button.click()
    page.wait_for_function("window.guidePrinted")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary"):  # no navigation on paper
        assert page.locator(hidden).evaluate("el => getComputedStyle(el).display") == "none", f"{hidden} is printed"
    header = page.locator(".guide-print-header")
    assert header.is_visible()
    printed = header.inner_text()
    site_name = "Haarausfall und Injektionsbehandlungen" if lang else "Hair loss and injectable treatments"
    assert site_name in printed and f"{base}{lang}practical/checklist/" in printed
    assert ("3. Dezember 2026" if lang else "3 December 2026") in printed  # the checklist's last_reviewed
    room = page.locator(".md-typeset > ul > li").first.evaluate("li => parseFloat(getComputedStyle(li, '::after').height)")
    assert room >= 30
    assert not button.is_visible()


def test_long_pages_on_phones_have_a_contents_list_and_sources_link_back(served_site, open_page):
    _, base = served_site
    page = _page(open_page, PHONE)
    for lang, label in (("", "On this page"), ("de/", "Auf dieser Seite")):
        # The home page starts from the reader's situation: four entry points, each with links on.
        page.goto(f"{base}{lang}", wait_until="load")
        entries = page.locator(".guide-start > ul > li")
        assert entries.count() == 4
        assert all(entries.nth(i).locator("a").count() >= 2 for i in range(4))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.goto(f"{base}{lang}treatments/prp/", wait_until="load")
        toc = page.locator(".guide-toc-mobile")
        assert toc.is_visible() and toc.locator("summary").inner_text() == label
        assert toc.locator("a").count() >= 8
        mark = page.locator(".md-content .guide-cite a").nth(2)
        size = mark.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24
        mark_id = mark.get_attribute("id")
        mark.click()
        target = page.evaluate("location.hash")
        back = page.locator(f'{target} a.guide-backlink[href="#{mark_id}"]')
        assert back.count() == 1
        back.click()
        assert page.locator(f"#{mark_id}").evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    page.set_viewport_size(DESKTOP)
    assert not page.locator(".guide-toc-mobile").is_visible()


def test_a_preview_at_another_address_has_no_failed_requests_or_console_errors(served_site, open_page):
    """The real site, built for one address, served here at another port."""
    real_site, built_for = served_site
    with serve(real_site.site) as base:
        assert base != built_for
        page = open_page()
        problems, open_requests = _watch(page)
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        for path in ("", "de/treatments/prp/", "compare/"):
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(300)  # Material asks for each language's sitemap.xml after `load`
            _until_answered(page, open_requests)
        elsewhere = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
        assert not problems and not elsewhere, problems + elsewhere
