"""Checks MkDocs' own validation does not do: front matter, raw-HTML links, language leaks."""

from __future__ import annotations

import datetime
import posixpath
import re
from functools import lru_cache

import yaml
from urllib.parse import urljoin

from hairguide.problems import Problem

REQUIRED_FIELDS = ("title", "description", "last_reviewed", "next_review")
DATE_FIELDS = ("last_reviewed", "next_review")
HREF = re.compile(r"""<a\b(?P<before>[^>]*?)\bhref=(["'])(?P<href>[^"']*)\2(?P<after>[^>]*)>""", re.I)
MD_HTTP_LINK = re.compile(r"\]\((http://[^)\s]+)|<(http://[^>\s]+)>|href=[\"'](http://[^\"']+)")


def line_of_text(source: str, needle: str, default: int = 1) -> int:
    """1-based line of the first occurrence of `needle` in `source`."""
    index = source.find(needle)
    return source.count("\n", 0, index) + 1 if index >= 0 else default


class _TextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML without implicit timestamps, so an impossible date is reported, not silently dropped."""


_TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FRONT_MATTER_BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def read_front_matter(source: str, path: str) -> tuple[dict, list[Problem]]:
    """The page's front matter as plain values (dates stay text), or a problem with its line."""
    meta, problems = _parse_front_matter(source, path)
    return dict(meta), list(problems)


@lru_cache(maxsize=8192)
def _parse_front_matter(source: str, path: str) -> tuple[dict, list[Problem]]:
    """Parsed once per page text: the glossary index and the page checks both need it."""
    match = FRONT_MATTER_BLOCK.match(source)
    if not match:
        return {}, []
    try:
        meta = yaml.load(match.group(1), Loader=_TextDatesLoader) or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        return {}, [Problem(path, (mark.line + 2) if mark else 1, f"front matter is not valid YAML: {error.problem}")]
    if not isinstance(meta, dict):
        return {}, [Problem(path, 2, "front matter must be a list of 'key: value' lines")]
    return meta, []


def check_front_matter(source: str, path: str) -> list[Problem]:
    """Required fields present and non-empty; review dates are real ISO dates in order."""
    meta, problems = read_front_matter(source, path)
    if problems:
        return problems
    for field in REQUIRED_FIELDS:
        if not str(meta.get(field, "") or "").strip():
            problems.append(Problem(path, 1, f"front matter is missing '{field}'"))
    dates = {}
    for field in DATE_FIELDS:
        value = meta.get(field)
        if value in (None, ""):
            continue
        line = line_of_text(source, f"{field}:")
        if isinstance(value, datetime.date):
            dates[field] = value
            continue
        try:
            dates[field] = datetime.date.fromisoformat(str(value))
        except ValueError:
            problems.append(Problem(path, line, f"'{field}' must be a date written YYYY-MM-DD, not '{value}'"))
    if len(dates) == 2 and dates["next_review"] < dates["last_reviewed"]:
        problems.append(Problem(path, line_of_text(source, "next_review:"), "'next_review' is before 'last_reviewed'"))
    return problems


def check_plain_http(markdown: str, source: str, path: str) -> list[Problem]:
    """External links must use https://."""
    problems = []
    for match in MD_HTTP_LINK.finditer(markdown):
        url = next(group for group in match.groups() if group)
        problems.append(Problem(path, line_of_text(source, url), f"link '{url}' uses plain http://; use https://"))
    return problems


def check_html_links(html: str, source: str, path: str, page_url: str,
                     site_url: str, known_urls: set[str], other_language_urls: set[str]) -> list[Problem]:
    """Check every <a href> of a rendered page (raw HTML included, after all hooks).

    - `#anchor` must exist in the page;
    - a relative or same-site link must point at a page of this build (`known_urls`);
    - a link into the other language's pages (`other_language_urls`) is a language leak.
    """
    problems = []
    ids = _IdLookup(html)
    for match in HREF.finditer(html):
        href = match.group("href")
        if "hreflang=" in match.group("before") + match.group("after"):
            continue  # a deliberate link to the other language (switcher, "read the English page")
        target = _site_relative(href, page_url, site_url)
        if target is None:
            continue
        url, fragment = target
        message = None
        if url == page_url and fragment and fragment not in ids:
            message = f"link '{href}' points to an anchor '#{fragment}' that is not on the page"
        elif url != page_url and url in other_language_urls:
            message = f"link '{href}' leaves the page's language; link to the .md file instead"
        elif url != page_url and url not in known_urls and not url.startswith(("assets/", "search/")) and not posixpath.splitext(url)[1]:
            message = f"link '{href}' points to a page that does not exist"
        if message:
            problems.append(Problem(path, line_of_text(source, href.split("#")[0] or href), message))
    return problems


class _IdLookup:
    """`fragment in ids`: looked up in the page's HTML once per fragment (cheaper than
    collecting every id of a long page)."""

    def __init__(self, html: str):
        self._html = html
        self._seen: dict[str, bool] = {}

    def __contains__(self, fragment: str) -> bool:
        if fragment not in self._seen:
            self._seen[fragment] = any(self._has_attribute(f"id={quote}{fragment}{quote}") for quote in "\"'")
        return self._seen[fragment]

    def _has_attribute(self, text: str) -> bool:
        """`text` occurs as a whole attribute (not inside `data-id=...`)."""
        start = self._html.find(text)
        while start >= 0:
            if start == 0 or not (self._html[start - 1].isalnum() or self._html[start - 1] in "-_"):
                return True
            start = self._html.find(text, start + 1)
        return False


def _site_relative(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    """Turn an href into (site-relative URL, fragment); None for links that leave the site."""
    # Fast paths for the commonest links: citation marks (#ref-...) and sources (https://doi.org/...).
    if href.startswith("#"):
        return _site_relative_path(page_url, href[1:])
    if href.startswith(("https://", "http://", "mailto:")) and not href.startswith(site_url.rstrip("/")):
        return None
    if href and not href.startswith("/") and ":" not in href.split("/", 1)[0]:
        return _relative_link(href, page_url, site_url)
    return _resolved(href, page_url, site_url)


def _relative_link(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    """A relative href resolved against a site-relative page URL: what urljoin does, without
    its cost on thousands of links."""
    path, _, fragment = href.partition("#")
    path = path.split("?")[0]
    if not path:
        return _site_relative_path(page_url, fragment)
    *folders, last = (page_url[: page_url.rfind("/") + 1] + path).split("/")
    parts: list[str] = []
    for part in folders + ([last, ""] if last in (".", "..") else []):
        if part == "..":
            if not parts:
                return _resolved(href, page_url, site_url)  # climbs above the site root
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return _site_relative_path("/".join(parts + ["" if last in (".", "..") else last]), fragment)


def _site_relative_path(page_url: str, fragment: str) -> tuple[str, str]:
    return (page_url[: -len("index.html")] if page_url.endswith("index.html") else page_url), fragment


@lru_cache(maxsize=65536)
def _resolved(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    base = site_url.rstrip("/") + "/"
    absolute = urljoin(base + page_url, href)
    if not absolute.startswith(base):
        return None
    path, _, fragment = absolute[len(base):].partition("#")
    path = path.split("?")[0]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path, fragment


def other_language_urls(urls: set[str], prefix: str, other_prefixes: list[str]) -> set[str]:
    """The URLs the same pages have in the other languages ('de/x/' <-> 'x/')."""
    own = {url[len(prefix):] for url in urls if url.startswith(prefix)}
    return {other + url for url in own for other in other_prefixes}
