"""The documents the site offers: every version, redline and compilation the build writes is
linked from its page, is byte for byte what ``redraft export`` writes for the same request, and
holds nothing of a restricted reply; a rebuild with nothing changed rewrites nothing, and an
edit to a comment rewrites the compilations but not the versions.

One public build of a copy of the example through :func:`redraft.build` (the API ``redraft
build`` shares its wiring with); the rest reads that build.
"""

from __future__ import annotations

import dataclasses
import html
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import redraft
from redraft._api import site_documents
from redraft.cli import main
from redraft.exports.compilation import compilation_sources
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase, Version
from redraft.site.build import prepare
from redraft.site.documents import DocumentRequest, offered

from .site_support import example_site_root

_HREF = re.compile(r'<a href="([^"#]+\.(?:docx|xlsx))" download')
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_published: Path) -> Path:
    # The documents are made here, by this build (they are what this file tests); the pages
    # come from the session build's render cache where they are the same.
    root = example_site_root(tmp_path_factory.mktemp("downloads"), rendered=example_published)
    result = redraft.build(root)
    assert not result.up_to_date
    return root


@pytest.fixture(scope="module")
def whole_kb(built: Path) -> KnowledgeBase:
    return load(built).kb


def _requests(kb: KnowledgeBase) -> list[DocumentRequest]:
    return list(offered(kb.without_restricted(), internal=False))


def _cli_args(request: DocumentRequest, target: Path) -> list[str]:
    if request.kind == "version":
        args = ["export", "version", *request.ids]
        if request.language:
            args += ["--lang", request.language]
    elif request.kind == "compare":
        args = ["export", "compare", *request.ids]
    else:
        args = ["export", "compilation", "--call", request.ids[0]]
    return [*args, "-o", str(target)]


