"""Fail the build after both languages have been checked, if any content problem was found.

Every problem has already been logged as `path:line: message` where it was found.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hairguide.report import REPORT


@event_priority(100)
def on_config(config):
    """A new build run (not the next language of the same run) starts with no problems."""
    if not config.plugins["i18n"].building:
        REPORT.reset()


@event_priority(-300)
def on_post_build(config):
    """After the last language (static-i18n builds the others inside the first one's post_build)."""
    if config.plugins["i18n"].building or not REPORT.problems:
        return
    count = len(REPORT.problems)
    REPORT.reset()
    raise PluginError(f"Build failed: {count} problem(s) in content or data, listed above as path:line: message.")
