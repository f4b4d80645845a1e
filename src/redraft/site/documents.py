"""The documents a page offers for download: which ones, where they go, how they are linked.

The site decides *what* to offer (a version's .docx, a redline's .docx, a call's compilation)
and where each file sits in the main tree; it never makes the bytes: :mod:`redraft.exports` sits
beside the site in the layers, so the caller (``redraft build``, :func:`redraft.build`) passes a
:data:`DocumentMaker` that does, the same code ``redraft export`` runs.  Without one (the tests'
page generation), no page offers a download and no file is written.  See docs/site.md.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.text import escape_text, language_attributes

if TYPE_CHECKING:
    from redraft.site.context import Context

DocumentKind = Literal["version", "compare", "compilation"]


@dataclass(frozen=True)
class DocumentRequest:
    """One file to offer: what it is (``kind`` and the ``ids`` of the version, of the pair of
    versions, or of the call), its ``language`` (None: the original), its ``format`` (docx,
    xlsx), whether restricted submissions may be in it (only in an internal build), and
    ``path``, where it sits in the main tree's docs folder."""

    kind: DocumentKind
    ids: tuple[str, ...]
    language: str | None
    format: str
    include_restricted: bool
    path: str


DocumentMaker = Callable[[KnowledgeBase, DocumentRequest], bytes]
"""Makes the bytes of a request from the whole knowledge base, exactly as ``redraft export``
would write them (restricted submissions only if the request includes them)."""


def version_document(version_id: str, language: str | None, *, internal: bool) -> DocumentRequest:
    suffix = f".{urls.segment(language)}" if language else ""
    folder = posixpath.dirname(urls.version(version_id))
    return DocumentRequest(
        "version",
        (version_id,),
        language,
        "docx",
        internal,
        f"{folder}/{urls.segment(version_id)}{suffix}.docx",
    )


def compare_document(from_id: str, to_id: str, *, internal: bool) -> DocumentRequest:
    folder = posixpath.dirname(urls.compare(from_id, to_id))
    return DocumentRequest(
        "compare",
        (from_id, to_id),
        None,
        "docx",
        internal,
        f"{folder}/redline-{urls.segment(from_id)}-{urls.segment(to_id)}.docx",
    )


def compilation_documents(call_id: str, *, internal: bool) -> tuple[DocumentRequest, ...]:
    folder = posixpath.dirname(urls.comments_of(call_id))
    return tuple(
        DocumentRequest(
            "compilation",
            (call_id,),
            None,
            export_format,
            internal,
            f"{folder}/compilation-{urls.segment(call_id)}.{export_format}",
        )
        for export_format in ("docx", "xlsx")
    )


def as_pdf(request: DocumentRequest) -> DocumentRequest:
    """The same document printed: LibreOffice's PDF of the .docx, as ``redraft export … -o
    x.pdf`` writes it, beside it in the site."""
    return dataclasses.replace(
        request, format="pdf", path=posixpath.splitext(request.path)[0] + ".pdf"
    )


def offered(kb: KnowledgeBase, *, internal: bool) -> Iterator[DocumentRequest]:
    """Every document a build offers: each version in its original language and in each
    language it has text in; the redline of each version from the one before it (the pairs a
    meeting reads; other pairs are one ``redraft export compare`` away); each call's
    compilation.  ``kb`` is the model the pages show (restricted submissions already dropped
    from a public build).  With ``pdf_downloads`` in ``redraft.yml``, each version and redline
    as PDF too."""
    pdf = kb.settings.pdf_downloads
    for version in kb.versions:
        for language in (None, *(lang for lang in version.languages if lang != version.language)):
            document = version_document(version.id, language, internal=internal)
            yield document
            if pdf:
                yield as_pdf(document)
    for older, newer in zip(kb.versions, kb.versions[1:], strict=False):
        document = compare_document(older.id, newer.id, internal=internal)
        yield document
        if pdf:
            yield as_pdf(document)
    for call in kb.calls:
        yield from compilation_documents(call.id, internal=internal)


def download_line(
    ctx: Context,
    path: str,
    requests: list[tuple[str, DocumentRequest]],
    lead: str | None = None,
) -> str:
    """A line (``lead``, by default "Download:") linking each of ``requests`` (its link text,
    the request) that this build writes, from the page at ``path``; empty when it writes none
    of them.  The files sit in the main tree: a language tree links there."""
    links = []
    for text, request in requests:
        if request not in ctx.downloads:
            continue
        if ctx.tree.is_main:
            target = urls.link(path, request.path)
        else:
            target = urls.url_link(path, request.path, from_prefix=ctx.tree.prefix)
        language = language_attributes(request.language) if request.language else ""
        links.append(f'<a href="{escape_text(target)}" download{language}>{escape_text(text)}</a>')
    if not links:
        return ""
    return (
        f'<p class="redraft-downloads">{escape_text(lead or ctx.labels["download"])} '
        + " · ".join(links)
        + "</p>\n"
    )
