"""Quotes from translations: a reply in Arabic may quote the Arabic text of the version it is
about.  The quote is found in that version's translation into the reply's language, stands for
the paragraph of the original with the same id, and is followed through later versions as that
paragraph is (docs/format.md, "Quotes from a translation").

The fixture is the example with an Arabic translation of two guidelines in its version 2019-3
(the working draft's Arabic, the text of transparency (b) as 2019-3 worded it), as if 2019-3 had
been released with them (its hash removed: the copy changes a released folder), a call on
2019-3, and Egypt's reply in Arabic quoting both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.comments.anchors import Target, anchor_in, anchors, comment_target
from redraft.kb.load import load
from redraft.kb.model import Comment, KnowledgeBase

from .conftest import copy_example, is_planted_drift

OLD_ARABIC_B = "(b) ينبغي أن يخضع مكتب إدارة الموجودات لرقابة وتدقيق مستقلين."
"""Transparency (b) of 2019-3 ("subject to independent oversight and audit"), in Arabic."""
REPLY = "comments/submissions/2019-ar/EGY.yml"
CALL = """\
  - id: 2019-ar
    reference: CU 2019/88/DTA/CEB/CSS
    date: 2019-04-10
    version: 2019-3
    deadline: 2019-05-10
"""
COMMENTS = """\
party: EGY
call: 2019-ar
received: 2019-05-02
language: ar
text: |
  نص توضيحي كُتب لاختبار؛ لا يعبر عن موقف أي دولة.
comments:
  - id: egy-2019-1
    guideline: social-reuse
    quote: التعاونيات الاجتماعية
    type: technical
    text: مفهوم التعاونيات الاجتماعية غير معروف في جميع النظم القانونية.
  - id: egy-2019-2
    guideline: transparency
    paragraph: b
    quote: لرقابة وتدقيق مستقلين
    type: editorial
    text: ينبغي أن يكون التدقيق خارجيا.
