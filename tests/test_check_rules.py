"""Each rule of ``redraft check``: plant the fault in a copy of the example, expect its exact line.

Line numbers are computed from the planted file rather than typed in, so the tests keep pinning
the exact ``path:line`` while the example's wording evolves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redraft.checks.rules import check
from redraft.kb.load import load
from redraft.kb.manifest import content_hash, file_digest, manifest_text

from .conftest import is_planted_drift

SUBMISSION = "comments/submissions/2018-nv/AUT.yml"


def plant(root: Path, relative: str, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new`` in a file; return the line where ``new`` starts."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}: the example changed, update the test"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def lines(root: Path) -> list[str]:
    return [str(p) for p in check(root)]


def errors(root: Path) -> list[str]:
    return [str(p) for p in check(root) if p.severity == "error"]


def problems(root: Path) -> list[str]:
    """Everything check prints but the example's planted translation drift: after one planted
    fault, exactly that fault's lines, so a rule that also fires elsewhere shows."""
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def first_guideline(root: Path, version: str = "draft") -> str:
    """The file of the first guideline listed in a version's outline."""
    kb = load(root).kb
    found = kb.version(version)
    assert found is not None
    return found.guidelines[0].source.path


def test_the_example_is_clean_but_for_its_planted_translation_drift(example_root: Path) -> None:
    """The example's Chinese (b) of guideline 1 was left as it was in 2019-3 on purpose."""
    path = "guidelines/draft/pre-seizure-planning.zh.md"
    text = (example_root / path).read_text(encoding="utf-8")
    line = text[: text.index("(b) ")].count("\n") + 1
    assert lines(example_root) == [
        f"{path}:{line}: warning: the Chinese text of 'pre-seizure-planning' is outdated: "
        "(b) changed in the original since '2019-3' but not here"
    ]


def test_malformed_yaml_names_the_line(example_copy: Path) -> None:
    # planted in a reply, which no other file depends on: a broken outline would also
    # unmake its version, and every comment addressed in it would say so
    line = plant(example_copy, SUBMISSION, "comments:", "comments: [")
    # libyaml notices the unclosed list where the block of comments starts
    assert problems(example_copy) == [
        f"{SUBMISSION}:{line + 1}: malformed YAML: did not find expected node content"
    ]


