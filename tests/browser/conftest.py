"""Fixtures for the browser tests: the example's site, served on 127.0.0.1, and a fresh page of
Debian's chromium (the ``browser`` fixture itself is in tests/conftest.py, where every test that
starts a browser must get it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..site_support import serve_folder


@pytest.fixture(scope="session")
def browser_site(example_site: Path) -> Path:
    return example_site / "site"


@pytest.fixture(scope="session")
def site_url(browser_site: Path) -> Iterator[str]:
    with serve_folder(browser_site) as url:
        yield url


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    # The site must work offline: any request leaving 127.0.0.1 fails the test that made it.
    outside: list[str] = []
    context.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "about:", "blob:"))
            else None
        ),
    )
    opened = context.new_page()
    yield opened
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


SEARCH_READY_TIMEOUT_MS = 60_000
"""How long Material's search may take to load its index (seconds on a loaded machine)."""

_SEARCH_META = ".md-search-result__meta"
_INITIAL_SEARCH_META = """async (selector) => {
    const page = await (await fetch(location.href)).text();
    const served = new DOMParser().parseFromString(page, "text/html");
    return served.querySelector(selector).textContent.trim();
}"""
_SEARCH_META_CHANGED = """([selector, initial]) =>
    document.querySelector(selector).textContent.trim() !== initial"""


def wait_for_search_index(page: Any) -> None:
    """Wait until Material's search worker has built its index, before the first keystroke
    (typed earlier, it is lost).  The page is served saying "Initializing search" (in the
    tree's language) under the search box; the script replaces it ("Type to start
    searching") once the worker says it is ready.  The served text is read again from the
    server, so a worker that was ready before this call is not waited for."""
    initial = page.evaluate(_INITIAL_SEARCH_META, _SEARCH_META)
    assert initial, "the page has no search metadata to wait on"
    page.wait_for_function(
        _SEARCH_META_CHANGED, arg=[_SEARCH_META, initial], timeout=SEARCH_READY_TIMEOUT_MS
    )


def axe_violations(page: object, impacts: tuple[str, ...] | None = None) -> list[str]:
    """axe-core's violations on ``page`` (of the given impacts, else all), one line each: rule,
    impact, help and the first elements it names.  axe's script comes from the installed
    axe_playwright_python package: nothing is fetched."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(node["target"][0]) for node in v["nodes"][:5])
        for v in Axe().run(page).response["violations"]
        if impacts is None or v["impact"] in impacts
    ]
