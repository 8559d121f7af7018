"""Shared fixtures: one strict build of the real site per test run, served locally; Chromium."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from sitebuild import REPO, BuildResult, build


@contextlib.contextmanager
def _built_and_served(site: Path):
    """Serve `site` on a free local port, build the real guide into it in strict mode for that
    address (the server listens first, so no other process can take the port in between), and
    give (BuildResult, base URL) while serving."""
    from browser import serve

    with serve(site) as base:
        yield build(REPO, site, env={"SITE_URL": base}), base


class _SharedSite:
    """In the controller process of a pytest-xdist run: the real site, built and served once for
    all workers, as soon as the first of them asks for it (a run that does not need it builds nothing)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="guide-tests-"))
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not (self.folder / "wanted").exists():
            if self.done.wait(0.05):
                return
        try:
            with _built_and_served(self.folder / "site") as (result, base):
                self._answer({"returncode": result.returncode, "output": result.output, "base": base})
                self.done.wait()
        except Exception as error:  # the workers report it instead of waiting for ever
            self._answer({"returncode": -1, "output": f"building the real site failed: {error!r}", "base": ""})

    def _answer(self, answer):
        (self.folder / "answer.tmp").write_text(json.dumps(answer), encoding="utf-8")
        (self.folder / "answer.tmp").rename(self.folder / "answer.json")

    def close(self):
        self.done.set()
        self.thread.join(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


_shared_site: _SharedSite | None = None


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist, in the controller: tell each worker where the shared build will be."""
    global _shared_site
    if _shared_site is None:
        _shared_site = _SharedSite()
    node.workerinput["guide_real_site"] = str(_shared_site.folder)


def pytest_unconfigure(config):
    if _shared_site is not None:
        _shared_site.close()


def pytest_collection_finish(session):
    """A worker asks for the shared build as soon as it knows that a test needs it, so that the
    build runs while the first tests (those that need no real site) do."""
    shared = getattr(session.config, "workerinput", {}).get("guide_real_site")
    if shared and any({"served_site", "real_site"} & set(getattr(item, "fixturenames", ())) for item in session.items):
        (Path(shared) / "wanted").touch()


@pytest.fixture(scope="session")
def served_site(request, tmp_path_factory):
    """The real guide built in strict mode for, and served at, a local address (so absolute URLs
    stay on this host): (BuildResult, base URL). Under pytest-xdist the controller builds and
    serves it once for all workers (tests must not change its files); otherwise this process does."""
    shared = getattr(request.config, "workerinput", {}).get("guide_real_site")
    if not shared:
        with _built_and_served(tmp_path_factory.mktemp("real") / "site") as (result, base):
            assert result.returncode == 0, result.output
            yield result, base
        return
    folder = Path(shared)
    (folder / "wanted").touch()
    deadline = time.monotonic() + 900
    while not (folder / "answer.json").exists():
        assert time.monotonic() < deadline, "the controller did not build the real site within 15 minutes"
        time.sleep(0.05)
    answer = json.loads((folder / "answer.json").read_text(encoding="utf-8"))
    assert answer["returncode"] == 0, answer["output"]
    yield BuildResult(answer["returncode"], answer["output"], folder / "site"), answer["base"]


@pytest.fixture(scope="session")
def real_site(served_site):
    """The same build, for tests that read the built files (its address: served_site's base URL)."""
    return served_site[0]


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium; the browser tests fail loudly when it is missing."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    assert path, "Chromium is not installed: apt-get install -y chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()



DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def _screen_contexts(browser):
    contexts = {}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture
def open_page(browser, _screen_contexts):
    """open_page(viewport) gives a new page at that screen size (default 1280 × 800), closed after
    the test. Pages of one size share a browser context: the guide keeps nothing in the browser
    (no cookies, no storage), so the tests stay independent, and they do not pay for a new
    context and an empty cache each. Tests that need a first visit, touch or another address
    open their own context."""
    opened = []

    def open_page(viewport=DESKTOP):
        key = (viewport["width"], viewport["height"])
        if key not in _screen_contexts:
            _screen_contexts[key] = browser.new_context(viewport=viewport)
        opened.append(_screen_contexts[key].new_page())
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


# The order of the long tests, the rest keep theirs. Each worker takes one test at a time as it
# becomes free (--maxschedchunk 1 in pyproject.toml). First long tests that need no real site
# (they run while the controller builds it), then the longest, so that the two workers finish
# together rather than one waiting for a long test that started last. Only the order depends on
# this list.
LONG_TESTS = [
    "test_nothing_lost.py::test_serve_survives_a_broken_save_and_recovers",
    "test_foundation.py::test_sub_path_build_keeps_switcher_and_search_working",
    "test_nothing_lost.py::test_failed_build_leaves_site_untouched",
    "test_foundation.py::test_one_language_preview_builds_german_alone_at_the_root",
    "test_browser_reader.py::test_every_page_loads_without_foreign_requests_or_console_errors_and_each_kind_passes_axe",
    "test_search.py::test_patient_queries_find_their_page_in_the_first_three",
    "test_browser_reader.py::test_pages_with_tables_have_no_axe_violations_on_a_phone",
    "test_browser_figures.py::test_data_figures_are_legible_drawn_accessible_and_printed_on_a_phone",
    "test_browser_reader_pass2.py::test_tables_fit_the_column_and_german_headings_break_with_a_hyphen",
]


def pytest_collection_modifyitems(items):
    def rank(item):
        name = item.nodeid.rsplit("/", 1)[-1].split("[")[0]
        return LONG_TESTS.index(name) if name in LONG_TESTS else len(LONG_TESTS)

    items.sort(key=rank)
