"""Issue 10: what makes the hooks cheap must never hide a change or a problem.

Compiled templates and checked inputs are kept in `.cache/` between builds; relative links
are resolved without urljoin. Each shortcut is checked against the slow, obvious way.
"""

from __future__ import annotations

import itertools
import pickle
import re
from urllib.parse import urljoin

import pytest
from jinja2 import DictLoader, Environment

from fixture_site import build_fixture, fixture_files
from hairguide.checkedcache import cached_load
from hairguide.checks import _relative_link
from hairguide.problems import Problem, ProblemsFound
from hairguide.templatecache import LayeredBytecodeCache
from sitebuild import build, md

PAGES = ["", "treatments/prp/", "de/treatments/prp/", "a/b/c/", "404.html", "treatments/index.html"]
HREFS = ["../", "../x/", "x/", "./", ".", "..", "../../", "../../../../", "x", "x/#a", "../glossary/#term",
         "sub/index.html", "../index.html#s", "./y/?q=1#z", "a/../b/", "a/./b", "x/..", "?q=1", "../img.png"]


@pytest.mark.parametrize("site_url", ["http://127.0.0.1:8000/", "https://example.org/guide/"])
def test_relative_links_resolve_exactly_as_urljoin_does(site_url):
    for page_url, href in itertools.product(PAGES, HREFS):
        absolute = urljoin(site_url + page_url, href)
        expected = None
        if absolute.startswith(site_url):
            path, _, fragment = absolute[len(site_url):].partition("#")
            path = path.split("?")[0]
            expected = (path[: -len("index.html")] if path.endswith("index.html") else path, fragment)
        assert _relative_link(href, page_url, site_url) == expected, (page_url, href)


class _Loader:
    """A loader that counts its calls and can be told to fail."""

    def __init__(self, path):
        self.path, self.calls, self.fail = path, 0, False

    def __call__(self):
        self.calls += 1
        if self.fail:
            raise ProblemsFound([Problem("data/x.yml", 3, "broken")])
        return {"text": self.path.read_text(encoding="utf-8")}


def test_checked_inputs_are_reused_only_while_their_bytes_are_unchanged(tmp_path):
    source = tmp_path / "x.yml"
    source.write_text("a: 1\n", encoding="utf-8")
    load = _Loader(source)
    cache = tmp_path / ".cache"
    assert cached_load(cache, "x", [source], load) == {"text": "a: 1\n"}
    assert cached_load(cache, "x", [source], load) == {"text": "a: 1\n"}
    assert load.calls == 1
    # Same size, same second: only the bytes differ.
    source.write_text("a: 2\n", encoding="utf-8")
    assert cached_load(cache, "x", [source], load) == {"text": "a: 2\n"}
    assert load.calls == 2


def test_problems_are_never_cached_and_a_damaged_cache_is_ignored(tmp_path):
    source = tmp_path / "x.yml"
    source.write_text("a: [\n", encoding="utf-8")
    load = _Loader(source)
    load.fail = True
    cache = tmp_path / ".cache"
    for _ in range(2):
        with pytest.raises(ProblemsFound):
            cached_load(cache, "x", [source], load)
    assert load.calls == 2
    load.fail = False
    cached_load(cache, "x", [source], load)
    for stored in (cache / "checked").glob("x-*.pickle"):
        stored.write_bytes(b"not a pickle")
    assert cached_load(cache, "x", [source], load) == {"text": "a: [\n"}
    assert load.calls == 4
    assert pickle.loads(next((cache / "checked").glob("x-*.pickle")).read_bytes()) == {"text": "a: [\n"}


class _CountingEnvironment(Environment):
    compiled = 0

    def compile(self, *args, **kwargs):
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


