"""Incremental builds and trees built in parallel give exactly the site a clean, serial build
gives: after each kind of edit, the site rebuilt from the render cache by parallel workers is
compared byte for byte with the site a fresh copy of the same sources builds, one tree after
another, without any cache (src/redraft/site/render_cache.py, tree_builds.py), and the trees
an edit leaves unchanged are kept whole (tree_reuse.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from redraft.cli.progress import plain_line
from redraft.site.build import build
from redraft.site.layout import cache_folder
from redraft.site.progress import Event, PagesRendered, Phase, TreeBuilt
from redraft.site.tree_builds import available_cores

from .site_support import example_site_root

SOURCES = ("guidelines", "comments", "records", "docs", "redraft.yml", "mkdocs.yml")


def _differences(left: Path, right: Path) -> list[str]:
    """Every file that is not byte-identical in both folders (or is missing from one)."""

    def files(folder: Path) -> dict[str, Path]:
        return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}

    ours, theirs = files(left), files(right)
    different = [
        name
        for name in sorted(ours.keys() & theirs.keys())
        if ours[name].read_bytes() != theirs[name].read_bytes()
    ]
    return different + sorted(ours.keys() ^ theirs.keys())


def _clean_build(sources: Path, destination: Path, *, workers: int) -> Path:
    """Build a fresh copy of ``sources`` (no pages folder, no cache, no site), ``workers``
    trees at a time; its site."""
    destination.mkdir()
    for name in SOURCES:
        source = sources / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.exists():
            shutil.copy2(source, destination / name)
    result = build(destination, strict=True, workers=workers, languages=LANGUAGES)
    assert result.prepared is not None
    return destination / "site"


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found (the example changed?)"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def reword(root: Path) -> None:
    _replace(root / "guidelines/draft/asset-assessment.md", "approximate value", "estimated value")


def change_disposition(root: Path) -> None:
    _replace(
        root / "comments/submissions/2018-nv/CHN.yml",
        "disposition: not-accepted",
        "disposition: noted",
    )


def add_guideline(root: Path) -> None:
    draft = root / "guidelines/draft"
    text = (draft / "asset-assessment.md").read_text(encoding="utf-8")
    text = text.replace("id: asset-assessment", "id: asset-inventory")
    text = text.replace('number: "2"', 'number: "17"').replace("part: planning", "part: disposal")
    text = text.replace("Assessment of assets before seizure", "Inventory of seized assets")
    (draft / "asset-inventory.md").write_text(text, encoding="utf-8")
    _replace(
        draft / "outline.yml",
        "      - international-cooperation\n",
        "      - international-cooperation\n      - asset-inventory\n",
    )


def delete_guideline(root: Path) -> None:
    draft = root / "guidelines/draft"
    for path in draft.glob("international-cooperation*.md"):
        path.unlink()
    _replace(draft / "outline.yml", "      - international-cooperation\n", "")


def change_configuration(root: Path) -> None:
    _replace(root / "mkdocs.yml", "primary: indigo", "primary: teal")


def reword_a_translation(root: Path) -> None:
    """An edit in the French text alone: the other translations' trees have nothing new."""
    _replace(
        root / "guidelines/draft/asset-assessment.fr.md", "valeur approximative", "valeur estimée"
    )


def add_a_page(root: Path) -> None:
    """A new hand-written page: a new entry in the main tree's navigation, so every page of
    that tree shows a different menu."""
    (root / "docs/glossary.md").write_text(
        "# Glossary\n\nA *note verbale* is a formal diplomatic note.\n", encoding="utf-8"
    )


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("reword a paragraph", reword),
    ("change a comment's disposition", change_disposition),
    ("reword a translation only", reword_a_translation),
    ("add a guideline", add_guideline),
    ("add a page to the navigation", add_a_page),
    ("delete a guideline", delete_guideline),
    ("change mkdocs.yml", change_configuration),
]


