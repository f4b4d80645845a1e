"""What a user may type to name a version, and the one function that resolves it.

Every command that takes a version (``redraft diff FROM TO``, exports, the site's compare view)
resolves it here, so that a version is named the same way everywhere and a wrong name is
reported the same way everywhere.
"""

from __future__ import annotations

from .model import DRAFT, KnowledgeBase, Version


class VersionNotFound(LookupError):
    """A version spec that names no version of the knowledge base.

    ``str(error)`` is one line meant for the user: what was asked for and what exists.
    """

    def __init__(self, spec: str, known: tuple[str, ...]) -> None:
        self.spec = spec
        self.known = known
        if known:
            message = f"unknown version '{spec}': the versions are {', '.join(known)}"
        else:
            message = f"unknown version '{spec}': the knowledge base has no versions"
        super().__init__(message)


def lookup_version(kb: KnowledgeBase, spec: str) -> Version:
    """The version ``spec`` names: a version id (``2019-3``, ``draft``) or a document symbol
    (``CAC/COSP/WG.2/2019/3``), because delegates know a draft by its symbol.

    Raises :class:`VersionNotFound`.
    """
    wanted = spec.strip()
    version = kb.version(wanted)
    if version is not None:
        return version
    by_symbol = [v for v in kb.versions if v.symbol and v.symbol == wanted]
    if len(by_symbol) == 1:
        return by_symbol[0]
    if wanted.lower() == DRAFT and kb.draft is not None:
        return kb.draft
    raise VersionNotFound(spec, tuple(v.id for v in kb.versions))
