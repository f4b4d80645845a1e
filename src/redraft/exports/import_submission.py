"""A note verbale in Word, read into a submission: the reply verbatim, its points itemized.

States answer a call with a note verbale: a courtesy formula, then paragraphs that each say
something about "guideline 7 (a)", quote a phrase of it, or propose wording, then the closing
formula.  An editor itemizes it by reading each paragraph and asking which guideline and
paragraph it is about.  :func:`itemize` does the same, and only that: a paragraph that names a
guideline of the version the call was about becomes a comment on it (on its paragraph too, if it
names one that exists; with the quoted words as the comment's quote if they are found in that
paragraph; with the proposed wording if it proposes some).  Everything else — a paragraph that
names no guideline, a guideline number the version does not have, a quote found nowhere — is
listed for the editor instead of guessed, as a person new to the file would ask rather than
assume.

The patterns are written for the way notes verbales refer to texts in English, French, Spanish,
Russian and Arabic (Arabic numbers in either digit set, Arabic paragraph letters in abjad order).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from redraft.checks.rules import contains_quote
from redraft.exports.import_docx import NotADraft, W, latin_label, paragraph_text
from redraft.kb.model import Guideline, Paragraph, Version

# -- what a reference looks like, per language ---------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTER = r"[a-z]|[أبجدوزحطيكلمنسعفصقرشتثخذضظغ]|هـ"
_NUMBER = r"[0-9٠-٩]+"

# Each pattern yields a guideline number and, optionally, a paragraph label (letter or number).
_REFERENCES: dict[str, tuple[re.Pattern[str], ...]] = {
    "en": (
        re.compile(
            rf"\bparagraph\s+\(?(?P<para>{_LETTER}|\d+)\)?\s+of\s+guideline\s+(?P<num>{_NUMBER})",
            re.I,
        ),
        re.compile(
            rf"\bguidelines?\s+(?P<num>{_NUMBER})"
            rf"(?:\s*\((?P<para>{_LETTER})\)|,?\s+(?:sub)?paragraph\s+\(?(?P<para2>{_LETTER}|\d+)\)?)?",
            re.I,
        ),
    ),
    "fr": (
        re.compile(
            rf"\b(?:alinéa|paragraphe)\s+\(?(?P<para>{_LETTER}|\d+)\)?\s+de\s+la\s+ligne\s+"
            rf"directrice\s+(?P<num>{_NUMBER})",
            re.I,
        ),
        re.compile(
            rf"\blignes?\s+directrices?\s+(?P<num>{_NUMBER})"
            rf"(?:\s*,?\s*(?:(?:alinéa|paragraphe)\s+)?\(?(?P<para>{_LETTER})\))?",
            re.I,
        ),
    ),
    "es": (
        re.compile(
            rf"\bdirectrices?\s+(?P<num>{_NUMBER})"
            rf"(?:\s*,?\s*(?:(?:apartado|párrafo|inciso)\s+)?\(?(?P<para>{_LETTER})\))?",
            re.I,
        ),
    ),
    "ru": (
        re.compile(
            rf"руководящ\w*\s+принцип\w*\s+(?P<num>{_NUMBER})(?:\s*\(?(?P<para>[a-z])\))?",
            re.I,
        ),
    ),
    "ar": (
        re.compile(
            rf"الفقرة\s+(?:الفرعية\s+)?\(?(?P<para>{_LETTER})\)?\s+من\s+المبدأ\s+التوجيهي\s+"
            rf"(?P<num>{_NUMBER})"
        ),
        re.compile(
            rf"(?:المبدأ|المبادئ)\s+التوجيهي(?:ة)?\s+(?:رقم\s+)?(?P<num>{_NUMBER})"
            rf"(?:\s*\((?P<para>{_LETTER})\))?"
        ),
    ),
}

# The opening and closing courtesy formulas of a note verbale: part of the text, not a comment.
_FORMULAS = (
    "presents its compliments",
    "avails itself of this opportunity",
    "présente ses compliments",
    "saisit cette occasion",
    "saluda atentamente",
    "aprovecha la oportunidad",
    "свидетельствует свое уважение",
    "свидетельствует своё уважение",
    "пользуется случаем",
    "تهدي",
    "تغتنم",
)

# Quoted words: “…”, "…", « … », ‘…’ (the first three are what notes verbales use).
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«\s*([^»]+?)\s*»|„([^“”]+)[“”]")

# "replace X with Y", "should read: Y", "remplacer X par Y", "sustituir X por Y", and Arabic
_PROPOSALS = (
    re.compile(r"\breplac\w*\b.*?(?:\bwith\b|\bby\b)\s*(?P<q>[“\"«].+?[”\"»])", re.I),
    re.compile(r"\b(?:should|would|could)\s+read\b[^“\"«]*(?P<q>[“\"«].+?[”\"»])", re.I),
    re.compile(r"\bremplac\w*\b.*?\bpar\b\s*(?P<q>[“\"«].+?[”\"»])", re.I),
    re.compile(r"\b(?:se\s+lire|libellé\s+suivant)\b[^“\"«]*(?P<q>[“\"«].+?[”\"»])", re.I),
    re.compile(r"\bsustitu\w*\b.*?\bpor\b\s*(?P<q>[“\"«].+?[”\"»])", re.I),
    re.compile(r"(?:استبدال|الاستعاضة).*?(?:بعبارة|بـ|ب)\s*(?P<q>[“\"«].+?[”\"»])"),
)

_SCRIPTS = (
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
)
_LATIN_HINTS = (
    ("fr", re.compile(r"\b(?:ligne directrice|présente ses compliments|l'honneur)\b", re.I)),
    ("es", re.compile(r"\b(?:directriz|directrices|saluda atentamente)\b", re.I)),
)


# -- what the import found ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedComment:
    """One point of the reply, with the target it names resolved in the call's version."""

    number: int
    """The reply's paragraph it comes from (1-based, counting every non-empty paragraph)."""
    guideline: Guideline
    paragraph: Paragraph | None
    quote: str | None
    proposed: str | None
    text: str
    reference: str
    """The reference as the reply wrote it ("guideline 7 (a)")."""

    @property
    def type(self) -> str:
        """A first guess a person would make: wording proposed → editorial; a paragraph named →
        technical; the guideline as a whole → general.  The editor may change it."""
        if self.proposed:
            return "editorial"
        return "technical" if self.paragraph is not None else "general"


