"""What a user may type to name a version, and the functions that resolve it.

Every command that takes a version (``redraft diff FROM TO``, exports, the site's compare view)
resolves it here, so that a version is named the same way everywhere and a wrong name is
reported the same way everywhere.

:func:`lookup_version` is a pure function of the model.  ``draft@REV`` reads git, so only
:func:`resolve_version`, which is given the knowledge base's folder explicitly, resolves it: the
folder is the caller's to know (the CLI's ``--root``), never guessed from the current directory.
"""

from __future__ import annotations

from pathlib import Path

from redraft.kb.model import DRAFT, KnowledgeBase, Version

REVISION_MARK = "@"
"""``draft@REV``: the working draft as committed at any git revision (``draft@HEAD~1``,
``draft@release/2019-3``, a commit sha), read from git by :mod:`redraft.kb.revision`."""


class VersionNotFound(LookupError):
    """A version spec that names no version of the knowledge base.

    ``str(error)`` is one line meant for the user: what was asked for and what exists.
    """

    def __init__(self, spec: str, known: tuple[str, ...], message: str | None = None) -> None:
        self.spec = spec
        self.known = known
        if message is None and known:
            message = f"unknown version '{spec}': the versions are {', '.join(known)}"
        elif message is None:
            message = f"unknown version '{spec}': the knowledge base has no versions"
        super().__init__(message)


def is_revision_spec(spec: str) -> bool:
    """Does ``spec`` name the draft at a git revision (``draft@REV``)?"""
    return spec.strip().startswith(DRAFT + REVISION_MARK)


def lookup_version(kb: KnowledgeBase, spec: str) -> Version:
    """The version of ``kb`` that ``spec`` names: a version id (``2019-3``, ``draft``) or a
    document symbol (``CAC/COSP/WG.2/2019/3``), because delegates know a draft by its symbol.

    ``draft@REV`` is not looked up here: it is read from git, which needs the knowledge base's
    folder (:func:`resolve_version`).

    Raises :class:`VersionNotFound`.
    """
    wanted = spec.strip()
    known = tuple(v.id for v in kb.versions)
    if is_revision_spec(wanted):
        raise VersionNotFound(
            spec,
            known,
            f"version '{spec}': the draft at a git revision is read from the knowledge base's "
            "folder, and none was given",
        )
    version = kb.version(wanted)
    if version is not None:
        return version
    by_symbol = [v for v in kb.versions if v.symbol and v.symbol == wanted]
    if len(by_symbol) == 1:
        return by_symbol[0]
    if wanted.lower() == DRAFT and kb.draft is not None:
        return kb.draft
    raise VersionNotFound(spec, known)


def resolve_version(kb: KnowledgeBase, spec: str, root: Path | str) -> Version:
    """The version ``spec`` names, as :func:`lookup_version` reads it, or for ``draft@REV`` the
    draft at a git revision of the repository holding ``root`` (the knowledge base's folder),
    with the id ``draft@REV``.

    Raises :class:`VersionNotFound`.
    """
    wanted = spec.strip()
    if not is_revision_spec(wanted):
        return lookup_version(kb, spec)
    from redraft.kb.revision import BadRevision, draft_at

    revision = wanted[len(DRAFT + REVISION_MARK) :]
    try:
        return draft_at(Path(root), revision)
    except BadRevision as exc:
        known = tuple(v.id for v in kb.versions)
        raise VersionNotFound(spec, known, f"version '{spec}': {exc}") from None
