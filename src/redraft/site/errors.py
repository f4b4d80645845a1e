"""The one error a site build stops with: what the user needs to read, one line each."""

from __future__ import annotations


class SiteBuildError(Exception):
    """A build that cannot go on; ``lines`` are what the user needs to read, one per line.

    ``exit_code`` is 1 for problems in the knowledge base or the build, 2 for a setting that
    the build refuses to act on (a site folder that would destroy something)."""

    def __init__(self, lines: list[str], *, exit_code: int = 1) -> None:
        self.lines = lines
        self.exit_code = exit_code
        super().__init__("\n".join(lines))
