"""Issue 9: the first view of key pages transfers at most 100 KB with gzip (sizes, not timings)."""

from __future__ import annotations

import gzip

import pytest

pytestmark = pytest.mark.browser
LIMIT = 100 * 1024


@pytest.mark.parametrize("path", ["", "treatments/prp/", "compare/", "de/", "de/treatments/prp/", "de/compare/"])
def test_first_view_is_under_100_kb_gzipped(served_site, browser, path):
    _, base = served_site
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sizes = {}

    def record(response):
        if response.url.startswith(base) and response.status == 200:
            sizes[response.url] = len(gzip.compress(response.body(), 6))

    page.on("response", record)
    page.goto(base + path, wait_until="networkidle")
    context.close()
    total = sum(sizes.values())
    detail = "\n".join(f"{size / 1024:6.1f} KB  {url}" for url, size in sorted(sizes.items(), key=lambda item: -item[1]))
    assert total <= LIMIT, f"{total / 1024:.1f} KB:\n{detail}"
