"""Build small knowledge bases on disk for tests that need versions made on purpose.

A test describes each version as a list of :class:`G` (one guideline each) and gets back the
root of a knowledge base that :func:`redraft.kb.load.load` reads, so the code under test sees files
exactly as an editor would write them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase

PARTIES: tuple[tuple[str, str, str], ...] = (
    ("AUT", "Austria", "state"),
    ("CHN", "China", "state"),
    ("EGY", "Egypt", "state"),
    ("FRA", "France", "state"),
    ("NOR", "Norway", "state"),
    ("EU", "European Union", "observer"),
)


@dataclass(frozen=True)
class G:
    """One guideline of one version: its id, printed number and body (Markdown paragraphs)."""

    id: str
    number: str
    body: str
    title: str = ""
    part: str = "main"
    merged_from: Sequence[str] = ()
    split_from: str | None = None
    replaces: str | None = None
    translations: Mapping[str, str] = field(default_factory=dict)
    """Language → the body of this guideline's translation (``<id>.<language>.md``)."""
    translated_titles: Mapping[str, str] = field(default_factory=dict)

    def translation_markdown(self, language: str) -> str:
        title = self.translated_titles.get(language) or f"{language}: {self.title or self.number}"
        head = yaml.safe_dump({"id": self.id, "title": title}, allow_unicode=True, sort_keys=False)
        return f"---\n{head}---\n\n{self.translations[language].strip()}\n"

    def markdown(self) -> str:
        front: dict[str, Any] = {
            "id": self.id,
            "number": self.number,
            "title": self.title or f"Guideline {self.number}",
            "part": self.part,
        }
        if self.merged_from:
            front["merged_from"] = list(self.merged_from)
        if self.split_from:
            front["split_from"] = self.split_from
        if self.replaces:
            front["replaces"] = self.replaces
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        return f"---\n{head}---\n\n{self.body.strip()}\n"


@dataclass
class KbSpec:
    """Versions oldest first; the last one is written as the working draft."""

    versions: list[tuple[str, list[G]]]
    calls: list[dict[str, Any]] = field(default_factory=list)
    submissions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """``"<call>/<file stem>"`` → the submission's fields."""
    language: str = "en"
    languages: Sequence[str] = ()
    """``languages:`` of redraft.yml, when a test lists the languages published."""


def write_kb(root: Path, spec: KbSpec) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    settings: dict[str, Any] = {"title": "Test guidelines"}
    if spec.languages:
        settings["languages"] = list(spec.languages)
    _write(root / "redraft.yml", settings)
    released = spec.versions[:-1]
    entries = []
    start = dt.date(2018, 1, 1)
    for index, (version_id, _) in enumerate(released):
        entries.append(
            {
                "id": version_id,
                "title": f"Version {version_id}",
                "symbol": f"TEST/{version_id.upper()}",
                "date": (start + dt.timedelta(days=100 * index)).isoformat(),
            }
        )
    _write(root / "guidelines" / "versions.yml", {"versions": entries})
    for position, (version_id, guidelines) in enumerate(spec.versions):
        folder = "draft" if position == len(spec.versions) - 1 else version_id
        _write_version(root / "guidelines" / folder, guidelines, spec.language)
    _write(
        root / "comments" / "parties.yml",
        {"parties": [{"code": c, "name": n, "type": t} for c, n, t in PARTIES]},
    )
    _write(root / "comments" / "calls.yml", {"calls": spec.calls})
    for name, fields in spec.submissions.items():
        _write(root / "comments" / "submissions" / f"{name}.yml", fields)
    return root


def _write_version(folder: Path, guidelines: Sequence[G], language: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    parts: dict[str, list[str]] = {}
    for guideline in guidelines:
        parts.setdefault(guideline.part, []).append(guideline.id)
        (folder / f"{guideline.id}.md").write_text(guideline.markdown(), encoding="utf-8")
        for lang in guideline.translations:
            translation = guideline.translation_markdown(lang)
            (folder / f"{guideline.id}.{lang}.md").write_text(translation, encoding="utf-8")
    outline = {
        "title": "Test guidelines",
        "language": language,
        "parts": [
            {"id": part, "number": str(i + 1), "title": f"Part {i + 1}", "guidelines": ids}
            for i, (part, ids) in enumerate(parts.items())
        ],
    }
    _write(folder / "outline.yml", outline)


def _write(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def call(
    call_id: str,
    version: str,
    *,
    date: str = "2018-02-01",
    deadline: str = "2018-03-01",
    invited: str | list[str] = "all",
) -> dict[str, Any]:
    return {
        "id": call_id,
        "reference": f"NV/{call_id}",
        "date": date,
        "version": version,
        "deadline": deadline,
        "invited": invited,
    }


def submission(
    party: str,
    call_id: str,
    comments: list[dict[str, Any]],
    *,
    received: str = "2018-02-20",
    language: str = "en",
    visibility: str = "public",
    text: str = "The reply as received.",
) -> dict[str, Any]:
    return {
        "party": party,
        "call": call_id,
        "received": received,
        "language": language,
        "visibility": visibility,
        "text": text,
        "comments": comments,
    }


def comment(comment_id: str, guideline: str, **fields: Any) -> dict[str, Any]:
    """A comment with sensible defaults; ``fields`` add or override (e.g. ``paragraph="a"``)."""
    data: dict[str, Any] = {
        "id": comment_id,
        "guideline": guideline,
        "type": "technical",
        "text": f"Comment {comment_id}.",
    }
    data.update({key: value for key, value in fields.items() if value is not None})
    return data


def build(root: Path, spec: KbSpec) -> KnowledgeBase:
    """Write the knowledge base and load it, failing the test on any problem in the files."""
    write_kb(root, spec)
    result = load(root)
    assert [str(p) for p in result.problems] == []
    return result.kb
