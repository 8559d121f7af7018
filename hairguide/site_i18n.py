"""Language plumbing the site generator does not do for us: alternates, sitemaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin


def language_prefix(lang: str, default_lang: str) -> str:
    """Return the URL prefix of a language's pages: '' for the default, 'de/' for German."""
    return "" if lang == default_lang else f"{lang}/"


def absolute_url(site_url: str, page_url: str) -> str:
    """Join a page's site-relative URL ('de/prp/') to the site's absolute URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if page_url.startswith(("/", ".")) or "://" in page_url:
        return urljoin(base, page_url)
    return base + page_url  # MkDocs' page URLs are plain relative paths: no join needed


def hreflang_links(site_url: str, page_urls: dict[str, str], default_lang: str) -> list[dict[str, str]]:
    """Return hreflang alternates (absolute URLs) for every language a page exists in,
    plus x-default pointing at the default language's version."""
    links = [{"hreflang": lang, "href": absolute_url(site_url, url)} for lang, url in page_urls.items()]
    if default_lang in page_urls:
        links.append({"hreflang": "x-default", "href": absolute_url(site_url, page_urls[default_lang])})
    return links


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def page_sitemaps(sitemap_xml: str, site_url: str) -> dict[str, str]:
    """One small sitemap per page directory, holding that page's <url> entry and alternates.

    Material's language selector fetches `sitemap.xml` next to every
    `<link rel="alternate">` of a page; with per-page hreflang links that is each
    page's own directory. Writing the entry there avoids a 404 (and a console error)
    on every page view. Keys are site-relative directories ('' for the root).
    """
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    base = site_url if site_url.endswith("/") else site_url + "/"
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
