"""One language build of the guide: the state it holds and the decisions it makes.

The MkDocs hooks (hooks/guide.py) create one GuideBuild per language build and hand it
plain values (paths, URLs, text); everything here is independent of MkDocs.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from hairguide.catalog import SOURCE_LANG, Translator, catalog_path, entry_state, load_catalog
from hairguide.data import SiteData, load_site_data
from hairguide.hyphenation import hyphenate_html, hyphenator
from hairguide.inputs import dotted, is_file, leaves, line_of
from hairguide.links import check_html_links, language_prefix, line_in_source, link_line, other_language_urls, page_sitemaps, split_prefix
from hairguide.markup import PageSource, compare_translation_markup, expand_page, term_uses, unrendered_terms
from hairguide.pages import (compare_heading_ids, english_path, file_language, page_state, read_page, recorded_hash, split_front_matter,
                             status_report, structure_problems, text_of, translated_path)
from hairguide.render import PageRenderer, environment, put_back, readable_html
from hairguide.report import Problem, ProblemsFound, collect
from hairguide.search import IndexedPage, client_data, load_synonyms, page_words, word_groups, write_indexes
from hairguide.security import PageScan, check_page_content, content_security_policy, with_csp_meta


ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')
# Files the build writes beside each language's pages, which a page may link to.
GENERATED = ("sitemap.xml", "sitemap.xml.gz", "404.html")


@dataclass
class DocPage:
    """What the build needs to know of one documentation file."""

    src_uri: str        # 'treatments/prp.de.md' (static-i18n's name for the page)
    url: str            # 'de/treatments/prp/'
    abs_path: Path      # the file read (GuideBuild.add_pages may choose another, see _choose_file)
    file: str = ""      # the file read, below docs/
    locale: str = ""    # the language the file is written in, from its name
    source: str = ""
    meta: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    translation: str = "source"  # source | current | outdated | missing
    held: dict[str, str] = field(default_factory=dict)  # HTML written by templates (render.put_back)
    ids: set[str] = field(default_factory=set)      # anchors of the finished content (ids, <a name>)
    links: list[dict] = field(default_factory=list)  # its <a href> and <img src> attributes (checked in check_links)
    own_ids: Counter = field(default_factory=Counter)  # how often each id is in the finished content

    @property
    def path(self) -> str:
        return f"docs/{self.file or self.src_uri}"


@dataclass
class Inputs:
    """What every language build reads: data/, the catalogs, the synonyms (all checked)."""

    data: SiteData
    catalogs: dict
    synonyms: object


def load_inputs(root: Path, languages: list[str]) -> Inputs:
    """Load and check data, every language's catalog and the synonyms; all problems in one ProblemsFound."""
    problems: list[Problem] = []
    data = collect(lambda: load_site_data(root / "data"), problems)
    catalogs = {other: collect(lambda: load_catalog(catalog_path(other, root), catalog_path(other).as_posix(), other), problems)
                for other in languages if other != SOURCE_LANG}
    synonyms = collect(lambda: load_synonyms(root / "data" / "synonyms.yml"), problems)
    for other, catalog in catalogs.items():
        if catalog is not None and data is not None:
            problems += _untranslated_terms(data, catalog, other)
    if problems:
        raise ProblemsFound(problems)
    return Inputs(data, catalogs, synonyms)


def _untranslated_terms(data: SiteData, catalog, lang: str) -> list[Problem]:
    """A glossary term must have its headword and short definition in the language's catalog."""
    problems = []
    for term_id, term in data.glossary.items():
        missing = [name for name in ("term", "short") if entry_state(catalog.get(getattr(term, name))) != "translated"]
        if missing:
            problems.append(Problem("data/glossary.yml", line_of(data.lines["glossary"], (term_id,)),
                                    f"glossary term '{term_id}' has no {lang} text for {' and '.join(missing)} "
                                    f"in {catalog_path(lang).as_posix()}"))
    return problems


