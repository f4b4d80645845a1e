"""The disposition rules of ``redraft check``: plant one comment in a copy of the example (a reply
from a party that did not reply to the 2019 call) and expect exactly one ``path:line`` problem.

The planted comments target the version the 2019 call was about (CAC/COSP/IRG/2018/CRP.14); the
line is that of the comment's ``- id:`` in the planted file, computed rather than typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from redraft.checks.rules import check

from .conftest import is_planted_drift

PLANTED = "comments/submissions/2019-nv/EGY.yml"


def plant_comment(root: Path, **fields: Any) -> int:
    """Write a reply from Egypt holding one comment; return the line of its ``- id:``."""
    entry = {"id": "egy-2019-1", "type": "technical", "text": "Illustrative comment.", **fields}
    reply = {
        "party": "EGY",
        "call": "2019-nv",
        "received": "2019-02-20",
        "language": "en",
        "text": "Illustrative reply written for a test.",
        "comments": [entry],
    }
    text = yaml.safe_dump(reply, allow_unicode=True, sort_keys=False, width=100)
    (root / PLANTED).write_text(text, encoding="utf-8")
    return text.splitlines().index("- id: egy-2019-1") + 1


def problems(root: Path) -> list[str]:
    """Everything check says, the example's planted translation drift aside."""
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def without_translations(root: Path, guideline: str) -> None:
    """Remove the draft's translations of a guideline whose English a test rewrites: they would
    no longer match it, and check would rightly say so besides the rule under test."""
    for translation in (root / "guidelines/draft").glob(f"{guideline}.??.md"):
        translation.unlink()


def unchanged(version: str = "2019-3", now: str = "") -> str:
    return (
        "warning: comment 'egy-2019-1' is accepted, but the passage it is about reads the same "
        f"in '{version}'{now}, the version said to address it"
    )


def test_pending_comment_cannot_be_addressed(example_copy: Path) -> None:
    line = plant_comment(
        example_copy,
        guideline="transparency",
        paragraph="a",
        disposition="pending",
        addressed_in="2019-3",
    )
    assert problems(example_copy) == [
        f"{PLANTED}:{line}: comment 'egy-2019-1' is pending but says it was addressed in "
        "'2019-3': record the decision or remove addressed_in"
    ]


@pytest.mark.parametrize("earlier", ["2018-3", "2018-crp14"])
def test_addressed_in_must_be_later_than_the_version_commented_on(
    example_copy: Path, earlier: str
) -> None:
    line = plant_comment(
        example_copy,
        guideline="transparency",
        paragraph="a",
        disposition="not-accepted",
        rationale="Illustrative.",
        addressed_in=earlier,
    )
    assert problems(example_copy) == [
        f"{PLANTED}:{line}: comment 'egy-2019-1': addressed_in '{earlier}' is not later than "
        "'2018-crp14', the version commented on"
    ]


def test_addressed_in_must_be_a_version(example_copy: Path) -> None:
    line = plant_comment(
        example_copy,
        guideline="transparency",
        disposition="accepted",
        rationale="Illustrative.",
        addressed_in="2020-1",
    )
    assert problems(example_copy) == [
        f"{PLANTED}:{line}: comment 'egy-2019-1': addressed_in '2020-1' is not a version"
    ]


def test_decision_without_rationale_is_a_warning(example_copy: Path) -> None:
    line = plant_comment(example_copy, guideline="transparency", disposition="noted")
    assert problems(example_copy) == [
        f"{PLANTED}:{line}: warning: comment 'egy-2019-1' is noted without a rationale"
    ]


def test_accepted_without_addressed_in_is_a_warning(example_copy: Path) -> None:
    line = plant_comment(
        example_copy, guideline="transparency", disposition="accepted", rationale="Illustrative."
    )
    assert problems(example_copy) == [
        f"{PLANTED}:{line}: warning: comment 'egy-2019-1' is accepted but names no version that "
        "addressed it (addressed_in)"
    ]


def accepted(root: Path, **target: Any) -> int:
    return plant_comment(
        root, disposition="accepted", rationale="Illustrative.", addressed_in="2019-3", **target
    )


