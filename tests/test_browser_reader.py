"""Issue 9 in real Chromium: accessibility (axe), no third-party requests, no console errors,
phones, print and localized dates."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
# Only violations are needed: axe then skips collecting the nodes that pass (much faster).
AXE_OPTIONS = {"resultTypes": ["violations"]}


def _pages(site):
    return sorted(str(p.parent.relative_to(site)).replace(".", "") for p in site.rglob("index.html")
                  if "search" not in p.parts and "assets" not in p.parts)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_has_no_axe_violations_no_foreign_requests_and_no_console_errors(served_site, browser, lang):
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
    pages = [path for path in _pages(result.site) if (path == "de" or path.startswith("de/")) == (lang == "de")]
    assert len(pages) >= 20
    for path in pages:
        requests.clear(), errors.clear()
        page.goto(base + (path + "/" if path else ""), wait_until="load")
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        for violation in violations:
            failures.append(f"{path}: {violation['id']}: {[n['target'] for n in violation['nodes']][:3]}")
        foreign = [url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host]
        failures += [f"{path}: request to another host: {url}" for url in foreign]
        failures += [f"{path}: console error: {text}" for text in errors]
    context.close()
    assert not failures, "\n".join(failures)


def test_tables_fit_a_360px_phone(served_site, browser):
    _, base = served_site
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("compare/", "de/compare/"):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"
        assert page.locator("#table-protocols td").first.evaluate("td => getComputedStyle(td, '::before').content") != "none"
    context.close()


def test_pages_with_tables_have_no_axe_violations_on_a_phone(served_site, browser):
    """Tables off screen skip layout (content-visibility); checked at phone width, unscrolled,
    as Lighthouse sees them, and scrolled to the end."""
    result, base = served_site
    axe = Axe()
    pages = ["compare", "de/compare", "treatments/prp", "de/treatments/prp"]
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    failures = []
    for path in pages:
        page.goto(f"{base}{path}/", wait_until="load")
        assert page.locator(".guide-table-wrapper").first.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
        for state in ("top", "scrolled"):
            if state == "scrolled":
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_timeout(600)  # let Material's header finish fading in the page title
            failures += [f"{path} ({state}): {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                         for v in axe.run(page, options=AXE_OPTIONS).response["violations"]]
    context.close()
    assert not failures, "\n".join(failures)


def test_print_hides_navigation_and_shows_link_targets(served_site, browser):
    _, base = served_site
    page = browser.new_page()
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
    page.close()


def test_dates_are_shown_in_the_page_language(served_site, browser):
    from babel.dates import format_date

    from hairguide.pages import read_page
    from sitebuild import REPO

    _, base = served_site
    page = browser.new_page()
    for path, source, locale in (("de/treatments/prp/", "prp.de.md", "de_DE"), ("treatments/prp/", "prp.md", "en_GB")):
        reviewed = read_page((REPO / "docs/treatments" / source).read_bytes(), source)[1]["last_reviewed"]
        page.goto(base + path)
        assert page.locator(".guide-dates time").first.inner_text() == format_date(reviewed, "long", locale=locale)
        assert page.locator(".guide-dates time").first.get_attribute("datetime") == reviewed.isoformat()
    page.close()
