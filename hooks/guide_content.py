"""Data, catalogs and the guide's markup (citations, glossary terms, tables) in every page.

Thin glue around hairguide: data and the catalog load once per language build in
on_config; pages are expanded in on_page_markdown; every problem is reported as
`path:line: message` and the build fails after all of them have been reported.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hairguide.catalog import Translator, catalog_path, load_catalog
from hairguide.catalog_cli import compile_catalog
from hairguide.checkedcache import cached_load
from hairguide.checks import read_front_matter
from hairguide.data import load_site_data_cached
from hairguide.markup import PageSource, expand_page, front_matter_offset, term_uses
from hairguide.formatting import preload
from hairguide.freshness import source_of
from hairguide.problems import Problem, ProblemsFound
from hairguide.render import Known, PageRenderer
from hairguide.report import REPORT
from hairguide.templatecache import SHARED, SHARED_AUTOESCAPE, use_project_cache
from hairguide.yamlfile import line_of

# A logger under "mkdocs." so that warnings count for --strict; messages stay `path:line: message`.
log = logging.getLogger("mkdocs.hooks.guide")


class _Build:
    """State of one language build (static-i18n runs one build per language)."""

    def __init__(self, root: Path, lang: str, default_lang: str, languages: list[str]):
        self.root = root
        self.lang = lang
        problems = []
        self.data = _collect(lambda: load_site_data_cached(root / "data", root / ".cache"), problems)
        # Every language's catalog is checked in every build, so all errors show in one run.
        catalogs = {other: _collect(lambda: _load_catalog(root, other), problems) for other in languages if other != default_lang}
        catalog = catalogs.get(lang)
        if catalog is not None and self.data is not None:
            problems += _untranslated_terms(self.data, catalog, root, lang)
        if problems:
            for problem in sorted(problems):
                log.error(str(problem))
            raise PluginError(f"Build failed: {len(problems)} problem(s) in data or catalogs, listed above as path:line: message.")
        self.known = Known(self.data)
        self.translator = Translator(lang, catalog, f"locales/{lang}/LC_MESSAGES/messages.po")
        self.term_usage: dict[str, list[tuple[str, str]]] = {}
        self.render_memo: dict = {}
        self.env = None


def _untranslated_terms(data, catalog, root: Path, lang: str):
    """A glossary term must have its headword and short definition in the language's catalog."""
    problems = []
    for term_id, term in data.glossary.items():
        missing = [field for field in ("term", "short")
                   if not (entry := catalog.get(getattr(term, field))) or not entry.string or entry.fuzzy]
        if missing:
            line = line_of(data.lines["glossary"], (term_id,))
            problems.append(Problem("data/glossary.yml", line, f"glossary term '{term_id}' has no {lang} text for "
                                    f"{' and '.join(missing)} in locales/{lang}/LC_MESSAGES/messages.po"))
    return problems


_catalogs: dict = {}


def _load_catalog(root: Path, lang: str):
    """Parse and check a catalog once per build run (reused while the file is unchanged)."""
    path = catalog_path(root / "locales", lang)
    key = (str(path), path.stat().st_mtime_ns if path.exists() else None)
    if key not in _catalogs:
        catalog = cached_load(root / ".cache", f"catalog-{lang}", [path],
                              lambda: load_catalog(path, path.relative_to(root).as_posix(), lang))
        compile_catalog(path)  # .mo files are build products, for other gettext tools
        _catalogs[key] = catalog
    return _catalogs[key]


def _collect(loader, problems):
    """Run a loader; on ProblemsFound keep its problems and return None."""
    try:
        return loader()
    except ProblemsFound as found:
        problems.extend(found.problems)
        return None


_build: _Build | None = None


@event_priority(-200)
def on_config(config):
    """Load data and the catalog once for this language build."""
    global _build
    plugin = config.plugins["i18n"]
    _build = _Build(Path(config.config_file_path).parent, plugin.current_language, plugin.default_language,
                    list(plugin.build_languages))
    use_project_cache(_build.root)
    preload(_build.lang)


@event_priority(-200)
def on_files(files, config):
    """Index which pages mark which glossary term, for the glossary's 'used on' links."""
    for file in files.documentation_pages():
        if getattr(file, "locale", _build.lang) != _build.lang and file.dest_uri.startswith(f"{_build.lang}/"):
            continue  # an untranslated page shown in English: not a page "in" this language
        source = source_of(file)
        meta, _problems = read_front_matter(source, f"docs/{file.src_uri}")  # page_checks reports problems
        title = str(meta.get("title", file.name))
        for term_id in sorted(term_uses(source)):
            _build.term_usage.setdefault(term_id, []).append((file.src_uri, title))
    return files


def _install_gettext(env):
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_build.translator.gettext, _build.translator.ngettext, newstyle=False)
    return env


def on_env(env, config, files):
    """Page templates translate with {{ _("...") }} through the project's catalog; compiled
    templates are reused across languages and serve rebuilds."""
    env.bytecode_cache = SHARED
    return _install_gettext(env)


def on_page_markdown(markdown, page, config, files):
    """Expand citations, glossary marks, tables and generated lists."""
    source = PageSource(f"docs/{page.file.src_uri}", markdown, front_matter_offset(source_of(page.file), markdown))
    if _build.env is None:
        # Our own environment for the guide's partials: every value from data or catalogs is escaped.
        _build.env = _install_gettext(config.theme.get_env())
        _build.env.autoescape = True
        _build.env.bytecode_cache = SHARED_AUTOESCAPE
    renderer = PageRenderer(_build.env, _build.data, _build.translator, page.file.src_uri, _build.term_usage,
                            _build.render_memo)
    expansion = expand_page(source, _build.known, renderer)
    REPORT.add(expansion.problems, log)
    return expansion.markdown


def on_post_build(config):
    """Warn (the strict build fails) about every string shown in English on a page of another language."""
    for problem in sorted(_build.translator.problems()):
        log.warning(str(problem))
