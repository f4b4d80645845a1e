"""The model → every file of every language tree, in memory.  No file is read or written here.

A build is a set of trees: the main tree in the draft's original language at the site root, and
one tree per language the guidelines are translated into, under ``/<language>/``.  Each tree is a
folder with its own ``mkdocs.yml`` and ``docs/``, built as its own MkDocs project (HTML allows
one language per document, and Material's interface language and text direction are per
project); ``extra.alternate`` links them.

Trust: a public build sees ``kb.without_restricted()`` and nothing else, so a restricted reply
cannot reach a page, a title, the search index, the sitemap, a statistic or a comparison by any
path.  An internal build sees everything and says so on every page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from importlib import resources
from typing import Any

from redraft.kb.model import KnowledgeBase
from redraft.redline.drift import languages_of
from redraft.redline.textdiff import forget_tokens
from redraft.site import (
    blocks,
    comments,
    compare,
    concordance,
    guidelines,
    home,
    meetings,
    parties,
    reads,
    redlines,
    stats,
    text,
    translation_status,
    urls,
    versions,
)
from redraft.site.collector import fewer_collections
from redraft.site.config import CONFIG_NAME, dump, tree_config
from redraft.site.context import Context, Facts, Provenance, TreeInfo
from redraft.site.documents import DocumentMaker, offered
from redraft.site.labels import Labels
from redraft.site.page import Page
from redraft.site.reads import GenerationRecord, GroupRecord, PageGroup
from redraft.site.writer import file_hash

MAIN_FOLDER = "main"
RESERVED = (
    "index.md",
    "versions/",
    "guidelines/",
    "compare/",
    "concordance/",
    "parties/",
    "comments/",
    "meetings/",
    "references/",
    "stats/",
    "translations/",
    f"{urls.ASSETS}/",
)
"""Paths of the generated pages; a hand-written page may not take one."""

FRONT_PAGES = ("about.md", "how-to-comment.md")
"""Hand-written pages listed first under "About", in this order; the rest follow by name."""

PageFamily = Callable[[Context], Iterable[Page | PageGroup]]
MAIN_FAMILIES: tuple[PageFamily, ...] = (
    home.pages,
    versions.pages,
    guidelines.pages,
    compare.pages,
    concordance.pages,
    parties.pages,
    comments.pages,
    meetings.pages,
    stats.pages,
    translation_status.pages,
)
TRANSLATED_FAMILIES: tuple[PageFamily, ...] = (
    home.translated_pages,
    versions.pages,
    guidelines.pages,
    compare.pages,
    parties.pages,
    comments.pages,
    meetings.translated_pages,
    stats.pages,
)


class PageConflict(ValueError):
    """A hand-written page sits where a generated page must go."""


@dataclass(frozen=True)
class SiteFiles:
    """Everything one build writes into its pages folder, by path relative to that folder."""

    files: Mapping[str, bytes]
    trees: tuple[TreeInfo, ...]
    page_count: int
    folders: Mapping[str, str] = field(default_factory=dict)
    """Tree language → its folder relative to the pages folder."""
    epoch: int = 0
    """The latest date the knowledge base knows, as Unix time: the build date MkDocs writes
    (sitemap ``lastmod``) so that the same inputs give the same site on any day."""
    record: GenerationRecord | None = None
    """What this generation read and made, for the next one (:mod:`.reads`); None unless it
    was given a :class:`Reuse`."""
    kept: int = 0
    """Pages left as the last generation made them, not generated again."""


@dataclass(frozen=True)
class Reuse:
    """Leave the last generation's files of a group of pages as they are when nothing they were
    made from changed (:mod:`.reads`).  ``previous`` is its record (None: generate every page,
    and record); ``stamp(path)`` says how the file is in the pages folder (None if it is not),
    compared with how the last generation left it; ``keep(path, digest)`` counts it as
    generated again, with that hash; ``digest(path)`` is the hash of a file just put (the
    writer's, so that no page is hashed twice)."""

    previous: GenerationRecord | None
    stamp: Callable[[str], str | None]
    keep: Callable[[str, str], None]
    digest: Callable[[str], str]


def tree_folder(tree: TreeInfo) -> str:
    return MAIN_FOLDER if tree.is_main else tree.language


def language_trees(kb: KnowledgeBase) -> tuple[TreeInfo, ...]:
    """The main tree first, then one tree per language any version is translated into."""
    main_language = kb.latest.language if kb.latest else "en"
    languages: dict[str, None] = {}
    for version in kb.versions:
        for language in version.languages:
            if language != main_language:
                languages[language] = None
    ordered = sorted(languages, key=_language_key)
    return (
        TreeInfo(main_language, ""),
        *(TreeInfo(lang, f"{urls.segment(lang)}/") for lang in ordered),
    )


def _language_key(language: str) -> tuple[int, str]:
    from redraft.kb.model import UN_LANGUAGES

    return (UN_LANGUAGES.index(language) if language in UN_LANGUAGES else 99, language)


def generate_site(
    kb: KnowledgeBase,
    *,
    base_config: Mapping[str, Any],
    handwritten: Mapping[str, bytes],
    site_dir: Callable[[str], str],
    internal: bool = False,
    provenance: Provenance | None = None,
    documents: DocumentMaker | None = None,
    languages: Collection[str] | None = None,
    sink: Callable[[str, bytes], None] | None = None,
    reuse: Reuse | None = None,
) -> SiteFiles:
    """Every file of every tree, or of the trees of ``languages`` only.

    ``kb`` is the whole knowledge base; a public build (``internal`` False) drops restricted
    submissions here, before anything else sees it.  ``handwritten`` are the pages of the
    editor's ``docs/`` folder (path → bytes).  ``site_dir(folder)`` gives the output folder of
    the tree in ``folder`` as the tree's configuration should name it.  ``provenance`` is what
    git says about the draft, read by the caller (generation reads nothing).  ``documents``
    makes the Word and Excel files the pages offer (:mod:`.documents`); without it, none are.

    ``languages`` (tree languages, :func:`selected_trees`) leaves the other trees out: each tree
    generated is the same, file for file, as in a whole build (its links to the other trees and
    its language switcher included), so trees generated apart can be put together.

    ``sink(path, data)``, when given, receives each file as soon as it is made, and the result's
    ``files`` is empty: a build writes the files one by one instead of holding them all (over a
    gigabyte at scale L).  Everything refused (a page conflict, an unknown language) is refused
    before the first file reaches it.

    ``reuse`` (with a ``sink``) records which guideline texts each group of pages read, and
    leaves a group's files as the last generation made them when none of those texts, and
    nothing else the pages are made from, changed (:mod:`.reads`); the output is the same,
    file for file, as a generation of every page.
    """
    try:
        return _generate_site(
            kb,
            base_config=base_config,
            handwritten=handwritten,
            site_dir=site_dir,
            internal=internal,
            provenance=provenance,
            documents=documents,
            languages=languages,
            sink=sink,
            reuse=reuse if sink is not None else None,
        )
    finally:
        forget_remembered()


REMEMBERED = (text.inline, text.verbatim_block, blocks.local_date, redlines.row_inline)
"""Pure functions whose answers generation remembers (the same texts on every page of every
tree); forgotten when it ends, so that they hold nothing while MkDocs runs."""


def forget_remembered() -> None:
    for function in REMEMBERED:
        function.cache_clear()
    forget_tokens()


def _generate_site(
    kb: KnowledgeBase,
    *,
    base_config: Mapping[str, Any],
    handwritten: Mapping[str, bytes],
    site_dir: Callable[[str], str],
    internal: bool,
    provenance: Provenance | None,
    documents: DocumentMaker | None,
    languages: Collection[str] | None,
    sink: Callable[[str, bytes], None] | None,
    reuse: Reuse | None,
) -> SiteFiles:
    visible = kb if internal else kb.without_restricted()
    _refuse_conflicts(handwritten)
    trees = language_trees(visible)
    chosen = selected_trees(trees, languages)
    provenance = provenance or Provenance(off="not asked for")
    files: dict[str, bytes] = {}
    put = files.__setitem__ if sink is None else sink
    downloads = frozenset(offered(visible, internal=internal)) if documents else frozenset()
    record = None
    model = visible
    if reuse is not None:
        record = GenerationRecord(
            reads.skeleton_digest(
                visible,
                base_config,
                sorted((path, file_hash(data)) for path, data in handwritten.items()),
                [(tree_folder(tree), site_dir(tree_folder(tree))) for tree in chosen],
                trees,
                internal,
                # Why there is no history is told to the editor and shown on no page; outside
                # git it names the folder, and a copy elsewhere would generate every page again.
                replace(provenance, off=None),
                sorted(repr(request) for request in downloads),
            ),
            reads.text_digests(visible),
        )
        model = reads.tracked(visible)
    facts = Facts(model, provenance)
    if record is not None:
        facts.by_value = record.facts  # what each fact read by value was computed from
    if documents is not None and chosen[0].is_main:
        # From the whole model, as ``redraft export`` makes them: each request says whether
        # restricted submissions may enter (only an internal build's do), so the public
        # files hold exactly what the CLI's public export holds.
        main = tree_folder(trees[0])
        for request in sorted(downloads, key=lambda r: r.path):
            put(f"{main}/docs/{request.path}", documents(kb, request))
    folders: dict[str, str] = {}
    page_count = kept = 0
    with fewer_collections():
        for tree in chosen:
            folder = tree_folder(tree)
            folders[tree.language] = folder
            ctx = Context(model, tree, trees, Labels(tree.language), facts, internal, downloads)
            families = MAIN_FAMILIES if tree.is_main else TRANSLATED_FAMILIES
            seen: set[str] = set()
            compute = partial(facts.compute_by_value, ctx)
            for family in families:
                # What a family's own code reads (outside its groups: which groups it makes, and
                # what it hands them) counts as read by each of its groups.
                family_name = f"{folder}:{family.__module__}.{family.__name__}"
                trusted = bool(
                    reuse
                    and reuse.previous
                    and record
                    and reuse.previous.family_unchanged(family_name, record, compute)
                )
                with reads.reading(passed_on=False) as family_reads:
                    for item in family(ctx):
                        if isinstance(item, Page):
                            _put_page(put, folder, item, seen)
                            page_count += 1
                            continue
                        made, reused = _group(
                            item, folder, put, seen, reuse, record, trusted, compute
                        )
                        page_count += made
                        kept += reused
                if record is not None:
                    record.families[family_name] = tuple(sorted(family_reads))
            extra_pages = sorted(handwritten) if tree.is_main else []
            for path in extra_pages:
                data = handwritten[path]
                if path.endswith(".md") and is_editors_page(data):
                    data = _mark_editors(data)
                if internal and path.endswith(".md"):
                    data = _mark_internal(ctx, data)
                put(f"{folder}/docs/{path}", data)
            for name, data in _assets():
                put(f"{folder}/docs/{urls.ASSETS}/{name}", data)
            delegate_pages = [
                p for p in extra_pages if p.endswith(".md") and not is_editors_page(handwritten[p])
            ]
            nav = _nav(ctx, delegate_pages)
            config = tree_config(
                base_config,
                tree=tree,
                trees=trees,
                site_name=_site_name(visible, tree, base_config),
                site_dir=site_dir(folder),
                nav=nav,
                internal=internal,
            )
            put(f"{folder}/{CONFIG_NAME}", dump(config))
    return SiteFiles(files, chosen, page_count, folders, latest_epoch(visible), record, kept)


class UnknownLanguage(ValueError):
    """A language asked for that no tree of the site is in."""


def selected_trees(
    trees: tuple[TreeInfo, ...], languages: Collection[str] | None
) -> tuple[TreeInfo, ...]:
    """The trees of ``languages`` (all of them for None), in the site's order; a language the
    site has no tree in is refused, naming the trees there are."""
    if languages is None:
        return trees
    known = [tree.language for tree in trees]
    unknown = sorted(set(languages) - set(known))
    if unknown or not languages:
        asked = ", ".join(unknown) or "no language"
        raise UnknownLanguage(
            f"no language tree for {asked}: the site's trees are in {', '.join(known)}"
        )
    return tuple(tree for tree in trees if tree.language in languages)


def latest_epoch(kb: KnowledgeBase) -> int:
    dates = [v.date for v in kb.versions if v.date]
    dates += [c.date for c in kb.calls] + [c.deadline for c in kb.calls]
    dates += [s.received for s in kb.submissions]
    dates += [d for m in kb.meetings for d in (m.start, m.end, m.report.date) if d is not None]
    if not dates:
        return 0
    latest = max(dates)
    return int(dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC).timestamp())


