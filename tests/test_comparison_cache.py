"""Guideline comparisons kept between builds (build/cache/compare): read back equal to what
comparing makes, used by the next process so that an edit compares only the edited guideline,
with the pages a clean generation makes; a damaged, planted or foreign cache is compared again;
entries unused for :data:`MAX_AGE` builds are forgotten; a failed build keeps nothing."""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.redline import compare, comparison_cache
from redraft.redline.compare import GuidelineChange, comparisons_stored_in, diff_versions
from redraft.redline.comparison_cache import CACHE_FILE, MAX_AGE, ComparisonCache, key_digest
from redraft.site.build import prepare
from redraft.site.errors import SiteBuildError

from .test_site_generation_reuse import (
    DRAFT_FILE,
    clean_pages,
    counting_comparisons,
    differences,
    edit,
)


class _Recording:
    """A store that keeps nothing back and notes every comparison made."""

    def __init__(self) -> None:
        self.made: dict[tuple[object, ...], GuidelineChange] = {}

    def get(self, key: tuple[object, ...]) -> GuidelineChange | None:
        return None

    def put(self, key: tuple[object, ...], change: GuidelineChange) -> None:
        self.made[key] = change

    def used(self, key: tuple[object, ...], change: GuidelineChange) -> None:
        pass


@pytest.fixture(scope="module")
def compared(example_kb: KnowledgeBase) -> dict[tuple[object, ...], GuidelineChange]:
    """Every guideline comparison of every pair of the example's versions, in every language,
    by key: merges, splits, replacements, notes, footnotes, retitles and translations."""
    compare.forget_comparisons()
    recording = _Recording()
    ids = [version.id for version in example_kb.versions]
    with comparisons_stored_in(recording):
        for old in ids:
            for new in ids:
                if old != new:
                    diff_versions(example_kb, old, new)
        for language in ("fr", "es", "zh"):
            having = [
                version.id for version in example_kb.versions if language in version.languages
            ]
            diff_versions(example_kb, having[0], having[-1], language=language)
    compare.forget_comparisons()
    return recording.made


