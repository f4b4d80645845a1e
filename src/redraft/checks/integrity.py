"""Proof that a released version is still exactly what was circulated, from its git tag.

The manifest and the hash in ``versions.yml`` prove a released folder unchanged unless someone
rewrote them too.  A release tag (``release/<id>``, made by ``redraft release``) is the record
nobody rewrites by accident: this rule compares the folder with the tree the tag points to and
names every file that differs.  It reads git's objects only, never the working tree's history or
index, and costs nothing outside git or where no release tag exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from redraft.kb.load import VERSIONS_FILE, LoadResult, VersionFiles
from redraft.kb.manifest import differences, file_digest
from redraft.kb.problems import Problem
from redraft.kb.repository import (
    RELEASE_TAG_PREFIX,
    UNSHALLOW_HINT,
    GitUnavailable,
    KbRepository,
    find_git_dir,
    open_repository,
    release_tag,
)


def release_tags_unchanged(root: Path | str, result: LoadResult) -> list[Problem]:
    """Every file of a released version that differs from its release tag's copy."""
    if not result.version_files:
        return []
    git_dir = find_git_dir(Path(root))
    if git_dir is None or not _may_have_release_tags(git_dir):
        return []
    try:
        kb_repo = open_repository(root)
    except GitUnavailable:
        return []
    with kb_repo:
        tags = {t.path.removeprefix("refs/tags/"): t for t in kb_repo.repo.tags}
        problems: list[Problem] = []
        for files in result.version_files:
            tag = tags.get(release_tag(files.version_id))
            if tag is not None:
                problems.extend(_against_tag(kb_repo, tag, files))
        return problems


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


def _against_tag(kb_repo: KbRepository, tag: object, files: VersionFiles) -> Iterator[Problem]:
    import git

    version_id = files.version_id
    tag_name = release_tag(version_id)
    folder = f"guidelines/{version_id}"
    try:
        commit = tag.commit  # type: ignore[attr-defined]
        tree = commit.tree / kb_repo.repo_path(folder)
    except KeyError:
        yield Problem(
            VERSIONS_FILE,
            files.source.line,
            f"the git tag {tag_name} has no {folder}/: it does not tag the release of "
            f"'{version_id}'",
        )
        return
    except (ValueError, git.GitCommandError, git.BadName) as exc:
        hint = f" ({UNSHALLOW_HINT})" if kb_repo.is_shallow() else ""
        yield Problem(
            VERSIONS_FILE,
            files.source.line,
            f"cannot read the git tag {tag_name} ({type(exc).__name__}){hint}",
            "warning",
        )
        return
    base = len(tree.path) + 1
    tagged = {
        item.path[base:]: file_digest(item.data_stream.read())
        for item in tree.traverse()
        if item.type == "blob" and not any(p.startswith(".") for p in item.path[base:].split("/"))
    }
    recorded = files.recorded_digests
    for path, what in differences(tagged, files.actual_digests):
        if (
            files.recorded_hash is not None
            and recorded is not None
            and recorded.get(path) != files.actual_digests.get(path)
        ):
            continue  # the manifest rule already names this file
        yield Problem(
            f"{folder}/{path}",
            1,
            f"{what} of version '{version_id}' according to its git tag {tag_name}: "
            "a released version must not change",
        )
