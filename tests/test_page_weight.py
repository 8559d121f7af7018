"""Issue 9: the first view of key pages transfers at most 100 KB with gzip, and no script blocks
the first paint (sizes and markup, not timings)."""

from __future__ import annotations

import gzip
import re

import pytest

pytestmark = pytest.mark.browser
LIMIT = 100 * 1024
SCRIPT_TAG = re.compile(r"<script\b[^>]*\ssrc=[^>]*>")


PAGES = ["", "treatments/prp/", "compare/", "de/", "de/treatments/prp/", "de/compare/"]


def test_first_view_is_under_100_kb_gzipped(served_site, browser):
    """A reader's first visit to each key page: a new browser context per page (empty caches, the
    memory cache included), the pages loading side by side; every stylesheet and script a page
    names must be among what it transferred."""
    _, base = served_site
    visits = []
    for path in PAGES:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page, sizes = context.new_page(), {}
        page.on("response", lambda response, sizes=sizes: sizes.__setitem__(response.url, len(gzip.compress(response.body(), 6)))
                if response.url.startswith(base) and response.status == 200 else None)
        page.goto(base + path, wait_until="commit")
        visits.append((path, context, page, sizes))
    failures = []
    for path, context, page, sizes in visits:
        page.wait_for_load_state("networkidle")  # everything the first view loads, also after `load`
        named = page.evaluate("() => [...document.querySelectorAll('script[src], link[rel=stylesheet]')].map(e => e.src || e.href)")
        context.close()
        total = sum(sizes.values())
        detail = "\n".join(f"{size / 1024:6.1f} KB  {url}" for url, size in sorted(sizes.items(), key=lambda item: -item[1]))
        if f"{base}{path}" not in sizes or not set(named) <= set(sizes):
            failures.append(f"/{path}: not transferred: {sorted({base + path, *named} - set(sizes))}")
        elif total > LIMIT:
            failures.append(f"/{path}: {total / 1024:.1f} KB:\n{detail}")
    assert not failures, "\n".join(failures)


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