def test_front_matter_not_closed(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    text = (example_copy / path).read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    (example_copy / path).write_text(head + "\n" + body, encoding="utf-8")
    assert problems(example_copy) == [f"{path}:1: front matter is not closed by a line '---'"]


def test_missing_front_matter(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    text = (example_copy / path).read_text(encoding="utf-8")
    (example_copy / path).write_text(text.replace("---\n", "", 1), encoding="utf-8")
    assert problems(example_copy) == [
        f"{path}:1: missing front matter: the file must start with a line '---'"
    ]


def test_missing_field(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    text = (example_copy / path).read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    (example_copy / path).write_text(text.replace(title_line + "\n", "", 1), encoding="utf-8")
    assert problems(example_copy) == [f"{path}:2: missing required field 'title'"]


def test_wrongly_typed_field(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    text = (example_copy / path).read_text(encoding="utf-8")
    number_line = next(line for line in text.splitlines() if line.startswith("number:"))
    line = plant(example_copy, path, number_line, "number: [1, 2]")
    assert problems(example_copy) == [f"{path}:{line}: number: Input should be a valid string"]


def first_date(root: Path) -> str:
    text = (root / "guidelines/versions.yml").read_text(encoding="utf-8")
    return next(t.split("date:")[1].strip() for t in text.splitlines() if "date:" in t)


def test_impossible_date(example_copy: Path) -> None:
    date = first_date(example_copy)
    bad = date[:5] + "13" + date[7:]
    line = plant(example_copy, "guidelines/versions.yml", f"date: {date}", f"date: {bad}")
    assert problems(example_copy) == [
        f"guidelines/versions.yml:{line}: date: impossible date {bad} (month must be in 1..12)"
    ]


def test_date_written_as_number_is_not_a_timestamp(example_copy: Path) -> None:
    date = first_date(example_copy)
    line = plant(
        example_copy, "guidelines/versions.yml", f"date: {date}", f"date: {date.replace('-', '')}"
    )
    assert problems(example_copy) == [
        f"guidelines/versions.yml:{line}: date: not a date written YYYY-MM-DD"
    ]


def test_norway_stays_a_string(example_copy: Path) -> None:
    parties = example_copy / "comments" / "parties.yml"
    parties.parent.mkdir(parents=True, exist_ok=True)
    if not parties.exists():
        parties.write_text("parties:\n", encoding="utf-8")
    with parties.open("a", encoding="utf-8") as handle:
        handle.write("  - code: NO\n    name: Norway (alpha-2, to test YAML 1.1's trap)\n")
        handle.write("  - code: ON\n    name: A code YAML 1.1 reads as true\n")
    result = load(example_copy)
    codes = {p.code for p in result.kb.parties}
    assert {"NO", "ON"} <= codes
    assert not [p for p in check(example_copy) if p.path == "comments/parties.yml"]


def test_duplicate_version_id(example_copy: Path) -> None:
    versions = example_copy / "guidelines" / "versions.yml"
    text = versions.read_text(encoding="utf-8")
    first = text.index("  - id:")
    second = text.index("  - id:", first + 1)
    entry = text[first:second]
    versions.write_text(text + entry, encoding="utf-8")
    first_id = entry.split("id:", 1)[1].split()[0]
    total = (text + entry).count("\n")
    line = total - entry.count("\n") + 1
    assert problems(example_copy) == [
        f"guidelines/versions.yml:{line}: duplicate version id '{first_id}' "
        f"(first at line {text[:first].count(chr(10)) + 1})"
    ]


def test_duplicate_paragraph_id(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    guideline = load(example_copy).kb.version("draft").guidelines[0]  # type: ignore[union-attr]
    first, second = guideline.text.paragraphs[0], guideline.text.paragraphs[1]
    text = (example_copy / path).read_text(encoding="utf-8")
    lines_ = text.split("\n")
    end = second.source.line - 1
    while end < len(lines_) and lines_[end].strip():
        end += 1
    lines_[end - 1] = lines_[end - 1] + f" {{#{first.id}}}"
    (example_copy / path).write_text("\n".join(lines_), encoding="utf-8")
    # and each translation's paragraph of the second's old id no longer has an original
    lost = [
        f"{text.source.path}:{paragraph.source.line}: paragraph '{second.id}' is not in the "
        f"original {path}"
        for text in guideline.translations.values()
        if (paragraph := text.paragraph(second.id)) is not None
    ]
    assert sorted(problems(example_copy)) == sorted(
        [
            f"{path}:{second.source.line}: duplicate paragraph id '{first.id}' "
            f"(first at line {first.source.line})",
            *lost,
        ]
    )


def test_id_must_match_file_name(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    stem = Path(path).stem
    line = plant(example_copy, path, f"id: {stem}", "id: something-else")
    assert problems(example_copy) == [
        f"{path}:{line}: id 'something-else' must equal the file name '{stem}'"
    ]


def test_guideline_not_in_outline(example_copy: Path) -> None:
    source = example_copy / first_guideline(example_copy)
    stem = source.stem
    text = source.read_text(encoding="utf-8").replace(f"id: {stem}", "id: stray-guideline")
    (source.parent / "stray-guideline.md").write_text(text, encoding="utf-8")
    assert problems(example_copy) == [
        "guidelines/draft/stray-guideline.md:1: guideline 'stray-guideline' is not listed in "
        "guidelines/draft/outline.yml"
    ]


def test_outline_lists_a_missing_file(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    translations = load(example_copy).kb.version("draft").guidelines[0].translations  # type: ignore[union-attr]
    (example_copy / path).unlink()
    stem = Path(path).stem
    outline = (example_copy / "guidelines/draft/outline.yml").read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(outline.split("\n"), 1) if t.strip() in (f"- {stem}",))
    # its translations are left without an original, each said once
    orphans = [
        f"guidelines/draft/{stem}.{language}.md:1: translation of '{stem}', which has no "
        f"original guidelines/draft/{stem}.md"
        for language in translations
    ]
    assert sorted(problems(example_copy)) == sorted(
        [
            f"guidelines/draft/outline.yml:{line}: guideline '{stem}' has no file "
            f"guidelines/draft/{stem}.md",
            *orphans,
        ]
    )


def test_part_disagrees_with_outline(example_copy: Path) -> None:
    kb = load(example_copy).kb
    draft = kb.version("draft")
    assert draft is not None
    guideline = draft.guidelines[0]
    other = next(p.id for p in draft.parts if p.id != guideline.part)
    line = plant(example_copy, guideline.source.path, f"part: {guideline.part}", f"part: {other}")
    assert problems(example_copy) == [
        f"{guideline.source.path}:{line}: part '{other}' disagrees with "
        f"guidelines/draft/outline.yml, which lists it under part '{guideline.part}'"
    ]


def test_duplicate_printed_number(example_copy: Path) -> None:
    draft = load(example_copy).kb.version("draft")
    assert draft is not None
    a, b = draft.guidelines[0], draft.guidelines[1]
    line = plant(example_copy, b.source.path, f'number: "{b.number}"', f'number: "{a.number}"')
    assert problems(example_copy) == [
        f"{b.source.path}:{line}: number '{a.number}' is also printed on '{a.id}' in this version"
    ]


def test_lineage_that_points_nowhere(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    line = plant(example_copy, path, "part:", "replaces: no-such-guideline\npart:")
    assert problems(example_copy) == [
        f"{path}:{line}: replaces 'no-such-guideline' is not a guideline of any earlier version"
    ]


def test_lineage_must_point_to_an_earlier_version(example_copy: Path) -> None:
    kb = load(example_copy).kb
    first = kb.versions[0]
    only_later = next(g.id for g in kb.versions[-1].guidelines if first.guideline(g.id) is None)
    path = first.guidelines[0].source.path
    line = plant(example_copy, path, "part:", f"split_from: {only_later}\npart:")
    assert problems(example_copy) == [
        # the first version was released: editing it is a fault of its own
        f"{path}:1: changed since release of version '{first.id}': a released version must "
        f"not change; restore it with `git checkout release/{first.id} -- {path}` (without "
        f"that tag, `git checkout HEAD -- {path}` if not yet committed)",
        f"{path}:{line}: split_from '{only_later}' is not a guideline of any earlier version",
    ]


def test_unlisted_version_folder(example_copy: Path) -> None:
    (example_copy / "guidelines" / "2099-1").mkdir()
    assert problems(example_copy) == [
        "guidelines/2099-1:1: folder is not a version listed in guidelines/versions.yml "
        "(release it with `redraft release`, or remove it)"
    ]


def seal(root: Path, version_id: str) -> None:
    """Record a manifest and hash for a released version, as a release does."""
    folder = root / "guidelines" / version_id
    digests = {
        p.relative_to(folder).as_posix(): file_digest(p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    manifests = root / "guidelines" / "manifests"
    manifests.mkdir(exist_ok=True)
    (manifests / f"{version_id}.sha256").write_text(manifest_text(digests), encoding="utf-8")
    versions = root / "guidelines" / "versions.yml"
    text = versions.read_text(encoding="utf-8")
    marker = f"- id: {version_id}\n"
    assert marker in text
    if "hash:" in text.split(marker, 1)[1].split("- id:", 1)[0]:
        return
    versions.write_text(
        text.replace(marker, f"{marker}    hash: {content_hash(digests)}\n", 1), encoding="utf-8"
    )


def test_released_version_changed_after_release(example_copy: Path) -> None:
    version_id = load(example_copy).kb.versions[0].id
    seal(example_copy, version_id)
    assert problems(example_copy) == []
    edited = sorted((example_copy / "guidelines" / version_id).glob("*.md"))[0]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nA sentence added after release.\n")
    relative = edited.relative_to(example_copy).as_posix()
    # the message says how to take the released text back (docs/releases.md)
    assert problems(example_copy) == [
        f"{relative}:1: changed since release of version '{version_id}': a released version "
        f"must not change; restore it with `git checkout release/{version_id} -- {relative}` "
        f"(without that tag, `git checkout HEAD -- {relative}` if not yet committed)"
    ]


def test_added_and_removed_files_after_release(example_copy: Path) -> None:
    version_id = load(example_copy).kb.versions[0].id
    seal(example_copy, version_id)
    folder = example_copy / "guidelines" / version_id
    kb = load(example_copy).kb
    calls_on_it = {call.id for call in kb.calls if call.version == version_id}
    # the guideline with fewest comments on this version: each of them loses its target
    on_it = [c for c in kb.comments() if c.call in calls_on_it]
    removed = min(
        sorted(folder.glob("*.md")), key=lambda p: sum(c.guideline == p.stem for c in on_it)
    )
    lost = [
        f"{c.source.path}:{c.source.line}: comment '{c.id}': guideline '{removed.stem}' is not "
        f"in version '{version_id}', the version the call was about"
        for c in on_it
        if c.guideline == removed.stem
    ]
    outline = (folder / "outline.yml").read_text(encoding="utf-8")
    outline_line = outline[: outline.index(f"- {removed.stem}\n")].count("\n") + 1
    removed.unlink()
    (folder / "notes.txt").write_text("stray\n", encoding="utf-8")
    assert sorted(problems(example_copy)) == sorted(
        [
            f"guidelines/{version_id}/{removed.name}:1: removed since release of version "
            f"'{version_id}': a released version must not change; restore it with "
            f"`git checkout release/{version_id} -- guidelines/{version_id}/{removed.name}` "
            f"(without that tag, `git checkout HEAD -- guidelines/{version_id}/{removed.name}` "
            "if not yet committed)",
            f"guidelines/{version_id}/notes.txt:1: added since release of version "
            f"'{version_id}': a released version must not change; remove "
            f"guidelines/{version_id}/notes.txt",
            f"guidelines/{version_id}/notes.txt:1: unexpected file in a version folder "
            "(expected .md or outline.yml)",
            # the guideline is gone from the version, though the outline still lists it
            f"guidelines/{version_id}/outline.yml:{outline_line}: guideline "
            f"'{removed.stem}' has no file guidelines/{version_id}/{removed.name}",
            *lost,
        ]
    )


def test_invalid_utf8_names_the_line(example_copy: Path) -> None:
    path = first_guideline(example_copy)
    data = (example_copy / path).read_bytes()
    lines_ = data.split(b"\n")
    lines_[7] = lines_[7] + b" \xff\xfe"
    (example_copy / path).write_bytes(b"\n".join(lines_))
    assert problems(example_copy) == [
        f"{path}:8: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    ]


def test_bom_and_crlf_are_read_as_plain_text(example_copy: Path) -> None:
    before = load(example_copy).kb
    path = first_guideline(example_copy)
    data = (example_copy / path).read_bytes()
    (example_copy / path).write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    after = load(example_copy).kb
    assert problems(example_copy) == []
    assert after.version("draft").guidelines[0].text == before.version("draft").guidelines[0].text  # type: ignore[union-attr]


def test_tab_indentation_is_reported(example_copy: Path) -> None:
    line = plant(example_copy, SUBMISSION, "  - id:", "\t- id:")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{line}: tab character in indentation (YAML allows only spaces)"
    ]


def test_yaml_aliases_are_refused(example_copy: Path) -> None:
    reply = example_copy / SUBMISSION
    text = reply.read_text(encoding="utf-8")
    reply.write_text("anchor: &a [1, 2]\nother: *a\n" + text, encoding="utf-8")
    assert problems(example_copy) == [f"{SUBMISSION}:2: YAML aliases (*name) are not supported"]


@pytest.mark.parametrize("reword", ["re-wrap"])
def test_rewrapping_a_paragraph_changes_nothing(example_copy: Path, reword: str) -> None:
    before = load(example_copy).kb
    path = first_guideline(example_copy)
    text = (example_copy / path).read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    (example_copy / path).write_text(head + sep + body.replace(" ", "\n", 5), encoding="utf-8")
    after = load(example_copy).kb
    old = before.version("draft").guidelines[0].text.paragraphs  # type: ignore[union-attr]
    new = after.version("draft").guidelines[0].text.paragraphs  # type: ignore[union-attr]
    assert [(p.id, p.text) for p in old] == [(p.id, p.text) for p in new]


# -- comments: every reference a comment makes must resolve -----------------------------------


def first_comment(root: Path):  # type: ignore[no-untyped-def]
    kb = load(root).kb
    submission = next(s for s in kb.submissions if s.source.path == SUBMISSION)
    return submission.comments[0]


def test_comment_on_a_guideline_that_does_not_exist(example_copy: Path) -> None:
    comment = first_comment(example_copy)
    plant(example_copy, SUBMISSION, f"guideline: {comment.guideline}", "guideline: no-such-one")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{comment.source.line}: comment '{comment.id}': guideline 'no-such-one' is "
        "not in version '2018-3', the version the call was about (nor in any other version)"
    ]


def test_comment_on_a_guideline_absent_from_the_version_under_comment(example_copy: Path) -> None:
    kb = load(example_copy).kb
    later_only = next(
        g.id for g in kb.versions[-1].guidelines if kb.versions[0].guideline(g.id) is None
    )
    comment = first_comment(example_copy)
    plant(example_copy, SUBMISSION, f"guideline: {comment.guideline}", f"guideline: {later_only}")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{comment.source.line}: comment '{comment.id}': guideline '{later_only}' is "
        "not in version '2018-3', the version the call was about"
    ]


def test_comment_on_a_paragraph_that_does_not_exist(example_copy: Path) -> None:
    comment = first_comment(example_copy)
    plant(example_copy, SUBMISSION, f"paragraph: {comment.paragraph}", "paragraph: zz")
    guideline = load(example_copy).kb.version("2018-3").guideline(comment.guideline)  # type: ignore[union-attr]
    assert guideline is not None
    ids = ", ".join(p.id for p in guideline.text.all_paragraphs)
    assert problems(example_copy) == [
        f"{SUBMISSION}:{comment.source.line}: comment '{comment.id}': paragraph 'zz' is not in "
        f"guideline '{comment.guideline}' of version '2018-3' (it has {ids})"
    ]


def test_quote_that_is_not_in_the_text(example_copy: Path) -> None:
    comment = first_comment(example_copy)
    plant(example_copy, SUBMISSION, f"quote: {comment.quote}", "quote: words nobody wrote")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{comment.source.line}: comment '{comment.id}': the quoted words \"words "
        f"nobody wrote\" are not in paragraph '{comment.paragraph}' of guideline "
        f"'{comment.guideline}' of version '2018-3'"
    ]


def test_party_that_is_not_registered(example_copy: Path) -> None:
    line = plant(example_copy, SUBMISSION, "party: AUT", "party: XYZ")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{line}: party 'XYZ' is not in comments/parties.yml"
    ]


def test_call_that_does_not_exist(example_copy: Path) -> None:
    line = plant(example_copy, SUBMISSION, "call: 2018-nv", "call: 2017-nv")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{line}: call '2017-nv' disagrees with the folder it is in (2018-nv)",
        f"{SUBMISSION}:{line}: call '2017-nv' is not in comments/calls.yml",
    ]


def test_call_about_a_version_that_does_not_exist(example_copy: Path) -> None:
    line = plant(example_copy, "comments/calls.yml", "version: 2018-3", "version: 2017-1")
    kb = load(example_copy).kb
    call = kb.call("2018-nv")
    assert call is not None
    assert problems(example_copy) == [
        f"comments/calls.yml:{call.source.line}: call '2018-nv' is about version '2017-1', "
        "which does not exist"
    ]
    assert line > call.source.line


def test_duplicate_comment_id(example_copy: Path) -> None:
    kb = load(example_copy).kb
    other = next(s for s in kb.submissions if s.source.path != SUBMISSION and s.comments)
    comment = first_comment(example_copy)
    victim = other.comments[0]
    plant(example_copy, other.source.path, f"id: {victim.id}", f"id: {comment.id}")
    # submissions are read folder by folder, file by file: the later one is the duplicate
    paths = [s.source.path for s in kb.submissions]
    first, then = sorted(
        [(SUBMISSION, comment.source.line), (other.source.path, victim.source.line)],
        key=lambda where: paths.index(where[0]),
    )
    assert problems(example_copy) == [
        f"{then[0]}:{then[1]}: duplicate comment id '{comment.id}' (first in {first[0]}:{first[1]})"
    ]


def test_addressed_in_must_be_later_than_the_version_commented_on(example_copy: Path) -> None:
    comment = first_comment(example_copy)
    assert comment.addressed_in, "the first comment of the AUT reply is addressed in the example"
    plant(example_copy, SUBMISSION, f"addressed_in: {comment.addressed_in}", "addressed_in: 2018-3")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{comment.source.line}: comment '{comment.id}': addressed_in '2018-3' is "
        "not later than '2018-3', the version commented on"
    ]


def test_addressed_in_a_version_that_does_not_exist(example_copy: Path) -> None:
    comment = first_comment(example_copy)
    plant(example_copy, SUBMISSION, f"addressed_in: {comment.addressed_in}", "addressed_in: 2030-1")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{comment.source.line}: comment '{comment.id}': addressed_in '2030-1' is "
        "not a version"
    ]


def test_pending_comment_cannot_be_addressed(example_copy: Path) -> None:
    comment = first_comment(example_copy)
    plant(example_copy, SUBMISSION, f"disposition: {comment.disposition}", "disposition: pending")
    assert problems(example_copy) == [
        f"{SUBMISSION}:{comment.source.line}: comment '{comment.id}' is pending but says it was "
        f"addressed in '{comment.addressed_in}': record the decision or remove addressed_in"
    ]


def test_unknown_disposition_and_type(example_copy: Path) -> None:
    comment = first_comment(example_copy)
    line = plant(
        example_copy, SUBMISSION, f"disposition: {comment.disposition}", "disposition: approved"
    )
    assert problems(example_copy) == [
        f"{SUBMISSION}:{line}: comments.0.disposition: Input should be 'pending', 'accepted', "
        "'partially-accepted', 'not-accepted' or 'noted' (got 'approved')"
    ]


def test_submission_received_before_the_call(example_copy: Path) -> None:
    line = plant(example_copy, SUBMISSION, "received: 2018-", "received: 2017-")
    kb = load(example_copy).kb
    submission = next(s for s in kb.submissions if s.source.path == SUBMISSION)
    call = kb.call(submission.call)
    assert call is not None
    assert problems(example_copy) == [
        f"{SUBMISSION}:{line}: received {submission.received}, before the call was made "
        f"({call.date})"
    ]


# -- paragraphs relettered without {#id} -----------------------------------------------------

OFFICE_POWERS = "guidelines/draft/office-powers.md"
OLD_B = "(b) States should consider empowering the office"
OLD_C = "(c) The office should be able to engage"
INSERTED = (
    "(b) The office should be able to sell assets where a court has so ordered, and keep a "
    "record of each sale.\n\n"
)


def relettering_warnings(root: Path) -> list[str]:
    return [str(p) for p in check(root) if "relettered" in p.message]


def test_an_inserted_paragraph_without_ids_warns_at_the_relettered_one(
    example_copy: Path,
) -> None:
    plant(example_copy, OFFICE_POWERS, OLD_C, "(d)" + OLD_C[3:])
    plant(example_copy, OFFICE_POWERS, OLD_B, INSERTED + "(c)" + OLD_B[3:])
    text = (example_copy / OFFICE_POWERS).read_text(encoding="utf-8")
    line_c = text[: text.index("(c) States should")].count("\n") + 1
    found = relettering_warnings(example_copy)
    assert len(found) == 1, found
    assert found[0].startswith(f"{OFFICE_POWERS}:{line_c}: warning: paragraph (c)")
    assert "reads like paragraph (b) of version '2019-3'" in found[0]
    assert "Add {#b} at its end" in found[0]
    assert errors(example_copy) == []


def test_a_deleted_paragraph_without_ids_warns_at_each_relettered_one(
    example_copy: Path,
) -> None:
    path = example_copy / OFFICE_POWERS
    text = path.read_text(encoding="utf-8")
    start = text.index("(a) The asset management office")
    path.write_text(text[:start] + text[text.index(OLD_B) :], encoding="utf-8")
    plant(example_copy, OFFICE_POWERS, OLD_B, "(a)" + OLD_B[3:])
    plant(example_copy, OFFICE_POWERS, OLD_C, "(b)" + OLD_C[3:])
    found = relettering_warnings(example_copy)
    assert len(found) == 2, found
    assert "paragraph (a)" in found[0] and "Add {#b}" in found[0]
    assert "paragraph (b)" in found[1] and "Add {#c}" in found[1]


def test_explicit_ids_silence_the_warning(example_copy: Path) -> None:
    plant(example_copy, OFFICE_POWERS, "procedure.", "procedure. {#c}")
    plant(example_copy, OFFICE_POWERS, OLD_C, "(d)" + OLD_C[3:])
    plant(example_copy, OFFICE_POWERS, "the assets.", "the assets. {#b}")
    plant(
        example_copy,
        OFFICE_POWERS,
        OLD_B,
        INSERTED.replace("each sale.", "each sale. {#office-sales}") + "(c)" + OLD_B[3:],
    )
    assert relettering_warnings(example_copy) == []
    assert errors(example_copy) == []


def test_a_reworded_paragraph_in_its_place_is_no_relettering(example_copy: Path) -> None:
    plant(example_copy, OFFICE_POWERS, "States should consider empowering", "States may empower")
    assert relettering_warnings(example_copy) == []


def test_a_released_version_is_not_asked_for_ids_it_can_no_longer_take(
    example_copy: Path,
) -> None:
    released = "guidelines/2019-3/office-powers.md"
    seal(example_copy, "2019-3")
    plant(example_copy, released, OLD_C, "(d)" + OLD_C[3:])
    plant(example_copy, released, OLD_B, INSERTED + "(c)" + OLD_B[3:])
    # (the draft, which kept the old letters, is now the one that reads relettered)
    assert not [w for w in relettering_warnings(example_copy) if w.startswith(released)]
    assert any("changed since release of version '2019-3'" in e for e in errors(example_copy))