class GuideBuild:
    """State and decisions of one language build. `inputs` come from the build of the
    first language (the others run inside it), or are loaded here: load_inputs raises
    ProblemsFound when data or catalogs are broken (nothing can be built from them)."""

    def __init__(self, root: Path, lang: str, default_lang: str, languages: list[str], site_url: str,
                 inputs: Inputs | None = None):
        self.root, self.lang, self.default_lang, self.site_url = root, lang, default_lang, site_url
        self.languages = languages
        self.inputs = inputs or load_inputs(root, languages)
        self.data, self.synonyms = self.inputs.data, self.inputs.synonyms
        self.translator = Translator(lang, self.inputs.catalogs.get(lang), catalog_path(lang).as_posix())
        self.env = environment([root / "overrides"], self.translator)
        self.pages: dict[str, DocPage] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.term_usage: dict[str, list[tuple[str, str]]] = {}
        self.script_hashes: set[str] = set()
        self.not_found_page: str | None = None
        self.draft = False  # publisher or responsible people not filled in (see responsibility_problems)
        self.search_pages: list[IndexedPage] = []  # this language's pages, for its search index
        self.finished = 0  # pages finished (finish_page)
        self.files: set[str] = set()  # the URLs of the site's other files (add_pages)
        self.search_words = page_words(self.synonyms, lang)

    @property
    def prefixes(self) -> dict[str, str]:
        """Where each language's pages are: {'en': '', 'de': 'de/'} (a language built alone is
        static-i18n's default language, at the root)."""
        return {lang: language_prefix(lang, self.default_lang) for lang in self.languages}

    @property
    def prefix(self) -> str:
        return self.prefixes[self.lang]

    # Files

    def add_pages(self, pages: list[DocPage], files: set[str] = frozenset()) -> None:
        """Read every page of this language once; check front matter and translations;
        index which page marks which glossary term. `files`: the URLs of the site's other files."""
        self.files = files
        for page in pages:
            self._choose_file(page)
            try:
                raw = page.abs_path.read_bytes()
            except OSError as error:
                raw, page.problems = b"", [Problem(page.path, 1, f"the page cannot be read ({error.strerror})")]
            page.source, page.meta, problems = read_page(raw, page.path)
            page.problems += problems + structure_problems(page.source, page.path)
            self.pages[page.src_uri] = page
            if self.lang != SOURCE_LANG:
                self._check_translation(page)
            if page.locale == self.lang or self.lang == SOURCE_LANG:
                title = str(page.meta.get("title") or page.src_uri)
                for term_id in sorted(term_uses(page.source)):
                    self.term_usage.setdefault(term_id, []).append((page.url, title))
        # Soft hyphens for the headings, and the interface strings tables and headings show.
        headings = [line for page in pages for line in page.source.splitlines() if line.startswith("#")]
        strings = [m.string for m in (self.translator.catalog or []) if isinstance(m.string, str)]
        self.hyphenator = hyphenator(self.lang, headings + strings)
        others = [prefix for lang, prefix in self.prefixes.items() if lang != self.lang]
        self.other_urls = other_language_urls({page.url for page in pages}, self.prefix, others)

    def _choose_file(self, page: DocPage) -> None:
        """The language of a page's file, from its name (`x.de.md` German, `x.md` the source
        language). static-i18n building one language that is not the source language
        (BUILD_ONLY_LOCALE=de) makes it the default language and hands over `x.md` as its page
        (pinned: mkdocs-static-i18n 1.3.1): the translation `x.de.md` is read instead, where there is one."""
        name = PurePosixPath(page.src_uri)
        suffix = file_language(name.name)
        page.file, page.locale = page.src_uri, suffix if suffix in self.languages else SOURCE_LANG
        translated = translated_path(page.abs_path, self.lang)
        if page.locale == SOURCE_LANG != self.lang and translated.exists():
            page.abs_path, page.file, page.locale = translated, translated_path(name, self.lang).as_posix(), self.lang

    def _check_translation(self, page: DocPage) -> None:
        """The one place that decides a page's translation state and warns about it."""
        if page.locale != self.lang:
            page.translation = "missing"
            missing = translated_path(PurePosixPath(page.src_uri), self.lang)
            self.warnings.append(Problem(page.path, 1, f"page has no {self.lang} version (docs/{missing} is missing); "
                                                       "readers see the English text"))
            return
        english = english_path(page.abs_path)
        english_rel = f"docs/{english_path(PurePosixPath(page.src_uri))}"
        if not english.exists():
            self.warnings.append(Problem(page.path, 1, f"there is no English page {english_rel} for this translation "
                                                       "(rename it to match its English page, or add that page)"))
            return
        if not page.source:
            return
        english_text = text_of(english)
        page.problems += compare_heading_ids(page.source, english_text, page.path, english_rel)
        page.problems += compare_translation_markup(page.source, english_text, page.path, english_rel)
        recorded = recorded_hash(page.source)
        page.translation = page_state(english_text, recorded)
        if page.translation == "outdated" and page.meta:  # (unreadable front matter is named already)
            reason = (f"{english_rel} changed since it was translated (see: python3 dev.py translation-diff {page.path})"
                      if recorded else f"it does not record which version of {english_rel} it translates")
            self.warnings.append(Problem(page.path, line_in_source(page.source, "translation_of:") if recorded else 1,
                                         f"translation is outdated: {reason}; once it matches the English page: "
                                         f"python3 dev.py mark-current {page.path}"))

    # Pages

    def source_for_mkdocs(self, src_uri: str) -> str:
        """The page text MkDocs should read: its body. The front matter is the guide's to read
        (pages.read_page; MkDocs' own YAML reading would expand aliases or keep wrong types);
        the hooks give MkDocs what it found."""
        page = self.pages[src_uri]
        self.problems += page.problems
        # A blank line first: MkDocs' own reader (mkdocs.utils.meta.get_data) stops there, so a
        # first line such as "Note: ..." stays text, not MultiMarkdown metadata.
        return "\n" + split_front_matter(page.source)[1]

    def writer(self, page: DocPage):
        """The translator and templates for what the guide adds to a page (sources heading, table
        captions, tooltips): the page's own language, so a page shown untranslated (the English
        original, marked lang="en") is English throughout."""
        return (self.translator, self.env) if page.locale == self.lang else self._source_writer

    @functools.cached_property
    def _source_writer(self):
        translator = Translator(SOURCE_LANG)
        return translator, environment([self.root / "overrides"], translator)

    def expand(self, src_uri: str, markdown: str) -> str:
        """Citations, glossary marks, tables and generated lists in one page's Markdown."""
        page = self.pages[src_uri]
        offset = split_front_matter(page.source)[2]
        source = PageSource(page.path, markdown, offset)
        translator, env = self.writer(page)
        renderer = PageRenderer(env, self.data, translator, src_uri, page.url, self.term_usage)
        renderer.status = lambda: status_report(self.root, [lang for lang in self.languages if lang != SOURCE_LANG])
        expansion = expand_page(source, self.data, renderer)
        self.problems += expansion.problems
        page.held = renderer.held
        return expansion.markdown

    def finish_content(self, src_uri: str, html: str) -> str:
        """The page with the HTML the templates wrote put back; the page-content policy;
        units kept with their numbers."""
        page = self.pages[src_uri]
        html = put_back(html, page.held)
        scan = PageScan(html)
        page.ids, page.links, page.own_ids = scan.ids, scan.links, Counter(ID_ATTRIBUTE.findall(html))
        self.problems += check_page_content(scan, page.source, page.path) + unrendered_terms(html, page.source, page.path)
        if page.locale == self.lang:  # the search index: this language's pages, without English fallbacks
            also_called = self.search_words.get(english_path(PurePosixPath(page.src_uri)).as_posix(), [])
            self.search_pages.append(IndexedPage(split_prefix(page.url, self.prefix)[1], str(page.meta.get("title") or ""), html, also_called))
        return readable_html(html, self.writer(page)[0].gettext)

    def finish_page(self, src_uri: str, output: str) -> str:
        """The rendered page with soft hyphens in its headings and its Content-Security-Policy."""
        page = self.pages[src_uri]
        taken = Counter(ID_ATTRIBUTE.findall(output)) - page.own_ids  # the ids of the page's frame (theme)
        self.problems += [Problem(page.path, next((n for n in (line_in_source(page.source, f"{{#{i}"), line_in_source(page.source, f'id="{i}"'))
                                                   if n > 1), 1), f"id '{i}' is also an id of the page's frame (navigation, header): "
                                  "choose another") for i in sorted(page.ids) if taken[i]]
        self.finished += 1
        if self.finished == len(self.pages):  # the last page: every page's ids are known (and it is before
            self.problems += self.check_links()  # static-i18n builds the next language, which may stop the build)
        return self.protect(hyphenate_html(output, self.hyphenator if page.locale == self.lang else None))

    def protect(self, output: str) -> str:
        output, hashes = with_csp_meta(output)
        self.script_hashes.update(hashes)
        return output

    def check_links(self) -> list[Problem]:
        """Every page's links, once every page of this language is built (a link may name an
        anchor on another page): called by finish_page after the last page. MkDocs' own checks of
        anchors and missing files are off (mkdocs.yml): they name no line and cannot see raw HTML or
        what the templates write."""
        files = {unquote(url) for url in self.files} | {self.prefix + name for name in GENERATED}
        targets = dict.fromkeys(files) | {unquote(page.url): (page.path, page.ids) for page in self.pages.values()}
        return [problem for page in self.pages.values() for problem in
                check_html_links(page.links, page.source, page.path, page.url, self.site_url, targets, self.other_urls)]

    def untranslated(self) -> list[Problem]:
        """Strings shown in English on this language's pages (known once every page is built)."""
        return sorted(set(self.translator.problems()))


