"""Shared fixtures: one strict build of the real site per test session."""

from __future__ import annotations

import pytest

from sitebuild import REPO, build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real guide, built in strict mode into a temporary directory."""
    result = build(REPO, tmp_path_factory.mktemp("real") / "site")
    assert result.returncode == 0, result.output
    return result


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


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real guide built for, and served at, a local address (so absolute URLs stay on this host)."""
    from browser import free_port, serve

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    result = build(REPO, tmp_path_factory.mktemp("served") / "site", env={"SITE_URL": base})
    assert result.returncode == 0, result.output
    with serve(result.site, port=port) as url:
        assert url == base
        yield result, base
