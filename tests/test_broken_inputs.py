"""Issue 5: a corpus of broken inputs. Each one fails the build with its exact `path:line: message`
(or warns, where a warning is the documented behaviour), and never with a traceback."""

from __future__ import annotations

import pytest

from fixture_site import build_fixture, fixture_files
from sitebuild import md

DATA = fixture_files("data")
PO = "de/LC_MESSAGES/messages.po"
CATALOG = fixture_files("locales")[PO]
FUZZY_CATALOG = CATALOG.replace('msgid "Low"', '#, fuzzy\nmsgid "Low"')


def data_with(name: str, old: str, new: str) -> dict[str, str]:
    assert old in DATA[name], old
    return {name: DATA[name].replace(old, new, 1)}


def page(body: str, de_body: str | None = None) -> dict[str, str]:
    return {"page.md": md("Page", body), "page.de.md": md("Seite", de_body if de_body is not None else body)}


OK_PAGE = page("Nothing special.")

# (id, pages, data, locales, expected line in the log)
CASES = [
    ("yaml-syntax", OK_PAGE, data_with("treatments.yml", 'injected: "Plasma"', 'injected: [Plasma'), None,
     "ERROR   -  data/treatments.yml:6: YAML syntax error: expected ',' or ']', but got ':'"),
    ("yaml-tab", OK_PAGE, data_with("treatments.yml", "  injected:", "\tinjected:"), None,
     "ERROR   -  data/treatments.yml:5: YAML syntax error: found character '\\t' that cannot start any token"),
    ("yaml-duplicate-key", OK_PAGE, data_with("treatments.yml", '  injected: "Plasma"', '  injected: "Plasma"\n  injected: "Blood"'), None,
     "ERROR   -  data/treatments.yml:6: duplicate key 'prp.injected' (first defined on line 5)"),
    ("yaml-empty", OK_PAGE, {"glossary.yml": "# nothing here\n"}, None,
     "ERROR   -  data/glossary.yml:1: the file is empty"),
    ("yaml-not-utf8", OK_PAGE, None, None, "ERROR   -  data/references.yml:3: the file is not valid UTF-8 (byte 0xe9)"),
    ("unknown-key", OK_PAGE, data_with("treatments.yml", "  pain:", "  painful: yes\n  pain:"), None,
     "ERROR   -  data/treatments.yml:14: prp.painful: unknown key"),
    ("missing-field", OK_PAGE, data_with("treatments.yml", '  regulatory: "Approved"\n', ""), None,
     "ERROR   -  data/treatments.yml:22: minoxidil.regulatory: Field required"),
    ("wrong-type", OK_PAGE, data_with("references.yml", "year: 2020", 'year: "2020"'), None,
     "ERROR   -  data/references.yml:4: smith2020.year: Input should be a valid integer"),
    ("range-min-max", OK_PAGE, data_with("treatments.yml", "sessions: {min: 3, max: 4}", "sessions: {min: 5, max: 4}"), None,
     "ERROR   -  data/treatments.yml:10: prp.protocols.0.sessions: min (5) is greater than max (4)"),
    ("unknown-citation-in-data", OK_PAGE, data_with("treatments.yml", "cite: [doe2019]", "cite: [nobody2000]"), None,
     "ERROR   -  data/treatments.yml:32: minoxidil.cite.0: unknown citation key 'nobody2000'"),
    ("reference-not-locatable", OK_PAGE, data_with("references.yml", '  pmid: "123456"\n', ""), None,
     "ERROR   -  data/references.yml:10: doe2019: a reference needs a doi, pmid or url"),
    ("duplicate-glossary-form", OK_PAGE, data_with("glossary.yml", "de: [Ödem]", "de: [Anagenphase]"), None,
     "ERROR   -  data/glossary.yml:9: oedema: form 'Anagenphase' (de) is already used by term 'anagen'"),
    ("po-syntax", OK_PAGE, None, {PO: CATALOG.replace('msgstr "Quellen"', 'msgstr Quellen')},
     "ERROR   -  locales/de/LC_MESSAGES/messages.po:7: invalid PO syntax:"),
    ("po-placeholder", OK_PAGE, None, {PO: CATALOG + '\n#: overrides/x.html:1\n#, python-format\nmsgid "%(count)s sources"\nmsgstr "%(anzahl)s Quellen"\n'},
     f"ERROR   -  locales/de/LC_MESSAGES/messages.po:{CATALOG.count(chr(10)) + 4}: msgid \"%(count)s sources\": unknown named placeholder 'anzahl'"),
    ("glossary-term-without-german", OK_PAGE, None, {PO: CATALOG.replace('msgstr "Ein Spurenelement."', 'msgstr ""')},
     "ERROR   -  data/glossary.yml:14: glossary term 'ssri' has no de text for short in locales/de/LC_MESSAGES/messages.po"),
    ("unknown-citation", page("Claim [@nobody2000]."), None, None,
     "ERROR   -  docs/page.md:10: unknown citation key 'nobody2000'"),
    ("unknown-term", page("A [word](term:nonsense)."), None, None,
     "ERROR   -  docs/page.md:10: unknown glossary term 'nonsense' in [word](term:nonsense)"),
    ("unknown-table", page("<!-- table: nonsense -->"), None, None,
     "ERROR   -  docs/page.md:10: unknown table 'nonsense' (known: main, protocols, safety)"),
    ("unknown-table-row", page("<!-- table: main rows=prp,unicorn -->"), None, None,
     "ERROR   -  docs/page.md:10: table 'main': unknown row 'unicorn'"),
    ("unknown-table-column", page("<!-- table: main cols=price -->"), None, None,
     "ERROR   -  docs/page.md:10: table 'main': unknown column 'price'"),
    ("missing-description", {"page.md": md("Page").replace('description: "A test page."\n', ""), "page.de.md": md("Seite")}, None, None,
     "ERROR   -  docs/page.md:1: front matter is missing 'description'"),
    ("invalid-date", {"page.md": md("Page").replace("last_reviewed: 2026-11-22", "last_reviewed: 2026-13-45"), "page.de.md": md("Seite")}, None, None,
     "ERROR   -  docs/page.md:4: 'last_reviewed' must be a date written YYYY-MM-DD, not '2026-13-45'"),
    ("plain-http", page("See [this](http://example.org/)."), None, None,
     "ERROR   -  docs/page.md:10: link 'http://example.org/' uses plain http://; use https://"),
    ("raw-html-missing-page", page('<a href="../nowhere/">x</a>'), None, None,
     "ERROR   -  docs/page.md:10: link '../nowhere/' points to a page that does not exist"),
    ("raw-html-missing-anchor", page('<a href="#nowhere">x</a>'), None, None,
     "ERROR   -  docs/page.md:10: link '#nowhere' points to an anchor '#nowhere' that is not on the page"),
    ("language-leak", page("Fine.", '<a href="../../page/">englisch</a>'), None, None,
     "ERROR   -  docs/page.de.md:11: link '../../page/' leaves the page's language; link to the .md file instead"),
    ("markdown-missing-page", page("[x](nowhere.md)"), None, None,
     "WARNING -  Doc file 'page.md' contains a link 'nowhere.md', but the target is not found among documentation files."),
    ("markdown-missing-anchor", page("[x](#nowhere)"), None, None,
     "WARNING -  Doc file 'page.md' contains a link '#nowhere', but there is no such anchor on this page."),
    ("missing-translation", {"page.md": md("Page")}, None, None,
     "WARNING -  docs/page.md:1: page has no de version (docs/page.de.md is missing); readers see the English text"),
    ("fuzzy-entry", page("<!-- table: main cols=evidence -->"), None, {PO: FUZZY_CATALOG},
     f'WARNING -  locales/de/LC_MESSAGES/messages.po:{1 + FUZZY_CATALOG.split(chr(10)).index("msgid " + chr(34) + "Low" + chr(34))}: fuzzy entry shown in English: "Low"'),
    ("untranslated-entry", page("<!-- table: main cols=evidence -->"), None, {PO: CATALOG.replace('msgstr "Mäßig"', 'msgstr ""')},
     f'WARNING -  locales/de/LC_MESSAGES/messages.po:{1 + CATALOG.split(chr(10)).index("msgid " + chr(34) + "Moderate" + chr(34))}: untranslated entry shown in English: "Moderate"'),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_input_fails_with_exact_message(case, tmp_path):
    name, pages, data, locales, expected = case
    if name == "yaml-not-utf8":
        data = {"references.yml": DATA["references.yml"].replace("Smith A", "Sm\udce9th A")}
    result = build_fixture(tmp_path, pages, data=data, locales=locales)
    assert result.returncode != 0, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output


def test_all_problems_of_a_build_are_reported_at_once(tmp_path):
    body = "One [@nobody2000].\n\nTwo [x](term:nonsense).\n\n<!-- table: nonsense -->\n"
    result = build_fixture(tmp_path, page(body))
    assert result.returncode != 0
    for line in ("docs/page.md:10: unknown citation key 'nobody2000'", "docs/page.md:12: unknown glossary term 'nonsense'",
                 "docs/page.md:14: unknown table 'nonsense'", "docs/page.de.md:11: unknown citation key 'nobody2000'"):
        assert line in result.output, result.output


def test_data_and_catalog_errors_are_reported_together(tmp_path):
    data = data_with("references.yml", "year: 2020", 'year: "2020"')
    data.update(data_with("treatments.yml", "  injected:", "\tinjected:"))
    locales = {PO: CATALOG.replace('msgstr "Quellen"', "msgstr Quellen")}
    result = build_fixture(tmp_path, OK_PAGE, data=data, locales=locales)
    assert result.returncode != 0
    for line in ("data/references.yml:4: smith2020.year: Input should be a valid integer",
                 "data/treatments.yml:5: YAML syntax error", "locales/de/LC_MESSAGES/messages.po:7: invalid PO syntax"):
        assert line in result.output, result.output


def test_script_in_data_is_escaped_not_executed(tmp_path):
    result = build_fixture(tmp_path, page("<!-- table: main cols=summary -->\n\nSee [@doe2019]."))
    assert result.returncode == 0, result.output
    html = result.read("page/index.html")
    assert "<script>alert('x')</script>" not in html and "&lt;script&gt;alert(" in html
    assert "<script>alert(1)</script>" not in html