def _site_name(kb: KnowledgeBase, tree: TreeInfo, base_config: Mapping[str, Any]) -> str:
    translated = kb.latest.translated_titles.get(tree.language) if kb.latest else None
    if not tree.is_main and translated:
        return translated
    return str(base_config.get("site_name") or kb.settings.title)


def _group(
    group: PageGroup,
    folder: str,
    put: Callable[[str, bytes], None],
    seen: set[str],
    reuse: Reuse | None,
    record: GenerationRecord | None,
    trusted: bool,
    compute: Callable[[str], None],
) -> tuple[int, int]:
    """Generate a group of pages, or keep the last generation's files of it (``trusted``:
    what its family's own code read is unchanged); how many pages, and how many kept."""
    name = f"{folder}:{group.name}"
    if record is not None and name in record.groups:
        raise AssertionError(f"two groups of pages named {name}")
    if reuse and reuse.previous and record is not None and trusted:
        last = reuse.previous.kept(name, record, compute)
        if last and all(reuse.stamp(path) == stamp for path, _, stamp in last.files):
            for path, digest, _ in last.files:
                _see(seen, path.split("/docs/", 1)[1])
                reuse.keep(path, digest)
            record.groups[name] = last
            return len(last.files), len(last.files)
    with reads.reading(passed_on=False) as frame:
        made = list(group.make())
    written = [_put_page(put, folder, page, seen) for page in made]
    if record is not None and reuse is not None:
        files = tuple((path, reuse.digest(path), reuse.stamp(path) or "") for path in written)
        read = tuple(sorted(frame))
        record.groups[name] = GroupRecord(read, files, reads.facts_among(read))
    return len(made), 0


