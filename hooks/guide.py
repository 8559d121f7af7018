"""MkDocs glue for the guide: hands MkDocs objects to hairguide.build.GuideBuild and reports.

static-i18n builds English, then German inside English's `on_post_build` (its events
run at priority -100). One SiteBuild holds the state of a build; each language build gets
its own GuideBuild on its stack. Problems are logged as `path:line: message` when found;
the build fails at the end of the first language that ends with problems found in it or
in a language before it (the German build ends first, inside the English one).
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hairguide.build import (DocPage, GuideBuild, SiteBuild, is_release, missing_nav_pages, replace_site, responsibility_problems,
                             untranslated_nav_titles)
from hairguide.catalog import SOURCE_LANG
from hairguide.links import hreflang_links, link_line, split_prefix
from hairguide.render import BYTECODE, long_date
from hairguide.report import ProblemsFound
from hairguide.security import defer_external_scripts
from hairguide.tables import babel_locale

# A logger under "mkdocs." so that warnings count for --strict.
log = logging.getLogger("mkdocs.hooks.guide")
_site = SiteBuild()  # replaced when a new build starts
_serve = {"on": False, "staging": None}


class _LinkWarningLine(logging.Filter):
    """MkDocs' own warnings about a page's links name the page and the link, not the line: the line
    is put first, as `path:line:`, at each place the link is written (pinned: MkDocs 1.6.1's wording,
    "Doc file 'x.md' contains an absolute link '/y/', …";
    test_real_build_reports_every_problem_of_both_languages_and_fails fails if it changes)."""

    def __init__(self):
        super().__init__()
        self.build, self.seen = None, Counter()  # the language build, and the links it has warned about

    def filter(self, record):
        found = re.match(r"Doc file '(?P<page>[^']+)' contains an? [\w ]*?link (?:to )?'(?P<link>[^']+)'", record.getMessage())
        build = _site.builds[-1] if _site.builds else None
        if build is not self.build:
            self.build, self.seen = build, Counter()
        page = found and build and build.pages.get(found["page"])
        if page:
            self.seen[page.path, found["link"]] += 1
            line = link_line(page.source, found["link"], self.seen[page.path, found["link"]] - 1)
            record.msg, record.args = f"{page.path}:{line}: {record.getMessage()}", ()
        return True


logging.getLogger("mkdocs.structure.pages").addFilter(_LinkWarningLine())  # the hooks are loaded once a process


def _i18n(config):
    """static-i18n's current and configured languages, and the current language's navigation
    titles (pinned: mkdocs-static-i18n 1.3.1)."""
    plugin = config.plugins["i18n"]
    titles = dict(plugin.current_language_config.nav_translations or {})
    return plugin.current_language, plugin.default_language, list(plugin.build_languages), titles


def _report(build=None) -> None:
    """Log what the language build found since the last report: problems as errors, missing,
    outdated and untranslated text as warnings (both fail the strict build). While previewing
    (`mkdocs serve`) translation warnings are only shown: an English author's edit makes the
    German page outdated, and the preview must still show the edit."""
    problems, warnings = _site.unreported(build or _site.builds[-1])
    for problem in problems:
        log.error(str(problem))
    for warning in warnings:
        if _serve["on"]:
            log.info(f"{warning} (a warning in the strict build)")
        else:
            log.warning(str(warning))


def on_startup(command, dirty):
    _serve["on"] = command == "serve"


@event_priority(-200)
def on_config(config):
    """A new GuideBuild for this language (static-i18n has set the language at -100)."""
    global _site
    if not _site.builds:
        _site = SiteBuild()
    if _serve["staging"] is not None:
        config.site_dir = str(_serve["staging"])  # a serve rebuild builds aside (see on_serve)
    lang, default, languages, nav_titles = _i18n(config)
    config_text = Path(config.config_file_path).read_text(encoding="utf-8")
    try:
        build = GuideBuild(Path(config.config_file_path).parent, lang, default, languages, config.site_url or "http://127.0.0.1:8000/",
                           _site.builds[0].inputs if _site.builds else None)  # the first language's build has read data and catalogs
        unfilled = responsibility_problems(config.extra, config_text)
        build.draft = bool(unfilled)  # a preview says so on every page; a release build refuses
        if unfilled and is_release(build.site_url) and not _serve["on"]:
            raise ProblemsFound(unfilled)
    except ProblemsFound as found:
        for problem in found.problems:
            log.error(str(problem))
        raise PluginError(f"Build failed: {len(found.problems)} problem(s) in data, catalogs or configuration, listed above as path:line: message.") from None
    build.problems += missing_nav_pages(config.nav or [], Path(config.docs_dir), config_text)
    if lang != SOURCE_LANG:
        build.warnings += untranslated_nav_titles(config.nav or [], nav_titles, lang, config_text)
    _site.builds.append(build)
    return config


@event_priority(-200)
def on_files(files, config):
    """Read this language's pages once; warn about missing and outdated translations."""
    build = _site.builds[-1]
    build.add_pages([DocPage(f.src_uri, "" if f.url == "./" else f.url, Path(f.abs_src_path)) for f in files.documentation_pages()],
                    {f.url for f in files if not f.is_documentation_page()})
    _report()
    return files


