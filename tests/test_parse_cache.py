"""``redraft check`` reuses the parsed texts of its last run (build/cache/parse) and answers
exactly as a check that parses everything: on every file of the example and of a synthetic
knowledge base, after an edit, with a damaged cache, a cache of other code, or none it can write.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb import parse_cache
from redraft.kb.guideline_file import SplitFile, parse_body_with_footnotes, split_front_matter
from redraft.kb.parse_cache import CACHE_FILE, ParseCache
from redraft.kb.yamlio import YamlError, load_yaml

from .conftest import REPO
from .test_check_fast_paths import make_synthetic_kb, yaml_texts


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_synthetic_kb(
        tmp_path_factory.mktemp("synth-cache") / "kb",
        seed=3,
        guidelines=12,
        versions=3,
        parties=6,
        comments=80,
    )


def parsed_yaml(read: object, text: str, first_line: int) -> object:
    try:
        located = read(text, first_line)  # type: ignore[operator]
    except YamlError as exc:
        return ("error", exc.line, exc.message)
    return located.value, dict(located.lines)


def cli_check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(root)])
    return result.exit_code, result.output


@pytest.mark.parametrize("which", ["example", "synthetic"])
def test_a_cached_text_reads_as_the_parsers_read_it(
    which: str, synthetic_root: Path, tmp_path: Path
) -> None:
    root = REPO if which == "example" else synthetic_root
    texts = list(yaml_texts(root))
    bodies = []
    for path in sorted((root / "guidelines").rglob("*.md")):
        split = split_front_matter(path.read_text("utf-8"))
        assert isinstance(split, SplitFile), path
        bodies.append((split.body, split.body_line))
    first = ParseCache.open(tmp_path)
    for _, text, line in texts:
        assert parsed_yaml(first.yaml, text, line) == parsed_yaml(load_yaml, text, line)
    for body, line in bodies:
        assert first.body(body, line) == parse_body_with_footnotes(body, line)
    assert first.parsed > 40
    first.keep()
    # read back from the file: no text is parsed again, and every answer is the parser's
    again = ParseCache.open(tmp_path)
    for _, text, line in texts:
        assert parsed_yaml(again.yaml, text, line) == parsed_yaml(load_yaml, text, line)
    for body, line in bodies:
        assert again.body(body, line) == parse_body_with_footnotes(body, line)
    assert again.parsed == 0


def test_a_yaml_error_is_remembered_with_its_line(tmp_path: Path) -> None:
    cache = ParseCache.open(tmp_path)
    text = "a: 1\na: 2\n"
    with pytest.raises(YamlError) as first:
        cache.yaml(text, 5)
    cache.keep()
    with pytest.raises(YamlError) as again:
        ParseCache.open(tmp_path).yaml(text, 5)
    assert (again.value.line, again.value.message) == (first.value.line, first.value.message)
    assert first.value.line == 6 and "duplicate key 'a'" in first.value.message


def test_check_with_the_cache_answers_as_without_it_before_and_after_edits(
    synthetic_root: Path, tmp_path: Path
) -> None:
    root = tmp_path / "kb"
    shutil.copytree(synthetic_root, root)
    plain = cli_check(root)  # the command keeps the cache; the library call does not
    assert (root / CACHE_FILE).is_file()
    assert check(root) == check(root, parse_cache=True)
    assert cli_check(root) == plain
    # an edit that breaks a guideline's front matter and a submission's YAML: found through the
    # cache as without it
    draft = sorted((root / "guidelines" / "draft").glob("*.md"))[0]
    draft.write_text(draft.read_text("utf-8").replace("title:", "title: [unclosed", 1), "utf-8")
    submission = sorted((root / "comments" / "submissions").rglob("*.yml"))[0]
    submission.write_text(submission.read_text("utf-8") + "party: again\n", "utf-8")
    edited = cli_check(root)
    assert edited[0] == 1 and draft.name in edited[1] and "duplicate key 'party'" in edited[1]
    os.remove(root / CACHE_FILE)
    assert cli_check(root) == edited
    assert [str(p) for p in check(root)] == edited[1].splitlines()[:-1]  # less the count


def kept(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = parse_cache.read_plain_pickle((root / CACHE_FILE).read_bytes())
    return data


def test_a_deleted_file_is_forgotten(example_copy: Path) -> None:
    cli_check(example_copy)
    entries = kept(example_copy)["entries"]
    gone = sorted((example_copy / "comments" / "submissions").rglob("*.yml"))[0]
    gone.unlink()
    cli_check(example_copy)
    left = kept(example_copy)["entries"]
    assert len(left) == len(entries) - 1


class _RunsCode:
    """Pickled as a call of ``os.system``: what a planted pickle does when read unguarded."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize(
    "damage",
    ["truncated", "other code", "not a pickle", "runs code", "a folder", "a FIFO", "a link"],
)
def test_a_cache_that_cannot_be_used_is_parsed_again(example_copy: Path, damage: str) -> None:
    expected = cli_check(example_copy)
    path = example_copy / CACHE_FILE
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:1000])
    elif damage == "other code":
        data = kept(example_copy)
        # a cache of other code, whose answers differ: never used
        for entry in data["entries"].values():
            if "paragraphs" in entry:
                for paragraph in entry["paragraphs"]:
                    paragraph[2] = "changed by other code"
        data["code"] = "0" * 64
        path.write_bytes(pickle.dumps(data))
    elif damage == "not a pickle":
        path.write_bytes(b"\x00\xff" * 100)
    elif damage == "runs code":
        # a planted cache whose reading would run a command: refused, the command never runs
        data = kept(example_copy)
        data["entries"]["y1:planted"] = _RunsCode(str(example_copy / "ran"))
        path.write_bytes(pickle.dumps(data))
    elif damage == "a FIFO":
        path.unlink()
        os.mkfifo(path)  # never opened to wait for a writer, never replaced
    elif damage == "a link":
        path.unlink()
        path.symlink_to("/dev/zero")  # never followed: reading it would never end
    else:
        path.unlink()
        path.mkdir()  # cannot be read, nor replaced: check still answers
    assert cli_check(example_copy) == expected
    assert not (example_copy / "ran").exists()
    if damage == "a link":
        assert path.is_symlink()  # a link to a device is neither read nor replaced
    if damage not in ("a folder", "a FIFO", "a link"):
        assert kept(example_copy)["code"] == parse_cache.code_key()
        assert "y1:planted" not in kept(example_copy)["entries"]


