"""The shape of every record file, as pydantic models: field names, types and value rules.

These models describe what an editor writes; :mod:`redraft.load` turns them into the
:mod:`redraft.model`.  Cross-file rules (does that guideline exist?) live in :mod:`redraft.check`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_PARTY = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _identifier(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"'{value[:70]}' is not a valid id: use 1-64 lowercase letters, digits and hyphens, "
            "starting with a letter or digit"
        )
    return value


def _party_code(value: str) -> str:
    if not _PARTY.match(value):
        raise ValueError(
            f"'{value[:70]}' is not a valid party code: use capitals, e.g. an ISO 3166 "
            "alpha-3 code such as AUT"
        )
    return value


def _language(value: str) -> str:
    if not _LANGUAGE.match(value):
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
    if not isinstance(value, str) or not _DATE.match(value):
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


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class SettingsFile(Record):
    title: Text
    body: str | None = None
    submissions_notice: str | None = None


class VersionEntry(Record):
    id: Identifier
    title: Text
    symbol: Text
    date: IsoDate
    meeting: str | None = None
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


class CommentEntry(Record):
    id: Identifier
    guideline: Identifier
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


class SubmissionFile(Record):
    party: PartyCode
    call: Identifier
    received: IsoDate
    reference: str | None = None
    language: Language
    visibility: Literal["public", "restricted"] = "public"
    text: Text
    comments: list[CommentEntry] = Field(default_factory=list)
