"""What is wrong with the knowledge base, said so that an editor can go straight to it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co"})
MAX_MESSAGE = 400


def visible(text: str) -> str:
    """``text`` with control, format (bidi overrides, zero-width) and private characters shown as
    ``<U+202E>``: a message quotes the file, and a quoted right-to-left override would reorder
    the line on the terminal, an escape sequence would drive it, a newline would split it."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        f"<U+{ord(c):04X}>" if unicodedata.category(c) in _INVISIBLE else c for c in text
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: ``path:line: message``, the path relative to the knowledge base root."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", visible(self.path))
        message = visible(self.message)
        if len(message) > MAX_MESSAGE:  # a message quoting a hostile value stays one readable line
            message = message[: MAX_MESSAGE - 1] + "…"
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"
