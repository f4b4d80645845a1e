"""``/translations/`` and ``/translations/<version>/``: where each translation stands.

What a translation service reviewing a new draft asks first: which guidelines must be translated
(missing), which translations no longer match the original (outdated, with the passages to look
at and a link to the original's redline), and which are up to date.  One table per version,
guidelines down, languages across; the statuses come from :mod:`redraft.redline.drift`, the same
ones ``redraft check`` warns about.  Main tree only: the page serves the secretariat and its
translators, who work from the original.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from redraft.kb.model import Guideline, Version, english_name
from redraft.redline.drift import TranslationStatus, languages_of, passage_names, version_status
from redraft.site import pagination, urls
from redraft.site.blocks import breadcrumbs, internal_banner, table
from redraft.site.context import Context
from redraft.site.page import Page
from redraft.site.text import inline, md_link
from redraft.site.versions import version_name

STATE_WORDS = {
    "up-to-date": "up to date",
    "outdated": "outdated",
    "missing": "missing",
}


def pages(ctx: Context) -> Iterator[Page]:
    if len(languages_of(ctx.kb)) < 2:
        return
    yield index_page(ctx)
    for version in ctx.kb.versions:
        yield version_page(ctx, version)


def index_page(ctx: Context) -> Page:
    path = urls.TRANSLATIONS
    languages = languages_of(ctx.kb)[1:]
    rows = []
    for version in reversed(ctx.kb.versions):
        counts = _counts(version_status(ctx.kb, version))
        cells = [
            ", ".join(
                f"{counts[(lang, state)]} {word}"
                for state, word in STATE_WORDS.items()
                if counts[(lang, state)]
            )
            for lang in languages
        ]
        link = md_link(
            inline(version_name(ctx, version)), urls.link(path, urls.translations(version.id))
        )
        rows.append([link, *map(inline, cells)])
    out = [
        internal_banner(ctx),
        "# Translations\n",
        "Where each guideline's translation stands in each version. A translation is "
        "*outdated* when, since the previous version, a passage changed in the original but "
        "not in the translation, or the other way round; *missing* when the version has no "
        "text in that language. `redraft check` reports every outdated translation.\n",
        table(["Version", *(inline(english_name(lang)) for lang in languages)], rows),
    ]
    return Page(path, "Translations", "\n".join(out))


def version_page(ctx: Context, version: Version) -> Page:
    path = urls.translations(version.id)
    name = version_name(ctx, version)
    statuses = version_status(ctx.kb, version)
    languages = languages_of(ctx.kb)[1:]
    by_guideline: dict[str, dict[str, TranslationStatus]] = {}
    for status in statuses:
        by_guideline.setdefault(status.guideline, {})[status.language] = status
    rows = []
    for guideline in version.guidelines:
        title = f"{guideline.number}. {guideline.title}"
        link = md_link(
            inline(title), urls.link(path, urls.version_guideline(version.id, guideline.id))
        )
        cells = [
            _cell(ctx, path, version, guideline, by_guideline[guideline.id][lang])
            for lang in languages
        ]
        rows.append([link, *cells])
    counts = _counts(statuses)
    summary = []
    for lang in languages:
        parts = [
            f"{counts[(lang, state)]} {word}"
            for state, word in STATE_WORDS.items()
            if counts[(lang, state)]
        ]
        summary.append(f"- **{inline(english_name(lang))}**: {inline(', '.join(parts))}")
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [("Translations", urls.TRANSLATIONS), (name, None)]),
        f"# Translations of the {inline(name)}\n",
        f"Original language: {inline(english_name(version.language))}. "
        + md_link("The version", urls.link(path, urls.version(version.id)))
        + ".\n",
        "\n".join(summary) + "\n",
        table(["Guideline", *(inline(english_name(lang)) for lang in languages)], rows),
    ]
    return Page(path, f"Translations: {name}", "\n".join(out))


def _counts(statuses: Iterable[TranslationStatus]) -> Counter[tuple[str, str]]:
    return Counter((s.language, str(s.state)) for s in statuses)


def _cell(
    ctx: Context, path: str, version: Version, guideline: Guideline, status: TranslationStatus
) -> str:
    """The state in words (never colour alone), linked to what a translator needs next."""
    word = STATE_WORDS.get(status.state, status.state)
    badge = f'<span class="redraft-translation redraft-translation--{status.state}">{word}</span>'
    tree = next((t for t in ctx.trees if t.language == status.language), None)
    if status.state == "missing" or tree is None:
        return badge
    target = ctx.cross(path, tree, urls.version_guideline(version.id, guideline.id))
    cell = f"[{badge}]({target})"
    if status.state != "outdated" or status.since is None:
        return cell
    details = []
    translation = guideline.translations[status.language]
    if status.original_only:
        names = passage_names(guideline.text, status.original_only)
        where, anchor = pagination.location(ctx, status.since, version.id, guideline.id)
        compare = urls.link(path, where, anchor)
        details.append(f"original changed: {md_link(inline(names), compare)}")
    if status.translation_only:
        names = passage_names(translation, status.translation_only)
        details.append(f"only the translation changed: {inline(names)}")
    return f"{cell} ({'; '.join(details)})"
