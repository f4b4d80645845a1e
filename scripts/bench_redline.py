#!/usr/bin/env python3
"""Benchmark the redline engine's version comparison on a generated corpus.

    .venv/bin/python scripts/bench_redline.py [--guidelines 200] [--versions 4] [--seed 7]

Writes a synthetic knowledge base (N guidelines per version, several versions with the kinds of
change real drafts have: renumbering, moves between parts, merges, splits, deletions,
additions, relettered paragraphs, reworded sentences, explanatory notes removed) into a
temporary folder, loads it, and times :func:`redraft.redline.compare.diff_versions` for every pair
of consecutive versions and for the first against the last.

The baseline, measured in the same run on the same loaded model, is what a plain approach
would do: match guidelines by id and run difflib.SequenceMatcher over each guideline's words
(whitespace tokens, autojunk off), with no paragraph alignment, lineage or move detection.
Figures are the best of several repetitions, in guidelines compared per second.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml

from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase, Version
from redraft.redline.compare import diff_versions

_WORDS = """
    States should consider the management of seized frozen confiscated assets office authority
    court owner value sale proceeds account costs victims return cooperation transparency audit
    register inventory manager company business employees custody virtual keys custodian licensed
    volatile legal tender domestic law treaty request assessment planning proportionate
    encumbrances mortgages liens experts valuation interest third parties claim preserve maintain
    store insure dispose public social reuse
