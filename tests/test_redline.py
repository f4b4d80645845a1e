"""The structural and textual diff between versions (redraft.redline.compare).

The expectations about the example were read from its front matter and outlines
(guidelines/<version>/outline.yml and each guideline's ``number``, ``part`` and lineage fields),
not from the code under test.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redraft.kb.model import (
    Guideline,
    GuidelineText,
    KnowledgeBase,
    Paragraph,
    Part,
    Settings,
    Source,
    Version,
)
from redraft.kb.versionspec import VersionNotFound, lookup_version
from redraft.redline.compare import (
    KINDS,
    GuidelineChange,
    GuidelineNotFound,
    VersionDiff,
    compare_versions,
    diff_versions,
    mirror_ops,
)
from redraft.redline.textdiff import new_text, old_text

from .redline_kbs import Gl, Pt, build_kb, one_part

EXAMPLE_VERSIONS = ("2018-3", "2018-crp14", "2019-3", "draft")


def ids(diff: VersionDiff, kind: str) -> set[str]:
    return set(diff.summary.guidelines[kind])


def change(diff: VersionDiff, guideline_id: str) -> GuidelineChange:
    found = diff.guideline(guideline_id)
    assert found is not None, f"{guideline_id} missing from the diff"
    return found


# --------------------------------------------------------------------------------------------
# The example: first version against the working draft
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_to_latest(example_kb: KnowledgeBase) -> VersionDiff:
    return diff_versions(example_kb, "2018-3", "draft")


def test_example_additions_and_deletions(first_to_latest: VersionDiff) -> None:
    assert ids(first_to_latest, "added") == {
        "sale-before-confiscation",  # crp14: merges guidelines 7 and 8
        "seized-virtual-assets",  # crp14: new
        "company-manager",  # 2019-3: split from seized-companies
        "company-continuity",  # 2019-3: split from seized-companies
    }
    assert ids(first_to_latest, "deleted") == {
        "interlocutory-sale",
        "sale-with-consent",
        "seized-companies",
        "interim-use",  # 2019-3: dropped without a successor
    }
    interim = change(first_to_latest, "interim-use")
    assert interim.changes == ("deleted",)
    assert interim.related == ()
    virtual = change(first_to_latest, "seized-virtual-assets")
    assert virtual.changes == ("added",)


def test_example_merge_two_versions_back_still_shows(first_to_latest: VersionDiff) -> None:
    merged = change(first_to_latest, "sale-before-confiscation")
    assert merged.changes == ("added", "merged")
    assert merged.merged_from == ("interlocutory-sale", "sale-with-consent")
    assert (merged.from_number, merged.to_number) == (None, "8")
    for source in ("interlocutory-sale", "sale-with-consent"):
        gone = change(first_to_latest, source)
        assert gone.changes == ("deleted", "merged-into")
        assert gone.merged_into == ("sale-before-confiscation",)
    assert ids(first_to_latest, "merged") == {"sale-before-confiscation"}
    assert ids(first_to_latest, "merged-into") == {"interlocutory-sale", "sale-with-consent"}


def test_example_split(first_to_latest: VersionDiff) -> None:
    source = change(first_to_latest, "seized-companies")
    assert source.changes == ("deleted", "split-into")
    assert source.split_into == ("company-manager", "company-continuity")
    for part_id in ("company-manager", "company-continuity"):
        assert change(first_to_latest, part_id).split_from == ("seized-companies",)
    assert ids(first_to_latest, "split") == {"company-manager", "company-continuity"}


def test_example_renumbering_and_moves(first_to_latest: VersionDiff) -> None:
    numbers = {
        g.id: (g.from_number, g.to_number)
        for g in first_to_latest.guidelines
        if "renumbered" in g.changes
    }
    assert numbers == {
        "interlocutory-costs": ("11", "5"),
        "office-powers": ("5", "6"),
        "record-keeping": ("6", "7"),
    }
    # Moved: another part.  office-powers only changed number: it kept its place among the
    # guidelines that part I has in both versions.
    assert ids(first_to_latest, "moved") == {"interlocutory-costs", "record-keeping"}
    costs = change(first_to_latest, "interlocutory-costs")
    assert (costs.from_part, costs.to_part) == ("management", "planning")
    keeping = change(first_to_latest, "record-keeping")
    assert (keeping.from_part, keeping.to_part) == ("planning", "management")


def test_example_explanatory_notes_removed(first_to_latest: VersionDiff) -> None:
    in_both = {g.id for g in first_to_latest.guidelines if g.from_number and g.to_number}
    assert len(in_both) == 12
    assert ids(first_to_latest, "note-removed") == in_both
    assert all(change(first_to_latest, g).note_removed for g in in_both)
    removed = change(first_to_latest, "asset-management-office")
    assert removed.changes == ("note-removed",)
    assert all(p.status == "deleted" for p in removed.note)
    assert all(p.status == "unchanged" for p in removed.paragraphs)


def test_example_part_retitled(first_to_latest: VersionDiff) -> None:
    assert first_to_latest.summary.parts["retitled"] == ("management",)
    assert not any(
        first_to_latest.summary.parts[k] for k in ("added", "deleted", "renumbered", "moved")
    )


def test_example_every_guideline_of_both_versions_once(
    example_kb: KnowledgeBase, first_to_latest: VersionDiff
) -> None:
    old, new = example_kb.version("2018-3"), example_kb.version("draft")
    assert old is not None and new is not None
    listed = [g.id for g in first_to_latest.guidelines]
    assert len(listed) == len(set(listed))
    assert set(listed) == {g.id for g in old.guidelines} | {g.id for g in new.guidelines}


def test_example_deleted_guidelines_sit_before_what_they_became(
    first_to_latest: VersionDiff,
) -> None:
    order = [g.id for g in first_to_latest.guidelines]
    assert order.index("sale-with-consent") + 1 == order.index("sale-before-confiscation")
    assert order.index("seized-companies") + 1 == order.index("company-manager")


@pytest.mark.parametrize(
    ("older", "newer", "expected"),
    [
        (
            "2018-3",
            "2018-crp14",
            {
                "added": {"sale-before-confiscation", "seized-virtual-assets"},
                "deleted": {"interlocutory-sale", "sale-with-consent"},
                "merged": {"sale-before-confiscation"},
                "moved": {"record-keeping"},
                "renumbered": {"seized-companies"},
                "split": set(),
                "note-removed": set(),
            },
        ),
        (
            "2018-crp14",
            "2019-3",
            {
                "added": {"company-manager", "company-continuity"},
                "deleted": {"seized-companies", "interim-use"},
                "merged": set(),
                "split": {"company-manager", "company-continuity"},
                "moved": set(),
                "renumbered": {"seized-virtual-assets"},
            },
        ),
        (
            "2019-3",
            "draft",
            {
                "added": set(),
                "deleted": set(),
                "merged": set(),
                "split": set(),
                "moved": {"interlocutory-costs"},
                "renumbered": {
                    "interlocutory-costs",
                    "office-powers",
                    "record-keeping",
                    "sale-before-confiscation",
                    "company-manager",
                    "company-continuity",
                    "seized-virtual-assets",
                },
                "note-removed": set(),
            },
        ),
    ],
)
def test_example_each_release_step(
    example_kb: KnowledgeBase, older: str, newer: str, expected: dict[str, set[str]]
) -> None:
    diff = diff_versions(example_kb, older, newer)
    for kind, wanted in expected.items():
        assert ids(diff, kind) == wanted, kind


def test_example_notes_removed_in_2019_3(example_kb: KnowledgeBase) -> None:
    diff = diff_versions(example_kb, "2018-crp14", "2019-3")
    crp14, v2019 = example_kb.version("2018-crp14"), example_kb.version("2019-3")
    assert crp14 is not None and v2019 is not None
    kept = {g.id for g in crp14.guidelines} & {g.id for g in v2019.guidelines}
    assert ids(diff, "note-removed") == kept


def test_example_relettered_paragraph_keeps_its_anchor(example_kb: KnowledgeBase) -> None:
    diff = diff_versions(example_kb, "2018-3", "2018-crp14", guideline="pre-seizure-planning")
    planning = change(diff, "pre-seizure-planning")
    by_id = {p.id: p for p in planning.paragraphs}
    # (b) became (c) {#b}: the same paragraph, relettered, wording untouched
    assert (by_id["b"].from_label, by_id["b"].to_label) == ("(b)", "(c)")
    assert by_id["b"].status == "unchanged" and by_id["b"].relabelled
    assert by_id["office-role"].status == "inserted"
    assert [p.id for p in planning.paragraphs] == ["a", "office-role", "b", "c"]
    assert "relabelled" in planning.changes and "reworded" in planning.changes


# --------------------------------------------------------------------------------------------
# Properties on the example: identity, mirror, lossless
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", EXAMPLE_VERSIONS)
def test_diff_with_itself_has_no_changes(example_kb: KnowledgeBase, version: str) -> None:
    diff = diff_versions(example_kb, version, version)
    assert not diff.has_changes
    assert diff.changed_guidelines == ()
    assert all(not ids(diff, kind) for kind in KINDS)
    assert all(not p.changed for g in diff.guidelines for p in (*g.paragraphs, *g.note))


def _mirrored(diff: VersionDiff) -> dict[str, tuple[object, ...]]:
    """Each guideline's change as it should read in the other direction."""
    swap = {"added": "deleted", "deleted": "added", "note-added": "note-removed"}
    swap |= {"note-removed": "note-added"}
    out: dict[str, tuple[object, ...]] = {}
    for g in diff.guidelines:
        paragraphs = sorted(
            (p.to_id or "", p.from_id or "", p.to_label, p.from_label, mirror_ops(p.ops))
            for p in (*g.paragraphs, *g.note)
        )
        out[g.id] = (
            sorted(swap.get(k, k) for k in g.changes),
            g.to_number,
            g.from_number,
            g.to_part,
            g.from_part,
            mirror_ops(g.title_ops),
            paragraphs,
            g.related,
        )
    return out


