"""Benchmark of the redline text engine (redraft.redline.textdiff) against a difflib baseline.

Not a test: it prints figures, it asserts nothing about speed. Texts are generated from a fixed
seed (English-like legal prose of 2,000 and 10,000 words, and Chinese guideline prose), each
revised by about ten edits of the kind a secretariat makes. Every engine is timed in the same
run, as the minimum of several runs, and reported with its ratio to the baseline:

    difflib  SequenceMatcher over whitespace-split tokens, autojunk=False
    redraft  diff_text(old, new): tokenise, diff-match-patch (C++) on token code points,
             semantic cleanup, canonical ops

For Chinese, whitespace-split tokens are whole clauses, so a character-level difflib run is
shown too; it is the baseline that finds the same hunks. Where Debian ships the GPL-3 text,
its first 2,000 words (real legal prose, a larger vocabulary than the generator's) are a
fourth case.

    python scripts/bench_diff.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import difflib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from redraft.redline.textdiff import diff_text, normalize_space, tokenize

SEED = 20181207

SUBJECTS = [
    "States parties",
    "the competent authority",
    "the asset management office",
    "the court",
    "the requesting State",
    "each State party",
]
VERBS = ["should", "shall", "may", "are encouraged to", "should consider whether to"]
ACTIONS = [
    "ensure that frozen, seized and confiscated assets are managed",
    "plan the management of assets before seizure",
    "designate an office responsible for the management of seized assets",
    "allow the sale of perishable or rapidly depreciating assets before final confiscation",
    "keep a register of seized assets, their value and their condition",
    "allow seized companies to continue trading lawfully under supervision",
    "consider the social reuse of confiscated assets",
    "give priority to the compensation of victims",
    "secure the private keys of seized virtual assets with licensed custodians",
    "report on the costs of maintaining assets relative to their value",
]
QUALIFIERS = [
    "in accordance with its domestic law",
    "where appropriate",
    "with the consent of the owner",
    "subject to judicial oversight",
    "without undue delay",
    "in a transparent and accountable manner",
    "taking into account the rights of bona fide third parties",
]

CHINESE_SENTENCES = [
    "各国应确保对冻结、扣押和没收的资产进行妥善管理。",
    "在实施扣押之前，主管机关应制定资产管理计划。",
    "各国可指定或设立负责管理被扣押资产的专门机构。",
    "对于易腐烂或迅速贬值的资产，可在最终没收前予以出售。",
    "被扣押的企业可在监督下继续合法经营。",
    "各国应考虑将被没收的资产用于社会用途。",
    "应优先考虑对受害人的赔偿。",
    "对于被扣押的虚拟资产，应由持牌托管人保管私钥。",
    "各国应通过双边或区域协定及时返还资产。",
    "主管机关应定期报告资产的价值和状况。",
]


def english_prose(words: int, rng: random.Random) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(ACTIONS)]
        parts += rng.sample(QUALIFIERS, rng.randint(0, 2))
        sentence = " ".join(parts)
        sentence = sentence[0].upper() + sentence[1:] + rng.choice([".", ".", ";"])
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def _edit(sentences: list[str], old: str, new: str, rng: random.Random) -> None:
    """Replace ``old`` by ``new`` once, in a sentence picked at random among those that have it."""
    candidates = [k for k, sentence in enumerate(sentences) if old in sentence]
    if candidates:
        k = rng.choice(candidates)
        sentences[k] = sentences[k].replace(old, new, 1)


def revise_english(text: str, rng: random.Random) -> str:
    """Ten edits: should→shall (three times), words added, dropped and changed, a sentence
    deleted and one inserted."""
    sentences = text.split(". ")
    for _ in range(3):
        _edit(sentences, " should ", " shall ", rng)
    _edit(sentences, " assets are managed", " assets and proceeds are managed", rng)
    _edit(sentences, "perishable or ", "", rng)
    _edit(sentences, "where appropriate", "as appropriate", rng)
    _edit(sentences, " may ", " may, in exceptional cases, ", rng)
    _edit(sentences, "the rights of bona fide third parties", "the rights of third parties", rng)
    del sentences[rng.randrange(len(sentences))]
    sentences.insert(
        rng.randrange(len(sentences)),
        "The office should publish an annual report on the assets under its management",
    )
    return ". ".join(sentences)


# Real legal prose with a real vocabulary, where Debian ships it.
GPL = Path("/usr/share/common-licenses/GPL-3")


def revise_licence(text: str, rng: random.Random) -> str:
    """Ten lawyer-style edits of the licence text."""
    sentences = text.split(". ")
    for old, new in [
        (" must ", " shall "),
        (" must ", " shall "),
        (" free ", " libre "),
        (" modify ", " adapt "),
        ("version 3", "version 4"),
        (" rights ", " rights and freedoms "),
        (" the ", " any "),
        (" software ", " programs "),
        (" you ", " the licensee "),
    ]:
        _edit(sentences, old, new, rng)
    del sentences[rng.randrange(len(sentences))]
    return ". ".join(sentences)


def chinese_prose(characters: int, rng: random.Random) -> str:
    out: list[str] = []
    while sum(map(len, out)) < characters:
        out.append(rng.choice(CHINESE_SENTENCES))
    return "".join(out)


def revise_chinese(text: str, rng: random.Random) -> str:
    """Ten edits: characters replaced, added and dropped, and a sentence deleted."""
    sentences = text.split("。")
    edits = [
        ("应确保", "必须确保"),
        ("双边或区域", "双边、区域或多边"),
        ("及时", "毫不拖延地"),
        ("可在", "可以在"),
        ("妥善", "审慎"),
        ("定期", "每年"),
        ("优先", "首先"),
        ("私钥", "密钥"),
        ("合法", ""),
    ]
    for old, new in edits:
        _edit(sentences, old, new, rng)
    del sentences[rng.randrange(len(sentences))]
    return "。".join(sentences)


# --------------------------------------------------------------------------------------------


def difflib_words(old: str, new: str) -> int:
    matcher = difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False)
    return sum(1 for tag, *_ in matcher.get_opcodes() if tag != "equal")


def difflib_chars(old: str, new: str) -> int:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(1 for tag, *_ in matcher.get_opcodes() if tag != "equal")


def redraft(old: str, new: str) -> int:
    ops = diff_text(old, new)
    # One hunk per change, counted like difflib's non-equal opcodes.
    return sum(
        1 for k, (op, _) in enumerate(ops) if op != "equal" and (k == 0 or ops[k - 1][0] == "equal")
    )


@dataclass
class Row:
    text: str
    size: str
    engine: str
    seconds: float
    hunks: int


def measure(
    engine: Callable[[str, str], int], old: str, new: str, repeat: int
) -> tuple[float, int]:
    hunks = engine(old, new)  # warm-up: the first call compiles the tokenizer's regex
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        engine(old, new)
        best = min(best, time.perf_counter() - start)
    return best, hunks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per engine (minimum is kept)")
    args = parser.parse_args()

    rng = random.Random(SEED)
    cases = []
    for words in (2_000, 10_000):
        old = english_prose(words, rng)
        cases.append(("English", f"{len(old.split()):,} words", old, revise_english(old, rng)))
    if GPL.exists():
        old = normalize_space(" ".join(GPL.read_text(encoding="utf-8").split()[:2_000]))
        cases.append(("GPL-3", "2,000 words", old, revise_licence(old, rng)))
    for characters in (2_500, 10_000):
        old = chinese_prose(characters, rng)
        cases.append(("Chinese", f"{len(old):,} chars", old, revise_chinese(old, rng)))

    engines: list[tuple[str, Callable[[str, str], int]]] = [
        ("difflib, whitespace tokens", difflib_words),
        ("redraft.redline.textdiff", redraft),
    ]
    rows: list[Row] = []
    for text, size, old, new in cases:
        chosen = engines
        if text == "Chinese":
            chosen = [*engines, ("difflib, characters", difflib_chars)]
        for name, engine in chosen:
            seconds, hunks = measure(engine, old, new, args.repeat)
            rows.append(Row(text, size, name, seconds, hunks))

    header = f"{'text':<8} {'size':>13}  {'engine':<27} {'time':>10}  {'hunks':>5}  {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for text, size, *_ in cases:
        rows_here = [r for r in rows if (r.text, r.size) == (text, size)]
        # The baseline is the difflib run that finds the same hunks: whitespace tokens for
        # English, characters for Chinese (where whitespace tokens are whole clauses).
        baseline_name = "difflib, characters" if text == "Chinese" else "difflib, whitespace tokens"
        baseline = next(r.seconds for r in rows_here if r.engine == baseline_name)
        for row in rows_here:
            mark = " (baseline)" if row.engine == baseline_name else ""
            print(
                f"{row.text:<8} {row.size:>13}  {row.engine:<27} {row.seconds * 1000:>7.2f} ms"
                f"  {row.hunks:>5}  {row.seconds / baseline:>6.3f}x{mark}"
            )
    english = next(c for c in cases if c[0] == "English")
    start = time.perf_counter()
    tokenize(english[2])
    print(
        f"\n(tokenising the 2,000-word text alone: {(time.perf_counter() - start) * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()
