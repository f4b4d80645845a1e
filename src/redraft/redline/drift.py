"""Where each translation stands against its original: up to date, outdated or missing.

A translation *drifts* when, between two consecutive versions, a guideline's text changed in one
language and not in another: the English paragraph (b) was reworded and the French (b) was not, or
the French was edited while the English stayed as it was.  Both are the same defect seen from two
sides, and both are found the same way, paragraph by paragraph (and for the title), by asking of
each passage whether it changed in the original and whether it changed in the translation.

The guideline compared with is the one of the same id in the previous version, or the one it
``replaces``.  A guideline formed by a merger or a split, or a translation that is new in this
version, has nothing to drift from: its translation was made for this version and counts as up to
date.  Pure functions over the model; the check and the site read the same statuses.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from redraft.kb.model import Guideline, GuidelineText, KnowledgeBase, Version, language_order

TranslationState = Literal["original", "up-to-date", "outdated", "missing"]

TITLE = "title"
"""The passage name of a guideline's title in :attr:`TranslationStatus.original_only` etc."""


@dataclass(frozen=True)
class TranslationStatus:
    """One guideline, one language, one version."""

    version: str
    guideline: str
    language: str
    state: TranslationState
    since: str | None = None
    """The version compared with, when the state comes from a comparison."""
    original_only: tuple[str, ...] = ()
    """Passages (paragraph ids, or ``title``) changed in the original but not in the translation."""
    translation_only: tuple[str, ...] = ()
    """Passages changed in the translation but not in the original."""

    @property
    def drifted(self) -> bool:
        return self.state == "outdated"


def languages_of(kb: KnowledgeBase) -> tuple[str, ...]:
    """The languages the knowledge base publishes in: the original's first, then those
    ``redraft.yml`` lists, else every language some version is translated into."""
    original = kb.versions[-1].language if kb.versions else None
    listed = kb.settings.languages or tuple(
        lang for version in kb.versions for lang in version.languages
    )
    rest = sorted({lang for lang in listed if lang != original}, key=language_order)
    return (original, *rest) if original else tuple(rest)


def version_status(kb: KnowledgeBase, version: Version) -> tuple[TranslationStatus, ...]:
    """The status of every guideline of ``version`` in every language of the knowledge base,
    guideline by guideline in document order, languages in :func:`languages_of` order."""
    index = kb.version_index(version.id)
    previous = kb.versions[index - 1] if index else None
    languages = languages_of(kb)
    found = []
    for guideline in version.guidelines:
        before = _counterpart(previous, guideline)
        for language in languages:
            found.append(_status(version, guideline, previous, before, language))
    return tuple(found)


def drift(kb: KnowledgeBase) -> Iterator[tuple[Guideline, TranslationStatus]]:
    """Every outdated translation in every version, with the guideline it belongs to."""
    for version in kb.versions:
        if len(version.languages) == 1:
            continue  # nothing translated in this version: missing, never outdated
        for status in version_status(kb, version):
            if status.drifted:
                guideline = version.guideline(status.guideline)
                assert guideline is not None
                yield guideline, status


@dataclass(frozen=True)
class OutlineDrift:
    """A version's outline translation whose title, introduction or part titles did not follow
    the original since the previous version (or changed where the original did not)."""

    version: str
    language: str
    since: str
    original_only: tuple[str, ...]
    """``title``, ``introduction`` or ``part <id>``: changed in the original, not here."""
    translation_only: tuple[str, ...]


def outline_drift(kb: KnowledgeBase) -> Iterator[OutlineDrift]:
    """The outlines' own texts (title, introduction, part titles) drift as guidelines do:
    compared passage by passage with the previous version, in both directions.  A language the
    previous outline was not translated into has nothing to drift from."""
    for previous, version in zip(kb.versions, kb.versions[1:], strict=False):
        for language in _outline_languages(version):
            if language not in _outline_languages(previous):
                continue
            original = _outline_passages(previous, version, version.language)
            translated = _outline_passages(previous, version, language)
            original_changed = {name for name, (old, new) in original.items() if old != new}
            translation_changed = {name for name, (old, new) in translated.items() if old != new}
            comparable = original.keys() & translated.keys()
            original_only = sorted((original_changed - translation_changed) & comparable)
            translation_only = sorted((translation_changed - original_changed) & comparable)
            if original_only or translation_only:
                yield OutlineDrift(
                    version.id, language, previous.id, tuple(original_only), tuple(translation_only)
                )


