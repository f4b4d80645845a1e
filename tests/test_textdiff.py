"""The text-diff core: lossless, canonical, symmetric, token-aligned; paragraph alignment."""

from __future__ import annotations

import unicodedata
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from redraft.redline import textdiff
from redraft.redline.textdiff import (
    Op,
    Ops,
    ParagraphDiff,
    diff_paragraphs,
    diff_text,
    has_changes,
    new_text,
    normalize_space,
    old_text,
    tokenize,
)

# --------------------------------------------------------------------------------------------
# Strategies: texts that look like the drafts Redraft diffs
# --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH = _words(
    "States parties should shall may ensure that the competent authorities manage frozen seized "
    "and confiscated assets in accordance with domestic law, including sale before final "
    "confiscation where assets are perishable or rapidly depreciating; the office of asset "
    "management shall report to the Conference. Victims compensation social reuse virtual "
    "assets keys custodians value owner's consent non-binding guideline (a) (b) 1,000 3.5"
)
CHINESE = list(
    "各国应必须确保主管机关依照本国法律管理冻结扣押和没收的资产包括在最终没收前出售易腐烂或迅速贬值"
)
CHINESE_PUNCTUATION = list("，。；：、（）")
ARABIC = _words(
    "ينبغي يجب على للدول الدول أن تكفل تضمن إدارة الأصول المجمدة والمحجوزة والمصادرة وفقا "
    "للقانون الداخلي بما في ذلك البيع قبل المصادرة النهائية، الضحايا؛ مكتب"
)

english_words = st.lists(st.sampled_from(ENGLISH), max_size=30)
english = english_words.map(" ".join)
chinese = st.lists(st.sampled_from(CHINESE + CHINESE_PUNCTUATION), max_size=60).map("".join)
arabic_words = st.lists(st.sampled_from(ARABIC), max_size=30)
arabic = arabic_words.map(" ".join)
mixed = st.lists(
    st.one_of(st.sampled_from(ENGLISH), st.sampled_from(ARABIC), chinese), max_size=30
).map(" ".join)
any_text = st.one_of(english, chinese, arabic, mixed, st.text())


@st.composite
def edited(
    draw: st.DrawFn, words: st.SearchStrategy[list[str]], vocabulary: list[str]
) -> tuple[str, str]:
    """A text and a revision of it by a few word-level edits, as a secretariat would make."""
    old = draw(words)
    new = list(old)
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        if kind == "insert" or not new:
            new.insert(draw(st.integers(0, len(new))), draw(st.sampled_from(vocabulary)))
            continue
        k = draw(st.integers(0, len(new) - 1))
        if kind == "replace":
            new[k] = draw(st.sampled_from(vocabulary))
        else:
            del new[k]
    return " ".join(old), " ".join(new)


def pairs_of(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, str]]:
    return st.tuples(strategy, strategy)


english_pairs = st.one_of(edited(english_words, ENGLISH), pairs_of(english))
arabic_pairs = st.one_of(edited(arabic_words, ARABIC), pairs_of(arabic))
any_pairs = st.one_of(
    english_pairs, arabic_pairs, pairs_of(chinese), pairs_of(mixed), pairs_of(st.text())
)

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

MIRROR: dict[Op, Op] = {"equal": "equal", "delete": "insert", "insert": "delete"}


def boundaries(ops: Ops, side: str) -> set[int]:
    """Offsets in the old (or new) text where an op starts or ends."""
    skip = "insert" if side == "old" else "delete"
    cuts, position = {0}, 0
    for op, text in ops:
        if op != skip:
            position += len(text)
        cuts.add(position)
    return cuts


def token_boundaries(text: str) -> set[int]:
    cuts, position = {0}, 0
    for token in tokenize(text):
        position += len(token)
        cuts.add(position)
    return cuts


def assert_canonical(ops: Ops) -> None:
    assert all(text for _, text in ops), ops
    for (op1, _), (op2, _) in pairwise(ops):
        assert op1 != op2, ops
        assert (op1, op2) != ("insert", "delete"), ops


# --------------------------------------------------------------------------------------------
# Properties of diff_text
# --------------------------------------------------------------------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_pairs)
def test_lossless_and_canonical(pair: tuple[str, str]) -> None:
    old, new = pair
    ops = diff_text(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new
    assert_canonical(ops)
    assert has_changes(ops) == (old != new)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_tokens_rebuild_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)


