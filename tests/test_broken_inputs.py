"""Broken and hostile input: each case gives its exact `path:line: message` from the core,
never an exception (fast unit tests); a few real builds prove the wiring."""

from __future__ import annotations

import re

import pytest

from conftest import build_once
from core import problems, project, run
from fixture_site import build_fixture, fixture_files
from hairguide.build import GuideBuild
from hairguide.report import ProblemsFound
from sitebuild import md

DATA = fixture_files("data")
PO = "de/LC_MESSAGES/messages.po"
CATALOG = fixture_files("locales")[PO]
BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' \
       'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n' \
       'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n'


def data_with(name: str, old: str, new: str) -> dict[str, str]:
    assert old in DATA[name], old
    return {name: DATA[name].replace(old, new, 1)}


def test_a_first_line_that_looks_like_metadata_stays_on_the_page(tmp_path):
    """MkDocs reads 'Key: value' lines at the top of a text without front matter as metadata and
    drops them; what the guide gives MkDocs starts with a blank line, so such a line stays."""
    page = ("---\ntitle: P\ndescription: D.\nlast_reviewed: 2026-11-22\nnext_review: 2027-11-22\n---\n\n"
            "Wichtig: Das bleibt stehen.\n\n# P {#top}\n\nText.\n")
    build = run(project(tmp_path), {"p.md": page})
    assert not problems(build)
    assert "Wichtig: Das bleibt stehen." in build.search_pages[0].content


def setup_problems(tmp_path, data=None, locales=None) -> list[str]:
    """Problems with data and catalogs, found when a language build starts."""
    root = project(tmp_path / "p", data=data, locales=locales)
    with pytest.raises(ProblemsFound) as found:
        GuideBuild(root, "en", "en", ["en", "de"], "http://127.0.0.1:8000/")
    return [str(p) for p in found.value.problems]


