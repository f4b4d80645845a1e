"""The knowledge base in memory: one typed, immutable model that every output reads.

Nothing here reads files (see :mod:`redraft.kb.load`) or knows about pages.  Every entity remembers
the file and line it came from, so that rules checked long after loading can still point an editor
at the right line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Literal

DRAFT = "draft"
"""The id of the working draft, always the newest version."""

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})
ENGLISH_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ar": "Arabic",
        "zh": "Chinese",
        "en": "English",
        "fr": "French",
        "ru": "Russian",
        "es": "Spanish",
    }
)
"""What an English-speaking editor calls each official language."""


def english_name(language: str) -> str:
    return ENGLISH_NAMES.get(language, language)


CommentType = Literal["general", "technical", "editorial"]
Disposition = Literal["pending", "accepted", "partially-accepted", "not-accepted", "noted"]
Visibility = Literal["public", "restricted"]
PartyType = Literal["state", "observer"]
VersionStatus = Literal["draft", "released", "adopted"]

DISPOSITIONS: tuple[Disposition, ...] = (
    "pending",
    "accepted",
    "partially-accepted",
    "not-accepted",
    "noted",
)
COMMENT_TYPES: tuple[CommentType, ...] = ("general", "technical", "editorial")


@dataclass(frozen=True)
class Source:
    """Where something was read: a path relative to the knowledge base root, and a 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a guideline, whitespace-normalised.

    ``id`` is the stable anchor; ``label`` is what is printed before it in this version ("(a)"),
    empty for an unlabelled paragraph.  ``text`` excludes the label and the explicit ``{#id}``.
    """

    id: str
    label: str
    text: str
    source: Source
    in_note: bool = False


@dataclass(frozen=True)
class Footnote:
    """A footnote of a guideline's text: ``label`` is its mark in the file (``[^1]``), which a
    paragraph's text carries where the footnote is called; documents number them in order."""

    label: str
    text: str
    source: Source


@dataclass(frozen=True)
class GuidelineText:
    """The words of a guideline in one language."""

    language: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    note: tuple[Paragraph, ...]
    source: Source
    footnotes: tuple[Footnote, ...] = ()

    def footnote(self, label: str) -> Footnote | None:
        return next((f for f in self.footnotes if f.label == label), None)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        for paragraph in (*self.paragraphs, *self.note):
            if paragraph.id == paragraph_id:
                return paragraph
        return None

    @property
    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        return (*self.paragraphs, *self.note)


@dataclass(frozen=True)
class Guideline:
    """A guideline as it stands in one version."""

    id: str
    number: str
    part: str
    text: GuidelineText
    translations: Mapping[str, GuidelineText] = field(default_factory=lambda: MappingProxyType({}))
    replaces: str | None = None
    merged_from: tuple[str, ...] = ()
    split_from: str | None = None
    field_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """The line of each front-matter field, so later rules can point at ``part:`` or
    ``replaces:`` rather than at the top of the file."""

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.source.line)

    @property
    def title(self) -> str:
        return self.text.title

    @property
    def source(self) -> Source:
        return self.text.source

    @property
    def has_note(self) -> bool:
        return bool(self.text.note)

    @property
    def predecessors(self) -> tuple[str, ...]:
        """Ids of earlier guidelines this one descends from, through any lineage field."""
        found = [*self.merged_from]
        if self.replaces:
            found.append(self.replaces)
        if self.split_from:
            found.append(self.split_from)
        return tuple(dict.fromkeys(found))

    def in_language(self, language: str) -> GuidelineText:
        """The text in ``language`` if translated, else the original."""
        if language == self.text.language:
            return self.text
        return self.translations.get(language, self.text)


@dataclass(frozen=True)
class Part:
    id: str
    number: str
    title: str
    guideline_ids: tuple[str, ...]
    titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def title_in(self, language: str) -> str:
        return self.titles.get(language, self.title)