def _as_read(diff: VersionDiff) -> dict[str, tuple[object, ...]]:
    out: dict[str, tuple[object, ...]] = {}
    for g in diff.guidelines:
        paragraphs = sorted(
            (p.from_id or "", p.to_id or "", p.from_label, p.to_label, p.ops)
            for p in (*g.paragraphs, *g.note)
        )
        out[g.id] = (
            sorted(g.changes),
            g.from_number,
            g.to_number,
            g.from_part,
            g.to_part,
            g.title_ops,
            paragraphs,
            g.related,
        )
    return out


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(EXAMPLE_VERSIONS, 2)))
def test_diff_and_reverse_diff_mirror_each_other(example_kb: KnowledgeBase, a: str, b: str) -> None:
    forward = diff_versions(example_kb, a, b)
    backward = diff_versions(example_kb, b, a)
    assert forward.forward and not backward.forward
    assert ids(forward, "added") == ids(backward, "deleted")
    assert ids(forward, "deleted") == ids(backward, "added")
    assert ids(forward, "note-removed") == ids(backward, "note-added")
    for kind in ("renumbered", "moved", "reworded", "merged", "split", "merged-into"):
        assert ids(forward, kind) == ids(backward, kind)
    assert _mirrored(forward) == _as_read(backward)


def _check_lossless(diff: VersionDiff, old: Version, new: Version) -> None:
    for g in diff.guidelines:
        before, after = old.guideline(g.id), new.guideline(g.id)
        for section, redlines in (("body", g.paragraphs), ("note", g.note)):
            old_ps = (
                (before.text.paragraphs if section == "body" else before.text.note)
                if before
                else ()
            )
            new_ps = (
                (after.text.paragraphs if section == "body" else after.text.note) if after else ()
            )
            # A paragraph carried over by a merge or split has its other side in another
            # guideline: every paragraph of this guideline is still on its own side exactly once.
            own_old = [p.from_id for p in redlines if p.from_id and p.from_guideline is None]
            own_new = [p.to_id for p in redlines if p.to_id and p.to_guideline is None]
            assert sorted(own_old) == sorted(p.id for p in old_ps)
            assert sorted(own_new) == sorted(p.id for p in new_ps)

            def text_of(version: Version, gid: str | None, pid: str | None, own: str) -> str:
                if pid is None:
                    return ""
                holder = version.guideline(gid or own)
                assert holder is not None
                found = holder.text.paragraph(pid)
                assert found is not None
                return found.text

            for p in redlines:
                assert old_text(p.ops) == text_of(old, p.from_guideline, p.from_id, g.id)
                assert new_text(p.ops) == text_of(
                    new, p.to_guideline if p.to_id else None, p.to_id, g.id
                )
        assert old_text(g.title_ops) == (before.title if before else "")
        assert new_text(g.title_ops) == (after.title if after else "")


