"""Structural edits of the working draft: each keeps outline, numbering, lineage and every
translation consistent in one changeset.

Every function here takes a :class:`Draft` (the knowledge base as loaded, and the changeset the
command builds) and records file changes; nothing is written until
:func:`redraft.editing.apply.apply` has checked the result.  Released versions are never read for
writing: only ``guidelines/draft/`` and, for a renamed id, the comments made on the draft.

Choices the format leaves open, made once here:

* Printed numbers are not silently shifted.  An inserted guideline (``new``, the second half of
  a ``split``) takes the number of the one before it with ``bis``, ``ter``… as secretariats number
  an insertion between two drafts; ``renumber`` (or ``--renumber`` on any command) then numbers
  the draft 1, 2, 3… in outline order, and ``check`` warns of gaps and numbers out of order until
  it is done.
* A paragraph that moves or is relettered keeps its anchor with ``{#id}``, in the original and in
  every translation alike, so comments and translation drift keep pairing it with its past.
* A guideline formed by a merge or split records its lineage (``merged_from``, ``split_from``)
  only towards guidelines of a released version; a guideline that never left the draft passes its
  own lineage on instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from redraft.checks.rules import NUMBER_SUFFIXES
from redraft.editing.changeset import Changeset, EditRefused
from redraft.editing.guideline_text import (
    FIELD_ORDER,
    Block,
    GuidelineFile,
    block_text,
    compose,
    edit_front_matter,
    label_style,
    read,
    relabel_calls,
    replace_blocks,
    set_field,
    set_front_field,
    set_list,
)
from redraft.editing.yamledit import Document, edit
from redraft.kb.guideline_file import FOOTNOTE_REFERENCE, label_anchor
from redraft.kb.load import DRAFT_FOLDER
from redraft.kb.model import DRAFT, Guideline, KnowledgeBase, Version

OUTLINE = f"{DRAFT_FOLDER}/outline.yml"
REFERENCES = "records/references.yml"
LINEAGE_FIELDS = ("replaces", "merged_from", "split_from")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class UnknownName(EditRefused):
    """A guideline, paragraph, part or version the command was given that does not exist (or a
    new id that is taken): the request cannot be met as asked, a usage error."""


def guideline_path(guideline_id: str, language: str | None = None) -> str:
    suffix = f".{language}" if language else ""
    return f"{DRAFT_FOLDER}/{guideline_id}{suffix}.md"


@dataclass
class Draft:
    """The working draft for one structural command: the model as loaded, the changeset being
    built, and what the editor should be told that no file can say."""

    kb: KnowledgeBase
    changeset: Changeset
    notes: list[str] = field(default_factory=list)

    @property
    def version(self) -> Version:
        draft = self.kb.version(DRAFT)
        if draft is None:
            raise EditRefused(f"{OUTLINE}:1: the knowledge base has no working draft")
        return draft

    @property
    def released_ids(self) -> frozenset[str]:
        """Every guideline id of a released version: frozen history a lineage may name."""
        return frozenset(g.id for v in self.kb.versions if not v.is_draft for g in v.guidelines)

    def guideline(self, guideline_id: str) -> Guideline:
        found = self.version.guideline(guideline_id)
        if found is None:
            raise UnknownName(f"{OUTLINE}:1: no guideline '{guideline_id}' in the working draft")
        return found

    def fresh_id(self, guideline_id: str) -> str:
        """Refuse an id that is malformed, in the draft, or the id of a released guideline (a
        stable id names one guideline across every version)."""
        if not _ID.match(guideline_id):
            raise UnknownName(
                f"{OUTLINE}:1: '{guideline_id}' is not an id: use lowercase letters, digits and "
                "hyphens (at most 64)"
            )
        if self.version.guideline(guideline_id) is not None:
            raise UnknownName(f"{OUTLINE}:1: '{guideline_id}' is already a guideline of the draft")
        for version in self.kb.versions:
            if version.guideline(guideline_id) is not None:
                raise UnknownName(
                    f"{OUTLINE}:1: '{guideline_id}' is a guideline of version '{version.id}'; a "
                    "new guideline needs an id never used before"
                )
        return guideline_id

    def part(self, part_id: str) -> str:
        if self.version.part(part_id) is None:
            known = ", ".join(p.id for p in self.version.parts)
            raise UnknownName(f"{OUTLINE}:1: no part '{part_id}' in the draft (parts: {known})")
        return part_id

    def file(self, guideline_id: str, language: str | None = None) -> GuidelineFile:
        path = guideline_path(guideline_id, language)
        return read(path, self.changeset.require(path))

    def languages(self, guideline_id: str) -> tuple[str, ...]:
        """The languages ``guideline_id`` is translated into in the draft."""
        return tuple(self.guideline(guideline_id).translations)

    def lineage_of(self, guideline_id: str) -> list[str]:
        """What a guideline formed from ``guideline_id`` descends from: the guideline itself if
        a released version has it, else (it never left the draft) its own recorded lineage."""
        if guideline_id in self.released_ids:
            return [guideline_id]
        return list(self.guideline(guideline_id).predecessors)


def require_draft(kb: KnowledgeBase, version_id: str) -> None:
    """Structural edits apply to the working draft only; released versions are frozen."""
    if version_id != DRAFT and kb.version(version_id) is None:
        known = ", ".join(v.id for v in kb.versions)
        raise UnknownName(
            f"guidelines/versions.yml:1: no version '{version_id}' (versions: {known})"
        )
    if version_id != DRAFT:
        raise UnknownName(
            f"guidelines/{version_id}/outline.yml:1: version '{version_id}' is released and "
            "frozen; structural edits apply to the working draft only"
        )


# -- the outline ----------------------------------------------------------------------------


def outline_order(changeset: Changeset) -> list[tuple[str, list[str]]]:
    """(part id, guideline ids) in order, as the changeset leaves the outline."""
    data = Document(OUTLINE, changeset.require(OUTLINE)).data
    return [(str(p["id"]), [str(g) for g in p.get("guidelines") or []]) for p in data["parts"]]


def _edit_outline(draft: Draft, change: Callable[[dict[str, CommentedSeq]], None]) -> None:
    def on_parts(data: Any) -> None:
        lists: dict[str, CommentedSeq] = {}
        for part in data["parts"]:
            if part.get("guidelines") is None:
                part["guidelines"] = CommentedSeq()
            lists[str(part["id"])] = part["guidelines"]
        change(lists)

    text = draft.changeset.require(OUTLINE)
    draft.changeset.write(OUTLINE, edit(OUTLINE, text, on_parts))


def _place(draft: Draft, part: str, after: str | None) -> int:
    """The index in ``part``'s list where a guideline placed after ``after`` goes."""
    ids = dict(outline_order(draft.changeset))[part]
    if after is None:
        return len(ids)
    draft.guideline(after)
    if after not in ids:
        raise UnknownName(f"{OUTLINE}:1: '{after}' is not in part '{part}'; name one that is")
    return ids.index(after) + 1


