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