# (id, data, locales, expected problem)
SETUP_CASES = [
    ("yaml-syntax", data_with("treatments.yml", 'injected: "Plasma"', 'injected: [Plasma'), None,
     "data/treatments.yml:6: YAML syntax error: expected ',' or ']', but got ':'"),
    ("yaml-tab", data_with("treatments.yml", "  injected:", "\tinjected:"), None,
     "data/treatments.yml:5: YAML syntax error: found character '\\t' that cannot start any token"),
    ("yaml-duplicate-key", data_with("treatments.yml", '  injected: "Plasma"', '  injected: "Plasma"\n  injected: "Blood"'), None,
     "data/treatments.yml:6: duplicate key 'prp.injected' (first defined on line 5)"),
    ("yaml-empty", {"glossary.yml": "# nothing here\n"}, None, "data/glossary.yml:1: the YAML is empty"),
    ("yaml-alias-bomb", {"treatments.yml": BOMB}, None,
     "data/treatments.yml:1: YAML anchors and aliases (&name, *name) are not allowed here; write the value out"),
    ("yaml-tag", data_with("treatments.yml", 'injected: "Plasma"', "injected: !!binary aGVsbG8="), None,
     "data/treatments.yml:5: YAML tags (tag:yaml.org,2002:binary) are not allowed here"),
    ("yaml-deep", {"glossary.yml": "a: " + "[" * 60 + "]" * 60 + "\n"}, None,
     "data/glossary.yml:1: the YAML is nested more than 40 levels deep"),
    ("bidi-in-data", data_with("treatments.yml", 'injected: "Plasma"', 'injected: "Pla\u202esma"'), None,
     "data/treatments.yml:5: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed; delete it"),
    ("not-utf8", {"references.yml": DATA["references.yml"].replace("Smith A", "Sm\udce9th A")}, None,
     "data/references.yml:3: the file is not valid UTF-8 (byte 0xe9)"),
    ("unknown-key", data_with("treatments.yml", "  pain:", "  painful: yes\n  pain:"), None,
     "data/treatments.yml:14: prp.painful: unknown key"),
    ("missing-field", data_with("treatments.yml", '  regulatory: "Approved"\n', ""), None,
     "data/treatments.yml:22: minoxidil.regulatory: Field required"),
    ("wrong-type", data_with("references.yml", "year: 2020", 'year: "2020"'), None,
     "data/references.yml:4: smith2020.year: Input should be a valid integer"),
    ("range-min-max", data_with("treatments.yml", "sessions: {min: 3, max: 4}", "sessions: {min: 5, max: 4}"), None,
     "data/treatments.yml:10: prp.protocols.0.sessions: min (5) is greater than max (4)"),
    ("unknown-citation-in-data", data_with("treatments.yml", "cite: [doe2019]", "cite: [nobody2000]"), None,
     "data/treatments.yml:32: minoxidil.cite.0: unknown citation key 'nobody2000'"),
    ("reference-not-locatable", data_with("references.yml", '  pmid: "123456"\n', ""), None,
     "data/references.yml:10: doe2019: a reference needs a doi, pmid or url"),
    ("duplicate-glossary-form", data_with("glossary.yml", "de: [Ödem]", "de: [Anagenphase]"), None,
     "data/glossary.yml:9: oedema: form 'Anagenphase' (de) is already used by term 'anagen'"),
    ("po-syntax", None, {PO: CATALOG.replace('msgstr "Quellen"', "msgstr Quellen")},
     "locales/de/LC_MESSAGES/messages.po:7: invalid PO syntax: expected a keyword and a \"quoted string\": msgstr Quellen"),
    ("po-duplicate", None, {PO: CATALOG + '\nmsgid "Sources"\nmsgstr "Belege"\n'},
     f"locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 2}: duplicate msgid \"Sources\" (first on line 6)"),
    ("po-bidi", None, {PO: CATALOG.replace('msgstr "Quellen"', 'msgstr "Quel\u2066len"')},
     "locales/de/LC_MESSAGES/messages.po:7: invisible character U+2066 (LEFT-TO-RIGHT ISOLATE) is not allowed; delete it"),
    ("po-placeholder", None, {PO: CATALOG + '\n#: overrides/x.html:1\n#, python-format\nmsgid "%(count)s sources"\nmsgstr "%(anzahl)s Quellen"\n'},
     f"locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 4}: msgid \"%(count)s sources\": unknown named placeholder 'anzahl'"),
    ("po-placeholder-broken", None, {PO: CATALOG + '\n#: overrides/x.html:1\n#, python-format\nmsgid "after %(months)s"\nmsgstr "nach %(months)."\n'},
     f"locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 4}: msgid \"after %(months)s\": the translation's placeholders "
     "cannot be filled (incomplete format); write a per cent sign as %%"),
    ("po-placeholder-left-out", None, {PO: CATALOG + '\n#: overrides/x.html:1\n#, python-format\nmsgid "after %(months)s"\nmsgstr "nach einigen Monaten"\n'},
     f"locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 4}: msgid \"after %(months)s\": the translation leaves out %(months)s"),
    ("po-singular-drops-two", None, {PO: CATALOG + '\n#: overrides/x.html:1\n#, python-format\nmsgid "%(n)s session, %(gap)s apart"\n'
                                   'msgid_plural "%(n)s sessions, %(gap)s apart"\nmsgstr[0] "Eine Sitzung mit %(n)s"\nmsgstr[1] "%(n)s Sitzungen, %(gap)s"\n'},
     f"locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 4}: msgid \"%(n)s session, %(gap)s apart\": the translation leaves out %(gap)s"),
    ("po-singular-without-placeholders", None, {PO: CATALOG + '\n#: overrides/x.html:1\n#, python-format\nmsgid "one session, %(gap)s"\n'
                                               'msgid_plural "%(n)s sessions, %(gap)s"\nmsgstr[0] "eine Sitzung"\nmsgstr[1] "%(n)s Sitzungen, %(gap)s"\n'},
     f"locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 4}: msgid \"one session, %(gap)s\": the translation leaves out %(gap)s"),
    ("po-huge-width", None, {PO: CATALOG + '\n#: overrides/x.html:1\n#, python-format\nmsgid "%(n)s days"\nmsgstr "%(n)2000000000s Tage"\n'},
     f"locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 4}: msgid \"%(n)s days\": the translation's placeholder has a width "
     "of 1,000 or more characters"),
    ("yaml-colon-in-text", data_with("treatments.yml", 'injected: "Plasma"', "injected: Plasma: spun"), None,
     "data/treatments.yml:5: YAML syntax error: mapping values are not allowed here (text that contains ': ' must be in quotes: "
     "title: \"PRP: what it is\")"),
    ("doi-form", data_with("references.yml", 'doi: "10.1000/test.1"', 'doi: "doi.org/10.1000/test.1"'), None,
     "data/references.yml:9: smith2020.doi: 'doi.org/10.1000/test.1' is not a DOI such as 10.1111/jocd.12345"),
    ("range-as-number", data_with("treatments.yml", "sessions: {min: 3, max: 4}", "sessions: 3"), None,
     "data/treatments.yml:10: prp.protocols.0.sessions: write a range as {min: 4, max: 6} (one number: {min: 5, max: 5})"),
    ("colon-in-list-text", data_with("treatments.yml", 'side_effects_common: ["Redness"]', "side_effects_common:\n    - Redness: brief"), None,
     "data/treatments.yml:17: prp.side_effects_common.0: expected text, but YAML read 'key: value': put text that contains ': ' in quotes"),
    ("po-missing", None, None, "locales/de/LC_MESSAGES/messages.po:1: the file is missing"),
    ("glossary-term-without-german", None, {PO: CATALOG.replace('msgstr "Ein Spurenelement."', 'msgstr ""')},
     "data/glossary.yml:14: glossary term 'ssri' has no de text for short in locales/de/LC_MESSAGES/messages.po"),
]