@pytest.mark.parametrize(("a", "b"), list(itertools.permutations(EXAMPLE_VERSIONS, 2)))
def test_paragraph_ops_rebuild_both_texts(example_kb: KnowledgeBase, a: str, b: str) -> None:
    old, new = lookup_version(example_kb, a), lookup_version(example_kb, b)
    _check_lossless(diff_versions(example_kb, a, b), old, new)


# --------------------------------------------------------------------------------------------
# Version specs and guideline filter
# --------------------------------------------------------------------------------------------


def test_lookup_version_by_id_and_symbol(example_kb: KnowledgeBase) -> None:
    assert lookup_version(example_kb, "2019-3").id == "2019-3"
    assert lookup_version(example_kb, "CAC/COSP/WG.2/2019/3").id == "2019-3"
    assert lookup_version(example_kb, "draft").is_draft


def test_unknown_version_lists_the_known_ones(example_kb: KnowledgeBase) -> None:
    with pytest.raises(VersionNotFound) as caught:
        diff_versions(example_kb, "2017-1", "draft")
    message = str(caught.value)
    assert "'2017-1'" in message and "\n" not in message
    for version in EXAMPLE_VERSIONS:
        assert version in message


def test_unknown_guideline(example_kb: KnowledgeBase) -> None:
    with pytest.raises(GuidelineNotFound, match="no-such-guideline"):
        diff_versions(example_kb, "2018-3", "draft", guideline="no-such-guideline")


