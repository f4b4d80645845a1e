"""Generation leaves a group of pages as the last build made it when no guideline text it read
changed, and nothing else either (:mod:`redraft.site.reads`); its output is, file for file, a
clean generation's.  The whole incremental build (MkDocs included) is compared with a clean one
in ``test_site_incremental.py``; here, the generation alone, faster, after each kind of edit."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import reads
from redraft.site.build import prepare
from redraft.site.context import Facts
from redraft.site.layout import generation_record

from .conftest import REPO, copy_example

sys.path.insert(0, str(REPO / "scripts"))
from fuzz_incremental import differences

DRAFT_FILE = "guidelines/draft/company-continuity.md"


def clean_pages(tmp_path: Path, edited: Path) -> Path:
    """The pages a fresh copy of ``edited``'s sources generates, with no record to reuse."""
    fresh = copy_example(tmp_path / "fresh")
    for name in ("guidelines", "comments"):
        for source in (edited / name).rglob("*"):
            if source.is_file():
                (fresh / name / source.relative_to(edited / name)).write_bytes(source.read_bytes())
    prepare(fresh)
    return fresh / "build" / "pages"


def counting_comparisons(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the guidelines compared afresh from now on (a list that fills as they are)."""
    from redraft.redline import compare

    made: list[str] = []
    afresh = compare._compare_guideline_afresh

    def counted(guideline_id: str, *args: object, **kwargs: object) -> object:
        made.append(guideline_id)
        return afresh(guideline_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(compare, "_compare_guideline_afresh", counted)
    return made


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "kb")
    first = prepare(root)
    assert first.site.kept == 0  # nothing to reuse yet
    assert generation_record(root / "build" / "pages").is_file()
    return root


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (DRAFT_FILE, "preserve the continuity", "preserve, above all, the continuity"),
        (DRAFT_FILE, 'title: "Continuity of the business', 'title: "Continuity of the trade'),
        (
            "guidelines/draft/company-continuity.fr.md",
            "\n(a) ",
            "\n(a) Ainsi, ",
        ),
    ],
    ids=["a word of the draft", "a draft title", "a word of a translation"],
)
def test_after_a_text_edit_only_the_pages_that_read_it_are_generated_again(
    generated: Path, tmp_path: Path, path: str, old: str, new: str
) -> None:
    edit(generated, path, old, new)
    again = prepare(generated)
    # Most groups read none of that guideline's texts: the other guidelines' living pages, the
    # released versions' pages, the comparisons between released versions...
    assert again.site.kept > again.site.page_count // 3, (again.site.kept, again.site.page_count)
    # ...and the edited text's own pages were generated again, with the edit in them.
    living = (generated / "build/pages/main/docs/guidelines/company-continuity/index.md").read_text(
        encoding="utf-8"
    )
    if path == DRAFT_FILE:
        assert new.split('"')[-1] in living
    assert differences(generated / "build" / "pages", clean_pages(tmp_path, generated)) == []


def test_a_change_outside_the_texts_generates_every_page(generated: Path, tmp_path: Path) -> None:
    """A disposition is not a guideline text: the global key changes, nothing is kept."""
    edit(
        generated,
        "comments/submissions/2019-nv/ARG.yml",
        "disposition: pending",
        "disposition: noted",
    )
    again = prepare(generated)
    assert again.site.kept == 0
    assert differences(generated / "build" / "pages", clean_pages(tmp_path, generated)) == []


def test_a_generation_stopped_midway_leaves_no_record(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record names the files of the last complete generation: it is removed before the
    first file changes, so pages half rewritten are never taken for the record's."""
    from redraft.site import compare

    edit(generated, DRAFT_FILE, "preserve the continuity", "keep the continuity")

    def broken(*_args: object) -> None:
        raise RuntimeError("stopped midway")

    monkeypatch.setattr(compare, "compare_pages", broken)
    with pytest.raises(RuntimeError):
        prepare(generated)
    assert not generation_record(generated / "build" / "pages").exists()
    monkeypatch.undo()
    assert prepare(generated).site.kept == 0


def test_a_kept_fact_passes_on_what_it_read() -> None:
    """A fact computed once and asked for again (a diff, a layout) notes, for its later askers,
    the texts its computation read: the page that reuses it depends on them too."""
    facts = Facts.__new__(Facts)
    facts._kept = {}

    def computed() -> int:
        reads.record("draft/g/en#w")
        return 7

    with reads.reading() as first:
        assert facts.remember(("fact",), computed) == 7
    with reads.reading() as second:
        assert facts.remember(("fact",), computed) == 7
    assert first == second == {"draft/g/en#w"}


def test_a_tracked_text_notes_each_kind_of_read(example_copy: Path) -> None:
    from redraft.kb.load import load

    kb = reads.tracked(load(example_copy).kb)
    guideline = kb.versions[-1].guidelines[0]
    key = reads.text_key(kb.versions[-1].id, guideline.id, guideline.text.language)
    with reads.reading() as title:
        assert guideline.title
    with reads.reading() as words:
        assert guideline.text.all_paragraphs
    assert title == {key + "#t"}
    assert words == {key + "#w"}
    # A text made from a tracked one is plain: what it was made from was noted in the making.
    import dataclasses

    with reads.reading() as made:
        plain = dataclasses.replace(guideline.text, footnotes=())
    assert type(plain) is not reads.TrackedText and made == {key + "#t", key + "#w"}


def test_a_generated_file_edited_by_hand_is_generated_again(generated: Path) -> None:
    """The pages folder is generated: a page changed there is overwritten at the next build,
    kept or not (its size and time of last change are not those the last build left)."""
    page = generated / "build/pages/main/docs/guidelines/company-continuity/index.md"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"continuity", b"CONTINUITY", 1))
    edit(generated, "guidelines/draft/office-powers.md", "\n(a) ", "\n(a) Indeed, ")
    again = prepare(generated)
    assert again.site.kept > 0
    assert page.read_bytes() == original