@dataclass(frozen=True)
class Version:
    """A released version or the working draft, with its guidelines in document order."""

    id: str
    title: str
    language: str
    symbol: str | None
    date: dt.date | None
    meeting: str | None
    status: VersionStatus
    hash: str | None
    introduction: str
    parts: tuple[Part, ...]
    guidelines: tuple[Guideline, ...]
    source: Source
    translated_titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    translated_introductions: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )
    translated_meetings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """The meeting's name in other languages (``meeting_names:`` in ``versions.yml``)."""

    @property
    def is_draft(self) -> bool:
        return self.id == DRAFT

    @cached_property
    def _by_id(self) -> Mapping[str, Guideline]:
        return MappingProxyType({g.id: g for g in self.guidelines})

    def guideline(self, guideline_id: str) -> Guideline | None:
        return self._by_id.get(guideline_id)

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The original language first, then every language some guideline is translated into."""
        found = {lang for g in self.guidelines for lang in g.translations}
        found.discard(self.language)
        return (self.language, *sorted(found, key=language_order))

    def untranslated(self, language: str) -> frozenset[str]:
        """Ids of the guidelines with no text in ``language`` in this version."""
        if language == self.language:
            return frozenset()
        found = self._untranslated.get(language)
        if found is None:  # asked once per guideline and page: walked once per language
            found = frozenset(g.id for g in self.guidelines if language not in g.translations)
            self._untranslated[language] = found
        return found

    @cached_property
    def _untranslated(self) -> dict[str, frozenset[str]]:
        return {}

    def in_language(self, language: str) -> Version:
        """This version read in ``language``: every translated guideline's text, title,
        introduction and part title in that language.  Untranslated guidelines keep their
        original text (see :meth:`untranslated`), so numbers, parts and order stay whole."""
        if language == self.language:
            return self
        return replace(
            self,
            language=language,
            title=self.translated_titles.get(language, self.title),
            introduction=self.translated_introductions.get(language, self.introduction),
            meeting=self.translated_meetings.get(language, self.meeting),
            parts=tuple(
                replace(p, title=p.title_in(language), titles=MappingProxyType({}))
                for p in self.parts
            ),
            guidelines=tuple(
                replace(g, text=g.in_language(language), translations=MappingProxyType({}))
                for g in self.guidelines
            ),
            translated_titles=MappingProxyType({}),
            translated_introductions=MappingProxyType({}),
            translated_meetings=MappingProxyType({}),
        )

    @property
    def label(self) -> str:
        """What a person calls this version: its symbol, or "Working draft"."""
        if self.is_draft:
            return "Working draft"
        return self.symbol or self.id


def language_order(language: str) -> tuple[int, str]:
    """Sort key: the six languages of the United Nations in their customary order, then others."""
    index = UN_LANGUAGES.index(language) if language in UN_LANGUAGES else len(UN_LANGUAGES)
    return (index, language)


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    type: PartyType
    source: Source


@dataclass(frozen=True)
class Call:
    """A call for comments: the note verbale inviting parties to comment on one version."""

    id: str
    reference: str
    date: dt.date
    version: str
    deadline: dt.date
    invited: tuple[str, ...]
    title: str | None
    source: Source


@dataclass(frozen=True)
class Retarget:
    """An editor's recorded decision that a comment now belongs elsewhere in a later version."""

    version: str
    guideline: str
    paragraph: str | None
    quote: str | None
    by: str
    date: dt.date
    note: str | None
    source: Source


@dataclass(frozen=True)
class Translation:
    """A reader's translation of a reply, beside the text as received (which stays the record).

    ``text`` translates the whole reply when given; ``language`` is also the language of the
    translations of its comments.  ``by`` says who translated (e.g. "Secretariat, unofficial").
    """

    language: str
    text: str | None
    by: str | None


SpeakerRole = Literal["secretariat", "chair", "panellist", "delegation", "speaker"]
ReferenceKind = Literal["study", "national-practice", "legal-text"]


@dataclass(frozen=True)
class MeetingParagraphRef:
    """A citation of one numbered paragraph of a meeting's report."""

    meeting: str
    number: int

    def __str__(self) -> str:
        return f"{self.meeting}/{self.number}"


@dataclass(frozen=True)
class Speaker:
    """Whom a report paragraph attributes a statement to, exactly as far as the report names them:
    ``party`` only when the report names the State."""

    role: SpeakerRole
    party: str | None = None


@dataclass(frozen=True)
class Discussed:
    """One thing a report paragraph discusses; ``version`` is None when the meeting's own
    version (the last one before it) is meant."""

    guideline: str | None
    paragraph: str | None
    version: str | None
    call: str | None
    source: Source


@dataclass(frozen=True)
class ReportParagraph:
    """One numbered paragraph of a meeting report as issued, in each language it is recorded in."""

    number: int
    texts: Mapping[str, str]
    speaker: Speaker | None
    discusses: tuple[Discussed, ...]
    references: tuple[str, ...]
    source: Source
    field_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.source.line)

    def text_in(self, language: str) -> str | None:
        return self.texts.get(language)

    def discusses_guideline(self, guideline_id: str) -> bool:
        return any(d.guideline == guideline_id for d in self.discusses)


