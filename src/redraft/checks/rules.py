"""The rules that span files: what ``redraft check`` adds to the problems met while loading.

Each rule is a small function over the loaded model that yields problems; :func:`check` runs them
all, so a single run reports everything.  Nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path

from redraft.checks.integrity import release_tags_unchanged
from redraft.comments import anchors
from redraft.kb.load import MANIFESTS_DIR, VERSIONS_FILE, LoadResult, VersionFiles, load
from redraft.kb.manifest import content_hash, differences
from redraft.kb.model import Comment, Guideline, KnowledgeBase, english_name
from redraft.kb.problems import Problem
from redraft.redline import drift as translations

Rule = Callable[[LoadResult], Iterable[Problem]]


def error(where: object, message: str) -> Problem:
    path, line = _split(where)
    return Problem(path, line, " ".join(message.split()), "error")


def warning(where: object, message: str) -> Problem:
    path, line = _split(where)
    return Problem(path, line, " ".join(message.split()), "warning")


def _split(where: object) -> tuple[str, int]:
    path = getattr(where, "path", None)
    line = getattr(where, "line", None)
    if isinstance(path, str) and isinstance(line, int):
        return path, line
    raise TypeError(f"not a source location: {where!r}")


def contains_quote(text: str, quote: str) -> bool:
    """Is ``quote`` in ``text``, ignoring differences of whitespace?"""
    return " ".join(quote.split()) in " ".join(text.split())


# -- versions -------------------------------------------------------------------------------


def version_dates(result: LoadResult) -> Iterator[Problem]:
    released = [v for v in result.kb.versions if v.date is not None]
    for earlier, later in pairwise(released):
        assert earlier.date is not None and later.date is not None
        if later.date < earlier.date:
            yield error(
                later.source,
                f"version '{later.id}' is dated {later.date}, before '{earlier.id}' "
                f"({earlier.date}); list versions oldest first",
            )


def unique_numbers(result: LoadResult) -> Iterator[Problem]:
    for version in result.kb.versions:
        seen: dict[str, Guideline] = {}
        for guideline in version.guidelines:
            first = seen.setdefault(guideline.number, guideline)
            if first is not guideline:
                yield error(
                    _at(guideline, "number"),
                    f"number '{guideline.number}' is also printed on '{first.id}' in this version",
                )


def lineage(result: LoadResult) -> Iterator[Problem]:
    kb = result.kb
    for index, version in enumerate(kb.versions):
        earlier_ids = {g.id for v in kb.versions[:index] for g in v.guidelines}
        for guideline in version.guidelines:
            references = [("replaces", guideline.replaces), ("split_from", guideline.split_from)]
            references += [("merged_from", name) for name in guideline.merged_from]
            for field_name, name in references:
                if name is None:
                    continue
                if name == guideline.id and field_name != "split_from":
                    yield error(
                        _at(guideline, field_name), f"{field_name} names the guideline itself"
                    )
                elif name not in earlier_ids:
                    yield error(
                        _at(guideline, field_name),
                        f"{field_name} '{name}' is not a guideline of any earlier version",
                    )


def released_unchanged(result: LoadResult) -> Iterator[Problem]:
    """A released folder never changes: compare it with its manifest and recorded hash."""
    for files in result.version_files:
        yield from _released_unchanged(files)


def _released_unchanged(files: VersionFiles) -> Iterator[Problem]:
    folder = f"guidelines/{files.version_id}"
    manifest = f"{MANIFESTS_DIR}/{files.version_id}.sha256"
    if files.recorded_hash is None:
        return
    if files.recorded_digests is None:
        if content_hash(files.actual_digests) != files.recorded_hash:
            yield error(
                files.source,
                f"released version '{files.version_id}' has changed since release "
                f"(its hash no longer matches; {manifest} is missing, "
                "so the files cannot be named)",
            )
        return
    if content_hash(files.recorded_digests) != files.recorded_hash:
        yield error(
            files.source,
            f"{manifest} does not match the hash recorded for '{files.version_id}' in "
            f"{VERSIONS_FILE}: the manifest was edited",
        )
    for path, what in differences(files.recorded_digests, files.actual_digests):
        yield error(
            _Where(f"{folder}/{path}", 1),
            f"{what} of version '{files.version_id}': a released version must not change",
        )


# -- comments -------------------------------------------------------------------------------


def calls(result: LoadResult) -> Iterator[Problem]:
    kb = result.kb
    for call in kb.calls:
        version = kb.version(call.version)
        if version is None:
            yield error(
                call.source,
                f"call '{call.id}' is about version '{call.version}', which does not exist",
            )
        if call.deadline < call.date:
            yield error(
                call.source, f"deadline {call.deadline} is before the call's date {call.date}"
            )
        for code in call.invited:
            if code != "all" and kb.party(code) is None:
                yield error(call.source, f"invited party '{code}' is not in comments/parties.yml")


def submissions(result: LoadResult) -> Iterator[Problem]:
    kb = result.kb
    seen: dict[str, Comment] = {}
    for submission in kb.submissions:
        at_party = _Where(submission.source.path, submission.line_of("party"))
        at_call = _Where(submission.source.path, submission.line_of("call"))
        at_received = _Where(submission.source.path, submission.line_of("received"))
        if kb.party(submission.party) is None:
            yield error(at_party, f"party '{submission.party}' is not in comments/parties.yml")
        call = kb.call(submission.call)
        if call is None:
            yield error(at_call, f"call '{submission.call}' is not in comments/calls.yml")
        elif submission.received < call.date:
            yield error(
                at_received,
                f"received {submission.received}, before the call was made ({call.date})",
            )
        for comment in submission.comments:
            first = seen.setdefault(comment.id, comment)
            if first is not comment:
                yield error(
                    comment.source, f"duplicate comment id '{comment.id}' (first in {first.source})"
                )
            if call is not None:
                yield from comment_target(kb, comment, call.version)
                yield from disposition(kb, comment, call.version)


def comment_target(kb: KnowledgeBase, comment: Comment, version_id: str) -> Iterator[Problem]:
    version = kb.version(version_id)
    if version is None:
        return
    guideline = version.guideline(comment.guideline)
    if guideline is None:
        known = any(v.guideline(comment.guideline) for v in kb.versions)
        where = "" if known else " (nor in any other version)"
        yield error(
            comment.source,
            f"comment '{comment.id}': guideline '{comment.guideline}' is not in version "
            f"'{version_id}', the version the call was about{where}",
        )
        return
    yield from _target_text(
        guideline,
        comment.paragraph,
        comment.quote,
        comment.source,
        f"comment '{comment.id}'",
        version_id,
    )
    for retarget in comment.retargets:
        target_version = kb.version(retarget.version)
        if target_version is None:
            yield error(retarget.source, f"retarget: version '{retarget.version}' does not exist")
            continue
        if not kb.is_later(retarget.version, version_id):
            yield error(
                retarget.source,
                f"retarget: version '{retarget.version}' is not later than '{version_id}', "
                "the version commented on",
            )
        target = target_version.guideline(retarget.guideline)
        if target is None:
            yield error(
                retarget.source,
                f"retarget: guideline '{retarget.guideline}' is not in version "
                f"'{retarget.version}'",
            )
            continue
        yield from _target_text(
            target,
            retarget.paragraph,
            retarget.quote,
            retarget.source,
            "retarget",
            retarget.version,
        )


def _target_text(
    guideline: Guideline,
    paragraph_id: str | None,
    quote: str | None,
    where: object,
    who: str,
    version_id: str,
) -> Iterator[Problem]:
    text = guideline.text
    if paragraph_id is not None:
        paragraph = text.paragraph(paragraph_id)
        if paragraph is None:
            yield error(
                where,
                f"{who}: paragraph '{paragraph_id}' is not in guideline '{guideline.id}' of "
                f"version '{version_id}' (it has {', '.join(p.id for p in text.all_paragraphs)})",
            )
            return
        haystack = paragraph.text
        place = f"paragraph '{paragraph_id}' of guideline '{guideline.id}'"
    else:
        haystack = " ".join([text.title, *(p.text for p in text.all_paragraphs)])
        place = f"guideline '{guideline.id}'"
    if quote is not None and not contains_quote(haystack, quote):
        yield error(
            where,
            f'{who}: the quoted words "{quote[:80]}" are not in {place} '
            f"of version '{version_id}'",
        )


def disposition(kb: KnowledgeBase, comment: Comment, version_id: str) -> Iterator[Problem]:
    if comment.disposition == "pending":
        if comment.addressed_in is not None:
            yield error(
                comment.source,
                f"comment '{comment.id}' is pending but says it was addressed in "
                f"'{comment.addressed_in}': record the decision or remove addressed_in",
            )
        return
    if not (comment.rationale or "").strip():
        yield warning(
            comment.source, f"comment '{comment.id}' is {comment.disposition} without a rationale"
        )
    if comment.addressed_in is None:
        if comment.disposition in ("accepted", "partially-accepted"):
            yield warning(
                comment.source,
                f"comment '{comment.id}' is {comment.disposition} but names no version that "
                "addressed it (addressed_in)",
            )
        return
    if kb.version(comment.addressed_in) is None:
        yield error(
            comment.source,
            f"comment '{comment.id}': addressed_in '{comment.addressed_in}' is not a version",
        )
        return
    if kb.version(version_id) is None:
        # the call names no version: said once, on the call; nothing to be later than
        return
    if not kb.is_later(comment.addressed_in, version_id):
        yield error(
            comment.source,
            f"comment '{comment.id}': addressed_in '{comment.addressed_in}' is not later than "
            f"'{version_id}', the version commented on",
        )
        return
    if comment.disposition == "accepted":
        yield from _accepted_but_unchanged(kb, comment, version_id)


def _accepted_but_unchanged(
    kb: KnowledgeBase, comment: Comment, version_id: str
) -> Iterator[Problem]:
    """An accepted comment whose passage reads the same in the version said to address it.

    The passage is followed where :mod:`redraft.comments.anchors` finds it: in place, moved verbatim
    within its guideline, or where an editor's retarget record put it.  "Reads the same" means
    the paragraph holding it (the whole guideline for a comment on the guideline) is word for
    word what it was.  A guideline merged into another or deleted changed structurally: silent.
    """
    anchor = anchors.anchor_in(kb, comment, comment.addressed_in or "", detail=False)
    own = anchors.comment_target(kb, comment)
    passage = anchors.resolve(kb, own) if own is not None else None
    if anchor is None or passage is None or anchor.place is None or anchor.wording is None:
        return
    if anchor.state not in ("anchored", "moved"):
        return
    if anchor.retarget is None and anchor.place.guideline != comment.guideline:
        return  # merged or split away: the change is structural
    if " ".join(passage.wording.split()) != " ".join(anchor.wording.split()):
        return
    followed = anchor.state == "moved" or anchor.retarget is not None
    now = f" (now {anchor.place.describe()})" if followed else ""
    yield warning(
        comment.source,
        f"comment '{comment.id}' is accepted, but the passage it is about reads the same in "
        f"'{comment.addressed_in}'{now}, the version said to address it",
    )


# -- translations ---------------------------------------------------------------------------


def translation_drift(result: LoadResult) -> Iterator[Problem]:
    """A passage changed in one language and not in another between two consecutive versions
    (:mod:`redraft.redline.drift`); reported on the translation, at the first such passage."""
    for guideline, status in translations.drift(result.kb):
        text = guideline.translations[status.language]
        original = guideline.text
        first = (status.original_only or status.translation_only)[0]
        paragraph = text.paragraph(first)
        where = paragraph.source if paragraph is not None else text.source
        reasons = []
        if status.original_only:
            names = translations.passage_names(original, status.original_only)
            reasons.append(f"{names} changed in the original since '{status.since}' but not here")
        if status.translation_only:
            names = translations.passage_names(text, status.translation_only)
            reasons.append(f"{names} changed here since '{status.since}' but not in the original")
        yield warning(
            where,
            f"the {english_name(status.language)} text of '{guideline.id}' is outdated: "
            + "; ".join(reasons),
        )


RULES: tuple[Rule, ...] = (
    version_dates,
    unique_numbers,
    lineage,
    released_unchanged,
    calls,
    submissions,
    translation_drift,
)


def check_loaded(result: LoadResult, extra: Iterable[Problem] = ()) -> list[Problem]:
    """Every problem: those met while loading, then the cross-file rules (and ``extra``, found
    outside the model, e.g. in git); sorted, deduplicated."""
    found = set(result.problems)
    found.update(extra)
    for rule in RULES:
        found.update(rule(result))
    return sorted(found, key=lambda p: (p.path, p.line, p.message))


def check(root: Path | str) -> list[Problem]:
    result = load(root)
    # released folders against their git release tags: the one check that reads git, not files
    return check_loaded(result, release_tags_unchanged(root, result))


class _Where:
    def __init__(self, path: str, line: int) -> None:
        self.path = path
        self.line = line


def _at(guideline: Guideline, field_name: str) -> _Where:
    return _Where(guideline.source.path, guideline.line_of(field_name))
