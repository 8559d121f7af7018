"""Absolute hreflang alternates, per-page sitemaps and one 404 page per language.

Thin glue: the logic lives in hairguide.site_i18n.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from hairguide.site_i18n import hreflang_links, language_prefix, page_sitemaps

# 404 pages captured per language while static-i18n builds one language after the other.
_not_found_pages: dict[str, str] = {}


def _i18n(config):
    return config.plugins["i18n"]


def on_page_context(context, page, config, nav):
    """Give templates absolute hreflang alternates, only for languages the page is written in."""
    plugin = _i18n(config)
    urls = {}
    for lang, alt_file in getattr(page.file, "alternates", {}).items():
        if getattr(alt_file, "locale", lang) == lang:
            urls[lang] = alt_file.url
    if page.file.locale == plugin.current_language:
        urls.setdefault(plugin.current_language, page.url)
    context["hreflang_links"] = hreflang_links(config.site_url or "", urls, plugin.default_language)
    return context


def on_post_template(output_content, template_name, config):
    """Remember each language's 404 page: every language build writes it to the same file."""
    if template_name == "404.html":
        _not_found_pages[_i18n(config).current_language] = output_content
    return output_content


@event_priority(-200)
def on_post_build(config):
    """After the last language: write per-page sitemaps and put each 404 page in place."""
    plugin = _i18n(config)
    if plugin.building:
        return
    site = Path(config.site_dir)
    languages = list(plugin.build_languages)
    default = plugin.default_language
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        for directory, xml in page_sitemaps(sitemap.read_text(encoding="utf-8"), config.site_url or "").items():
            if directory:  # the root keeps the full sitemap
                (site / directory / "sitemap.xml").write_text(xml, encoding="utf-8")
    for lang, html in _not_found_pages.items():
        # A language built alone (BUILD_ONLY_LOCALE) is at the root, where its 404 page already is.
        prefix = language_prefix(lang, default) if len(languages) > 1 else ""
        (site / prefix / "404.html").write_text(html, encoding="utf-8")
