#!/usr/bin/env python3
"""One entry point for newcomers, maintainers and translators.

    python3 dev.py serve      install everything, then serve http://127.0.0.1:8000 with live reload
    python3 dev.py test       install everything (Chromium and hunspell too, where possible), run all tests
    python3 dev.py build      strict build into site/ (replaced only if the build succeeds)
    python3 dev.py extract    extract translatable strings into locales/messages.pot and update the German catalog
    python3 dev.py status [--json]             translation status per language
    python3 dev.py translation-diff PAGE.de.md what changed in English since PAGE was translated
    python3 dev.py mark-current PAGE.de.md...  record that PAGE now matches its English page
    python3 dev.py bench [--against REV]       build benchmarks (see BENCHMARKS.md; not part of the tests)
    python3 dev.py lighthouse [--runs N]       Lighthouse (mobile) scores of six pages (needs Node 20+, Chromium)

Only the standard library is used here, so it runs on a fresh machine before anything is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
SYSTEM_PACKAGES = {"chromium": "chromium", "hunspell": "hunspell"}
DICTIONARIES = {"hunspell-en-us": "en_US", "hunspell-en-gb": "en_GB", "hunspell-de-de": "de_DE"}


def install_python(tests: bool = False) -> None:
    """Create .venv and install the pinned site requirements, and with `tests` the test
    requirements too (quietly when nothing changed)."""
    if not PYTHON.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    stamp = VENV / f".installed-{'test' if tests else 'site'}"
    locks = ["requirements.txt"] + (["requirements-test.txt"] if tests else [])
    wanted = "".join((ROOT / name).read_text() for name in locks) + (ROOT / "pyproject.toml").read_text()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    for name in locks:
        subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "-r", str(ROOT / name)])
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)])
    stamp.write_text(wanted)


def install_system() -> None:
    """Chromium (browser tests) and hunspell dictionaries (spelling tests), from Debian's packages."""
    missing = [pkg for cmd, pkg in SYSTEM_PACKAGES.items() if not shutil.which(cmd)]
    missing += [pkg for pkg, name in DICTIONARIES.items() if not Path(f"/usr/share/hunspell/{name}.dic").exists()]
    if not missing:
        return
    if not shutil.which("apt-get"):
        sys.exit(f"Please install {', '.join(missing)} with your system's package manager.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.check_call(sudo + ["apt-get", "update", "-qq"], env=env)
    subprocess.check_call(sudo + ["apt-get", "install", "-y", "-qq", *missing], env=env)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if command == "serve":
        install_python()
        return subprocess.call([str(PYTHON), "-m", "mkdocs", "serve", "-a", "127.0.0.1:8000", *argv[1:]], cwd=ROOT, env=env)
    if command == "test":
        install_python(tests=True)
        install_system()
        return subprocess.call([str(PYTHON), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)
    if command in ("build", "extract", "status", "translation-diff", "mark-current"):
        install_python()
        return subprocess.call([str(PYTHON), "-m", "hairguide.cli", *argv], cwd=ROOT, env=env)
    if command in ("bench", "lighthouse"):
        install_python()
        if command == "lighthouse":
            install_system()
        return subprocess.call([str(PYTHON), str(ROOT / "tools" / f"{command}.py"), *argv[1:]], cwd=ROOT, env=env)
    print(__doc__)
    return 0 if command == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
