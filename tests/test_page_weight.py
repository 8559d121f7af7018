"""Issue 9: the first view of key pages transfers at most 100 KB with gzip, and no script blocks
the first paint (sizes and markup, not timings)."""

from __future__ import annotations

import gzip
import re

import pytest

pytestmark = pytest.mark.browser
LIMIT = 100 * 1024
SCRIPT_TAG = re.compile(r"<script\b[^>]*\ssrc=[^>]*>")


@pytest.fixture(scope="module")
def uncached_page(browser):
    """A phone-sized page that never uses the browser's cache (Chromium's Network.setCacheDisabled):
    every visit transfers what a reader's first visit transfers, without a new browser context
    for each page."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    yield page
    context.close()


@pytest.mark.parametrize("path", ["", "treatments/prp/", "compare/", "de/", "de/treatments/prp/", "de/compare/"])
def test_first_view_is_under_100_kb_gzipped(served_site, uncached_page, path):
    _, base = served_site
    sizes = {}

    def record(response):
        if response.url.startswith(base) and response.status == 200:
            sizes[response.url] = len(gzip.compress(response.body(), 6))

    uncached_page.on("response", record)
    uncached_page.goto(base + path, wait_until="networkidle")  # everything the first view loads, also after `load`
    uncached_page.remove_listener("response", record)
    assert f"{base}{path}" in sizes, sorted(sizes)
    total = sum(sizes.values())
    detail = "\n".join(f"{size / 1024:6.1f} KB  {url}" for url, size in sorted(sizes.items(), key=lambda item: -item[1]))
    assert total <= LIMIT, f"{total / 1024:.1f} KB:\n{detail}"


def test_no_page_waits_for_a_script_before_its_first_paint(real_site):
    """Every external script is deferred (Material's bundle included): parsing and the first
    paint never wait for a download, and the scripts still run in order before DOMContentLoaded."""
    site = real_site.site
    blocking = []
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        blocking += [f"{html.relative_to(site)}: {tag}" for tag in SCRIPT_TAG.findall(text)
                     if not re.search(r"\s(defer|async)[\s>=]", tag)]
    assert not blocking, "\n".join(blocking[:20])
