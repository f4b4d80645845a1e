"""The knowledge base as it stood at a git revision, read from git's objects.

:class:`GitTreeSource` answers the same questions as :class:`~redraft.kb.sources.FileSource`, so
:func:`redraft.kb.load.load_from` reads a past commit exactly as it reads the working tree.
It reads blobs from the commit's tree through GitPython and never touches the working tree or
the index: comparing with ``draft@HEAD~3`` must be safe while an editor has unsaved work.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redraft.kb.load import DRAFT_FOLDER, LoadResult, load_from
from redraft.kb.model import DRAFT, Version
from redraft.kb.repository import UNSHALLOW_HINT, GitUnavailable, KbRepository, open_repository
from redraft.kb.sources import MAX_FILE_BYTES, FileSource, ReadError

if TYPE_CHECKING:
    import git

_SYMLINK_MODE = 0o120000


class BadRevision(Exception):
    """A revision git cannot resolve to a commit; the message is one line for the user."""


def resolve_commit(kb_repo: KbRepository, revision: str) -> git.Commit:
    """The commit ``revision`` names (``HEAD~1``, ``release/2018-3``, a sha); else
    :class:`BadRevision`.

    git itself parses the revision, so every form git accepts works; a revision that could be read
    as an option is refused before git sees it.
    """
    import git

    if not revision or revision.startswith("-") or any(c.isspace() for c in revision):
        raise BadRevision(f"'{revision}' is not a git revision")
    try:
        sha = kb_repo.repo.git.rev_parse("--verify", "--quiet", f"{revision}^{{commit}}")
    except git.GitCommandError:
        hint = ""
        if kb_repo.is_shallow():
            hint = f" (this is a shallow clone: {UNSHALLOW_HINT})"
        raise BadRevision(
            f"'{revision}' is not a commit of the repository at {kb_repo.work_tree}{hint}"
        ) from None
    return kb_repo.repo.commit(sha)


class GitTreeSource(FileSource):
    """The knowledge base's files in one commit, addressed like the working tree's."""

    def __init__(
        self, kb_repo: KbRepository, commit: git.Commit, only: tuple[str, ...] | None = None
    ) -> None:
        self.kb_repo = kb_repo
        self.commit = commit
        self.only = only
        """If given, the only paths (files or folders) this source shows; the rest looks absent.
        Loading just the draft this way skips the released versions and the comments."""
        self.root = kb_repo.work_tree / kb_repo.prefix  # for messages only; nothing is read here
        self._objects: dict[str, Any] = {}

    def _object(self, relative: str) -> Any:
        """The blob or tree at ``relative`` (knowledge-base path), or None."""
        key = relative.strip("/")
        if key in self._objects:
            return self._objects[key]
        if not self._visible(key):
            return None
        found: Any = None
        if not key:
            prefix = self.kb_repo.prefix.rstrip("/")
            try:
                found = self.commit.tree / prefix if prefix else self.commit.tree
            except KeyError:
                found = None
        else:
            # one level at a time through cached folders: each tree object is read once
            parent_key, _, name = key.rpartition("/")
            parent = self._object(parent_key)
            if parent is not None and parent.type == "tree":
                try:
                    found = parent / name
                except KeyError:
                    found = None
        self._objects[key] = found
        return found

    def _visible(self, key: str) -> bool:
        if self.only is None or not key:
            return True
        return any(
            key == shown or key.startswith(shown + "/") or shown.startswith(key + "/")
            for shown in self.only
        )

    def _child(self, folder: str, name: str) -> bool:
        return self._visible(f"{folder.strip('/')}/{name}".lstrip("/"))

    def target(self, relative: str) -> str | None:
        return relative.strip("/")  # a link in git is a blob that read_bytes refuses

    def exists(self, relative: str) -> bool:
        found = self._object(relative)
        return found is not None and found.type == "blob"

    def is_dir(self, relative: str) -> bool:
        found = self._object(relative)
        return found is not None and found.type == "tree"

    def list_dirs(self, relative: str) -> list[str]:
        tree = self._object(relative)
        if tree is None or tree.type != "tree":
            return []
        return sorted(
            t.name
            for t in tree.trees
            if not t.name.startswith(".") and self._child(relative, t.name)
        )

    def list_files(self, relative: str, recursive: bool = False) -> list[str]:
        tree = self._object(relative)
        if tree is None or tree.type != "tree":
            return []
        if not recursive:
            names = (b.name for b in tree.blobs)
            return sorted(
                name for name in names if not name.startswith(".") and self._child(relative, name)
            )
        base = len(tree.path) + 1 if tree.path else 0
        found = []
        for item in tree.traverse():
            if item.type != "blob":
                continue
            rest = item.path[base:]
            if not any(part.startswith(".") for part in rest.split("/")) and self._child(
                relative, rest
            ):
                found.append(rest)
        return sorted(found)

    def read_bytes(self, relative: str) -> bytes:
        blob = self._object(relative)
        if blob is None or blob.type != "blob":
            raise ReadError(1, f"cannot read the file: not in commit {self.commit.hexsha[:12]}")
        if blob.mode == _SYMLINK_MODE:
            raise ReadError(1, "a symbolic link in git; Redraft reads only regular files")
        stream = self.kb_repo.repo.odb.stream(blob.binsha)  # one request: size and content
        if stream.size > MAX_FILE_BYTES:
            stream.read()  # drain it: git's cat-file pipe must be emptied before the next request
            raise ReadError(
                1, f"file is too large ({stream.size} bytes; the limit is {MAX_FILE_BYTES})"
            )
        data: bytes = stream.read()
        return data


def source_at(kb_repo: KbRepository, revision: str) -> GitTreeSource:
    """The knowledge base at ``revision``; :class:`BadRevision` if git cannot resolve it."""
    return GitTreeSource(kb_repo, resolve_commit(kb_repo, revision))


_LOADED: OrderedDict[tuple[str, str, str, tuple[str, ...] | None], LoadResult] = OrderedDict()
_LOADED_MAX = 32
"""Loaded commits, newest use last: a commit never changes, and the changes page asks for the same
commit twice (as one change's "after" and the next one's "before")."""


DRAFT_ONLY = ("redraft.yml", DRAFT_FOLDER)


def load_commit(
    kb_repo: KbRepository, commit: git.Commit, only: tuple[str, ...] | None = None
) -> LoadResult:
    """The knowledge base as it stood in ``commit`` (only the paths ``only`` names, if given)."""
    key = (str(kb_repo.repo.common_dir), kb_repo.prefix, commit.hexsha, only)
    cached = _LOADED.get(key)
    if cached is not None:
        _LOADED.move_to_end(key)
        return cached
    result = load_from(GitTreeSource(kb_repo, commit, only))
    _LOADED[key] = result
    while len(_LOADED) > _LOADED_MAX:
        _LOADED.popitem(last=False)
    return result


def draft_at(root: Path | str, revision: str) -> Version:
    """The working draft as committed at ``revision``, with the id ``draft@<revision>`` so that
    every output labels it as the user named it.  Raises :class:`BadRevision` with one line."""
    try:
        kb_repo = open_repository(root)
    except GitUnavailable as exc:
        raise BadRevision(f"draft@{revision} reads the draft from git, but {exc}") from None
    with kb_repo:
        return draft_in(kb_repo, resolve_commit(kb_repo, revision), revision)


def draft_in(kb_repo: KbRepository, commit: git.Commit, label: str) -> Version:
    """The working draft in ``commit``, with the id ``draft@<label>``; :class:`BadRevision` if
    the commit has none."""
    import git

    try:
        # the draft alone: released versions and comments at that commit are not needed
        draft = load_commit(kb_repo, commit, DRAFT_ONLY).kb.draft
    except (ValueError, git.BadObject, git.GitCommandError) as exc:  # objects missing
        hint = f"; {UNSHALLOW_HINT}" if kb_repo.is_shallow() else ""
        raise BadRevision(f"cannot read {label} from git ({type(exc).__name__}){hint}") from None
    if draft is None:
        raise BadRevision(
            f"there is no working draft (guidelines/draft/) in {label} ({commit.hexsha[:12]})"
        )
    return replace(draft, id=f"{DRAFT}@{label}")
