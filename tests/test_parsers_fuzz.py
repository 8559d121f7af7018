"""Property-based tests of every parser in the core: random and mutated input gives results
or problems, never an exception, and finishes quickly (hypothesis' deadline)."""

from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixture_site import FIXTURES
from hairguide.catalog import load_catalog
from hairguide.inputs import load_yaml
from hairguide.links import check_html_links, relative_url
from hairguide.markup import PageSource, expand_page
from hairguide.pages import read_page
from hairguide.report import ProblemsFound
from hairguide.security import PageScan, check_page_content

FAST = settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
YAML_TEXT = (FIXTURES / "data" / "treatments.yml").read_text(encoding="utf-8")
PO_TEXT = (FIXTURES / "locales" / "de" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
PAGE_TEXT = "---\ntitle: Page\ndescription: A page.\nlast_reviewed: 2026-11-22\nnext_review: 2027-11-22\n---\n\n# Page {#top}\n\nText [@a] and [x](term:b).\n"
MARKUP_ALPHABET = st.sampled_from(list("[]()@;:-#{}<>!`~*_ \n\t\"'=/ab") + ["term:", "<!-- table: main -->", "<!-- glossary -->", "```"])


@st.composite
def mutated(draw, text: str):
    """`text` with a few characters replaced, inserted or deleted."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(st.characters(blacklist_categories=["Cs"]) | st.sampled_from(list(":-[]{}&*!|>'\"%@\n\t #")))
        if action == "insert" or not chars:
            chars.insert(at, char)
        elif action == "delete":
            chars.pop(min(at, len(chars) - 1))
        else:
            chars[min(at, len(chars) - 1)] = char
    return "".join(chars)


def _problems_or_result(call):
    try:
        return call()
    except ProblemsFound as found:
        assert all(p.line >= 1 for p in found.problems)
        return found


@FAST
@given(st.one_of(st.text(), mutated(YAML_TEXT)))
def test_yaml_loader_gives_data_or_problems(text):
    _problems_or_result(lambda: load_yaml(text, "data/x.yml"))


@FAST
@given(st.one_of(st.binary(max_size=400), mutated(PAGE_TEXT).map(lambda t: t.encode("utf-8"))))
def test_front_matter_reader_gives_meta_or_problems(raw):
    source, meta, problems = read_page(raw, "docs/x.md")
    assert isinstance(meta, dict) and all(p.line >= 1 for p in problems)


@FAST
@given(mutated(PO_TEXT))
def test_catalog_loader_gives_a_catalog_or_problems(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("po") / "messages.po"
    path.write_text(text, encoding="utf-8")
    _problems_or_result(lambda: load_catalog(path, "locales/de/LC_MESSAGES/messages.po", "de"))


class _Known:
    references = {"a": object()}
    glossary = {"b": object()}
    treatments = {"prp": object()}
    from hairguide.tables import TABLES as tables


class _Renderer:
    def citation(self, numbered): return f"<sup>{numbered}</sup>"
    def term(self, text, term_id): return f"[{text}](glossary.md#{term_id})"
    def table(self, request, citations): return "<table></table>"
    def generated_list(self, name): return ""
    def sources(self, keys): return "## Sources"


@FAST
@given(st.lists(MARKUP_ALPHABET, max_size=60).map("".join) | mutated("A [@a] b [c](term:b)\n\n<!-- table: main rows=prp -->\n"))
def test_markup_expansion_gives_text_and_problems(markdown):
    result = expand_page(PageSource("docs/x.md", markdown, 0), _Known(), _Renderer())
    assert isinstance(result.markdown, str) and all(p.line >= 1 for p in result.problems)


URL_PART = st.sampled_from(["", ".", "..", "a", "b", "index.html", "#x", "?q=1", "de", "http:", "//h", "%2e", " ", "[", "term:"])


@FAST
@given(st.lists(URL_PART, max_size=6).map("/".join), st.sampled_from(["", "a/", "a/b/", "de/a/"]))
def test_link_checks_and_resolution_never_fail(href, page_url):
    html = f'<article><a href="{href}">x</a><a id="x"></a></article>'
    ids = {url: ("docs/x.md", {"x"}) for url in ("", "a/", "a/b/", page_url)}
    problems = check_html_links(PageScan(html).links, "", "docs/x.md", page_url, "http://127.0.0.1:8000/", ids, {"de/a/"})
    assert all(p.line >= 1 for p in problems)
    assert isinstance(relative_url(page_url, "a/b/"), str)


@FAST
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abscriptonhref:javaimgsrc()url\n")), max_size=120))
def test_content_policy_checker_never_fails(html):
    assert all(p.line >= 1 for p in check_page_content(PageScan(html), html, "docs/x.md"))