@pytest.mark.parametrize("case", SETUP_CASES, ids=[c[0] for c in SETUP_CASES])
def test_broken_data_or_catalog_gives_its_line(case, tmp_path):
    name, data, locales, expected = case
    if name == "po-missing":
        (project(tmp_path / "p") / "locales" / PO).unlink()
        with pytest.raises(ProblemsFound) as found:
            GuideBuild(tmp_path / "p", "en", "en", ["en", "de"], "http://127.0.0.1:8000/")
        assert expected in [str(p) for p in found.value.problems]
        return
    assert expected in setup_problems(tmp_path, data, locales)


def page(body: str, de_body: str | None = None) -> dict[str, str]:
    return {"page.md": md("Page", body), "page.de.md": md("Seite", de_body if de_body is not None else body)}


# (id, pages, language, expected problem)
PAGE_CASES = [
    ("unknown-citation", page("Claim [@nobody2000]."), "en", "docs/page.md:10: unknown citation key 'nobody2000'"),
    ("citation-with-words", page("Growth [see @doe2019; also @smith2020]."), "en", "docs/page.md:10: '@doe2019' names a source "
     "outside a citation mark (readers would see it as written): a mark holds only sources, in square brackets: 'see [@doe2019]'"),
    ("citation-without-its-at", page("Growth [@doe2019; smith2020]."), "en", "docs/page.md:10: '[@doe2019; smith2020]' is not a "
     "citation mark (readers would see it as written): every source in it needs its @, separated by semicolons: [@a; @b]"),
    ("unknown-term", page("A [word](term:nonsense)."), "en", "docs/page.md:10: unknown glossary term 'nonsense' in [word](term:nonsense)"),
    ("unknown-table", page("<!-- table: nonsense -->"), "en", "docs/page.md:10: unknown table 'nonsense' (known: main, protocols, safety)"),
    ("unknown-figure", page("<!-- figure: pie -->"), "en", "docs/page.md:10: unknown figure 'pie' (known: evidence, timeline)"),
    ("figure-without-name", page("<!-- figure: -->"), "en", "docs/page.md:10: unknown figure '' (known: evidence, timeline)"),
    ("unknown-table-row", page("<!-- table: main rows=prp,unicorn -->"), "en", "docs/page.md:10: table 'main': unknown row 'unicorn'"),
    ("unknown-table-column", page("<!-- table: main cols=price -->"), "en",
     "docs/page.md:10: table 'main': unknown column 'price' (known: summary, injected, mechanism, indications, evidence, "
     "evidence-note, onset, regulatory, session-length, pain, downtime, common, rare, contraindications)"),
    ("missing-description", {"page.md": md("Page").replace('description: "A test page."\n', "")}, "en",
     "docs/page.md:1: front matter is missing 'description'"),
    ("invalid-date", {"page.md": md("Page").replace("last_reviewed: 2026-11-22", "last_reviewed: 2026-13-45")}, "en",
     "docs/page.md:4: 'last_reviewed' must be a date written YYYY-MM-DD, not '2026-13-45'"),
    ("date-as-word", {"page.md": md("Page").replace("last_reviewed: 2026-11-22", "last_reviewed: tomorrow")}, "en",
     "docs/page.md:4: 'last_reviewed' must be a date written YYYY-MM-DD, not 'tomorrow'"),
    ("title-as-list", {"page.md": md("Page").replace('title: "Page"', "title: [a, b]")}, "en",
     "docs/page.md:2: 'title' input should be a valid string"),
    ("review-order", {"page.md": md("Page").replace("next_review: 2027-11-22", "next_review: 2025-01-01")}, "en",
     "docs/page.md:5: 'next_review' is before 'last_reviewed'"),
    ("front-matter-alias-bomb", {"page.md": "---\n" + BOMB + "---\n\n# Page {#top}\n"}, "en",
     "docs/page.md:2: YAML anchors and aliases (&name, *name) are not allowed here; write the value out"),
    ("page-not-utf8", {"page.md": md("Page"), "page.de.md": md("Seite", "Gr\udcfc\udcdfe")}, "de",
     "docs/page.de.md:11: the file is not valid UTF-8 (byte 0xfc)"),
    ("page-bidi", page("Fine \u202etext."), "en", "docs/page.md:10: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed; delete it"),
    ("german-heading-id", page("## Part {#part}", "## Teil {#teil}"), "de",
     "docs/page.de.md:11: heading id 'teil' differs from the English page's 'part' (docs/page.md:10)"),
    ("german-marker", page("<!-- Tabelle: main -->"), "en",
     "docs/page.md:10: '<!-- Tabelle' is not a marker the guide can read (it would show nothing): a marker starts its line, unindented, as <!-- table: … --> (AUTHORING.md)"),
    ("mistyped-marker", page("<!-- tabel: main -->"), "en",
     "docs/page.md:10: '<!-- tabel' is not a marker the guide can read (it would show nothing): a marker starts its line, unindented, as <!-- table: … --> (AUTHORING.md)"),
    ("indented-marker", page("!!! note \"Note\"\n\n    <!-- figure: evidence -->"), "en",
     "docs/page.md:12: '<!-- figure' is not a marker the guide can read (it would show nothing): a marker starts its line, unindented, as <!-- figure: … --> (AUTHORING.md)"),
    ("two-figures-in-one-marker", page("<!-- figure: evidence timeline -->"), "en",
     "docs/page.md:10: '<!-- figure' is not a marker the guide can read (it would show nothing): a marker starts its line, unindented, as <!-- figure: … --> (AUTHORING.md)"),
    ("heading-without-id", page("## Part"), "en",
     "docs/page.md:10: this heading has no id: end it with {#an-id}, the same in both languages (AUTHORING.md)"),
    ("heading-without-space-or-id", page("##Part"), "en",
     "docs/page.md:10: this heading has no id: end it with {#an-id}, the same in both languages (AUTHORING.md)"),
    ("underlined-heading", page("Part\n----"), "en",
     "docs/page.md:10: this underlined heading has no place in the guide: write it as '## Title {#an-id}' (AUTHORING.md)"),
    ("term-in-raw-html", page("<details><summary>More</summary>\n<p>About [growth](term:anagen).</p>\n</details>"), "en",
     "docs/page.md:11: the glossary mark for 'anagen' is inside an HTML block, where Markdown is not read: readers would see it "
     "as text; write the sentence outside the HTML, or add markdown=\"1\" to the HTML element"),
    ("duplicate-heading-id", page("## A {#a}\n\n## B {#a}"), "en", "docs/page.md:10: id 'a' is used twice on this page "
     "(links and screen readers find only the first)"),
    ("german-page-drops-a-source", page("A [@doe2019].\n\nB [@smith2020].", "A [@doe2019].\n\nB."), "de",
     "docs/page.de.md:1: the English page cites 'smith2020' (docs/page.md:12); this translation does not"),
    ("german-page-drops-a-table", page("<!-- table: main -->\n\n<!-- figure: evidence -->", "<!--figure: evidence  -->"), "de",
     "docs/page.de.md:11: the tables, figures and lists differ from the English page's (docs/page.md): "
     "<!-- table: main -->, <!-- figure: evidence -->"),
    ("german-heading-id-left-out", page("## Part {#part}\n\n## End {#end}", "## Teil\n\n## Ende {#end}"), "de",
     "docs/page.de.md:13: heading id 'part' of the English page (docs/page.md:10) is missing before this heading"),
    ("german-heading-id-moved", page("## A {#a}\n\n## B {#b}", "## B {#b}\n\n## A {#a}"), "de",
     "docs/page.de.md:13: heading id 'a' is in another place on the English page (docs/page.md:10)"),
    ("german-heading-id-twice", page("## A {#a}", "## A {#a}\n\n## A {#a}"), "de", "docs/page.de.md:13: heading id 'a' is used twice on this page"),
    ("german-heading-id-added", page("## Part {#part}", "## Teil {#part}\n\n## Extra {#extra}"), "de",
     "docs/page.de.md:13: heading id 'extra' is not on the English page docs/page.md"),
    ("empty-table", page("<!-- table: protocols rows=minoxidil -->"), "en",
     "docs/page.md:10: table 'protocols': no source in data/treatments.yml gives data for minoxidil: the table would be empty"),
    ("term-in-raw-html-named-where-it-is", page("A [Growth](term:anagen).\n\n<div>\n<p>More on [the phase](term:anagen).</p>\n</div>"), "en",
     "docs/page.md:13: the glossary mark for 'anagen' is inside an HTML block, where Markdown is not read: readers would see it "
     "as text; write the sentence outside the HTML, or add markdown=\"1\" to the HTML element"),
    ("same-broken-link-twice", page('<a href="../gone/">x</a>\n\nText.\n\n<a href="../gone/">y</a>'), "en",
     "docs/page.md:14: link '../gone/' points to a page that does not exist"),
    ("raw-html-link-to-md", page('<p><a href="other.md">x</a></p>'), "en", "docs/page.md:10: link 'other.md' points to a page file "
     "that is not in the site: in Markdown, link to an existing page's .md file ([text](page.md)); in HTML, to its address (../page/)"),
    ("glossary-mark-with-a-space", page("A [growth](term: anagen)."), "en",
     "docs/page.md:10: 'term: anagen': a glossary mark is written [text](term:id), without spaces"),
    ("unknown-link-scheme", page("A [growth](tem:anagen)."), "en",
     "docs/page.md:10: 'tem:anagen': a link starts tem:, which browsers do not open (links to other sites start https://)"),
    ("unclosed-div", page('Text.\n\n<div class="note">\n<details><summary>More</summary>\n</details>\nStand: 2026.'), "en",
     "docs/page.md:12: <div> is never closed: write </div> where it ends, or the rest of the page is read as HTML, not Markdown"),
    ("stray-closing-tag", page("Text.\n\n</div>"), "en", "docs/page.md:12: </div> closes no <div>"),
    ("box-title-without-quotes", page("!!! summary Kurz gefasst\n\n    - Punkt."), "en", 'docs/page.md:10: a box is written !!! type '
     '"Title", its title in quotes (AUTHORING.md); without them readers see the type\'s English name'),
    ("box-with-two-marks", page('!! summary "Kurz"\n\n    - Punkt.'), "en", 'docs/page.md:10: a box is written !!! type '
     '"Title", its title in quotes (AUTHORING.md); without them readers see the type\'s English name'),
    ("empty-box", page('!!! summary "In brief"\n\n  - Point.'), "en",
     "docs/page.md:10: this box has no text: indent its text by four spaces below this line"),
    ("heading-without-id-in-a-box", page('!!! note "N"\n\n    ## Sub'), "en",
     "docs/page.md:12: this heading has no id: end it with {#an-id}, the same in both languages (AUTHORING.md)"),
    ("unclosed-list", page("<ul>\n<li>x</li>\n\n## After {#after}"), "en",
     "docs/page.md:10: <ul> is never closed: write </ul> where it ends, or the rest of the page is read as HTML, not Markdown"),
    ("source-in-round-brackets", page("Growth (@doe2019)."), "en", "docs/page.md:10: '@doe2019' names a source "
     "outside a citation mark (readers would see it as written): a mark holds only sources, in square brackets: 'see [@doe2019]'"),
    ("raw-html-missing-page", page('<a href="../nowhere/">x</a>'), "en", "docs/page.md:10: link '../nowhere/' points to a page that does not exist"),
    ("raw-html-missing-anchor", page('<a href="#nowhere">x</a>'), "en",
     "docs/page.md:10: link '#nowhere' points to an anchor '#nowhere' that is not on the page"),
    ("raw-html-anchor-on-another-page", {**page('<a href="../other/#nowhere">x</a>'), "other.md": md("Other", "## Part {#part}")},
     "en", "docs/page.md:10: link '../other/#nowhere' points to an anchor '#nowhere' that is not on docs/other.md"),
    ("language-leak", page("Fine.", '<a href="../../page/">englisch</a>'), "de",
     "docs/page.de.md:11: link '../../page/' leaves the page's language; link to the .md file instead"),
    ("markdown-javascript-link", page("[x](javascript:alert(1))"), "en",
     "docs/page.md:10: javascript: URLs are not allowed (href=\"javascript:alert(1)\")"),
    ("raw-script", page("<script>alert(1)</script>"), "en", "docs/page.md:10: <script> is not allowed in a page"),
    ("html-javascript-link", page('<a href=" JaVa&#x09;script:alert(1)">x</a>'), "en",
     "docs/page.md:1: javascript: URLs are not allowed (href=\" JaVa\tscript:alert(1)\")"),
    ("data-link", page("[x](data:text/html,hi)"), "en", "docs/page.md:10: data: URLs are not allowed (href=\"data:text/html,hi\")"),
    ("event-handler", page('<p onclick="alert(1)">x</p>'), "en", "docs/page.md:10: event handler attribute 'onclick' is not allowed in a page"),
    ("foreign-image", page('<img src="https://evil.example/x.png" alt="">'), "en",
     "docs/page.md:10: <img src> loads a resource from another host (https://evil.example/x.png); keep files in docs/"),
    ("foreign-iframe", page('<iframe src="https://evil.example/"></iframe>'), "en", "docs/page.md:10: <iframe> is not allowed in a page"),
    ("css-url", page('<p style="background: url(//evil.example/x.png)">x</p>'), "en",
     "docs/page.md:10: CSS loads a resource from another host or scheme (//evil.example/x.png)"),
    ("svg-script", page('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'), "en",
     "docs/page.md:10: javascript: URLs are not allowed (xlink:href=\"javascript:alert(1)\")"),
]