@dataclass
class SiteBuild:
    """One `mkdocs build` or serve rebuild: its language builds (the German one runs inside
    the English one, so the running ones form a stack), the problems already reported, and
    what the end of the last language writes for all of them."""

    builds: list[GuideBuild] = field(default_factory=list)
    done: list[GuideBuild] = field(default_factory=list)
    reported: set[Problem] = field(default_factory=set)

    def unreported(self, build: GuideBuild) -> tuple[list[Problem], list[Problem]]:
        """A language build's problems and warnings not yet reported (each is reported once, when found)."""
        fresh = [[p for p in sorted(set(found)) if p not in self.reported] for found in (build.problems, build.warnings)]
        self.reported.update(*fresh)
        return fresh[0], fresh[1]

    def language_done(self, site: Path) -> GuideBuild:
        """The current language build is over: its 404 page is written, the strings it showed in
        English are warned about; it is kept for the end."""
        build = self.builds.pop()
        build.warnings += build.untranslated()
        if build.not_found_page is not None:
            (site / build.prefix / "404.html").write_text(build.not_found_page, encoding="utf-8")
        self.done.append(build)
        return build

    def write_site_files(self, site: Path, site_url: str) -> None:
        """After the last language: the search indexes, per-page sitemaps and `_headers`.
        Raises RuntimeError when Pagefind fails."""
        write_indexes({b.lang: (b.search_pages, site / b.prefix / "pagefind",
                                client_data(word_groups(b.data.glossary, b.synonyms, b.lang), b.lang)) for b in self.done})
        for build in self.done:
            shutil.rmtree(site / build.prefix / "search", ignore_errors=True)  # Material's index: its search is not used
        sitemap = site / "sitemap.xml"
        if sitemap.exists():
            for directory, xml in page_sitemaps(sitemap.read_text(encoding="utf-8"), site_url).items():
                if directory and (site / directory).is_dir():
                    (site / directory / "sitemap.xml").write_text(xml, encoding="utf-8")
        policy = content_security_policy(sorted(set().union(*(b.script_hashes for b in self.done))), header=True)
        (site / "_headers").write_text(f"/*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n"
                                       "  Referrer-Policy: no-referrer\n", encoding="utf-8")


