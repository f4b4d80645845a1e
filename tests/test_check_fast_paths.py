"""``redraft check``'s fast paths answer exactly as the slow ways they skip.

Each shortcut of issue 18 (libyaml composing YAML, single-spaced texts left alone, the
accepted-but-unchanged rule asking a set of wordings before anchoring, link_scan visiting only
brackets and quotes) is compared with the way it replaces, on the example knowledge base and on
a small synthetic one whose churn moves, splits, merges and rewords passages.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from redraft.checks import markdown, rules
from redraft.kb import yamlio
from redraft.kb.guideline_file import SplitFile, is_single_spaced, split_front_matter
from redraft.kb.guideline_file import normalize_space as kb_normalize_space
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.kb.problems import Problem
from redraft.redline.textdiff import normalize_space as diff_normalize_space
from redraft.site.text import normalize_space as site_normalize_space

from .conftest import REPO
from .test_dispositions import accepted

sys.path.insert(0, str(REPO / "scripts"))

import synth_kb


def make_synthetic_kb(
    root: Path, *, seed: int, guidelines: int, versions: int, parties: int, comments: int
) -> Path:
    """A small knowledge base from ``scripts/synth_kb.py`` (S shape, with zh and fr texts)."""
    args = argparse.Namespace(
        scale="S",
        seed=seed,
        guidelines=guidelines,
        versions=versions,
        parties=parties,
        comments=comments,
        languages="zh,fr",
    )
    synth_kb.generate(root, synth_kb.spec_from(args))
    return root


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_synthetic_kb(
        tmp_path_factory.mktemp("synth") / "kb",
        seed=8,
        guidelines=16,
        versions=4,
        parties=8,
        comments=120,
    )


def yaml_texts(root: Path) -> Iterator[tuple[str, str, int]]:
    """Every YAML text of a knowledge base: the .yml files and the Markdown front matter."""
    for folder in ("redraft.yml", "guidelines", "comments", "records"):
        base = root / folder
        paths = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in paths:
            name = path.relative_to(root).as_posix()
            if path.suffix == ".yml":
                yield name, path.read_text("utf-8"), 1
            elif path.suffix == ".md":
                split = split_front_matter(path.read_text("utf-8"))
                if isinstance(split, SplitFile):
                    yield name, split.front_matter, split.front_matter_line


def read(text: str, first_line: int) -> object:
    try:
        located = yamlio.load_yaml(text, first_line)
    except yamlio.YamlError as exc:
        return ("error", exc.line, exc.message)
    return located.value, dict(located.lines)


@pytest.mark.parametrize("which", ["example", "synthetic"])
def test_libyaml_composes_every_file_as_the_python_composer_does(
    which: str, synthetic_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = REPO if which == "example" else synthetic_root
    texts = list(yaml_texts(root))
    assert len(texts) > 40
    fast = [read(text, line) for _, text, line in texts]
    monkeypatch.setattr(yamlio, "MAX_C_COMPOSED_CHARS", -1)  # every text the Python way
    slow = [read(text, line) for _, text, line in texts]
    for (name, _, _), one, other in zip(texts, fast, slow, strict=True):
        assert one == other, name
    assert all(not (isinstance(r, tuple) and r[0] == "error") for r in fast)


@pytest.mark.parametrize(
    ("text", "message_line"),
    [
        # an alias where libyaml would silently share the node: as a value, as a key
        ("a: &x 1\nb: *x\n", ("YAML aliases (*name) are not supported", 2)),
        ("&k a: 1\nb:\n  *k : 2\n", ("YAML aliases (*name) are not supported", 3)),
        ("a: 1\na: 2\n", ("duplicate key 'a'", 2)),
        ("a: !!python/object:os.system\n  x: 1\n", ("unsupported YAML tag", 1)),
        ("a: [1, 2\n", ("malformed YAML", 2)),
        ("a: *nowhere\n", ("YAML aliases (*name) are not supported", 1)),
    ],
)
def test_what_libyaml_accepts_or_words_otherwise_is_said_as_before(
    text: str, message_line: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = read(text, 1)
    monkeypatch.setattr(yamlio, "MAX_C_COMPOSED_CHARS", -1)
    assert fast == read(text, 1)
    assert isinstance(fast, tuple) and fast[0] == "error"
    message, line = message_line
    assert fast[1] == line and fast[2].startswith(message)


def test_too_many_values_for_libyaml_are_counted_as_the_composer_counts_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "items: [" + ",".join(["a"] * (yamlio.MAX_NODES + 5)) + "]\n"
    assert len(text) <= yamlio.MAX_C_COMPOSED_CHARS  # composed in C, then counted
    fast = read(text, 1)
    monkeypatch.setattr(yamlio, "MAX_C_COMPOSED_CHARS", -1)
    assert fast == read(text, 1) == ("error", 1, f"more than {yamlio.MAX_NODES} values in one file")


WHITESPACE = [" ", "  ", "\n", "\t", "\u00a0", "\u2007", "\u202f", "\u3000", "\u2028", "\x85"]


def spacing_variants(kb: KnowledgeBase) -> Iterator[str]:
    for version in kb.versions:
        for guideline in version.guidelines:
            for text in (guideline.text, *guideline.translations.values()):
                yield text.title
                for paragraph in text.all_paragraphs:
                    yield paragraph.text
    for space in WHITESPACE:
        yield f"{space}a b"
        yield f"a b{space}"
        yield f"a{space}b"
        yield f"并就{space}本国"
        yield f"并就{space}\n本国"
        yield space
    yield ""


def test_every_normalize_space_answers_as_its_regular_expressions(
    example_kb: KnowledgeBase,
) -> None:
    """The fast path returns a single-spaced text as it is; the regular expressions it skips
    would have returned the same, and any other text still goes through them."""
    breaking = r"[^\S\u00a0\u2007\u202f]+"  # whitespace but the non-breaking spaces
    ways = [
        (kb_normalize_space, lambda t: re.sub(r"\s+", " ", joined(t)).strip()),
        (
            diff_normalize_space,
            lambda t: re.sub(breaking, " ", re.sub(f"^{breaking}|{breaking}$", "", joined(t))),
        ),
        (site_normalize_space, lambda t: re.sub(r"\s+", " ", joined(t)).strip()),
    ]
    texts = list(spacing_variants(example_kb))
    for text in texts:
        for normalize, by_regex in ways:
            assert normalize(text) == by_regex(text), (normalize.__module__, text)
    single = sum(1 for text in texts if is_single_spaced(text))
    assert len(texts) / 2 < single < len(texts)  # both paths are taken


def joined(text: str) -> str:
    from redraft.kb.guideline_file import join_wrapped_lines

    return join_wrapped_lines(text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("no brackets at all, (nor links)", 0),
        ("[a](b)", 2 + 2),  # ] two after [, ) two after (
        ("[[", (302 - 0) + (302 - 1)),  # unclosed: read to the end and the site's markup
        ("see [x](a 'T' (2019)) then", 2 + (26 + 300 - 7)),  # the title runs on to the end
    ],
)
def test_link_scan_counts_what_the_parsers_read(text: str, count: int) -> None:
    assert markdown.SITE_MARKUP_ALLOWANCE == 300
    assert markdown.link_scan(text) == count


def test_markup_weight_counts_each_markup_character() -> None:
    # two *, two `, one each of <, &, _ and the backslash; not > nor letters
    assert markdown.markup_weight("a *b* `c` <d> & e_f \\ g") == 8


def accepted_warnings(kb: KnowledgeBase, wordings: rules._Wordings) -> list[Problem]:
    found: list[Problem] = []
    for submission in kb.submissions:
        call = kb.call(submission.call)
        for comment in submission.comments:
            if call is not None:
                found.extend(rules.disposition(kb, comment, call.version, wordings))
    return found


class _EveryWording(rules._Wordings):
    """The rule as it was: every accepted comment anchored in its later version."""

    def has(self, version_id: str, wording: str) -> bool:
        return True


@pytest.mark.parametrize("which", ["example", "synthetic"])
def test_accepted_but_unchanged_asks_the_wordings_first_with_the_same_result(
    which: str, synthetic_root: Path, example_copy: Path
) -> None:
    if which == "example":  # with one accepted comment whose paragraph reads the same
        accepted(example_copy, guideline="transparency", paragraph="a", quote="at regular")
    kb = load(example_copy if which == "example" else synthetic_root).kb
    quick = accepted_warnings(kb, rules._Wordings(kb))
    assert quick == accepted_warnings(kb, _EveryWording(kb))
    if which == "example":
        assert [p.message for p in quick if "reads the same" in p.message] == [
            "comment 'egy-2019-1' is accepted, but the passage it is about reads the same in "
            "'2019-3', the version said to address it"
        ]