@dataclass(frozen=True)
class Unresolved:
    """A paragraph of the reply that was not itemized, and why."""

    number: int
    text: str
    why: str

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= 70 else self.text[:67].rstrip() + "…"
        return f"paragraph {self.number} ({excerpt}): {self.why}"


@dataclass(frozen=True)
class ImportedReply:
    language: str
    text: str
    comments: tuple[ImportedComment, ...]
    unresolved: tuple[Unresolved, ...]
    notes: tuple[str, ...]
    """What was itemized but deserves a look (a quote not found, a second guideline named)."""


# -- reading and itemizing ---------------------------------------------------------------------


def read_paragraphs(data: bytes, source: str) -> list[str]:
    """The non-empty paragraphs of a .docx, table cells included, in document order.
    Raises :class:`NotADraft` for a file that is not a Word document."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a file that is not .docx
        raise NotADraft(f"{source}: not a Word document (.docx): {exc}") from exc
    found = []
    for element in document.element.body.iter(f"{W}p"):
        text = paragraph_text(element)
        if text:
            found.append(text)
    return found


def detect_language(paragraphs: Sequence[str]) -> str:
    """The reply's language from its script, and for Latin script from words only French or
    Spanish notes use; English otherwise."""
    sample = " ".join(paragraphs)
    counts = {code: len(pattern.findall(sample)) for code, pattern in _SCRIPTS}
    best = max(counts, key=lambda code: counts[code])
    if counts[best] > len(sample) // 10:
        return best
    for code, pattern in _LATIN_HINTS:
        if pattern.search(sample):
            return code
    return "en"


def itemize(paragraphs: Sequence[str], version: Version, language: str) -> ImportedReply:
    """The reply's text verbatim and its points as comments on ``version``."""
    comments: list[ImportedComment] = []
    unresolved: list[Unresolved] = []
    notes: list[str] = []
    patterns = _REFERENCES.get(language, ()) + (_REFERENCES["en"] if language != "en" else ())
    for number, text in enumerate(paragraphs, start=1):
        if _is_formula(text):
            continue
        references = _references(text, patterns)
        if not references:
            if (len(text.split()) >= 6 and _QUOTED.search(text)) or len(text.split()) >= 12:
                unresolved.append(
                    Unresolved(
                        number,
                        text,
                        "names no guideline (a general comment? itemize it with `about: document`)",
                    )
                )
            continue
        (guideline_number, label, written), *others = references
        guideline = _guideline(version, guideline_number)
        if guideline is None:
            unresolved.append(
                Unresolved(number, text, f"{version.label} has no guideline {guideline_number}")
            )
            continue
        paragraph = _paragraph(guideline, label) if label else None
        if label and paragraph is None:
            notes.append(
                f"paragraph {number}: guideline {guideline.number} of {version.label} has no "
                f"paragraph ({label}); the comment is on the whole guideline"
            )
        named = sorted({n for n, _l, _w in others if n != guideline_number}, key=_number_key)
        if named:
            notes.append(
                f"paragraph {number} also names guideline(s) {', '.join(named)}; "
                f"itemized under guideline {guideline.number} only"
            )
        proposed = _proposed(text)
        quote = _quote(text, guideline, paragraph, proposed)
        quoted = [q for q in _quotes(text) if q != proposed]
        if quoted and quote is None:
            notes.append(
                f"paragraph {number}: the quoted words “{quoted[0]}” are not in the "
                f"{version.language} text of guideline {guideline.number} of {version.label}; "
                "no quote recorded"
            )
        comments.append(
            ImportedComment(number, guideline, paragraph, quote, proposed, text, written)
        )
    return ImportedReply(
        language=language,
        text="\n\n".join(paragraphs),
        comments=tuple(comments),
        unresolved=tuple(unresolved),
        notes=tuple(notes),
    )