@settings(max_examples=50, deadline=None)
@given(any_text)
def test_identical_texts_are_all_equal(text: str) -> None:
    assert diff_text(text, text) == ((("equal", text),) if text else ())


@settings(max_examples=80, deadline=None)
@given(any_pairs)
def test_diff_is_symmetric(pair: tuple[str, str]) -> None:
    old, new = pair
    forward, backward = diff_text(old, new), diff_text(new, old)
    assert old_text(backward) == new and new_text(backward) == old
    changed = Counter((MIRROR[op], text) for op, text in forward if op != "equal")
    assert changed == Counter((op, text) for op, text in backward if op != "equal")
    # Stronger than asked: the very same hunks, each deletion still before its insertion.
    assert backward == textdiff._canonical((MIRROR[op], text) for op, text in forward)


def _cuts_inside_a_word(text: str, cuts: set[int]) -> list[int]:
    def in_word(c: str) -> bool:
        return c.isalnum() or unicodedata.category(c).startswith("M")

    return [p for p in cuts if 0 < p < len(text) and in_word(text[p - 1]) and in_word(text[p])]


@settings(max_examples=100, deadline=None)
@given(st.one_of(english_pairs, arabic_pairs))
def test_hunks_never_cut_a_word(pair: tuple[str, str]) -> None:
    old, new = pair
    ops = diff_text(old, new)
    assert not _cuts_inside_a_word(old, boundaries(ops, "old")), ops
    assert not _cuts_inside_a_word(new, boundaries(ops, "new")), ops
    assert boundaries(ops, "old") <= token_boundaries(old)
    assert boundaries(ops, "new") <= token_boundaries(new)


MARKDOWN_CONSTRUCTS = [
    "**asset management**",
    "*frozen*",
    "_seized_",
    "`redraft check`",
    "[guideline 3](guidelines/3.md)",
    "[the office](https://example.org/office_(a))",
    "<https://www.unodc.org/>",
    "[^1]",
    "[^note-2]",
    "~~deleted~~",
    "***both***",
    "&nbsp;",
    "\\*",
    "https://example.org/a_b",
]
markdown_pieces = st.lists(
    st.one_of(
        st.sampled_from(ENGLISH), st.sampled_from(MARKDOWN_CONSTRUCTS), st.sampled_from(CHINESE)
    ),
    max_size=20,
)


def _construct_spans(pieces: list[str]) -> list[tuple[int, int]]:
    spans, position = [], 0
    for k, piece in enumerate(pieces):
        if k:
            position += 1  # the joining space
        if piece in MARKDOWN_CONSTRUCTS:
            spans.append((position, position + len(piece)))
        position += len(piece)
    return spans


@settings(max_examples=80, deadline=None)
@given(markdown_pieces, markdown_pieces)
def test_markdown_constructs_are_never_split(old_pieces: list[str], new_pieces: list[str]) -> None:
    old, new = " ".join(old_pieces), " ".join(new_pieces)
    ops = diff_text(old, new)
    for text, pieces, side in ((old, old_pieces, "old"), (new, new_pieces, "new")):
        cuts = boundaries(ops, side)
        for start, end in _construct_spans(pieces):
            inside = [c for c in cuts if start < c < end]
            assert not inside, (text[start:end], ops)


