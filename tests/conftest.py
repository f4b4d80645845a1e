"""Fixtures shared by every test: the example knowledge base, disposable copies of it, its site
(generated and built once per session), and Debian's chromium for the browser tests.

Browser tests are slow and need chromium, so they carry ``@pytest.mark.browser`` and a quick run
leaves them out with ``-m "not browser"``.  The collection hook below keeps that promise: a test
that gets the ``browser`` fixture without the mark, or a test module that starts a browser some
other way, stops the run before any test runs."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from redraft.kb.load import LoadResult, load
from redraft.kb.model import KnowledgeBase
from redraft.kb.problems import Problem
from redraft.site.config import default_base
from redraft.site.generate import SiteFiles, generate_site

REPO = Path(__file__).resolve().parent.parent
KB_PARTS = ("redraft.yml", "guidelines", "comments", "records")


@pytest.fixture(scope="session")
def example_root() -> Path:
    """The example knowledge base at the repository root (read-only: copy it to change it)."""
    return REPO


@pytest.fixture(scope="session")
def example_loaded() -> LoadResult:
    return load(REPO)


@pytest.fixture(scope="session")
def example_kb(example_loaded: LoadResult) -> KnowledgeBase:
    return example_loaded.kb


def copy_example(destination: Path) -> Path:
    """Copy the example's data files (not the code) into ``destination`` and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in KB_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example knowledge base that a test may break."""
    return copy_example(tmp_path / "kb")