def test_a_fact_s_digest_is_the_same_in_every_process() -> None:
    """A set of strings is iterated in another order in another process (hashes are salted):
    a digest taken from ``repr`` would call every layout with a set in it changed, and keep
    nothing.  Two processes with different salts agree."""
    import subprocess
    import sys

    program = (
        "from redraft.site.reads import value_digest; "
        "print(value_digest({'anchors': frozenset(f'p{n}' for n in range(50)), 'n': (1, 2)}))"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", program],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_a_value_whose_repr_is_taken_as_its_canonical_form_has_nothing_repr_would_miss(
    example_kb: KnowledgeBase,
) -> None:
    """A comparison's entries are digested by their ``repr``: sound only while every field is in
    it and none is a set or a mapping (iterated in an order that changes between processes).
    Two entries that differ in any one field have different digests."""
    import dataclasses

    from redraft.redline.compare import diff_versions

    for cls in reads._REPR_IS_CANONICAL:
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        for spec in dataclasses.fields(cls):
            assert spec.repr, (cls.__name__, spec.name)
            annotation = str(spec.type)
            for unordered in ("set", "Set", "Mapping", "dict", "Dict"):
                assert unordered not in annotation, (cls.__name__, spec.name, annotation)
    versions = [v.id for v in example_kb.versions]
    change = next(
        c
        for c in diff_versions(example_kb, versions[0], versions[-1]).guidelines
        if c.paragraphs and c.changed
    )
    seen = {reads.value_digest(change)}
    for spec in dataclasses.fields(change):
        value = getattr(change, spec.name)
        other = (*value, value[0]) if isinstance(value, tuple) and value else f"{value}x"
        altered = dataclasses.replace(change, **{spec.name: other})
        seen.add(reads.value_digest(altered))
    assert len(seen) == 1 + len(dataclasses.fields(change))


def test_the_record_reads_back_as_written_each_list_of_reads_once(generated: Path) -> None:
    """The saved record names each list of reads once (at L ten thousand comparison entries
    read the same twelve hundred texts, and writing the list for each made a 108 MB record);
    read back, it is the record that was saved, and facts that read the same share one list."""
    saved = generation_record(generated / "build" / "pages").read_bytes()
    record = reads.load_record(generation_record(generated / "build" / "pages"))
    assert record is not None
    assert reads.save_record(record) == saved
    data = json.loads(saved)
    named = [fact["reads"] for fact in data["facts"].values()]
    assert len(set(named)) < len(named)  # some facts share a list: written once
    lists = [tuple(numbers) for numbers in data["lists"]]
    assert len(set(lists)) == len(lists)  # no list written twice
    by_reads: dict[tuple[str, ...], int] = {}
    for fact in record.facts.values():
        by_reads.setdefault(fact.reads, id(fact.reads))
        assert id(fact.reads) == by_reads[fact.reads]  # one tuple in memory per list


def test_comparisons_kept_for_the_next_generation_give_a_clean_generation_s_pages(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``redraft serve`` keeps the guidelines compared for its next generation: after an edit
    only the edited guideline's comparisons are made again, and the pages are a clean
    generation's, file for file.  A build lets them go once its pages are written."""
    from redraft.redline import compare

    compare.forget_comparisons()
    prepare(example_copy, keep_comparisons=True)
    kept = len(compare._COMPARED)
    assert kept > 50
    made = counting_comparisons(monkeypatch)
    edit(example_copy, DRAFT_FILE, "preserve the continuity", "preserve, above all, the continuity")
    again = prepare(example_copy, keep_comparisons=True)
    assert again.report.written  # the edit's pages were generated again...
    assert made and set(made) == {"company-continuity"}  # ...comparing only what it changed
    monkeypatch.undo()
    assert differences(example_copy / "build" / "pages", clean_pages(tmp_path, example_copy)) == []
    assert compare._COMPARED == {}  # the clean generation was a build's: nothing kept


def test_a_copy_outside_git_keeps_the_pages_its_original_generated(
    generated: Path, tmp_path: Path
) -> None:
    """Why a knowledge base has no history names its folder; it is said to the editor and shown
    on no page, so a copy of a knowledge base outside git (moved, or unpacked elsewhere) keeps
    the pages its original generated instead of generating them all again."""
    same = prepare(generated)  # nothing changed: what a second generation keeps
    assert same.site.kept > 0
    copy = tmp_path / "elsewhere" / "kb"
    shutil.copytree(generated, copy)  # the pages keep their times, as the record wants
    moved = prepare(copy)
    assert moved.site.kept == same.site.kept
    assert differences(copy / "build" / "pages", generated / "build" / "pages") == []