def test_guideline_filter_brings_its_lineage(example_kb: KnowledgeBase) -> None:
    diff = diff_versions(example_kb, "2018-3", "draft", guideline="seized-companies")
    assert [g.id for g in diff.guidelines] == [
        "seized-companies",
        "company-manager",
        "company-continuity",
    ]
    alone = diff_versions(example_kb, "2019-3", "draft", guideline="asset-assessment")
    assert [g.id for g in alone.guidelines] == ["asset-assessment"]
    assert not alone.has_changes


# --------------------------------------------------------------------------------------------
# Purpose-made knowledge bases for the edge cases
# --------------------------------------------------------------------------------------------


def test_relettered_paragraph_with_explicit_id_is_a_relabel(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("g", "1", "(a) First.\n\n(b) Second point."))),
            (
                "draft",
                one_part(
                    Gl("g", "1", "(a) First.\n\n(b) Inserted. {#new}\n\n(c) Second point. {#b}")
                ),
            ),
        ],
    )
    g = change(diff_versions(kb, "v1", "draft"), "g")
    moved_b = next(p for p in g.paragraphs if p.id == "b")
    assert (moved_b.from_label, moved_b.to_label, moved_b.status) == ("(b)", "(c)", "unchanged")
    assert [(p.id, p.status) for p in g.paragraphs] == [
        ("a", "unchanged"),
        ("new", "inserted"),
        ("b", "unchanged"),
    ]
    assert g.changes == ("reworded", "relabelled")


