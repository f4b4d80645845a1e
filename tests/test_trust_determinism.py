"""Same inputs, same site: two builds that share nothing but the knowledge base are identical.

The two copies of the example live at different paths (of different lengths), their files carry
different modification times, and each is built by ``redraft build`` in its own interpreter with
a different hash seed (set iteration order), time zone and locale.  Every file of the built site
and of the generated pages must then be byte for byte the same: a build date, an absolute path,
a set's order, a local time or a file's mtime leaking into any output would show here.

The build dates itself from the knowledge base's latest public date (``SOURCE_DATE_EPOCH``, which
MkDocs uses for the sitemap's ``lastmod`` and gzip uses for its header), never from the clock.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .site_support import example_site_root

RUNS = [
    # (where the copy lives, its files' mtime, the interpreter's environment)
    ("a", 1_900_000_000, {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}),
    (
        "a-much-longer-folder/with depth",
        1_000_000_000,
        {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"},
    ),
]


def _build(destination: Path, mtime: int, environment: dict[str, str]) -> subprocess.Popen[str]:
    root = example_site_root(destination)
    for path in [root, *root.rglob("*")]:
        os.utime(path, (mtime, mtime))
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "REDRAFT_DEBUG")}
    env.update(environment)
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from redraft.cli import run; run()",
            "build",
            "--strict",
            str(root),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative POSIX path) and the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("determinism")
    roots = [base / where / "kb" for where, _, _ in RUNS]
    processes = [
        _build(root, mtime, env) for root, (_, mtime, env) in zip(roots, RUNS, strict=True)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, stderr
    return roots[0], roots[1]


def _first_difference(first: Path, second: Path) -> str:
    try:
        a = first.read_text(encoding="utf-8").splitlines()
        b = second.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return "(binary)"
    return "\n".join(list(difflib.unified_diff(a, b, lineterm="", n=0))[:12])


@pytest.mark.parametrize("output", ["site", "build/pages"])
def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path], output: str) -> None:
    first, second = (root / output for root in two_builds)
    a, b = tree(first), tree(second)
    assert len(a) > 100
    assert sorted(a) == sorted(b)
    different = [path for path in a if a[path] != b[path]]
    assert different == [], "\n\n".join(
        f"{path}:\n{_first_difference(first / path, second / path)}" for path in different[:5]
    )


def test_no_absolute_path_or_clock_in_the_output(two_builds: tuple[Path, Path]) -> None:
    # byte-identical trees could still share a leak that both runs wrote alike (the same clock
    # minute); the copies' paths, and this year's date, must not be in either
    import datetime as dt

    today = dt.date.today().isoformat()
    for root in two_builds:
        for path in sorted((root / "site").rglob("*")):
            if not path.is_file() or path.suffix in (".png", ".gz", ".woff2"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            assert str(root) not in text, path
            assert today not in text, path