def _kept(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = pickle.loads((root / CACHE_FILE).read_bytes())
    return data


def test_a_kept_comparison_reads_back_equal(
    compared: dict[tuple[object, ...], GuidelineChange], tmp_path: Path
) -> None:
    kinds = {kind for change in compared.values() for kind in change.changes}
    assert {"merged", "split", "reworded", "renumbered", "added", "deleted"} <= kinds
    assert any(change.footnotes for change in compared.values())
    sides = [side for key in compared for side in key[4:6] if side is not None]
    assert {side[3][0] for side in sides} >= {"en", "fr", "es", "zh"}  # type: ignore[index]
    first = ComparisonCache.open(tmp_path)
    for key, change in compared.items():
        assert first.get(key) is None
        first.put(key, change)
    first.keep()
    again = ComparisonCache.open(tmp_path)
    for key, change in compared.items():
        found = again.get(key)
        assert found == change and found is not change
        assert found.paragraphs == change.paragraphs  # each redline rebuilt as it was
    assert again.reused == len(compared) > 100
    assert len(_kept(tmp_path)["entries"]) == len(compared)


def test_after_an_edit_the_next_build_compares_only_the_edited_guideline(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ``redraft build`` after an editor's save: a new process (nothing kept in memory)
    reads the last build's comparisons back, compares only what the edit changed, and
    generates a clean generation's pages, file for file."""
    prepare(example_copy)
    assert compare._COMPARED == {}  # nothing kept in this process...
    assert len(_kept(example_copy)["entries"]) > 50  # ...but on disk
    made = counting_comparisons(monkeypatch)
    edit(example_copy, DRAFT_FILE, "preserve the continuity", "preserve, above all, the continuity")
    again = prepare(example_copy)
    assert again.report.written
    assert made and set(made) == {"company-continuity"}
    monkeypatch.undo()
    assert differences(example_copy / "build" / "pages", clean_pages(tmp_path, example_copy)) == []


class _RunsCode:
    """Pickled as a call of ``os.system``: what a planted pickle does when read unguarded."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def kept_root(compared: dict[tuple[object, ...], GuidelineChange], tmp_path: Path) -> Path:
    cache = ComparisonCache.open(tmp_path)
    for key, change in compared.items():
        cache.put(key, change)
    cache.keep()
    return tmp_path


def _entry_of(root: Path, key: tuple[object, ...]) -> tuple[dict[str, Any], list[Any]]:
    data = _kept(root)
    return data, data["entries"][key_digest(key)]


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "not a pickle",
        "other code",
        "runs code",
        "entry runs code",
        "entry not compressed",
        "entry inflates past the limit",
        "entry of another shape",
        "entry not a list",
        "a FIFO",
        "a link",
    ],
)
def test_a_cache_that_cannot_be_used_is_compared_again(
    compared: dict[tuple[object, ...], GuidelineChange], kept_root: Path, damage: str
) -> None:
    key, change = next((k, c) for k, c in compared.items() if c.changed)
    path = kept_root / CACHE_FILE
    data, entry = _entry_of(kept_root, key)
    marker = kept_root / "ran"
    whole_file = damage in ("truncated", "not a pickle", "other code", "runs code")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:1000])
    elif damage == "not a pickle":
        path.write_bytes(b"\x00\xff" * 100)
    elif damage == "other code":
        data["code"] = "0" * 64
    elif damage == "runs code":
        data["entries"]["planted"] = _RunsCode(str(marker))
    elif damage == "entry runs code":
        entry[1] = zlib.compress(pickle.dumps(_RunsCode(str(marker))))
    elif damage == "entry not compressed":
        entry[1] = pickle.dumps(comparison_cache.to_plain(change))
    elif damage == "entry inflates past the limit":
        entry[1] = zlib.compress(b"\x00" * (comparison_cache.MAX_ENTRY_BYTES + 1))
    elif damage == "entry of another shape":
        entry[1] = zlib.compress(pickle.dumps(("a", "b")))
    elif damage == "entry not a list":
        data["entries"][key_digest(key)] = "planted"
    elif damage == "a FIFO":
        path.unlink()
        os.mkfifo(path)
    else:
        path.unlink()
        path.symlink_to("/dev/zero")
    if damage not in ("truncated", "not a pickle", "a FIFO", "a link"):
        path.write_bytes(pickle.dumps(data))
    cache = ComparisonCache.open(kept_root)
    assert cache.get(key) is None  # compared again, never a wrong answer
    assert not marker.exists()
    if not whole_file and damage not in ("a FIFO", "a link"):
        others = [k for k in compared if k != key]
        assert all(cache.get(k) == compared[k] for k in others)  # the rest still serves
        cache.put(key, change)
        cache.keep()
        assert ComparisonCache.open(kept_root).get(key) == change  # and the entry is mended


def test_an_entry_unused_for_max_age_builds_is_forgotten(
    compared: dict[tuple[object, ...], GuidelineChange], kept_root: Path
) -> None:
    used, unused = list(compared)[:2]
    for build in range(1, MAX_AGE + 1):
        cache = ComparisonCache.open(kept_root)
        assert cache.get(used) == compared[used]
        cache.keep()
        entries = _kept(kept_root)["entries"]
        assert entries[key_digest(used)][0] == 0
        if build < MAX_AGE:
            assert entries[key_digest(unused)][0] == build
        else:
            assert key_digest(unused) not in entries
    assert len(_kept(kept_root)["entries"]) == 1


def test_a_build_that_compares_nothing_ages_nothing(
    compared: dict[tuple[object, ...], GuidelineChange], kept_root: Path
) -> None:
    """An editor's session of comment edits compares no guideline: however many builds it
    makes, the comparisons are still there for the next edit of the draft."""
    before = (kept_root / CACHE_FILE).read_bytes()
    for _ in range(MAX_AGE + 1):
        ComparisonCache.open(kept_root).keep()
    assert (kept_root / CACHE_FILE).read_bytes() == before
    assert all(entry[0] == 0 for entry in _kept(kept_root)["entries"].values())
    assert len(_kept(kept_root)["entries"]) == len(compared)


def test_a_comparison_kept_in_the_process_is_kept_on_disk_too(
    compared: dict[tuple[object, ...], GuidelineChange], tmp_path: Path
) -> None:
    """``redraft serve`` finds most comparisons in its own memory: each one it uses is kept
    for the next process as well."""
    key, change = next(iter(compared.items()))
    cache = ComparisonCache.open(tmp_path)
    cache.used(key, change)
    cache.used(key, change)
    cache.keep()
    assert ComparisonCache.open(tmp_path).get(key) == change


def test_the_code_key_follows_the_comparing_code(monkeypatch: pytest.MonkeyPatch) -> None:
    key = comparison_cache.code_key()
    assert key == comparison_cache.code_key()
    monkeypatch.setattr(comparison_cache, "FORMAT", comparison_cache.FORMAT + 1)
    assert comparison_cache.code_key() != key


def test_a_generation_that_fails_keeps_no_comparisons(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build stopped by an error changes nothing in ``build/cache``: the comparisons are kept
    by a generation that finished (here every page was made, then the build refused)."""
    from redraft.site import build
    from redraft.site.generate import PageConflict, generate_site

    def refused(*args: Any, **kwargs: Any) -> Any:
        generate_site(*args, **kwargs)
        raise PageConflict("docs/x.md:1: refused after generating")

    monkeypatch.setattr(build, "generate_site", refused)
    with pytest.raises(SiteBuildError, match="refused after generating"):
        prepare(example_copy)
    assert not (example_copy / CACHE_FILE).exists()
    monkeypatch.undo()
    prepare(example_copy)
    assert (example_copy / CACHE_FILE).is_file()


@pytest.fixture(autouse=True)
def _nothing_left_in_memory() -> Iterator[None]:
    yield
    compare.forget_comparisons()