def _cli_bytes(root: Path, request: DocumentRequest, folder: Path) -> bytes:
    target = folder / posixpath.basename(request.path)
    result = CliRunner().invoke(main, [*_cli_args(request, target), "--root", str(root)])
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def _office_text(data: bytes) -> str:
    """Every XML part of an Office file as text: tags removed (so that a phrase split across
    runs reads whole), references decoded, spaces normalized."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    return " ".join(html.unescape(_TAG.sub("", part)) for part in parts)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _restricted_comments(kb: KnowledgeBase) -> list[str]:
    """What only the example's restricted reply says: its comments' words."""
    phrases = [
        _normal(comment.text)
        for submission in kb.submissions
        if submission.visibility == "restricted"
        for comment in submission.comments
    ]
    assert phrases, "the example has a restricted reply"
    return phrases


def test_every_offered_document_is_built_and_matches_the_cli(
    built: Path, whole_kb: KnowledgeBase, tmp_path: Path
) -> None:
    requests = _requests(whole_kb)
    kinds = {r.kind for r in requests}
    assert kinds == {"version", "compare", "compilation"}
    assert any(r.language for r in requests)  # the translations too
    site = built / "site"
    for request in requests:
        on_site = site / request.path
        assert on_site.is_file(), request.path
        assert on_site.read_bytes() == _cli_bytes(built, request, tmp_path), request.path
    # Nothing else: the site holds no Office file it does not offer.
    found = {p.relative_to(site).as_posix() for p in site.rglob("*.docx")}
    found |= {p.relative_to(site).as_posix() for p in site.rglob("*.xlsx")}
    assert found == {r.path for r in requests}


def _links(site: Path) -> Iterator[tuple[str, str]]:
    """(page, file linked) for every download link in the built HTML, resolved to the site."""
    for page in site.rglob("index.html"):
        folder = page.parent.relative_to(site).as_posix()
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            yield folder, posixpath.normpath(posixpath.join(folder, href))


def test_each_page_links_its_documents(built: Path, whole_kb: KnowledgeBase) -> None:
    site = built / "site"
    links = set(_links(site))
    for _, target in links:
        assert (site / target).is_file(), target
    by_page: dict[str, set[str]] = {}
    for page, target in links:
        by_page.setdefault(page, set()).add(target)
    for request in _requests(whole_kb):
        # A version or a redline is offered on its own page; a call's compilation on the
        # page of its comments (the one comments page, when they are as few as the example's).
        own = posixpath.dirname(request.path)
        page = "comments" if request.kind == "compilation" else own
        assert request.path in by_page.get(page, set()), f"{page}/ does not link {request.path}"
    # A language tree's version page links the main tree's file of its own language.
    zh_page = site / "zh" / "versions" / "2019-3" / "index.html"
    zh_links = _HREF.findall(zh_page.read_text(encoding="utf-8"))
    assert "../../../versions/2019-3/2019-3.zh.docx" in zh_links


def test_no_public_document_holds_restricted_words(
    built: Path, whole_kb: KnowledgeBase, tmp_path: Path
) -> None:
    phrases = _restricted_comments(whole_kb)
    # The probe works: the secretariat's own compilation of the call does hold them.
    internal = tmp_path / "internal.docx"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "compilation",
            "--call",
            "2019-nv",
            "--include-restricted",
            "-o",
            str(internal),
            "--root",
            str(built),
        ],
    )
    assert result.exit_code == 0, result.output
    internal_text = _normal(_office_text(internal.read_bytes()))
    assert all(p in internal_text for p in phrases)
    # and the reply's reference, which no public page or file may name either.
    phrases += [s.reference for s in whole_kb.submissions if s.restricted and s.reference]
    site = built / "site"
    for path in [*site.rglob("*.docx"), *site.rglob("*.xlsx")]:
        text = _normal(_office_text(path.read_bytes()))
        leaked = [p for p in phrases if p in text]
        assert not leaked, f"{path.relative_to(site)}: {leaked}"


def test_a_rebuild_rewrites_nothing_and_an_edit_only_what_it_touches(
    built: Path, whole_kb: KnowledgeBase, tmp_path: Path
) -> None:
    again = redraft.build(built)
    assert again.up_to_date
    # `redraft build` is wired the same way: it too finds nothing to do.
    result = CliRunner().invoke(main, ["build", "--root", str(built), "-q"])
    assert result.exit_code == 0, result.output
    assert "Nothing changed since the last build" in result.output
    # An edit to a public comment changes that call's compilation, and no version or redline.
    reply = built / "comments" / "submissions" / "2019-nv" / "AUT.yml"
    text = reply.read_text(encoding="utf-8")
    edited = text.replace("The revised text is welcome", "The revised text is most welcome", 1)
    assert edited != text
    reply.write_text(edited, encoding="utf-8")
    prepared = prepare(built, documents=site_documents(built))
    rewritten = {path.removeprefix("main/docs/") for path in prepared.report.written}
    documents = {r.path for r in _requests(whole_kb)}
    assert rewritten & documents == {
        "comments/2019-nv/compilation-2019-nv.docx",
        "comments/2019-nv/compilation-2019-nv.xlsx",
    }
    # What was reused from the cache and what was made again are both the CLI's bytes now.
    pages = built / "build" / "pages" / "main" / "docs"
    for request in _requests(load(built).kb):
        made = (pages / request.path).read_bytes()
        assert made == _cli_bytes(built, request, tmp_path), request.path


def _kept_keys(root: Path, requests: list[DocumentRequest]) -> dict[str, bytes]:
    """The key each document was last made under (the first line of its file in the cache)."""
    folder = root / "build" / "cache" / "documents" / "public"
    return {
        r.path: (folder / r.path.replace("/", "__")).read_bytes().split(b"\n", 1)[0]
        for r in requests
    }


def _make_all(root: Path) -> list[DocumentRequest]:
    public = load(root).kb.without_restricted()
    maker = site_documents(root)
    requests = list(offered(public, internal=False))
    for request in requests:
        maker(public, request)
    return requests


def test_a_draft_edit_remakes_the_drafts_documents_and_no_compilation(
    example_documents: Path, tmp_path: Path
) -> None:
    """Each document is keyed by what it is made from: a word changed in the working draft's
    English text remakes the draft's English documents and the redline that ends at the
    draft, and neither the draft's translations that have their own text of that guideline, nor
    a released version's documents, nor the compilations, whose calls are on released versions
    (they read their call, its replies and dispositions, never the draft's words)."""
    root = example_site_root(tmp_path, documents=example_documents)
    requests = _make_all(root)
    before = _kept_keys(root, requests)
    page = root / "guidelines" / "draft" / "asset-assessment.md"
    text = page.read_text(encoding="utf-8")
    edited = text.replace("as far as possible", "as far as forthwith possible", 1)
    assert edited != text
    page.write_text(edited, encoding="utf-8")
    assert _make_all(root) == requests
    after = _kept_keys(root, requests)
    remade = {path for path in before if before[path] != after[path]}
    draft = load(root).kb.draft
    assert draft is not None
    # A translation of the draft shows the English text where it has none of its own.
    showing = {None} | {
        lang for lang in draft.languages if "asset-assessment" in draft.untranslated(lang)
    }
    drafts = {
        r.path
        for r in requests
        if (r.kind == "version" and r.ids == ("draft",) and r.language in showing)
        or (r.kind == "compare" and r.ids[-1] == "draft")
    }
    translated = {r.path for r in requests if r.kind == "version" and r.ids == ("draft",)} - drafts
    compilations = {r.path for r in requests if r.kind == "compilation"}
    assert len(drafts) >= 2 and len(compilations) == 4 and len(translated) >= 2
    assert remade == drafts
    # the draft's own documents were made again from the edited text
    folder = root / "build" / "cache" / "documents" / "public"
    draft_docx = next(p for p in drafts if p.endswith("/draft.docx"))
    kept = (folder / draft_docx.replace("/", "__")).read_bytes().split(b"\n", 1)[1]
    assert "as far as forthwith possible" in _normal(_office_text(kept))
    # a translation kept from the cache is what `redraft export` makes of the edited draft
    (tmp_path / "cli").mkdir()
    for request in requests:
        if request.path in translated:
            cached = (folder / request.path.replace("/", "__")).read_bytes().split(b"\n", 1)[1]
            assert cached == _cli_bytes(root, request, tmp_path / "cli"), request.path


def test_a_compilation_s_key_follows_its_replies_and_labels_not_the_draft_s_words(
    example_kb: KnowledgeBase,
) -> None:
    """What a compilation is keyed by (:func:`compilation_sources`): the draft's words are
    not in it, a disposition of a comment on the call is, and so is the label of a version a
    disposition names; a reply on another call is not."""
    call = example_kb.calls[0]
    version, sources = compilation_sources(example_kb, call.id)
    assert version is example_kb.version(call.version) and version is not example_kb.draft

    def with_versions(kb: KnowledgeBase, versions: tuple[Version, ...]) -> KnowledgeBase:
        return dataclasses.replace(kb, versions=versions)

    draft = example_kb.draft
    assert draft is not None
    shorter = dataclasses.replace(draft, guidelines=draft.guidelines[1:])
    edited = with_versions(example_kb, (*example_kb.versions[:-1], shorter))
    assert compilation_sources(edited, call.id) == (version, sources)

    def with_first_comment(kb: KnowledgeBase, call_id: str, **changes: object) -> KnowledgeBase:
        submission = next(s for s in kb.submissions if s.call == call_id)
        first = dataclasses.replace(submission.comments[0], **changes)
        changed = dataclasses.replace(submission, comments=(first, *submission.comments[1:]))
        return dataclasses.replace(
            kb, submissions=tuple(changed if s is submission else s for s in kb.submissions)
        )

    decided = with_first_comment(example_kb, call.id, rationale="A reason given later.")
    assert compilation_sources(decided, call.id)[1] != sources
    other_call = with_first_comment(example_kb, example_kb.calls[1].id, rationale="Elsewhere.")
    assert compilation_sources(other_call, call.id)[1] == sources
    addressed = {
        c.addressed_in
        for s in example_kb.submissions
        if s.call == call.id
        for c in s.comments
        if c.addressed_in
    }
    named = next(v for v in example_kb.versions if v.id in addressed)
    relabelled = dataclasses.replace(named, symbol=f"{named.symbol}/Rev.1")
    renamed = with_versions(
        example_kb, tuple(relabelled if v is named else v for v in example_kb.versions)
    )
    assert compilation_sources(renamed, call.id)[1] != sources