def on_page_read_source(page, config):
    """MkDocs reads the page's body; its front matter is read and checked by the guide."""
    build = _site.builds[-1]
    source = build.source_for_mkdocs(page.file.src_uri)
    _report()
    return source


def on_page_markdown(markdown, page, config, files):
    """The front matter the guide read, its text escaped once for every template; the guide's markup expanded."""
    build = _site.builds[-1]
    meta = build.pages[page.file.src_uri].meta
    page.meta = {key: Markup.escape(value) if isinstance(value, str) else value for key, value in meta.items()}
    page.meta["search"] = {"exclude": True}  # Material's front-matter switch: its index is unused (Pagefind is the search)
    markdown = build.expand(page.file.src_uri, markdown)
    _report()
    return markdown


def on_page_content(html, page, config, files):
    """The page-content policy, on the rendered page; the title is escaped for the theme."""
    build = _site.builds[-1]
    html = build.finish_content(page.file.src_uri, html)
    page.title = Markup.escape(page.title or "")
    _report()
    return html


def on_env(env, config, files):
    """Theme templates: translated strings escaped, localized dates, compiled-template cache."""
    build = _site.builds[-1]
    env.bytecode_cache = BYTECODE  # MkDocs has added Jinja's i18n extension (mkdocs.localization)
    env.install_gettext_callables(lambda text: Markup.escape(build.translator.gettext(text)),
                                  lambda one, many, n: Markup.escape(build.translator.ngettext(one, many, n)), newstyle=False)
    env.filters["long_date"] = lambda value: long_date(value, build.lang) if hasattr(value, "isoformat") else value
    env.filters["iso_date"] = lambda value: value.isoformat() if hasattr(value, "isoformat") else value
    env.filters["defer_scripts"] = defer_external_scripts
    env.globals["guide_draft"] = build.draft
    env.globals["guide_lang"], env.globals["guide_prefixes"] = build.lang, build.prefixes  # {'en': '', 'de': 'de/'}
    env.globals["guide_locale"] = babel_locale(build.lang)  # en_GB, de_DE (og:locale)
    env.globals["guide_source_lang"] = SOURCE_LANG  # the language of a page not yet translated
    return env


def _alternates(file) -> dict[str, str]:
    """The URL of the page in each language it is written in: static-i18n's alternates, without
    fallbacks (pinned: mkdocs-static-i18n 1.3.1, `File.alternates` and `File.locale`; without them
    the hreflang tests fail)."""
    alternates = getattr(file, "alternates", None) or {}
    return {lang: alt.url for lang, alt in alternates.items() if getattr(alt, "locale", lang) == lang}


def on_page_context(context, page, config, nav):
    build = _site.builds[-1]
    doc = build.pages[page.file.src_uri]
    urls = _alternates(page.file)
    if doc.locale == build.lang:
        urls.setdefault(build.lang, page.url)
    context["hreflang_links"] = hreflang_links(build.site_url, urls, build.default_lang)
    # The English page, for the outdated banner (not in a German-only preview: it is not built).
    context["guide_source_url"] = split_prefix(page.url, build.prefix)[1] if SOURCE_LANG in build.prefixes else None
    context["guide_translation_state"] = doc.translation
    return context


def on_post_page(output, page, config):
    build = _site.builds[-1]
    output = build.finish_page(page.file.src_uri, output)
    _report()
    return output


def on_post_template(output_content, template_name, config):
    """Each language's 404 page (every language build writes it to the same file)."""
    if template_name == "404.html" and _site.builds:
        output_content = _site.builds[-1].protect(output_content)
        _site.builds[-1].not_found_page = output_content
    return output_content


@event_priority(-300)
def on_post_build(config):
    """After this language (and, for the first, after the languages built inside it): the build
    fails here if any language built so far found problems (the count names them all: MkDocs'
    own count, in a language built inside another, would be that language's alone); the first
    language writes the site-wide files."""
    build = _site.language_done(Path(config.site_dir))
    _report(build)
    failed = [done for done in [*_site.builds, *_site.done] if done.problems]
    if failed:  # (a problem in mkdocs.yml is each language's: counted once)
        raise PluginError(f"Build failed: {len(set().union(*(done.problems for done in failed)))} problem(s) in the "
                          f"{' and '.join(sorted(done.lang for done in failed))} build, listed above as path:line: message.")
    if not _site.builds:
        try:
            _site.write_site_files(Path(config.site_dir), build.site_url)
        except RuntimeError as error:  # Pagefind failed
            raise PluginError(str(error)) from None


def on_build_error(error):
    if _site.builds:
        _site.builds.pop()


def on_serve(server, config, builder):
    """`mkdocs serve` keeps serving the last good site when a save breaks the build:
    each rebuild goes into a new folder that replaces the served one only on success."""
    served = Path(config.site_dir)

    def build_aside():
        _site.builds.clear()
        _serve["staging"] = Path(tempfile.mkdtemp(prefix="guide-serve-", dir=served.parent))
        try:
            builder()
        except Exception:  # reported above as path:line: message
            shutil.rmtree(_serve["staging"], ignore_errors=True)
            log.warning("The build failed: still serving the last good version. Fix the problems listed above and save again.")
            return
        finally:
            staging, _serve["staging"] = _serve["staging"], None
        replace_site(staging, served)

    server.builder = build_aside  # what the server calls on a change: undocumented (pinned: MkDocs 1.6.1)
    return server
