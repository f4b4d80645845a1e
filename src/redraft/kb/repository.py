"""The git repository a knowledge base lives in, if any, and where in it.

Releases, ``draft@REV`` and provenance all need the same three facts: is there a repository, which
folder of it is the knowledge base, and is its history complete.  Everything else in Redraft works
without git, so GitPython is imported only here and only when a repository is found: importing it
costs about 0.2 s (it runs ``git version``), which ``redraft check`` outside git should not pay.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from redraft.kb.manifest import file_digest

if TYPE_CHECKING:
    import git

RELEASE_TAG_PREFIX = "release/"
"""Tags made by ``redraft release``: ``release/<version-id>``; the slash keeps them apart from any
tags the project already uses (``v1.0``) and lets ``git tag -l 'release/*'`` list them."""

UNSHALLOW_HINT = "run `git fetch --unshallow` to fetch the full history"

QUIET_GIT_ENV = {"GIT_OPTIONAL_LOCKS": "0"}
"""For read-only git commands: without it ``git status`` may refresh and rewrite the index."""


class GitUnavailable(Exception):
    """Why the knowledge base cannot be read through git: one line, for the user."""


def release_tag(version_id: str) -> str:
    return f"{RELEASE_TAG_PREFIX}{version_id}"


def find_git_dir(root: Path) -> Path | None:
    """The ``.git`` of the work tree holding ``root``, found without starting git or GitPython.

    Lets callers that only *might* need git (``redraft check``) skip importing it altogether.
    """
    for folder in (root.resolve(), *root.resolve().parents):
        candidate = folder / ".git"
        if candidate.is_dir():
            return candidate
        if candidate.is_file():  # a linked worktree or submodule: "gitdir: <path>"
            text = candidate.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:") :].strip())
                return target if target.is_absolute() else (folder / target).resolve()
    return None


@dataclass
class KbRepository:
    """A knowledge base inside a git work tree: the repository, and the knowledge base's folder.

    ``prefix`` is the knowledge base root relative to the work tree, in POSIX form, with a trailing
    slash unless it is the work tree itself ("").
    """

    repo: git.Repo
    prefix: str

    @property
    def work_tree(self) -> Path:
        return Path(str(self.repo.working_tree_dir))

    def repo_path(self, kb_path: str) -> str:
        """A path relative to the knowledge base → the same file relative to the work tree."""
        return f"{self.prefix}{kb_path}".rstrip("/") if kb_path else self.prefix.rstrip("/")

    def kb_path(self, repo_path: str) -> str | None:
        """A work-tree path → the knowledge-base path, or None outside the knowledge base."""
        if not repo_path.startswith(self.prefix):
            return None
        return repo_path[len(self.prefix) :]

    def is_shallow(self) -> bool:
        common = Path(self.repo.common_dir)
        return (common / "shallow").exists()

    def close(self) -> None:
        self.repo.close()

    def __enter__(self) -> KbRepository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_repository(root: Path | str) -> KbRepository:
    """The repository holding the knowledge base at ``root``; :class:`GitUnavailable` if none."""
    root_path = Path(root).resolve()
    if find_git_dir(root_path) is None:
        raise GitUnavailable(f"{root_path} is not inside a git repository")
    try:
        import git
    except ImportError as exc:  # GitPython raises ImportError when no git executable is found
        raise GitUnavailable(f"git cannot be used here ({exc})") from None
    try:
        repo = git.Repo(root_path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise GitUnavailable(f"{root_path} is not inside a usable git repository ({exc})") from None
    if repo.bare or repo.working_tree_dir is None:
        repo.close()
        raise GitUnavailable(f"{root_path} is in a bare git repository, which has no working tree")
    work_tree = Path(str(repo.working_tree_dir)).resolve()
    try:
        relative = root_path.relative_to(work_tree)
    except ValueError:
        repo.close()
        raise GitUnavailable(f"{root_path} is outside the work tree {work_tree}") from None
    posix = PurePosixPath(*relative.parts).as_posix() if relative.parts else ""
    return KbRepository(repo, f"{posix}/" if posix else "")


def git_references(root: Path) -> bytes:
    """HEAD and every reference of the repository holding ``root``, as git states them (or why
    there are none): what a build's fingerprint takes from git, since provenance reads nothing
    else from it."""
    try:
        with open_repository(root) as kb_repo:
            repo = kb_repo.repo
            head = repo.head.commit.hexsha if repo.head.is_valid() else "none"
            refs = sorted(f"{ref.path} {ref.commit.hexsha}" for ref in repo.refs)
            return "\n".join([f"HEAD {head}", *refs]).encode()
    except GitUnavailable as exc:
        # Where the knowledge base lies is no input: a copy or a move of a folder outside git
        # (a CI cache, a colleague's copy of a built example) is as current as the original.
        return f"no git: {exc}".replace(str(Path(root).resolve()), ".").encode()
    except Exception as exc:  # a damaged repository: rebuild every time rather than fail
        return f"unreadable: {type(exc).__name__} {os.urandom(8).hex()}".encode()


@dataclass(frozen=True)
class TaggedRelease:
    """What a release tag (``release/<id>``) holds of its version's folder."""

    tag: str
    digests: dict[str, str] | None
    """Each file of ``guidelines/<id>/`` in the tagged commit and its digest; None if the tagged
    commit has no such folder (the tag does not tag that release)."""
    unreadable: str | None = None
    """Why the tag could not be read (objects missing from a shallow clone), if it could not."""


