"""Attacks on the build itself: a site folder that would destroy the knowledge base, two builds
at once, the permissions of what is published, and a disk that refuses (issue 14, items 1, 2, 3
and 10; docs/trust.md).

Each test performs the attack as an operator could, through the ``redraft`` command, and asserts
the safe outcome: the knowledge base intact, nothing half-published, one clear line, the exit code.
The disk attacks mount a small tmpfs (root only, as on CI); elsewhere they are skipped, saying why.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from redraft.site.output import LOCK_FILE, SITE_MARKER, build_lock

from .site_support import example_site_root, warm_render_cache

COMMAND = [sys.executable, "-c", "from redraft.cli import run; run()"]


def redraft(*args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, timeout=600, preexec_fn=set_umask
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (``.git`` included): what must survive."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def set_site_dir(root: Path, value: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("docs_dir: docs\n", f"docs_dir: docs\nsite_dir: {value}\n"))


def staging_left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and "tmp" in p.name)


SOME_TREES = ("--language", "en", "--language", "ar")
"""The main tree and the smallest language tree: every step a build takes for the whole site
(the main tree's staging folder, a language tree's folder moved into it, the swap), in a third
of the time.  The attacks below are on those steps, which are the same for every tree."""
SMALLEST_TREE = ("--language", "ar")
"""For an attack refused when the site is put in place, after whatever was built."""


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    root = example_site_root(tmp_path / "kb")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".git" / "description").write_text("the repository itself\n")
    return root


@pytest.fixture
def warm_caches(kb: Path, example_documents: Path, example_published: Path) -> None:
    """The documents a build of ``kb`` offers, already made (``example_documents``), and the
    pages already rendered (``example_published``'s render cache): the builds of the test
    reuse them, as a rebuild does, rather than make them again.  The attacks below are on
    where the site is put, after whatever was rendered."""
    shutil.copytree(example_documents, kb / "build" / "cache")
    warm_render_cache(kb, example_published)


# -- 1. a site folder that would replace something -----------------------------------------------


@pytest.mark.parametrize(
    ("site_dir", "says"),
    [
        (".", "would contain the knowledge base itself"),
        ("..", "would contain the knowledge base itself"),
        ("guidelines", "would replace 'guidelines'"),
        ("guidelines/draft", "would replace 'guidelines'"),
        ("comments", "would replace 'comments'"),
        ("records", "would replace 'records'"),
        ("docs", "would replace 'docs'"),
        (".git", "would replace '.git'"),
        ("build", "would replace 'build/pages'"),
        ("build/pages/main", "would replace 'build/pages'"),
    ],
)
def test_a_site_dir_over_the_knowledge_base_is_refused(kb: Path, site_dir: str, says: str) -> None:
    precious = kb.parent / "precious.txt"
    precious.write_text("a file beside the knowledge base\n")
    set_site_dir(kb, site_dir)
    before = tree(kb.parent)
    result = redraft("build", str(kb))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("redraft build: error: mkdocs.yml: site_dir: ")
    assert says in lines[0]
    assert tree(kb.parent) == before  # nothing written, nothing deleted
    assert not (kb / "build").exists() or site_dir.startswith("build")


def test_a_site_dir_naming_a_folder_of_other_files_is_refused(kb: Path) -> None:
    """``site_dir: src`` (any folder that is not a site) would have been swapped for the site."""
    (kb / "src").mkdir()
    (kb / "src" / "tool.py").write_text("print('keep me')\n")
    set_site_dir(kb, "src")
    before = tree(kb)
    result = redraft("build", str(kb), "--pages-only")
    assert result.returncode == 2
    assert "holds files that are not a built site" in result.stderr
    assert tree(kb) == before


@pytest.mark.usefixtures("warm_caches")
def test_a_site_dir_outside_the_root_is_built_with_the_umask_modes_and_rebuilt(
    kb: Path,
) -> None:
    """The refusals leave the legitimate case alone: a site folder of its own, anywhere.  And
    what is published can be served: the site came out 0700 from ``mkdtemp``, so a web server
    running as another user got 403."""
    outside = kb.parent / "www" / "guidelines-site"
    set_site_dir(kb, str(outside))
    built = redraft("build", str(kb), *SOME_TREES, umask=0o022)
    assert built.returncode == 0, built.stderr
    assert (outside / "index.html").is_file() and (outside / SITE_MARKER).is_file()
    folders = [outside, *(p for p in outside.rglob("*") if p.is_dir())]
    files = [p for p in outside.rglob("*") if p.is_file()]
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}
    (kb / "redraft.yml").write_text((kb / "redraft.yml").read_text() + "\n")
    (kb / "guidelines" / "draft" / "outline.yml").write_text(
        (kb / "guidelines" / "draft" / "outline.yml").read_text().replace("title: ", "title: X ", 1)
    )
    assert redraft("build", str(kb), *SOME_TREES).returncode == 0  # its own site is replaced
    assert staging_left(outside.parent) == []


# -- 2. two builds at once -------------------------------------------------------------------------


def test_a_second_build_while_one_runs_is_refused_with_the_holder(kb: Path) -> None:
    with build_lock(kb):
        result = redraft("build", str(kb))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"redraft build: error: {LOCK_FILE}: another build of this knowledge base is running "
        f"(pid {os.getpid()}); try again when it has finished"
    )
    assert not (kb / "site").exists()


@pytest.mark.usefixtures("warm_caches")
def test_a_lock_left_by_a_killed_build_is_taken_over_and_said(kb: Path) -> None:
    lock = kb / LOCK_FILE
    lock.parent.mkdir(parents=True, exist_ok=True)  # build/ holds the documents made
    lock.write_text("999999999\n")  # no such process: a build killed while holding it
    result = redraft("build", str(kb), "--pages-only")
    assert result.returncode == 0, result.stderr
    assert "a build (pid 999999999) was interrupted; this build takes over" in result.stderr
    assert not lock.exists()  # released


@pytest.mark.usefixtures("warm_caches")
def test_two_builds_at_once_publish_one_complete_site(
    kb: Path, tmp_path: Path, example_documents: Path, example_published: Path
) -> None:
    """The attack: two builds started together used to publish half a site with exit 0.  The
    reference is a lone `redraft build` of another copy of the same example (with the documents
    the command offers for download, which the session's shared build leaves out): the same
    inputs build the same bytes wherever they lie (test_trust_determinism.py)."""
    alone = example_site_root(
        tmp_path / "alone" / "kb", documents=example_documents, rendered=example_published
    )
    subprocess.run(["git", "init", "-q", str(alone)], check=True)
    command = [*COMMAND, "build", *SOME_TREES]
    lone = subprocess.run([*command, str(alone)], capture_output=True, text=True)
    assert lone.returncode == 0, lone.stderr
    reference = tree(alone / "site")
    first = subprocess.Popen([*command, str(kb)], stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen([*command, str(kb)], stderr=subprocess.PIPE, text=True)
    codes = [first.wait(timeout=600), second.wait(timeout=600)]
    errors = [first.stderr.read(), second.stderr.read()]  # type: ignore[union-attr]
    assert 0 in codes
    for code, error in zip(codes, errors, strict=True):
        assert code == 0 or "another build of this knowledge base is running" in error
    assert tree(kb / "site") == reference  # whole, and the same bytes as a lone build
    assert staging_left(kb) == []


# -- 10. a disk that refuses -----------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()!r}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def previous_site(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<!doctype html><title>the previous site</title>\n")
    (folder / SITE_MARKER).write_text("built\n")
    return tree(folder)


def assert_refused_cleanly(result: subprocess.CompletedProcess[str], *, says: str) -> None:
    assert result.returncode == 1, result.stderr
    # Outside a terminal the build says its phases first (redraft.cli.progress); the error is
    # one line, the last.
    said = result.stderr.strip().splitlines()
    lines = [line for line in said if not line.startswith("redraft: ")]
    assert len(lines) == 1 and said[-1] == lines[0], said
    assert says in lines[0] and "the previous site is unchanged" in lines[0]
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.usefixtures("warm_caches")
def test_a_full_disk_leaves_the_previous_site_and_no_staging(kb: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "600k") as small:
        site = small / "site"
        before = previous_site(site)
        set_site_dir(kb, str(site))
        result = redraft("build", str(kb), *SMALLEST_TREE)
        assert_refused_cleanly(result, says="the disk is full")
        assert tree(site) == before
        assert staging_left(small) == []


@pytest.mark.usefixtures("warm_caches")
def test_a_read_only_disk_is_one_line(kb: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "4m") as disk:
        site = disk / "site"
        before = previous_site(site)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        set_site_dir(kb, str(site))
        result = redraft("build", str(kb))
        assert_refused_cleanly(result, says="read-only")
        assert tree(site) == before


@pytest.mark.usefixtures("warm_caches")
def test_an_immutable_site_is_one_line(kb: Path) -> None:
    site = kb / "site"
    before = previous_site(site)
    made = subprocess.run(["chattr", "+i", str(site)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {made.stderr.strip()!r}")
    try:
        result = redraft("build", str(kb), *SMALLEST_TREE)
    finally:
        subprocess.run(["chattr", "-i", str(site)], check=True)
    assert_refused_cleanly(result, says="chattr -i")
    assert tree(site) == before
    assert staging_left(kb) == []


@pytest.mark.usefixtures("warm_caches")
def test_a_site_that_is_a_mount_point_is_one_line(kb: Path) -> None:
    with tmpfs(kb / "site", "8m") as site:
        before = previous_site(site)
        result = redraft("build", str(kb), *SMALLEST_TREE)
        assert_refused_cleanly(result, says="set site_dir to a folder inside it")
        assert tree(site) == before
        assert staging_left(kb) == []
