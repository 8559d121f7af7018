"""Problems collected over a whole build (both languages), so all are reported at once."""

from __future__ import annotations

from hairguide.problems import Problem


class BuildReport:
    """Every content problem of one build run; each is logged when found, the build fails at the end."""

    def __init__(self):
        self.problems: list[Problem] = []

    def reset(self) -> None:
        self.problems.clear()

    def add(self, problems, log) -> None:
        for problem in problems:
            if problem not in self.problems:
                self.problems.append(problem)
                log.error(str(problem))


REPORT = BuildReport()
