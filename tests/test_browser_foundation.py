"""Issue 2 in a real browser: language switcher keeps the section; German search stems German."""

from __future__ import annotations

import pytest

from browser import serve
from conftest import build_once
from fixture_site import small_site_build

pytestmark = pytest.mark.browser


def test_language_switch_lands_on_same_page_and_section(served_site, open_page):
    _, base = served_site
    page = open_page()
    page.goto(base + "de/treatments/prp/#top")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_url("**/treatments/prp/**")
    assert page.url == base + "treatments/prp/#top"
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    """The small fixture site (shared with the fallback tests): Care/Pflege in both languages."""
    result = build_once(tmp_path_factory, "small-site", small_site_build)
    assert result.returncode == 0, result.output
    return result


def _search(page, query):
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    page.wait_for_function("q => document.querySelector('[data-guide-search]').dataset.searched === q", arg=query, timeout=10000)
    return page.locator(".md-search-result__item").all_inner_texts()


def test_german_search_finds_inflected_word_and_only_german_pages(search_site, open_page):
    with serve(search_site.site, prefix="guide") as base:
        page = open_page()
        page.goto(base + "de/")
        results = _search(page, "Behandlungen")
        assert any("Pflege" in text for text in results), results
        links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        assert links and all(link.startswith(base + "de/") for link in links), links
        page.goto(base)
        english = _search(page, "treatments")
        assert any("Care" in text for text in english) and not any("Pflege" in text for text in english)
