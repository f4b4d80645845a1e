"""The language trees are built by worker processes (``python -m redraft.site.tree_worker``)
that run nothing of the caller's: a script calling ``redraft``'s build at its top level, with no
``if __name__ == "__main__"`` guard, builds once (multiprocessing's spawn ran the script again in
every worker, whose builds found the build locked and broke the pool); and a worker dies with
the build that started it, so that no orphan writes into a folder the next build removes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .site_support import example_site_root

BUILD = (
    "from pathlib import Path\n"
    "from redraft.site.build import build\n"
    "print('started', flush=True)\n"
    "result = build(Path({root!r}), workers=2, languages=('en', 'fr'))\n"
    "print('built', result.prepared is not None, flush=True)\n"
)


def _workers_of(parent: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"redraft.site.tree_worker" in command:
            found.append(int(entry))
    return found


def test_a_script_without_a_main_guard_builds_once(tmp_path: Path) -> None:
    root = example_site_root(tmp_path / "kb")
    script = tmp_path / "script.py"
    script.write_text(BUILD.format(root=str(root)), "utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["started", "built", "True"]  # the script ran once
    assert (root / "site" / "index.html").is_file() and (root / "site" / "fr").is_dir()


def test_the_workers_die_with_the_build(tmp_path: Path) -> None:
    root = example_site_root(tmp_path / "kb")
    script = tmp_path / "script.py"
    script.write_text(BUILD.format(root=str(root)), "utf-8")
    build = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        workers: list[int] = []
        while not workers and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _workers_of(build.pid)
        assert workers, "no tree worker was seen"
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() for pid in workers):
            assert time.monotonic() < deadline, "a worker outlived the build"
            time.sleep(0.05)
    finally:
        if build.poll() is None:
            build.kill()


def test_every_page_a_worker_writes_is_relayed_in_order(tmp_path: Path) -> None:
    """The parent relays each page a worker reports, in order, before the tree's outcome: the
    progress bar of each tree counts 1, 2, ... up to the pages the tree built."""
    from redraft.site.build import build
    from redraft.site.progress import Event, PagesRendered, TreeBuilt

    root = example_site_root(tmp_path / "kb")
    events: list[Event] = []
    build(root, workers=2, languages=("en", "fr"), progress=events.append)
    built = {e.tree: e.pages for e in events if isinstance(e, TreeBuilt)}
    assert set(built) == {"/", "/fr/"}, built
    for tree, pages in built.items():
        counted = [e.done for e in events if isinstance(e, PagesRendered) and e.tree == tree]
        assert counted == list(range(1, pages + 1)), tree


def _counting_workers(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every worker process the build starts, as the parent made them."""
    from redraft.site import tree_builds

    started: list[object] = []

    class Counted(tree_builds._Worker):
        def __init__(self, epoch: int) -> None:
            super().__init__(epoch)
            started.append(self)

    monkeypatch.setattr(tree_builds, "_Worker", Counted)
    return started


def test_each_worker_builds_tree_after_tree(
    tmp_path: Path, example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers for six trees: a worker takes the next tree when it has built one, so only
    two interpreters start, not six, and every tree is what the build of the session's
    example made."""
    from redraft.site.build import build

    started = _counting_workers(monkeypatch)
    root = example_site_root(tmp_path / "kb", rendered=example_site)
    result = build(root, workers=2)
    assert result.prepared is not None
    trees = [tree.prefix for tree in result.prepared.site.trees]
    assert len(trees) == 6 and len(started) == 2
    for prefix in trees:
        built = (root / "site" / prefix / "index.html").read_bytes()
        assert built == (example_site / "site" / prefix / "index.html").read_bytes(), prefix


def test_a_worker_that_dies_fails_its_tree_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that dies (here on a configuration that is a folder, which MkDocs does not
    expect) fails the tree it was building, with the last line it wrote; a new worker builds
    the trees still waiting."""
    from redraft.site.build import prepare
    from redraft.site.tree_builds import TreeJob, build_trees

    started = _counting_workers(monkeypatch)
    root = example_site_root(tmp_path / "kb")
    prepared = prepare(root, languages=("en", "fr"))

    def job(label: str, config: Path) -> TreeJob:
        # Each tree in a folder of its own: MkDocs empties its output folder as it starts, so
        # the main tree built into the French tree's parent could remove it, as it did once
        # when the French tree happened to finish first.
        out = tmp_path / "out" / (label.strip("/") or "main")
        return TreeJob(label, config, out, False, None)

    folders = prepared.site.folders
    jobs = [
        job("/broken/", tmp_path),  # a folder, not a configuration file
        job("/fr/", prepared.layout.tree_folder(folders["fr"]) / "mkdocs.yml"),
        job("/", prepared.layout.tree_folder(folders["en"]) / "mkdocs.yml"),
    ]
    broken, french, main = build_trees(jobs, epoch=0, workers=2)
    assert broken.errors and broken.errors[0].startswith("/broken/: the build failed: ")
    assert "IsADirectoryError" in broken.errors[0], broken.errors
    assert not french.errors and not main.errors
    assert (tmp_path / "out" / "fr" / "index.html").is_file()
    assert (tmp_path / "out" / "main" / "index.html").is_file()
    # The one that died, and one for the tree still waiting (the other worker, importing
    # MkDocs and building the French tree, is still busy when the first dies at its start).
    assert len(started) == 3