def _insert(draft: Draft, part: str, index: int, guideline_id: str) -> None:
    _edit_outline(draft, lambda lists: lists[part].insert(index, guideline_id))


def _remove(draft: Draft, guideline_id: str) -> None:
    def drop(lists: dict[str, CommentedSeq]) -> None:
        for ids in lists.values():
            if guideline_id in ids:
                del ids[list(ids).index(guideline_id)]

    _edit_outline(draft, drop)


def _replace(draft: Draft, old: str, new: str) -> None:
    def swap(lists: dict[str, CommentedSeq]) -> None:
        for ids in lists.values():
            if old in ids:
                ids[list(ids).index(old)] = new

    _edit_outline(draft, swap)


# -- numbers --------------------------------------------------------------------------------


def _printed_number(draft: Draft, guideline_id: str) -> str:
    """The ``number:`` of a draft guideline as the changeset leaves it (read, not edited)."""
    path = guideline_path(guideline_id)
    front = read(path, draft.changeset.require(path)).front_matter
    try:
        data = YAML(typ="safe").load(front)
    except YAMLError:
        raise EditRefused(f"{path}:2: the front matter is not valid YAML; fix it first") from None
    return str(data.get("number", "")) if isinstance(data, dict) else ""


def numbers_in_order(draft: Draft) -> list[tuple[str, str]]:
    """(guideline id, printed number) in outline order, as the changeset leaves them."""
    return [
        (gid, _printed_number(draft, gid))
        for _, ids in outline_order(draft.changeset)
        for gid in ids
    ]


