"""Issue 9: the first view of key pages transfers at most 100 KB with gzip, and no script blocks
the first paint (sizes and markup, not timings)."""

from __future__ import annotations

import gzip
import re

import pytest

pytestmark = pytest.mark.browser
LIMIT = 100 * 1024
SCRIPT_TAG = re.compile(r"<script\b[^>]*\ssrc=[^>]*>")


@pytest.mark.parametrize("path", ["", "treatments/prp/", "compare/", "de/", "de/treatments/prp/", "de/compare/"])
def test_first_view_is_under_100_kb_gzipped(served_site, browser, path):
    """A reader's first visit: a new browser context (empty cache, memory cache included) per page;
    every stylesheet and script the page names must be among what it transferred."""
    _, base = served_site
    sizes = {}
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()

    def record(response):
        if response.url.startswith(base) and response.status == 200:
            sizes[response.url] = len(gzip.compress(response.body(), 6))

    page.on("response", record)
    page.goto(base + path, wait_until="networkidle")  # everything the first view loads, also after `load`
    named = page.evaluate("() => [...document.querySelectorAll('script[src], link[rel=stylesheet]')].map(e => e.src || e.href)")
    context.close()
    assert f"{base}{path}" in sizes and set(named) <= set(sizes), sorted(set(named) - set(sizes))
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
