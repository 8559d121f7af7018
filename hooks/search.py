"""Search: one Pagefind index per language, written after the last language is built.

Thin glue: the logic lives in hairguide.search. Each language's pages are collected as
they are rendered and indexed into `<language root>/pagefind/`, beside the word groups the
search script expands queries with (`pagefind/guide-words.json`). Material's own search
index is removed: its header button and dialog stay, driven by guide-search.js.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hairguide.data import load_site_data_cached
from hairguide.problems import ProblemsFound
from hairguide.search import IndexedPage, client_data, load_synonyms, page_words, word_groups, write_indexes

log = logging.getLogger("mkdocs.hooks.search")

# Pages and word lists of each language built in this run (static-i18n builds one language
# after the other, and runs the later languages inside the first one's on_post_build).
_builds: dict[str, dict] = {}


def _prefix(lang: str, default: str, languages: list[str]) -> str:
    return "" if lang == default or len(languages) == 1 else f"{lang}/"


def _current(config) -> dict:
    return _builds[config.plugins["i18n"].current_language]


@event_priority(-200)
def on_config(config):
    """Read the word lists once per language build (a new run starts with no pages)."""
    plugin = config.plugins["i18n"]
    lang, default, languages = plugin.current_language, plugin.default_language, list(plugin.build_languages)
    if not plugin.building:
        _builds.clear()
    root = Path(config.config_file_path).parent
    try:
        synonyms = load_synonyms(root / "data" / "synonyms.yml")
        glossary = load_site_data_cached(root / "data", root / ".cache").glossary
    except ProblemsFound as found:
        for problem in found.problems:
            log.error(str(problem))
        raise PluginError("Build failed: the search's word lists have problems, listed above as path:line: message.")
    others = [other for other in languages if other != lang]
    _builds[lang] = dict(lang=lang, prefix=_prefix(lang, default, languages), pages=[],
                         groups=word_groups(glossary, synonyms, lang), page_words=page_words(synonyms, lang),
                         other={"lang": others[0], "prefix": _prefix(others[0], default, languages)} if others else None)


def on_env(env, config, files):
    """Templates: where this language's index is, and the other language's (for the hint)."""
    build = _current(config)
    env.globals["guide_search"] = {"lang": build["lang"], "prefix": build["prefix"], "other": build["other"]}
    return env


def on_page_content(html, page, config, files):
    """Keep each page of this language (not English fallbacks) for the index."""
    build = _current(config)
    if page.file.locale == build["lang"]:
        prefix = build["prefix"]
        url = page.url[len(prefix):] if prefix and page.url.startswith(prefix) else page.url
        source = page.file.src_uri.replace(f".{build['lang']}.md", ".md")
        build["pages"].append(IndexedPage(url=url, title=page.title or "", content=html,
                                          also_called=build["page_words"].get(source, []), source=source))
    return html


@event_priority(-300)
def on_post_build(config):
    """After the last language: write each language's index, and drop the theme's unused one."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    for build in _builds.values():
        # Not a warning: fixture sites and one-page previews share data/ (tests/test_search.py
        # checks that every page named in data/synonyms.yml exists).
        for source in sorted(set(build["page_words"]) - {page.source for page in build["pages"]}):
            log.debug(f"data/synonyms.yml: page '{source}' is not among the {build['lang']} pages; its words are not indexed")
    try:
        write_indexes({lang: (build["pages"], site / build["prefix"] / "pagefind") for lang, build in _builds.items()})
    except RuntimeError as error:
        raise PluginError(str(error)) from None
    for build in _builds.values():
        (site / build["prefix"] / "pagefind" / "guide-words.json").write_text(client_data(build["groups"], build["lang"]), encoding="utf-8")
    for build in _builds.values():
        shutil.rmtree(site / build["prefix"] / "search", ignore_errors=True)