"""
VOCABULARY = tuple(_WORDS.split())

PARTS = ("planning", "offices", "management", "disposal", "cooperation")


@dataclass
class Gdef:
    """One guideline in one generated version."""

    id: str
    part: str
    title: str
    paragraphs: list[tuple[str, str]]  # (anchor id, text)
    note: list[str]
    merged_from: list[str] = field(default_factory=list)
    split_from: str | None = None


def sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def reword(rng: random.Random, text: str) -> str:
    words = text.rstrip(".").split()
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(words))
        action = rng.random()
        if action < 0.4:
            words[at] = rng.choice(VOCABULARY)
        elif action < 0.7:
            words.insert(at, rng.choice(VOCABULARY))
        elif len(words) > 5:
            del words[at]
    return " ".join(words) + "."


def first_version(rng: random.Random, count: int, paragraphs: int) -> list[Gdef]:
    out = []
    for n in range(count):
        out.append(
            Gdef(
                id=f"g{n:04d}",
                part=PARTS[n * len(PARTS) // count],
                title=sentence(rng, 5).rstrip("."),
                paragraphs=[
                    (chr(ord("a") + k), sentence(rng, rng.randint(25, 70)))
                    for k in range(rng.randint(max(1, paragraphs - 2), paragraphs + 2))
                ],
                note=[sentence(rng, rng.randint(40, 90)) for _ in range(rng.randint(1, 2))],
            )
        )
    return out


def next_version(
    rng: random.Random, guidelines: list[Gdef], step: int, drop_notes: bool
) -> list[Gdef]:
    """The previous version with the changes a revision brings."""
    fresh = iter(range(10_000 * (step + 1), 10_000 * (step + 2)))
    out: list[Gdef] = []
    items = list(guidelines)
    i = 0
    while i < len(items):
        g = items[i]
        roll = rng.random()
        if roll < 0.03:  # deleted
            i += 1
            continue
        if roll < 0.05 and i + 1 < len(items):  # merged with the next one
            nxt = items[i + 1]
            out.append(
                Gdef(
                    id=f"m{next(fresh)}",
                    part=g.part,
                    title=g.title,
                    paragraphs=[
                        (chr(ord("a") + k), t)
                        for k, (_, t) in enumerate(g.paragraphs + nxt.paragraphs)
                    ][:26],
                    note=g.note,
                    merged_from=[g.id, nxt.id],
                )
            )
            i += 2
            continue
        if roll < 0.07 and len(g.paragraphs) > 1:  # split in two
            half = len(g.paragraphs) // 2
            for chunk in (g.paragraphs[:half], g.paragraphs[half:]):
                out.append(
                    Gdef(
                        id=f"s{next(fresh)}",
                        part=g.part,
                        title=g.title,
                        paragraphs=[(chr(ord("a") + k), t) for k, (_, t) in enumerate(chunk)],
                        note=g.note,
                        split_from=g.id,
                    )
                )
            i += 1
            continue
        part = rng.choice(PARTS) if rng.random() < 0.02 else g.part
        paragraphs = [(pid, reword(rng, t) if rng.random() < 0.3 else t) for pid, t in g.paragraphs]
        if rng.random() < 0.1 and len(paragraphs) < 20:  # a paragraph inserted at the top
            paragraphs.insert(0, (f"new{next(fresh)}", sentence(rng, 30)))
        out.append(Gdef(g.id, part, g.title, paragraphs, [] if drop_notes else g.note))
        if rng.random() < 0.03:  # a new guideline after it
            out.append(
                Gdef(
                    f"n{next(fresh)}",
                    part,
                    sentence(rng, 4).rstrip("."),
                    [("a", sentence(rng, 40)), ("b", sentence(rng, 40))],
                    [] if drop_notes else [sentence(rng, 50)],
                )
            )
        i += 1
    return out


def write_version(folder: Path, guidelines: list[Gdef]) -> None:
    folder.mkdir(parents=True)
    by_part: dict[str, list[Gdef]] = {p: [] for p in PARTS}
    for g in guidelines:
        by_part[g.part].append(g)
    ordered = [g for p in PARTS for g in by_part[p]]
    outline = {
        "title": "Synthetic guidelines",
        "language": "en",
        "parts": [
            {"id": p, "number": str(k + 1), "title": p.title(), "guidelines": [g.id for g in gs]}
            for k, (p, gs) in enumerate(by_part.items())
            if gs
        ],
    }
    (folder / "outline.yml").write_text(yaml.safe_dump(outline, sort_keys=False))
    for number, g in enumerate(ordered, start=1):
        front: dict[str, object] = {"id": g.id, "number": str(number), "title": g.title}
        front["part"] = g.part
        if g.merged_from:
            front["merged_from"] = g.merged_from
        if g.split_from:
            front["split_from"] = g.split_from
        body = []
        for k, (pid, text) in enumerate(g.paragraphs):
            label = chr(ord("a") + k) if k < 26 else f"z{k}"
            anchor = "" if pid == label else f" {{#{pid}}}"
            body.append(f"({label}) {text}{anchor}" if k < 26 else f"{text} {{#{pid}}}")
        if g.note:
            body.append("## Explanatory note")
            body.extend(g.note)
        text = "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n\n" + "\n\n".join(body)
        (folder / f"{g.id}.md").write_text(text + "\n")


def generate(root: Path, count: int, versions: int, paragraphs: int, seed: int) -> None:
    rng = random.Random(seed)
    chain = [first_version(rng, count, paragraphs)]
    for step in range(versions - 1):
        chain.append(next_version(rng, chain[-1], step, drop_notes=step == versions - 3))
    ids = [f"v{k + 1}" for k in range(versions - 1)]
    entries = [
        {"id": vid, "title": f"Version {vid}", "symbol": f"SYN/{vid}", "date": f"2020-0{k + 1}-01"}
        for k, vid in enumerate(ids)
    ]
    (root / "guidelines").mkdir(parents=True)
    (root / "guidelines" / "versions.yml").write_text(yaml.safe_dump({"versions": entries}))
    for vid, guidelines in zip([*ids, "draft"], chain, strict=True):
        write_version(root / "guidelines" / vid, guidelines)


def difflib_baseline(old: Version, new: Version) -> int:
    """Guidelines matched by id; each one's words diffed by difflib. Returns the hunk count."""
    hunks = 0
    for gid in {g.id for g in old.guidelines} | {g.id for g in new.guidelines}:
        a, b = old.guideline(gid), new.guideline(gid)
        words_a = " ".join(p.text for p in a.text.all_paragraphs).split(" ") if a else []
        words_b = " ".join(p.text for p in b.text.all_paragraphs).split(" ") if b else []
        matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
        hunks += sum(1 for tag, *_ in matcher.get_opcodes() if tag != "equal")
    return hunks


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--guidelines", type=int, default=200)
    parser.add_argument("--versions", type=int, default=4)
    parser.add_argument("--paragraphs", type=int, default=4, help="typical paragraphs each")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.versions < 2:
        parser.error("--versions must be at least 2")

    with tempfile.TemporaryDirectory(prefix="redraft-bench-") as tmp:
        root = Path(tmp)
        generate(root, args.guidelines, args.versions, args.paragraphs, args.seed)
        start = time.perf_counter()
        result = load(root)
        load_time = time.perf_counter() - start
    errors = [str(p) for p in result.problems if p.severity == "error"]
    if errors:
        print("the generated corpus does not load cleanly:", *errors[:5], sep="\n  ")
        return 1
    kb: KnowledgeBase = result.kb
    words = sum(
        len(p.text.split())
        for v in kb.versions
        for g in v.guidelines
        for p in g.text.all_paragraphs
    )
    print(
        f"corpus: {len(kb.versions)} versions, "
        f"{statistics.mean(len(v.guidelines) for v in kb.versions):.0f} guidelines each, "
        f"{words:,} words in all (seed {args.seed}); loaded in {load_time:.2f} s"
    )
    diff_versions(kb, kb.versions[0].id, kb.versions[1].id)  # warm caches (regexes, tables)

    pairs = [(kb.versions[k], kb.versions[k + 1]) for k in range(len(kb.versions) - 1)]
    pairs.append((kb.versions[0], kb.versions[-1]))
    print(
        f"\n{'comparison':<16}{'guidelines':>11}{'changed':>9}{'redraft':>11}{'g/s':>9}"
        f"{'difflib':>11}{'g/s':>9}{'ratio':>8}"
    )
    total_g = total_engine = total_base = 0.0
    for old, new in pairs:
        diff = diff_versions(kb, old.id, new.id)
        count = len(diff.guidelines)
        engine = best_of(args.repeat, partial(diff_versions, kb, old.id, new.id))
        base = best_of(args.repeat, partial(difflib_baseline, old, new))
        total_g += count
        total_engine += engine
        total_base += base
        print(
            f"{old.id + ' → ' + new.id:<16}{count:>11}{len(diff.changed_guidelines):>9}"
            f"{engine * 1000:>9.1f}ms{count / engine:>9.0f}"
            f"{base * 1000:>9.1f}ms{count / base:>9.0f}{base / engine:>7.2f}x"
        )
        counts = {k: v for k, v in diff.summary.counts.items() if v}
        print(f"{'':<16}{counts}")
    print(
        f"\nall comparisons: redraft {total_g / total_engine:,.0f} guidelines/s, "
        f"difflib baseline {total_g / total_base:,.0f} guidelines/s "
        f"(ratio {total_base / total_engine:.2f}x; >1 means redraft is faster)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
