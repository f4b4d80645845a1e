#!/usr/bin/env python3
"""Benchmark what git adds to Redraft: the release-tag proof in ``redraft check``, reading the
draft at a revision (``draft@REV``) and the provenance of the draft.

    .venv/bin/python scripts/bench_git.py [--commits 20] [--repeat 5]

Copies the example knowledge base into temporary folders and measures, best of ``--repeat``:

- ``check`` outside git, in git with no release tag, and in git after a release (one more
  version to load, and the tag's tree read and every file hashed; the proof alone is timed too);
- loading the knowledge base from the work tree (``load``) against loading it from a commit
  (``GitTreeSource``), uncached;
- ``last_changed`` and ``changes_since_release`` over ``--commits`` commits that each reword one
  guideline, and ``redline_of`` for every one of them (two ``draft@`` loads and a comparison).

The git-less figures are the baseline: the script prints each git figure as a ratio to them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from redraft.checks.integrity import release_tags_unchanged  # noqa: E402
from redraft.checks.rules import check  # noqa: E402
from redraft.kb import revision as gitsource  # noqa: E402
from redraft.kb.load import load, load_from  # noqa: E402
from redraft.kb.repository import open_repository, release_tag_contents  # noqa: E402
from redraft.kb.revision import GitTreeSource, resolve_commit  # noqa: E402
from redraft.release.provenance import (  # noqa: E402
    ChangesSinceRelease,
    changes_since_release,
    last_changed,
    redline_of,
)
from redraft.release.release import ReleaseRequest, execute_release, plan_release  # noqa: E402

ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, env=ENV, check=True, capture_output=True, text=True
    ).stdout


def copy_example(destination: Path) -> Path:
    destination.mkdir(parents=True)
    for name in ("redraft.yml", "guidelines", "comments"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


def init(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "example")


def best(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_each(repeat: int, actions: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The best time of each action, running them in turn ``repeat`` times (after one warm-up)."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for action in actions.values():
        action()
    for _ in range(repeat):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in times.items()}


def report(name: str, seconds: float, baseline: float | None = None) -> None:
    ratio = f"  ({seconds / baseline:.2f}× the baseline)" if baseline else ""
    print(f"{name:<58} {seconds * 1000:8.1f} ms{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.update(ENV)

    with tempfile.TemporaryDirectory() as tmp:
        plain = copy_example(Path(tmp) / "plain")
        in_git = copy_example(Path(tmp) / "git")
        init(in_git)
        released = copy_example(Path(tmp) / "released")
        init(released)
        execute_release(plan_release(released, ReleaseRequest("2020-1", "S/2020/1", "2020-01-10")))

        def load_head() -> None:
            with open_repository(in_git) as kb_repo:
                load_from(GitTreeSource(kb_repo, resolve_commit(kb_repo, "HEAD")))

        released_result = load(released)

        # interleaved, so that a busy machine slows every candidate alike
        timed = best_of_each(
            args.repeat,
            {
                "check, outside git (baseline)": lambda: check(plain),
                "check, in git, no release tag": lambda: check(in_git),
                "check, in git, one release tag (folder vs tag tree)": lambda: check(released),
                "  of which the release-tag proof alone": lambda: release_tags_unchanged(
                    released_result,
                    release_tag_contents(
                        released, [f.version_id for f in released_result.version_files]
                    ),
                ),
                "load from the work tree (baseline)": lambda: load(in_git),
                "load from HEAD's tree (GitTreeSource, uncached)": load_head,
            },
        )
        print(f"check and load, best of {args.repeat}")
        names = list(timed)
        for name in names[:4]:
            report(name, timed[name], None if name == names[0] else timed[names[0]])
        for name in names[4:]:
            report(name, timed[name], None if name == names[4] else timed[names[4]])
        load_baseline = timed[names[4]]

        target = released / "guidelines/draft"
        guideline_files = sorted(p for p in target.glob("*.md") if "." not in p.stem)
        for index in range(args.commits):
            path = guideline_files[index % len(guideline_files)]
            path.write_text(path.read_text() + f"\nAn added paragraph, number {index}.\n")
            git(released, "commit", "-q", "-am", f"Change {index}")

        print(f"\nprovenance over {args.commits} commits after a release, best of {args.repeat}")
        report("last_changed", best(args.repeat, lambda: last_changed(released)))
        report(
            "changes_since_release (the list, no redlines)",
            best(args.repeat, lambda: changes_since_release(released)),
        )
        since = changes_since_release(released)
        assert isinstance(since, ChangesSinceRelease) and len(since.changes) == args.commits

        def all_redlines() -> None:
            gitsource._LOADED.clear()  # a cold start: nothing loaded yet
            for change in since.changes:
                redline_of(released, change)

        seconds = best(max(1, args.repeat // 2), all_redlines)
        report(f"redline_of for all {args.commits} commits (cold)", seconds)
        report("  per commit", seconds / args.commits, load_baseline)


if __name__ == "__main__":
    main()