def _is_formula(text: str) -> bool:
    lowered = text.lower()
    return any(formula in lowered for formula in _FORMULAS)


def _references(
    text: str, patterns: Sequence[re.Pattern[str]]
) -> list[tuple[str, str | None, str]]:
    """(guideline number, paragraph label or None, as written), in the order they appear."""
    found: list[tuple[int, str, str | None, str]] = []
    taken: list[range] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < other.stop and other.start < span.stop for other in taken):
                continue
            taken.append(span)
            groups = match.groupdict()
            label = groups.get("para") or groups.get("para2")
            number = match.group("num").translate(_DIGITS)
            found.append((match.start(), number, _label(label), match.group(0)))
    found.sort()
    return [(number, label, written) for _start, number, label, written in found]


def _label(label: str | None) -> str | None:
    if not label:
        return None
    return latin_label(label).lower()


def _number_key(number: str) -> tuple[int, str]:
    return (int(number), number) if number.isdigit() else (10**6, number)


def _guideline(version: Version, number: str) -> Guideline | None:
    return next((g for g in version.guidelines if g.number.strip(".") == number), None)


def _paragraph(guideline: Guideline, label: str) -> Paragraph | None:
    for paragraph in guideline.text.paragraphs:
        if paragraph.label.strip("().").lower() == label:
            return paragraph
    return None


def _quotes(text: str) -> list[str]:
    return [next(group for group in match.groups() if group) for match in _QUOTED.finditer(text)]


def _proposed(text: str) -> str | None:
    for pattern in _PROPOSALS:
        match = pattern.search(text)
        if match:
            return _quotes(match.group("q"))[0] if _quotes(match.group("q")) else None
    return None


def _quote(
    text: str, guideline: Guideline, paragraph: Paragraph | None, proposed: str | None
) -> str | None:
    """The first quoted phrase found in the named paragraph (or, if none was named, in the
    guideline), in the version's own language: the only text a quote is checked against."""
    where = [paragraph] if paragraph is not None else list(guideline.text.paragraphs)
    for quoted in _quotes(text):
        if quoted == proposed:
            continue
        if any(contains_quote(p.text, quoted) for p in where):
            return quoted
    return None


# -- the submission file -----------------------------------------------------------------------

_OWN_REFERENCE = re.compile(
    r"^(?:Note\s+(?:verbale\s+)?)?(?:No\.|N°|Nº|Ref\.|Réf\.|Ref:|Réf\s*:|رقم)\s*[:.]?\s*(?P<ref>\S.{0,40})$",
    re.I,
)


def own_reference(paragraphs: Sequence[str]) -> str | None:
    """The party's own reference ("No. 4/2019"), if a short line near the top gives one."""
    for text in paragraphs[:4]:
        match = _OWN_REFERENCE.match(text.strip())
        if match:
            return match.group(0).strip()
    return None


def submission_text(
    reply: ImportedReply,
    *,
    party: str,
    call: str,
    received: str,
    reference: str | None,
    visibility: str,
    first_id: str,
    source: str,
) -> str:
    """The submission file for ``reply``: the text verbatim (one line per paragraph of the
    document, as received), one pending comment per point, and what was not itemized listed
    in a comment at the end for the editor."""
    from redraft.release.versions_file import yaml_scalar

    stem = first_id.rsplit("-", 1)[0]
    lines = [
        f"# Imported from {source} by `redraft import submission`: check each comment's",
        "# target against the text, then decide it (`redraft dispose`).",
        f"party: {party}",
        f"call: {call}",
        f"received: {received}",
    ]
    if reference:
        lines.append(f"reference: {yaml_scalar(reference)}")
    lines += [f"language: {reply.language}", f"visibility: {visibility}", "text: |"]
    for number, paragraph in enumerate(reply.text.split("\n\n")):
        if number:
            lines.append("")
        lines.append(f"  {paragraph}")
    lines.append("comments:" if reply.comments else "comments: []")
    for position, comment in enumerate(reply.comments, start=1):
        lines += [
            f"  - id: {stem}-{position}",
            f"    guideline: {comment.guideline.id}",
        ]
        if comment.paragraph is not None:
            lines.append(f"    paragraph: {comment.paragraph.id}")
        if comment.quote:
            lines.append(f"    quote: {yaml_scalar(comment.quote)}")
        lines += [
            f"    type: {comment.type}",
            f"    text: {yaml_scalar(comment.text)}",
        ]
        if comment.proposed:
            lines.append(f"    proposed: {yaml_scalar(comment.proposed)}")
        lines.append("    disposition: pending")
    if reply.unresolved or reply.notes:
        lines.append("# For the editor: not itemized, or itemized with a doubt")
        lines += [f"#   {item}" for item in (*map(str, reply.unresolved), *reply.notes)]
    return "\n".join(lines) + "\n"
