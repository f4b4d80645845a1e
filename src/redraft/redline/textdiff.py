"""The text-diff core of the redline engine: words for spaced scripts, characters for CJK.

Contract with callers
---------------------
* Callers diff **whitespace-normalised paragraphs**: runs of whitespace collapsed to one space,
  ends stripped (:func:`normalize_space`), a line break between two Chinese or Japanese
  characters removed. Re-wrapping a paragraph in the markdown source is then no change by
  construction, in any script, and the engine never has to decide whether a line break matters.
  No-break spaces survive normalisation: they are typography (``5\u00a0%``, French ``\u00a0:``),
  not wrapping.
* Any string is accepted all the same (newlines, emoji, combining marks, bidi controls,
  unpaired surrogates), and the result is **lossless**: the ``equal`` and ``delete`` texts of a
  diff concatenate to ``old`` exactly, the ``equal`` and ``insert`` texts to ``new`` exactly.
* A diff is canonical: no empty op, never two consecutive ops of the same kind, and every change
  is one ``delete`` followed by one ``insert`` (either may be absent) between two ``equal`` ops.
* Change boundaries only fall between tokens (:func:`tokenize`): a word of a spaced script
  (Latin, Cyrillic, Greek, Arabic, Hebrew...) is never cut, CJK is compared character by
  character, and markdown inline constructs (emphasis, code, links, autolinks, footnote
  references, entities, escapes, bare URLs) are single tokens, so a mark never lands inside
  their delimiters.
* Results are deterministic and symmetric: the same inputs give the same diff on any machine
  (no time limit, no locale-dependent character classes), and ``diff_text(b, a)`` is
  ``diff_text(a, b)`` with insertions and deletions swapped.

How
---
Both texts are tokenised, every distinct token is mapped to one private-use code point, and
diff-match-patch's C++ port (``fast_diff_match_patch``) diffs the two code-point strings with its
semantic cleanup. One code point per token makes the engine's Myers diff and its cleanup work on
whole tokens, which is the "word mode" of diff-match-patch; private-use code points keep its
character-class heuristics from depending on the C library's locale. The ambiguous position of
an edit that could slide over repeated tokens is then chosen at token level with the same
boundary scores diff-match-patch uses on characters (line break, sentence end, space,
punctuation), computed with Python's own Unicode tables.

Paragraphs (:func:`diff_paragraphs`) are aligned before their words are compared: identical
paragraphs anchor the alignment, and changed paragraphs between anchors are paired by word
overlap, so an inserted, deleted, split or merged paragraph never shifts the rest.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Literal, TypeAlias

import fast_diff_match_patch

from redraft.kb.guideline_file import is_single_spaced, join_wrapped_lines

__all__ = [
    "SIMILARITY_THRESHOLD",
    "Op",
    "Ops",
    "ParagraphDiff",
    "diff_paragraphs",
    "diff_text",
    "has_changes",
    "new_text",
    "normalize_space",
    "old_text",
    "similar_enough",
    "similarity",
    "tokenize",
]

Op: TypeAlias = Literal["equal", "insert", "delete"]
Ops: TypeAlias = tuple[tuple[Op, str], ...]

# --------------------------------------------------------------------------------------------
# Whitespace
# --------------------------------------------------------------------------------------------

# Every Unicode space except the no-break ones, which carry meaning rather than layout.
_BREAKING_SPACE = r"[^\S\u00a0\u2007\u202f]+"
# The runs of breaking whitespace to change: any but a lone " " (rewriting " " as " " costs as
# much as any other substitution, and most spaces are lone)
_SPACE_TO_CHANGE = re.compile(
    rf"[^\S\u00a0\u2007\u202f ]{_BREAKING_SPACE[:-1]}*| {_BREAKING_SPACE}"
)
_EDGE_SPACE = re.compile(rf"^{_BREAKING_SPACE}|{_BREAKING_SPACE}$")


@functools.lru_cache(maxsize=1 << 16)
def normalize_space(s: str) -> str:
    """Collapse each run of (breaking) whitespace to one space and strip both ends; a line break
    between two Chinese or Japanese characters vanishes instead (it is wrapping, not a space:
    :func:`~redraft.kb.guideline_file.join_wrapped_lines`).

    Remembered for the last 65,536 texts: the same paragraph is normalized again and again
    (``check`` looks for a comment's quote in it up to four times, once per question asked of
    its target), and a remembered text costs its hash, kept by the string, not a scan."""
    if is_single_spaced(s):  # most texts: the regular expressions would rewrite every space
        return s
    return _SPACE_TO_CHANGE.sub(" ", _EDGE_SPACE.sub("", join_wrapped_lines(s)))


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

# Scripts written without spaces between words: compared one character (cluster) at a time.
_UNSPACED_RANGES = (
    # Han: radicals, ideographic iteration marks, unified ideographs and their extensions
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0003ffff"
    # Hiragana, Katakana (full and half width), Bopomofo
    "\u3040-\u30ff\u31f0-\u31ff\uff65-\uff9f\u3100-\u312f\u31a0-\u31bf"
    # Hangul syllables and jamo (full and half width)
    "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff\uffa0-\uffdc"
    # Thai, Lao, Myanmar, Khmer: no spaces between words either
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
)
# Characters that join the following letter into the same cluster (Myanmar virama, Khmer coeng).
_STACKERS = "\u1039\u17d2"
_REGIONAL_INDICATOR = "\U0001f1e6-\U0001f1ff"


def _mark_classes() -> tuple[str, str]:
    """Character-class ranges of every combining mark in this Python's Unicode tables.

    Returned as (BMP, astral): the regex engine tests a BMP class with one table lookup but an
    astral one range by range, so the astral class is only tried behind a cheap guard.
    """
    spans: list[tuple[int, int]] = []
    # Marks live in planes 0-1 and in the variation selectors supplement; scanning only those
    # keeps the one-off cost near 30 ms.
    for block in (range(0x0, 0x20000), range(0xE0100, 0xE01F0)):
        for code in block:
            if unicodedata.category(chr(code))[0] == "M":
                if spans and spans[-1][1] == code - 1:
                    spans[-1] = (spans[-1][0], code)
                else:
                    spans.append((code, code))

    def ranges(selected: Iterable[tuple[int, int]]) -> str:
        return "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in selected
        )

    # No mark block straddles U+FFFF, so splitting the spans by their start is exact.
    return (
        ranges(s for s in spans if s[0] <= 0xFFFF),
        ranges(s for s in spans if s[0] > 0xFFFF),
    )


@functools.cache
def _token_pattern() -> re.Pattern[str]:
    # Characters that belong to the character before them: combining marks, joiners, soft
    # hyphen, emoji modifiers and tags, and the invisible direction marks (so an edit never
    # separates a mark from its letter, which would break Arabic shaping and accents).
    marks_bmp, marks_astral = _mark_classes()
    ext = (
        f"(?:[{marks_bmp}\u200c\u200d\u2060\u00ad\u200e\u200f\u061c]"
        f"|(?=[\U00010000-\U0010ffff])[{marks_astral}\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f])"
    )
    letter = rf"[^\W_{_UNSPACED_RANGES}]"
    # Inside a word: apostrophes (State's), hyphens (non-binding), underscores, dots and @
    # (3.5, U.N, un.org, info@un.org), Hebrew maqaf and geresh, Catalan middle dot (l·l), and
    # digit-group commas (1,000). A dot ending a sentence is not inside a word.
    joiner = r"(?:['’\u2010\u2011\u00b7\u05be\u05f3\u05f4_.@\-]|(?<=[0-9]),(?=[0-9]))"
    # Written as letter runs with optional mark runs in between, so that the common case (a run
    # of plain letters) is one tight loop in the regex engine.
    stem = rf"{letter}+(?:{ext}+{letter}*)*"
    word = rf"{stem}(?:{joiner}{stem})*"
    unspaced = rf"[{_UNSPACED_RANGES}](?:{ext}|(?<=[{_STACKERS}])[{_UNSPACED_RANGES}])*"
    other = rf"(?:[{_REGIONAL_INDICATOR}]{{2}}|.)(?:\u200d[^\s\w]|{ext})*"

    # Code span: a run of n backticks, closed by the next run of exactly n in the same
    # paragraph (spelled out for each n: a backreference would need a capturing group, which
    # findall would return instead of the match).
    code = "|".join(
        rf"`{{{n}}}(?!`)(?:[^\n]|\n(?![^\S\n]*\n))+?(?<!`)`{{{n}}}(?!`)" for n in range(1, 9)
    )

    # Delimited runs may not start or end with a space (CommonMark's flanking rule, simplified):
    # "a * b * c" stays literal and tokenises as separate characters. Code spans bind tighter
    # than any delimiter, so a body takes a code span whole and no other backtick: "~~a `b~~`"
    # is no strike-through.
    def delimited(delim: str, body: str) -> str:
        d = re.escape(delim)
        return rf"{d}(?![\s{d[-1]}])(?:{body}|\\.|{code})+?(?<![\s\\]){d}"

    def emphasis(char: str) -> list[str]:
        """***strong em***, **strong** (may hold an em) and *em* (may hold a strong).

        The nested one may sit at the very start or end ("***a** b*"), so the outer opener
        accepts a delimiter right after it. Body alternatives never start alike, which keeps
        the regex free of exponential backtracking on unclosed runs.
        """
        d = re.escape(char)
        plain = rf"[^{d}\\`]|\\.|{code}"
        close = r"(?<![\s\\])"
        one = rf"{d}(?![\s{d}])(?:{plain})+?{close}{d}"
        two = rf"{d}{d}(?![\s{d}])(?:{plain})+?{close}{d}{d}"
        return [
            rf"{d}{{3}}(?![\s{d}])(?:{plain})+?{close}{d}{{3}}",
            rf"{d}{d}(?=[^\s{d}]|{d}[^\s{d}])(?:{one}|{plain})+?{close}{d}{d}",
            rf"{d}(?=[^\s{d}]|{d}{d}[^\s{d}])(?:{two}|{plain})+?{close}{d}",
        ]

    markdown = [
        code,
        r"`+",  # an unmatched run is literal as a whole
        r"\\[!-/:-@\[-`{-~]",  # backslash escape
        r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",  # entity
        r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>",  # autolink
        r"<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>",  # e-mail autolink
        r"<!--.*?-->",  # HTML comment
        r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>",  # inline HTML tag
        r"\[\^[^\]\s]+\]",  # footnote reference
        # inline link or image, with one level of nested brackets/parentheses
        r"!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]"
        r"(?:\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|\[[^\[\]]*\])",
        *emphasis("*"),
        # underscores do not emphasise inside a word (snake_case_name)
        *(rf"(?<![^\W_]){e}(?![^\W_])" for e in emphasis("_")),
        # pymdownx: ~~strike~~, ==mark==, ^^insert^^, ~sub~, ^sup^
        delimited("~~", r"[^~\\`]|~(?!~)"),
        delimited("==", r"[^=\\`]|=(?!=)"),
        delimited("^^", r"[^\^\\`]|\^(?!\^)"),
        # (a single word, so no emphasis delimiter inside one either)
        r"~[^\s~`*_]+~",
        r"\^[^\s\^`*_]+\^",
    ]
    # A bare URL is linkified by pymdownx.magiclink; it must not end on trailing punctuation.
    url = r"(?:(?:https?|ftp)://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]}*_~]"

    def first_of(alternatives: list[str]) -> str:
        return "|".join(f"(?:{a})" for a in alternatives)

    # Words, spaces and CJK characters cannot start a markdown construct (those start with
    # one of a few punctuation characters), so they are tried first: the common case then
    # never reaches the two dozen markdown alternatives, which halves the time to tokenise
    # prose. A URL starts like a word, so it goes before words.
    return re.compile(
        first_of(
            [
                rf"(?=https?://|ftp://|www\.){url}",
                word,
                r"\s+",
                unspaced,
                rf"(?=[`\\&<\[!*_~=^]){first_of(markdown)}",
                other,
            ]
        ),
        re.DOTALL,
    )


def tokenize(text: str) -> list[str]:
    """Split ``text`` into the units a diff may insert or delete; they concatenate to ``text``.

    Words of spaced scripts (with their accents, internal apostrophes, hyphens and digit
    separators), single CJK/Thai characters, whitespace runs, single punctuation characters and
    whole markdown inline constructs.
    """
    return list(_tokens(text))


@functools.lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[str, ...]:
    # Remembered: a paragraph is diffed against its text in each version it is compared with
    # (at M, 26,590 tokenisations of 5,642 distinct texts, 45 µs each on average).  Within the
    # last 1,024 texts come back 48 % of the characters tokenised, and they held 27 MB at most
    # at M (2,048: 56 %, 53 MB; whole guidelines are tokenised too, to place comments on them).
    return tuple(_token_pattern().findall(text))


def forget_tokens() -> None:
    """Drop the remembered tokenisations (a build does, before MkDocs runs)."""
    _tokens.cache_clear()


# --------------------------------------------------------------------------------------------
# Diff of two texts
# --------------------------------------------------------------------------------------------

# Private-use code points: their character class is "other" in every locale, so the C++
# engine's boundary heuristics treat all tokens alike instead of by an accident of numbering.
_CODE_POINTS: tuple[range, ...] = (
    range(0xE000, 0xF900),
    range(0xF0000, 0xFFFFE),
    range(0x100000, 0x10FFFE),
)
if fast_diff_match_patch.CHAR_WIDTH == 2:  # UTF-16 builds (Windows) cannot take astral planes
    _CODE_POINTS = _CODE_POINTS[:1]
_MAX_TOKENS = sum(len(r) for r in _CODE_POINTS)


def _code_points() -> Iterator[str]:
    for block in _CODE_POINTS:
        for code in block:
            yield chr(code)


_EngineOp = tuple[Op, list[str]]
_DMP_OPS: dict[str, Op] = {"=": "equal", "-": "delete", "+": "insert"}


def _engine_diff(a: list[str], b: list[str]) -> list[_EngineOp]:
    """Token-level diff with semantic cleanup; each op carries its tokens."""
    vocabulary = dict.fromkeys(chain(a, b))
    if len(vocabulary) > _MAX_TOKENS:
        return _difflib_diff(a, b)
    codes = dict(zip(vocabulary, _code_points(), strict=False))
    encoded_a = "".join(map(codes.__getitem__, a))
    encoded_b = "".join(map(codes.__getitem__, b))
    # No time limit: a cut-off search would make the output depend on the machine's speed.
    # checklines is the engine's line-mode speed-up, meaningless for code-point tokens.
    counts = fast_diff_match_patch.diff(
        encoded_a, encoded_b, timelimit=0, checklines=False, cleanup="Semantic"
    )
    out: list[_EngineOp] = []
    i = j = 0
    for symbol, n in counts:
        op = _DMP_OPS[symbol]
        if op == "insert":
            out.append((op, b[j : j + n]))
            j += n
        else:
            out.append((op, a[i : i + n]))
            i += n
            if op == "equal":
                j += n
    return out


def _difflib_diff(a: list[str], b: list[str]) -> list[_EngineOp]:
    """Fallback for more distinct tokens than there are private-use code points."""
    out: list[_EngineOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", a[i1:i2]))
            continue
        if i2 > i1:
            out.append(("delete", a[i1:i2]))
        if j2 > j1:
            out.append(("insert", b[j1:j2]))
    return out


def _boundary_score(left: str, right: str) -> int:
    """How good a place the gap between two tokens is for an edit to start or end.

    diff-match-patch's scale, on the characters either side of the gap: blank line 5, line
    break 4, end of sentence 3, space 2, punctuation 1, inside a run of letters 0 (CJK).
    """
    if not left or not right:
        return 6
    c1, c2 = left[-1], right[0]
    other1, other2 = not c1.isalnum(), not c2.isalnum()
    space1, space2 = other1 and c1.isspace(), other2 and c2.isspace()
    break1 = space1 and c1 in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    break2 = space2 and c2 in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    if (break1 and left.endswith(("\n\n", "\n\r\n"))) or (
        break2 and right.startswith(("\n\n", "\r\n\n", "\n\r\n", "\r\n\r\n"))
    ):
        return 5
    if break1 or break2:
        return 4
    if other1 and not space1 and space2:
        return 3
    if space1 or space2:
        return 2
    if other1 or other2:
        return 1
    return 0


def _slide_edits(ops: list[_EngineOp]) -> list[_EngineOp]:
    """Move each lone edit between two equalities to the best-scoring of its equivalent places.

    "a b {+b +}c" and "a {+b +}b c" are the same change. The engine chooses by the character
    classes of the code points, which say nothing about the tokens, so choose again here.
    """
    ops = list(ops)
    for k in range(1, len(ops) - 1):
        (op_l, left), (op_e, edit), (op_r, right) = ops[k - 1], ops[k], ops[k + 1]
        if op_l != "equal" or op_r != "equal" or op_e == "equal" or not edit:
            continue
        start = _best_start(left, edit, right)
        if start != len(left):
            whole = [*left, *edit, *right]
            ops[k - 1] = ("equal", whole[:start])
            ops[k] = (op_e, whole[start : start + len(edit)])
            ops[k + 1] = ("equal", whole[start + len(edit) :])
    return ops


def _best_start(left: list[str], edit: list[str], right: list[str]) -> int:
    """Where in ``left + edit + right`` the edit scores best; ties go right, as in dmp."""
    # Positions index left + edit + right without building it: an edit can slide over a long
    # run of repeated tokens, and copying lists at every step would be quadratic in that run.
    n_edit, n_total = len(edit), len(left) + len(edit) + len(right)

    def at(i: int) -> str:
        if i < len(left):
            return left[i]
        i -= len(left)
        return edit[i] if i < n_edit else right[i - n_edit]

    def score(start: int) -> int:
        end = start + n_edit
        before = at(start - 1) if start > 0 else ""
        after = at(end) if end < n_total else ""
        return _boundary_score(before, at(start)) + _boundary_score(at(end - 1), after)

    # The edit rotates left while it ends with the token before it, and right while it
    # starts with the token after it.
    start = len(left)
    while start > 0 and at(start - 1) == at(start + n_edit - 1):
        start -= 1
    best, best_score = start, score(start)
    while start + n_edit < n_total and at(start) == at(start + n_edit):
        start += 1
        if (current := score(start)) >= best_score:
            best, best_score = start, current
    return best


def _canonical(ops: Iterable[tuple[Op, str]]) -> Ops:
    """Drop empty ops, merge neighbours, and order each change as one delete then one insert."""
    out: list[tuple[Op, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(("delete", "".join(deleted)))
            deleted.clear()
        if inserted:
            out.append(("insert", "".join(inserted)))
            inserted.clear()

    for op, text in ops:
        if not text:
            continue
        if op == "equal":
            flush()
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + text)
            else:
                out.append(("equal", text))
        elif op == "delete":
            deleted.append(text)
        else:
            inserted.append(text)
    flush()
    return tuple(out)


def _mirror(ops: Ops) -> Ops:
    swap: dict[Op, Op] = {"equal": "equal", "delete": "insert", "insert": "delete"}
    return _canonical((swap[op], text) for op, text in ops)


def diff_text(old: str, new: str) -> Ops:
    """Diff two texts word by word (character by character in CJK); see the module docstring."""
    return _diff_text(old, new)


@functools.lru_cache(maxsize=4096)
def _diff_text(old: str, new: str) -> Ops:
    # Remembered: anchoring a comment measures a passage against every candidate paragraph and
    # then shows the redline of the best, and a site shows the same pair on several pages; the
    # result is an immutable tuple, so sharing it is safe.
    if old == new:
        return (("equal", old),) if old else ()
    # Always diff in one orientation, so that comparing v2 with v1 shows the same hunks as v1
    # with v2: where several minimal diffs exist, the engine's choice depends on argument order.
    if new < old:
        return _mirror(_diff_text(new, old))
    token_ops = _merge_token_ops(_engine_diff(tokenize(old), tokenize(new)))
    return _canonical((op, "".join(tokens)) for op, tokens in _slide_edits(token_ops))


def _merge_token_ops(ops: list[_EngineOp]) -> list[_EngineOp]:
    """Token-level twin of :func:`_canonical`, so edits are whole before they are slid."""
    out: list[_EngineOp] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(("delete", deleted.copy()))
            deleted.clear()
        if inserted:
            out.append(("insert", inserted.copy()))
            inserted.clear()

    for op, tokens in ops:
        if not tokens:
            continue
        if op == "equal":
            flush()
            if out and out[-1][0] == "equal":
                out[-1][1].extend(tokens)
            else:
                out.append(("equal", list(tokens)))
        elif op == "delete":
            deleted.extend(tokens)
        else:
            inserted.extend(tokens)
    flush()
    return out


def has_changes(ops: Iterable[tuple[Op, str]]) -> bool:
    """Whether the diff inserts or deletes anything."""
    return any(op != "equal" and text for op, text in ops)


def old_text(ops: Iterable[tuple[Op, str]]) -> str:
    """The text before the change: equal and deleted parts."""
    return "".join(text for op, text in ops if op != "insert")


def new_text(ops: Iterable[tuple[Op, str]]) -> str:
    """The text after the change: equal and inserted parts."""
    return "".join(text for op, text in ops if op != "delete")


# --------------------------------------------------------------------------------------------
# Diff of two sequences of paragraphs
# --------------------------------------------------------------------------------------------

ParagraphKind: TypeAlias = Literal["equal", "modified", "inserted", "deleted"]


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """One paragraph of a redline: its place in each version and its word diff.

    ``old_text(ops)`` is ``old[old_index]`` (empty for an inserted paragraph) and
    ``new_text(ops)`` is ``new[new_index]`` (empty for a deleted one).
    """

    old_index: int | None
    new_index: int | None
    ops: Ops

    @property
    def kind(self) -> ParagraphKind:
        if self.old_index is None:
            return "inserted"
        if self.new_index is None:
            return "deleted"
        return "modified" if has_changes(self.ops) else "equal"


# Above this many old x new paragraphs in one changed stretch, only paragraphs that share a
# distinctive word are compared (a renumbering can change every paragraph of a document).
_EXHAUSTIVE_PAIRS = 10_000


def diff_paragraphs(
    old: Sequence[str], new: Sequence[str], *, min_similarity: float = 0.5
) -> tuple[ParagraphDiff, ...]:
    """Align two versions' paragraphs, then diff the words of each aligned pair.

    Identical paragraphs are matched first (longest common runs, as difflib does). Between two
    such anchors, changed paragraphs are paired when their word overlap (Dice coefficient of
    their casefolded word multisets) reaches ``min_similarity``, choosing the order-preserving
    pairing of greatest total overlap. A paragraph left unpaired is reported deleted (``new_index``
    None, one ``delete`` op) or inserted (``old_index`` None, one ``insert`` op).

    A split paragraph pairs with the more similar of its parts and the other part is inserted;
    a merge pairs the merged paragraph with the more similar of its sources and the other
    source is deleted. That keeps every ParagraphDiff tied to exactly one paragraph on each side
    it has, which is what anchors and comment links need. A moved paragraph is a deletion at
    its old place and an insertion at its new one.

    The result is in reading order of the new text, with each deleted paragraph at the place
    it had in the old text; every old and every new index appears exactly once, ascending.
    """
    out: list[ParagraphDiff] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(
                ParagraphDiff(i, j, diff_text(old[i], new[j]))
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        else:
            out.extend(_align_changed(old, new, i1, i2, j1, j2, min_similarity))
    return tuple(out)


def _word_bag(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in tokenize(text) if any(c.isalnum() for c in t))


def _similarity(a: str, b: str, bag_a: Counter[str], bag_b: Counter[str]) -> float:
    size = sum(bag_a.values()) + sum(bag_b.values())
    if not size:  # punctuation-only paragraphs: only identical ones are alike
        return 1.0 if a == b else 0.0
    small, large = (bag_a, bag_b) if len(bag_a) <= len(bag_b) else (bag_b, bag_a)
    shared = sum(min(n, large[t]) for t, n in small.items() if t in large)
    return 2.0 * shared / size


def _candidate_pairs(
    bags_a: list[Counter[str]], bags_b: list[Counter[str]]
) -> Iterator[tuple[int, int]]:
    if len(bags_a) * len(bags_b) <= _EXHAUSTIVE_PAIRS:
        for i in range(len(bags_a)):
            for j in range(len(bags_b)):
                yield i, j
        return
    # Words found in many paragraphs ("the", "shall") would make every pair a candidate.
    frequency: Counter[str] = Counter()
    for bag in (*bags_a, *bags_b):
        frequency.update(bag.keys())
    common = max(8, int((len(bags_a) + len(bags_b)) ** 0.5))
    where: dict[str, list[int]] = {}
    for j, bag in enumerate(bags_b):
        for word in bag:
            if frequency[word] <= common:
                where.setdefault(word, []).append(j)
    for i, bag in enumerate(bags_a):
        seen: set[int] = set()
        for word in bag:
            seen.update(where.get(word, ()))
        for j in sorted(seen):
            yield i, j


def _align_changed(
    old: Sequence[str],
    new: Sequence[str],
    i1: int,
    i2: int,
    j1: int,
    j2: int,
    min_similarity: float,
) -> list[ParagraphDiff]:
    olds, news = old[i1:i2], new[j1:j2]
    bags_a = [_word_bag(p) for p in olds]
    bags_b = [_word_bag(p) for p in news]
    weighted = []
    for i, j in _candidate_pairs(bags_a, bags_b):
        score = _similarity(olds[i], news[j], bags_a[i], bags_b[j])
        if score >= min_similarity and score > 0:
            weighted.append((i, j, score))
    chain = _heaviest_chain(weighted, len(news))

    out: list[ParagraphDiff] = []
    next_i = next_j = 0
    for i, j in [*chain, (len(olds), len(news))]:
        out.extend(ParagraphDiff(i1 + k, None, _whole("delete", olds[k])) for k in range(next_i, i))
        out.extend(ParagraphDiff(None, j1 + k, _whole("insert", news[k])) for k in range(next_j, j))
        if i < len(olds):
            out.append(ParagraphDiff(i1 + i, j1 + j, diff_text(olds[i], news[j])))
        next_i, next_j = i + 1, j + 1
    return out


def _whole(op: Op, text: str) -> Ops:
    return ((op, text),) if text else ()


def _heaviest_chain(pairs: list[tuple[int, int, float]], width: int) -> list[tuple[int, int]]:
    """The pairs increasing in both indices with the greatest total weight.

    A heaviest-common-subsequence in O(P log n): a Fenwick tree over the new index holds the best
    chain ending before each position. Pairs of one old paragraph are visited from the highest
    new index down, so two of them never chain.
    """
    pairs = sorted(pairs, key=lambda p: (p[0], -p[1]))
    tree: list[tuple[float, int]] = [(0.0, -1)] * (width + 1)
    previous: list[int] = []
    for index, (_, j, weight) in enumerate(pairs):
        best: tuple[float, int] = (0.0, -1)
        position = j  # query positions 1..j, i.e. new indices below j
        while position > 0:
            best = max(best, tree[position])
            position -= position & -position
        previous.append(best[1])
        entry = (best[0] + weight, index)
        position = j + 1
        while position <= width:
            tree[position] = max(tree[position], entry)
            position += position & -position
    best = (0.0, -1)
    position = width
    while position > 0:
        best = max(best, tree[position])
        position -= position & -position
    chain: list[tuple[int, int]] = []
    index = best[1]
    while index != -1:
        chain.append((pairs[index][0], pairs[index][1]))
        index = previous[index]
    chain.reverse()
    return chain


SIMILARITY_THRESHOLD = 0.5
"""Below this similarity a paragraph is not taken for a rewording of another: a comment's
passage is then orphaned (:mod:`redraft.comments.anchors`), and a paragraph of a merged or split
guideline is new rather than carried over (:mod:`redraft.redline.compare`).  Half the characters
kept separates a reworded paragraph from a different one on the example's texts."""