def _outline_languages(version: Version) -> set[str]:
    found = set(version.translated_titles) | set(version.translated_introductions)
    for part in version.parts:
        found |= set(part.titles)
    return found


def _outline_passages(
    previous: Version, version: Version, language: str
) -> dict[str, tuple[str | None, str | None]]:
    """Each outline passage's text in ``language`` before and now; a passage either version
    does not translate into ``language`` is left out (a missing translation is not drift)."""

    def title(v: Version) -> str | None:
        return v.title if language == v.language else v.translated_titles.get(language)

    def introduction(v: Version) -> str | None:
        if language == v.language:
            return v.introduction
        return v.translated_introductions.get(language)

    def part_title(v: Version, part_id: str) -> str | None:
        part = v.part(part_id)
        if part is None:
            return None
        return part.title if language == v.language else part.titles.get(language)

    pairs = {
        "title": (title(previous), title(version)),
        "introduction": (introduction(previous), introduction(version)),
    }
    for part in version.parts:
        pairs[f"part {part.id}"] = (part_title(previous, part.id), part_title(version, part.id))
    return {
        name: (" ".join(old.split()), " ".join(new.split()))
        for name, (old, new) in pairs.items()
        if old is not None and new is not None
    }


def _counterpart(previous: Version | None, guideline: Guideline) -> Guideline | None:
    if previous is None:
        return None
    same = previous.guideline(guideline.id)
    if same is not None:
        return same
    if guideline.replaces:
        return previous.guideline(guideline.replaces)
    return None


def _status(
    version: Version,
    guideline: Guideline,
    previous: Version | None,
    before: Guideline | None,
    language: str,
) -> TranslationStatus:
    where = (version.id, guideline.id, language)
    if language == guideline.text.language:
        return TranslationStatus(*where, "original")
    now = guideline.translations.get(language)
    if now is None:
        return TranslationStatus(*where, "missing")
    then = before.translations.get(language) if before is not None else None
    if before is None or then is None or previous is None:
        return TranslationStatus(*where, "up-to-date")
    original_changed = _changed_passages(before.text, guideline.text)
    translation_changed = _changed_passages(then, now)
    original_only = _ordered(original_changed - translation_changed, guideline.text)
    translation_only = _ordered(translation_changed - original_changed, now)
    state: TranslationState = "outdated" if original_only or translation_only else "up-to-date"
    return TranslationStatus(*where, state, previous.id, original_only, translation_only)


def _changed_passages(old: GuidelineText, new: GuidelineText) -> set[str]:
    """Paragraph ids (and ``title``) whose words differ between two texts of one language.

    Texts are compared as loaded, whitespace already collapsed, so re-wrapping is no change; a
    paragraph present on one side only counts as changed.
    """
    changed = {TITLE} if old.title != new.title else set()
    before = {p.id: p.text for p in old.all_paragraphs}
    after = {p.id: p.text for p in new.all_paragraphs}
    for paragraph_id in before.keys() | after.keys():
        if before.get(paragraph_id) != after.get(paragraph_id):
            changed.add(paragraph_id)
    return changed


def _ordered(passages: set[str], text: GuidelineText) -> tuple[str, ...]:
    order = [TITLE, *(p.id for p in text.all_paragraphs)]
    known = [p for p in order if p in passages]
    return (*known, *sorted(passages - set(known)))


def passage_names(text: GuidelineText, passages: Sequence[str]) -> str:
    """``title, (b), (c)``: how an editor names the passages, by their printed labels."""
    labels = {p.id: p.label for p in text.all_paragraphs}
    return ", ".join(labels.get(p) or p for p in passages)