@dataclass(frozen=True)
class Report:
    """The official report of a meeting: its symbol, date and the languages recorded here."""

    symbol: str
    date: dt.date
    languages: tuple[str, ...]
    titles: Mapping[str, str]
    source: Source

    def title_in(self, language: str) -> str | None:
        return self.titles.get(language)


@dataclass(frozen=True)
class Meeting:
    """A meeting at which the guidelines were discussed, with its report's paragraphs."""

    id: str
    body: str
    session: str
    place: str
    start: dt.date
    end: dt.date | None
    versions: tuple[str, ...]
    """The versions before the meeting, the last being the one it discussed."""
    visibility: Visibility
    report: Report
    paragraphs: tuple[ReportParagraph, ...]
    source: Source
    field_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.source.line)

    @property
    def restricted(self) -> bool:
        return self.visibility == "restricted"

    @property
    def version(self) -> str | None:
        """The version under discussion: the last of those before the meeting."""
        return self.versions[-1] if self.versions else None

    def paragraph(self, number: int) -> ReportParagraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def paragraphs_on(self, guideline_id: str) -> tuple[ReportParagraph, ...]:
        return tuple(p for p in self.paragraphs if p.discusses_guideline(guideline_id))

    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.report.languages, key=language_order))


@dataclass(frozen=True)
class Reference:
    """A study, a national practice or a legal text that supports some guidelines."""

    id: str
    kind: ReferenceKind
    title: str
    author: str | None
    publisher: str | None
    place: str | None
    year: int | None
    symbol: str | None
    language: str
    url: str | None
    guidelines: tuple[str, ...]
    visibility: Visibility
    note: str | None
    source: Source
    field_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.source.line)

    @property
    def restricted(self) -> bool:
        return self.visibility == "restricted"


CommentScope = Literal["document", "introduction", "part", "guideline"]
COMMENT_SCOPES: tuple[CommentScope, ...] = ("document", "introduction", "part", "guideline")
"""What a comment may address, in the order outputs show them: general comments on the whole
document first, then the introduction, the parts, and the guidelines."""


@dataclass(frozen=True)
class Comment:
    id: str
    submission_id: str
    party: str
    call: str
    guideline: str | None
    """The guideline commented on; ``None`` for a general comment (see :attr:`scope`)."""
    paragraph: str | None
    quote: str | None
    type: CommentType
    text: str
    proposed: str | None
    disposition: Disposition
    rationale: str | None
    addressed_in: str | None
    retargets: tuple[Retarget, ...]
    language: str
    restricted: bool
    source: Source
    translation: str | None = None
    """The comment's text in the reply's translation language (:class:`Translation`)."""
    meeting_paragraph: MeetingParagraphRef | None = None
    """The meeting report paragraph the secretariat's rationale cites."""
    part: str | None = None
    """The part commented on as a whole (``scope == "part"``)."""
    about: Literal["document", "introduction"] | None = None
    """Set for a general comment on the whole document or on its introduction."""

    @property
    def scope(self) -> CommentScope:
        """What the comment addresses: a guideline, a part, the introduction or the document."""
        if self.guideline is not None:
            return "guideline"
        if self.part is not None:
            return "part"
        return self.about or "document"

    @property
    def is_general(self) -> bool:
        """Whether the comment addresses something other than one guideline."""
        return self.guideline is None


@dataclass(frozen=True)
class Submission:
    """One reply to a call, verbatim, with the comments itemized from it."""

    id: str
    party: str
    call: str
    received: dt.date
    reference: str | None
    language: str
    visibility: Visibility
    text: str
    comments: tuple[Comment, ...]
    source: Source
    field_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    translation: Translation | None = None

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.source.line)

    @property
    def restricted(self) -> bool:
        return self.visibility == "restricted"