def _see(seen: set[str], path: str) -> None:
    if path in seen:
        raise AssertionError(f"two generated pages at {path}")
    seen.add(path)


def _put_page(put: Callable[[str, bytes], None], folder: str, page: Page, seen: set[str]) -> str:
    """Hand one page to ``put``; its path in the pages folder."""
    _see(seen, page.path)
    path = f"{folder}/docs/{page.path}"
    put(path, page.markdown().encode("utf-8"))
    return path


def published_url(path: str) -> str | None:
    """Where MkDocs publishes the hand-written page ``path`` (clean URLs), or None for a file
    that is not a page.  ``translations.md`` and ``translations/index.md`` both become
    ``translations/``: comparing file names alone misses that they collide."""
    if not path.endswith(".md"):
        return None
    stem = path.removesuffix(".md")
    name = stem.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        folder = stem[: -len(name)]
        return folder
    return f"{stem}/"


def _refuse_conflicts(handwritten: Mapping[str, bytes]) -> None:
    for path in sorted(handwritten):
        url = published_url(path)
        for reserved in RESERVED:
            if reserved.endswith("/"):
                taken = path.startswith(reserved) or (
                    url is not None and (url == reserved or url.startswith(reserved))
                )
            else:
                taken = path == reserved or url == ""
            if taken:
                where = f"/{url}" if url is not None else f"/{path}"
                raise PageConflict(
                    f"docs/{path}:1: this page would be published at {where}, which belongs to "
                    "a page Redraft generates; rename the file"
                )


