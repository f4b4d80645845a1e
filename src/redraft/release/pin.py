"""Nothing frozen points at the draft: a release names the new version where decisions said
``draft``.

While revising, an editor records that a comment is addressed in the working draft
(``addressed_in: draft``) or that it now belongs to a passage of the draft (a retarget with
``version: draft``).  Once the draft is released, ``draft`` means the next revision, which keeps
changing: left as it was, the decision would describe a text nobody circulated, and a retarget's
quote would break as soon as the draft moves on.  So the release rewrites each such ``draft`` to
the id of the version it creates, in the same commit.

The submission files are the editor's, so this is a targeted edit like the one made to
``versions.yml`` (:mod:`.versions_file`): on each line the loader located, only the value
``draft`` is replaced, and the file is parsed back and compared with the intended data before
anything is written.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from redraft.kb.model import DRAFT, KnowledgeBase
from redraft.kb.sources import FileSource
from redraft.kb.yamlio import LocatedData, YamlError, load_yaml
from redraft.release.errors import ReleaseRefused
from redraft.release.inputs import read_if_there
from redraft.release.versions_file import yaml_scalar

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class PinnedFile:
    """One submission file whose decisions name the draft: its bytes before, its text after,
    and the comments whose ``draft`` became the released version."""

    path: str
    before: bytes
    after: str
    comments: tuple[str, ...]


def pin_draft(files: FileSource, kb: KnowledgeBase, version_id: str) -> tuple[PinnedFile, ...]:
    """Every submission file naming ``draft`` in an ``addressed_in`` or a retarget's
    ``version``, rewritten to name ``version_id``; refused if a file cannot be edited so."""
    paths = dict.fromkeys(
        comment.source.path
        for comment in kb.comments()
        if comment.addressed_in == DRAFT or any(r.version == DRAFT for r in comment.retargets)
    )
    return tuple(_pinned(files, path, version_id) for path in paths)


def _pinned(files: FileSource, path: str, version_id: str) -> PinnedFile:
    before = read_if_there(files, path)
    if before is None:  # check has just read it: only a race gets here
        raise ReleaseRefused(f"{path}: removed while releasing")
    try:
        located = load_yaml(before.decode("utf-8"))
    except (YamlError, UnicodeDecodeError) as exc:  # check passed: only a race gets here
        raise ReleaseRefused(f"{path}: cannot be read again ({exc})") from None
    lines = before.decode("utf-8").splitlines(keepends=True)
    expected = copy.deepcopy(located.value)
    pinned: list[str] = []
    value = yaml_scalar(version_id)
    for loc in _draft_locations(located):
        line = located.line(loc)
        lines[line - 1] = _replaced(path, line, lines[line - 1], str(loc[-1]), value)
        _set(expected, loc, version_id)
        comment_id = str(expected["comments"][loc[1]].get("id"))
        if comment_id not in pinned:
            pinned.append(comment_id)
    after = "".join(lines)
    try:
        again = load_yaml(after).value
    except YamlError:
        again = None
    if again != expected:
        raise ReleaseRefused(
            f"{path}: cannot name '{version_id}' where its decisions say '{DRAFT}' without "
            f"changing other lines; replace '{DRAFT}' by '{version_id}' there by hand"
        )
    return PinnedFile(path, before, after, tuple(pinned))


def _draft_locations(located: LocatedData) -> Iterator[Loc]:
    data = located.value
    comments = data.get("comments") if isinstance(data, Mapping) else None
    for index, comment in enumerate(comments if isinstance(comments, list) else ()):
        if not isinstance(comment, Mapping):
            continue
        if comment.get("addressed_in") == DRAFT:
            yield ("comments", index, "addressed_in")
        records = comment.get("retarget")
        for r_index, record in enumerate(records if isinstance(records, list) else ()):
            if isinstance(record, Mapping) and record.get("version") == DRAFT:
                yield ("comments", index, "retarget", r_index, "version")


def _replaced(path: str, line: int, text: str, key: str, value: str) -> str:
    """``text`` (one line) with the value ``draft`` of ``key`` replaced by ``value``: the
    indentation, a leading ``- ``, the quoting style's absence and a trailing comment stay."""
    pattern = re.compile(
        rf"^(?P<head>\s*(?:-\s+)?{re.escape(key)}\s*:\s*)(?P<q>['\"]?){DRAFT}(?P=q)"
        r"(?P<tail>\s*(?:#.*)?(?:\r?\n)?)$"
    )
    match = pattern.match(text)
    if match is None:
        raise ReleaseRefused(
            f"{path}:{line}: '{key}: {DRAFT}' is not written on one line here; write it so, "
            "or name the version by hand"
        )
    return f"{match['head']}{value}{match['tail']}"


def _set(data: Any, loc: Loc, value: str) -> None:
    target = data
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
