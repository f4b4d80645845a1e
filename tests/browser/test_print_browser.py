"""Print, in a real browser: a printed version page says which version it is and is numbered;
a printed comparison shows its inline redline once, not the side-by-side view as well.

The site is the one :func:`redraft.build` makes, as ``redraft build`` builds it (with its
downloads): the session's ``example_published``, rather than the session's site built without
them.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.labels import Labels

from ..site_support import serve_folder

pytestmark = pytest.mark.browser

EN = Labels("en")


@pytest.fixture(scope="module")
def site_url(example_published: Path) -> Iterator[str]:
    # The example as `redraft build` publishes it, with the documents it offers for download:
    # the session's build, read only here.
    with serve_folder(example_published / "site") as url:
        yield url


def _printed_text(page: Any, tmp_path: Path) -> list[str]:
    """The page printed to PDF by chromium, as text, one string per sheet."""
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_a_printed_version_is_identified_and_a_comparison_prints_once(
    page: Any, site_url: str, example_kb: KnowledgeBase, tmp_path: Path
) -> None:
    version = next(v for v in example_kb.versions if v.symbol == "CAC/COSP/WG.2/2019/3")
    page.goto(site_url + urls.page_url(urls.version(version.id)))
    identity = page.locator(".redraft-identity")
    downloads = page.locator(".redraft-downloads")
    others = identity.locator("dt", has_text=EN["working_draft"])
    assert downloads.is_visible() and others.is_visible()  # on screen: all of it

    page.emulate_media(media="print")
    assert not downloads.is_visible() and not others.is_visible()
    this_version = identity.locator("dd").first
    assert this_version.is_visible()
    assert this_version.inner_text() == "CAC/COSP/WG.2/2019/3 (20 March 2019)"
    sheets = _printed_text(page, tmp_path)
    assert len(sheets) > 1
    for number, sheet in enumerate(sheets, start=1):
        assert re.search(rf"\b{number}\s*/\s*{len(sheets)}\s*$", sheet.rstrip()), sheet[-200:]
    assert "CAC/COSP/WG.2/2019/3 (20 March 2019)" in sheets[0]

    older = example_kb.versions[example_kb.versions.index(version) - 1]
    page.emulate_media(media="screen")
    page.goto(site_url + urls.page_url(urls.compare(older.id, version.id)))
    redline = page.locator(".redraft-redline").first
    inline, side_by_side = redline.locator(".tabbed-block").all()[:2]
    page.emulate_media(media="print")
    assert inline.is_visible()
    assert not side_by_side.is_visible()
    assert not redline.locator(".tabbed-labels").is_visible()
    # Each changed guideline's inline redline once on paper: its first words appear once.
    first_words = " ".join(inline.inner_text().split()[:6])
    printed = " ".join(" ".join(_printed_text(page, tmp_path)).split())
    assert printed.count(first_words) == 1, first_words


def _top_line(sheet: str) -> str:
    return next(line for line in sheet.splitlines() if line.strip()).strip()


def test_every_printed_sheet_carries_the_symbol_and_date(
    page: Any, site_url: str, example_kb: KnowledgeBase, tmp_path: Path
) -> None:
    """The @page margin box at the top right of each sheet, from the page's own identity: a
    released version's symbol and date, the working draft "as at" its last change, a
    comparison's two versions.  Sheets loose on a table still say what they belong to."""
    version = next(v for v in example_kb.versions if v.symbol == "CAC/COSP/WG.2/2019/3")
    draft = example_kb.draft
    assert draft is not None
    older = example_kb.versions[example_kb.versions.index(version) - 1]
    expected = {
        urls.version(version.id): "CAC/COSP/WG.2/2019/3 (20 March 2019)",
        # the copy is not in git, so the draft has no "as at" date here: its name stands alone
        urls.version(draft.id): EN["working_draft"],
        urls.compare(older.id, version.id): f"{older.symbol} → {version.symbol}",
    }
    for path, label in expected.items():
        page.goto(site_url + urls.page_url(path))
        sheets = _printed_text(page, tmp_path)
        assert len(sheets) > 1, path
        for number, sheet in enumerate(sheets, start=1):
            top = _top_line(sheet)
            assert label in top, (path, number, top)
            assert re.search(rf"\b{number}\s*/\s*{len(sheets)}\s*$", sheet.rstrip()), sheet[-200:]
