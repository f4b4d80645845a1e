"""Golden files: a few generated pages of the example, byte for byte.

These catch any change to what a reader gets, intended or not.  When a change is intended (or
the example's data changed), regenerate and review the diff like any other change:

    REDRAFT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_site_golden.py
    git diff tests/golden/site/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redraft.site import urls
from redraft.site.generate import SiteFiles

GOLDEN = Path(__file__).parent / "golden" / "site"
UPDATE = bool(os.environ.get("REDRAFT_UPDATE_GOLDEN"))

PAGES = (
    ("main", urls.HOME),
    ("main", urls.version("2019-3")),
    ("main", urls.version_guideline("2018-3", "interlocutory-sale")),
    ("main", urls.guideline("sale-before-confiscation")),
    ("main", urls.compare("2018-3", "2018-crp14")),
    ("main", urls.CONCORDANCE),
    ("main", urls.party("chn")),
    ("main", urls.STATS),
    ("zh", urls.guideline("office-powers")),
)


@pytest.fixture(scope="module")
def site(example_pages: SiteFiles) -> SiteFiles:
    return example_pages


def golden_name(tree: str, path: str) -> str:
    return f"{tree}--{path.removesuffix('/index.md').replace('/', '--').removesuffix('.md')}.md"


@pytest.mark.parametrize(("tree", "path"), PAGES, ids=[golden_name(t, p) for t, p in PAGES])
def test_page_matches_its_golden_file(site: SiteFiles, tree: str, path: str) -> None:
    generated = site.files[f"{tree}/docs/{path}"].decode("utf-8")
    golden = GOLDEN / golden_name(tree, path)
    if UPDATE:
        golden.write_text(generated, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with REDRAFT_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    assert generated == expected, (
        f"{path} differs from {golden.name}; if the change is intended, run "
        "REDRAFT_UPDATE_GOLDEN=1 pytest tests/test_site_golden.py and review git diff"
    )
