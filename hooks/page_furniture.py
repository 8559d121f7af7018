"""Page furniture for the templates: localized review dates, language prefix, translation state.

Also warns (strict build fails) when a German page's English original changed since translation,
and renders the translation status page (`<!-- translation-status -->`).
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from hairguide.checks import line_of_text
from hairguide.formatting import long_date
from hairguide.freshness import english_path, page_state, read_page, recorded_hash, source_of
from hairguide.status import status_report
from hairguide.templatecache import SHARED_AUTOESCAPE

log = logging.getLogger("mkdocs.hooks.page_furniture")
STATUS_MARKER = "<!-- translation-status -->"
_state: dict = {}


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@event_priority(-200)
def on_config(config):
    plugin = config.plugins["i18n"]
    _state.update(lang=plugin.current_language, default=plugin.default_language,
                  root=Path(config.config_file_path).parent, languages=[l for l in plugin.build_languages])


def on_env(env, config, files):
    """Jinja filters: `long_date` ("22 November 2026" / "22. November 2026") and `iso_date`."""
    lang = _state["lang"]
    env.filters["long_date"] = lambda value: long_date(_as_date(value), lang)
    env.filters["iso_date"] = lambda value: _as_date(value).isoformat()
    # The language's pages live at the site root: the default language, or one built alone (BUILD_ONLY_LOCALE).
    env.globals["guide_language_at_root"] = _state["lang"] == _state["default"] or len(_state["languages"]) == 1
    return env


def on_page_markdown(markdown, page, config, files):
    """Record the translation state; warn about outdated translations; fill the status page."""
    lang, default = _state["lang"], _state["default"]
    page.guide_translation_state = "source" if lang == default else "current"
    if lang != default and getattr(page.file, "locale", lang) != lang:
        page.guide_translation_state = "missing"
    elif lang != default:
        source = source_of(page.file)
        english = english_path(Path(page.file.abs_src_path))
        recorded = recorded_hash(source)
        if english.exists() and page_state(read_page(english), recorded) == "outdated":
            page.guide_translation_state = "outdated"
            rel = f"docs/{page.file.src_uri}"
            english_rel = f"docs/{english.relative_to(Path(config.docs_dir)).as_posix()}"
            reason = (f"{english_rel} changed since it was translated (see: python3 dev.py translation-diff {rel})"
                      if recorded else f"it does not record which version of {english_rel} it translates")
            log.warning(f"{rel}:{line_of_text(source, 'translation_of:')}: translation is outdated: {reason}; "
                        f"once it matches the English page: python3 dev.py mark-current {rel}")
    if STATUS_MARKER in markdown:
        env = config.theme.get_env()
        env.autoescape = True
        env.bytecode_cache = SHARED_AUTOESCAPE  # compiled once, reused across builds
        env.add_extension("jinja2.ext.i18n")
        report = status_report(_state["root"], [l for l in _state["languages"] if l != default], _state["root"] / ".cache")
        markdown = markdown.replace(STATUS_MARKER, env.get_template("partials/guide/translation-status.html").render(report=report))
    return markdown


def on_page_context(context, page, config, nav):
    lang, default = _state["lang"], _state["default"]
    # "" for the default language, and for a language built alone at the root (BUILD_ONLY_LOCALE).
    context["guide_lang_prefix"] = f"{lang}/" if lang != default and page.url.startswith(f"{lang}/") else ""
    context["guide_translation_state"] = getattr(page, "guide_translation_state", "source")
    context["guide_source_url"] = page.url[len(f"{lang}/"):] if page.url.startswith(f"{lang}/") else page.url
    return context
