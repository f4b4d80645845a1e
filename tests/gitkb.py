"""Disposable git repositories holding a knowledge base, independent of the machine's git config.

Every git test builds its repository here: the user's global and system configuration, and any
``GIT_*`` variable of the calling shell (a ``GIT_DIR`` left over from a hook, an author override),
would otherwise change what the tests see.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

AUTHOR = ("Ana Editor", "ana@example.org")


def isolate_git(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """No inherited GIT_* variable, no global or system config, a private HOME."""
    for name in list(os.environ):
        if name.startswith("GIT_") and not name.startswith("GIT_PYTHON"):
            monkeypatch.delenv(name)
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text("")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    completed = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout


def init_repo(root: Path, message: str = "The knowledge base") -> None:
    """``git init`` the folder, configure a known author, and commit everything in it."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", AUTHOR[0])
    git(root, "config", "user.email", AUTHOR[1])
    git(root, "config", "commit.gpgsign", "false")
    git(root, "config", "tag.gpgsign", "false")
    commit_all(root, message, date="2026-01-05T10:00:00+00:00")


def commit_all(
    root: Path,
    message: str,
    *,
    author: tuple[str, str] = AUTHOR,
    date: str = "2026-02-01T09:00:00+00:00",
) -> str:
    git(root, "add", "-A")
    env = {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    git(root, "commit", "-q", "-m", message, env=env)
    return git(root, "rev-parse", "HEAD").strip()


@dataclass(frozen=True)
class Snapshot:
    """Everything a refusal must leave as it was: every file's bytes (``.git`` included), every
    ref, and what ``git status`` says."""

    files: dict[str, bytes]
    refs: str
    status: str


def snapshot(root: Path, *, with_git_files: bool = True) -> Snapshot:
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not with_git_files and relative.split("/", 1)[0] == ".git":
            continue
        if path.is_file() and not path.is_symlink():
            files[relative] = path.read_bytes()
        elif path.is_dir():
            files[relative + "/"] = b""
    is_repo = (root / ".git").exists()
    refs = git(root, "rev-parse", "--all") + git(root, "tag", "-l") if is_repo else ""
    status = git(root, "status", "--porcelain", "--untracked-files=all") if is_repo else ""
    return Snapshot(files, refs, status)


def changed_files(before: Snapshot, after: Snapshot) -> list[str]:
    """The paths whose presence or bytes differ, for a readable assertion message."""
    return sorted(
        path
        for path in set(before.files) | set(after.files)
        if before.files.get(path) != after.files.get(path)
    )
