"""The one error a site build stops with: what the user needs to read, one line each."""

from __future__ import annotations


class SiteBuildError(Exception):
    """A build that cannot go on; ``lines`` are what the user needs to read, one per line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))