def test_relabel_only_is_not_a_rewording(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("g", "1", "(a) First. {#one}\n\n(b) Second. {#two}"))),
            ("draft", one_part(Gl("g", "1", "(i) First. {#one}\n\n(ii) Second. {#two}"))),
        ],
    )
    g = change(diff_versions(kb, "v1", "draft"), "g")
    assert g.changes == ("relabelled",)
    assert all(p.status == "unchanged" for p in g.paragraphs)


def test_rewrapped_paragraph_is_no_change(tmp_path: Path) -> None:
    text = "States should consider establishing an office to manage seized assets, with staff."
    rewrapped = text.replace(" an office ", "\nan   office\n").replace(", with", ",\n   with")
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("g", "1", f"(a) {text}\n\n## Explanatory note\n\nWhy it matters."))),
            (
                "draft",
                one_part(
                    Gl("g", "1", f"(a) {rewrapped}\n\n## Explanatory note\n\nWhy\nit matters.")
                ),
            ),
        ],
    )
    diff = diff_versions(kb, "v1", "draft")
    assert not diff.has_changes
    assert change(diff, "g").changes == ()


def test_note_removed_and_added(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            (
                "v1",
                one_part(
                    Gl("kept", "1", "(a) Text.\n\n## Explanatory note\n\nA note.\n\nMore."),
                    Gl("plain", "2", "(a) Text."),
                ),
            ),
            (
                "draft",
                one_part(
                    Gl("kept", "1", "(a) Text."),
                    Gl("plain", "2", "(a) Text.\n\n## Explanatory note\n\nNew note."),
                ),
            ),
        ],
    )
    diff = diff_versions(kb, "v1", "draft")
    kept, plain = change(diff, "kept"), change(diff, "plain")
    assert kept.changes == ("note-removed",) and kept.note_removed
    assert [p.status for p in kept.note] == ["deleted", "deleted"]
    assert plain.changes == ("note-added",) and plain.note_added
    assert [new_text(p.ops) for p in plain.note] == ["New note."]
    back = diff_versions(kb, "draft", "v1")
    assert change(back, "kept").changes == ("note-added",)
    assert change(back, "plain").changes == ("note-removed",)


def test_note_reworded_is_kept_apart_from_the_guideline_text(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("g", "1", "(a) Text.\n\n## Explanatory note\n\nOld reason."))),
            ("draft", one_part(Gl("g", "1", "(a) Text.\n\n## Explanatory note\n\nNew reason."))),
        ],
    )
    assert change(diff_versions(kb, "v1", "draft"), "g").changes == ("note-reworded",)


def test_guideline_moved_between_parts(tmp_path: Path) -> None:
    def parts(first: list[Gl], second: list[Gl]) -> list[Pt]:
        return [Pt("one", "I", "One", first), Pt("two", "II", "Two", second)]

    a, b, c, d = (Gl(x, str(i + 1), f"(a) Text of {x}.") for i, x in enumerate("abcd"))
    kb = build_kb(
        tmp_path,
        [
            ("v1", parts([a, b], [c, d])),
            ("draft", parts([a], [Gl("b", "2", b.body), Gl("c", "3", c.body), d])),
        ],
    )
    diff = diff_versions(kb, "v1", "draft")
    moved = change(diff, "b")
    assert moved.changes == ("moved",)
    assert (moved.from_part, moved.to_part) == ("one", "two")
    # c and d were not moved: b arrived before them, they kept their order
    assert ids(diff, "moved") == {"b"}