@dataclass(frozen=True)
class Settings:
    """``redraft.yml``: what the knowledge base is called and the notices it must carry."""

    title: str = "Guidelines"
    body: str | None = None
    submissions_notice: str | None = None
    languages: tuple[str, ...] = ()
    """The languages the guidelines are published in, if the editor lists them; the translation
    status shows each as up to date, outdated or missing."""
    records_notice: str | None = None
    """Shown wherever a meeting record or a reference is shown, e.g. that they are illustrative."""
    publish_commit_messages: bool = False
    """Whether the public site shows commit subjects and hashes.  A commit subject is an editor's
    note, not a publication, so by default the public site says only which guidelines changed
    and when (docs/trust.md, "Editors' notes stay internal")."""
    pdf_downloads: bool = False
    """Whether the site offers each version and redline as PDF beside the .docx.  Off by
    default: making a PDF takes LibreOffice, which building the site must not otherwise need;
    an editor who turns it on has the build require it (docs/site.md)."""


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything Redraft knows: versions oldest first (the draft last), parties, calls, replies."""

    settings: Settings
    versions: tuple[Version, ...]
    parties: tuple[Party, ...]
    calls: tuple[Call, ...]
    submissions: tuple[Submission, ...]
    meetings: tuple[Meeting, ...] = ()
    """Oldest first."""
    references: tuple[Reference, ...] = ()

    @cached_property
    def _version_index(self) -> Mapping[str, int]:
        return MappingProxyType({v.id: i for i, v in enumerate(self.versions)})

    @cached_property
    def _parties(self) -> Mapping[str, Party]:
        return MappingProxyType({p.code: p for p in self.parties})

    @cached_property
    def _calls(self) -> Mapping[str, Call]:
        return MappingProxyType({c.id: c for c in self.calls})

    def version(self, version_id: str) -> Version | None:
        index = self._version_index.get(version_id)
        return None if index is None else self.versions[index]

    def version_index(self, version_id: str) -> int | None:
        """Position in time: a larger index is a later version."""
        return self._version_index.get(version_id)

    def is_later(self, later: str, earlier: str) -> bool:
        a, b = self._version_index.get(later), self._version_index.get(earlier)
        return a is not None and b is not None and a > b

    @property
    def released(self) -> tuple[Version, ...]:
        return tuple(v for v in self.versions if not v.is_draft)

    @property
    def draft(self) -> Version | None:
        return self.version(DRAFT)

    @property
    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    def party(self, code: str) -> Party | None:
        return self._parties.get(code)

    def call(self, call_id: str) -> Call | None:
        return self._calls.get(call_id)

    def meeting(self, meeting_id: str) -> Meeting | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def reference(self, reference_id: str) -> Reference | None:
        return next((r for r in self.references if r.id == reference_id), None)

    def meeting_paragraph(self, ref: MeetingParagraphRef) -> ReportParagraph | None:
        meeting = self.meeting(ref.meeting)
        return meeting.paragraph(ref.number) if meeting is not None else None

    def discussions_of(self, guideline_id: str) -> tuple[tuple[Meeting, ReportParagraph], ...]:
        """Every report paragraph that discusses the guideline, meetings oldest first."""
        return tuple(
            (meeting, paragraph)
            for meeting in self.meetings
            for paragraph in meeting.paragraphs_on(guideline_id)
        )

    def references_for(self, guideline_id: str) -> tuple[Reference, ...]:
        return tuple(r for r in self.references if guideline_id in r.guidelines)

    def comments(self) -> Iterator[Comment]:
        for submission in self.submissions:
            yield from submission.comments

    def guideline_ids(self) -> tuple[str, ...]:
        """Every guideline id that any version has, in order of first appearance."""
        seen: dict[str, None] = {}
        for version in self.versions:
            for guideline in version.guidelines:
                seen.setdefault(guideline.id, None)
        return tuple(seen)

    def without_restricted(self) -> KnowledgeBase:
        """The knowledge base a public build may see: restricted submissions, meeting records and
        references are absent, and so is every citation of them from public material."""
        public = tuple(s for s in self.submissions if not s.restricted)
        meetings = tuple(m for m in self.meetings if not m.restricted)
        references = tuple(r for r in self.references if not r.restricted)
        shown_meetings = {m.id for m in meetings}
        shown_references = {r.id for r in references}
        public = tuple(_without_citations(s, shown_meetings) for s in public)
        meetings = tuple(
            replace(
                m,
                paragraphs=tuple(
                    replace(p, references=tuple(r for r in p.references if r in shown_references))
                    for p in m.paragraphs
                ),
            )
            for m in meetings
        )
        return KnowledgeBase(
            self.settings, self.versions, self.parties, self.calls, public, meetings, references
        )


def _without_citations(submission: Submission, shown_meetings: set[str]) -> Submission:
    """The submission with citations of meetings that are not shown removed: a public rationale
    must not reveal that a restricted meeting exists, even by its id."""
    if all(
        c.meeting_paragraph is None or c.meeting_paragraph.meeting in shown_meetings
        for c in submission.comments
    ):
        return submission
    comments = tuple(
        c
        if c.meeting_paragraph is None or c.meeting_paragraph.meeting in shown_meetings
        else replace(c, meeting_paragraph=None)
        for c in submission.comments
    )
    return replace(submission, comments=comments)
