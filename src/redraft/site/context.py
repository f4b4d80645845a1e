"""What every page family needs to know: the model, the tree it writes for, and derived facts.

Derived facts (redlines between versions, comments per guideline, lineage in both directions)
are computed once per build and shared by every page that shows them; a 500-guideline corpus has
one diff per pair of versions, not one per page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from redraft.kb.model import Comment, Guideline, KnowledgeBase, Party, Submission, Version
from redraft.site import reads, urls
from redraft.site.labels import Labels

T = TypeVar("T")

if TYPE_CHECKING:
    from redraft.comments.anchors import Anchor
    from redraft.comments.traceability import Trace
    from redraft.redline.compare import VersionDiff
    from redraft.redline.drift import TranslationStatus
    from redraft.release.provenance import Change, ChangesSinceRelease
    from redraft.site.documents import DocumentRequest


@dataclass(frozen=True)
class Provenance:
    """What git says about the working draft, read at the edge (:mod:`.build`) and passed in, so
    that generation stays a function of its arguments.  ``off`` says why there is none."""

    last_changed: Mapping[str, Change] = field(default_factory=dict)
    """Guideline id → the newest commit that touched any of its draft files."""
    last_changed_files: Mapping[str, Change] = field(default_factory=dict)
    """Draft file path → the newest commit that touched that file: what a page in one language
    says about when its own text last changed."""
    since_release: ChangesSinceRelease | None = None
    off: str | None = None


@dataclass(frozen=True)
class TreeInfo:
    """One language tree of the site: its language and where its root sits under the site's."""

    language: str
    prefix: str
    """The tree's URL prefix relative to the site root: "" for the main tree, "zh/" for Chinese."""

    @property
    def is_main(self) -> bool:
        return self.prefix == ""


