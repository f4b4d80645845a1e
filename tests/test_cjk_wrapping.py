"""Re-wrapping is never a change, in Chinese either.

A line break between two Chinese (or Japanese) characters is wrapping, not a space: it must
vanish when a guideline file is loaded, in a diff and on the page.  Planted in a copy of the
example: the draft's Chinese text of guideline 2 (office powers) hard-wrapped in the middle of
its words, as an editor's text editor would do it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redraft.kb.guideline_file import join_wrapped_lines, normalize_space
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.redline.compare import diff_versions
from redraft.redline.textdiff import diff_text, has_changes
from redraft.redline.textdiff import normalize_space as diff_normalize
from redraft.site import urls
from redraft.site.config import default_base
from redraft.site.generate import generate_site
from redraft.site.text import normalize_space as site_normalize

from .conftest import copy_example

FILE = Path("guidelines") / "draft" / "office-powers.zh.md"
OUTLINE = Path("guidelines") / "draft" / "outline.zh.yml"
# the start of the draft's Chinese introduction (a literal block, so its line breaks are kept)
INTRODUCTION = "本工作草案由秘书处在"


def _rewrap(text: str, width: int) -> str:
    """Every paragraph line of a guideline file cut every ``width`` characters (the front matter
    and blank lines kept), with an indentation on each continuation line."""
    out: list[str] = []
    in_front = 0
    for line in text.split("\n"):
        if line == "---":
            in_front += 1
        if in_front < 2 or line == "---" or not line.strip():
            out.append(line)
            continue
        pieces = [line[k : k + width] for k in range(0, len(line), width)]
        out.append("\n  ".join(pieces))
    return "\n".join(out)


@pytest.fixture(scope="module")
def rewrapped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeBase]:
    root = copy_example(tmp_path_factory.mktemp("cjk") / "kb")
    path = root / FILE
    original = path.read_text(encoding="utf-8")
    wrapped = _rewrap(original, 7)
    assert wrapped.count("\n") > original.count("\n") + 5  # the plant took
    path.write_text(wrapped, encoding="utf-8")
    outline = root / OUTLINE
    text = outline.read_text(encoding="utf-8")
    assert INTRODUCTION in text
    outline.write_text(
        text.replace(INTRODUCTION, INTRODUCTION[:5] + "\n  " + INTRODUCTION[5:]), encoding="utf-8"
    )
    return root, load(root).kb


def _zh_paragraphs(kb: KnowledgeBase, version: str, guideline: str) -> list[str]:
    found = kb.version(version)
    assert found is not None
    g = found.guideline(guideline)
    assert g is not None
    return [p.text for p in g.in_language("zh").paragraphs]


def test_loading_a_rewrapped_chinese_file_gives_the_same_text(
    example_kb: KnowledgeBase, rewrapped: tuple[Path, KnowledgeBase]
) -> None:
    _, kb = rewrapped
    before = _zh_paragraphs(example_kb, "draft", "office-powers")
    after = _zh_paragraphs(kb, "draft", "office-powers")
    assert after == before
    assert not any(" " in text for text in after)


def test_a_rewrapped_chinese_file_diffs_as_it_did(
    example_kb: KnowledgeBase, rewrapped: tuple[Path, KnowledgeBase]
) -> None:
    _, kb = rewrapped
    planted = diff_versions(kb, "2019-3", "draft", "office-powers", language="zh")
    original = diff_versions(example_kb, "2019-3", "draft", "office-powers", language="zh")
    assert planted.guidelines == original.guidelines
    # no space was inserted anywhere, so none is marked
    for change in planted.guidelines:
        for p in change.paragraphs:
            assert all(text.strip() for op, text in p.ops if op != "equal")


def test_the_page_has_no_space_where_the_line_broke(
    rewrapped: tuple[Path, KnowledgeBase],
) -> None:
    _, kb = rewrapped
    site = generate_site(
        kb, base_config=default_base(), handwritten={}, site_dir=lambda f: "site", internal=False
    )
    page = site.files[f"zh/docs/{urls.guideline('office-powers')}"].decode("utf-8")
    sentence = "各国应考虑授权该机构就有关资产管理的问题向主管法院申请指示。"
    assert sentence in page


@pytest.mark.parametrize("normalize", [normalize_space, diff_normalize, site_normalize])
def test_every_normalizer_joins_cjk_lines_and_spaces_others(normalize: object) -> None:
    assert callable(normalize)
    assert normalize("并就本国\n在这一领域") == "并就本国在这一领域"
    assert normalize("并就本国 \n    在这一领域") == "并就本国在这一领域"  # stray space, indent
    assert normalize("一、\n二") == "一、二"  # CJK punctuation
    assert normalize("かな\nカナ") == "かなカナ"  # Japanese
    assert normalize("a fine\nline") == "a fine line"
    assert normalize("中文\nEnglish") == "中文 English"  # only between two CJK characters
    assert normalize("한국\n어") == "한국 어"  # Korean spaces its words


def test_a_hard_break_and_a_paragraph_break_are_left_alone() -> None:
    assert join_wrapped_lines("中文  \n文字") == "中文  \n文字"
    assert join_wrapped_lines("中文\n\n文字") == "中文\n\n文字"


def test_rewrapping_a_chinese_text_diffs_as_no_change() -> None:
    sentence = "资产管理机构应拥有为保全交其管理的资产的价值所必需的权力"
    wrapped = sentence[:9] + "\n" + sentence[9:20] + "\n   " + sentence[20:]
    assert not has_changes(diff_text(diff_normalize(sentence), diff_normalize(wrapped)))


def test_a_rewrapped_chinese_introduction_is_unchanged_in_the_diff_and_on_the_page(
    example_kb: KnowledgeBase, rewrapped: tuple[Path, KnowledgeBase]
) -> None:
    _, kb = rewrapped
    draft = kb.version("draft")
    assert draft is not None and "本工作草案\n" in draft.translated_introductions["zh"]
    planted = diff_versions(kb, "2019-3", "draft", language="zh")
    original = diff_versions(example_kb, "2019-3", "draft", language="zh")
    assert planted.introduction == original.introduction
    site = generate_site(
        kb, base_config=default_base(), handwritten={}, site_dir=lambda f: "site", internal=False
    )
    start = INTRODUCTION[:5].encode("utf-8")
    shown = {
        name: content
        for name, content in site.files.items()
        if name.startswith("zh/") and start in content
    }
    # the home page and the draft's version page in the Chinese tree, and the comparison
    assert f"zh/docs/{urls.version('draft')}" in shown and len(shown) >= 2
    for name, content in shown.items():
        assert INTRODUCTION.encode("utf-8") in content, name
