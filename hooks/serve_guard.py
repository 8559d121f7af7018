"""`mkdocs serve` keeps serving the last good site when a save breaks the build.

MkDocs cleans the site directory before it builds; if the build then fails, the
server would serve a half-empty site. We snapshot the site before each serve
rebuild and put it back when the build fails. (`python3 dev.py build` does the
same for static builds by building into a temporary directory.)
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.serve_guard")
# depth: how many builds are running (static-i18n runs the next language inside the first).
_state = {"serving": False, "snapshot": None, "depth": 0}


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


@event_priority(100)
def on_pre_build(config):
    """Snapshot the last good site before MkDocs cleans the directory."""
    _state["depth"] += 1
    site = Path(config.site_dir)
    if not _state["serving"] or _state["depth"] > 1 or not (site / "index.html").exists():
        return
    _discard_snapshot()
    snapshot = Path(tempfile.mkdtemp(prefix="guide-last-good-"))
    shutil.copytree(site, snapshot / "site")
    _state["snapshot"] = snapshot


def on_build_error(error):
    """Put the last good site back, so readers of the preview never see a broken site."""
    _state["depth"] = max(0, _state["depth"] - 1)
    snapshot = _state["snapshot"]
    if not _state["serving"] or snapshot is None or _state["depth"] > 0:
        return
    site = Path(_state["site_dir"])
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(snapshot / "site", site)
    log.warning("The build failed: still serving the last good version. Fix the problems listed above and save again.")


def on_serve(server, config, builder):
    """After a failed rebuild MkDocs' server holds every request until a build succeeds
    ("the server will appear stuck"). The last good site is in place, so let it be served."""
    build = server.builder

    def build_or_keep_last_good():
        try:
            build()
        except BaseException:
            # Private attributes of mkdocs.livereload (1.6): mark the restored site as current.
            with server._epoch_cond:
                server._visible_epoch = server._wanted_epoch
                server._epoch_cond.notify_all()
            raise

    server.builder = build_or_keep_last_good
    return server


def on_config(config):
    _state["site_dir"] = config.site_dir


@event_priority(-400)
def on_post_build(config):
    _state["depth"] = max(0, _state["depth"] - 1)
    if _state["depth"] == 0:
        _discard_snapshot()


def _discard_snapshot():
    if _state["snapshot"] is not None:
        shutil.rmtree(_state["snapshot"], ignore_errors=True)
        _state["snapshot"] = None
