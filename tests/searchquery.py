"""The patient query set (tests/search_queries.yml), run in a real browser against a built site.

Used by tests/test_search.py (the guide's search) and tools/search_bench.py (which also runs the
theme's lunr search of an older build, for BENCHMARKS.md).
"""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
PREFIX = {"en": "", "de": "de/"}


@dataclass
class Query:
    lang: str
    text: str
    pages: list[str]      # site paths of the pages that answer it: "de/treatments/prp/"


@dataclass
class Outcome:
    query: Query
    top: list[str]        # site paths of the results, best first
    seconds: float        # from typing to the complete result list
    bytes_gzip: int       # what the query loaded (gzip-compressed sizes)
    elsewhere: list[str] = field(default_factory=list)

    @property
    def hit(self) -> bool:
        return any(page in self.top[:3] for page in self.query.pages)


def site_path(source: str, lang: str) -> str:
    """'treatments/prp.md' -> 'treatments/prp/'; 'index.md' -> ''; with the language's prefix."""
    path = source.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/" if path.endswith("/index") else path + "/"
    return PREFIX[lang] + path


def load_queries(site: Path, path: Path = QUERIES) -> tuple[list[Query], list[Query]]:
    """(queries whose pages are in `site`, queries skipped because none of their pages is)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    runnable, skipped = [], []
    for lang, entries in raw.items():
        for entry in entries:
            sources = entry["page"] if isinstance(entry["page"], list) else [entry["page"]]
            pages = [site_path(source, lang) for source in sources]
            query = Query(lang, str(entry["q"]), [p for p in pages if (site / p / "index.html").exists()])
            (runnable if query.pages else skipped).append(query)
    return runnable, skipped


def _relative(url: str, base: str) -> str:
    path = url.split("#")[0].split("?")[0]
    return path[len(base):] if path.startswith(base) else path


def _size_recorder(base: str, sizes: dict[str, int]):
    """A response listener that notes the gzip size of each file of the site, once."""
    def record(response):
        if response.url.startswith(base) and response.status == 200 and response.url not in sizes:
            try:
                sizes[response.url] = len(gzip.compress(response.body(), 6))
            except Exception:  # a response whose body is gone (navigation) loaded nothing we count
                sizes[response.url] = 0
    return record


def run_guide_search(browser_page, base: str, queries: list[Query]) -> list[Outcome]:
    """Type each query into the guide's search (one page per language, opened once)."""
    outcomes = []
    sizes: dict[str, int] = {}
    record = _size_recorder(base, sizes)

    browser_page.on("response", record)
    for lang in dict.fromkeys(q.lang for q in queries):
        browser_page.goto(base + PREFIX[lang], wait_until="networkidle")
        box = browser_page.locator("input.md-search__input")
        before = dict(sizes)  # the first query counts what opening the search loads
        browser_page.keyboard.press("/")
        for query in (q for q in queries if q.lang == lang):
            start = time.perf_counter()
            box.fill(query.text)
            browser_page.wait_for_function("q => document.querySelector('[data-guide-search]').dataset.searched === q",
                                           arg=query.text, timeout=15000)
            seconds = time.perf_counter() - start
            top = browser_page.locator(".md-search-result__list").first.locator("a").evaluate_all("els => els.map(e => e.href)")
            other = browser_page.locator(".guide-search__elsewhere:not([hidden]) a").evaluate_all("els => els.map(e => e.href)")
            loaded = sum(size for url, size in sizes.items() if url not in before)
            outcomes.append(Outcome(query, [_relative(u, base) for u in top], seconds, loaded, [_relative(u, base) for u in other]))
            before = dict(sizes)
    browser_page.remove_listener("response", record)
    return outcomes


