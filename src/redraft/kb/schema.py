"""The shape of every record file, as pydantic models: field names, types and value rules.

These models describe what an editor writes; :mod:`redraft.kb.load` turns them into the
:mod:`redraft.kb.model`.  Cross-file rules (does that guideline exist?) live in
:mod:`redraft.checks.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_PARTY = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


_ID_RULE = "use 1-64 lowercase letters a-z, digits and hyphens, starting with a letter or digit"
_PARTY_RULE = "use capitals A-Z and digits, e.g. an ISO 3166 alpha-3 code such as AUT"


def describe_character(char: str) -> str:
    """A character named so that an editor can find it, even if it is invisible or looks like a
    Latin letter: ``'а' (U+0430 CYRILLIC SMALL LETTER A)``."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    return f"{code} {name}".rstrip()


def _first_foreign(value: str, allowed: re.Pattern[str]) -> str | None:
    return next((char for char in value if not allowed.fullmatch(char)), None)


_ID_CHAR = re.compile(r"[a-z0-9-]")
_PARTY_CHAR = re.compile(r"[A-Z0-9]")


def id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid id, or None if it is one."""
    if _ID.fullmatch(value):
        return None
    foreign = _first_foreign(value, _ID_CHAR)
    if foreign is not None:
        reason = f"{describe_character(foreign)} is not allowed"
    elif len(value) > 64:
        reason = f"it is {len(value)} characters long"
    elif not value:
        reason = "it is empty"
    else:
        reason = "it starts with a hyphen"
    return f"'{value[:70]}' is not a valid id: {reason}; {_ID_RULE}"


def _identifier(value: str) -> str:
    problem = id_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _party_code(value: str) -> str:
    if not _PARTY.fullmatch(value):
        foreign = _first_foreign(value, _PARTY_CHAR)
        reason = f": {describe_character(foreign)} is not allowed" if foreign else ""
        raise ValueError(f"'{value[:70]}' is not a valid party code{reason}; {_PARTY_RULE}")
    return value


def _language(value: str) -> str:
    if not _LANGUAGE.fullmatch(value):
        raise ValueError(f"'{value[:70]}' is not a two-letter language code such as en, fr, zh")
    return value


def _number_as_text(value: Any) -> Any:
    # Editors write `number: 7`; a printed number is text ("7 bis"), so accept both.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date(value: Any) -> Any:
    # Only YYYY-MM-DD text: pydantic alone would take 20180719 as seconds since 1970.
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError("not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"impossible date {value} ({exc})") from None


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Identifier = Annotated[str, AfterValidator(_identifier)]
PartyCode = Annotated[str, AfterValidator(_party_code)]
Language = Annotated[str, AfterValidator(_language)]
Text = Annotated[str, AfterValidator(_not_blank)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
PrintedNumber = Annotated[str, BeforeValidator(_number_as_text), AfterValidator(_not_blank)]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc) but tab and newline."""


def _control_character(value: Any) -> str | None:
    """The first control character in a text (or list of texts), tab and newline aside."""
    if type(value) is str:  # nearly every field: no list to make (it runs on every field read)
        found = _CONTROL.search(value)
        return None if found is None else found.group()
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str):
            found = _CONTROL.search(text)
            if found is not None:
                return found.group()
    return None


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        # YAML refuses a raw control character, but "\x1b" in double quotes decodes to one; it
        # has no place in a text meant for people, and in a terminal it would drive the screen.
        char = _control_character(value)
        if char is not None:
            raise ValueError(f"control character U+{ord(char):04X} is not allowed in a text")
        return value


class SettingsFile(Record):
    title: Text
    body: str | None = None
    submissions_notice: str | None = None
    languages: list[Language] = Field(default_factory=list)
    publish_commit_messages: StrictBool = False
    records_notice: str | None = None
    pdf_downloads: StrictBool = False


class VersionEntry(Record):
    id: Identifier
    title: Text
    symbol: Text
    date: IsoDate
    meeting: str | None = None
    meeting_names: dict[Language, Text] = Field(default_factory=dict)
    """The meeting's name in other languages, for the language trees' version pages."""
    status: Literal["released", "adopted"] = "released"
    hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")] | None = None


class VersionsFile(Record):
    versions: list[VersionEntry] = Field(default_factory=list)


class PartEntry(Record):
    id: Identifier
    number: PrintedNumber
    title: Text
    guidelines: list[Identifier] = Field(default_factory=list)


class OutlineFile(Record):
    title: Text
    language: Language = "en"
    introduction: str = ""
    parts: list[PartEntry]


class PartTranslation(Record):
    id: Identifier
    title: Text


class OutlineTranslation(Record):
    title: Text | None = None
    introduction: str | None = None
    parts: list[PartTranslation] = Field(default_factory=list)


class GuidelineFrontMatter(Record):
    id: Identifier
    number: PrintedNumber
    title: Text
    part: Identifier
    replaces: Identifier | None = None
    merged_from: list[Identifier] = Field(default_factory=list)
    split_from: Identifier | None = None


class TranslationFrontMatter(Record):
    id: Identifier
    title: Text


class PartyEntry(Record):
    code: PartyCode
    name: Text
    type: Literal["state", "observer"] = "state"


class PartiesFile(Record):
    parties: list[PartyEntry]


class CallEntry(Record):
    id: Identifier
    reference: Text
    date: IsoDate
    version: Identifier
    deadline: IsoDate
    invited: Literal["all"] | list[PartyCode] = "all"
    title: str | None = None


class CallsFile(Record):
    calls: list[CallEntry]


class RetargetEntry(Record):
    version: Identifier
    guideline: Identifier
    paragraph: Identifier | None = None
    quote: Text | None = None
    by: Text
    date: IsoDate
    note: str | None = None