def inserted_number(previous: str | None, taken: Iterable[str]) -> str | None:
    """The number an insertion after ``previous`` takes: ``7 bis``, then ``7 ter``…; ``None``
    when there is no previous guideline or no suffix is left (the draft must be renumbered)."""
    if previous is None:
        return None
    words = previous.split()
    base, suffix = words[0], words[1] if len(words) > 1 else None
    start = NUMBER_SUFFIXES.index(suffix) + 1 if suffix in NUMBER_SUFFIXES else 0
    used = set(taken)
    return next((f"{base} {s}" for s in NUMBER_SUFFIXES[start:] if f"{base} {s}" not in used), None)


def _number_for_insertion(draft: Draft, guideline_id: str, renumber: bool) -> str:
    """A free number for ``guideline_id``, already placed in the outline."""
    order = numbers_in_order(draft)
    ids = [gid for gid, _ in order]
    at = ids.index(guideline_id)
    previous = order[at - 1][1] if at else None
    number = inserted_number(previous, (n for _, n in order))
    if number is None:
        if renumber:
            return "0"  # a placeholder: renumbering in the same step replaces it
        raise EditRefused(
            f"{OUTLINE}:1: no free number for '{guideline_id}' where it stands; add --renumber "
            "to number the draft in outline order"
        )
    return number


def renumber(draft: Draft) -> list[tuple[str, str, str]]:
    """Number the draft 1, 2, 3… in outline order, touching only the numbers that change;
    returns (id, old, new) for each."""
    changed = []
    for index, (gid, number) in enumerate(numbers_in_order(draft), start=1):
        if number != str(index):
            path = guideline_path(gid)
            new = str(index)
            text = draft.changeset.require(path)
            draft.changeset.write(path, set_front_field(path, text, "number", new))
            changed.append((gid, number, new))
    return changed


# -- new, rename, move, delete ----------------------------------------------------------------


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (JSON's quoting is YAML's)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def new_guideline(
    draft: Draft,
    guideline_id: str,
    *,
    title: str,
    part: str,
    after: str | None = None,
    text: str,
    renumber_all: bool = False,
) -> None:
    """Scaffold ``guideline_id`` in ``part`` (after ``after``, else at the part's end).

    Translations are not created: a guideline without a text in a language is what the
    translation status already shows as *missing* and lists for translators
    (``redraft translations --todo``); a copy of the English would pass for a translation.
    """
    draft.fresh_id(guideline_id)
    draft.part(part)
    if not " ".join(text.split()) or not " ".join(title.split()):
        raise EditRefused(f"{guideline_path(guideline_id)}:1: the title and text must not be empty")
    index = _place(draft, part, after)
    _insert(draft, part, index, guideline_id)
    path = guideline_path(guideline_id)
    draft.changeset.write(
        path,
        compose(
            f'id: {guideline_id}\nnumber: "0"\ntitle: {yaml_string(title)}\npart: {part}',
            [text.strip()],
            [],
            None,
        ),
    )
    number = _number_for_insertion(draft, guideline_id, renumber_all)
    draft.changeset.write(
        path, set_front_field(path, draft.changeset.require(path), "number", number)
    )
    if renumber_all:
        renumber(draft)


def _setter(key: str, value: str) -> Callable[[CommentedMap], None]:
    return lambda data: set_field(data, key, value, after=FIELD_ORDER)


def retitle(draft: Draft, guideline_id: str, title: str) -> None:
    """A new English title.  The translations keep theirs: ``check`` (translation drift) then
    reports each as outdated on its title, as for any passage changed in the original only."""
    draft.guideline(guideline_id)
    path = guideline_path(guideline_id)
    text = draft.changeset.require(path)
    draft.changeset.write(path, set_front_field(path, text, "title", title))


def rename_id(draft: Draft, old: str, new: str) -> None:
    """Give ``old`` the id ``new`` in every language, in the outline, and in the comments made
    on the draft; a released ``old`` is recorded as ``replaces: old`` so history follows."""
    guideline = draft.guideline(old)
    draft.fresh_id(new)
    released = old in draft.released_ids
    if released and (guideline.replaces or guideline.split_from):
        field_name = "replaces" if guideline.replaces else "split_from"
        raise EditRefused(
            f"{guideline_path(old)}:{guideline.line_of(field_name)}: '{old}' already records "
            f"{field_name}; a renamed guideline would have to replace '{old}' too. Rename it "
            "by hand, or create a new guideline"
        )

    def lineage(data: CommentedMap) -> None:
        set_list(data, "merged_from", [*guideline.merged_from, old], after=FIELD_ORDER)

    for language in (None, *draft.languages(old)):
        path = guideline_path(old, language)
        text = set_front_field(path, draft.changeset.require(path), "id", new)
        if language is None and released and guideline.merged_from:
            text = edit_front_matter(path, text, lineage)
        elif language is None and released:
            text = set_front_field(path, text, "replaces", old)
        draft.changeset.remove(path)
        draft.changeset.write(guideline_path(new, language), text)
    _replace(draft, old, new)
    _rename_in_draft_comments(draft, old, new)
    if not released:
        _rename_in_references(draft, old, new)


