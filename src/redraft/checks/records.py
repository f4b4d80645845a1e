"""Rules over meeting records and reference material (``records/``): that everything they name
exists, and that a meeting does not discuss a text issued after it.

Kept apart from :mod:`redraft.checks.rules` (which runs these with the others) because they read
only the records and what the records point at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from redraft.kb.load import CALLS_FILE, PARTIES_FILE, REFERENCES_FILE, LoadResult
from redraft.kb.model import Discussed, KnowledgeBase, Meeting, ReportParagraph
from redraft.kb.problems import Problem


def _error(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, " ".join(message.split()), "error")


def meetings(result: LoadResult) -> Iterator[Problem]:
    kb = result.kb
    for meeting in kb.meetings:
        yield from _meeting_versions(kb, meeting)
        if meeting.report.date < meeting.start:
            yield _error(
                meeting.source.path,
                meeting.report.source.line,
                f"the report is dated {meeting.report.date}, before the meeting began "
                f"({meeting.start})",
            )
        for paragraph in meeting.paragraphs:
            yield from _paragraph(kb, meeting, paragraph)


def _meeting_versions(kb: KnowledgeBase, meeting: Meeting) -> Iterator[Problem]:
    for index, version_id in enumerate(meeting.versions):
        line = meeting.line_of(f"versions.{index}")
        version = kb.version(version_id)
        if version is None:
            yield _error(meeting.source.path, line, f"version '{version_id}' does not exist")
        elif _after_meeting(version.date, meeting):
            yield _error(
                meeting.source.path,
                line,
                f"version '{version_id}' is dated {version.date}, after the meeting began "
                f"({meeting.start}): a meeting lists only the versions issued before it",
            )


def _after_meeting(date: dt.date | None, meeting: Meeting) -> bool:
    return date is not None and date > meeting.start


def _paragraph(
    kb: KnowledgeBase, meeting: Meeting, paragraph: ReportParagraph
) -> Iterator[Problem]:
    path = meeting.source.path
    for discussed in paragraph.discusses:
        yield from _discussed(kb, meeting, paragraph, discussed)
    for reference_id in paragraph.references:
        if kb.reference(reference_id) is None:
            yield _error(
                path,
                paragraph.line_of("references"),
                f"paragraph {paragraph.number}: reference '{reference_id}' is not in "
                f"{REFERENCES_FILE}",
            )
    speaker = paragraph.speaker
    if speaker is not None and speaker.party is not None:
        party = kb.party(speaker.party)
        line = paragraph.line_of("speaker")
        if party is None:
            if not kb.parties:
                return  # no party list could be read: reported where it failed, not once per use
            yield _error(
                path,
                line,
                f"paragraph {paragraph.number}: party '{speaker.party}' is not in {PARTIES_FILE}",
            )
        elif "en" in paragraph.texts and party.name not in paragraph.texts["en"]:
            # attribution follows the report: a State it did not name is never named here
            yield _error(
                path,
                line,
                f"paragraph {paragraph.number} is attributed to {party.name}, but the report "
                f"does not name {party.name} in it: give only the role, as the report does",
            )


def _discussed(
    kb: KnowledgeBase, meeting: Meeting, paragraph: ReportParagraph, discussed: Discussed
) -> Iterator[Problem]:
    where = discussed.source
    who = f"paragraph {paragraph.number}"
    if discussed.call is not None:
        call = kb.call(discussed.call)
        if call is None:
            if not kb.calls:
                return  # no call list could be read: reported where it failed
            yield _error(
                where.path, where.line, f"{who}: call '{discussed.call}' is not in {CALLS_FILE}"
            )
        elif call.date > meeting.start:
            yield _error(
                where.path,
                where.line,
                f"{who}: call '{call.id}' is dated {call.date}, after the meeting began "
                f"({meeting.start})",
            )
        return
    version_id = discussed.version or meeting.version
    if version_id is None:
        yield _error(
            where.path,
            where.line,
            f"{who}: say which version is discussed ('version:'), or list the versions before "
            "the meeting ('versions:')",
        )
        return
    version = kb.version(version_id)
    if version is None:
        yield _error(where.path, where.line, f"{who}: version '{version_id}' does not exist")
        return
    if _after_meeting(version.date, meeting):
        yield _error(
            where.path,
            where.line,
            f"{who}: version '{version_id}' is dated {version.date}, after the meeting began "
            f"({meeting.start}), so the meeting cannot have discussed it",
        )
        return
    if discussed.guideline is None:
        return
    guideline = version.guideline(discussed.guideline)
    if guideline is None:
        yield _error(
            where.path,
            where.line,
            f"{who}: guideline '{discussed.guideline}' is not in version '{version_id}'",
        )
        return
    if discussed.paragraph is not None and guideline.text.paragraph(discussed.paragraph) is None:
        have = ", ".join(p.id for p in guideline.text.all_paragraphs)
        yield _error(
            where.path,
            where.line,
            f"{who}: paragraph '{discussed.paragraph}' is not in guideline '{guideline.id}' of "
            f"version '{version_id}' (it has {have})",
        )


def references(result: LoadResult) -> Iterator[Problem]:
    kb = result.kb
    known = set(kb.guideline_ids())
    for reference in kb.references:
        for guideline_id in reference.guidelines:
            if guideline_id not in known:
                yield _error(
                    reference.source.path,
                    reference.line_of("guidelines"),
                    f"reference '{reference.id}': guideline '{guideline_id}' is in no version",
                )


def citations(result: LoadResult) -> Iterator[Problem]:
    """A disposition's ``meeting_paragraph`` names a paragraph some meeting's report has."""
    kb = result.kb
    for comment in kb.comments():
        cited = comment.meeting_paragraph
        if cited is None:
            continue
        meeting = kb.meeting(cited.meeting)
        if meeting is None:
            message = f"meeting '{cited.meeting}' is not in records/meetings/"
        elif meeting.paragraph(cited.number) is None:
            message = f"the report of '{cited.meeting}' has no paragraph {cited.number}"
        else:
            continue
        yield _error(
            comment.source.path,
            comment.source.line,
            f"comment '{comment.id}': meeting_paragraph {cited}: {message}",
        )
