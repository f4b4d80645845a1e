"""A redline as plain data for ``json.dumps``: ids, kinds and ``[op, text]`` pairs.

Nothing is rendered here, so a script gets the same facts the other forms show (see
docs/redlines.md, ``--format json``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from redraft.redline.compare import GuidelineChange, ParagraphRedline, VersionDiff
from redraft.redline.render.words import paragraph_origin, shown_guidelines

__all__ = ["to_json"]


def to_json(diff: VersionDiff) -> dict[str, Any]:
    """Plain data for ``json.dumps``: ids, kinds and ``[op, text]`` pairs, nothing rendered.

    ``guidelines`` holds the changed guidelines (or, with a guideline filter, every guideline
    asked for); each paragraph's ops rebuild its text in both versions.
    """
    return {
        "from": diff.from_id,
        "to": diff.to_id,
        "forward": diff.forward,
        "guideline": diff.guideline_filter,
        "language": diff.language,
        "summary": {
            "counts": dict(diff.summary.counts),
            "guidelines": {kind: list(ids) for kind, ids in diff.summary.guidelines.items()},
            "parts": {kind: list(ids) for kind, ids in diff.summary.parts.items()},
            "unchanged": list(diff.summary.unchanged),
            "untranslated": list(diff.untranslated),
        },
        "title": _ops_json(diff.title_ops),
        "introduction": [_paragraph_json(p) for p in diff.introduction],
        "parts": [
            {
                "id": part.id,
                "changes": list(part.changes),
                "from_number": part.from_number,
                "to_number": part.to_number,
                "title": _ops_json(part.title_ops),
            }
            for part in diff.parts
        ],
        "guidelines": [_guideline_json(g, diff.forward) for g in shown_guidelines(diff)],
    }


def _ops_json(ops: Iterable[tuple[str, str]]) -> list[list[str]]:
    return [[op, text] for op, text in ops]


def _paragraph_json(p: ParagraphRedline, forward: bool = True) -> dict[str, Any]:
    """A paragraph; one carried over by a merge or split also says which guideline (id and
    printed number) holds its other side, and ``origin`` says so in words."""
    return {
        "id": p.id,
        "from_id": p.from_id,
        "to_id": p.to_id,
        "from_label": p.from_label if p.from_id is not None else None,
        "to_label": p.to_label if p.to_id is not None else None,
        "status": p.status,
        "moved": p.moved,
        "from_guideline": p.from_guideline,
        "from_number": p.from_number,
        "to_guideline": p.to_guideline,
        "to_number": p.to_number,
        "origin": paragraph_origin(p, forward),
        "ops": _ops_json(p.ops),
    }


def _guideline_json(change: GuidelineChange, forward: bool) -> dict[str, Any]:
    return {
        "id": change.id,
        "changes": list(change.changes),
        "from_number": change.from_number,
        "to_number": change.to_number,
        "from_part": change.from_part,
        "to_part": change.to_part,
        "title": _ops_json(change.title_ops),
        "merged_from": list(change.merged_from),
        "merged_into": list(change.merged_into),
        "split_from": list(change.split_from),
        "split_into": list(change.split_into),
        "replaces": list(change.replaces),
        "replaced_by": list(change.replaced_by),
        "paragraphs": [_paragraph_json(p, forward) for p in change.paragraphs],
        "note": [_paragraph_json(p, forward) for p in change.note],
        "footnotes": [_paragraph_json(p, forward) for p in change.footnotes],
        "untranslated_in": list(change.untranslated_in),
    }