@pytest.fixture(scope="session")
def example_pages(example_kb: KnowledgeBase) -> SiteFiles:
    """The unmodified example's public site as generated Markdown and configuration, before
    MkDocs (read-only).  One hand-written page (``about.md``) stands in for ``docs/``."""
    return generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={"about.md": b"# About\n"},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
        internal=False,
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unmodified example's public site, built once per run with ``--strict``: the root of
    the copy it was built from, the site in its ``site/``.  A full build costs seconds, and the
    site, trust and browser tests all read the same one: treat it as read-only (a test that
    changes the knowledge base or the output copies it, or builds its own).

    Under pytest-xdist each worker is a session of its own; the first worker to need the site
    builds it and the others wait for it and read the same folder (the workers' temporary
    folders share a parent, which is the run's)."""
    from .site_support import build_example  # site_support imports this module

    if "PYTEST_XDIST_WORKER" not in os.environ:
        root, result = build_example(tmp_path_factory.mktemp("example-site"))
        assert result.mkdocs_warnings == ()
        return root
    shared = tmp_path_factory.getbasetemp().parent
    built_at = shared / "example-site.root"  # written once the build has passed
    with (shared / "example-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if built_at.is_file():
            return Path(built_at.read_text(encoding="utf-8"))
        root, result = build_example(tmp_path_factory.mktemp("example-site"))
        assert result.mkdocs_warnings == ()
        built_at.write_text(str(root), encoding="utf-8")
    return root


PLANTED_DRIFT = "guidelines/draft/pre-seizure-planning.zh.md"
"""The example's one warning, on purpose: its Chinese (b) of guideline 1 was not updated after the
English changed (tests/test_translations.py and test_check_rules.py assert it)."""


def is_planted_drift(problem: Problem) -> bool:
    return (
        problem.path == PLANTED_DRIFT
        and problem.severity == "warning"
        and "is outdated" in problem.message
    )


# -- the browser ----------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser), once per session."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/dev.sh test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


BROWSER_FIXTURE = "browser"
BROWSER_MARK = "browser"
_STARTS_A_BROWSER = re.compile(r"sync_playwright\(\)|async_playwright\(\)|\.launch\(")


def browser_rule_breaches(items: list[pytest.Item]) -> list[str]:
    """Why each test that starts a browser breaks the rule: it must be marked ``browser``, and
    it must start chromium through the ``browser`` fixture (a module that launches one itself
    could not be told apart from a quick test)."""
    breaches = []
    launching: dict[Path, bool] = {}
    for item in items:
        uses_browser = BROWSER_FIXTURE in getattr(item, "fixturenames", ())
        if uses_browser and item.get_closest_marker(BROWSER_MARK) is None:
            breaches.append(
                f"{item.nodeid}: uses the browser fixture but is not marked @pytest.mark.browser"
            )
        path = Path(item.path)
        if path.name != "conftest.py" and path not in launching:
            source = path.read_text(encoding="utf-8") if path.suffix == ".py" else ""
            launching[path] = _STARTS_A_BROWSER.search(source) is not None
            if launching[path]:
                breaches.append(
                    f"{path.name}: starts a browser itself; take the browser fixture "
                    "(tests/conftest.py) and mark the test @pytest.mark.browser"
                )
    return breaches


@pytest.hookimpl(tryfirst=True)  # before -m deselects: an unmarked test would escape unseen
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    breaches = browser_rule_breaches(items)
    if breaches:
        raise pytest.UsageError("browser tests must be marked:\n" + "\n".join(breaches))
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    if cache is not None:
        slowest_files_first(items, cache.get(FILE_SECONDS, {}))


# -- the slowest files first ---------------------------------------------------------------------

FILE_SECONDS = "redraft/seconds-per-test-file"
"""Where pytest's cache (``.pytest_cache/``) keeps how long each test file took when it last ran.

``scripts/dev.sh test`` gives each pytest-xdist worker a whole file at a time, in the order of
collection (``--no-loadscope-reorder``).  Alphabetically the slow site and trust files come last,
and one worker would finish its share while the other still builds sites; starting with the
slowest file and ending with the quick ones balances the workers (the longest-job-first rule).
The first run, or a run without the cache, keeps the usual order."""


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def slowest_files_first(items: list[pytest.Item], seconds: Mapping[str, float]) -> None:
    """Order ``items`` by their file's last known duration, longest first; a file's tests stay
    together and in their order, and files never timed keep theirs, after the others."""
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first_seen.setdefault(file_of(item.nodeid), index)

    def key(item: pytest.Item) -> tuple[float, int]:
        file = file_of(item.nodeid)
        return (-float(seconds.get(file, 0.0)), first_seen[file])

    items.sort(key=key)  # stable: within a file, the collection order


class FileTimes:
    """The seconds each test file takes in this run: setup, call and teardown, so that a
    module's shared build counts for its file."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, report: pytest.TestReport) -> None:
        file = file_of(report.nodeid)
        self.seconds[file] = self.seconds.get(file, 0.0) + report.duration

    def save(self, cache: pytest.Cache) -> None:
        """Merge into what earlier runs recorded: a run of a few files keeps the others'."""
        if self.seconds:
            known = dict(cache.get(FILE_SECONDS, {}))
            known.update({file: round(seconds, 2) for file, seconds in self.seconds.items()})
            cache.set(FILE_SECONDS, known)


_this_run = FileTimes()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _this_run.add(report)  # under pytest-xdist the controller receives every worker's reports


def pytest_sessionfinish(session: pytest.Session) -> None:
    cache = getattr(session.config, "cache", None)
    if cache is not None and not hasattr(session.config, "workerinput"):
        _this_run.save(cache)  # the controller's, or a run without workers


# -- what a build of the example makes once, for the session -----------------------------------


def once_for_the_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder ``make`` fills once for the whole run: under pytest-xdist the first worker to
    ask makes it while the others wait, then all read the same folder (the workers' temporary
    folders share a parent, which is the run's).  Treat it as read-only."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent
    made_at = shared / f"{name}.path"  # written once ``make`` has returned
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if made_at.is_file():
            return Path(made_at.read_text(encoding="utf-8"))
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        made_at.write_text(str(folder), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def example_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The document cache (``build/cache/documents/``) of the unmodified example: the Word and
    Excel files ``redraft build`` offers for download, made once per run by the code the
    command runs (``redraft._api.site_documents``).  A copy of the example given this cache
    (``site_support.example_site_root(..., documents=...)``) builds as the command does, its
    documents reused as a rebuild reuses them instead of made again (seconds a build); the
    tests of the documents themselves (test_site_downloads.py) make their own."""
    from redraft._api import site_documents
    from redraft.site.documents import offered

    def make(folder: Path) -> None:
        root = copy_example(folder / "kb")
        kb = load(root).kb
        maker = site_documents(root)
        for request in offered(kb.without_restricted(), internal=False):
            maker(kb, request)

    return once_for_the_run(tmp_path_factory, "example-documents", make) / "kb" / "build" / "cache"


@pytest.fixture(scope="session")
def example_published(
    tmp_path_factory: pytest.TempPathFactory, example_site: Path, example_documents: Path
) -> Path:
    """The unmodified example built as ``redraft build`` builds it (``redraft.build``: with the
    documents it offers for download, which ``example_site`` leaves out), once per run: the
    root of the copy, its site in ``site/`` and its caches in ``build/cache/``.  The pages that
    link to the documents, and the main tree's list of files, differ from ``example_site``'s,
    so a test whose builds offer documents starts from this build's render cache
    (``site_support.example_site_root(..., rendered=...)``) to render only what it changed.
    Read-only, like ``example_site``.

    It is a rebuild of a copy of ``example_site`` with the session's documents: the main tree
    is rendered again (its list of files has the documents), the language trees only in the
    pages that link to a document; the site is the one a first build gives
    (test_site_incremental.py)."""
    import redraft

    from .site_support import built_copy  # site_support imports this module

    def make(folder: Path) -> None:
        root = built_copy(example_site, folder / "kb")
        shutil.copytree(example_documents, root / "build" / "cache", dirs_exist_ok=True)
        result = redraft.build(root, strict=True)
        assert not result.up_to_date
        assert result.mkdocs_warnings == ()

    return once_for_the_run(tmp_path_factory, "example-published", make) / "kb"