def replace_site(new: Path, site: Path) -> None:
    """Put a finished build in the place of the site folder; the old site is deleted only once
    the new one is in place (`dev.py build` and every `mkdocs serve` rebuild)."""
    old = site.with_name(f".{site.name}-old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        os.replace(site, old)
    os.replace(new, site)
    shutil.rmtree(old, ignore_errors=True)


def untranslated_nav_titles(nav: list, titles: dict[str, str], lang: str, config_text: str) -> list[Problem]:
    """Titles in mkdocs.yml's `nav` (sections, and pages given a title there) that have no `lang`
    title in static-i18n's `nav_translations`: readers would see them in English."""
    found = [key for path, _value in leaves(nav) for key in path if isinstance(key, str)]
    def line(title):
        return next((n for n in (line_in_source(config_text, f"- {q}{title}{q}:") for q in ("", '"', "'")) if n > 1), 1)

    return [Problem("mkdocs.yml", line(title), f"the navigation title '{title}' has no {lang} title: add it under "
                    f"nav_translations of the {lang} language (plugins: i18n), also where it stays the same ({title}: {title})")
            for title in dict.fromkeys(found) if title not in titles]


def missing_nav_pages(nav: list, docs: Path, config_text: str) -> list[Problem]:
    """Pages named in mkdocs.yml's `nav` that are not in docs/ (static-i18n leaves them out of the
    navigation without a word)."""
    named = [value for _path, value in leaves(nav) if isinstance(value, str) and value.endswith(".md") and "://" not in value]
    return [Problem("mkdocs.yml", link_line(config_text, value, named[:n].count(value)), f"the navigation names {value}, which is not "
                    "a page in docs/") for n, value in enumerate(named) if not is_file(docs / value)]


def is_release(site_url: str) -> bool:
    """A build for a public address (not a local preview)."""
    return bool(site_url) and urlsplit(site_url).hostname not in ("localhost", "127.0.0.1", "::1", "0.0.0.0")


# What a published guide must name (imprint and responsibility), and how to say that it is missing.
REQUIRED = {"publisher.name": "its publisher", "publisher.address": "the publisher's postal address",
            "publisher.email": "a contact address", "responsible.editor": "a responsible person",
            "responsible.authors": "its authors", "responsible.medical_reviewers": "who reviewed it medically"}
# '[Publisher name]', also inside a value ('Dr. [Name]'); not '[Hinterhaus]' in an address.
PLACEHOLDER = re.compile(r"\[[^\]]*(?:name|address|e-?mail|author|reviewer|editor|street|city|postcode|country|"
                         r"qualification)[^\]]*\]", re.I)
LISTS = ("responsible.authors", "responsible.medical_reviewers")  # lists of names, not one string


def config_line(config_text: str, keys: tuple) -> int:
    """The line of a key in mkdocs.yml (`('extra', 'publisher', 'name')`: each key searched below
    the one before), or of the last of them that is there."""
    at, line = 0, 1
    for key in keys:
        found = re.compile(rf"^[ \t]*{re.escape(str(key))}[ \t]*:", re.M).search(config_text, at)
        if not found:
            break
        at, line = found.end(), config_text.count("\n", 0, found.start()) + 1
    return line


def responsibility_problems(extra: dict, config_text: str) -> list[Problem]:
    """Before publishing: every field in REQUIRED filled in (a list with at least one name), and no
    placeholder left in `extra.publisher` or `extra.responsible`; each a problem at its line of mkdocs.yml."""
    sections = {section: extra.get(section) or {} for section in ("publisher", "responsible")}
    problems = []
    for path, value in leaves(sections):  # the fields themselves, if empty: below
        if PLACEHOLDER.search(str(value)):
            problems.append(Problem("mkdocs.yml", line_in_source(config_text, str(value)),
                                    f"extra.{dotted(path)} is still a placeholder ({value!r}): fill it in before publishing"))
        elif not str(value).strip() and isinstance(path[-1], int):  # a blank name in a list
            problems.append(Problem("mkdocs.yml", config_line(config_text, ("extra", *path[:-1])),
                                    f"extra.{dotted(path)} is empty: fill it in before publishing"))
    for field, what in REQUIRED.items():
        section, key = field.split(".")
        value = sections[section].get(key) if isinstance(sections[section], dict) else None
        line = config_line(config_text, ("extra", section, key))
        if not str(value or "").strip():
            problems.append(Problem("mkdocs.yml", line, f"extra.{field} is empty or missing: a published guide names {what}"))
        elif field in LISTS and not isinstance(value, list):
            problems.append(Problem("mkdocs.yml", line, f"extra.{field} must be a list of names: [\"A\", \"B\"]"))
    return problems
