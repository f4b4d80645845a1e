"""The rules that span files: what ``redraft check`` adds to the problems met while loading.

Each rule is a small function over the loaded model that yields problems; :func:`check` runs them
all, so a single run reports everything.  Nothing here reads a file or git: :func:`check` has
:mod:`redraft.kb` read the knowledge base, the release tags and the site's own inputs, and passes
their facts to the rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path

from redraft.checks import markdown, records
from redraft.checks.integrity import how_to_restore, release_tags_unchanged
from redraft.comments import anchors
from redraft.kb.collector import collector_paused
from redraft.kb.guideline_file import is_single_spaced, label_anchor
from redraft.kb.journal import interrupted_release
from redraft.kb.load import (
    MANIFESTS_DIR,
    VERSIONS_FILE,
    LoadResult,
    VersionFiles,
    load,
    load_with_parse_cache,
)
from redraft.kb.manifest import content_hash, differences
from redraft.kb.model import DRAFT, Comment, Guideline, KnowledgeBase, Source, Version, english_name
from redraft.kb.problems import Problem
from redraft.kb.repository import release_tag_contents
from redraft.kb.site_inputs import read_site_inputs
from redraft.kb.sources import FileSource
from redraft.redline import drift as translations
from redraft.redline.textdiff import similar_enough, similarity

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
    return _words(quote) in _words(text)


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


NUMBER_SUFFIXES = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
)  # fmt: skip
"""The Latin suffixes of an inserted number (``7 bis``), in order."""
_PRINTED_NUMBER = re.compile(rf"^(?P<base>[0-9]+)(?: (?P<suffix>{'|'.join(NUMBER_SUFFIXES)}))?$")
_SUFFIX_RANK = {s: i for i, s in enumerate(("", *NUMBER_SUFFIXES))}


def _number_key(number: str) -> tuple[int, int] | None:
    """``"7 bis"`` → (7, 1); ``None`` for a number not written as digits with an optional
    Latin suffix, which this rule leaves alone."""
    match = _PRINTED_NUMBER.match(number)
    if match is None:
        return None
    return int(match.group("base")), _SUFFIX_RANK[match.group("suffix") or ""]


def numbering(result: LoadResult) -> Iterator[Problem]:
    """In a version still being edited, printed numbers follow outline order without gaps:
    1, 2, 2 bis, 3…  A gap (a guideline deleted or merged) or a number out of order (one moved)
    is reported at the guideline, with the command that numbers the draft again.  Released
    versions are left alone: their numbers are history.  Exact repeats are
    :func:`unique_numbers`' to report."""
    fix = "`redraft guideline renumber` numbers the draft in outline order"
    for version in result.kb.versions:
        folder = f"guidelines/{version.id}/"
        if version.status != "draft" or any(
            p.severity == "error" and p.path.startswith(folder) for p in result.problems
        ):
            continue  # a guideline that did not load would read as a gap: its error says enough
        previous: tuple[int, int] | None = None
        previous_number = ""
        for guideline in version.guidelines:
            key = _number_key(guideline.number)
            if key is None:
                continue
            where = _at(guideline, "number")
            if previous is None:
                if key[0] != 1:
                    yield warning(
                        where,
                        f"the first guideline is numbered '{guideline.number}', not '1'; {fix}",
                    )
            elif key < previous:
                yield warning(
                    where,
                    f"number '{guideline.number}' comes after '{previous_number}' in the "
                    f"outline: numbers are out of order; {fix}",
                )
            elif key[0] > previous[0] + 1 or (key[0] == previous[0] + 1 and key[1] > 0):
                yield warning(
                    where,
                    f"number '{guideline.number}' follows '{previous_number}': the numbers in "
                    f"between are missing; {fix}",
                )
            if key == previous:  # a repeat, an error of its own: it holds the next number's place
                previous = (key[0] + 1, 0) if key[1] == 0 else (key[0], key[1] + 1)
            else:
                previous, previous_number = key, guideline.number


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
            f"{what} of version '{files.version_id}': a released version must not change; "
            + how_to_restore(files.version_id, f"{folder}/{path}", what, tagged=False),
        )