def test_accepted_but_the_quoted_paragraph_reads_the_same(example_copy: Path) -> None:
    line = accepted(
        example_copy, guideline="transparency", paragraph="a", quote="at regular intervals"
    )
    assert problems(example_copy) == [f"{PLANTED}:{line}: {unchanged()}"]


def test_accepted_quote_without_paragraph_compares_the_paragraph_holding_it(
    example_copy: Path,
) -> None:
    """transparency (b) changed in the working draft, but (a), which holds the quote, did not."""
    line = plant_comment(
        example_copy,
        guideline="transparency",
        quote="at regular intervals",
        disposition="accepted",
        rationale="Illustrative.",
        addressed_in="draft",
    )
    assert problems(example_copy) == [f"{PLANTED}:{line}: {unchanged('draft')}"]


def test_accepted_whole_guideline_that_reads_the_same(example_copy: Path) -> None:
    """2019-3 removed the explanatory notes, so plant CRP.14's whole text back in the draft."""
    released = (example_copy / "guidelines/2018-crp14/social-reuse.md").read_text(encoding="utf-8")
    draft = example_copy / "guidelines/draft/social-reuse.md"
    without_translations(example_copy, "social-reuse")
    front = draft.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    draft.write_text(front + "\n---\n" + released.split("\n---\n", 1)[1], encoding="utf-8")
    line = plant_comment(
        example_copy,
        guideline="social-reuse",
        disposition="accepted",
        rationale="Illustrative.",
        addressed_in="draft",
    )
    assert problems(example_copy) == [f"{PLANTED}:{line}: {unchanged('draft')}"]


def test_accepted_whole_guideline_is_silent_once_its_note_was_removed(example_copy: Path) -> None:
    accepted(example_copy, guideline="social-reuse")
    assert problems(example_copy) == []


def test_accepted_and_changed_is_silent(example_copy: Path) -> None:
    """record-keeping (b) was reworded for 2019-3."""
    accepted(example_copy, guideline="record-keeping", paragraph="b")
    assert problems(example_copy) == []


def test_accepted_follows_a_move_within_the_guideline(example_copy: Path) -> None:
    draft = example_copy / "guidelines/draft/social-reuse.md"
    text = draft.read_text(encoding="utf-8")
    marked = "subject to monitoring."
    assert marked in text, "the example changed: update the test"
    draft.write_text(text.replace(marked, marked + " {#criteria}", 1), encoding="utf-8")
    without_translations(example_copy, "social-reuse")
    line = plant_comment(
        example_copy,
        guideline="social-reuse",
        paragraph="b",
        disposition="accepted",
        rationale="Illustrative.",
        addressed_in="draft",
    )
    assert problems(example_copy) == [
        f"{PLANTED}:{line}: {unchanged('draft', ' (now guideline 12, paragraph (b))')}"
    ]


def test_accepted_follows_an_editors_retarget(example_copy: Path) -> None:
    """seized-companies was split in 2019-3; its paragraph (b) lives on, verbatim, in
    company-continuity (a).  An editor's record says so, and the rule follows it."""
    line = accepted(
        example_copy,
        guideline="seized-companies",
        paragraph="b",
        retarget=[
            {
                "version": "2019-3",
                "guideline": "company-continuity",
                "paragraph": "a",
                "by": "A. Editor",
                "date": "2019-04-01",
            }
        ],
    )
    assert problems(example_copy) == [
        f"{PLANTED}:{line}: {unchanged('2019-3', ' (now guideline 9, paragraph (a))')}"
    ]


@pytest.mark.parametrize(
    ("guideline", "why"),
    [
        ("seized-companies", "split in 2019-3: the same words, but in another guideline"),
        ("interim-use", "deleted in 2019-3"),
    ],
)
def test_accepted_is_silent_when_the_guideline_was_merged_split_or_deleted(
    example_copy: Path, guideline: str, why: str
) -> None:
    accepted(example_copy, guideline=guideline, paragraph="b")
    assert problems(example_copy) == [], why