_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?\n)---\n", re.DOTALL)
_EDITORS = re.compile(r"^audience:[ \t]*editors[ \t]*$", re.MULTILINE)
EDITORS_NOTE = (
    '!!! info "Editors\' handbook"\n\n'
    "    This page is for the editors who keep the guidelines' files and for the engineers who "
    "maintain Redraft. It is not part of the record of the guidelines, and the site's search "
    "leaves it out.\n"
)


def is_editors_page(data: bytes) -> bool:
    """A hand-written page whose front matter says ``audience: editors``.

    The editors' handbook and the delegates' pages share ``docs/`` (the handbook's links and
    screenshots stay where they are); the front matter keeps the handbook out of the delegates'
    navigation and search."""
    match = _FRONT_MATTER.match(data.decode("utf-8", errors="replace"))
    return bool(match and _EDITORS.search(match.group("body")))


def _mark_editors(data: bytes) -> bytes:
    """Keep an editors' page out of search (Material reads ``search: exclude`` from the front
    matter) and say whom it is for."""
    text = data.decode("utf-8")
    match = _FRONT_MATTER.match(text)
    assert match is not None  # is_editors_page said so
    body = match.group("body") + "search:\n  exclude: true\n"
    rest = text[match.end() :].lstrip("\n")
    heading, newline, after = rest.partition("\n")
    if heading.startswith("# "):  # the title stays the page's first heading
        rest = f"{heading}{newline}\n{EDITORS_NOTE}\n{after.lstrip(chr(10))}"
    else:
        rest = f"{EDITORS_NOTE}\n{rest}"
    return f"---\n{body}---\n\n{rest}".encode()