def test_compiled_templates_survive_between_runs_and_changes_recompile(tmp_path):
    def render(template_text: str) -> str:
        cache = LayeredBytecodeCache("test")  # a new process starts with an empty memory layer
        cache.use_directory(tmp_path)
        env = _CountingEnvironment(loader=DictLoader({"t.html": template_text}), bytecode_cache=cache, autoescape=True)
        return env.get_template("t.html").render(name="<b>")

    assert render("Hello {{ name }}") == "Hello &lt;b&gt;"
    assert _CountingEnvironment.compiled == 1
    assert render("Hello {{ name }}") == "Hello &lt;b&gt;"
    assert _CountingEnvironment.compiled == 1, "the second run compiled again instead of loading from disk"
    assert render("Bye {{ name }}") == "Bye &lt;b&gt;"
    assert _CountingEnvironment.compiled == 2


def test_a_cached_good_build_does_not_hide_a_later_broken_data_file(tmp_path):
    pages = {"page.md": md("Page", "Text [@smith2020]."), "page.de.md": md("Seite", "Text [@smith2020].")}
    first = build_fixture(tmp_path, pages)
    assert first.returncode == 0, first.output
    project = tmp_path / "project"
    assert list((project / ".cache" / "checked").glob("data-*.pickle")), "the good build stored its checked data"
    references = project / "data" / "references.yml"
    references.write_text(references.read_text(encoding="utf-8").replace("smith2020:", "smith2020x:", 1), encoding="utf-8")
    broken = build(project, tmp_path / "site2")
    assert broken.returncode != 0
    assert "ERROR   -  data/treatments.yml:9: prp.protocols.0.source: unknown citation key 'smith2020'" in broken.output
    catalog = project / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    references.write_text(fixture_files("data")["references.yml"], encoding="utf-8")
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Quellen"', "msgstr Quellen", 1), encoding="utf-8")
    broken_catalog = build(project, tmp_path / "site3")
    assert broken_catalog.returncode != 0
    assert "locales/de/LC_MESSAGES/messages.po:" in broken_catalog.output and "invalid PO syntax" in broken_catalog.output


def test_tables_and_source_lists_reused_across_pages_keep_each_pages_numbering(tmp_path):
    """Identical tables and source lists are rendered once per language build; a table that
    cites sources is numbered afresh on every page, after the page's own citations."""
    table = "<!-- table: protocols cols=source,sessions -->"
    pages = {"a.md": md("A", f"See [@doe2019].\n\n{table}\n\n<!-- table: main cols=evidence -->\n"),
             "b.md": md("B", f"{table}\n\n<!-- table: main cols=evidence -->\n\nSee [@doe2019].\n")}
    pages.update({"a.de.md": pages["a.md"], "b.de.md": pages["b.md"]})
    result = build_fixture(tmp_path, pages)
    assert result.returncode == 0, result.output
    a, b = result.read("a/index.html"), result.read("b/index.html")
    # a: doe2019 is [1], so the table's smith2020 is [2]; b: the table comes first, smith2020 is [1].
    assert _numbers(a) == [("doe2019", "1"), ("smith2020", "2")]
    assert _numbers(b) == [("smith2020", "1"), ("doe2019", "2")]
    main_a, main_b = (html[html.index('id="table-main"'): html.index("</table>", html.index('id="table-main"'))] for html in (a, b))
    assert main_a == main_b
    assert 'id="ref-doe2019"' in a and 'id="ref-smith2020"' in b


def _numbers(html: str) -> list[tuple[str, str]]:
    """(reference key, shown number) of every citation mark, in page order."""
    return re.findall(r'<a href="#ref-([\w-]+)"[^>]*>(\d+)</a>', html)


def test_collection_pause_restores_the_collectors_state():
    import gc

    from hairguide.gcpause import collection_paused

    assert gc.isenabled()
    with pytest.raises(ValueError), collection_paused():
        assert not gc.isenabled()
        raise ValueError  # an error inside the block still re-enables collection
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # a collector switched off by someone else stays off
    finally:
        gc.enable()