"""


def problems(root: Path) -> list[str]:
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def arabic_reply(root: Path) -> Path:
    """The example with 2019-3 in Arabic for two guidelines and Egypt's reply quoting it."""
    released = root / "guidelines" / "2019-3"
    draft = root / "guidelines" / "draft"
    for guideline in ("social-reuse", "transparency"):
        text = (draft / f"{guideline}.ar.md").read_text(encoding="utf-8")
        if guideline == "transparency":
            lines = text.splitlines()
            at = next(i for i, line in enumerate(lines) if line.startswith("(b) "))
            text = "\n".join([*lines[:at], OLD_ARABIC_B, *lines[at + 1 :]]) + "\n"
        (released / f"{guideline}.ar.md").write_text(text, encoding="utf-8")
    versions = root / "guidelines" / "versions.yml"
    kept = [
        line
        for line in versions.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.strip().startswith("hash: sha256:53b3")
    ]
    versions.write_text("".join(kept), encoding="utf-8")
    calls = root / "comments" / "calls.yml"
    calls.write_text(calls.read_text(encoding="utf-8") + CALL, encoding="utf-8")
    (root / REPLY).parent.mkdir(parents=True)
    (root / REPLY).write_text(COMMENTS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return arabic_reply(copy_example(tmp_path_factory.mktemp("arabic") / "kb"))


@pytest.fixture(scope="module")
def kb(root: Path) -> KnowledgeBase:
    return load(root).kb


def comment(kb: KnowledgeBase, comment_id: str) -> Comment:
    return next(c for c in kb.comments() if c.id == comment_id)


def test_the_fixture_changed_what_it_says(kb: KnowledgeBase) -> None:
    version = kb.version("2019-3")
    assert version is not None and version.hash is None
    for guideline_id in ("social-reuse", "transparency"):
        guideline = version.guideline(guideline_id)
        assert guideline is not None and "ar" in guideline.translations
    # the Arabic words are nowhere in the English: only the translation holds them
    assert "التعاونيات" not in version.guideline("social-reuse").text.paragraphs[0].text  # type: ignore[union-attr]


def test_arabic_quotes_check_clean(root: Path) -> None:
    assert problems(root) == []


def test_the_quote_stands_for_the_paragraph_of_the_same_id(kb: KnowledgeBase) -> None:
    # no paragraph given: the Arabic paragraph holding the words names it
    assert comment_target(kb, comment(kb, "egy-2019-1")) == Target("2019-3", "social-reuse", "a")
    assert comment_target(kb, comment(kb, "egy-2019-2")) == Target("2019-3", "transparency", "b")


def test_tracked_into_the_draft_like_the_english_paragraph(kb: KnowledgeBase) -> None:
    unchanged = anchor_in(kb, comment(kb, "egy-2019-1"), "draft")
    assert unchanged is not None
    assert (unchanged.state, unchanged.place.paragraph if unchanged.place else None) == (
        "anchored",
        "a",
    )
    reworded = anchor_in(kb, comment(kb, "egy-2019-2"), "draft")
    assert reworded is not None and reworded.state == "changed"
    assert reworded.place is not None and reworded.place.paragraph == "b"
    assert "independent oversight and audit" in reworded.base_wording
    assert reworded.wording is not None and "external" in reworded.wording
    assert reworded.redline  # the English redline from 2019-3 to the draft
    assert [a.version for a in anchors(kb, comment(kb, "egy-2019-2"))] == ["draft"]


def test_status_shows_the_reworded_passage_waiting_for_an_editor(root: Path) -> None:
    result = CliRunner().invoke(main, ["status", "--root", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    waiting = {item["id"]: item for item in json.loads(result.output)["waiting_for_editor"]}
    assert waiting["egy-2019-2"]["state"] == "changed"
    assert waiting["egy-2019-2"]["place"]["paragraph"] == "b"
    assert "egy-2019-1" not in waiting  # anchored: nothing to do


def test_a_quote_found_nowhere_says_where_it_was_looked_for(example_copy: Path) -> None:
    arabic_reply(example_copy)
    path = example_copy / REPLY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote: التعاونيات الاجتماعية", "quote: كلمات لم يكتبها أحد"))
    line = text.splitlines().index("  - id: egy-2019-1") + 1
    assert problems(example_copy) == [
        f"{REPLY}:{line}: comment 'egy-2019-1': the quoted words \"كلمات لم يكتبها أحد\" are not "
        "in guideline 'social-reuse' of version '2019-3' (looked in "
        "guidelines/2019-3/social-reuse.md (English) and guidelines/2019-3/social-reuse.ar.md "
        "(Arabic))"
    ]


def test_the_arabic_words_must_be_in_the_paragraph_named(example_copy: Path) -> None:
    arabic_reply(example_copy)
    path = example_copy / REPLY
    text = path.read_text(encoding="utf-8")
    # the words are in the Arabic of another guideline, not in the (b) the comment names
    path.write_text(text.replace("quote: لرقابة وتدقيق مستقلين", "quote: التعاونيات الاجتماعية"))
    line = text.splitlines().index("  - id: egy-2019-2") + 1
    assert problems(example_copy) == [
        f"{REPLY}:{line}: comment 'egy-2019-2': the quoted words \"التعاونيات الاجتماعية\" are not "
        "in paragraph 'b' of guideline 'transparency' of version '2019-3' (looked in "
        "guidelines/2019-3/transparency.md (English) and guidelines/2019-3/transparency.ar.md "
        "(Arabic))"
    ]


def test_a_quote_in_the_original_is_kept_as_it_is(kb: KnowledgeBase) -> None:
    english = comment(kb, "aut-2019-2")  # quotes the English of transparency (b)
    target = comment_target(kb, english)
    assert target is not None and target.quote == english.quote


CHINESE_REPLY = "comments/submissions/2019-ar/CHN.yml"
CHINESE = """\
party: CHN
call: 2019-ar
received: 2019-05-03
language: zh
text: |
  为测试编写的示例答复，不代表任何国家的立场。
comments:
  - id: chn-2019-intro
    about: introduction
    quote: {quote}
    type: editorial
    text: 建议在导言中说明解释性说明的分发时间。
"""
"""A reply in Chinese on the introduction of 2019-3, which has a Chinese outline."""


def test_a_quote_from_the_translated_introduction(example_copy: Path) -> None:
    arabic_reply(example_copy)
    path = example_copy / CHINESE_REPLY
    path.write_text(CHINESE.format(quote="附有说明的版本将另行分发"), encoding="utf-8")
    assert problems(example_copy) == []
    path.write_text(CHINESE.format(quote="没有人写过的话"), encoding="utf-8")
    line = CHINESE.splitlines().index("  - id: chn-2019-intro") + 1
    assert problems(example_copy) == [
        f"{CHINESE_REPLY}:{line}: comment 'chn-2019-intro': the quoted words \"没有人写过的话\" "
        "are not in the introduction of version '2019-3' (looked in "
        "guidelines/2019-3/outline.yml (English) and guidelines/2019-3/outline.zh.yml (Chinese))"
    ]