def test_the_code_key_follows_the_parsers(monkeypatch: pytest.MonkeyPatch) -> None:
    key = parse_cache.code_key()
    assert key == parse_cache.code_key()
    monkeypatch.setattr(parse_cache, "FORMAT", parse_cache.FORMAT + 1)
    assert parse_cache.code_key() != key


def test_a_check_that_finds_an_error_keeps_no_cache(example_copy: Path) -> None:
    """Bad input changes nothing on disk: the cache is kept only by a check without errors."""
    assert not (example_copy / "build").exists()
    draft = example_copy / "guidelines/draft/asset-assessment.md"
    text = draft.read_text("utf-8")
    draft.write_text(text.replace("number:", "number: [", 1), "utf-8")
    code, _ = cli_check(example_copy)
    assert code == 1
    assert not (example_copy / "build").exists()
    draft.write_text(text, "utf-8")
    code, _ = cli_check(example_copy)
    assert code == 0
    assert (example_copy / CACHE_FILE).is_file()


def test_the_cache_is_pickled_without_a_memo_and_reads_back_equal() -> None:
    """``plain_pickle`` drops the pickler's memo (a tree never meets an object twice): what it
    writes reads back equal, shared objects included (written twice), and a cycle is refused
    rather than written forever."""
    shared = ["a", 1, None, True, 2.5]
    deep: list[Any] = ["leaf"]
    for _ in range(60):  # past the pickler's nesting depth where fast mode starts checking
        deep = [deep]
    data = {"code": "k", "entries": {"x": shared, "y": shared, "deep": deep, "t": ("a", 1)}}
    assert parse_cache.read_plain_pickle(parse_cache.plain_pickle(data)) == data
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError):
        parse_cache.plain_pickle(cycle)


def test_a_build_shares_the_cache_with_check_and_a_refused_build_keeps_none(
    example_copy: Path,
) -> None:
    """``redraft build`` reads its texts through the same cache as ``check`` (an editor checks,
    then builds, then edits one file): what one parsed the other does not parse again.  A build
    refused for bad input changes nothing on disk, the cache included."""
    from redraft.kb.load import load_with_parse_cache
    from redraft.site.build import prepare
    from redraft.site.errors import SiteBuildError

    draft = example_copy / "guidelines/draft/asset-assessment.md"
    text = draft.read_text("utf-8")
    draft.write_text(text.replace("number:", "number: [", 1), "utf-8")
    with pytest.raises(SiteBuildError):
        prepare(example_copy)
    assert not (example_copy / CACHE_FILE).exists()
    draft.write_text(text, "utf-8")
    prepare(example_copy)
    _, cache = load_with_parse_cache(example_copy)
    assert cache.parsed == 0  # the build parsed everything a check reads, and kept it