class TranslationEntry(Record):
    """A translation made for readers (the text as received stays the record): of the whole
    reply when ``text`` is given, and the language of its comments' ``translation`` fields."""

    language: Language
    text: str | None = None
    by: str | None = None


COMMENT_SCOPE_FIELDS = ("guideline", "part", "about")
"""The fields that say what a comment addresses; a comment names exactly one of them."""


class CommentEntry(Record):
    id: Identifier
    guideline: Identifier | None = None
    part: Identifier | None = None
    """A comment on a part as a whole, rather than on one of its guidelines."""
    about: Literal["document", "introduction"] | None = None
    """A general comment: on the whole document, or on its introduction."""
    paragraph: Identifier | None = None
    quote: Text | None = None
    type: Literal["general", "technical", "editorial"]
    text: Text
    proposed: str | None = None
    disposition: Literal["pending", "accepted", "partially-accepted", "not-accepted", "noted"] = (
        "pending"
    )
    rationale: str | None = None
    addressed_in: Identifier | None = None
    retarget: list[RetargetEntry] = Field(default_factory=list)
    translation: str | None = None
    meeting_paragraph: (
        Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}/[1-9][0-9]{0,5}$")] | None
    ) = None
    """The meeting report paragraph the rationale relies on, as ``<meeting-id>/<number>``."""

    @model_validator(mode="after")
    def _one_target(self) -> CommentEntry:
        # Exactly one target, said explicitly: a comment that forgot its guideline must not
        # silently become a comment on the whole document.
        named = [name for name in COMMENT_SCOPE_FIELDS if getattr(self, name) is not None]
        if not named:
            raise ValueError(
                "say what the comment is about: 'guideline: <id>', 'part: <id>', "
                "'about: introduction' or 'about: document'"
            )
        if len(named) > 1:
            raise ValueError(
                f"a comment is about one thing; it names {' and '.join(repr(n) for n in named)}"
            )
        if self.paragraph is not None and self.guideline is None:
            raise ValueError("a paragraph needs the guideline it belongs to ('guideline:')")
        if self.quote is not None and not (self.guideline or self.about == "introduction"):
            raise ValueError(
                "'quote:' needs a guideline or 'about: introduction' to quote from; a comment "
                "on a part or on the whole document quotes nothing"
            )
        return self


class SubmissionFile(Record):
    party: PartyCode
    call: Identifier
    received: IsoDate
    reference: str | None = None
    language: Language
    visibility: Literal["public", "restricted"] = "public"
    text: Text
    translation: TranslationEntry | None = None
    comments: list[CommentEntry] = Field(default_factory=list)


# -- meetings and reference material (records/) ------------------------------------------------


SPEAKER_ROLES = ("secretariat", "chair", "panellist", "delegation", "speaker")
"""How a report refers to whoever spoke, in the report's own terms: the secretariat, the Chair, a
panellist, the delegation (representative) of a State, or an unnamed speaker."""


class SpeakerEntry(Record):
    """Who a report paragraph attributes a statement to.  ``party`` is given only when the report
    itself names the State ("a panellist from Italy"); "one speaker" has a role and no party."""

    role: Literal["secretariat", "chair", "panellist", "delegation", "speaker"]
    party: PartyCode | None = None


class DiscussedEntry(Record):
    """What a report paragraph discusses: a guideline (optionally one paragraph of it, in a given
    version), a version as a whole, or a call for comments."""

    guideline: Identifier | None = None
    paragraph: Identifier | None = None
    version: Identifier | None = None
    call: Identifier | None = None

    @field_validator("call")
    @classmethod
    def _call_alone(cls, value: str | None, info: Any) -> str | None:
        if value is not None and any(info.data.get(k) for k in ("guideline", "paragraph")):
            raise ValueError("a call is discussed on its own: give it in an entry of its own")
        return value

    @field_validator("paragraph")
    @classmethod
    def _paragraph_of_guideline(cls, value: str | None, info: Any) -> str | None:
        if value is not None and not info.data.get("guideline"):
            raise ValueError("a paragraph needs the guideline it belongs to ('guideline:')")
        return value

    @model_validator(mode="after")
    def _names_something(self) -> DiscussedEntry:
        if not (self.guideline or self.version or self.call):
            raise ValueError("name a guideline, a version or a call")
        return self


class ReportParagraphEntry(Record):
    number: Annotated[int, Field(ge=1, le=100_000, strict=True)]
    text: dict[Language, Text]
    speaker: SpeakerEntry | None = None
    discusses: list[DiscussedEntry] = Field(default_factory=list)
    references: list[Identifier] = Field(default_factory=list)


class ReportEntry(Record):
    symbol: Text
    date: IsoDate
    languages: list[Language]
    title: dict[Language, Text] = Field(default_factory=dict)


class MeetingFile(Record):
    body: Text
    session: Text
    place: Text
    start: IsoDate
    end: IsoDate | None = None
    versions: list[Identifier] = Field(default_factory=list)
    visibility: Literal["public", "restricted"] = "public"
    report: ReportEntry
    paragraphs: list[ReportParagraphEntry] = Field(default_factory=list)


class ReferenceEntry(Record):
    id: Identifier
    kind: Literal["study", "national-practice", "legal-text"]
    title: Text
    author: str | None = None
    publisher: str | None = None
    place: str | None = None
    year: Annotated[int, Field(ge=1000, le=9999, strict=True)] | None = None
    symbol: str | None = None
    language: Language
    url: Annotated[str, Field(pattern=r"^https?://[^\s]+$")] | None = None
    guidelines: list[Identifier] = Field(default_factory=list)
    visibility: Literal["public", "restricted"] = "public"
    note: str | None = None


class ReferencesFile(Record):
    references: list[ReferenceEntry]
