"""Problems in content, data and catalogs, reported as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file; `line` is 1-based."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ProblemsFound(Exception):
    """Raised with every problem found, so that all are reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def collect(loader, problems: list[Problem]):
    """Run `loader()`; on ProblemsFound keep its problems and return None."""
    try:
        return loader()
    except ProblemsFound as found:
        problems.extend(found.problems)
        return None
