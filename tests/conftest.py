"""Shared fixtures: one strict build of the real site per test run, served locally; Chromium."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

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


def build_once(tmp_path_factory, name: str, make) -> BuildResult:
    """`make(folder)` (a fixture-site build into `folder`, giving a BuildResult) run once per
    test run, also when several pytest-xdist workers ask for it: the first builds, the others
    wait for its result. For module fixtures whose tests land on both workers. Tests must not
    change the built files."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    root = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    answer = root / f"shared-{name}.json"
    try:
        os.close(os.open(root / f"shared-{name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        deadline = time.monotonic() + 600
        while not answer.exists():
            assert time.monotonic() < deadline, f"the shared build {name!r} did not finish within 10 minutes"
            time.sleep(0.05)
    else:
        try:
            result = make(root / f"shared-{name}")
            found = {"returncode": result.returncode, "output": result.output, "site": str(result.site)}
        except Exception as error:  # the other worker reports it instead of waiting for ever
            found = {"returncode": -1, "output": f"building {name!r} failed: {error!r}", "site": ""}
        (root / f"shared-{name}.tmp").write_text(json.dumps(found), encoding="utf-8")
        (root / f"shared-{name}.tmp").rename(answer)
    found = json.loads(answer.read_text(encoding="utf-8"))
    return BuildResult(found["returncode"], found["output"], Path(found["site"]))


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
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="session")
def _screen_contexts(browser):
    contexts = {}
    yield contexts
    for context, _idle in contexts.values():
        context.close()


def watch(page) -> list[str]:
    """Start collecting what must not happen on any page of the guide: console errors, uncaught
    errors and requests to another host. Gives the list it fills."""
    problems = []
    page.on("console", lambda message: problems.append(f"{page.url}: console error: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: uncaught error: {error}"))
    page.on("request", lambda request: problems.append(f"{page.url}: request to another host: {request.url}")
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).hostname not in LOCAL_HOSTS else None)
    return problems


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Note on the test whether it failed (open_page then closes its pages rather than reuse them)."""
    report = yield
    if report.failed:
        item.guide_failed = True
    return report


def _tracked(page):
    """Listeners a test adds to `page` (page.on, page.once), to take off again after the test."""
    added = []
    on, once = page.on, page.once

    def tracked_on(event, handler):
        added.append((event, handler))
        return on(event, handler)

    def tracked_once(event, handler):
        added.append((event, handler))
        return once(event, handler)

    page.on, page.once = tracked_on, tracked_once
    return added


@pytest.fixture
def open_page(request, browser, _screen_contexts):
    """open_page(viewport) gives a page at that screen size (default 1280 × 800); open_page(viewport,
    touch=True) one of a phone with a touch screen. Pages of one kind share a browser context:
    the guide keeps nothing in the browser (no cookies, no storage), so the tests stay
    independent, and they do not pay for a new context and an empty cache each. Tests that need
    a first visit open their own context.

    After a test that passed, its page is reused by the next test that asks for one of its kind
    (a new page costs a renderer process): its listeners are taken off, its routes, media,
    screen size, pointer and timeouts reset, and it is on about:blank. After a failed test it is closed.

    Every page is watched (`watch`): a console error, an uncaught error or a request to another
    host on any page a test opens fails that test, whatever the test itself checks. A test that
    provokes errors on purpose passes watched=False."""
    opened, problems = [], []

    def open_page(viewport=DESKTOP, touch=False, watched=True):
        key = (viewport["width"], viewport["height"], touch)
        if key not in _screen_contexts:
            context = browser.new_context(viewport=viewport, **({"has_touch": True, "is_mobile": True} if touch else {}))
            _screen_contexts[key] = (context, [])
        context, idle = _screen_contexts[key]
        page = idle.pop() if idle else context.new_page()
        opened.append((page, key, _tracked(page)))
        if watched:
            problems.append(watch(page))
        return page

    yield open_page
    failed = getattr(request.node, "guide_failed", False)
    found = [problem for watched in problems for problem in watched]
    for page, key, added in opened:
        for event, handler in added:
            with contextlib.suppress(Exception):
                page.remove_listener(event, handler)
        del page.on, page.once
        if failed or found or page.is_closed() or len(_screen_contexts[key][1]) > 0:
            if not page.is_closed():
                page.close()
            continue
        page.unroute_all()
        page.mouse.move(0, 0)  # where a new page's pointer is: no hover carried into the next test
        page.goto("about:blank")
        page.emulate_media(media="null")
        page.set_viewport_size({"width": key[0], "height": key[1]})
        page.set_default_timeout(30000)
        page.set_default_navigation_timeout(30000)
        _screen_contexts[key][1].append(page)
    assert not found, "\n".join(found)


# The order of the long tests, the rest keep theirs. Each worker takes one test at a time as it
# becomes free (--maxschedchunk 1 in pyproject.toml). First long tests that need no real site
# (they run while the controller builds it), then the longest, so that the two workers finish
# together rather than one waiting for a long test that started last. Only the order depends on
# this list.
LONG_TESTS = [
    "test_nothing_lost.py::test_serve_survives_a_broken_save_and_recovers",
    "test_foundation.py::test_sub_path_build_keeps_switcher_and_search_working",
    "test_nothing_lost.py::test_build_writes_nothing_into_the_checkout_and_a_failed_one_leaves_the_site_untouched",
    "test_foundation.py::test_one_language_preview_builds_german_alone_at_the_root",
    "test_browser_reader.py::test_each_kind_of_page_passes_axe_without_console_errors_or_requests_to_other_hosts",
    "test_search.py::test_patient_queries_find_their_page_in_the_first_three",
    "test_browser_reader.py::test_pages_with_tables_have_no_axe_violations_on_a_phone",
    "test_browser_figures.py::test_data_figures_are_legible_drawn_accessible_and_printed_on_a_phone",
    "test_page_weight.py::test_first_view_is_under_100_kb_gzipped",
    "test_browser_reader_pass2.py::test_tables_fit_the_column_and_german_headings_break_with_a_hyphen",
]


def pytest_collection_modifyitems(items):
    def name(item):
        return item.nodeid.rsplit("/", 1)[-1].split("[")[0]

    modules = {name(item).split("::")[0]: item.module for item in items if getattr(item, "module", None)}
    renamed = [test for test in LONG_TESTS if test.split("::")[0] in modules
               and not hasattr(modules[test.split("::")[0]], test.split("::")[1])]
    if renamed:  # a renamed long test would silently lose its place
        raise pytest.UsageError(f"LONG_TESTS in tests/conftest.py names tests that do not exist: {renamed}")
    items.sort(key=lambda item: LONG_TESTS.index(name(item)) if name(item) in LONG_TESTS else len(LONG_TESTS))