def test_insertion_moves_nothing_but_a_reordering_does(tmp_path: Path) -> None:
    def g(gid: str, number: int) -> Gl:
        return Gl(gid, str(number), f"(a) Text of {gid}.")

    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(g("a", 1), g("b", 2), g("c", 3), g("d", 4))),
            ("v2", one_part(g("a", 1), g("new", 2), g("b", 3), g("c", 4), g("d", 5))),
            ("draft", one_part(g("b", 1), g("c", 2), g("a", 3), g("d", 4))),
        ],
    )
    inserted = diff_versions(kb, "v1", "v2")
    assert ids(inserted, "moved") == set()
    assert ids(inserted, "renumbered") == {"b", "c", "d"}
    assert ids(inserted, "added") == {"new"}
    reordered = diff_versions(kb, "v1", "draft")
    assert ids(reordered, "moved") == {"a"}
    assert ids(diff_versions(kb, "draft", "v1"), "moved") == {"a"}


def test_merge_two_versions_earlier_and_reverse(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            (
                "v1",
                one_part(
                    Gl("x", "1", "(a) Sell perishable assets."),
                    Gl("y", "2", "(a) Sell with consent."),
                ),
            ),
            (
                "v2",
                one_part(
                    Gl(
                        "z",
                        "1",
                        "(a) Sell perishable assets, or with consent.",
                        merged_from=("x", "y"),
                    )
                ),
            ),
            ("v3", one_part(Gl("z", "1", "(a) Sell perishable assets, or with consent."))),
            (
                "draft",
                one_part(Gl("z", "2", "(a) Sell perishable assets, or with the owner's consent.")),
            ),
        ],
    )
    forward = diff_versions(kb, "v1", "draft")
    assert change(forward, "z").changes == ("added", "merged")
    assert change(forward, "z").merged_from == ("x", "y")
    assert change(forward, "x").merged_into == ("z",)
    assert change(forward, "y").changes == ("deleted", "merged-into")
    backward = diff_versions(kb, "draft", "v1")
    assert not backward.forward
    z = change(backward, "z")
    # told in the order of time: z is absent from v1 and was formed (later) from x and y
    assert z.changes == ("deleted", "merged") and z.merged_from == ("x", "y")
    assert change(backward, "x").changes == ("added", "merged-into")
    # from v2 onwards the merge is history: nothing to report
    assert not ids(diff_versions(kb, "v2", "draft"), "merged")


def test_lineage_through_a_chain_and_a_gap(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("whole", "1", "(a) One.\n\n(b) Two."), Gl("old", "2", "(a) Old."))),
            (
                "v2",
                one_part(
                    Gl("first", "1", "(a) One.", split_from="whole"),
                    Gl("second", "2", "(a) Two.", split_from="whole"),
                ),
            ),
            # "old" was dropped in v2 and is replaced in the draft: lineage may skip versions
            (
                "draft",
                one_part(
                    Gl("both", "1", "(a) One.\n\n(b) Two.", merged_from=("first", "second")),
                    Gl("renewed", "2", "(a) Renewed.", replaces="old"),
                ),
            ),
        ],
    )
    diff = diff_versions(kb, "v1", "draft")
    both = change(diff, "both")
    assert both.merged_from == ("whole",) and both.split_from == ("whole",)
    assert change(diff, "whole").changes == ("deleted", "merged-into", "split-into")
    renewed = change(diff, "renewed")
    assert renewed.changes == ("added", "replaces") and renewed.replaces == ("old",)
    assert change(diff, "old").replaced_by == ("renewed",)
    # Between v2 and the draft, "old" is not there to be replaced
    assert change(diff_versions(kb, "v2", "draft"), "renewed").changes == ("added",)