def _mark_internal(ctx: Context, data: bytes) -> bytes:
    """Put the internal-build banner on a hand-written page, after any front matter."""
    from redraft.site.blocks import internal_banner

    text = data.decode("utf-8")
    banner = internal_banner(ctx)
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            cut = end + len("\n---\n")
            return (text[:cut] + "\n" + banner + "\n" + text[cut:]).encode("utf-8")
    return (banner + "\n" + text).encode("utf-8")


def _assets() -> Iterator[tuple[str, bytes]]:
    folder = resources.files("redraft").joinpath("assets")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("."):
            yield entry.name, entry.read_bytes()


def _nav(ctx: Context, handwritten: list[str]) -> list[Any]:
    """Sections and index pages only: MkDocs renders the whole nav into every page."""
    labels = ctx.labels
    nav: list[Any] = [
        {labels["home"]: urls.HOME},
        {labels["versions"]: urls.VERSIONS},
        {labels["guidelines"]: urls.GUIDELINES},
        {labels["compare_short"]: urls.COMPARE},
    ]
    if meetings.has_meeting_pages(ctx):
        nav.append({labels["meetings"]: urls.MEETINGS})
    if not ctx.tree.is_main:
        nav += [
            {labels["comments"]: urls.COMMENTS},
            {labels["parties"]: urls.PARTIES},
            {labels["stats"]: urls.STATS},
        ]
    if ctx.tree.is_main:
        nav += [
            {"Concordance": urls.CONCORDANCE},
            {labels["comments"]: urls.COMMENTS},
            {"Parties": urls.PARTIES},
            {labels["stats"]: urls.STATS},
        ]
        if len(languages_of(ctx.kb)) > 1:
            nav.append({"Translations": urls.TRANSLATIONS})
        about = [p for p in FRONT_PAGES if p in handwritten]
        about += [p for p in handwritten if p not in FRONT_PAGES]
        if about:
            nav.append({"About": about})
    return nav
