"""The third pass on ``redraft check``'s time (issue 18): each change answers as before.

The cyclic collector paused while loading is resumed as it was found; the YAML builder's inline
path for plain text keeps the limits and messages at their edges; a recursive listing from
directory entries lists what ``Path.rglob`` listed, in its order, with the same refusals; a
manifest's digest is accepted exactly when it is 64 lowercase hexadecimal digits.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from redraft.checks.rules import check
from redraft.kb import yamlio
from redraft.kb.collector import collector_paused
from redraft.kb.load import load
from redraft.kb.manifest import parse_manifest
from redraft.kb.sources import SPECIAL_FILE, FileSource

from .test_check_fast_paths import read


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_loading_and_checking_resume_the_collector(
    example_root: Path, collector_enabled: None
) -> None:
    load(example_root)
    assert gc.isenabled()
    assert check(example_root) == check(example_root)
    assert gc.isenabled()


def test_a_callers_pause_is_left_as_it_was(example_root: Path, collector_enabled: None) -> None:
    gc.disable()
    load(example_root)
    check(example_root)
    assert not gc.isenabled()


def test_the_collector_resumes_after_an_exception(collector_enabled: None) -> None:
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("boom")
    assert gc.isenabled()


def _fast_and_slow(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    fast = read(text, 1)
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "MAX_C_COMPOSED_CHARS", -1)  # the Python composer's answer
        slow = read(text, 1)
    assert fast == slow
    return fast


def _nested(levels: int) -> str:
    return "".join(f"{'  ' * level}a:\n" for level in range(levels)) + f"{'  ' * levels}b: text\n"


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # the root mapping, its key and the list count three: then every item one value
        ("items: [" + ",".join(["a"] * (yamlio.MAX_NODES - 3)) + "]\n", False),
        ("items: [" + ",".join(["a"] * (yamlio.MAX_NODES - 2)) + "]\n", True),
        ("- &a text\n- *a\n", True),  # an alias of a plain text, in a list
        ("a: &a text\nb: *a\n", True),  # and as a mapping's value
        (_nested(yamlio.MAX_DEPTH - 1), False),  # the text at the deepest level allowed
        (_nested(yamlio.MAX_DEPTH), True),
        ("- 'quoted'\n- plain\n- 12\n- true\n- ~\n- \"x\"\n", False),
    ],
)
def test_plain_texts_taken_inline_keep_the_limits_and_messages(
    text: str, refused: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = _fast_and_slow(text, monkeypatch)
    assert (isinstance(answer, tuple) and answer[0] == "error") is refused


def _rglob_listing(files: FileSource, relative: str) -> tuple[list[str], list[tuple[str, str]]]:
    """What ``list_files(recursive=True)`` answered before, through pathlib: the oracle."""
    path = files.root / relative
    found = []
    refused: dict[str, str] = {}
    for entry in sorted(path.rglob("*")):
        rel = entry.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        where = f"{relative}/{rel.as_posix()}"
        try:
            entry.resolve().relative_to(files.root)
            inside = True
        except (RuntimeError, OSError, ValueError):
            inside = False
        if entry.is_symlink() and not inside:
            refused[where] = "link"
        elif entry.is_file() or (entry.is_symlink() and not entry.exists()):
            found.append(rel.as_posix())
        elif not entry.is_dir():
            refused[where] = SPECIAL_FILE
    return found, sorted(refused.items())


def test_a_recursive_listing_is_what_rglob_listed(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    folder = root / "guidelines" / "2019-1"
    for name in ("a/b/c.md", "a-c/d.md", "a.md", "A.md", "z/.hidden.md", ".hid/x.md", "é.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x\n")
    os.symlink(folder / "a", folder / "linked-folder")  # inside the root: not walked into
    os.symlink(folder / "a.md", folder / "a" / "linked.md")  # a link to a file inside: listed
    os.symlink("/etc/hostname", folder / "outside.md")  # leads out: refused
    os.symlink("nowhere.md", folder / "a-c" / "dangling.md")  # dangling: listed, to report it
    os.mkfifo(folder / "a" / "b" / "pipe.md")  # special: refused
    files = FileSource(root)
    listed = files.list_files("guidelines/2019-1", recursive=True)
    expected, expected_refused = _rglob_listing(FileSource(root), "guidelines/2019-1")
    assert listed == expected
    assert [path for path, _ in files.refused()] == [path for path, _ in expected_refused]
    assert listed.index("a/b/c.md") < listed.index("a-c/d.md")  # by parts, not by characters
    assert "a/linked.md" in listed and "a-c/dangling.md" in listed
    assert not any(name.startswith("linked-folder") for name in listed)


@pytest.mark.parametrize(
    ("digest", "accepted"),
    [
        ("0123456789abcdef" * 4, True),
        ("0123456789ABCDEF" * 4, False),
        ("a" * 63, False),
        ("a" * 65, False),
        ("g" * 64, False),
        ("a" * 63 + "\u0663", False),  # an Arabic-Indic digit is no hexadecimal digit
        ("", False),
    ],
)
def test_a_manifest_digest_is_64_lowercase_hexadecimal_digits(digest: str, accepted: bool) -> None:
    parsed = parse_manifest(f"{digest}  guideline.md\n\n")
    assert parsed == ({"guideline.md": digest} if accepted else None)
