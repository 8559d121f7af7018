"""Issue 6: catalogs, page freshness, banners, status, and the translator commands."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

from babel.messages.pofile import read_po

import pytest

from conftest import build_once
from core import problems, project, run
from fixture_site import BASE_PAGES, fixture_files, small_site_build, outdated_translation_build, with_translation_hashes
from hairguide.catalog import Translator, catalog_counts, extract_and_update, load_catalog
from hairguide.pages import heading_ids, read_page, recorded_hash, source_hash
from sitebuild import REPO, build, copy_repo, make_project, md


def _cli(root, *args):
    return subprocess.run([sys.executable, "-m", "hairguide.cli", *args], cwd=root, capture_output=True, text=True)


def _docs(tmp_path, pages):
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def outdated_site(tmp_path_factory):
    return build_once(tmp_path_factory, "outdated-translation", outdated_translation_build)


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    return build_once(tmp_path_factory, "small-site", small_site_build)


def test_outdated_page_warns_and_shows_german_banner(outdated_site):
    """A strict build still writes the site before it fails (MkDocs checks at the end)."""
    assert "WARNING -  docs/page.de.md:2: translation is outdated: docs/page.md changed since it was translated" in outdated_site.output
    html = outdated_site.read("de/page/index.html")
    assert "Übersetzung möglicherweise veraltet" in html
    assert '<a href="../../page/" hreflang="en" lang="en">Englische Seite lesen</a>' in html
    assert "Übersetzung möglicherweise veraltet" not in outdated_site.read("page/index.html")


def test_strict_build_fails_on_outdated_translation(outdated_site):
    assert outdated_site.returncode != 0 and "in strict mode" in outdated_site.output
    # The outdated translation is the only warning, said once (and there is no error): it failed the build.
    warnings = [line for line in outdated_site.output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert len(warnings) == 1 and "docs/page.de.md:2: translation is outdated" in warnings[0], warnings
    assert "Aborted with 1 warnings in strict mode" in outdated_site.output


def test_missing_german_page_falls_back_with_banner(fallback_site):
    assert fallback_site.returncode == 0, fallback_site.output
    html = fallback_site.read("de/only-english/index.html")
    assert "Noch nicht übersetzt" in html and "Only English." in html and '<html lang="de"' in html
    assert re.search(r'<div lang="en">\s*<p>Only English.</p>', html)  # the English original, marked as English
    assert 'title="Permanent link"' in html.split('<div lang="en">')[1]  # and what the guide adds to it is English too


def test_status_counts_strings_and_pages(tmp_path, capsys):
    shutil.copytree(REPO / "tests/fixtures/locales", tmp_path / "locales")
    po = tmp_path / "locales/de/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Low"', '#, fuzzy\nmsgid "Low"').replace('msgstr "Hoch"', 'msgstr ""')
                  + '\nmsgid "Brand new"\nmsgstr ""\n', encoding="utf-8")
    pages = with_translation_hashes({"a.md": md("A"), "a.de.md": md("A"), "b.md": md("B"), "b.de.md": md("B"), "c.md": md("C")})
    pages["b.md"] = md("B", "Changed.")
    _docs(tmp_path, pages)
    report = json.loads(_cli(tmp_path, "status", "--json").stdout)["de"]
    assert report["pages"] == {"current": 1, "outdated": 1, "missing": 1}
    assert report["strings"]["fuzzy"] == 1 and report["strings"]["untranslated"] == 1
    assert report["percent"] < 100
    assert report["page_files"]["outdated"] == ["docs/b.de.md"]
    assert _main(tmp_path, "status") == 0  # the same command in this process (the CLI's start is checked above)
    text = capsys.readouterr().out
    assert "pages:   1 current, 1 outdated, 1 missing" in text and "outdated: docs/b.de.md" in text


def test_a_changed_english_title_or_description_makes_the_translation_outdated():
    """The German title and description translate the English ones; the review dates do not count."""
    english = md("P", "Text.")
    recorded = source_hash(english)
    assert source_hash(english.replace("last_reviewed: 2026-11-22", "last_reviewed: 2026-12-01")) == recorded
    assert source_hash(english.replace('title: "P"', 'title: "Q"')) != recorded
    assert source_hash(english.replace('description: "A test page."', 'description: "Another."')) != recorded


def test_the_build_and_the_status_judge_every_kind_of_entry_alike(tmp_path):
    """One rule (catalog.entry_state) for what may be shown: a fuzzy entry, singular or plural,
    is shown in English and reported as fuzzy; an empty one, or a plural with an empty form,
    as untranslated; and the status counts the same."""
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Done"\nmsgstr "Fertig"\n\n#, fuzzy\nmsgid "Rough"\nmsgstr "Grob"\n\n'
                  'msgid "Empty"\nmsgstr ""\n\n#, fuzzy, python-format\nmsgid "Reviewed %(date)s by %(name)s"\nmsgstr "Geprüft am %(date)s"\n\nmsgid "Wrapped"\nmsgstr ""\n  "Umbro"\n  "chen"\n\n'
                  'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s Tag"\nmsgstr[1] "%(n)s Tage"\n\n'
                  '#, fuzzy\nmsgid "%(n)s week"\nmsgid_plural "%(n)s weeks"\nmsgstr[0] "%(n)s Woche"\nmsgstr[1] "%(n)s Wochen"\n\n'
                  'msgid "%(n)s month"\nmsgid_plural "%(n)s months"\nmsgstr[0] "%(n)s Monat"\nmsgstr[1] ""\n', encoding="utf-8")
    t = Translator("de", load_catalog(po, "messages.po", "de"), "messages.po")
    assert t.gettext("Wrapped") == "Umbrochen"  # continuation lines indented, as some editors write them
    shown = [t.gettext("Done"), t.gettext("Rough"), t.gettext("Empty"), t.ngettext("%(n)s day", "%(n)s days", 2),
             t.ngettext("%(n)s week", "%(n)s weeks", 2), t.ngettext("%(n)s month", "%(n)s months", 2)]
    assert shown == ["Fertig", "Rough", "Empty", "%(n)s Tage", "%(n)s weeks", "%(n)s months"]
    assert t.untranslated == {"Rough": "fuzzy", "Empty": "untranslated", "%(n)s week": "fuzzy", "%(n)s month": "untranslated"}
    assert catalog_counts(po, "de") == {"translated": 3, "fuzzy": 3, "untranslated": 2}  # a fuzzy entry with a placeholder left out loads


def test_mark_current_and_translation_diff(tmp_path, capsys):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    _docs(tmp_path, {"p.md": md("P", "First line.\n\nSecond line."), "p.de.md": md("P", "Erste Zeile.")})
    assert _main(tmp_path, "mark-current", "docs/p.de.md") == 0  # in this process (the command line's start: test_status_counts_strings_and_pages)
    assert "translation_of:" in capsys.readouterr().out
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run(git + ["add", "-A"], cwd=tmp_path, check=True)
    subprocess.run(git + ["commit", "-qm", "v1"], cwd=tmp_path, check=True)
    assert _main(tmp_path, "translation-diff", "docs/p.de.md") == 0
    assert capsys.readouterr().out == "docs/p.de.md: docs/p.md has not changed since it was translated.\n"
    (tmp_path / "docs/p.md").write_text(md("P", "First line.\n\nSecond line, changed."), encoding="utf-8")
    # translation-diff reads the committed English page with git (a real repository here).
    assert _main(tmp_path, "translation-diff", "docs/p.de.md") == 0
    diff = capsys.readouterr().out
    assert "-Second line." in diff and "+Second line, changed." in diff and diff.startswith("--- docs/p.md (translated, ")
    assert _main(tmp_path, "mark-current", "docs/p.de.md") == 0
    german = (tmp_path / "docs/p.de.md").read_text(encoding="utf-8")
    assert recorded_hash(german) == source_hash((tmp_path / "docs/p.md").read_text(encoding="utf-8"))
    assert german.count("translation_of:") == 1 and "Erste Zeile." in german


def test_extract_collects_templates_data_and_code_with_context(tmp_path):
    project = copy_repo(tmp_path / "repo")
    assert extract_and_update(project) == 0
    with open(project / "locales/messages.pot", "rb") as handle:
        template = read_po(handle)
    data_entry = template.get("Platelet-rich plasma (PRP)")
    assert data_entry and any(path == "data/treatments.yml" for path, _ in data_entry.locations)
    assert any("prp.name" in comment for comment in data_entry.auto_comments)
    assert template.get("Last reviewed:") and template.get("Strength of evidence")
    with open(project / "locales/de/LC_MESSAGES/messages.po", "rb") as handle:
        merged = read_po(handle)
    assert merged.get("Last reviewed:").string == "Zuletzt geprüft:"


def test_extract_leaves_a_broken_catalog_alone_and_reads_one_with_a_byte_order_mark(tmp_path, capsys):
    """Babel's update would rewrite `msgstr Quellen` as "uelle" and, after a byte-order mark, make
    the header a translation: extract refuses the first, naming the line, and handles the second."""
    project = copy_repo(tmp_path / "repo")
    po = project / "locales/de/LC_MESSAGES/messages.po"
    good = po.read_text(encoding="utf-8")
    broken = good.replace('msgstr "Quellen"', "msgstr Quellen", 1)
    po.write_text(broken, encoding="utf-8")
    assert _main(project, "extract") == 1
    err = capsys.readouterr().err
    line = broken.split("\n").index("msgstr Quellen") + 1
    assert f"locales/de/LC_MESSAGES/messages.po:{line}: invalid PO syntax" in err and "Nothing was extracted" in err
    assert po.read_text(encoding="utf-8") == broken
    po.write_bytes(b"\xef\xbb\xbf" + good.lstrip("\n").encode("utf-8"))
    assert _main(project, "extract") == 0
    catalog = load_catalog(po, "messages.po", "de")
    assert not any("Project-Id-Version" in str(m.string) for m in catalog if m.id)
    assert catalog.get("Sources").string == "Quellen"


def test_status_page_is_built_outside_the_navigation(real_site):
    html = real_site.read("de/translation-status/index.html")
    assert '<progress id="progress-de" max="100"' in html
    assert 'href="translation-status/"' not in real_site.read("index.html")


def _main(root, *args):
    from hairguide.cli import main
    return main(list(args), root)


def test_commands_refuse_paths_outside_docs_and_pages_that_are_not_translations(tmp_path, capsys):
    _docs(tmp_path, {"p.md": md("P"), "p.de.md": md("P"), "only.md": md("Only")})
    (tmp_path / "outside.de.md").write_text("x", encoding="utf-8")
    for args, message in ((("mark-current", "docs/nope.de.md"), "docs/nope.de.md: no such page"),
                          (("mark-current", "outside.de.md"), "outside.de.md: not a page under docs/"),
                          (("mark-current", "docs/../../etc/passwd"), "not a page under docs/"),
                          (("mark-current", "docs/p.md"), "not a translated page"),
                          (("translation-diff", "docs/only.de.md"), "docs/only.de.md: no such page")):
        assert _main(tmp_path, *args) == 2
        assert message in capsys.readouterr().err
    assert (tmp_path / "outside.de.md").read_text(encoding="utf-8") == "x"


def test_mark_current_keeps_a_byte_order_mark_and_crlf_line_ends(tmp_path):
    _docs(tmp_path, {"p.md": md("P", "Text.")})
    german = "\ufeff" + md("P", "Text.").replace("\n", "\r\n")
    (tmp_path / "docs/p.de.md").write_bytes(german.encode("utf-8"))
    assert _main(tmp_path, "mark-current", "docs/p.de.md") == 0
    raw = (tmp_path / "docs/p.de.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n") and raw.count(b"---") == 2 and b"\n" not in raw.replace(b"\r\n", b"")
    assert recorded_hash(raw.decode("utf-8")) == source_hash(md("P", "Text."))


def test_a_page_saved_with_windows_or_old_mac_line_ends_reads_like_any_other():
    """Translators' editors may save \r\n or \r; MkDocs reads such a page as if it had \n, and so
    does the guide (its front matter, its heading ids and its translation hash)."""
    text = md("P", "## Part {#part}\n\nText.").replace("---\n\n", "translation_of: 0123456789ab\n---\n\n", 1)
    expected = read_page(text.encode("utf-8"), "docs/p.de.md")
    assert expected[1]["title"] == "P" and not expected[2]
    for variant in (text.replace("\n", "\r\n"), "\ufeff" + text.replace("\n", "\r")):
        assert read_page(variant.encode("utf-8"), "docs/p.de.md") == expected
        assert heading_ids(expected[0]) == [("top", 9), ("part", 11)]
        assert recorded_hash(variant) == "0123456789ab"


def test_an_english_page_with_windows_line_ends_keeps_its_translation_current(tmp_path):
    """The German page is compared with the English page as MkDocs reads it (\n line ends):
    same heading ids, current, no warning."""
    english = md("P", "## Part {#part}\n\nText.").replace("\n", "\r\n")
    build = run(project(tmp_path), {"p.md": english, "p.de.md": md("P", "## Teil {#part}\n\nText.")}, lang="de")
    assert not problems(build) and not build.warnings
    assert build.pages["p.de.md"].translation == "current"


def test_status_reads_the_catalog_as_the_build_does_and_says_100_only_when_all_is_done(tmp_path, capsys):
    shutil.copytree(REPO / "tests/fixtures/locales", tmp_path / "locales")
    _docs(tmp_path, with_translation_hashes({"a.md": md("A"), "a.de.md": md("A")}))
    po = tmp_path / "locales/de/LC_MESSAGES/messages.po"
    assert json.loads(_cli(tmp_path, "status", "--json").stdout)["de"]["percent"] == 100
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Quellen"', "msgstr Quellen"), encoding="utf-8")
    assert _main(tmp_path, "status") == 0
    out = capsys.readouterr().out
    assert "the catalog locales/de/LC_MESSAGES/messages.po is invalid (locales/de/LC_MESSAGES/messages.po:" in out
    assert "invalid PO syntax" in out and "de: 0% done" in out


def test_a_navigation_section_without_a_german_title_or_a_page_is_named(tmp_path):
    """A section added to mkdocs.yml's nav without a nav_translations entry would show in English;
    a nav entry whose page is missing would vanish from the navigation without a word."""
    project = make_project(tmp_path / "project", with_translation_hashes({**BASE_PAGES, "care.md": md("Care"), "care.de.md": md("Pflege")}),
                           nav="- index.md\n- Hair care:\n    - care.md\n- treatments/gone.md\n- glossary.md",
                           data=fixture_files("data"), locales=fixture_files("locales"))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml:" in result.output and "the navigation title 'Hair care' has no de title" in result.output
    assert "mkdocs.yml:6: the navigation names treatments/gone.md, which is not a page in docs/" in result.output, result.output


def test_status_says_when_the_catalog_is_missing(tmp_path, capsys):
    _docs(tmp_path, {"a.md": md("A")})
    assert _main(tmp_path, "status", "--json") == 0
    report = json.loads(capsys.readouterr().out)["de"]
    assert report["catalog"] == "missing" and report["percent"] == 0
    assert _main(tmp_path, "status") == 0
    assert "the catalog locales/de/LC_MESSAGES/messages.po is missing" in capsys.readouterr().out


def test_build_refuses_options_it_does_not_take_and_leaves_site_alone(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good", encoding="utf-8")
    result = _cli(tmp_path, "build", "--clean-everything")
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr and "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good"
