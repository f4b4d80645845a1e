#!/usr/bin/env python3
"""Benchmark ``redraft build`` against a plain MkDocs + Material build of as many pages.

    .venv/bin/python scripts/bench_site.py [--sizes 100 500] [--seed 11] [--keep DIR]

For each size N, writes a synthetic knowledge base from a fixed seed into a temporary folder:
four versions of N guidelines (later versions reword, renumber, move, add and delete some, and
a tenth are translated into Chinese in the last two), twelve parties, two calls and about N
comments with dispositions.  It then times, in the same run:

- ``redraft build``: load and check, generate every page of every language tree, write them,
  and build each tree with MkDocs (the generation and MkDocs parts are reported apart);
- the baseline: a plain MkDocs + Material project with the same number of Markdown pages, of
  the same total size, the same theme, search plugin and section-only navigation.

The figure that matters is the ratio of the two: what Redraft adds over building the same
number of pages.  Not a test; nothing is asserted.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from redraft.load import load  # noqa: E402
from redraft.site.build import build, build_tree, prepare  # noqa: E402

PROSE = (
    "States should ensure that the competent authority manages seized assets so as to preserve "
    "their value pending confiscation including perishable goods companies real estate virtual "
    "assets and bank accounts with transparency accountability and due regard for the rights of "
    "owners victims and third parties acting in good faith under domestic law and applicable "
    "treaties subject to judicial review and periodic reporting"
)
WORDS = PROSE.split()
CHINESE = "各国应确保主管机关管理被扣押的资产以保全其价值并定期公布有关信息"
PARTIES = ["AUT", "BRA", "CHN", "COL", "DEU", "EGY", "FRA", "ITA", "MEX", "NOR", "PER", "USA"]
NAMES = {
    "AUT": "Austria", "BRA": "Brazil", "CHN": "China", "COL": "Colombia", "DEU": "Germany",
    "EGY": "Egypt", "FRA": "France", "ITA": "Italy", "MEX": "Mexico", "NOR": "Norway",
    "PER": "Peru", "USA": "United States of America",
}  # fmt: skip
DISPOSITIONS = ["accepted", "partially-accepted", "not-accepted", "noted", "pending"]


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), "utf-8")


def corpus(root: Path, size: int, seed: int) -> Path:
    """A knowledge base of ``size`` guidelines in four versions, with comments."""
    rng = random.Random(seed)
    versions = ["v1", "v2", "v3", "draft"]
    guidelines: dict[str, list[str]] = {
        f"g{i:04d}": [sentence(rng, rng.randint(25, 60)) for _ in range(rng.randint(2, 4))]
        for i in range(size)
    }
    order = list(guidelines)
    written: dict[str, list[str]] = {}
    for index, version in enumerate(versions):
        if index:
            for gid in rng.sample(order, max(1, size // 5)):  # reword a fifth
                paragraphs = guidelines[gid]
                at = rng.randrange(len(paragraphs))
                paragraphs[at] = sentence(rng, rng.randint(25, 60))
            for gid in rng.sample(order, max(1, size // 50)):  # delete a few
                order.remove(gid)
            for _ in range(max(1, size // 50)):  # add a few
                gid = f"n{index}{rng.randrange(10**6):06d}"
                guidelines[gid] = [sentence(rng, 40)]
                order.insert(rng.randrange(len(order) + 1), gid)
        folder = root / "guidelines" / version
        parts = {"one": order[: len(order) // 2], "two": order[len(order) // 2 :]}
        for part, ids in parts.items():
            for number, gid in enumerate(ids, start=1 if part == "one" else len(parts["one"]) + 1):
                body = "\n\n".join(f"({chr(97 + i)}) {p}" for i, p in enumerate(guidelines[gid]))
                front = {
                    "id": gid,
                    "number": str(number),
                    "title": f"Guideline on {gid}",
                    "part": part,
                }
                text = f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n{body}\n"
                (folder / f"{gid}.md").parent.mkdir(parents=True, exist_ok=True)
                (folder / f"{gid}.md").write_text(text, "utf-8")
                translated = gid.startswith("g") and int(gid[1:]) % 10 == 0
                if index >= 2 and translated:
                    zh = "\n\n".join(
                        f"({chr(97 + i)}) {CHINESE}" for i in range(len(guidelines[gid]))
                    )
                    (folder / f"{gid}.zh.md").write_text(
                        f"---\nid: {gid}\ntitle: 关于{gid}的准则\n---\n\n{zh}\n", "utf-8"
                    )
        write(
            folder / "outline.yml",
            {
                "title": "Synthetic guidelines",
                "language": "en",
                "parts": [
                    {"id": p, "number": str(n + 1), "title": f"Part {n + 1}", "guidelines": ids}
                    for n, (p, ids) in enumerate(parts.items())
                ],
            },
        )
        written[version] = list(order)
    write(
        root / "redraft.yml", {"title": "Synthetic guidelines", "submissions_notice": "Invented."}
    )
    released = [
        {
            "id": v,
            "title": f"Version {v}",
            "symbol": f"SYN/{v.upper()}",
            "date": f"201{8 + i // 2}-0{1 + 4 * (i % 2)}-15",
            "status": "released",
        }
        for i, v in enumerate(versions[:-1])
    ]
    write(root / "guidelines" / "versions.yml", {"versions": released})
    write(
        root / "comments" / "parties.yml",
        {"parties": [{"code": c, "name": NAMES[c], "type": "state"} for c in PARTIES]},
    )
    calls = [("c1", "v1", "2018-02-01", "2018-04-01"), ("c2", "v3", "2019-06-01", "2019-08-01")]
    call_entries = [
        {"id": c, "reference": f"NV/{c}", "date": d, "version": v, "deadline": e, "invited": "all"}
        for c, v, d, e in calls
    ]
    write(root / "comments" / "calls.yml", {"calls": call_entries})
    for call_id, version, _, _ in calls:
        later = versions[versions.index(version) + 1]
        for party in PARTIES:
            comments = []
            for n in range(max(1, size // (2 * len(PARTIES)))):
                gid = rng.choice(written[version])
                disposition = rng.choice(DISPOSITIONS)
                comment: dict[str, Any] = {
                    "id": f"{party.lower()}-{call_id}-{n}",
                    "guideline": gid,
                    "paragraph": "a",
                    "type": rng.choice(["general", "technical", "editorial"]),
                    "text": sentence(rng, 30),
                    "disposition": disposition,
                }
                if disposition != "pending":
                    comment["rationale"] = sentence(rng, 15)
                    if disposition in ("accepted", "partially-accepted", "noted"):
                        comment["addressed_in"] = later
                comments.append(comment)
            write(
                root / "comments" / "submissions" / call_id / f"{party}.yml",
                {
                    "party": party,
                    "call": call_id,
                    "received": "2018-03-20" if call_id == "c1" else "2019-07-20",
                    "language": "en",
                    "visibility": "public",
                    "text": "\n\n".join(sentence(rng, 40) for _ in range(3)),
                    "comments": comments,
                },
            )
    return root


def plain_project(root: Path, pages: int, words_per_page: int, seed: int) -> Path:
    """A plain MkDocs + Material project with ``pages`` pages and a section-only navigation."""
    rng = random.Random(seed)
    docs = root / "docs"
    for i in range(pages):
        section = f"s{i % 10}"
        body = "\n\n".join(sentence(rng, 50) for _ in range(max(1, words_per_page // 50)))
        path = docs / section / f"p{i:05d}.md" if i >= 10 else docs / section / "index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Page {i}\n\n## Text\n\n{body}\n", "utf-8")
    (docs / "index.md").write_text("# Home\n", "utf-8")
    write(
        root / "mkdocs.yml",
        {
            "site_name": "Plain",
            "theme": {"name": "material", "font": False, "features": ["navigation.tabs"]},
            "plugins": ["search"],
            "nav": [{"Home": "index.md"}, *({f"S{s}": f"s{s}/index.md"} for s in range(10))],
        },
    )
    return root


def timed(action: Any) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    base = args.keep or Path(tempfile.mkdtemp(prefix="redraft-bench-"))
    print(
        f"{'guidelines':>10} {'pages':>6} {'comments':>8} | {'generate':>8} {'mkdocs':>7} "
        f"{'redraft build':>13} | {'plain mkdocs':>12} {'ratio':>6} | {'rebuild':>7}"
    )
    try:
        for size in args.sizes:
            kb_root = corpus(base / f"kb-{size}", size, args.seed)
            # Warm the imports and jieba's dictionary once, outside the timings.
            if size == args.sizes[0]:
                build(kb_root)
                shutil.rmtree(kb_root / "build")
                shutil.rmtree(kb_root / "site")
            generation = timed(lambda root=kb_root: prepare(root))
            shutil.rmtree(kb_root / "build")
            total = timed(lambda root=kb_root: build(root))
            prepared = prepare(kb_root)
            rebuild = timed(lambda root=kb_root: prepare(root))  # nothing changed: nothing written
            pages = prepared.site.page_count
            comments = sum(1 for _ in load(kb_root).kb.comments())
            docs = [p for p in (kb_root / "build" / "pages").rglob("*.md")]
            words = sum(len(p.read_text("utf-8").split()) for p in docs) // max(len(docs), 1)
            plain_root = plain_project(base / f"plain-{size}", pages, words, args.seed)
            plain = timed(lambda root=plain_root: build_tree(root / "mkdocs.yml", strict=False))
            print(
                f"{size:>10} {pages:>6} {comments:>8} | {generation:>7.1f}s "
                f"{total - generation:>6.1f}s {total:>12.1f}s | {plain:>11.1f}s "
                f"{total / plain:>5.2f}x | {rebuild:>6.1f}s"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