def _rename_in_draft_comments(draft: Draft, old: str, new: str) -> None:
    """Comments whose call is about the draft, and retarget records for the draft, that name
    ``old``.  Comments on released versions keep naming what they commented on."""
    draft_calls = {c.id for c in draft.kb.calls if c.version == DRAFT}
    for submission in draft.kb.submissions:
        on_draft = submission.call in draft_calls
        names = [
            c
            for c in submission.comments
            if (on_draft and c.guideline == old)
            or any(r.version == DRAFT and r.guideline == old for r in c.retargets)
        ]
        if not names:
            continue

        def rename(data: Any, on_draft: bool = on_draft) -> None:
            for comment in data.get("comments") or []:
                if on_draft and comment.get("guideline") == old:
                    comment["guideline"] = type(comment["guideline"])(new)
                for record in comment.get("retarget") or []:
                    if str(record.get("version")) == DRAFT and record.get("guideline") == old:
                        record["guideline"] = type(record["guideline"])(new)

        path = submission.source.path
        draft.changeset.write(path, edit(path, draft.changeset.require(path), rename))


def _rename_in_references(draft: Draft, old: str, new: str) -> None:
    """A guideline that never left the draft is known to the references by its draft id."""
    text = draft.changeset.text(REFERENCES)
    if text is None or not any(old in r.guidelines for r in draft.kb.references):
        return

    def rename(data: Any) -> None:
        for reference in data.get("references") or []:
            ids = reference.get("guidelines") or []
            for index, gid in enumerate(ids):
                if gid == old:
                    ids[index] = new

    draft.changeset.write(REFERENCES, edit(REFERENCES, text, rename))


def move(
    draft: Draft, guideline_id: str, *, part: str, after: str | None, renumber_all: bool = False
) -> None:
    """Move ``guideline_id`` to ``part`` (after ``after``, else at its end).  Its number stays
    until renumbered: ``check`` warns that numbers are out of order."""
    draft.guideline(guideline_id)
    draft.part(part)
    if after == guideline_id:
        raise UnknownName(f"{OUTLINE}:1: a guideline cannot be placed after itself")
    _remove(draft, guideline_id)
    _insert(draft, part, _place(draft, part, after), guideline_id)
    path = guideline_path(guideline_id)
    draft.changeset.write(path, set_front_field(path, draft.changeset.require(path), "part", part))
    if renumber_all:
        renumber(draft)


def delete(draft: Draft, guideline_id: str, *, renumber_all: bool = False) -> None:
    """Remove ``guideline_id`` and its translations from the draft.  A comment on the draft
    that targets it makes ``check`` refuse the result: retarget or decide it first."""
    for language in (None, *draft.languages(guideline_id)):
        draft.changeset.remove(guideline_path(guideline_id, language))
    _remove(draft, guideline_id)
    if renumber_all:
        renumber(draft)


