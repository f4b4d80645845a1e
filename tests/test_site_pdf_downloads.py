"""PDF on the site, only when ``redraft.yml`` asks for it (``pdf_downloads: true``).

A user who only builds the site never needs LibreOffice: without the setting no PDF is offered
or made.  With it, each version and redline is offered as PDF beside its .docx, the bytes those
``redraft export … -o x.pdf`` writes, and a build on a machine without LibreOffice stops with one
line saying what to install or what to turn off.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft._api import NO_LIBREOFFICE, site_documents
from redraft.cli import main
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.config import default_base
from redraft.site.documents import DocumentRequest, offered
from redraft.site.errors import SiteBuildError
from redraft.site.generate import generate_site


def _with_pdf(kb: KnowledgeBase) -> KnowledgeBase:
    return dataclasses.replace(kb, settings=dataclasses.replace(kb.settings, pdf_downloads=True))


def _turn_on(root: Path) -> None:
    settings = root / "redraft.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "pdf_downloads: true\n", "utf-8")


def test_without_the_setting_no_pdf_is_offered(example_kb: KnowledgeBase) -> None:
    assert not example_kb.settings.pdf_downloads
    assert all(r.format != "pdf" for r in offered(example_kb, internal=False))


def test_with_it_every_version_and_redline_has_a_pdf_twin(example_copy: Path) -> None:
    _turn_on(example_copy)
    kb = load(example_copy).kb
    assert kb.settings.pdf_downloads
    requests = list(offered(kb, internal=False))
    word = [r for r in requests if r.format == "docx" and r.kind != "compilation"]
    pdf = [r for r in requests if r.format == "pdf"]
    assert len(pdf) == len(word) > 0
    for document in word:
        twin = dataclasses.replace(document, format="pdf", path=document.path[:-5] + ".pdf")
        assert twin in pdf
    assert not any(r.kind == "compilation" for r in pdf), "a compilation has no PDF"


def test_the_pages_link_the_pdf_they_offer(example_kb: KnowledgeBase) -> None:
    made: list[DocumentRequest] = []

    def record(kb: KnowledgeBase, request: DocumentRequest) -> bytes:
        made.append(request)
        return request.path.encode()  # the pages only need to know the file is there

    files = generate_site(
        _with_pdf(example_kb),
        base_config=default_base(),
        handwritten={"about.md": b"# About\n"},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
        internal=False,
        documents=record,
    ).files
    page = files[f"main/docs/{urls.version('2019-3')}"].decode("utf-8")
    assert '<a href="2019-3.pdf" download>PDF</a>' in page
    assert '<a href="2019-3.zh.pdf" download lang="zh" dir="ltr">Chinese (PDF)</a>' in page
    assert "main/docs/versions/2019-3/2019-3.pdf" in files
    compare = files[f"main/docs/{urls.compare('2018-crp14', '2019-3')}"].decode("utf-8")
    assert 'redline-2018-crp14-2019-3.pdf" download>PDF</a>' in compare
    assert {r.format for r in made} == {"docx", "xlsx", "pdf"}


def test_without_libreoffice_the_build_says_what_to_do(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _turn_on(example_copy)
    kb = load(example_copy).kb
    request = next(r for r in offered(kb, internal=False) if r.format == "pdf")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SiteBuildError) as raised:
        site_documents(example_copy)(kb, request)
    assert raised.value.lines == [NO_LIBREOFFICE]
    assert not any((example_copy / "build").rglob("*.pdf"))


def test_a_pdf_on_the_site_is_the_pdf_the_cli_writes(example_copy: Path, tmp_path: Path) -> None:
    _turn_on(example_copy)
    kb = load(example_copy).kb
    request = next(
        r for r in offered(kb, internal=False) if r.format == "pdf" and r.ids == ("2019-3",)
    )
    made = site_documents(example_copy)(kb, request)
    assert made.startswith(b"%PDF-")
    target = tmp_path / "2019-3.pdf"
    result = CliRunner().invoke(
        main, ["export", "version", "2019-3", "-o", str(target), "--root", str(example_copy)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == made
