"""Run the core on a small project without MkDocs: what the hooks hand it, it gets here.

Markdown is rendered with Python-Markdown and the extensions mkdocs.yml names, so the
content checks see the same kind of HTML they see in a build.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import get_data

from fixture_site import FIXTURES, with_translation_hashes
from hairguide.build import DocPage, GuideBuild
from sitebuild import REPO, _fill

EXTENSIONS = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[1]
                            .split("\n\n")[0].replace("\n  - ", "\n- "))


def project(root: Path, data: dict[str, str] | None = None, locales: dict[str, str] | None = None) -> Path:
    """A project folder with the fixture data and catalog (or the given replacements)."""
    shutil.copytree(FIXTURES / "data", root / "data")
    shutil.copytree(FIXTURES / "locales", root / "locales")
    _fill(root / "data", data or {})
    _fill(root / "locales", locales or {})
    (root / "overrides").symlink_to(REPO / "overrides")
    return root


def url_of(src_uri: str, lang: str) -> str:
    stem = src_uri.removesuffix(f".{lang}.md").removesuffix(".md")
    url = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return (f"{lang}/" if lang != "en" else "") + url


class PageLinks(markdown.treeprocessors.Treeprocessor):
    """What MkDocs does to a Markdown link to a page ('x.md#a' on the page 'y/' becomes '../x/#a');
    links in raw HTML stay as written, as in a build."""

    def __init__(self, md, page_url: str):
        super().__init__(md)
        self.up = "../" * page_url.count("/")

    def run(self, root):
        for link in root.iter("a"):
            page, hash_, anchor = link.get("href", "").partition("#")
            if page.endswith(".md") and ":" not in page:
                target = posixpath.normpath(page).removesuffix(".md").removesuffix("index")
                link.set("href", self.up + (target.rstrip("/") + "/" if target else "") + hash_ + anchor)


def run(root: Path, pages: dict[str, str], lang: str = "en", hashes: bool = True) -> GuideBuild:
    """Every page of one language through the core, as a build would: read, expand, render, check."""
    pages = with_translation_hashes(pages) if hashes else pages
    _fill(root / "docs", pages)
    build = GuideBuild(root, lang, "en", ["en", "de"], "http://127.0.0.1:8000/")
    own = [name for name in pages if (name.endswith(f".{lang}.md") if lang != "en" else name.count(".") == 1)]
    docs = [DocPage(name, url_of(name, lang), root / "docs" / name) for name in own]
    build.add_pages(docs)
    for doc in docs:
        expanded = build.expand(doc.src_uri, get_data(build.source_for_mkdocs(doc.src_uri))[0])  # what MkDocs reads of it
        md = markdown.Markdown(extensions=[e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS])
        md.treeprocessors.register(PageLinks(md, doc.url), "page_links", 0)
        html = md.convert(expanded)
        html = build.finish_content(doc.src_uri, html)
        build.finish_page(doc.src_uri, f"<html><head></head><body><article>{html}</article></body></html>")
    return build


def problems(build: GuideBuild) -> list[str]:
    return [str(p) for p in sorted(set(build.problems))]