def test_an_incremental_parallel_build_equals_a_clean_serial_one_after_each_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_site_root(tmp_path / "kb")
    first = build(root, strict=True, workers=2, languages=LANGUAGES)
    assert first.prepared is not None
    main_cache = cache_folder(first.prepared.layout.pages, "build", "main")
    assert any(main_cache.iterdir()), "the first build filled no cache"
    assert not any(p.name == "cache" for p in (root / "site").rglob("*")), "cache published"

    clean = root
    for number, (name, edit) in enumerate(EDITS):
        edit(root)
        events: list[Event] = []
        again = build(root, strict=True, workers=2, progress=events.append, languages=LANGUAGES)
        assert again.prepared is not None, f"{name}: the build was skipped"
        # One tree at a time once, to show the parallel build's output is the serial one's;
        # after the other edits, both cores (a clean build is the test's cost).
        clean = _clean_build(root, tmp_path / f"clean-{number}", workers=1 if number == 0 else 2)
        assert _differences(root / "site", clean) == [], f"{name}: differs from a clean build"
        built = {e.tree: e for e in events if isinstance(e, TreeBuilt)}
        assert set(built) == {tree for tree, _folder in TREES}, name
        kept = {tree for tree, e in built.items() if e.kept}
        assert all(built[tree].reused == built[tree].pages for tree in kept), name
        if name == "reword a paragraph":
            # Only the pages that show the reworded guideline are rendered again.
            main = built["/"]
            assert 0 < main.pages - main.reused < main.pages // 4, main
            assert not main.kept, main
            # Every language tree's history of the guideline now says the original was
            # reworded (its step from the last released version is no longer "unchanged"), so
            # no tree is kept whole here; each renders again only the few pages that say so.
            # Trees kept whole are pinned by "reword a translation only" and "add a page".
            for tree, event in built.items():
                if tree != "/" and tree not in kept:
                    assert event.pages - event.reused < event.pages // 4, event
        if name == "reword a translation only":
            assert "/fr/" not in kept and {"/ar/", "/zh/"} <= kept, kept
        if name == "add a page to the navigation":
            main = built["/"]
            assert not main.kept and main.reused == 0, main  # every menu is new
            assert kept == {tree for tree, _folder in TREES} - {"/"}, kept
        if name == "change mkdocs.yml":
            assert all(e.reused == 0 for e in built.values()), "a new configuration reused pages"

    # A new version of Redraft (any change to its code) renders every page of every tree again;
    # the sources are those of the last edit, so the site is the last clean build's.
    # (In this process, where the code's hash can be replaced: one tree at a time.)
    from redraft.site import build as site_build
    from redraft.site import render_cache, tree_reuse

    other = "another version of Redraft's code"
    fingerprint = site_build.fingerprint
    monkeypatch.setattr(site_build, "fingerprint", lambda *a, **k: fingerprint(*a, **k) + other)
    monkeypatch.setattr(tree_reuse, "own_code_digest", lambda: other)
    monkeypatch.setattr(render_cache, "own_code_digest", lambda: other)
    events = []
    again = build(root, strict=True, workers=1, progress=events.append, languages=LANGUAGES)
    assert again.prepared is not None, "a build with new code was skipped"
    built = {e.tree: e for e in events if isinstance(e, TreeBuilt)}
    assert all(e.reused == 0 and not e.kept for e in built.values()), built
    assert _differences(root / "site", clean) == []


def test_a_build_outside_a_terminal_says_each_phase_and_tree_in_a_few_lines(
    tmp_path: Path, example_documents: Path
) -> None:
    """Outside a terminal (a log, CI), progress is a line per phase and per language tree on
    stderr; ``--quiet`` leaves stdout's summary alone; stdout is the same either way.  Two trees
    (``--language``) say it as six would, at a third of the cost; the documents are the
    session's, reused as a rebuild reuses them."""
    root = example_site_root(tmp_path / "kb", documents=example_documents)
    trees = [("/", "main"), ("/zh/", "zh")]

    def run(*options: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", "from redraft.cli import run; run()", "build"]
        languages = ["--language", "en", "--language", "zh"]
        return subprocess.run(
            [*command, "-C", str(root), *languages, *options],
            capture_output=True,
            text=True,
            check=False,
        )

    first = run()
    assert first.returncode == 0, first.stderr
    progress = [line for line in first.stderr.splitlines() if line.startswith("redraft: ")]
    assert progress[:3] == [
        "redraft: generating the pages",
        f"redraft: writing the pages ({_page_count(first.stdout)} pages)",
        f"redraft: building the site ({len(trees)} tree(s), "
        f"{min(len(trees), available_cores())} at a time)",
    ]
    built = sorted(re.sub(r" in [0-9.]+ s$", "", line) for line in progress[3:])
    assert built == sorted(
        f"redraft: built {tree}: {_pages(root, folder)} pages" for tree, folder in trees
    )

    reword(root)
    quiet = run("--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert not [line for line in quiet.stderr.splitlines() if line.startswith("redraft: ")]
    assert quiet.stdout.splitlines()[1:] == first.stdout.splitlines()[1:]
    assert quiet.stdout.startswith(f"{_page_count(first.stdout)} pages generated in build/pages (")


# the trees the chain above builds: the main one and three of the draft's five translations
LANGUAGES = ("en", "ar", "zh", "fr")
"""The trees these builds make (``languages=``, as ``redraft build --language``): the main tree,
the one tree an edit of a translation touches (French), and two it leaves alone, one written
right to left (Arabic) and one in Chinese.  The Russian and Spanish trees are made and kept by
the same code as the French one; leaving them out takes a quarter off each of the dozen builds
below, and a tree built alone is the whole build's tree byte for byte (test_site_build.py)."""
TREES = [("/", "main"), *((f"/{code}/", code) for code in LANGUAGES[1:])]


def _page_count(summary: str) -> int:
    return int(summary.split(" ", 1)[0])


def _pages(root: Path, folder: str) -> int:
    return sum(1 for _ in (root / "build/pages" / folder / "docs").rglob("*.md"))


def test_each_event_has_its_plain_line_or_none() -> None:
    assert plain_line(Phase("building", "4 tree(s), 2 at a time")) == (
        "redraft: building the site (4 tree(s), 2 at a time)"
    )
    assert plain_line(TreeBuilt("/zh/", 57, 54, 1.26)) == (
        "redraft: built /zh/: 57 pages, 54 reused in 1.3 s"
    )
    assert plain_line(TreeBuilt("/", 140, 0, 12.0)) == "redraft: built /: 140 pages in 12.0 s"
    assert plain_line(PagesRendered("/", 3, 140, 1)) is None  # a terminal's bar, not a line
    # bad data gets its path:line errors and nothing else (tests/test_site_build.py)
    assert plain_line(Phase("checking")) is None
