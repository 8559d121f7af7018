"""Real Chromium (Debian's package) driven by Playwright, and a local static server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

# Before axe runs: what it needs to check colour contrast everywhere. Off-screen tables, figures
# and source entries skip layout (guide.css: content-visibility: auto), and over the tables' scroll
# shadows (background gradients) axe cannot tell the background colour; in both cases it leaves
# contrast "incomplete", unchecked. Laid out and without the shadows, the text is checked against
# the page's background, as a reader sees it once it is on screen.
AXE_VIEW = ("*, *::before, *::after { content-visibility: visible !important; }"
            " .guide-table-wrapper { background: none !important; }")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """Path of the system Chromium, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # not a browser that moved on mid-response
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, prefix: str = "", port: int = 0):
    """Serve a built site on 127.0.0.1 (optionally under a sub-path) and yield its base URL."""
    root = site
    if prefix:
        root = site.parent / "served"
        (root / prefix).parent.mkdir(parents=True, exist_ok=True)
        if not (root / prefix).exists():
            (root / prefix).symlink_to(site)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"
    finally:
        server.shutdown()


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