def release_tag_contents(root: Path | str, version_ids: list[str]) -> dict[str, TaggedRelease]:
    """The release tags of ``version_ids`` that exist, by version id, and what each holds.

    Reads git's objects only, never the working tree or the index; and outside git, or where no
    ``release/`` tag exists, does not even start GitPython.
    """
    if not version_ids:
        return {}
    git_dir = find_git_dir(Path(root))
    if git_dir is None or not _may_have_release_tags(git_dir):
        return {}
    try:
        kb_repo = open_repository(root)
    except GitUnavailable:
        return {}
    with kb_repo:
        tags = {t.path.removeprefix("refs/tags/"): t for t in kb_repo.repo.tags}
        found = {}
        for version_id in version_ids:
            tag = tags.get(release_tag(version_id))
            if tag is not None:
                found[version_id] = _tagged(kb_repo, tag, version_id)
        return found


def _tagged(kb_repo: KbRepository, tag: object, version_id: str) -> TaggedRelease:
    import git

    name = release_tag(version_id)
    try:
        commit = tag.commit  # type: ignore[attr-defined]
        tree = commit.tree / kb_repo.repo_path(f"guidelines/{version_id}")
    except KeyError:
        return TaggedRelease(name, None)
    except (ValueError, git.GitCommandError, git.BadName) as exc:
        hint = f" ({UNSHALLOW_HINT})" if kb_repo.is_shallow() else ""
        return TaggedRelease(name, None, f"{type(exc).__name__}{hint}")
    base = len(tree.path) + 1
    digests = {
        item.path[base:]: file_digest(item.data_stream.read())
        for item in tree.traverse()
        if item.type == "blob" and not any(p.startswith(".") for p in item.path[base:].split("/"))
    }
    return TaggedRelease(name, digests)


def _may_have_release_tags(git_dir: Path) -> bool:
    """A cheap look at the ref store before paying for GitPython: no ``release/`` tag, no work.

    Answers "maybe" for any ref store it does not understand (e.g. reftable), so it never hides
    a tag; it only saves ``redraft check`` the 0.2 s of starting GitPython in the common case.
    """
    common = git_dir
    commondir = git_dir / "commondir"
    if commondir.is_file():
        common = (git_dir / commondir.read_text(encoding="utf-8").strip()).resolve()
    if (common / "reftable").exists() or (common / "refs" / "tags" / "release").is_dir():
        return True
    packed = common / "packed-refs"
    try:
        return f"refs/tags/{RELEASE_TAG_PREFIX}".encode() in packed.read_bytes()
    except OSError:
        return False