def test_unlabelled_paragraphs_align_by_text(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("g", "1", "The first point.\n\nThe second point."))),
            (
                "draft",
                one_part(Gl("g", "1", "A new opening.\n\nThe first point.\n\nThe second point.")),
            ),
        ],
    )
    g = change(diff_versions(kb, "v1", "draft"), "g")
    statuses = [(p.from_id, p.to_id, p.status) for p in g.paragraphs]
    assert statuses == [
        (None, "p1", "inserted"),
        ("p1", "p2", "unchanged"),
        ("p2", "p3", "unchanged"),
    ]


def test_note_paragraphs_align_by_text_even_when_lettered(tmp_path: Path) -> None:
    # In a note, "(a)" is only typography: the ids are note-1, note-2... by position.
    before = "(a) Text.\n\n## Explanatory note\n\n(a) First reason.\n\n(b) Second reason."
    after = "(a) Text.\n\n## Explanatory note\n\n(a) New reason.\n\n(b) First reason.\n\n" + (
        "(c) Second reason."
    )
    kb = build_kb(
        tmp_path,
        [("v1", one_part(Gl("g", "1", before))), ("draft", one_part(Gl("g", "1", after)))],
    )
    g = change(diff_versions(kb, "v1", "draft"), "g")
    assert [(p.from_id, p.to_id, p.status) for p in g.note] == [
        (None, "note-1", "inserted"),
        ("note-1", "note-2", "unchanged"),
        ("note-2", "note-3", "unchanged"),
    ]
    assert g.changes == ("note-reworded",)


def test_reordered_paragraphs_are_flagged_moved(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("g", "1", "(a) Alpha.\n\n(b) Beta.\n\n(c) Gamma."))),
            (
                "draft",
                one_part(Gl("g", "1", "(a) Gamma. {#c}\n\n(b) Alpha. {#a}\n\n(c) Beta. {#b}")),
            ),
        ],
    )
    g = change(diff_versions(kb, "v1", "draft"), "g")
    assert [p.id for p in g.paragraphs] == ["c", "a", "b"]
    assert [p.id for p in g.paragraphs if p.moved] == ["c"]
    assert all(p.status == "unchanged" for p in g.paragraphs)
    assert "reworded" in g.changes


def test_deleted_paragraph_stays_where_it_was(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            ("v1", one_part(Gl("g", "1", "(a) Alpha.\n\n(b) Beta.\n\n(c) Gamma."))),
            ("draft", one_part(Gl("g", "1", "(a) Alpha.\n\n(b) Gamma. {#c}"))),
        ],
    )
    g = change(diff_versions(kb, "v1", "draft"), "g")
    assert [(p.id, p.status) for p in g.paragraphs] == [
        ("a", "unchanged"),
        ("b", "deleted"),
        ("c", "unchanged"),
    ]


def test_title_and_part_changes(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            (
                "v1",
                [
                    Pt("one", "I", "Planning", [Gl("g", "1", "(a) Text.", title="Old title")]),
                    Pt("two", "II", "Disposal", [Gl("h", "2", "(a) Text.")]),
                ],
            ),
            (
                "draft",
                [
                    Pt(
                        "one",
                        "I",
                        "Planning and offices",
                        [Gl("g", "1", "(a) Text.", title="New title")],
                    ),
                    Pt("three", "II", "Cooperation", [Gl("h", "2", "(a) Text.")]),
                ],
            ),
        ],
    )
    diff = diff_versions(kb, "v1", "draft")
    g = change(diff, "g")
    assert g.changes == ("reworded",)
    assert [op for op, _ in g.title_ops] == ["delete", "insert", "equal"]
    assert diff.summary.parts["retitled"] == ("one",)
    assert diff.summary.parts["added"] == ("three",)
    assert diff.summary.parts["deleted"] == ("two",)
    assert change(diff, "h").changes == ("moved",)


# --------------------------------------------------------------------------------------------
# Property tests on versions built in memory
# --------------------------------------------------------------------------------------------