def test_fallback_without_enough_code_points_is_still_lossless(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(textdiff, "_MAX_TOKENS", 3)
    old, new = "States should ensure that assets", "States shall ensure all assets"
    ops = diff_text(old, new)
    assert old_text(ops) == old and new_text(ops) == new
    assert_canonical(ops)
    assert ("insert", "shall") in ops


# --------------------------------------------------------------------------------------------
# Concrete examples
# --------------------------------------------------------------------------------------------


def test_should_becomes_shall() -> None:
    assert diff_text(
        "States should ensure that seized assets are preserved.",
        "States shall ensure that seized assets are preserved.",
    ) == (
        ("equal", "States "),
        ("delete", "should"),
        ("insert", "shall"),
        ("equal", " ensure that seized assets are preserved."),
    )


def test_inserted_phrase_and_deleted_word() -> None:
    assert diff_text(
        "The rights of the owner, and the duties of the office.",
        "The rights and freedoms of the owner, and duties of the office.",
    ) == (
        ("equal", "The rights "),
        ("insert", "and freedoms "),
        ("equal", "of the owner, and "),
        ("delete", "the "),
        ("equal", "duties of the office."),
    )


def test_adjacent_changed_words_make_one_hunk() -> None:
    assert diff_text("sale before final confiscation", "sale after interim confiscation") == (
        ("equal", "sale "),
        ("delete", "before final"),
        ("insert", "after interim"),
        ("equal", " confiscation"),
    )


def test_punctuation_stays_out_of_the_changed_word() -> None:
    assert diff_text("assets, including keys.", "assets and rights, including keys.") == (
        ("equal", "assets"),
        ("insert", " and rights"),
        ("equal", ", including keys."),
    )


def test_chinese_is_compared_character_by_character() -> None:
    assert diff_text("各国应确保资产得到妥善管理。", "各国必须确保资产得到妥善管理。") == (
        ("equal", "各国"),
        ("delete", "应"),
        ("insert", "必须"),
        ("equal", "确保资产得到妥善管理。"),
    )


def test_chinese_deletion_and_insertion_in_one_sentence() -> None:
    ops = diff_text("通过双边或区域协定及时返还资产。", "通过双边、区域或多边协定返还资产。")
    assert old_text(ops) == "通过双边或区域协定及时返还资产。"
    changed = [(op, text) for op, text in ops if op != "equal"]
    assert ("delete", "及时") in changed
    assert ("insert", "或多边") in changed
    assert all(len(text) <= 3 for _, text in changed)


def test_arabic_changes_whole_words() -> None:
    assert diff_text(
        "ينبغي للدول أن تكفل إدارة الأصول المجمدة",
        "يجب على الدول أن تكفل إدارة الأصول المجمدة",
    ) == (
        ("delete", "ينبغي للدول"),
        ("insert", "يجب على الدول"),
        ("equal", " أن تكفل إدارة الأصول المجمدة"),
    )


def test_arabic_diacritics_stay_with_their_letters() -> None:
    ops = diff_text("إدارةُ الأصولِ", "إدارةُ الأموالِ")
    assert ops == (("equal", "إدارةُ "), ("delete", "الأصولِ"), ("insert", "الأموالِ"))


def test_mixed_scripts_are_handled_per_run() -> None:
    ops = diff_text("根据UNCAC第五十五条", "根据UNODC第五十七条")
    assert ops == (
        ("equal", "根据"),
        ("delete", "UNCAC"),
        ("insert", "UNODC"),
        ("equal", "第五十"),
        ("delete", "五"),
        ("insert", "七"),
        ("equal", "条"),
    )


def test_changed_emphasis_is_one_token() -> None:
    assert diff_text("assets **must** be sold", "assets **shall** be sold") == (
        ("equal", "assets "),
        ("delete", "**must**"),
        ("insert", "**shall**"),
        ("equal", " be sold"),
    )


def test_link_text_change_replaces_the_whole_link() -> None:
    ops = diff_text("see [guideline 3](g3.md) above", "see [guideline 4](g3.md) above")
    assert ("delete", "[guideline 3](g3.md)") in ops
    assert ("insert", "[guideline 4](g3.md)") in ops


def test_repeated_sentence_is_marked_at_the_sentence_boundary() -> None:
    # The insertion could sit anywhere across the repeated words; a sentence end scores best.
    assert diff_text(
        "Costs. Assets are sold. Proceeds are kept.",
        "Costs. Assets are sold. Assets are sold. Proceeds are kept.",
    ) == (
        ("equal", "Costs. Assets are sold."),
        ("insert", " Assets are sold."),
        ("equal", " Proceeds are kept."),
    )


def test_edit_in_a_long_run_of_repeated_tokens() -> None:
    run = "a " * 5000
    ops = diff_text(run, run + "a ")
    assert old_text(ops) == run and new_text(ops) == run + "a "
    assert [op for op, _ in ops] == ["equal", "insert"]


def test_empty_and_whitespace_inputs() -> None:
    assert diff_text("", "") == ()
    assert diff_text("", "new") == (("insert", "new"),)
    assert diff_text("old", "") == (("delete", "old"),)
    assert diff_text(" ", "  ") == (("delete", " "), ("insert", "  "))


@pytest.mark.parametrize(
    "text",
    [
        "e\u0301te\u0301",
        "👨\u200d👩\u200d👧 and 🇫🇷",
        "\u200fمرحبا\u200f",
        "ａｂｃ",
        "x\u0000y",
        "lone \ud800 surrogate",
    ],
)
def test_unusual_characters_round_trip(text: str) -> None:
    ops = diff_text(text, text + " more")
    assert old_text(ops) == text and new_text(ops) == text + " more"


def test_tokens() -> None:
    assert tokenize("non-binding State’s 1,000.5 e\u0301tat") == [
        "non-binding",
        " ",
        "State’s",
        " ",
        "1,000.5",
        " ",
        "e\u0301tat",
    ]
    assert tokenize("各国UN") == ["各", "国", "UN"]
    assert tokenize("a * b") == ["a", " ", "*", " ", "b"]
    assert tokenize("foo*bar* [^1]") == ["foo", "*bar*", " ", "[^1]"]
    assert tokenize("***a** b* **c *d***") == ["***a** b*", " ", "**c *d***"]
    # code spans bind tighter than any delimiter, and may sit inside emphasis
    assert tokenize("**see `x`** ~~a `b~~`") == ["**see `x`**", " ", "~", "~", "a", " ", "`b~~`"]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("  a \n b\t\tc  ", "a b c"),
        ("", ""),
        (" \n ", ""),
        ("5\u00a0%", "5\u00a0%"),
        ("a\u2003b", "a b"),
    ],
)
def test_normalize_space(raw: str, normal: str) -> None:
    assert normalize_space(raw) == normal


