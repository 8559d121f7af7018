"""Language plumbing the site generator does not do for us: search indexes and alternates."""

from __future__ import annotations

from urllib.parse import urljoin


def language_prefix(lang: str, default_lang: str) -> str:
    """Return the URL prefix of a language's pages: '' for the default, 'de/' for German."""
    return "" if lang == default_lang else f"{lang}/"


def split_search_index(index: dict, languages: list[str], default_lang: str) -> dict[str, dict]:
    """Split a merged search index into one index per language.

    Each language keeps only its own documents, with locations made relative to its
    own root, and its own lunr language, so German readers get German results
    stemmed the German way.
    """
    other_prefixes = tuple(language_prefix(lang, default_lang) for lang in languages if lang != default_lang)
    result = {}
    for lang in languages:
        prefix = language_prefix(lang, default_lang)
        if prefix:
            docs = [dict(doc, location=doc["location"][len(prefix):]) for doc in index["docs"] if doc["location"].startswith(prefix)]
        else:
            docs = [doc for doc in index["docs"] if not doc["location"].startswith(other_prefixes)]
        result[lang] = {**index, "config": {**index["config"], "lang": [lang]}, "docs": docs}
    return result


def absolute_url(site_url: str, page_url: str) -> str:
    """Join a page's site-relative URL ('de/prp/') to the site's absolute URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, page_url)


def hreflang_links(site_url: str, page_urls: dict[str, str], default_lang: str) -> list[dict[str, str]]:
    """Return hreflang alternates (absolute URLs) for every language a page exists in,
    plus x-default pointing at the default language's version."""
    links = [{"hreflang": lang, "href": absolute_url(site_url, url)} for lang, url in page_urls.items()]
    if default_lang in page_urls:
        links.append({"hreflang": "x-default", "href": absolute_url(site_url, page_urls[default_lang])})
    return links
