"""Every message ``redraft check`` can print, each planted in a copy of the example.

Each case below plants one fault and gives the exact ``path:line: message`` lines check must
print, lines computed from the planted file; check must print those and nothing else (the
example's planted translation drift aside).  The meta-test at the end reads the message
templates out of the loader and the rules (the strings given to ``error(``, ``warning(``,
``Problem(``, ``SourceProblem(`` ...) and fails when one has no planting test here or in the
module named in ``COVERED_ELSEWHERE``, so that a new message cannot arrive untested.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from redraft.checks.rules import check
from redraft.kb.load import load

from .conftest import REPO, copy_example, is_planted_drift
from .gitkb import git, init_repo, isolate_git

SUBMISSION = "comments/submissions/2018-nv/AUT.yml"
RETARGETED = "comments/submissions/2019-nv/PER.yml"  # its first comment has a retarget record
GUIDELINE = "guidelines/draft/transparency.md"
FRENCH = "guidelines/draft/transparency.fr.md"  # the draft's only version in French
OUTLINE = "guidelines/draft/outline.yml"
VERSIONS = "guidelines/versions.yml"
CALLS = "comments/calls.yml"
PARTIES = "comments/parties.yml"


def problems(root: Path) -> list[str]:
    """What check prints, less the example's planted translation drift."""
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def read(root: Path, relative: str) -> str:
    return (root / relative).read_text(encoding="utf-8")


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def line_of(text: str, needle: str, start: int = 0) -> int:
    """The 1-based line of the first ``needle`` in ``text`` at or after offset ``start``."""
    at = text.index(needle, start)
    return text.count("\n", 0, at) + 1


