"""A new call for comments, appended to ``comments/calls.yml`` as the editor would write it.

A call invites comments on a text that was circulated, so its version is a released one: a
call on the working draft would have its comments quote words the editor is still changing,
and the release would then be blocked by quotes that no longer match.  The id, when the editor
gives none, follows the example's pattern (``2019-nv``: the year of the note verbale), with
``-2``, ``-3``… for a second call in one year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from redraft.editing.changeset import Changeset, EditRefused, UnknownName
from redraft.editing.yamledit import edit, move_following_comments
from redraft.kb.load import CALLS_FILE
from redraft.kb.model import KnowledgeBase, Version

NEW_CALLS_FILE = (
    "# Calls for comments: the notes verbales by which the Secretariat invited comments.\ncalls:\n"
)
"""The file a first call starts (the example's own heading)."""


@dataclass(frozen=True)
class NewCall:
    """What the editor asked for; ``invited`` is ``None`` for every party of type state."""

    reference: str
    date: dt.date
    version: str
    deadline: dt.date
    invited: tuple[str, ...] | None
    title: str | None = None
    id: str | None = None


def released_version(kb: KnowledgeBase, wanted: str) -> Version | None:
    """The released version named by id or by symbol (``CAC/COSP/WG.2/2019/3``)."""
    for version in kb.released:
        if wanted in (version.id, version.symbol):
            return version
    return None


def derived_call_id(day: dt.date, taken: Sequence[str]) -> str:
    """``<year>-nv``, the example's pattern; ``<year>-nv-2`` and on if that is taken."""
    stem = f"{day.year}-nv"
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def call_entry(call: NewCall, call_id: str, version_id: str) -> CommentedMap:
    """The call's fields in the order docs/format.md gives them; a list of invited parties is
    written on one line (``[AUT, FRA]``), as the editor would."""
    entry = CommentedMap()
    entry["id"] = call_id
    entry["reference"] = call.reference
    entry["date"] = call.date
    entry["version"] = version_id
    entry["deadline"] = call.deadline
    if call.invited is None:
        entry["invited"] = "all"
    else:
        codes = CommentedSeq(call.invited)
        codes.fa.set_flow_style()
        entry["invited"] = codes
    if call.title:
        entry["title"] = call.title
    return entry


def add_call(changeset: Changeset, kb: KnowledgeBase, call: NewCall) -> str:
    """Append ``call`` to ``comments/calls.yml`` in ``changeset``; returns its id.

    Refused (:class:`EditRefused`) when the version is not released, the id is taken, or the
    deadline comes before the call."""
    version = released_version(kb, call.version)
    if version is None:
        if call.version == "draft" or kb.version(call.version) is not None:
            raise EditRefused(
                f"'{call.version}' is the working draft: a call is about a released version "
                "(release the draft with `redraft release` first, then call for comments on it)"
            )
        known = ", ".join(v.id for v in kb.released) or "none"
        raise UnknownName(f"unknown version '{call.version}' (the released versions are: {known})")
    if call.deadline < call.date:
        raise EditRefused(f"the deadline {call.deadline} is before the call's date {call.date}")
    taken = [c.id for c in kb.calls]
    call_id = call.id or derived_call_id(call.date, taken)
    if call_id in taken:
        existing = kb.call(call_id)
        where = f"{existing.source}: " if existing is not None else ""
        raise EditRefused(f"{where}the call id '{call_id}' is taken; give another with --id")
    entry = call_entry(call, call_id, version.id)

    def append(data: Any) -> None:
        if not isinstance(data, dict):
            raise EditRefused(f"{CALLS_FILE}:1: expected a list 'calls:'; fix the file first")
        calls = data.get("calls")
        if calls is None or calls == []:  # a first call: written as a block list
            data["calls"] = CommentedSeq([entry])
        elif isinstance(calls, list):
            calls.append(entry)
            if len(calls) > 1:
                move_following_comments(calls, len(calls) - 2, len(calls) - 1)
        else:
            raise EditRefused(f"{CALLS_FILE}:1: expected a list 'calls:'; fix the file first")

    text = changeset.text(CALLS_FILE)
    changeset.write(CALLS_FILE, edit(CALLS_FILE, text or NEW_CALLS_FILE, append))
    return call_id
