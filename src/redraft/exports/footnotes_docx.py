"""Real Word footnotes: a guideline's ``[^label]`` becomes a footnote reference in the text and
its words a footnote in the package's footnotes part, numbered in the order they are called.

python-docx has no footnote API, so the part is written here as WordprocessingML: the two
separators Word expects (ids -1 and 0), then one ``w:footnote`` per note, each opening with the
``w:footnoteRef`` mark that the word processor numbers.  The reference in the text is a run with
``w:footnoteReference``; both are superscript by direct formatting, so the document needs no
footnote style of its own (a template's "Footnote Text" style is used where it has one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from redraft.exports.ooxml import Revisions, add_text_run
from redraft.kb.guideline_file import FOOTNOTE_REFERENCE
from redraft.kb.model import Footnote
from redraft.redline.textdiff import Ops

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
)
FOOTNOTE_SIZE = 18
"""Half-points: footnotes in 9 pt under a 12 pt text, as the Organization's documents set them."""


@dataclass
class Footnotes:
    """The footnotes of one document, in the order the text calls them (number = index + 1)."""

    notes: list[tuple[str, bool]] = field(default_factory=list)
    """(text, right to left) of each footnote."""
    revised: dict[int, str] = field(default_factory=dict)
    """Note number → its words as runs with tracked changes (a redline's footnote whose words
    changed: :meth:`call` with ``ops``), written in place of its plain text."""

    def call(
        self,
        paragraph: Any,
        text: str,
        *,
        rtl: bool,
        ops: Ops = (),
        revisions: Revisions | None = None,
    ) -> None:
        """A footnote reference at the end of ``paragraph``, to a new footnote of ``text``; with
        ``ops`` and ``revisions`` (a comparison), the footnote shows how its words changed, each
        insertion and deletion a tracked change."""
        self.notes.append((text, rtl))
        if revisions is not None and any(op != "equal" for op, _ in ops):
            self.revised[len(self.notes)] = _revised_runs(ops, revisions, rtl)
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        superscript = OxmlElement("w:vertAlign")
        superscript.set(qn("w:val"), "superscript")
        properties.append(superscript)
        if rtl:
            properties.append(OxmlElement("w:rtl"))
        run.append(properties)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(len(self.notes)))
        run.append(reference)
        paragraph._p.append(run)

    def part_xml(self) -> bytes:
        notes = []
        for number, (text, rtl) in enumerate(self.notes, start=1):
            bidi = "<w:bidi/>" if rtl else ""
            rtl_run = "<w:rtl/>" if rtl else ""
            notes.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr>{bidi}<w:spacing w:after="0"/></w:pPr>'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/>{rtl_run}</w:rPr>'
                "<w:footnoteRef/></w:r>"
                f"{_words(text, rtl, self.revised.get(number))}"
                "</w:p></w:footnote>"
            )
        return (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:footnotes xmlns:w="{_W}">{_SEPARATORS}{"".join(notes)}</w:footnotes>'
        ).encode()

    def write_part(self, document: Any) -> None:
        """Add the footnotes part to ``document`` (or replace a template's), if any note."""
        if not self.notes:
            return
        blob = self.part_xml()
        owner = document.part
        for relationship in owner.rels.values():
            if relationship.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not relationship.is_external:
                relationship.target_part._blob = blob  # a template's notes go with its body
                return
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, owner.package)
        owner.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _run(text: str, rtl: bool, tag: str = "w:t") -> str:
    """One run of footnote text in the footnotes' size."""
    rtl_run = "<w:rtl/>" if rtl else ""
    return (
        f'<w:r><w:rPr><w:sz w:val="{FOOTNOTE_SIZE}"/><w:szCs w:val="{FOOTNOTE_SIZE}"/>'
        f'{rtl_run}</w:rPr><{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'
    )


def _words(text: str, rtl: bool, revised: str | None) -> str:
    """A footnote's words after its number and a space: plain, or as revised runs."""
    return _run(" " + text, rtl) if revised is None else _run(" ", rtl) + revised


def _revised_runs(ops: Ops, revisions: Revisions, rtl: bool) -> str:
    """A footnote's words as runs, inserted and deleted words as tracked changes by the
    comparison's author and date (the ids shared with the body's revisions)."""
    out = []
    for op, text in ops:
        if op == "equal":
            out.append(_run(text, rtl))
            continue
        mark = revisions.mark("insert" if op == "insert" else "delete")
        attributes = " ".join(
            f'w:{name}="{escape(str(mark.get(qn(f"w:{name}"))), {chr(34): "&quot;"})}"'
            for name in ("id", "author", "date")
        )
        tag, text_tag = ("w:ins", "w:t") if op == "insert" else ("w:del", "w:delText")
        out.append(f"<{tag} {attributes}>{_run(text, rtl, text_tag)}</{tag}>")
    return "".join(out)


def add_text_with_footnotes(
    paragraph: Any,
    text: str,
    footnotes: Sequence[Footnote],
    collected: Footnotes,
    *,
    rtl: bool,
) -> None:
    """``text`` as runs, each ``[^label]`` of it a reference to that footnote's words.  A mark
    with no footnote (``redraft check`` reports it) stays as written."""
    by_label = {f.label: f.text for f in footnotes}
    start = 0
    for mark in FOOTNOTE_REFERENCE.finditer(text):
        words = by_label.get(mark.group("label"))
        if words is None:
            continue
        if mark.start() > start:
            add_text_run(paragraph, text[start : mark.start()], rtl=rtl)
        collected.call(paragraph, words, rtl=rtl)
        start = mark.end()
    if start < len(text) or not text:
        add_text_run(paragraph, text[start:], rtl=rtl)