def plant(root: Path, relative: str, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new`` in a file; return the line where ``new`` starts."""
    text = read(root, relative)
    assert old in text, f"{old!r} not in {relative}: the example changed, update the test"
    at = text.index(old)
    write(root, relative, text[:at] + new + text[at + len(old) :])
    return text.count("\n", 0, at) + 1


def append(root: Path, relative: str, addition: str) -> int:
    """Add lines at the end of a file; return the line of the first added line."""
    text = read(root, relative)
    if not text.endswith("\n"):
        text += "\n"
    write(root, relative, text + addition)
    return text.count("\n") + 1


def version_line(root: Path, version_id: str) -> int:
    return line_of(read(root, VERSIONS), f"- id: {version_id}\n")


# -- YAML --------------------------------------------------------------------------------------


def duplicate_key(root: Path) -> list[str]:
    line = plant(root, SUBMISSION, "language: en\n", "language: en\nreference: Note No. 35\n")
    return [f"{SUBMISSION}:{line + 1}: duplicate key 'reference'"]


def key_that_is_not_text(root: Path) -> list[str]:
    line = append(root, SUBMISSION, "[party, call]: AUT\n")
    return [f"{SUBMISSION}:{line}: a mapping key must be plain text"]


def number_out_of_range(root: Path) -> list[str]:
    # more digits than Python converts to an int (its guard against quadratic conversion)
    line = append(root, SUBMISSION, "count: " + "9" * 5000 + "\n")
    return [f"{SUBMISSION}:{line}: number out of range: {'9' * 20}"]


def character_yaml_forbids(root: Path) -> list[str]:
    line = plant(root, SUBMISSION, "reference: Note No.", "reference: Note\a No.")
    return [f"{SUBMISSION}:{line}: character U+0007 is not allowed in YAML"]


def malformed_yaml(root: Path) -> list[str]:
    line = plant(root, SUBMISSION, "party: AUT\n", "party: [AUT\n")
    # libyaml notices the unclosed list where the next key starts
    return [
        f"{SUBMISSION}:{line + 1}: malformed YAML: did not find expected ',' or ']'",
    ]


# -- record fields -----------------------------------------------------------------------------


def unknown_field_of_a_record(root: Path) -> list[str]:
    line = plant(root, SUBMISSION, "language: en\n", "language: en\ncolour: blue\n")
    return [f"{SUBMISSION}:{line + 1}: unknown field 'colour'"]


def unknown_field_beside_a_list(root: Path) -> list[str]:
    line = append(root, PARTIES, "observers: []\n")
    return [f"{PARTIES}:{line}: unknown field 'observers'"]


def not_a_mapping(root: Path) -> list[str]:
    write(root, SUBMISSION, "- party: AUT\n- call: 2018-nv\n")
    return [f"{SUBMISSION}:1: expected a mapping of fields"]


def not_a_mapping_item(root: Path) -> list[str]:
    line = append(root, PARTIES, "  - Ruritania\n")
    count = len(load(REPO).kb.parties) + 1
    return [f"{PARTIES}:{line}: expected a mapping of fields for item {count}"]


def not_a_language_code(root: Path) -> list[str]:
    line = plant(root, SUBMISSION, "language: en\n", "language: english\n")
    return [
        f"{SUBMISSION}:{line}: language: 'english' is not a two-letter language code such as "
        "en, fr, zh"
    ]


def empty_text(root: Path) -> list[str]:
    text = read(root, SUBMISSION)
    first_comment_text = line_of(text, "    text: ", text.index("comments:"))
    start = text.index("    text: ", text.index("comments:"))
    end = text.index("\n    ", start + 1)
    write(root, SUBMISSION, text[:start] + '    text: " "' + text[end:])
    return [f"{SUBMISSION}:{first_comment_text}: comments.0.text: must not be empty"]


# -- versions and their folders ----------------------------------------------------------------

LATER_ENTRY = (
    "  - id: {id}\n"
    '    title: "A later version"\n'
    "    symbol: CAC/COSP/WG.2/2099/1\n"
    "    date: 2099-01-01\n"
)


def the_draft_listed_as_a_version(root: Path) -> list[str]:
    line = append(root, VERSIONS, LATER_ENTRY.format(id="draft"))
    return [f"{VERSIONS}:{line}: 'draft' is the working draft and cannot be listed"]


def version_without_folder(root: Path) -> list[str]:
    line = append(root, VERSIONS, LATER_ENTRY.format(id="2099-1"))
    return [f"{VERSIONS}:{line}: version '2099-1' has no folder guidelines/2099-1/"]


def version_folder_without_outline(root: Path) -> list[str]:
    append(root, VERSIONS, LATER_ENTRY.format(id="2099-1"))
    (root / "guidelines/2099-1").mkdir()
    shutil.copy2(root / GUIDELINE, root / "guidelines/2099-1/transparency.md")
    return ["guidelines/2099-1:1: missing guidelines/2099-1/outline.yml"]


def versions_out_of_order(root: Path) -> list[str]:
    line = version_line(root, "2018-crp14")
    plant(root, VERSIONS, "date: 2018-11-09", "date: 2018-01-09")
    return [
        f"{VERSIONS}:{line}: version '2018-crp14' is dated 2018-01-09, before '2018-3' "
        "(2018-04-04); list versions oldest first"
    ]


def malformed_manifest(root: Path) -> list[str]:
    write(root, "guidelines/manifests/2018-3.sha256", "these are not digests\n")
    # the recorded hash still matches the folder, so nothing else is said
    return [
        "guidelines/manifests/2018-3.sha256:1: not a manifest: each line must be a SHA-256 "
        "digest, two spaces and a path, as sha256sum writes them"
    ]


def manifest_not_matching_its_hash(root: Path) -> list[str]:
    line = version_line(root, "2018-3")
    text = read(root, VERSIONS)
    recorded = text.split("hash: sha256:", 1)[1][:64]
    plant(root, VERSIONS, recorded, "0" * 64)
    return [
        f"{VERSIONS}:{line}: guidelines/manifests/2018-3.sha256 does not match the hash "
        f"recorded for '2018-3' in {VERSIONS}: the manifest was edited"
    ]


def released_folder_changed_without_manifest(root: Path) -> list[str]:
    line = version_line(root, "2018-3")
    (root / "guidelines/manifests/2018-3.sha256").unlink()
    # a trailing blank line changes the file's bytes and nothing in the model
    append(root, "guidelines/2018-3/transparency.md", "\n")
    return [
        f"{VERSIONS}:{line}: released version '2018-3' has changed since release (its hash no "
        "longer matches; guidelines/manifests/2018-3.sha256 is missing, so the files cannot be "
        "named)"
    ]


# -- outlines and guideline files --------------------------------------------------------------


def guideline_listed_twice(root: Path) -> list[str]:
    # the outline's first guideline listed again at its end, in another part
    text = read(root, OUTLINE)
    first_id = load(REPO).kb.draft.parts[0].guideline_ids[0]  # type: ignore[union-attr]
    first = line_of(text, f"      - {first_id}\n")
    line = append(root, OUTLINE, f"      - {first_id}\n")
    return [f"{OUTLINE}:{line}: guideline '{first_id}' is listed twice (first at line {first})"]


def guideline_without_text(root: Path) -> list[str]:
    plant(root, OUTLINE, "      - transparency\n", "      - transparency\n      - empty-one\n")
    # numbered as an insertion after transparency, so that the numbering stays in order
    number = load(REPO).kb.draft.guideline("transparency").number  # type: ignore[union-attr]
    front = (
        f'---\nid: empty-one\nnumber: "{number} bis"\ntitle: "Nothing yet"\npart: disposal\n---\n'
    )
    write(root, "guidelines/draft/empty-one.md", front + "\n")
    return [f"guidelines/draft/empty-one.md:{front.count(chr(10)) + 1}: the guideline has no text"]


def unexpected_heading(root: Path) -> list[str]:
    line = plant(root, GUIDELINE, "(b) The asset", "# Oversight\n\n(b) The asset")
    return [
        f"{GUIDELINE}:{line}: unexpected heading: a guideline body has paragraphs and, "
        "optionally, '## Explanatory note'"
    ]


def second_note_heading(root: Path) -> list[str]:
    assert "Explanatory note" not in read(root, GUIDELINE)
    line = append(root, GUIDELINE, "\n## Explanatory note\n\n## Explanatory note\n")
    return [f"{GUIDELINE}:{line + 3}: a second 'Explanatory note' heading"]


def invalid_paragraph_id(root: Path) -> list[str]:
    text = read(root, GUIDELINE)
    line = line_of(text, "(c) States")
    plant(root, GUIDELINE, "disposal of assets.", "disposal of assets. {#Conflicts_of_Interest}")
    return [
        f"{GUIDELINE}:{line}: invalid paragraph id 'Conflicts_of_Interest': use lowercase "
        "letters, digits and hyphens"
    ]


def lineage_naming_itself(root: Path) -> list[str]:
    line = plant(root, GUIDELINE, "part: disposal", "replaces: transparency\npart: disposal")
    return [f"{GUIDELINE}:{line}: replaces names the guideline itself"]


def translation_without_original(root: Path) -> list[str]:
    text = read(root, FRENCH).replace("id: transparency", "id: ghost", 1)
    write(root, "guidelines/draft/ghost.fr.md", text)
    return [
        "guidelines/draft/ghost.fr.md:1: translation of 'ghost', which has no original "
        "guidelines/draft/ghost.md"
    ]


def translation_id_not_its_original(root: Path) -> list[str]:
    line = plant(root, FRENCH, "id: transparency", "id: transparence")
    return [
        f"{FRENCH}:{line}: id 'transparence' must equal 'transparency', the guideline it translates"
    ]


def translation_with_an_extra_paragraph(root: Path) -> list[str]:
    line = append(root, FRENCH, "\n(z) Un alinéa que l'original n'a pas.\n")
    return [f"{FRENCH}:{line + 1}: paragraph 'z' is not in the original {GUIDELINE}"]


def translation_lacking_a_paragraph(root: Path) -> list[str]:
    text = read(root, FRENCH)
    id_line = line_of(text, "id: transparency")
    write(root, FRENCH, text[: text.index("(c) ")].rstrip("\n") + "\n")
    return [f"{FRENCH}:{id_line}: warning: translation lacks paragraph(s) c"]


# -- calls and submissions ---------------------------------------------------------------------


def call_line(root: Path, call_id: str) -> int:
    return line_of(read(root, CALLS), f"- id: {call_id}\n")


def deadline_before_the_call(root: Path) -> list[str]:
    line = call_line(root, "2018-nv")
    plant(root, CALLS, "deadline: 2018-09-14", "deadline: 2018-07-01")
    return [f"{CALLS}:{line}: deadline 2018-07-01 is before the call's date 2018-07-19"]


def call_on_the_working_draft(root: Path) -> list[str]:
    line = append(
        root,
        CALLS,
        "  - id: 2026-nv\n    reference: CU 2026/1\n    date: 2026-01-05\n"
        "    version: draft\n    deadline: 2026-03-01\n",
    )
    return [
        f"{CALLS}:{line}: call '2026-nv' is about the working draft, which keeps changing: a "
        "call invites comments on a released version (release the draft, then call for "
        "comments on it)"
    ]


def invited_party_not_registered(root: Path) -> list[str]:
    line = call_line(root, "2018-nv")
    plant(root, CALLS, "invited: all", "invited: [AUT, XYZ]")
    return [f"{CALLS}:{line}: invited party 'XYZ' is not in comments/parties.yml"]


def submission_outside_a_call_folder(root: Path) -> list[str]:
    shutil.copy2(root / SUBMISSION, root / "comments/submissions/AUT.yml")
    return [
        "comments/submissions/AUT.yml:1: a submission must sit in the folder of its call: "
        "comments/submissions/<call>/"
    ]


def accepted_without_addressed_in(root: Path) -> list[str]:
    text = read(root, SUBMISSION)
    comment_line = line_of(text, "  - id: aut-2018-1")
    plant(root, SUBMISSION, "    addressed_in: 2018-crp14\n", "")
    return [
        f"{SUBMISSION}:{comment_line}: warning: comment 'aut-2018-1' is accepted but names no "
        "version that addressed it (addressed_in)"
    ]


def retarget_line(root: Path) -> int:
    return line_of(read(root, RETARGETED), "      - version: 2019-3")


def retarget_to_no_version(root: Path) -> list[str]:
    line = plant(root, RETARGETED, "      - version: 2019-3", "      - version: 2030-9")
    return [f"{RETARGETED}:{line}: retarget: version '2030-9' does not exist"]


def retarget_to_an_earlier_version(root: Path) -> list[str]:
    line = plant(root, RETARGETED, "      - version: 2019-3", "      - version: 2018-3")
    return [
        f"{RETARGETED}:{line}: retarget: version '2018-3' is not later than '2018-crp14', the "
        "version commented on",
        # and the guideline it names was made in 2019-3 (split from another)
        f"{RETARGETED}:{line}: retarget: guideline 'company-continuity' is not in version '2018-3'",
    ]


def retarget_to_no_guideline(root: Path) -> list[str]:
    line = retarget_line(root)
    plant(root, RETARGETED, "guideline: company-continuity", "guideline: no-such-guideline")
    return [
        f"{RETARGETED}:{line}: retarget: guideline 'no-such-guideline' is not in version '2019-3'"
    ]


def retarget_to_no_paragraph(root: Path) -> list[str]:
    line = retarget_line(root)
    plant(root, RETARGETED, "        paragraph: b\n", "        paragraph: zz\n")
    paragraphs = load(REPO).kb.version("2019-3").guideline("company-continuity")  # type: ignore[union-attr]
    assert paragraphs is not None
    ids = ", ".join(p.id for p in paragraphs.text.all_paragraphs)
    return [
        f"{RETARGETED}:{line}: retarget: paragraph 'zz' is not in guideline "
        f"'company-continuity' of version '2019-3' (it has {ids})"
    ]


def retarget_quote_not_in_the_text(root: Path) -> list[str]:
    line = retarget_line(root)
    plant(
        root, RETARGETED, "        quote: preserve employment", "        quote: words nobody wrote"
    )
    return [
        f'{RETARGETED}:{line}: retarget: the quoted words "words nobody wrote in the lawful '
        "business\" are not in paragraph 'b' of guideline 'company-continuity' of version "
        "'2019-3'"
    ]


# -- what a comment is about: general comments, quotes from translations ----------------------

AUT_TARGET = (
    "    guideline: pre-seizure-planning\n    paragraph: a\n    quote: the authorities concerned\n"
)
"""The target of the first comment of SUBMISSION, which the plantings below replace."""


def first_comment_line(root: Path, relative: str = SUBMISSION) -> int:
    return line_of(read(root, relative), "  - id: ")


def comment_about_nothing(root: Path) -> list[str]:
    plant(root, SUBMISSION, AUT_TARGET, "")
    return [
        f"{SUBMISSION}:{first_comment_line(root)}: comments.0: say what the comment is about: "
        "'guideline: <id>', 'part: <id>', 'about: introduction' or 'about: document'"
    ]


def comment_about_two_things(root: Path) -> list[str]:
    plant(root, SUBMISSION, "    paragraph: a\n", "    paragraph: a\n    part: planning\n")
    return [
        f"{SUBMISSION}:{first_comment_line(root)}: comments.0: a comment is about one thing; "
        "it names 'guideline' and 'part'"
    ]


def quote_from_a_part(root: Path) -> list[str]:
    plant(root, SUBMISSION, AUT_TARGET, "    part: planning\n    quote: the authorities\n")
    return [
        f"{SUBMISSION}:{first_comment_line(root)}: comments.0: 'quote:' needs a guideline or "
        "'about: introduction' to quote from; a comment on a part or on the whole document "
        "quotes nothing"
    ]


def paragraph_of_the_document(root: Path) -> list[str]:
    plant(root, SUBMISSION, AUT_TARGET, "    about: document\n    paragraph: a\n")
    return [
        f"{SUBMISSION}:{first_comment_line(root)}: comments.0: a paragraph needs the guideline "
        "it belongs to ('guideline:')"
    ]


def comment_on_an_unknown_part(root: Path) -> list[str]:
    plant(root, SUBMISSION, AUT_TARGET, "    part: enforcement\n")
    parts = ", ".join(p.id for p in load(REPO).kb.version("2018-3").parts)  # type: ignore[union-attr]
    return [
        f"{SUBMISSION}:{first_comment_line(root)}: comment 'aut-2018-1': part 'enforcement' is "
        f"not in version '2018-3', the version the call was about (it has {parts})"
    ]


def quote_not_in_the_introduction(root: Path) -> list[str]:
    plant(root, SUBMISSION, AUT_TARGET, "    about: introduction\n    quote: words nobody wrote\n")
    return [
        f"{SUBMISSION}:{first_comment_line(root)}: comment 'aut-2018-1': the quoted words "
        "\"words nobody wrote\" are not in the introduction of version '2018-3' (looked in "
        "guidelines/2018-3/outline.yml (English))"
    ]


def retarget_of_a_general_comment(root: Path) -> list[str]:
    line = retarget_line(root)
    plant(
        root,
        RETARGETED,
        "    guideline: seized-companies\n    paragraph: c\n"
        "    quote: preserve employment in the lawful business\n",
        "    about: document\n",
    )
    return [
        f"{RETARGETED}:{line - 2}: retarget: comment 'per-2019-1' is about the document, not a "
        "guideline: there is no passage to retarget"
    ]


MOROCCO = "comments/submissions/2019-nv/MAR.yml"  # in French, on a version with no French text


def translated_quote_found_nowhere(root: Path) -> list[str]:
    line = plant(
        root, MOROCCO, "    quote: social cooperatives", "    quote: coopératives sociales"
    )
    return [
        f"{MOROCCO}:{line - 3}: comment 'mar-2019-3': the quoted words \"coopératives sociales\" "
        "are not in paragraph 'a' of guideline 'social-reuse' of version '2018-crp14' (looked in "
        "guidelines/2018-crp14/social-reuse.md (English); there is no French translation of it, "
        "the language of the reply)"
    ]


# -- meeting records ---------------------------------------------------------------------------

MEETING = "records/meetings/wg2-13.yml"


def meeting_ending_before_it_starts(root: Path) -> list[str]:
    line = plant(root, MEETING, "end: 2019-05-30", "end: 2019-05-20")
    return [f"{MEETING}:{line}: the meeting ends (2019-05-20) before it starts (2019-05-29)"]


def meeting_not_loaded(root: Path) -> str:
    """What a meeting file that breaks its schema costs besides its own line: it is not loaded,
    so the disposition citing its report is reported too."""
    citing = "comments/submissions/2019-nv/AUT.yml"
    comment_line = line_of(read(root, citing), "  - id: aut-2019-1\n")
    return (
        f"{citing}:{comment_line}: comment 'aut-2019-1': meeting_paragraph wg2-13/39: meeting "
        "'wg2-13' is not in records/meetings/"
    )


def call_discussed_with_a_guideline(root: Path) -> list[str]:
    line = plant(
        root,
        MEETING,
        "      - guideline: record-keeping\n",
        "      - guideline: record-keeping\n        call: 2019-nv\n",
    )
    return [
        f"{MEETING}:{line + 1}: paragraphs.3.discusses.0.call: a call is discussed on its own: "
        "give it in an entry of its own",
        meeting_not_loaded(root),
    ]


def paragraph_discussed_without_its_guideline(root: Path) -> list[str]:
    line = plant(root, MEETING, "      - guideline: record-keeping\n", "      - paragraph: a\n")
    return [
        f"{MEETING}:{line}: paragraphs.3.discusses.0.paragraph: a paragraph needs the guideline "
        "it belongs to ('guideline:')",
        meeting_not_loaded(root),
    ]


def meeting_file_that_is_not_yaml(root: Path) -> list[str]:
    write(root, "records/meetings/wg2-14.txt", "The fourteenth meeting.\n")
    return ["records/meetings/wg2-14.txt:1: unexpected file: a meeting is a .yml file"]


def meeting_that_is_a_folder(root: Path) -> list[str]:
    write(root, "records/meetings/wg2-14/report.yml", read(root, MEETING))
    return ["records/meetings/wg2-14:1: unexpected folder: a meeting is one file"]


# -- paragraphs relettered, Markdown too costly to render -------------------------------------

OFFICE_POWERS = "guidelines/draft/office-powers.md"


def drop_translations(root: Path, guideline: str) -> None:
    """Remove a guideline's translations, so that changing its paragraphs says nothing of them."""
    for translation in (root / "guidelines/draft").glob(f"{guideline}.*.md"):
        translation.unlink()


def relettered_paragraph(root: Path) -> list[str]:
    drop_translations(root, "office-powers")
    old_b = "(b) States should consider empowering the office"
    old_c = "(c) The office should be able to engage"
    plant(root, OFFICE_POWERS, old_c, "(d)" + old_c[3:])
    inserted = "(b) The office should be able to sell assets where a court has so ordered.\n\n"
    line = plant(root, OFFICE_POWERS, old_b, inserted + "(c)" + old_b[3:]) + 2
    return [
        f"{OFFICE_POWERS}:{line}: warning: paragraph (c) of 'office-powers' reads like paragraph "
        "(b) of version '2019-3', but its label pairs it with the old (c): an insertion or "
        "deletion relettered it. Add {#b} at its end to keep its anchor, and give an inserted "
        "paragraph an id of its own (see 'anchors' in docs/format.md)"
    ]


def brackets_too_costly_for_a_version(root: Path) -> list[str]:
    from redraft.checks.markdown import MAX_LINK_SCAN, MAX_LINK_SCAN_PER_VERSION, link_scan

    drop_translations(root, "office-powers")
    # the most unclosed brackets one paragraph may hold, repeated until the version's budget
    # runs out (the example's texts have no brackets: they spend none of it)
    count = 1
    while link_scan("[" * (count + 1)) <= MAX_LINK_SCAN:
        count += 1
    brackets = "[" * count
    needed = MAX_LINK_SCAN_PER_VERSION // link_scan(brackets) + 1
    line = append(root, OFFICE_POWERS, f"\n{brackets}\n" * needed) + 2 * (needed - 1) + 1
    return [
        f"{OFFICE_POWERS}:{line}: the brackets of version 'draft' (original) make its page too "
        f"costly to render (links read more than {MAX_LINK_SCAN_PER_VERSION} characters in all, "
        "the limit, by this paragraph); close each '[' with ']' or write \\["
    ]


# -- the site's configuration and hand-written pages --------------------------------------------


def docs_dir_set_to(root: Path, folder: str) -> int:
    """The example's mkdocs.yml with ``docs_dir`` set to ``folder``; the line it is on."""
    text = read(REPO, "mkdocs.yml")
    line = line_of(text, "docs_dir: docs\n")
    write(root, "mkdocs.yml", text.replace("docs_dir: docs\n", f"docs_dir: {folder}\n", 1))
    return line


def docs_dir_outside(root: Path) -> list[str]:
    line = docs_dir_set_to(root, "../pages")
    return [f"mkdocs.yml:{line}: docs_dir: '../pages' is outside the knowledge base"]


def docs_dir_hidden(root: Path) -> list[str]:
    line = docs_dir_set_to(root, ".pages")
    return [
        f"mkdocs.yml:{line}: docs_dir: '.pages' is the knowledge base's root or a hidden folder"
    ]


def docs_dir_in_the_data(root: Path) -> list[str]:
    line = docs_dir_set_to(root, "comments/submissions")
    return [
        f"mkdocs.yml:{line}: docs_dir: 'comments/submissions' is the knowledge base's data "
        "(comments), which is not published as hand-written pages"
    ]


def docs_folder_linked_into_the_data(root: Path) -> list[str]:
    write(root, "mkdocs.yml", read(REPO, "mkdocs.yml"))
    (root / "docs").symlink_to("comments", target_is_directory=True)
    return [
        "docs:1: symbolic link to comments/: docs_dir: 'comments' is the knowledge base's data "
        "(comments), which is not published as hand-written pages"
    ]


# -- release tags (git) ------------------------------------------------------------------------


def tag_without_the_folder(root: Path) -> list[str]:
    empty_tree = git(root, "hash-object", "-t", "tree", "/dev/null").strip()
    commit = git(root, "commit-tree", empty_tree, "-m", "Not a release").strip()
    git(root, "tag", "release/2018-3", commit)
    return [
        f"{VERSIONS}:{version_line(root, '2018-3')}: the git tag release/2018-3 has no "
        "guidelines/2018-3/: it does not tag the release of '2018-3'"
    ]


def tag_that_is_not_a_commit(root: Path) -> list[str]:
    tree = git(root, "rev-parse", "HEAD^{tree}").strip()
    git(root, "tag", "release/2018-3", tree)
    return [
        f"{VERSIONS}:{version_line(root, '2018-3')}: warning: cannot read the git tag "
        "release/2018-3 (ValueError)"
    ]


# -- printed numbers in the draft ----------------------------------------------------------------

RENUMBER = "`redraft guideline renumber` numbers the draft in outline order"


def draft_number(root: Path, guideline_id: str, new: str) -> tuple[str, int, str]:
    """Print ``new`` on a guideline of the draft; (its path, the line, its old number)."""
    path = f"guidelines/draft/{guideline_id}.md"
    old = load(REPO).kb.draft.guideline(guideline_id).number  # type: ignore[union-attr]
    return path, plant(root, path, f'number: "{old}"', f'number: "{new}"'), old


def last_draft_guideline() -> tuple[str, str, str]:
    """The last two guidelines of the draft in outline order: (last id, its number, the one
    before's number)."""
    before, last = load(REPO).kb.draft.guidelines[-2:]  # type: ignore[union-attr]
    return last.id, last.number, before.number


def number_gap(root: Path) -> list[str]:
    last, number, before = last_draft_guideline()
    skipped = str(int(number) + 2)
    path, line, _ = draft_number(root, last, skipped)
    return [
        f"{path}:{line}: warning: number '{skipped}' follows '{before}': the numbers in between "
        f"are missing; {RENUMBER}"
    ]


def number_out_of_order(root: Path) -> list[str]:
    last, _, before = last_draft_guideline()
    earlier = f"{int(before) - 1} bis"
    path, line, _ = draft_number(root, last, earlier)
    return [
        f"{path}:{line}: warning: number '{earlier}' comes after '{before}' in the outline: "
        f"numbers are out of order; {RENUMBER}"
    ]


def first_number_not_one(root: Path) -> list[str]:
    first, second = load(REPO).kb.draft.guidelines[:2]  # type: ignore[union-attr]
    path, line, _ = draft_number(root, first.id, "0 bis")
    return [
        f"{path}:{line}: warning: the first guideline is numbered '0 bis', not '1'; {RENUMBER}",
        f"{second.source.path}:{second.line_of('number')}: warning: number '{second.number}' "
        f"follows '0 bis': the numbers in between are missing; {RENUMBER}",
    ]


# -- the cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One fault: the message it must print as written in the source (each formatted value as
    ``{}``), and how to plant it (returning the exact lines check must print)."""

    template: str
    plant: Callable[[Path], list[str]]
    git: bool = False  # the copy must be a git repository (release tags)


CASES: dict[str, Case] = {
    "duplicate-yaml-key": Case("duplicate key '{}'", duplicate_key),
    "yaml-key-not-text": Case("a mapping key must be plain text", key_that_is_not_text),
    "number-out-of-range": Case("number out of range: {}", number_out_of_range),
    "character-yaml-forbids": Case("character U+{} is not allowed in YAML", character_yaml_forbids),
    "malformed-yaml": Case("malformed YAML: {}", malformed_yaml),
    "unknown-field": Case("unknown field '{}'", unknown_field_of_a_record),
    "unknown-field-beside-a-list": Case("unknown field '{}'", unknown_field_beside_a_list),
    "not-a-mapping": Case("expected a mapping of fields{}", not_a_mapping),
    "not-a-mapping-item": Case("expected a mapping of fields{}", not_a_mapping_item),
    "not-a-language": Case(
        "'{}' is not a two-letter language code such as en, fr, zh", not_a_language_code
    ),
    "empty-text": Case("must not be empty", empty_text),
    "draft-listed": Case(
        "'draft' is the working draft and cannot be listed", the_draft_listed_as_a_version
    ),
    "version-without-folder": Case(
        "version '{}' has no folder guidelines/{}/", version_without_folder
    ),
    "folder-without-outline": Case("missing {}", version_folder_without_outline),
    "versions-out-of-order": Case(
        "version '{}' is dated {}, before '{}' ({}); list versions oldest first",
        versions_out_of_order,
    ),
    "malformed-manifest": Case(
        "not a manifest: each line must be a SHA-256 digest, two spaces and a path, as "
        "sha256sum writes them",
        malformed_manifest,
    ),
    "manifest-edited": Case(
        "{} does not match the hash recorded for '{}' in {}: the manifest was edited",
        manifest_not_matching_its_hash,
    ),
    "changed-without-manifest": Case(
        "released version '{}' has changed since release (its hash no longer matches; {} is "
        "missing, so the files cannot be named)",
        released_folder_changed_without_manifest,
    ),
    "listed-twice": Case(
        "guideline '{}' is listed twice (first at line {})", guideline_listed_twice
    ),
    "no-text": Case("the guideline has no text", guideline_without_text),
    "unexpected-heading": Case(
        "unexpected heading: a guideline body has paragraphs and, optionally, "
        "'## Explanatory note'",
        unexpected_heading,
    ),
    "second-note": Case("a second 'Explanatory note' heading", second_note_heading),
    "invalid-paragraph-id": Case(
        "invalid paragraph id '{}': use lowercase letters, digits and hyphens",
        invalid_paragraph_id,
    ),
    "lineage-naming-itself": Case("{} names the guideline itself", lineage_naming_itself),
    "translation-without-original": Case(
        "translation of '{}', which has no original {}/{}.md", translation_without_original
    ),
    "translation-id": Case(
        "id '{}' must equal '{}', the guideline it translates", translation_id_not_its_original
    ),
    "translation-extra-paragraph": Case(
        "paragraph '{}' is not in the original {}", translation_with_an_extra_paragraph
    ),
    "translation-lacks": Case("translation lacks paragraph(s) {}", translation_lacking_a_paragraph),
    "deadline-before-call": Case(
        "deadline {} is before the call's date {}", deadline_before_the_call
    ),
    "call-on-the-draft": Case(
        "call '{}' is about the working draft, which keeps changing: a call invites comments on "
        "a released version (release the draft, then call for comments on it)",
        call_on_the_working_draft,
    ),
    "invited-unknown": Case(
        "invited party '{}' is not in comments/parties.yml", invited_party_not_registered
    ),
    "submission-outside-call": Case(
        "a submission must sit in the folder of its call: comments/submissions/<call>/",
        submission_outside_a_call_folder,
    ),
    "accepted-without-addressed-in": Case(
        "comment '{}' is {} but names no version that addressed it (addressed_in)",
        accepted_without_addressed_in,
    ),
    "retarget-no-version": Case("retarget: version '{}' does not exist", retarget_to_no_version),
    "retarget-earlier": Case(
        "retarget: version '{}' is not later than '{}', the version commented on",
        retarget_to_an_earlier_version,
    ),
    "retarget-no-guideline": Case(
        "retarget: guideline '{}' is not in version '{}'", retarget_to_no_guideline
    ),
    "retarget-no-paragraph": Case(
        "{}: paragraph '{}' is not in guideline '{}' of version '{}' (it has {})",
        retarget_to_no_paragraph,
    ),
    "retarget-quote": Case(
        "{}: the quoted words \"{}\" are not in {} of version '{}'{}",
        retarget_quote_not_in_the_text,
    ),
    "comment-about-nothing": Case(
        "say what the comment is about: 'guideline: <id>', 'part: <id>', 'about: introduction' "
        "or 'about: document'",
        comment_about_nothing,
    ),
    "comment-about-two-things": Case(
        "a comment is about one thing; it names {}", comment_about_two_things
    ),
    "quote-from-a-part": Case(
        "'quote:' needs a guideline or 'about: introduction' to quote from; a comment on a part "
        "or on the whole document quotes nothing",
        quote_from_a_part,
    ),
    "paragraph-of-the-document": Case(
        "a paragraph needs the guideline it belongs to ('guideline:')", paragraph_of_the_document
    ),
    "comment-on-an-unknown-part": Case(
        "{}: part '{}' is not in version '{}', the version the call was about (it has {})",
        comment_on_an_unknown_part,
    ),
    "quote-not-in-the-introduction": Case(
        "{}: the quoted words \"{}\" are not in the introduction of version '{}' (looked in {})",
        quote_not_in_the_introduction,
    ),
    "retarget-of-a-general-comment": Case(
        "retarget: {} is about the {}, not a guideline: there is no passage to retarget",
        retarget_of_a_general_comment,
    ),
    "translated-quote-found-nowhere": Case(
        "{}: the quoted words \"{}\" are not in {} of version '{}'{}",
        translated_quote_found_nowhere,
    ),
    "tag-without-folder": Case(
        "the git tag {} has no {}/: it does not tag the release of '{}'",
        tag_without_the_folder,
        git=True,
    ),
    "tag-not-a-commit": Case("cannot read the git tag {} ({})", tag_that_is_not_a_commit, git=True),
    "meeting-ends-before-it-starts": Case(
        "the meeting ends ({}) before it starts ({})", meeting_ending_before_it_starts
    ),
    "call-discussed-with-a-guideline": Case(
        "a call is discussed on its own: give it in an entry of its own",
        call_discussed_with_a_guideline,
    ),
    "paragraph-without-guideline": Case(
        "a paragraph needs the guideline it belongs to ('guideline:')",
        paragraph_discussed_without_its_guideline,
    ),
    "meeting-not-yaml": Case(
        "unexpected file: a meeting is a .yml file", meeting_file_that_is_not_yaml
    ),
    "meeting-folder": Case("unexpected folder: a meeting is one file", meeting_that_is_a_folder),
    "relettered": Case(
        "paragraph {} of '{}' reads like paragraph {} of version '{}', but its label pairs it "
        "with the old {}: an insertion or deletion relettered it. Add {#{}} at its end to keep "
        "its anchor, and give an inserted paragraph an id of its own (see 'anchors' in "
        "docs/format.md)",
        relettered_paragraph,
    ),
    "brackets-of-a-version": Case(
        "the brackets of {} make its page too costly to render (links read more than {} "
        "characters in all, the limit, by this paragraph); close each '[' with ']' or write \\[",
        brackets_too_costly_for_a_version,
    ),
    "docs-dir-outside": Case("docs_dir: '{}' is outside the knowledge base", docs_dir_outside),
    "docs-dir-hidden": Case(
        "docs_dir: '{}' is the knowledge base's root or a hidden folder", docs_dir_hidden
    ),
    "docs-dir-data": Case(
        "docs_dir: '{}' is the knowledge base's data ({}), which is not published as "
        "hand-written pages",
        docs_dir_in_the_data,
    ),
    "docs-folder-link": Case("symbolic link to {}/: {}", docs_folder_linked_into_the_data),
    "number-gap": Case(
        "number '{}' follows '{}': the numbers in between are missing; {}", number_gap
    ),
    "number-out-of-order": Case(
        "number '{}' comes after '{}' in the outline: numbers are out of order; {}",
        number_out_of_order,
    ),
    "first-number-not-one": Case(
        "the first guideline is numbered '{}', not '1'; {}", first_number_not_one
    ),
}


def template_pattern(template: str) -> re.Pattern[str]:
    """A printed problem line whose message fits ``template`` ({} stands for any text); a
    field's name may lead (``language: ...``), as the loader reports a field's own rule."""
    literal = r".*?".join(re.escape(part) for part in template.split("{}"))
    return re.compile(rf"[^:]+:\d+: (?:warning: )?(?:[\w.]+: )?{literal}")


@pytest.fixture(scope="module")
def unplanted(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """What check prints for a fresh copy of the example, nothing planted.  Every case starts
    from the same copy (``example_copy``), so one check stands for all but those that first
    make the copy a git repository."""
    return problems(copy_example(tmp_path_factory.mktemp("unplanted") / "kb"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_message_is_printed_exactly_where_it_was_planted(
    name: str,
    example_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    unplanted: list[str],
) -> None:
    case = CASES[name]
    if case.git:
        isolate_git(monkeypatch, tmp_path / "home")
        init_repo(example_copy)
        assert problems(example_copy) == []
    else:
        assert unplanted == []
    expected = case.plant(example_copy)
    assert sorted(problems(example_copy)) == sorted(expected)
    assert template_pattern(case.template).fullmatch(expected[0]), (case.template, expected[0])


# -- every message has its test --------------------------------------------------------------

SOURCES = (
    "kb/sources.py",
    "kb/yamlio.py",
    "kb/guideline_file.py",
    "kb/schema.py",
    "kb/load.py",
    "checks/rules.py",
    "checks/integrity.py",
    "checks/records.py",
    "checks/markdown.py",
    "kb/journal.py",
    "kb/site_inputs.py",
)

MESSAGE_ARGUMENT = {
    # callable → the position of the message among its arguments
    "error": 1,
    "warning": 1,
    "Problem": 2,
    "problem": 2,  # _Loader.problem(path, line, message)
    "report": 2,  # load._unique's callback, which is _Loader.problem
    "SourceProblem": 1,
    "ReadError": 1,
    "YamlError": 1,
    "_Refused": 1,
    "ValueError": 0,  # schema's validators: pydantic prints the field, then the message
}


def _template(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The text of a message as written, each formatted value as ``{}``; None if it is not
    written here (a variable passing on a message made elsewhere)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.JoinedStr):
        return "".join(
            str(part.value) if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left, constants), _template(node.right, constants)
        if left is None and right is None:
            return None
        return (left if left is not None else "{}") + (right if right is not None else "{}")
    return None


def message_templates(source: str) -> set[str]:
    """The problem messages one module writes: given to a problem's constructor or reporter,
    or returned by a function that says what is wrong (``id_problem``, ``_describe``)."""
    tree = ast.parse(source)
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.isupper()
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            position = MESSAGE_ARGUMENT.get(str(name))
            if position is not None and len(node.args) > position:
                text = _template(node.args[position], constants)
                if text is not None:
                    found.add(" ".join(text.split()))
        if isinstance(node, ast.FunctionDef) and (
            node.name.endswith("_problem") or node.name == "_describe"
        ):
            for returned in ast.walk(node):
                if isinstance(returned, ast.Return) and returned.value is not None:
                    text = _template(returned.value, constants)
                    if text is not None and text.replace("{}", "").strip(" :"):
                        found.add(" ".join(text.split()))
    return found


def all_message_templates() -> set[str]:
    found: set[str] = set()
    for module in SOURCES:
        found |= message_templates((REPO / "src" / "redraft" / module).read_text(encoding="utf-8"))
    return found


COVERED_ELSEWHERE = {
    # template → the test that plants it, beside the rule or the hostile input it is about
    "'{}' is not a valid id: {}; {}": (
        "test_hostile_files.py::test_lookalike_or_invisible_character_in_an_id"
    ),
    "'{}' is not a valid party code{}; {}": (
        "test_hostile_files.py::test_lookalike_or_control_character_in_a_party_code"
    ),
    "YAML aliases (*name) are not supported": (
        "test_hostile_files.py::test_alias_bomb_is_refused_at_the_first_alias"
    ),
    "binary content (NUL byte) in a text file": (
        "test_hostile_files.py::test_nul_byte_names_the_line"
    ),
    "call '{}' disagrees with the folder it is in ({})": (
        "test_check_rules.py::test_call_that_does_not_exist"
    ),
    "call '{}' is about version '{}', which does not exist": (
        "test_check_rules.py::test_call_about_a_version_that_does_not_exist"
    ),
    "call '{}' is not in comments/calls.yml": "test_check_rules.py::test_call_that_does_not_exist",
    "cannot read the file: {}": "test_hostile_files.py::test_dangling_link",
    "footnote [^{}] has no text: add a line '[^{}]: …' after the paragraphs": (
        "test_footnotes.py::test_a_mark_without_its_footnote_and_a_footnote_defined_twice_are_errors"
    ),
    "footnote [^{}] is defined twice (first at line {})": (
        "test_footnotes.py::test_a_mark_without_its_footnote_and_a_footnote_defined_twice_are_errors"
    ),
    "footnote [^{}] is empty": (
        "test_footnotes.py::test_a_mark_without_its_footnote_and_a_footnote_defined_twice_are_errors"
    ),
    "comment '{}' has a translation but the reply has no 'translation:' saying its language": (
        "test_translations.py::test_a_comment_translation_needs_the_reply_to_say_its_language"
    ),
    "comment '{}' is accepted, but the passage it is about reads the same in '{}'{}, the version "
    "said to address it": (
        "test_dispositions.py::test_accepted_but_the_quoted_paragraph_reads_the_same"
    ),
    "comment '{}' is pending but says it was addressed in '{}': record the decision or remove "
    "addressed_in": "test_check_rules.py::test_pending_comment_cannot_be_addressed",
    "comment '{}' is {} without a rationale": (
        "test_dispositions.py::test_decision_without_rationale_is_a_warning"
    ),
    "comment '{}': addressed_in '{}' is not a version": (
        "test_check_rules.py::test_addressed_in_a_version_that_does_not_exist"
    ),
    "comment '{}': addressed_in '{}' is not later than '{}', the version commented on": (
        "test_check_rules.py::test_addressed_in_must_be_later_than_the_version_commented_on"
    ),
    "comment '{}': guideline '{}' is not in version '{}', the version the call was about{}": (
        "test_check_rules.py::test_comment_on_a_guideline_that_does_not_exist"
    ),
    "control character U+{} is not allowed in a text": (
        "test_hostile_files.py::test_control_character_in_a_text"
    ),
    "duplicate comment id '{}' (first in {})": "test_check_rules.py::test_duplicate_comment_id",
    "duplicate paragraph id '{}' (first at line {})": (
        "test_check_rules.py::test_duplicate_paragraph_id"
    ),
    "duplicate {} '{}' (first at line {})": "test_check_rules.py::test_duplicate_version_id",
    "expected a top-level '{}:' list": "test_cli_check.py::test_paths_are_relative_to_root",
    "file is too large ({} bytes; the limit is {})": (
        "test_hostile_files.py::test_file_over_the_size_limit_is_not_read"
    ),
    "file name '{}' is neither <guideline-id>.md nor <guideline-id>.<language>.md (a two-letter "
    "language code such as zh)": "test_hostile_files.py::test_guideline_file_name_with_extra_dots",
    "file name '{}' is not a submission name: use letters A-Z, a-z, digits and hyphens, e.g. "
    "AUT.yml or AUT-2.yml": "test_hostile_files.py::test_submission_file_name_that_cannot_be_an_id",
    "file name: {}": "test_hostile_files.py::test_guideline_file_name_that_is_not_an_id",
    "folder is not a version listed in {} (release it with `redraft release`, or remove it)": (
        "test_check_rules.py::test_unlisted_version_folder"
    ),
    "front matter is not closed by a line '---'": (
        "test_check_rules.py::test_front_matter_not_closed"
    ),
    "guideline '{}' has no file {}/{}.md": "test_check_rules.py::test_outline_lists_a_missing_file",
    "guideline '{}' is not listed in {}": "test_check_rules.py::test_guideline_not_in_outline",
    "id '{}' must equal the file name '{}'": "test_check_rules.py::test_id_must_match_file_name",
    "impossible date {} ({})": "test_check_rules.py::test_impossible_date",
    "missing front matter: the file must start with a line '---'": (
        "test_check_rules.py::test_missing_front_matter"
    ),
    "missing required field '{}'": "test_check_rules.py::test_missing_field",
    "more than {} values in one file": (
        "test_hostile_files.py::test_many_values_in_block_style_name_the_line_where_the_limit_was_met"
    ),
    "nesting deeper than {} levels": "test_hostile_files.py::test_deep_block_nesting",
    "not a date written YYYY-MM-DD": (
        "test_check_rules.py::test_date_written_as_number_is_not_a_timestamp"
    ),
    "not a regular file (a FIFO, socket or device); refusing to read it": (
        "test_hostile_files.py::test_fifo_is_never_opened"
    ),
    "not valid UTF-8 (byte 0x{}); save the file as UTF-8": (
        "test_hostile_files.py::test_invalid_utf8_names_the_line"
    ),
    "number '{}' is also printed on '{}' in this version": (
        "test_check_rules.py::test_duplicate_printed_number"
    ),
    "part '{}' disagrees with {}, which lists it under part '{}'": (
        "test_check_rules.py::test_part_disagrees_with_outline"
    ),
    "party '{}' is not in comments/parties.yml": (
        "test_check_rules.py::test_party_that_is_not_registered"
    ),
    "received {}, before the call was made ({})": (
        "test_check_rules.py::test_submission_received_before_the_call"
    ),
    "symbolic link loop (the link leads back to itself); refusing to read it": (
        "test_hostile_files.py::test_link_loop"
    ),
    "symbolic link points outside the knowledge base; refusing to read it": (
        "test_hostile_files.py::test_link_to_a_file_outside"
    ),
    "tab character in indentation (YAML allows only spaces)": (
        "test_check_rules.py::test_tab_indentation_is_reported"
    ),
    "the translation is in '{}', the language the reply was received in; give the language it "
    "was translated into": (
        "test_translations.py::test_a_translation_into_the_language_received_is_refused"
    ),
    "the working draft guidelines/draft/ is missing": (
        "test_cli_check.py::test_an_empty_folder_is_reported_not_crashed"
    ),
    "the {} outline of '{}' is outdated: {}": (
        "test_translations.py::test_an_introduction_not_retranslated_is_outdated"
    ),
    "the {} text of '{}' is outdated: {}": (
        "test_check_rules.py::test_the_example_is_clean_but_for_its_planted_translation_drift"
    ),
    "unexpected file in a version folder (expected .md or outline.yml)": (
        "test_hostile_files.py::test_png_file"
    ),
    "unexpected file: a submission is a .yml file": (
        "test_hostile_files.py::test_stray_file_in_a_folder_that_is_not_a_call"
    ),
    "unsupported YAML tag {}": "test_hostile_files.py::test_python_and_other_yaml_tags_are_refused",
    "{} '{}' is not a guideline of any earlier version": (
        "test_check_rules.py::test_lineage_that_points_nowhere"
    ),
    "{} of version '{}' according to its git tag {}: a released version must not change; {}": (
        "test_release.py::test_check_compares_with_the_release_tag_when_manifest_and_hash_were_"
        "rewritten"
    ),
    "{} of version '{}': a released version must not change; {}": (
        "test_check_rules.py::test_released_version_changed_after_release"
    ),
    "name a guideline, a version or a call": (
        "test_records.py::test_a_discussed_entry_naming_nothing"
    ),
    "paragraph number {} is used twice (first at line {})": (
        "test_records.py::test_a_paragraph_number_used_twice"
    ),
    "paragraph {} has a text in '{}', which is not among the report's languages": (
        "test_records.py::test_a_text_in_a_language_the_report_does_not_list"
    ),
    "the report is listed in '{}' but paragraph(s) {} have no text in it": (
        "test_records.py::test_a_report_language_without_text"
    ),
    "symbolic link leads out of {}/ (to {}); a hand-written page is published, so it must be a "
    "file inside {}/": (
        "test_one_reader.py::test_a_page_linking_into_the_comments_is_reported_and_not_published"
    ),
    "{} has more than {} characters of markup (< & * _ ` \\) by this paragraph, the limit for a "
    "page that renders in bounded time": (
        "test_trust_hardening.py::test_a_version_heavy_with_markup_is_refused_where_the_budget_"
        "runs_out"
    ),
}

UNREACHABLE = {
    # template → why no file a user can write makes check print it (defensive code)
    "file is too large (more than {} bytes)": (
        "a race: the file grew between its size check and its reading"
    ),
    "the folder {} is a {}": (
        "reading a path beyond a refused link: the loader reads only what exists() or a listing "
        "gave it, and neither looks past a refused link"
    ),
    "cannot read the file: no such file": (
        "MemorySource (a git revision) lists only the files it holds, so the loader never asks "
        "it for one it lacks"
    ),
}


def test_every_message_has_a_planting_test() -> None:
    planted = {case.template for case in CASES.values()}
    in_source = all_message_templates()
    accounted = planted | set(COVERED_ELSEWHERE) | set(UNREACHABLE)
    untested = sorted(in_source - accounted)
    assert untested == [], (
        "messages without a planting test: plant each in tests/test_check_messages.py "
        "(CASES), or name the test that does in COVERED_ELSEWHERE"
    )
    stale = sorted(accounted - in_source)
    assert stale == [], "no longer in the source: update CASES, COVERED_ELSEWHERE or UNREACHABLE"


@pytest.mark.parametrize("template", sorted(COVERED_ELSEWHERE))
def test_a_test_named_elsewhere_exists_and_quotes_its_message(template: str) -> None:
    module, name = COVERED_ELSEWHERE[template].split("::")
    source = (REPO / "tests" / module).read_text(encoding="utf-8")
    tests = {
        node.name: ast.get_source_segment(source, node) or ""
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef)
    }
    assert name in tests, f"{module} has no {name}"
    # the test (or a table of its module, for parametrized tests) spells the message out
    pieces = [piece.strip() for piece in template.split("{}") if len(piece.strip()) >= 8]
    quoted = " ".join((tests[name] + source).split())
    assert pieces, template
    assert any(piece in quoted for piece in pieces), (template, module, name)


def test_the_template_scan_sees_messages_in_every_form() -> None:
    """The scan itself: a plain string, an f-string, a concatenation, a module constant, a
    reporter's callback and a ``*_problem`` function's return each count."""
    source = """
REFUSED = "refusing to read it"
def rule(x):
    yield error(x.source, f"version '{x.id}' is late")
    yield warning(x.source, "plain " + x.note)
    self.problem(x.path, 1, REFUSED)
    report(x.path, 2, f"duplicate {x.what}")
    raise ValueError("must not be empty")
def name_problem(name):
    return f"file name: {name}"
"""
    assert message_templates(source) == {
        "version '{}' is late",
        "plain {}",
        "refusing to read it",
        "duplicate {}",
        "must not be empty",
        "file name: {}",
    }
