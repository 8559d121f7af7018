"""Build into a temporary directory and replace site/ only when the build succeeded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def safe_build(project: Path, site: Path, extra_args: list[str] | None = None) -> int:
    """Run a strict `mkdocs build` into a sibling temp dir; swap it in on success.

    A failed build leaves the previous site untouched and removes its temp dir.
    Returns mkdocs' exit code.
    """
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(temp), *(extra_args or [])]
    code = subprocess.call(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if code != 0:
        shutil.rmtree(temp, ignore_errors=True)
        print(f"Build failed: {site} was left as it was.", file=sys.stderr)
        return code
    old = site.with_name(f".site-old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    temp.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return 0