# In the page: each query in turn put into the search box as the reader's typing does (an input
# event), the results read once the search has finished with them (it sets data-searched).
_ASK_EACH = """queries => {
  const dialog = document.querySelector('[data-guide-search]');
  const input = dialog.querySelector('input.md-search__input');
  const hrefs = links => [...links].map(a => a.href);
  window.guideQueryResults = (async () => {
    const found = [];
    for (const q of queries) {
      const done = new Promise((resolve, reject) => {  // a search that never finishes fails, naming its query
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`no results for "${q}" within 15 s`)); }, 15000);
        const observer = new MutationObserver(() => {
          if (dialog.dataset.searched === q) { clearTimeout(timer); observer.disconnect(); resolve(); }
        });
        observer.observe(dialog, {attributes: true, attributeFilter: ['data-searched']});
      });
      input.value = q;
      input.dispatchEvent(new Event('input', {bubbles: true}));
      await done;
      found.push({top: hrefs(dialog.querySelector('.md-search-result__list').querySelectorAll('a')),
                  other: hrefs(dialog.querySelectorAll('.guide-search__elsewhere:not([hidden]) a'))});
    }
    return found;
  })();
}"""


def find_in_pages(pages: list, base: str, queries: list[Query]) -> list[Outcome]:
    """Each language's queries in the guide's search, in one browser page per language (`pages`:
    (lang, page) pairs, each page in a browser context and so a renderer process of its own): the
    page opens the search with its key, then puts each query into the search box and reads the
    results, one after the other, all in the page (no round trip to the browser per query; the
    pages work side by side). Each page is left when its queries are done. For the tests: only
    the results are recorded (no times, no sizes); tests in test_search.py type into the box."""
    for lang, page in pages:
        page.goto(base + PREFIX[lang], wait_until="load")
        page.keyboard.press("/")
        page.evaluate(_ASK_EACH, [q.text for q in queries if q.lang == lang])
    outcomes = []
    for lang, page in pages:
        found = page.evaluate("() => window.guideQueryResults")
        mine = [q for q in queries if q.lang == lang]
        assert len(found) == len(mine), (lang, len(found), len(mine))
        outcomes += [Outcome(query, [_relative(u, base) for u in result["top"]], 0.0, 0,
                             [_relative(u, base) for u in result["other"]]) for query, result in zip(mine, found)]
    return outcomes


def run_material_search(browser_page, base: str, queries: list[Query]) -> list[Outcome]:
    """The same with the theme's lunr search (Material's dialog and worker), for the benchmark."""
    outcomes = []
    sizes: dict[str, int] = {}
    record = _size_recorder(base, sizes)

    browser_page.on("response", record)
    for lang in dict.fromkeys(q.lang for q in queries):
        browser_page.goto(base + PREFIX[lang], wait_until="networkidle")
        box = browser_page.locator("input.md-search__input")
        before = dict(sizes)
        box.click()
        for query in (q for q in queries if q.lang == lang):
            browser_page.evaluate("() => { const l = document.querySelector('.md-search-result__list'); l.innerHTML = ''; "
                                  "document.querySelector('.md-search-result__meta').textContent = ''; }")
            box.fill(query.text[:-1])
            start = time.perf_counter()
            browser_page.keyboard.type(query.text[-1])  # Material searches on keyup
            browser_page.wait_for_function(
                "() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''", timeout=15000)
            seconds = time.perf_counter() - start
            browser_page.wait_for_timeout(300)  # Material renders results after the count
            top = browser_page.locator(".md-search-result__item").evaluate_all("els => els.map(e => e.querySelector('a').href)")
            loaded = sum(size for url, size in sizes.items() if url not in before)
            outcomes.append(Outcome(query, [_relative(u, base) for u in top], seconds, loaded))
            before = dict(sizes)
    browser_page.remove_listener("response", record)
    return outcomes


def report(outcomes: list[Outcome]) -> str:
    """One line per query: hit or miss, the query, the expected page, the first three results."""
    lines = []
    for o in outcomes:
        mark = "ok  " if o.hit else "MISS"
        lines.append(f"{mark} {o.query.lang} {o.query.text!r} -> {o.query.pages[0]}: {o.top[:3]}")
    return "\n".join(lines)
