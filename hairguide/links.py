"""URLs: the language prefix rule, relative links, link checks on rendered pages, alternates.

The guide checks every link of a rendered page, Markdown and raw HTML alike: its page, file
and anchor (also anchors the templates write, after the Markdown stage), and links that
leave the page's language. MkDocs' own checks of files and anchors are off (mkdocs.yml).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import unquote, urljoin

from hairguide.report import Problem


def language_prefix(lang: str, default_lang: str) -> str:
    """The URL prefix of a language's pages: '' for the default language, 'de/' for German."""
    return "" if lang == default_lang else f"{lang}/"


def split_prefix(url: str, prefix: str) -> tuple[str, str]:
    """A site-relative URL as (its language prefix, the rest): 'de/x/' -> ('de/', 'x/') for prefix 'de/'."""
    return (prefix, url[len(prefix):]) if prefix and url.startswith(prefix) else ("", url)


def relative_url(target: str, from_url: str) -> str:
    """A site-relative page URL ('treatments/prp/') as seen from another page's URL."""
    start = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + target, "/" + start)
    return (rel.rstrip("/") + "/" if target.endswith("/") or target == "" else rel) if rel != "." else "./"


def absolute_url(site_url: str, page_url: str) -> str:
    """A page's site-relative URL ('de/prp/') joined to the site's absolute URL."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url)


def hreflang_links(site_url: str, page_urls: dict[str, str], default_lang: str) -> list[dict[str, str]]:
    """hreflang alternates (absolute) for every language a page exists in, plus x-default."""
    links = [{"hreflang": lang, "href": absolute_url(site_url, url)} for lang, url in page_urls.items()]
    if default_lang in page_urls:
        links.append({"hreflang": "x-default", "href": absolute_url(site_url, page_urls[default_lang])})
    return links


# Schemes a page may link with ('' is the site itself; javascript: and the like are the content policy's, security.py).
SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
SCHEMES = {"", "http", "https", "mailto", "tel", "sms", "geo", "javascript", "vbscript", "data"}


def check_html_links(links: list[dict], source: str, path: str, page_url: str, site_url: str,
                     targets: dict[str, tuple[str, set[str]] | None], other_language_urls: set[str]) -> list[Problem]:
    """Check every <a href> and <img src> of a rendered page (`links`: their attributes,
    security.PageScan), once every page of the language is built (`targets`: the URL of each page
    with its source file and anchors, and of each other file of the site with None).

    - `#anchor` and `page/#anchor` must exist on that page of this build;
    - a relative or same-site link must point at a page or a file of this build;
    - a link into the other language's pages (`other_language_urls`) is a language leak,
      unless it says so with `hreflang` (the switcher, "read the English page").
    """
    base = absolute_url(site_url, "")
    problems, seen = [], Counter()
    for link in links:
        href = link["href"] or ""
        seen[href] += 1
        scheme = (SCHEME.match(href) or ("", ""))[1].lower()
        try:
            absolute = base + page_url + href if href.startswith("#") else urljoin(base + page_url, href)
        except ValueError as error:  # 'http://[x'
            scheme, absolute = f"invalid ({error})", ""
        if scheme not in SCHEMES:
            message = ("a glossary mark is written [text](term:id), without spaces" if scheme == "term" else
                       f"the address is {scheme}" if scheme.startswith("invalid") else
                       f"a link starts {scheme}:, which browsers do not open (links to other sites start https://)")
            problems.append(Problem(path, link_line(source, href, seen[href] - 1), f"'{href}': {message}"))
            continue
        if not absolute.startswith(base):
            continue  # another site
        target, _, fragment = absolute[len(base):].partition("#")
        target = unquote(re.sub(r"index\.html$", "", target.split("?")[0]))
        page = targets.get(target)
        message = None
        if page and fragment and fragment not in page[1]:
            message = f"link '{href}' points to an anchor '#{fragment}' that is not on " + \
                      ("the page" if target == page_url else page[0])
        elif target != page_url and target in other_language_urls:
            message = None if "hreflang" in link else f"link '{href}' leaves the page's language; link to the .md file instead"
        elif target.endswith(".md"):
            message = (f"link '{href}' points to a page file that is not in the site: in Markdown, link to an existing "
                       "page's .md file ([text](page.md)); in HTML, to its address (../page/)")
        elif target not in targets:
            message = f"'{href}' points to a file that does not exist" if posixpath.splitext(target)[1] else \
                f"link '{href}' points to a page that does not exist"
        if message:
            problems.append(Problem(path, link_line(source, href, seen[href] - 1), message))
    return problems


def link_line(source: str, href: str, nth: int = 0) -> int:
    """The line of the `nth` link to `href` in a page's source. Its places: where the URL is written
    as a whole ('prp.md' is not 'sub/prp.md', a heading's '{#id}' is no link), and where a Markdown
    link or a glossary mark to its anchor on a page of that name is (`[x](../page.md#anchor)` or
    `[r]: page.md#anchor`, rendered `../page/#anchor`); else where it is written at all."""
    path, _, fragment = href.partition("#")
    name = posixpath.basename(path.rstrip("/"))
    anchor = rf"[(\"'\s](?P<page>[^()\"'\s]*)#{re.escape(fragment)}(?![\w-])|\(term:{re.escape(fragment)}\)" if fragment else None
    ends = {m.end() for m in re.finditer(rf"(?<=[(\"'=<\s]){re.escape(href)}(?![\w/.}}-])", source)} if href else set()
    if anchor and name:
        ends |= {m.end() for m in re.finditer(anchor, source) if name in (m["page"] or "")}
    if not ends:
        ends = {m.end() for m in re.finditer(re.escape(href) if href in source else anchor or "(?!)", source)} if href else set()
    lines = sorted({source.count("\n", 0, end) + 1 for end in ends})  # (where each match ends: a link's two matches are one place)
    return lines[min(nth, len(lines) - 1)] if lines else 1


def line_in_source(source: str, needle: str) -> int:
    """The line of `needle` in a page's source, or 1 where it cannot be found."""
    index = source.find(needle) if needle else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def other_language_urls(urls: set[str], prefix: str, other_prefixes: list[str]) -> set[str]:
    """The URLs the same pages have in the other languages ('de/x/' <-> 'x/')."""
    own = {url[len(prefix):] for url in urls if url.startswith(prefix)}
    return {other + url for url in own for other in other_prefixes}


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def page_sitemaps(sitemap_xml: str, site_url: str) -> dict[str, str]:
    """One small sitemap per page directory, holding that page's <url> entry and alternates.

    Material's language selector fetches `sitemap.xml` next to every
    `<link rel="alternate">` of a page; with per-page hreflang links that is each
    page's own directory. Keys are site-relative directories ('' for the root).
    """
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    base = absolute_url(site_url, "")
    result: dict[str, str] = {}
    for url in ET.fromstring(sitemap_xml).findall(f"{{{SITEMAP_NS}}}url"):
        urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        urlset.append(url)
        text = ET.tostring(urlset, encoding="unicode", xml_declaration=False)
        hrefs = [url.findtext(f"{{{SITEMAP_NS}}}loc") or ""]
        hrefs += [link.get("href", "") for link in url.findall(f"{{{XHTML_NS}}}link")]
        for href in hrefs:
            if href.startswith(base):
                result.setdefault(href[len(base):], '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n")
    return result
