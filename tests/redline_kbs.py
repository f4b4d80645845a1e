"""Small knowledge bases written on purpose for the redline tests: each version a list of parts,
each part a list of guidelines, written to disk exactly as an editor would and loaded back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase

from .kb_builder import G


@dataclass(frozen=True)
class Gl:
    id: str
    number: str
    body: str
    title: str = ""
    merged_from: Sequence[str] = ()
    split_from: str | None = None
    replaces: str | None = None


@dataclass(frozen=True)
class Pt:
    id: str
    number: str
    title: str
    guidelines: Sequence[Gl]


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_kb(root: Path, versions: Sequence[tuple[str, Sequence[Pt]]]) -> Path:
    """Versions oldest first; the last is written as the working draft (its id is ignored)."""
    released = versions[:-1]
    _dump(
        root / "guidelines" / "versions.yml",
        {
            "versions": [
                {
                    "id": vid,
                    "title": f"Version {vid}",
                    "symbol": f"TEST/{vid.upper()}",
                    "date": f"2018-0{index + 1}-01",
                }
                for index, (vid, _) in enumerate(released)
            ]
        },
    )
    for index, (vid, parts) in enumerate(versions):
        folder = root / "guidelines" / ("draft" if index == len(versions) - 1 else vid)
        _dump(
            folder / "outline.yml",
            {
                "title": "Test guidelines",
                "language": "en",
                "parts": [
                    {
                        "id": p.id,
                        "number": p.number,
                        "title": p.title,
                        "guidelines": [g.id for g in p.guidelines],
                    }
                    for p in parts
                ],
            },
        )
        for part in parts:
            for g in part.guidelines:
                # the same front matter and layout as every other purpose-built knowledge base;
                # only the default title differs (by id, so a renumbering is not a retitling)
                as_written = G(
                    g.id,
                    g.number,
                    g.body,
                    title=g.title or f"Guideline {g.id}",
                    part=part.id,
                    merged_from=g.merged_from,
                    split_from=g.split_from,
                    replaces=g.replaces,
                )
                (folder / f"{g.id}.md").write_text(as_written.markdown(), encoding="utf-8")
    return root


def build_kb(root: Path, versions: Sequence[tuple[str, Sequence[Pt]]]) -> KnowledgeBase:
    """Write and load; a problem in the files is a mistake in the test, so it fails loudly."""
    write_kb(root, versions)
    result = load(root)
    serious = [str(p) for p in result.problems if p.severity == "error"]
    assert serious == []
    return result.kb


def one_part(*guidelines: Gl, part: str = "main") -> list[Pt]:
    return [Pt(part, "I", "Main part", guidelines)]