def test_rewrapping_is_no_change() -> None:
    old = "States should ensure\nthat assets are\n  managed."
    new = "States should ensure that\nassets are managed."
    assert not has_changes(diff_text(normalize_space(old), normalize_space(new)))


def test_helpers() -> None:
    ops: Ops = (("equal", "a "), ("delete", "b"), ("insert", "c"))
    assert old_text(ops) == "a b"
    assert new_text(ops) == "a c"
    assert has_changes(ops)
    assert not has_changes((("equal", "a"),))
    assert not has_changes(())


# --------------------------------------------------------------------------------------------
# Paragraphs
# --------------------------------------------------------------------------------------------

PARAGRAPHS = [
    "States should plan the management of assets before seizure.",
    "An office of asset management should be designated or established.",
    "Assets that are perishable may be sold before final confiscation.",
    "Seized companies may continue to trade lawfully under supervision.",
    "Confiscated assets may be reused for social purposes.",
]


def assert_alignment(old: list[str], new: list[str], result: tuple[ParagraphDiff, ...]) -> None:
    olds = [d.old_index for d in result if d.old_index is not None]
    news = [d.new_index for d in result if d.new_index is not None]
    assert olds == list(range(len(old)))
    assert news == list(range(len(new)))
    for d in result:
        assert old_text(d.ops) == ("" if d.old_index is None else old[d.old_index])
        assert new_text(d.ops) == ("" if d.new_index is None else new[d.new_index])
        assert_canonical(d.ops)


def kinds(result: tuple[ParagraphDiff, ...]) -> list[tuple[int | None, int | None, str]]:
    return [(d.old_index, d.new_index, d.kind) for d in result]


def test_inserted_paragraph_does_not_misalign_the_rest() -> None:
    new = [*PARAGRAPHS[:2], "Victims should be compensated first.", *PARAGRAPHS[2:]]
    result = diff_paragraphs(PARAGRAPHS, new)
    assert_alignment(PARAGRAPHS, new, result)
    assert kinds(result) == [
        (0, 0, "equal"),
        (1, 1, "equal"),
        (None, 2, "inserted"),
        (2, 3, "equal"),
        (3, 4, "equal"),
        (4, 5, "equal"),
    ]
    assert result[2].ops == (("insert", "Victims should be compensated first."),)


def test_deleted_paragraph_keeps_its_place() -> None:
    new = [PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[4]]
    result = diff_paragraphs(PARAGRAPHS, new)
    assert_alignment(PARAGRAPHS, new, result)
    assert kinds(result) == [
        (0, 0, "equal"),
        (1, None, "deleted"),
        (2, 1, "equal"),
        (3, 2, "equal"),
        (4, 3, "equal"),
    ]
    assert result[1].ops == (("delete", PARAGRAPHS[1]),)


