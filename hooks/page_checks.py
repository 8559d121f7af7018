"""Page checks MkDocs' own `validation` misses: front matter, plain http links, links in raw
HTML and anchors added by hooks, links that leave the page's language, missing translations.

Logic in hairguide.checks; every problem is `path:line: message` (see hooks/build_report.py).
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from hairguide.checks import check_front_matter, check_html_links, check_plain_http, other_language_urls
from hairguide.freshness import source_of
from hairguide.problems import Problem
from hairguide.report import REPORT

log = logging.getLogger("mkdocs.hooks.page_checks")

_urls: dict[str, set[str]] = {}


@event_priority(-200)
def on_files(files, config):
    """Index this language's page URLs; report English pages without a German version."""
    plugin = config.plugins["i18n"]
    lang, default = plugin.current_language, plugin.default_language
    prefix = "" if lang == default else f"{lang}/"
    pages = [f for f in files.documentation_pages()]
    _urls["known"] = {"" if f.url == "./" else f.url for f in pages}
    others = [("" if other == default else f"{other}/") for other in plugin.build_languages if other != lang]
    _urls["other"] = other_language_urls(_urls["known"], prefix, others)
    if lang != default:
        missing = [f for f in pages if getattr(f, "locale", lang) != lang]
        # A warning, not an error: the page falls back to English (the strict build still fails).
        for file in missing:
            log.warning(str(Problem(f"docs/{file.src_uri}", 1, f"page has no {lang} version (docs/{_translated_name(file.src_uri, lang)} is missing); readers see the English text")))
    return files


def _translated_name(src_uri: str, lang: str) -> str:
    stem = src_uri[: -len(".md")]
    return f"{stem}.{lang}.md"


def on_page_markdown(markdown, page, config, files):
    """Front matter and plain-http links, checked on the author's source."""
    source = source_of(page.file)
    path = f"docs/{page.file.src_uri}"
    REPORT.add(check_front_matter(source, path) + check_plain_http(markdown, source, path), log)
    return markdown


@event_priority(-200)
def on_post_page(output, page, config):
    """Links in the final HTML: raw-HTML links, anchors added by hooks, language leaks."""
    article = output[output.find("<article"): output.find("</article>")]
    problems = check_html_links(article, source_of(page.file), f"docs/{page.file.src_uri}", page.url,
                                config.site_url or "http://127.0.0.1:8000/", _urls["known"], _urls["other"])
    REPORT.add(problems, log)
    return output