# --------------------------------------------------------------------------------------------
# How much of a paragraph another one keeps
# --------------------------------------------------------------------------------------------


def similarity(old: str, new: str) -> float:
    """How much of ``old`` a word-level diff keeps in ``new``, from 0.0 (nothing) to 1.0.

    The characters kept (whitespace ignored, so CJK compared character by character and spaced
    scripts compared word by word weigh alike) divided by the length of ``old``, or by the mean
    of both lengths when ``new`` is shorter.  A paragraph merged into a longer one keeps most of
    its old words and scores high; a paragraph cut down scores by what is left of both.
    """
    old, new = normalize_space(old), normalize_space(new)
    old_weight, new_weight = _weight(old), _weight(new)
    if old_weight == 0:
        return 1.0 if new_weight == 0 else 0.0
    kept = sum(_weight(text) for op, text in diff_text(old, new) if op == "equal")
    return kept / min(old_weight, (old_weight + new_weight) / 2)


def _weight(text: str) -> int:
    """The number of characters that are not whitespace (``str.split`` drops exactly those)."""
    return len("".join(text.split()))


def similar_enough(old: str, new: str) -> bool:
    """``similarity(old, new) >= SIMILARITY_THRESHOLD``, without diffing texts that cannot be.

    The characters a diff keeps are whole tokens found in both texts, each token of one text
    matched at most once; so they weigh at most what the two texts' tokens have in common,
    counted as bags.  When even that is below the threshold, the diff (the costly part, and
    slowest on unrelated texts) is skipped: the answer is the same.
    """
    old, new = normalize_space(old), normalize_space(new)
    old_bag, old_weight = _bag(old)
    new_bag, new_weight = _bag(new)
    if old_weight:
        common = sum(
            min(count, new_bag[token][0]) * weight
            for token, (count, weight) in old_bag.items()
            if token in new_bag
        )
        if common / min(old_weight, (old_weight + new_weight) / 2) < SIMILARITY_THRESHOLD:
            return False
    return similarity(old, new) >= SIMILARITY_THRESHOLD


@functools.lru_cache(maxsize=1024)
def _bag(text: str) -> tuple[dict[str, tuple[int, int]], int]:
    """Each token of ``text`` with how often it occurs and its weight, and the text's weight.
    A passage is measured against every candidate paragraph in turn: tokenized and weighed
    once."""
    counts = Counter(tokenize(text))
    return {token: (n, _weight(token)) for token, n in counts.items()}, _weight(text)