WORDS = ("assets", "States", "should", "seized", "office", "court", "owner", "sale", "value")


def _version(
    version_id: str, layout: list[tuple[str, list[tuple[str, str, tuple[str, ...]]]]]
) -> Version:
    """A version from ``[(part, [(guideline id, number, paragraph texts)])]``."""
    guidelines = []
    parts = []
    for part_id, members in layout:
        parts.append(
            Part(part_id, part_id.upper(), f"Part {part_id}", tuple(m[0] for m in members))
        )
        for gid, number, texts in members:
            paragraphs = tuple(
                Paragraph(chr(ord("a") + i), f"({chr(ord('a') + i)})", text, Source("x.md"))
                for i, text in enumerate(texts)
            )
            text = GuidelineText("en", f"Title {gid}", paragraphs, (), Source("x.md"))
            guidelines.append(Guideline(gid, number, part_id, text))
    return Version(
        version_id,
        "T",
        "en",
        None,
        None,
        None,
        "released",
        None,
        "",
        tuple(parts),
        tuple(guidelines),
        Source("outline.yml"),
    )


@st.composite
def version_pairs(draw: st.DrawFn) -> tuple[Version, Version]:
    pool = [f"g{i}" for i in range(8)]
    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
    texts = {gid: draw(st.lists(sentence, min_size=1, max_size=3)) for gid in pool}

    def layout(members: list[str]) -> list[tuple[str, list[tuple[str, str, tuple[str, ...]]]]]:
        cut = draw(st.integers(0, len(members)))
        shown = []
        for n, gid in enumerate(members):
            words = list(texts[gid])
            if draw(st.booleans()):
                words[0] = words[0] + " " + draw(st.sampled_from(WORDS))
            shown.append((gid, str(n + 1), tuple(words)))
        return [("p", shown[:cut]), ("q", shown[cut:])]

    old_ids = draw(st.permutations(pool).map(lambda p: p[: draw(st.integers(0, 8))]))
    new_ids = draw(st.permutations(pool).map(lambda p: p[: draw(st.integers(0, 8))]))
    return _version("a", layout(list(old_ids))), _version("b", layout(list(new_ids)))


def _lcs(a: list[str], b: list[str]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    return table[-1][-1]


@settings(max_examples=150, deadline=None)
@given(version_pairs())
def test_property_structure(pair: tuple[Version, Version]) -> None:
    old, new = pair
    diff = compare_versions(old, new)
    back = compare_versions(new, old, history=(old, new))
    assert not back.forward
    assert _mirrored(diff) == _as_read(back)
    assert not compare_versions(old, old).has_changes
    _check_lossless(diff, old, new)
    # "moved" is the fewest guidelines that explain a part's new order
    for part in ("p", "q"):
        before = [
            g
            for g in old.part(part).guideline_ids
            if new.guideline(g) and new.guideline(g).part == part
        ]  # type: ignore[union-attr]
        after = [
            g
            for g in new.part(part).guideline_ids
            if old.guideline(g) and old.guideline(g).part == part
        ]  # type: ignore[union-attr]
        moved_here = {g for g in before if "moved" in change(diff, g).changes}
        assert len(moved_here) == len(before) - _lcs(before, after)


def test_mirror_ops_keeps_deletions_first() -> None:
    ops = (("equal", "a "), ("delete", "b"), ("insert", "c"), ("equal", " d"), ("insert", "e"))
    assert mirror_ops(ops) == (
        ("equal", "a "),
        ("delete", "c"),
        ("insert", "b"),
        ("equal", " d"),
        ("delete", "e"),
    )
    assert mirror_ops(mirror_ops(ops)) == ops


def test_knowledge_base_without_versions_reports_clearly() -> None:
    empty = KnowledgeBase(Settings(), (), (), (), ())
    with pytest.raises(VersionNotFound, match="no versions"):
        lookup_version(empty, "draft")
