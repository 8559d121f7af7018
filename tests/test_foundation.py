"""Issue 2: the bilingual foundation, checked on real strict builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import build_once
from fixture_site import small_site_build
from sitebuild import REPO, build

PAGES = [p.relative_to(REPO / "docs") for p in (REPO / "docs").rglob("*.md") if not p.name.endswith(".de.md")]


def _html_path(page: Path, lang: str) -> str:
    stem = page.with_suffix("")
    rel = "" if stem.name == "index" else f"{stem.as_posix()}/"
    if stem.name == "index" and stem.parent != Path("."):
        rel = f"{stem.parent.as_posix()}/"
    return ("de/" if lang == "de" else "") + rel + "index.html"


def test_every_page_exists_in_both_languages_with_lang_attribute(real_site):
    for page in PAGES:
        assert '<html lang="en"' in real_site.read(_html_path(page, "en")), page
        assert '<html lang="de"' in real_site.read(_html_path(page, "de")), page


def test_german_pages_have_german_site_name_and_navigation(real_site):
    html = real_site.read("de/treatments/prp/index.html")
    assert "Haarausfall und Injektionsbehandlungen" in html
    assert "Haarausfall verstehen" in html and "Praktische Fragen" in html
    assert "Understanding hair loss" not in html


def test_hreflang_alternates_are_absolute_with_x_default_and_canonical(served_site):
    """Built for its SITE_URL (the default address is checked by the fallback-page build below)."""
    real_site, url = served_site
    html = real_site.read("de/treatments/prp/index.html")
    assert f'<link rel="canonical" href="{url}de/treatments/prp/">' in html
    assert f'<link rel="alternate" hreflang="en" href="{url}treatments/prp/">' in html
    assert f'<link rel="alternate" hreflang="de" href="{url}de/treatments/prp/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{url}treatments/prp/">' in html


def test_each_language_has_its_own_search_index(real_site):
    english = json.loads(real_site.read("pagefind/pagefind-entry.json"))
    german = json.loads(real_site.read("de/pagefind/pagefind-entry.json"))
    assert list(english["languages"]) == ["en"] and list(german["languages"]) == ["de"]
    assert not (real_site.site / "search").exists() and not (real_site.site / "de" / "search").exists()
    assert 'data-root="../../../de/"' in real_site.read("de/treatments/prp/index.html")


def test_german_pages_load_the_german_index(real_site):
    html = real_site.read("de/treatments/prp/index.html")
    assert 'data-root="../../../de/"' in html


def test_sitemap_lists_both_languages_with_alternates(served_site):
    real_site, url = served_site
    sitemap = real_site.read("sitemap.xml")
    assert f"<loc>{url}de/treatments/prp/</loc>" in sitemap
    assert f'hreflang="de" href="{url}de/treatments/prp/"' in sitemap


def test_404_page_in_each_language(real_site):
    assert '<html lang="en"' in real_site.read("404.html")
    german = real_site.read("de/404.html")
    assert '<html lang="de"' in german and 'data-root="/de/"' in german


RESOURCE = re.compile(r'<(?:script|img|link|iframe|source|audio|video)\b[^>]*?(?:src|href)="([^"]+)"')
CSS_URL = re.compile(r"url\(\s*['\"]?(https?:)?//", re.I)


def test_no_resource_from_another_host(served_site):
    real_site, url = served_site
    for html_file in real_site.site.rglob("*.html"):
        for target in RESOURCE.findall(html_file.read_text(encoding="utf-8")):
            assert not target.startswith(("http://", "https://", "//")) or target.startswith(url), (html_file, target)
    for css in real_site.site.rglob("*.css"):
        assert not CSS_URL.search(css.read_text(encoding="utf-8")), css
    assert "fonts.googleapis" not in real_site.read("index.html")


def test_sub_path_build_keeps_switcher_and_search_working(tmp_path):
    """A release build (public address, publisher filled in) under a sub-path."""
    from sitebuild import copy_repo
    project = copy_repo(tmp_path / "repo")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r'"\[[^\]]*\]"', '"Filled in"', config.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project, tmp_path / "site", env={"SITE_URL": "https://example.org/guide/"})
    assert result.returncode == 0, result.output
    html = result.read("de/treatments/prp/index.html")
    assert 'hreflang="en" href="https://example.org/guide/treatments/prp/"' in html
    assert '<link rel="canonical" href="https://example.org/guide/de/treatments/prp/">' in html
    switcher = re.findall(r'<a href="([^"]+)" hreflang="en"', html)
    assert switcher == ["../../../treatments/prp/"]
    german_404 = result.read("de/404.html")
    assert 'data-root="/guide/de/"' in german_404
    assert 'data-root="/guide/de/" lang="de" data-other-root="/guide/"' in german_404


def test_fallback_page_is_left_out_of_hreflang(tmp_path_factory):
    """A page without a German version (the fixture site; shared with test_translation_workflow.py)."""
    result = build_once(tmp_path_factory, "small-site", small_site_build)
    assert result.returncode == 0, result.output
    assert "WARNING -  docs/only-english.md:1: page has no de version (docs/only-english.de.md is missing); readers see the English text" in result.output
    html = result.read("de/only-english/index.html")
    assert 'hreflang="de"' not in re.sub(r'<a [^>]*>', "", html)
    assert 'hreflang="en" href="http://127.0.0.1:8000/only-english/"' in html


def test_only_the_theme_templates_are_used_not_copied_into_the_site(real_site):
    assert not (real_site.site / "partials").exists(), "a template partial was published as a static file"


def test_one_language_preview_builds_german_alone_at_the_root(tmp_path):
    """Issue 10: BUILD_ONLY_LOCALE=de builds only the German pages, at the site root, as the full
    build shows them: the German files and the German catalog (static-i18n makes German the default
    language here and hands over the English files as its pages; the guide reads the German ones)."""
    result = build(REPO, tmp_path / "site", env={"BUILD_ONLY_LOCALE": "de"})
    assert result.returncode == 0, result.output
    assert '<html lang="de"' in result.read("treatments/prp/index.html")
    assert "<title>PRP (plättchenreiches Plasma)" in result.read("treatments/prp/index.html")  # the German page, not prp.md
    assert 'id="sources">Quellen' in result.read("treatments/prp/index.html")
    assert "Published by" not in result.read("index.html") and "Herausgegeben von" in result.read("index.html")
    assert '<html lang="de"' in result.read("404.html") and 'data-root="/"' in result.read("404.html")
    assert json.loads(result.read("pagefind/pagefind-entry.json"))["languages"].keys() == {"de"}
    assert "data-other-root" not in result.read("treatments/prp/index.html")
    assert not (result.site / "de").exists()
    assert "Building 'en'" not in result.output