def test_edited_paragraphs_pair_with_their_old_selves() -> None:
    new = [
        PARAGRAPHS[0].replace("should", "shall"),
        "A wholly new paragraph about virtual assets and their keys.",
        PARAGRAPHS[2].replace("perishable", "perishable or rapidly depreciating"),
        *PARAGRAPHS[3:],
    ]
    result = diff_paragraphs(PARAGRAPHS, new)
    assert_alignment(PARAGRAPHS, new, result)
    assert kinds(result) == [
        (0, 0, "modified"),
        (1, None, "deleted"),
        (None, 1, "inserted"),
        (2, 2, "modified"),
        (3, 3, "equal"),
        (4, 4, "equal"),
    ]


def test_split_paragraph_pairs_with_its_larger_part() -> None:
    old = [
        PARAGRAPHS[0],
        "Assets that are perishable may be sold before final confiscation, and the proceeds "
        "of the sale shall be kept in a designated account until the final decision.",
        PARAGRAPHS[3],
    ]
    new = [
        PARAGRAPHS[0],
        "Assets that are perishable may be sold before final confiscation.",
        "The proceeds of the sale shall be kept in an account.",
        PARAGRAPHS[3],
    ]
    result = diff_paragraphs(old, new)
    assert_alignment(old, new, result)
    assert kinds(result) == [
        (0, 0, "equal"),
        (1, 1, "modified"),
        (None, 2, "inserted"),
        (2, 3, "equal"),
    ]


def test_merged_paragraphs_pair_with_the_more_similar_source() -> None:
    old = [
        PARAGRAPHS[0],
        "Seized companies may continue to trade.",
        "Their trade must remain lawful and be supervised by the office of asset management.",
        PARAGRAPHS[4],
    ]
    new = [
        PARAGRAPHS[0],
        "Seized companies may continue to trade, provided their trade remains lawful and is "
        "supervised by the office of asset management.",
        PARAGRAPHS[4],
    ]
    result = diff_paragraphs(old, new)
    assert_alignment(old, new, result)
    assert kinds(result) == [
        (0, 0, "equal"),
        (1, None, "deleted"),
        (2, 1, "modified"),
        (3, 2, "equal"),
    ]


def test_renumbering_every_paragraph_still_pairs_them() -> None:
    # Above the exhaustive-comparison size, pairing goes through distinctive words.
    old = [
        f"({k}) Guideline {k} on the topic number {k} of assets, item {k * 7}." for k in range(150)
    ]
    new = [
        f"({k + 1}) Guideline {k + 1} on the topic number {k} of assets, item {k * 7}."
        for k in range(150)
    ]
    result = diff_paragraphs(old, new)
    assert_alignment(old, new, result)
    assert all(d.kind == "modified" for d in result)


def test_empty_sequences() -> None:
    assert diff_paragraphs([], []) == ()
    assert kinds(diff_paragraphs([], ["a"])) == [(None, 0, "inserted")]
    assert kinds(diff_paragraphs(["a"], [])) == [(0, None, "deleted")]
    assert diff_paragraphs([""], []) == (ParagraphDiff(0, None, ()),)


paragraph_lists = st.lists(st.one_of(english, st.sampled_from(PARAGRAPHS), chinese), max_size=8)


@settings(max_examples=50, deadline=None)
@given(paragraph_lists, paragraph_lists)
def test_paragraph_alignment_covers_both_sides_in_order(old: list[str], new: list[str]) -> None:
    assert_alignment(old, new, diff_paragraphs(old, new))


@settings(max_examples=30, deadline=None)
@given(paragraph_lists, st.data())
def test_paragraphs_after_an_insertion_stay_equal(old: list[str], data: st.DataObject) -> None:
    assume(len(set(old)) == len(old))
    at = data.draw(st.integers(0, len(old)))
    inserted = "An entirely new guideline on the compensation of victims."
    assume(inserted not in old)
    new = [*old[:at], inserted, *old[at:]]
    result = diff_paragraphs(old, new)
    assert_alignment(old, new, result)
    assert [d.kind for d in result].count("inserted") == 1
    assert all(d.kind == "equal" for d in result if d.old_index is not None)