# -- comments -------------------------------------------------------------------------------


def calls(result: LoadResult) -> Iterator[Problem]:
    kb = result.kb
    for call in kb.calls:
        version = kb.version(call.version)
        if call.version == DRAFT:
            yield error(
                call.source,
                f"call '{call.id}' is about the working draft, which keeps changing: a call "
                "invites comments on a released version (release the draft, then call for "
                "comments on it)",
            )
        elif version is None:
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
    wordings = _Wordings(kb)
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
                yield from disposition(kb, comment, call.version, wordings)


def comment_target(kb: KnowledgeBase, comment: Comment, version_id: str) -> Iterator[Problem]:
    version = kb.version(version_id)
    if version is None:
        return
    if comment.guideline is None:
        yield from _general_target(version, comment)
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
    own = anchors.Target(version_id, guideline.id, comment.paragraph, comment.quote)
    in_translation = anchors.quoted_in_translation(kb, own, comment.language)
    yield from _target_text(
        guideline,
        comment.paragraph,
        comment.quote if in_translation is None else None,
        comment.source,
        f"comment '{comment.id}'",
        version_id,
        _looked_in(guideline, comment.language),
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


def _looked_in(guideline: Guideline, language: str) -> str:
    """Where a reply's quote was looked for, when its language is not the original's: the
    original and the translation into the reply's language (or that there is none)."""
    original = guideline.text
    if language == original.language:
        return ""
    files = f"{original.source.path} ({english_name(original.language)})"
    translated = guideline.translations.get(language)
    if translated is None:
        return (
            f" (looked in {files}; there is no {english_name(language)} translation of it, "
            "the language of the reply)"
        )
    return f" (looked in {files} and {translated.source.path} ({english_name(language)}))"


def _general_target(version: Version, comment: Comment) -> Iterator[Problem]:
    """A comment on a part, the introduction or the whole document: what it names exists in
    the version commented on, and a quote from the introduction is in it (in the original or
    in the translation into the reply's language)."""
    who = f"comment '{comment.id}'"
    if comment.part is not None and version.part(comment.part) is None:
        known = ", ".join(p.id for p in version.parts)
        yield error(
            comment.source,
            f"{who}: part '{comment.part}' is not in version '{version.id}', the version the "
            f"call was about (it has {known})",
        )
    if comment.quote is not None:
        texts = {version.language: version.introduction}
        translated = version.translated_introductions.get(comment.language)
        if translated is not None:
            texts[comment.language] = translated
        if not any(contains_quote(text, comment.quote) for text in texts.values()):
            folder = f"guidelines/{version.id}"
            files = " and ".join(
                f"{folder}/outline{'' if lang == version.language else '.' + lang}.yml "
                f"({english_name(lang)})"
                for lang in texts
            )
            yield error(
                comment.source,
                f'{who}: the quoted words "{comment.quote[:80]}" are not in the introduction '
                f"of version '{version.id}' (looked in {files})",
            )
    for retarget in comment.retargets:
        yield error(
            retarget.source,
            f"retarget: {who} is about the {comment.scope}, not a guideline: there is no "
            "passage to retarget",
        )


def _target_text(
    guideline: Guideline,
    paragraph_id: str | None,
    quote: str | None,
    where: object,
    who: str,
    version_id: str,
    looked_in: str = "",
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
            f"of version '{version_id}'{looked_in}",
        )


def disposition(
    kb: KnowledgeBase, comment: Comment, version_id: str, wordings: _Wordings | None = None
) -> Iterator[Problem]:
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
        yield from _accepted_but_unchanged(kb, comment, wordings or _Wordings(kb))


class _Wordings:
    """Every wording an anchor can report in a version, whitespace-normalized: each paragraph,
    each guideline's title and each whole guideline (:func:`anchors.guideline_wording`).

    Following a passage into a later version costs a diff or more; an accepted comment is
    reported only when its passage reads word for word as one of these, which is rare.  Asking
    this set first skips the anchoring for almost every comment, with the same result."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._by_version: dict[str, frozenset[str]] = {}

    def has(self, version_id: str, wording: str) -> bool:
        found = self._by_version.get(version_id)
        if found is None:
            found = self._by_version[version_id] = self._collect(version_id)
        return _words(wording) in found

    def _collect(self, version_id: str) -> frozenset[str]:
        version = self._kb.version(version_id)
        if version is None:
            return frozenset()
        texts: set[str] = set()
        for guideline in version.guidelines:
            texts.add(_words(guideline.title))
            texts.add(_words(anchors.guideline_wording(guideline)))
            texts.update(_words(p.text) for p in guideline.text.all_paragraphs)
        return frozenset(texts)


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> str:
    """The comparison :func:`_accepted_but_unchanged` makes: words, whatever the whitespace.

    Remembered (for the last 65,536 texts): an unchanged paragraph is the same words in every
    version, each collected once per version."""
    if is_single_spaced(text):  # most texts (paragraphs are normalized when loaded): as is
        return text
    # A whole guideline is its single-spaced paragraphs a blank line apart: taken paragraph by
    # paragraph, it is not split into words and joined again (a blank line is whitespace, so
    # the words are the same).
    return " ".join(
        filter(
            None,
            (c if is_single_spaced(c) else " ".join(c.split()) for c in text.split("\n\n")),
        )
    )


def _accepted_but_unchanged(
    kb: KnowledgeBase, comment: Comment, wordings: _Wordings
) -> Iterator[Problem]:
    """An accepted comment whose passage reads the same in the version said to address it.

    The passage is followed where :mod:`redraft.comments.anchors` finds it: in place, moved verbatim
    within its guideline, or where an editor's retarget record put it.  "Reads the same" means
    the paragraph holding it (the whole guideline for a comment on the guideline) is word for
    word what it was.  A guideline merged into another or deleted changed structurally: silent.
    """
    own = anchors.comment_target(kb, comment)
    passage = anchors.resolve(kb, own) if own is not None else None
    if passage is None or not wordings.has(comment.addressed_in or "", passage.wording):
        return  # nothing in the later version reads as the passage did: it changed
    anchor = anchors.anchor_in(kb, comment, comment.addressed_in or "", detail=False)
    if anchor is None or anchor.place is None or anchor.wording is None:
        return
    if anchor.state not in ("anchored", "moved"):
        return
    if anchor.retarget is None and anchor.place.guideline != comment.guideline:
        return  # merged or split away: the change is structural
    if _words(passage.wording) != _words(anchor.wording):
        return
    followed = anchor.state == "moved" or anchor.retarget is not None
    now = f" (now {anchor.place.describe()})" if followed else ""
    yield warning(
        comment.source,
        f"comment '{comment.id}' is accepted, but the passage it is about reads the same in "
        f"'{comment.addressed_in}'{now}, the version said to address it",
    )


# -- paragraph anchors ----------------------------------------------------------------------


def relettered_without_ids(result: LoadResult) -> Iterator[Problem]:
    """A labelled paragraph relettered by an insertion or deletion without an explicit ``{#id}``.

    Paragraphs are paired across versions by their anchors, and a label gives the anchor unless
    an ``{#id}`` overrides it.  When a paragraph is inserted before (c) and the old (c) becomes
    (d) without ``{#c}``, the new (c) is redlined against the unrelated old (c) and comments on
    the old (c) follow the wrong text.  Between consecutive versions, a paragraph whose anchor
    comes from its label is reported when another paragraph of the older version reads more
    like it than the one its anchor pairs it with, and also more like it than like the paragraph
    of the newer version that now has that other paragraph's anchor: the old (b) matches the new
    (c) better than the new (b).  Reported at the paragraph, in the newer version, and only
    where that version may still be edited (the working draft, or a version not yet released):
    a released text cannot take the ``{#id}`` any more.
    """
    kb = result.kb
    for older, newer in pairwise(kb.versions):
        if newer.status != "draft":
            continue
        for guideline in newer.guidelines:
            before = older.guideline(guideline.id)
            if before is not None:
                yield from _relettered(older, before, guideline)


def _relettered(older: Version, before: Guideline, after: Guideline) -> Iterator[Problem]:
    old_by_id = {p.id: p for p in before.text.paragraphs}
    new_by_id = {p.id: p for p in after.text.paragraphs}
    for paragraph in after.text.paragraphs:
        if not paragraph.label or paragraph.id != label_anchor(paragraph.label):
            continue  # an explicit id says which paragraph it is
        paired = old_by_id.get(paragraph.id)
        if paired is None or paired.text == paragraph.text:
            continue
        kept: float | None = None  # measured only once another paragraph may read closer
        for other in before.text.paragraphs:
            if other is paired or not similar_enough(other.text, paragraph.text):
                continue
            if kept is None:
                kept = similarity(paired.text, paragraph.text)
            likeness = similarity(other.text, paragraph.text)
            holder = new_by_id.get(other.id)
            if likeness <= kept or (
                holder is not None and similarity(other.text, holder.text) >= likeness
            ):
                continue
            yield warning(
                paragraph.source,
                f"paragraph {paragraph.label} of '{after.id}' reads like paragraph "
                f"{other.label} of version '{older.id}', but its label pairs it with the old "
                f"{paired.label}: an insertion or deletion relettered it. Add "
                f"{{#{other.id}}} at its end to keep its anchor, and give an inserted paragraph "
                "an id of its own (see 'anchors' in docs/format.md)",
            )
            break


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


def outline_drift(result: LoadResult) -> Iterator[Problem]:
    """An outline translation (title, introduction, part titles) that did not follow its
    original, as :func:`translation_drift` for guidelines; reported on the translated outline."""
    for found in translations.outline_drift(result.kb):
        reasons = []
        if found.original_only:
            names = ", ".join(found.original_only)
            reasons.append(f"{names} changed in the original since '{found.since}' but not here")
        if found.translation_only:
            names = ", ".join(found.translation_only)
            reasons.append(f"{names} changed here since '{found.since}' but not in the original")
        yield warning(
            Source(f"guidelines/{found.version}/outline.{found.language}.yml", 1),
            f"the {english_name(found.language)} outline of '{found.version}' is outdated: "
            + "; ".join(reasons),
        )


# -- guideline Markdown ------------------------------------------------------------------------


def guideline_markdown(result: LoadResult) -> Iterator[Problem]:
    """Every Markdown text the site renders (paragraphs, notes, footnotes, introductions, in
    every language) must render as written and in bounded time (:mod:`redraft.checks.markdown`)."""
    # An unchanged paragraph is the same text in every version: weigh each text once.
    costs: dict[str, markdown.TextCost] = {}
    for version in result.kb.versions:
        for language, texts in _markdown_texts(version).items():
            name = f"version '{version.id}' ({english_name(language) if language else 'original'})"
            scan_left = markdown.MAX_LINK_SCAN_PER_VERSION
            markup_left = markdown.MAX_MARKUP_PER_VERSION
            for source, text in texts:
                cost = costs.get(text)
                if cost is None:
                    cost = costs[text] = markdown.text_cost(text)
                yield from (error(source, message) for message in cost.refused)
                if cost.refused:
                    continue
                for link in cost.runaway:
                    yield error(source, markdown.runaway_message(link))
                scan_left -= cost.link_scan
                markup_left -= cost.markup
                if scan_left < 0:
                    yield error(
                        source,
                        f"the brackets of {name} make its page too costly to render (links read "
                        f"more than {markdown.MAX_LINK_SCAN_PER_VERSION} characters in all, the "
                        "limit, by this paragraph); close each '[' with ']' or write \\[",
                    )
                    break
                if markup_left < 0:
                    yield error(
                        source,
                        f"{name} has more than {markdown.MAX_MARKUP_PER_VERSION} characters of "
                        "markup (< & * _ ` \\) by this paragraph, the limit for a page that "
                        "renders in bounded time",
                    )
                    break


def _markdown_texts(version: Version) -> dict[str, list[tuple[Source, str]]]:
    """Language → the version's Markdown texts in that language, each with where it is."""
    texts: dict[str, list[tuple[Source, str]]] = {}
    if version.introduction:
        texts.setdefault("", []).append((version.source, version.introduction))
    for language, introduction in version.translated_introductions.items():
        texts.setdefault(language, []).append((version.source, introduction))
    for guideline in version.guidelines:
        for language, words in [("", guideline.text), *guideline.translations.items()]:
            for paragraph in (*words.paragraphs, *words.note):
                texts.setdefault(language, []).append((paragraph.source, paragraph.text))
            for footnote in words.footnotes:  # rendered at the page's foot, under the same rules
                texts.setdefault(language, []).append((footnote.source, footnote.text))
    return texts


RULES: tuple[Rule, ...] = (
    version_dates,
    unique_numbers,
    numbering,
    lineage,
    released_unchanged,
    calls,
    submissions,
    relettered_without_ids,
    translation_drift,
    outline_drift,
    guideline_markdown,
    records.meetings,
    records.references,
    records.citations,
)


def check_loaded(result: LoadResult, extra: Iterable[Problem] = ()) -> list[Problem]:
    """Every problem: those met while loading, then the cross-file rules (and ``extra``, found
    outside the model, e.g. in git); sorted, deduplicated."""
    found = set(result.problems)
    found.update(extra)
    for rule in RULES:
        found.update(rule(result))
    return sorted(found, key=lambda p: (p.path, p.line, p.message))


def check(
    root: Path | str, *, parse_cache: bool = False, report: Callable[[str], None] | None = None
) -> list[Problem]:
    """Every problem of the knowledge base at ``root``, with what git's release tags prove and
    what the site would publish of ``mkdocs.yml`` and the hand-written pages.

    ``parse_cache``: reuse and keep the parsed texts in ``build/cache`` (``redraft check`` does;
    the answer is the same without).  The cache is kept only when no error is found: a check of
    bad input changes nothing on disk.  ``report`` is told what is being done, for a progress
    display."""
    # The collector stays paused until the model is gone (:mod:`redraft.kb.collector`): resumed
    # while the model is alive, its first collection would traverse all of it, for nothing.
    with collector_paused():
        return _check(root, parse_cache, report or _silent)


def _silent(what: str) -> None:
    pass


def _check(root: Path | str, parse_cache: bool, report: Callable[[str], None]) -> list[Problem]:
    if not parse_cache:
        result = load(root, report=report)
        report("checking the rules")
        return check_loaded(result, beyond_the_model(root, result))
    result, cache = load_with_parse_cache(root, report)
    report("checking the rules")
    problems = check_loaded(result, beyond_the_model(root, result))
    if not any(problem.severity == "error" for problem in problems):
        cache.keep()
    return problems


def beyond_the_model(root: Path | str, result: LoadResult) -> list[Problem]:
    """What the knowledge base's files alone cannot tell, read through :mod:`redraft.kb`:
    released folders against their git release tags, the site's ``mkdocs.yml`` and hand-written
    pages, and the journal of a release that was killed midway."""
    tagged = release_tag_contents(root, [files.version_id for files in result.version_files])
    site = read_site_inputs(FileSource(Path(root)))
    interrupted = interrupted_release(Path(root))
    return [*release_tags_unchanged(result, tagged), *site.problems, *interrupted]


class _Where:
    def __init__(self, path: str, line: int) -> None:
        self.path = path
        self.line = line


def _at(guideline: Guideline, field_name: str) -> _Where:
    return _Where(guideline.source.path, guideline.line_of(field_name))