@dataclass
class Facts:
    """Derived facts about one knowledge base, computed lazily and once."""

    kb: KnowledgeBase
    provenance: Provenance = field(default_factory=lambda: Provenance(off="not read"))
    _kept: dict[tuple[str | None, ...], tuple[Any, frozenset[str]]] = field(default_factory=dict)
    by_value: dict[str, reads.FactRecord] = field(default_factory=dict)
    """Each fact read by value (:meth:`read_by_value`): what it was computed from, its
    value's digest (a generation that records hands its record's ``facts`` here)."""
    _read_lists: dict[frozenset[str], tuple[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict
    )
    _fact_keys: dict[tuple[str | None, ...], str] = field(default_factory=dict)

    def remember(self, key: tuple[str | None, ...], compute: Callable[[], T]) -> T:
        """``compute()``, computed once per generation under ``key`` and kept, with the guideline
        texts it read (:mod:`.reads`): each later asker is noted as reading them too, so that a
        page reusing a fact another page computed still depends on what the fact was made
        from.  Page families keep their small lookups here too (which page of a comparison
        holds a guideline, :mod:`.pagination`).  An error is raised again on every asking,
        never remembered."""
        hit = self._kept.get(key)
        if hit is not None:
            reads.replay(hit[1])
            value: T = hit[0]
            return value
        with reads.reading() as frame:
            value = compute()
        self._kept[key] = (value, frozenset(frame))
        return value

    def read_by_value(
        self,
        ctx: Context | None,
        key: tuple[str | None, ...],
        compute: Callable[[], Any] | None = None,
    ) -> Any:
        """The fact ``key`` (its kind, then its arguments: :data:`BY_VALUE`), computed once
        and kept; its askers are noted as reading the fact itself (:func:`reads.fact_key`),
        not what it was computed from, so that a page depends on a layout's *result*.
        ``compute``, where given, computes it without a tree (the same value as
        ``BY_VALUE``'s, which the next generation uses to compare)."""
        read = self._fact_keys.get(key)
        if read is None:  # a JSON text: made once per fact, not at each of its askings
            read = self._fact_keys[key] = reads.fact_key(key)
        hit = self._kept.get(key)
        if hit is None:
            with reads.reading(passed_on=False) as frame:
                make = compute or partial(BY_VALUE[str(key[0])], ctx, *key[1:])
                value = make()
            self._kept[key] = (value, frozenset())
            found, among = self._read_list(frame)
            self.by_value[read] = reads.FactRecord(found, reads.value_digest(value), among)
            hit = self._kept[key]
        reads.record(read)
        return hit[0]

    def _read_list(self, frame: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What a fact read, sorted, and the facts among it: one tuple for every fact that read
        the same (at L ten thousand entries of comparisons each read the whole comparison's
        twelve hundred texts; a tuple each held a hundred megabytes until the build ended)."""
        key = frozenset(frame)
        found = self._read_lists.get(key)
        if found is None:
            ordered = tuple(sorted(key))
            found = self._read_lists[key] = (ordered, reads.facts_among(ordered))
        return found

    def compute_by_value(self, ctx: Context, read: str) -> None:
        """Compute the fact a read names, if it still exists (:meth:`read_by_value`)."""
        key = reads.fact_of(read)
        if key and key[0] in BY_VALUE:
            with reads.reading(passed_on=False):
                self.read_by_value(ctx, key)

    def anchor(self, comment: Comment, version_id: str) -> Anchor | None:
        """Where the comment's passage stands in ``version_id`` (see comments/anchors.py), read
        by value: a card depends on where its passage stands, not on every word of the
        guideline (or, for a passage that moved, of the version) searched to find it."""
        from redraft.comments.anchors import anchor_in

        found: Anchor | None = self.read_by_value(
            None,
            ("anchor", comment.id, version_id),
            lambda: anchor_in(self.kb, comment, version_id),
        )
        return found

    @cached_property
    def comment_of(self) -> Mapping[str, Comment]:
        return MappingProxyType({comment.id: comment for comment in self.kb.comments()})

    def trace(self, comment: Comment) -> Trace | None:
        """The change a decided comment led to (:mod:`redraft.comments.traceability`)."""
        from redraft.comments.traceability import trace

        return self.remember(
            ("trace", comment.id),
            lambda: trace(self.kb, comment, diff=self.guideline_diff, anchor=self.anchor),
        )

    def guideline_diff(self, from_id: str, to_id: str, guideline_id: str) -> VersionDiff:
        """One guideline's redline with its lineage (``diff_versions(…, guideline)``), computed
        once per pair of versions: the comments on a guideline in one call share it."""
        from redraft.redline.compare import diff_versions

        return self.remember(
            ("guideline diff", from_id, to_id, guideline_id),
            lambda: diff_versions(self.kb, from_id, to_id, guideline_id),
        )

    def diff(self, from_id: str, to_id: str, language: str | None = None) -> VersionDiff:
        """The whole-document diff (:mod:`redraft.redline.compare`), computed once per pair; with
        ``language``, of the texts in that language.  A comparison read back in time is the
        forward one mirrored (as :func:`~redraft.redline.compare.compare_versions` makes it),
        so each pair is compared once, whichever way the pages read it."""

        def compute() -> VersionDiff:
            from redraft.redline.compare import mirror_diff

            if _backwards(self.kb, from_id, to_id):
                return mirror_diff(self.diff(to_id, from_id, language))
            return _diff_versions(self.kb, from_id, to_id, language)

        return self.remember(("diff", from_id, to_id, language), compute)

    def translation_status(
        self, ctx: Context, version_id: str, guideline_id: str, language: str
    ) -> TranslationStatus | None:
        """Where one translation stands (:mod:`redraft.redline.drift`), computed once per
        version, read by value: a page showing one guideline's translation status depends on
        that status, not on every text of the version it was measured among."""
        key = ("translation status", version_id, guideline_id, language)
        found: TranslationStatus | None = self.read_by_value(ctx, key)
        return found

    def _statuses(self, version_id: str) -> dict[tuple[str, str], TranslationStatus]:
        def statuses() -> dict[tuple[str, str], TranslationStatus]:
            from redraft.redline.drift import version_status

            version = self.kb.version(version_id)
            found = version_status(self.kb, version) if version else ()
            return {(s.guideline, s.language): s for s in found}

        return self.remember(("translation statuses", version_id), statuses)

    @cached_property
    def comments_by_guideline(self) -> Mapping[str, tuple[Comment, ...]]:
        found: dict[str, list[Comment]] = defaultdict(list)
        for comment in self.kb.comments():
            if comment.guideline is not None:  # general comments have a place of their own
                found[comment.guideline].append(comment)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    @cached_property
    def submission_of(self) -> Mapping[str, Submission]:
        return MappingProxyType({s.id: s for s in self.kb.submissions})

    @cached_property
    def submissions_by_party(self) -> Mapping[str, tuple[Submission, ...]]:
        found: dict[str, list[Submission]] = defaultdict(list)
        for submission in self.kb.submissions:
            found[submission.party].append(submission)
        return MappingProxyType(
            {k: tuple(sorted(v, key=lambda s: (s.received, s.id))) for k, v in found.items()}
        )

    @cached_property
    def reply_ids(self) -> Mapping[str, str]:
        """Each reply's id as the site shows it ("2019-nv/AUT", then "2019-nv/AUT-2"): the call
        and the party's code, numbered among that party's replies to that call *in this build*,
        by date received.  Never the file's name: a second file AUT-2.yml behind a restricted
        AUT.yml would tell a public reader that a reply is hidden."""
        found: dict[str, str] = {}
        for submissions in self.submissions_by_party.values():
            per_call: dict[str, int] = defaultdict(int)
            for submission in submissions:  # by date received
                per_call[submission.call] += 1
                number = per_call[submission.call]
                suffix = "" if number == 1 else f"-{number}"
                found[submission.id] = f"{submission.call}/{submission.party}{suffix}"
        return MappingProxyType(found)

    @cached_property
    def addressed_on_guidelines(self) -> tuple[tuple[int, Comment], ...]:
        """Each decided comment on a guideline that a version addressed, with that version's
        place in time (:meth:`KnowledgeBase.version_index`), in the knowledge base's order:
        every comparison picks those addressed between its two versions."""
        found = []
        for comment in self.kb.comments():
            if comment.addressed_in is None or comment.disposition == "pending":
                continue
            if comment.guideline is None:  # a general comment is not shown under a guideline
                continue
            index = self.kb.version_index(comment.addressed_in)
            if index is not None:
                found.append((index, comment))
        return tuple(found)

    @cached_property
    def lineage_out(self) -> tuple[Mapping[str, tuple[tuple[str, str], ...]], ...]:
        """Per version, in order: for each guideline id that guidelines of the version name in
        their lineage, what each of those (in document order) says it became of it (the label
        ``lineage_merged_into``, ``lineage_split_into`` or ``lineage_replaced_by``, and the
        naming guideline's id).  A living page's lineage reads this instead of walking every
        guideline of every version once per page."""
        found = []
        for version in self.kb.versions:
            named: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for other in version.guidelines:
                for ancestor in other.predecessors:
                    if ancestor in other.merged_from:
                        label = "lineage_merged_into"
                    elif other.split_from == ancestor:
                        label = "lineage_split_into"
                    else:
                        label = "lineage_replaced_by"
                    named[ancestor].append((label, other.id))
            found.append(MappingProxyType({k: tuple(v) for k, v in named.items()}))
        return tuple(found)

    @cached_property
    def successors(self) -> Mapping[str, tuple[str, ...]]:
        """For each guideline id, the ids of later guidelines whose lineage names it."""
        found: dict[str, dict[str, None]] = defaultdict(dict)
        for version in self.kb.versions:
            for guideline in version.guidelines:
                for ancestor in guideline.predecessors:
                    if ancestor != guideline.id:
                        found[ancestor][guideline.id] = None
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    @cached_property
    def predecessors(self) -> Mapping[str, tuple[str, ...]]:
        """For each guideline id, the ids its lineage names in any version."""
        found: dict[str, dict[str, None]] = defaultdict(dict)
        for version in self.kb.versions:
            for guideline in version.guidelines:
                for ancestor in guideline.predecessors:
                    if ancestor != guideline.id:
                        found[guideline.id][ancestor] = None
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    def ancestors(self, guideline_id: str) -> tuple[str, ...]:
        """Every guideline this one descends from, nearest first."""
        seen: dict[str, None] = {}
        frontier = list(self.predecessors.get(guideline_id, ()))
        while frontier:
            current = frontier.pop(0)
            if current in seen or current == guideline_id:
                continue
            seen[current] = None
            frontier.extend(self.predecessors.get(current, ()))
        return tuple(seen)

    def latest_with(self, guideline_id: str) -> tuple[Version, Guideline] | None:
        """The newest version that has the guideline, and the guideline there."""
        for version in reversed(self.kb.versions):
            found = version.guideline(guideline_id)
            if found is not None:
                return version, found
        return None

    def first_with(self, guideline_id: str) -> tuple[Version, Guideline] | None:
        for version in self.kb.versions:
            found = version.guideline(guideline_id)
            if found is not None:
                return version, found
        return None

    def party_name(self, code: str) -> str:
        party: Party | None = self.kb.party(code)
        return party.name if party else code

    @cached_property
    def guideline_order(self) -> tuple[str, ...]:
        """Every guideline id, in the order of the newest version that has each, then the rest.

        Current guidelines come first in today's document order; deleted ones follow where they
        last stood, so that a list reads like the draft a delegate has in hand.
        """
        order: dict[str, None] = {}
        for version in reversed(self.kb.versions):
            for guideline in version.guidelines:
                order.setdefault(guideline.id, None)
        return tuple(order)


BY_VALUE: dict[str, Callable[..., Any]] = {}
"""Facts read by value (:meth:`Facts.read_by_value`): kind → ``function(ctx, *arguments)``,
registered by the module that computes each (layouts, which page holds what)."""


def _anchor(ctx: Context, comment_id: str, version_id: str) -> Anchor | None:
    from redraft.comments.anchors import anchor_in

    comment = ctx.facts.comment_of.get(comment_id)
    return None if comment is None else anchor_in(ctx.kb, comment, version_id)


BY_VALUE["anchor"] = _anchor


def _translation_status(
    ctx: Context, version_id: str, guideline_id: str, language: str
) -> TranslationStatus | None:
    return ctx.facts._statuses(version_id).get((guideline_id, language))


BY_VALUE["translation status"] = _translation_status


def _backwards(kb: KnowledgeBase, from_id: str, to_id: str) -> bool:
    """Whether comparing ``from_id`` with ``to_id`` reads back in time (the order of
    :func:`~redraft.redline.compare.history_between`)."""
    from redraft.redline.compare import history_between

    before, after = kb.version(from_id), kb.version(to_id)
    if before is None or after is None or before is after:
        return False
    return history_between(kb, before, after)[0] is after


def _diff_versions(
    kb: KnowledgeBase, from_id: str, to_id: str, language: str | None
) -> VersionDiff:
    from redraft.redline.compare import diff_versions

    return diff_versions(kb, from_id, to_id, language=language)


@dataclass(frozen=True)
class Context:
    """What a page family receives: the (already filtered) model, the tree, and the facts."""

    kb: KnowledgeBase
    tree: TreeInfo
    trees: tuple[TreeInfo, ...]
    labels: Labels
    facts: Facts
    internal: bool = False
    downloads: frozenset[DocumentRequest] = frozenset()
    """The documents this build writes (:mod:`.documents`): a page links only to these."""

    @property
    def language(self) -> str:
        return self.tree.language

    @property
    def shows_commit_messages(self) -> bool:
        """Commit subjects and hashes are editors' notes: shown in the secretariat's internal
        build, and on the public site only when ``redraft.yml`` opts in."""
        return self.internal or self.kb.settings.publish_commit_messages

    @property
    def main(self) -> TreeInfo:
        return self.trees[0]

    def translated_trees(self) -> tuple[TreeInfo, ...]:
        return tuple(t for t in self.trees if not t.is_main)

    @cached_property
    def versions(self) -> tuple[Version, ...]:
        """The versions this tree has: all in the main tree; in a language tree, those with a
        translation in its language (an untranslated version is read in the main tree)."""
        if self.tree.is_main:
            return self.kb.versions
        return tuple(v for v in self.kb.versions if self.language in v.languages)

    @cached_property
    def _version_ids(self) -> frozenset[str]:
        return frozenset(v.id for v in self.versions)

    def has_version(self, version_id: str) -> bool:
        return version_id in self._version_ids

    @cached_property
    def guideline_ids(self) -> tuple[str, ...]:
        """The guidelines this tree has a living page for, in today's order."""
        present = {g.id for v in self.versions for g in v.guidelines}
        return tuple(gid for gid in self.facts.guideline_order if gid in present)

    @cached_property
    def _guideline_id_set(self) -> frozenset[str]:
        return frozenset(self.guideline_ids)

    def has_living_page(self, guideline_id: str) -> bool:
        """Whether this tree has a living page for the guideline (every card asks)."""
        return guideline_id in self._guideline_id_set

    def latest_with(self, guideline_id: str) -> tuple[Version, Guideline] | None:
        """The newest version of this tree that has the guideline, and the guideline there."""
        for version in reversed(self.versions):
            found = version.guideline(guideline_id)
            if found is not None:
                return version, found
        return None

    def cross(self, path: str, tree: TreeInfo, target: str, anchor: str | None = None) -> str:
        """A link from ``path`` in this tree to the page ``target`` of ``tree``."""
        to_url = tree.prefix + urls.page_url(target)
        return urls.url_link(path, to_url, anchor, from_prefix=self.tree.prefix)

    def to_main(self, path: str, target: str, anchor: str | None = None) -> str:
        """A link to a page of the main tree (comments and history live only there)."""
        if self.tree.is_main:
            return urls.link(path, target, anchor)
        return self.cross(path, self.main, target, anchor)

    def to_version(
        self, path: str, version_id: str, guideline_id: str | None = None, anchor: str | None = None
    ) -> str:
        """A link to a version (or one guideline of it), in this tree if it has the version."""
        if guideline_id is None:
            # imported here: the layout of a version reads this module's Context
            from redraft.site.version_pages import target as version_target

            # a long version is shown in pages: the anchor says which one
            target = version_target(self, version_id, anchor)
        else:
            target = urls.version_guideline(version_id, guideline_id)
        if self.has_version(version_id):
            return urls.link(path, target, anchor)
        return self.cross(path, self.main, target, anchor)

    def to_comment(self, path: str, comment: Comment) -> str:
        """A link to where ``comment`` is shown in full, in this tree: its guideline's living
        page (in the main tree if this tree has none), or, for a general comment, the comments
        page of its call (every tree has one)."""
        anchor = urls.comment_anchor(comment.id)
        if comment.guideline is not None:
            return self.to_living(path, comment.guideline, anchor)
        from redraft.site.comments import call_location  # that module renders with this one

        return urls.link(path, call_location(self, comment.call), anchor)

    def to_party(self, path: str, code: str) -> str:
        """A link to a party's page: every tree has the party pages."""
        return urls.link(path, urls.party(code))

    def to_living(self, path: str, guideline_id: str, anchor: str | None = None) -> str:
        """A link to a guideline's living page, in this tree if it has one (a comment's card, to
        its page of comments when the guideline has too many for one page)."""
        from redraft.site.living_comments import target as living_target  # reads Context

        # the same in every tree: remembered per guideline and anchor, with the layout it read
        target: str = self.facts.remember(
            ("living target", guideline_id, anchor),
            partial(living_target, self, guideline_id, anchor),
        )
        if self.has_living_page(guideline_id):
            return urls.link(path, target, anchor)
        return self.cross(path, self.main, target, anchor)