@pytest.mark.parametrize("case", PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_broken_page_gives_its_line(case, tmp_path):
    _name, pages, lang, expected = case
    found = problems(run(project(tmp_path / "p"), pages, lang=lang))
    assert expected in found, found


def test_a_translation_without_its_english_page_is_named(tmp_path):
    """A renamed or misspelt German file: MkDocs only says it is not in the navigation."""
    build = run(project(tmp_path / "p"), {"page.md": md("Page"), "page.de.md": md("Seite"), "other.de.md": md("Andere")}, lang="de")
    assert [str(w) for w in build.warnings] == [
        "docs/other.de.md:1: there is no English page docs/other.md for this translation (rename it to match its English page, or add that page)"]


def test_ordinary_content_does_not_trip_the_new_checks(tmp_path):
    """Legitimate pages the checks for markers, headings, code, glossary marks and ids must leave alone."""
    english = md("Page", """
        <!-- Table of contents follows; Figure 2 shows more -->

        <!--
        ## An old section, commented out
        -->

        Type `` `[@x]` `` or `[@nobody2000;
        @other]` in code, and `[x](../glossary.md#anagen)`.

        ## Closed heading {#closed} ##

        Growth [@doe2019].

        <!-- figure: evidence -->

        <!-- figure: evidence -->

        <!-- bibliography -->""").replace("---\n", "---\n# reviewed by Dr. X\n", 1).replace("# reviewed", "# reviewed", 1)
    english = english.replace('title: "Page"', 'title: "Page"\n# reviewed by Dr. X', 1)
    build = run(project(tmp_path / "p"), {"page.md": english})
    assert problems(build) == []
    html = build.search_pages[0].content
    assert 'id="figure-evidence"' in html and 'id="figure-evidence-n2"' in html and 'id="sources"' not in html


def test_a_link_is_named_at_its_own_line():
    from hairguide.links import link_line

    source = ("## Risks {#risks}\n\nSee [below](#risks).\n\nSee [other](other.md#risks).\nSee [a](sub/prp.md) ok.\n"
              "See [b](prp.md) missing.\nA [growth](term:anagen).\nC#shared [x](sub/b.md#shared) [y](b.md#shared)\n<a href=\"#risks\">")
    assert [link_line(source, "#risks"), link_line(source, "#risks", 1), link_line(source, "../other/#risks"), link_line(source, "prp.md"),
            link_line(source, "../glossary/#anagen"), link_line(source, "../../b/#shared"), link_line(source, "../gone/")] == [3, 10, 5, 7, 8, 9, 1]
    both = '<a href="../../compare/#nope">\n\n[bad](../compare.md#nope)\n\n[x][r]\n\n[r]: ../compare.md#gone\n'
    assert [link_line(both, "../../compare/#nope"), link_line(both, "../../compare/#nope", 1), link_line(both, "../../compare/#gone")] == [1, 3, 7]


def test_a_nav_page_named_twice_is_named_at_both_lines(tmp_path):
    from hairguide.build import missing_nav_pages

    (tmp_path / "index.md").write_text("x", encoding="utf-8")
    config = "nav:\n  - index.md\n  - gone.md\n  - Ext: https://example.org/x.md\n  - More:\n      - gone.md\n"
    nav = ["index.md", "gone.md", {"Ext": "https://example.org/x.md"}, {"More": ["gone.md"]}]
    assert [str(p) for p in missing_nav_pages(nav, tmp_path, config)] == [
        "mkdocs.yml:3: the navigation names gone.md, which is not a page in docs/",
        "mkdocs.yml:6: the navigation names gone.md, which is not a page in docs/"]


def test_an_id_used_twice_on_a_page_is_not_blamed_on_the_theme(tmp_path):
    assert problems(run(project(tmp_path / "p"), {"page.md": md("Page", "## A {#a}\n\n## B {#a}")})) == [
        "docs/page.md:10: id 'a' is used twice on this page (links and screen readers find only the first)"]


def test_hostile_input_gives_problems_not_tracebacks_or_hangs(tmp_path):
    """What a crash hunt found: each returns problems (or text), no traceback."""
    from babel.messages.catalog import Catalog

    from hairguide.build import missing_nav_pages, responsibility_problems
    from hairguide.catalog import Translator
    from hairguide.links import link_line
    from hairguide.markup import MARKUP
    from hairguide.pages import structure_problems

    config = "extra:\n  responsible:\n    authors:\n      - - ''\n"
    assert "extra.responsible.authors.0.0 is empty" in str(responsibility_problems({"responsible": {"authors": [[""]]}}, config))
    assert "is not a page in docs/" in str(missing_nav_pages(["a" * 300 + ".md"], tmp_path, ""))
    catalog = Catalog(locale="de")
    catalog.add(("%(n)s day", "%(n)s days"), ("%(n)s Tag",))  # a language with one plural form
    assert Translator("de", catalog).ngettext("%(n)s day", "%(n)s days", 5) == "%(n)s Tag"
    # Lines on which the patterns took from 10 s to minutes (quadratic or worse); no time is asserted
    # here (times belong in BENCHMARKS.md), but a slow pattern would make this test take that long.
    for text in ("<!-- table:" + " " * 20000, "<!-- figure:" + " " * 20000, "# " + "{#a " * 3000):
        structure_problems(text, "x.md"), list(MARKUP.finditer(text))  # (a traceback fails the test)
    assert link_line("(" * 20000, "a/#x") == 1


def test_what_looks_like_a_mistake_but_is_not_passes(tmp_path):
    """Correct content that the checks for headings, boxes, HTML, citations and links must leave alone."""
    body = """
        <a href="../sitemap.xml">Sitemap</a> [text](sms:+491234)

        ## Part {#part}
        ---

        !!! warning "Beware of "miracle" cures"
        \tText with a tab.

        !! is shouting.

        <div class="tags">
        #hairloss #prp
        </div>

        A | B
        --|--
        # x | y

        <!-- TODO: cite @doe2019 here -->

        See https://example.org/@doe2019 and write to a@doe2019.org.

        <p id="own">One</p>"""
    assert problems(run(project(tmp_path / "p"), {"page.md": md("Page", body)})) == []


def test_links_to_named_anchors_and_with_hreflang_are_checked_as_links(tmp_path):
    pages = {**page('See [x](other.md#legacy), [y](other.md#nothere){hreflang=en}.'),
             "other.md": md("Other", '<a name="legacy"></a>')}
    assert problems(run(project(tmp_path / "p"), pages)) == [
        "docs/page.md:10: link '../other/#nothere' points to an anchor '#nothere' that is not on docs/other.md"]


def test_a_translation_with_unreadable_front_matter_is_not_also_called_outdated(tmp_path):
    build = run(project(tmp_path / "p"), {"page.md": md("Page"), "page.de.md": "# Seite {#top}\n\nText.\n"}, lang="de", hashes=False)
    assert "docs/page.de.md:1: the page has no front matter (title, description, last_reviewed, next_review)" in problems(build)
    assert not [w for w in build.warnings if "outdated" in w.message]


def test_a_marker_spaced_otherwise_in_the_translation_is_the_same_marker(tmp_path):
    pages = page("<!-- table: main rows=prp -->\n\n<!-- figure: evidence -->", "<!--table:  main rows=prp-->\n\n<!--figure: evidence  -->")
    assert problems(run(project(tmp_path / "p"), pages, lang="de")) == []


def test_markup_in_code_is_shown_as_written(tmp_path):
    body = "To cite, type `[@nobody2000]`.\n\n!!! note \"Note\"\n\n    ```\n    [@nobody2000] and [x](term:nonsense)\n    ```"
    build = run(project(tmp_path / "p"), page(body))
    assert not problems(build)
    html = build.search_pages[0].content
    assert "<code>[@nobody2000]</code>" in html and "guide-" not in html.split("To cite")[1].split("</p>")[0]


def test_two_tables_of_one_kind_on_a_page_have_ids_of_their_own(tmp_path):
    build = run(project(tmp_path / "p"), page("<!-- table: main rows=prp -->\n\n<!-- table: main rows=minoxidil -->"))
    assert not problems(build)
    html = build.search_pages[0].content
    assert 'id="table-main"' in html and 'id="table-main-n2"' in html and 'aria-labelledby="table-main-n2-caption"' in html


def test_a_dot_in_a_page_name_is_not_a_language(tmp_path):
    """v1.2.md is English, v1.2.de.md its translation."""
    build = run(project(tmp_path / "p"), {"v1.2.md": md("V"), "v1.2.de.md": md("V")}, lang="de")
    assert not problems(build) and not build.warnings and build.pages["v1.2.de.md"].translation == "current"


def test_an_ordinary_outgoing_link_and_an_inline_diagram_are_fine(tmp_path):
    assert problems(run(project(tmp_path / "q"), page("[@WHO](https://www.who.int/) is a link, not a citation."))) == []
    body = '[DOI](https://doi.org/10.1/x) and <svg role="img" width="10"><title>t</title><rect x="0" y="0" width="5" height="5" fill="#000"/></svg>'
    assert problems(run(project(tmp_path / "p"), page(body))) == []


def test_missing_translation_and_outdated_translation_are_warnings(tmp_path):
    root = project(tmp_path / "p")
    build = run(root, {"page.md": md("Page"), "other.md": md("Other"), "other.de.md": md("Andere")}, lang="de", hashes=False)
    warnings = [str(w) for w in build.warnings]
    assert "docs/other.de.md:1: translation is outdated: it does not record which version of docs/other.md it translates; " \
           "once it matches the English page: python3 dev.py mark-current docs/other.de.md" in warnings


def test_untranslated_catalog_entry_is_a_warning_naming_its_line(tmp_path):
    catalog = CATALOG.replace('msgstr "Mäßig"', 'msgstr ""')
    build = run(project(tmp_path / "p", locales={PO: catalog}), page("<!-- table: main cols=evidence -->"), lang="de")
    line = 1 + catalog.split("\n").index('msgid "Moderate"')
    assert f'locales/de/LC_MESSAGES/messages.po:{line}: untranslated entry shown in English: "Moderate"' in [str(p) for p in build.untranslated()]


# A few real builds: the hooks report, fail after both languages, and never show a traceback.
# One build holds the broken pages of the first and the last test (each names its own pages).

def broken_pages_build(folder):
    body = ("One [@nobody2000].\n\nTwo [x](term:nonsense).\n\n<!-- table: nonsense -->\n\n[x](javascript:alert(1))\n\n"
            "See [y](other.md#nowhere), [z](missing.md) and [a](/other/).\n\n<p><a href=\"../other/#gone\">w</a></p>\n\n"
            "<img src=\"missing.png\" alt=\"\">\n\n![z](nothing.png)\n\n## Menu {#__drawer}\n")
    pages = {**page(body),
             "bomb.md": "---\n" + BOMB + "---\n\n# Page {#top}\n", "bomb.de.md": md("Seite", "Gr\udcfc\udcdfe"),
             "other.md": md("Other").replace("last_reviewed: 2026-11-22", "last_reviewed: tomorrow"), "other.de.md": md("Andere")}
    return build_fixture(folder, pages)


@pytest.fixture(scope="module")
def broken_pages_site(tmp_path_factory):
    return build_once(tmp_path_factory, "broken-pages", broken_pages_build)


def test_real_build_reports_every_problem_of_both_languages_and_fails(broken_pages_site):
    result = broken_pages_site
    assert result.returncode != 0
    for line in ("ERROR   -  docs/page.md:10: unknown citation key 'nobody2000'", "docs/page.md:12: unknown glossary term 'nonsense'",
                 "docs/page.md:14: unknown table 'nonsense'", "docs/page.md:16: javascript: URLs are not allowed",
                 "docs/page.de.md:11: unknown citation key 'nobody2000'",
                 # links: MkDocs' own warning with its line put first, and anchors on other pages (also in raw HTML)
                 "docs/page.md:18: Doc file 'page.md' contains an absolute link '/other/', it was left as is",
                 "docs/page.md:18: link 'missing.md' points to a page file that is not in the site",
                 "docs/page.md:22: 'missing.png' points to a file that does not exist",
                 "docs/page.md:24: 'nothing.png' points to a file that does not exist",
                 "docs/page.md:18: link '../other/#nowhere' points to an anchor '#nowhere' that is not on docs/other.md",
                 "docs/page.de.md:21: link '../other/#gone' points to an anchor '#gone' that is not on docs/other.de.md",
                 "docs/page.md:26: id '__drawer' is also an id of the page's frame (navigation, header): choose another"):
        assert line in result.output, result.output
    failed = re.search(r"Build failed: (\d+) problem\(s\) in the de and en build", result.output)
    assert failed and int(failed[1]) == len(set(re.findall(r"ERROR   -  (docs/.*)", result.output))), result.output
    assert "Traceback" not in result.output


def test_real_build_reports_data_and_catalog_errors_together(tmp_path):
    data = data_with("references.yml", "year: 2020", 'year: "2020"')
    data.update({"treatments.yml": BOMB})
    result = build_fixture(tmp_path, page("Fine."), data=data, locales={PO: CATALOG.replace('msgstr "Quellen"', "msgstr Quellen")})
    assert result.returncode != 0
    for line in ("data/references.yml:4: smith2020.year: Input should be a valid integer",
                 "data/treatments.yml:1: YAML anchors and aliases", "locales/de/LC_MESSAGES/messages.po:7: invalid PO syntax"):
        assert line in result.output, result.output
    assert "Traceback" not in result.output


def test_real_build_with_broken_front_matter_and_bad_bytes_has_no_traceback(broken_pages_site):
    result = broken_pages_site
    assert result.returncode != 0
    for line in ("docs/bomb.md:2: YAML anchors and aliases", "docs/bomb.de.md:11: the file is not valid UTF-8",
                 "docs/other.md:4: 'last_reviewed' must be a date written YYYY-MM-DD, not 'tomorrow'"):
        assert line in result.output, result.output
    assert "Traceback" not in result.output


def test_a_msgid_is_a_duplicate_only_with_the_same_context_and_text_continued_over_lines():
    from hairguide.catalog import _check_lines

    text = ('msgid ""\nmsgstr ""\n\nmsgctxt "a"\nmsgid "X"\nmsgstr "1"\n\nmsgctxt "b"\nmsgid "X"\nmsgstr "2"\n\n'
            'msgid "X"\n"Y"\nmsgstr "3"\n\nmsgid "XY"\nmsgstr "4"\n\n#~ msgid "XY"\n#~ msgstr "5"\n')
    assert [str(p) for p in _check_lines(text, "de.po")] == ['de.po:16: duplicate msgid "XY" (first on line 12)']
