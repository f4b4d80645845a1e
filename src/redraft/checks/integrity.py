"""Proof that a released version is still exactly what was circulated, from its git tag.

The manifest and the hash in ``versions.yml`` prove a released folder unchanged unless someone
rewrote them too.  A release tag (``release/<id>``, made by ``redraft release``) is the record
nobody rewrites by accident: this rule compares the folder with the tree the tag points to and
names every file that differs.  What the tags hold is read by
:func:`redraft.kb.repository.release_tag_contents` and passed in; this module reads nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from redraft.kb.load import VERSIONS_FILE, LoadResult, VersionFiles
from redraft.kb.manifest import differences
from redraft.kb.problems import Problem
from redraft.kb.repository import TaggedRelease, release_tag


def how_to_restore(version_id: str, path: str, what: str, *, tagged: bool) -> str:
    """What the editor does about a released file that changed: a file added since release is
    removed; one changed or removed is taken back from the release tag (``release/<id>``, made
    by ``redraft release``).  A version sealed without a tag (released before Redraft) has none:
    then git's last commit holds it, as long as the change is not committed."""
    if what.startswith("added"):
        return f"remove {path}"
    restore = f"restore it with `git checkout {release_tag(version_id)} -- {path}`"
    if tagged:
        return restore
    return f"{restore} (without that tag, `git checkout HEAD -- {path}` if not yet committed)"


def release_tags_unchanged(
    result: LoadResult, tagged: Mapping[str, TaggedRelease]
) -> list[Problem]:
    """Every file of a released version that differs from its release tag's copy (``tagged``:
    the release tags found, by version id)."""
    problems: list[Problem] = []
    for files in result.version_files:
        release = tagged.get(files.version_id)
        if release is not None:
            problems.extend(_against_tag(release, files))
    return problems


def _against_tag(release: TaggedRelease, files: VersionFiles) -> Iterator[Problem]:
    version_id = files.version_id
    folder = f"guidelines/{version_id}"
    if release.unreadable is not None:
        yield Problem(
            VERSIONS_FILE,
            files.source.line,
            f"cannot read the git tag {release.tag} ({release.unreadable})",
            "warning",
        )
        return
    if release.digests is None:
        yield Problem(
            VERSIONS_FILE,
            files.source.line,
            f"the git tag {release.tag} has no {folder}/: it does not tag the release of "
            f"'{version_id}'",
        )
        return
    recorded = files.recorded_digests
    for path, what in differences(release.digests, files.actual_digests):
        if (
            files.recorded_hash is not None
            and recorded is not None
            and recorded.get(path) != files.actual_digests.get(path)
        ):
            continue  # the manifest rule already names this file
        yield Problem(
            f"{folder}/{path}",
            1,
            f"{what} of version '{version_id}' according to its git tag {release.tag}: "
            "a released version must not change; "
            + how_to_restore(version_id, f"{folder}/{path}", what, tagged=True),
        )
