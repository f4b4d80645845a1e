"""The benchmark's generator and measurements, at a tiny scale, so that neither can rot.

``scripts/synth_kb.py`` must write a knowledge base that Redraft loads without an error, with the
counts asked for and every kind of churn between versions, byte for byte the same from the same
seed; ``scripts/bench.py`` must measure a real build of it and report every figure the budgets
need.  No timing is asserted here: the benchmark reports timings, tests do not judge them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

import pytest

from redraft.checks.rules import check_loaded
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

import bench  # noqa: E402
import synth_kb  # noqa: E402

TINY = {"guidelines": 16, "versions": 4, "parties": 8, "comments": 60, "languages": "zh,fr"}


def tiny_args(**extra: Any) -> argparse.Namespace:
    return argparse.Namespace(**{"scale": "S", "seed": 8, **TINY, **extra})


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def tiny_kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synth_kb.Summary]:
    root = tmp_path_factory.mktemp("synth") / "kb"
    return root, synth_kb.generate(root, synth_kb.spec_from(tiny_args()))


def test_same_seed_same_bytes_other_seed_other_text(
    tiny_kb: tuple[Path, synth_kb.Summary], tmp_path: Path
) -> None:
    root, _ = tiny_kb
    again = tmp_path / "again"
    synth_kb.generate(again, synth_kb.spec_from(tiny_args()))
    assert files_of(again) == files_of(root)
    other = tmp_path / "other"
    synth_kb.generate(other, synth_kb.spec_from(tiny_args(seed=9)))
    assert files_of(other) != files_of(root)


def test_loads_and_checks_without_error_with_the_counts_asked(
    tiny_kb: tuple[Path, synth_kb.Summary],
) -> None:
    root, _ = tiny_kb
    result = load(root)
    errors = [str(p) for p in check_loaded(result) if p.severity == "error"]
    assert errors == []
    kb = result.kb
    assert [v.id for v in kb.versions][-1] == "draft"
    assert len(kb.versions) == TINY["versions"]
    assert len(kb.versions[0].guidelines) == TINY["guidelines"]
    assert len(kb.parties) == TINY["parties"]
    assert sum(1 for _ in kb.comments()) == TINY["comments"]
    assert len(kb.calls) == TINY["versions"] - 1  # one call per released version
    # Released versions are sealed: check proves them unchanged from their manifests.
    for version in kb.versions[:-1]:
        assert (root / "guidelines" / "manifests" / f"{version.id}.sha256").is_file()
    assert "hash: sha256:" in (root / "guidelines" / "versions.yml").read_text("utf-8")


def test_a_released_file_edited_is_named_by_check(
    tiny_kb: tuple[Path, synth_kb.Summary], tmp_path: Path
) -> None:
    """The seal is real: the generated manifests are what check compares against."""
    root, _ = tiny_kb
    copy = tmp_path / "kb"
    for relative, data in files_of(root).items():
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_bytes(data)
    first = load(copy).kb.versions[0]
    victim = copy / first.guidelines[0].source.path
    victim.write_text(victim.read_text("utf-8").replace("(a) ", "(a) Also, ", 1), "utf-8")
    messages = [str(p) for p in check_loaded(load(copy)) if p.severity == "error"]
    assert any(first.guidelines[0].source.path in m and "changed since release" in m
               for m in messages)  # fmt: skip


def churn_kinds(kb: KnowledgeBase) -> set[str]:
    """Which kinds of change the versions really show, read from the loaded model."""
    kinds: set[str] = set()
    seen: set[str] = set()
    for older, newer in zip(kb.versions, kb.versions[1:], strict=False):
        seen.update(g.id for g in older.guidelines)
        old_ids = [g.id for g in older.guidelines]
        for guideline in newer.guidelines:
            before = older.guideline(guideline.id)
            if guideline.merged_from:
                kinds.add("merged")
            if guideline.split_from:
                kinds.add("split")
            if guideline.replaces:
                kinds.add("replaced")
            if before is None:
                if guideline.id not in seen and not guideline.predecessors:
                    kinds.add("new")
                continue
            if before.number != guideline.number:
                kinds.add("renumbered")
            if before.part != guideline.part:
                kinds.add("moved to another part")
            old_text = [(p.id, p.text) for p in before.text.all_paragraphs]
            new_text = [(p.id, p.text) for p in guideline.text.all_paragraphs]
            old_ids_here = [i for i, _ in old_text]
            if any(p.label and p.label.strip("()") != p.id for p in guideline.text.paragraphs):
                kinds.add("relettered")  # e.g. "(c) … {#b}"
            if any(i == j and a != b for (i, a), (j, b) in zip(old_text, new_text, strict=False)):
                kinds.add("reworded")
            if set(old_ids_here) - {i for i, _ in new_text}:
                kinds.add("paragraph deleted")
        new_ids = {g.id for g in newer.guidelines}
        if any(g not in new_ids for g in old_ids):
            kinds.add("gone")
    return kinds


def test_every_kind_of_churn_is_there(tiny_kb: tuple[Path, synth_kb.Summary]) -> None:
    root, summary = tiny_kb
    kb = load(root).kb
    assert churn_kinds(kb) >= {
        "merged",
        "split",
        "new",
        "gone",
        "renumbered",
        "moved to another part",
        "reworded",
        "relettered",
        "paragraph deleted",
    }
    assert {"merged", "split", "moved", "added"} <= set(summary.churn)


def test_comments_are_anchored_decided_and_translated(
    tiny_kb: tuple[Path, synth_kb.Summary],
) -> None:
    root, _ = tiny_kb
    kb = load(root).kb
    comments = list(kb.comments())
    assert sum(1 for c in comments if c.paragraph) > len(comments) / 2
    assert any(c.quote for c in comments)
    assert {c.disposition for c in comments} >= {"accepted", "not-accepted", "pending"}
    assert all(c.addressed_in for c in comments if c.disposition == "accepted")
    assert {s.language for s in kb.submissions} - {"en"}  # some replies in other languages
    languages = {lang for v in kb.versions for g in v.guidelines for lang in g.translations}
    assert languages == {"zh", "fr"}
    # Realistic lengths: three to eight paragraphs (more after a merge), 30 to 90 words.
    first = kb.versions[0]
    assert all(3 <= len(g.text.paragraphs) <= 8 for g in first.guidelines)
    words = [len(p.text.split()) for g in first.guidelines for p in g.text.paragraphs]
    assert min(words) >= 20 and max(words) <= 100


def test_bench_measures_a_real_build(tmp_path: Path) -> None:
    overrides = {k: TINY[k] for k in ("guidelines", "versions", "parties", "comments")}
    overrides["languages"] = "zh"
    row = bench.measure("S", tmp_path, 8, overrides, repeat=2)
    root = tmp_path / "kb-S"
    pages = list((root / "build" / "pages").glob("*/docs/**/*.md"))
    assert row["pages"] == len(pages) > TINY["guidelines"] * TINY["versions"]
    assert row["trees"] == 2  # the main tree and Chinese
    assert (root / "site" / row["largest_page"]).stat().st_size / 1024 == pytest.approx(
        row["largest_page_kb"], abs=0.1
    )
    assert all(
        (p.stat().st_size / 1024) <= row["largest_page_kb"] + 0.1
        for p in (root / "site").rglob("*.html")
    )
    assert row["comments"] == TINY["comments"]
    # Chinese translates only part of the guidelines: every link still finds its anchor
    # (tests/test_site_paragraph_links.py); before, this build had dozens of warnings.
    assert row["warnings"] == 0
    assert bench.mkdocs_warnings("redraft: built /\nmkdocs: Doc file 'a.md' contains…\n") == 1
    for key in ("build_s", "render_s", "check_s", "check_warm_s", "check_warm_cpu_s", "peak_mb"):
        assert row[key] > 0, key
    assert row["check_peak_mb"] > 0 and row["check_warm_s"] > 0
    assert row["peak_mb"] > 20  # a real Python process that imported MkDocs
    # Own share is taken on CPU time (the build runs trees on every core, plain MkDocs serially).
    assert row["build_cpu_s"] > 0 and row["render_cpu_s"] > 0
    # Measured twice each, alternated: each pair's share, and their median.
    assert row["repeat"] == 2 and len(row["render_cpu_runs"]) == len(row["build_cpu_runs"]) == 2
    pairs = zip(row["render_cpu_runs"], row["build_cpu_runs"], strict=True)
    shares = [(built - rendered) / built for rendered, built in pairs]
    assert row["own_share_runs"] == pytest.approx(shares, abs=0.002)
    assert row["own_share"] == pytest.approx(statistics.median(shares), abs=0.002)
    assert row["build_cpu_s"] == pytest.approx(statistics.median(row["build_cpu_runs"]), abs=0.01)
    assert -1 < row["own_share_wall"] < 1
    # MkDocs alone ran as the build runs its trees, and the build's own process was measured
    # apart from its tree workers: Redraft's generation took some CPU, MkDocs' workers the rest.
    assert row["workers"] >= 1
    assert len(row["build_own_process_cpu_runs"]) == 2
    assert 0 < row["build_own_process_cpu_s"] < row["build_cpu_s"]
    assert 0 < row["tree_workers_cpu_s"] < row["build_cpu_s"]
    # Side by side (this machine has two cores): each pair's share from its own two runs.
    if row["workers"] >= 2:
        alongside = zip(
            row["side_by_side_build_cpu_runs"], row["side_by_side_render_cpu_runs"], strict=True
        )
        shares = [(built - rendered) / built for built, rendered in alongside]
        assert len(shares) == 2
        assert row["own_share_side_by_side_runs"] == pytest.approx(shares, abs=0.002)
        assert row["own_share_side_by_side"] == pytest.approx(statistics.median(shares), abs=0.002)
    # The counters see diff work where there is some.
    assert row["diff_calls_first"] > 0 and row["engine_diffs_first"] > 0
    # The writer's promise: unchanged inputs rewrite nothing.
    assert row["rebuild_rewritten"] == 0
    # The one-word edit was made, and the build after it published it.
    assert row["unchanged_build_s"] > 0 and row["edit_build_s"] > 0
    edited = root / row["edited"]
    assert edited.read_text("utf-8").split("\n\n")[1].endswith(" indeed")
    guideline = edited.name.removesuffix(".md")
    pages = [p for p in (root / "site").rglob("*.html") if guideline in p.as_posix()]
    assert any("indeed" in p.read_text("utf-8") for p in pages)
    assert row["diff_words_per_s"] > 0 and row["difflib_words_per_s"] > 0
    # What the pairs replaced was moved aside while measuring, and deleted once done.
    assert not list(tmp_path.glob("discarded-*"))

    rows = {"M": row, "L": row}
    report = bench.write_json(tmp_path / "bench.json", rows, argparse.Namespace(seed=8))
    written = json.loads((tmp_path / "bench.json").read_text("utf-8"))
    assert written == json.loads(json.dumps(report))
    for key in ("pages", "build_s", "render_s", "own_share", "check_s", "peak_mb"):
        assert key in written["scales"]["L"]
    budgets = written["budgets"]
    assert set(budgets) == {
        "own_share",
        "growth_m_to_l",
        "check_s",
        "check_warm_s",
        "peak_mb",
        "unchanged_rebuild",
        "largest_page_kb",
        "edit_rebuild_m",
        "own_share_m",
        "own_share_m_side_by_side",
        "largest_page_m",
    }
    assert budgets["edit_rebuild_m"]["met"] == (row["edit_ratio"] <= 0.10)
    assert budgets["own_share_m"]["met"] == (row["own_share"] <= 0.10)
    side = budgets["own_share_m_side_by_side"]
    assert side["met"] == (row["own_share_side_by_side"] <= 0.10)
    assert budgets["largest_page_m"]["met"] == (row["largest_page_kb"] < 150)
    with_s = bench.verdicts({"S": row, "M": {**row, "build_s": row["build_s"] * 2}})
    assert with_s["growth_s_to_m"]["value"] == 2.0 and not with_s["growth_s_to_m"]["met"]
    # The growth's parts: MkDocs alone, Redraft's own CPU and the Markdown, each over pages.
    assert row["markdown_mb"] > 0
    small = {**row, "pages": 100, "render_cpu_s": 20.0, "build_cpu_s": 22.0, "markdown_mb": 2.0}
    medium = {**small, "pages": 1000, "render_cpu_s": 260.0, "build_cpu_s": 278.0}
    parts = bench.verdicts({"S": small, "M": {**medium, "markdown_mb": 24.0}})
    assert parts["growth_s_to_m_parts"] == {
        "render_cpu_over_pages": 1.3,
        "own_cpu_over_pages": 0.9,
        "markdown_over_pages": 1.2,
    }
    assert budgets["growth_m_to_l"]["value"]["ratio"] == 1.0  # same row: no growth at all
    assert budgets["check_s"]["met"] == (row["check_s"] <= 3)
    assert budgets["check_warm_s"]["met"] == (row["check_warm_cpu_s"] <= 3)
    assert budgets["unchanged_rebuild"]["met"] == (row["rebuild_diff_calls"] == 0)
    assert "| S |" in bench.table({"S": row})


def test_lean_anchors_answer_as_the_full_ones(tiny_kb: tuple[Path, synth_kb.Summary]) -> None:
    """``anchor_in(detail=False)``, offered to ``redraft check`` (which reads only where a
    passage stands), answers exactly as the full call on every comment and later version of
    the synthetic knowledge base, whose churn moves, splits, merges and rewords passages."""
    from redraft.comments.anchors import anchor_in

    root, _ = tiny_kb
    kb = load(root).kb
    states = set()
    for comment in kb.comments():
        for version in kb.versions:
            full = anchor_in(kb, comment, version.id)
            lean = anchor_in(kb, comment, version.id, detail=False)
            if full is None:
                assert lean is None
                continue
            assert lean is not None
            states.add(full.state)
            for field in ("state", "reason", "place", "wording", "similarity", "retarget"):
                assert getattr(lean, field) == getattr(full, field), (comment.id, field)
            assert lean.redline == () and lean.others == ()
    assert {"anchored", "changed"} <= states


def test_discarded_outputs_are_moved_aside_then_deleted(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "pages").mkdir(parents=True)
    (build / "pages" / "index.md").write_text("x", "utf-8")
    discarded = bench.Discarded(tmp_path / "discarded")
    discarded.put(build)
    discarded.put(tmp_path / "site")  # not there: nothing to move
    out = discarded.folder_for("render")
    assert not build.exists() and out.is_dir() and not list(out.iterdir())
    moved = [p.name for p in (tmp_path / "discarded").iterdir()]
    assert sorted(moved) == ["1-build", "2-render"]
    assert (tmp_path / "discarded" / "1-build" / "pages" / "index.md").read_text("utf-8") == "x"
    discarded.delete()
    assert not (tmp_path / "discarded").exists()


def test_a_scale_deletes_what_it_discarded_even_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "discarded-S" / "1-build").mkdir(parents=True)  # a stopped run's
    found_before: list[bool] = []

    def failing(*args: Any) -> dict[str, Any]:
        discarded = args[-1]
        found_before.append(discarded.folder.exists())
        discarded.folder_for("render")
        raise SystemExit("plain mkdocs build failed")

    monkeypatch.setattr(bench, "_measure", failing)
    with pytest.raises(SystemExit):
        bench.measure("S", tmp_path, 8, {})
    assert found_before == [False]
    assert not (tmp_path / "discarded-S").exists()


def test_mkdocs_alone_builds_every_tree_two_at_a_time_and_reports_a_failure(
    tmp_path: Path,
) -> None:
    configs = []
    for name in ("main", "ar", "fr"):
        docs = tmp_path / name / "docs"
        docs.mkdir(parents=True)
        (docs / "index.md").write_text(f"# Tree {name}\n", "utf-8")
        config = tmp_path / name / "mkdocs.yml"
        config.write_text(f"site_name: {name}\n", "utf-8")
        configs.append(config)
    done = bench.render_alone(configs, tmp_path / "out", 2)
    assert done.returncode == 0, done.output
    for n, name in enumerate(("main", "ar", "fr")):
        assert f"Tree {name}" in (tmp_path / "out" / str(n) / "index.html").read_text("utf-8")
    assert done.cpu_s > 0 and done.peak_mb > 20  # two interpreters that imported MkDocs
    # A tree MkDocs cannot load fails the run, with MkDocs' own words, and the others still run.
    configs[1].write_text("site_name: ar\nnav: 3\n", "utf-8")
    failed = bench.render_alone(configs, tmp_path / "again", 2)
    assert failed.returncode != 0
    assert "nav" in failed.output
    assert (tmp_path / "again" / "2" / "index.html").is_file()


def test_a_tree_is_not_handed_to_a_worker_that_is_gone() -> None:
    read, write = os.pipe()
    os.close(read)  # the worker has exited
    with os.fdopen(write, "w") as given:
        waiting = ["main/mkdocs.yml\tout/0\n"]
        assert not bench.hand_next(given, waiting)
        assert waiting == ["main/mkdocs.yml\tout/0\n"]  # still waiting for a live worker
        with contextlib.suppress(BrokenPipeError):
            given.close()