# -- paragraphs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A paragraph in its new place: the block it came from (by id, in whichever guideline),
    its new label, and the ``{#id}`` it needs (``None``: its label or position says it)."""

    source: str
    paragraph: str
    label: str | None
    explicit_id: str | None


def plan(
    sources: Sequence[tuple[str, Sequence[Block]]], kept: str | None, in_note: bool
) -> list[Placed]:
    """Lay out the blocks of ``sources`` one after another in one section (body or note):
    labelled paragraphs relettered in sequence, each keeping the anchor it must keep.

    The paragraphs of ``kept`` (the guideline whose id the result has) keep their ids, so
    comments and drift pair them with their past; the others take the anchor their new label or
    position gives, or, where that is taken, ``<guideline>-<id>``.
    """
    blocks = [(source, block) for source, items in sources for block in items]
    labels = [b.paragraph.label for _, b in blocks if b.paragraph.label]
    style = label_style(labels)
    reserved = {b.id for source, b in blocks if source == kept}
    taken: set[str] = set()
    placed = []
    label_count = 0
    for position, (source, block) in enumerate(blocks, start=1):
        label = None
        if block.paragraph.label and not in_note:
            label_count += 1
            label = style(label_count)
            natural = label_anchor(label)
        else:
            natural = f"note-{position}" if in_note else f"p{position}"
        if source == kept:
            anchor = block.id
        elif natural not in reserved and natural not in taken:
            anchor = natural
        else:
            anchor = f"{source}-{block.id}"[:64].rstrip("-")
        taken.add(anchor)
        explicit = anchor if anchor != natural else None
        placed.append(Placed(source, block.id, label, explicit))
    return placed


def _render(
    placed: Sequence[Placed],
    files: dict[str, GuidelineFile],
    renames: dict[str, dict[str, str]] | None = None,
) -> list[str]:
    """The texts of ``placed`` from ``files`` (one language); paragraphs a file lacks are left
    out (a translation that lacked them still does, and ``check`` says so).  ``renames``: the
    footnote labels each source's calls take in the result (:func:`_footnotes`)."""
    texts = []
    for item in placed:
        file = files.get(item.source)
        block = file.block(item.paragraph) if file is not None else None
        if block is not None:
            text = block_text(block, label=item.label, explicit_id=item.explicit_id)
            texts.append(relabel_calls(text, (renames or {}).get(item.source, {})))
    return texts


def _footnotes(
    placed: Sequence[Placed], files: dict[str, GuidelineFile]
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The footnotes the placed paragraphs call, each from the file it was written in: for each
    source, the label its calls take in the result (a label another source took first becomes
    the next free number), and the footnotes' texts in the order they are first called."""
    renames: dict[str, dict[str, str]] = {}
    taken: set[str] = set()
    texts: list[str] = []
    for item in placed:
        file = files.get(item.source)
        block = file.block(item.paragraph) if file is not None else None
        if file is None or block is None:
            continue
        names = renames.setdefault(item.source, {})
        for call in FOOTNOTE_REFERENCE.finditer(block.paragraph.text):
            label = call.group("label")
            footnote = file.footnote(label)
            if label in names or footnote is None:
                continue
            new = label
            number = 1
            while new in taken:
                new, number = str(number), number + 1
            names[label] = new
            taken.add(new)
            texts.append(footnote.text(new))
    return renames, texts


def delete_paragraph(draft: Draft, guideline_id: str, paragraph_id: str) -> None:
    """Delete one paragraph in the original and every translation, relettering those after it
    in its section; each relettered paragraph keeps its anchor with ``{#id}``."""
    draft.guideline(guideline_id)
    original = draft.file(guideline_id)
    target = original.block(paragraph_id)
    if target is None:
        known = ", ".join(b.id for b in original.blocks)
        raise UnknownName(
            f"{original.path}:1: no paragraph '{paragraph_id}' in '{guideline_id}' "
            f"(paragraphs: {known})"
        )
    section = [b for b in original.blocks if b.paragraph.in_note == target.paragraph.in_note]
    if len(original.body_blocks) == 1 and not target.paragraph.in_note:
        raise EditRefused(
            f"{original.path}:{target.first + 1}: '{paragraph_id}' is the only paragraph of "
            f"'{guideline_id}'; delete the guideline instead"
        )
    remaining = [b for b in section if b.id != paragraph_id]
    placed = plan([(guideline_id, remaining)], guideline_id, target.paragraph.in_note)
    for language in (None, *draft.languages(guideline_id)):
        file = draft.file(guideline_id, language)
        replacements: dict[str, str | None] = {paragraph_id: None}
        for item in placed:
            block = file.block(item.paragraph)
            if block is not None:
                replacements[item.paragraph] = block_text(
                    block, label=item.label, explicit_id=item.explicit_id
                )
        if file.block(paragraph_id) is None:
            del replacements[paragraph_id]
        draft.changeset.write(file.path, replace_blocks(file, replacements))


# -- merge and split ------------------------------------------------------------------------


def _compose_guideline(
    draft: Draft,
    result_id: str,
    placed_body: Sequence[Placed],
    placed_note: Sequence[Placed],
    front_from: str,
    front_change: Callable[[CommentedMap], None],
    by_language: dict[str | None, dict[str, GuidelineFile]],
    translated_title_from: str,
) -> None:
    """Write ``result_id`` in the original and each language from the placed paragraphs, read
    from ``by_language`` (the source files as they were before the command)."""
    english_title = ""
    for language, files in by_language.items():
        if not files:
            continue
        renames, footnotes = _footnotes([*placed_body, *placed_note], files)
        body = _render(placed_body, files, renames)
        result_path = guideline_path(result_id, language)
        if not body:  # no paragraph of it was translated: the translation is missing
            if draft.changeset.text(result_path) is not None:
                draft.changeset.remove(result_path)
            continue
        note = _render(placed_note, files, renames)
        model = files.get(front_from) or next(iter(files.values()))
        front_path = model.path
        front_text = "---\n" + model.front_matter + "\n---\n"
        if language is None:
            front = edit_front_matter(front_path, front_text, front_change)
            english_title = str(YAML(typ="safe").load(front.split("\n---\n")[0][4:])["title"])
        elif front_from not in files or translated_title_from != front_from:
            # the title translated another guideline's: say so in the file, where the
            # translator reads it, and on the terminal
            front = edit_front_matter(
                front_path, front_text, _translated_title_marker(result_id, english_title)
            )
            draft.notes.append(
                f"{result_path}: the title is that of '{model.path}'; have it translated"
            )
        else:
            front = edit_front_matter(front_path, front_text, _setter("id", result_id))
        front_matter = front.split("\n---\n")[0].removeprefix("---\n")
        draft.changeset.write(
            result_path, compose(front_matter, body, note, model.note_heading, footnotes)
        )


def _translated_title_marker(result_id: str, english: str) -> Callable[[CommentedMap], None]:
    def change(data: CommentedMap) -> None:
        set_field(data, "id", result_id)
        data.yaml_add_eol_comment(f"to translate: {english}", "title")

    return change


def _snapshot(
    draft: Draft, sources: Sequence[str], languages: Iterable[str | None]
) -> dict[str | None, dict[str, GuidelineFile]]:
    """The sources' files in each language, read once before anything is rewritten."""
    return {
        language: {
            gid: draft.file(gid, language)
            for gid in sources
            if draft.changeset.text(guideline_path(gid, language)) is not None
        }
        for language in languages
    }


def _lineage_setter(
    result_id: str,
    *,
    kept: bool,
    number: str,
    title: str | None,
    merged_from: Sequence[str] = (),
    split_from: Sequence[str] = (),
) -> Callable[[CommentedMap], None]:
    def change(data: CommentedMap) -> None:
        set_field(data, "id", result_id)
        set_field(data, "number", number)
        if title is not None:
            set_field(data, "title", title)
        if not kept:
            for name in LINEAGE_FIELDS:
                if name in data:
                    del data[name]
        after = FIELD_ORDER
        if merged_from:
            already = [str(x) for x in data.get("merged_from") or []]
            names = list(dict.fromkeys([*already, *merged_from]))
            set_list(data, "merged_from", [n for n in names if n != result_id], after=after)
        if len(split_from) == 1:
            set_field(data, "split_from", split_from[0], after=after)
        elif split_from:  # the split guideline was itself formed by a merge in the draft
            set_list(data, "merged_from", list(split_from), after=after)

    return change


def merge(
    draft: Draft,
    first: str,
    second: str,
    *,
    into: str,
    title: str | None = None,
    renumber_all: bool = False,
) -> None:
    """Merge ``first`` and ``second`` (in that order) into ``into``, one of them or a new id.

    The result stands where ``into`` stood (or ``first``, for a new id), with its number; the
    other's number is freed (``check`` warns of the gap until renumbered).  Paragraphs are
    relettered in one sequence, the explanatory notes joined; translations likewise, and a
    language only one of the two had gets a translation that lacks the other's paragraphs.
    """
    if first == second:
        raise UnknownName(f"{OUTLINE}:1: merging '{first}' with itself")
    a, b = draft.guideline(first), draft.guideline(second)
    kept = into if into in (first, second) else None
    if kept is None:
        draft.fresh_id(into)
    anchor_id = kept or first
    files = {gid: draft.file(gid) for gid in (first, second)}
    body = plan([(g, files[g].body_blocks) for g in (first, second)], kept, False)
    note = plan([(g, files[g].note_blocks) for g in (first, second)], kept, True)
    lineage = [gid for gid in (first, second) if gid != kept]
    merged_from = [n for gid in lineage for n in draft.lineage_of(gid)]
    number = draft.guideline(anchor_id).number
    setter = _lineage_setter(
        into, kept=kept is not None, number=number, title=title, merged_from=merged_from
    )
    setter_with_part = _with_part(setter, draft.guideline(anchor_id).part)
    languages = dict.fromkeys([None, *a.translations, *b.translations])
    snapshot = _snapshot(draft, (first, second), languages)
    _compose_guideline(
        draft, into, body, note, anchor_id, setter_with_part, snapshot,
        anchor_id if title is None else "",
    )  # fmt: skip
    for gid in lineage:
        for language in (None, *draft.languages(gid)):
            draft.changeset.remove(guideline_path(gid, language))
    if kept is None:
        _replace(draft, first, into)
        _remove(draft, second)
    else:
        _remove(draft, second if kept == first else first)
    if renumber_all:
        renumber(draft)


def _with_part(change: Callable[[CommentedMap], None], part: str) -> Callable[[CommentedMap], None]:
    def both(data: CommentedMap) -> None:
        change(data)
        set_field(data, "part", part)

    return both


def split(
    draft: Draft,
    source: str,
    into: tuple[str, str],
    *,
    at: str | None = None,
    titles: dict[str, str] | None = None,
    renumber_all: bool = False,
) -> None:
    """Split ``source`` into ``into[0]`` (its paragraphs before ``at``, and its explanatory
    note) and ``into[1]`` (from ``at`` on); either may be ``source`` itself.  ``at`` defaults
    to the middle.  A new guideline needs its title; it records ``split_from``."""
    titles = titles or {}
    guideline = draft.guideline(source)
    head, tail = into
    if head == tail:
        raise UnknownName(f"{OUTLINE}:1: split into '{head}' twice")
    for gid in into:
        if gid != source:
            draft.fresh_id(gid)
            if gid not in titles:
                raise UnknownName(f"{OUTLINE}:1: give the new guideline a title: --title {gid}=…")
    for gid in titles:
        if gid not in into:
            raise UnknownName(f"{OUTLINE}:1: --title names '{gid}', which the split does not make")
    original = draft.file(source)
    body = original.body_blocks
    if len(body) < 2:
        raise EditRefused(f"{original.path}:1: '{source}' has one paragraph; nothing to split")
    ids = [b.id for b in body]
    if at is None:
        cut = (len(body) + 1) // 2
    elif at not in ids or at == ids[0]:
        raise UnknownName(
            f"{original.path}:1: --at must name a paragraph of '{source}' other than the first "
            f"({', '.join(ids[1:])})"
        )
    else:
        cut = ids.index(at)
    pieces = {head: (body[:cut], original.note_blocks), tail: (body[cut:], ())}
    part = guideline.part
    lineage = draft.lineage_of(source)
    languages = (None, *guideline.translations)
    snapshot = _snapshot(draft, (source,), languages)
    for gid in into:
        kept = source if gid == source else None
        blocks, note_blocks = pieces[gid]
        placed_body = plan([(source, blocks)], kept, False)
        placed_note = plan([(source, note_blocks)], kept, True)
        setter = _lineage_setter(
            gid,
            kept=kept is not None,
            number=guideline.number,
            title=titles.get(gid),
            split_from=() if kept else lineage,
        )
        _compose_guideline(
            draft, gid, placed_body, placed_note, source, _with_part(setter, part),
            snapshot, source if gid == source else "",
        )  # fmt: skip
    if source not in into:
        for language in languages:
            draft.changeset.remove(guideline_path(source, language))

    def place(lists: dict[str, CommentedSeq]) -> None:
        ids_in_part = list(lists[part])
        index = ids_in_part.index(source)
        del lists[part][index]
        lists[part].insert(index, tail)
        lists[part].insert(index, head)

    _edit_outline(draft, place)
    if not renumber_all:  # the head keeps the number; the tail is the insertion
        number = _number_for_insertion(draft, tail, renumber_all)
        path = guideline_path(tail)
        text = draft.changeset.require(path)
        draft.changeset.write(path, set_front_field(path, text, "number", number))
    else:
        renumber(draft)
