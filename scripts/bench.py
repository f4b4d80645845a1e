#!/usr/bin/env python3
"""Benchmark Redraft at scale, against the budgets of issue 8.

    .venv/bin/python scripts/bench.py [--scales S,M,L] [--json FILE] [--keep DIR] [--seed N]
        [--repeat N]

For each scale, writes a synthetic knowledge base with ``scripts/synth_kb.py`` and measures, in
the same run, each step in a fresh ``redraft`` process (the command line through ``subprocess``,
so that each step's peak memory is that process's own, read with ``os.wait4``):

- ``build_s``: the whole ``redraft build`` from nothing (no build/, no site/: the last ones are
  moved aside, and deleted only once the scale is measured, see :class:`Discarded`);
- ``render_s``: MkDocs alone on the very same generated Markdown: ``redraft build --pages-only``
  first, then every ``build/pages/<tree>/mkdocs.yml`` built with MkDocs' own build function by
  worker processes as ``redraft build`` builds its trees (as many at once as it would run, each
  taking the next tree, the main tree first: :func:`render_alone`); ``render_cpu_s``, the
  workers' CPU time;
- ``own_share``: Redraft's share of the build's **CPU time**, ``(build_cpu_s - render_cpu_s) /
  build_cpu_s`` (``build_cpu_s`` counts the tree workers, which ``os.wait4`` reports with the
  process that waited for them).  CPU, not wall time, so that the measure does not hang on
  how the work is spread over the cores (``own_share_wall`` is kept in the JSON).  Beside it,
  ``build_own_process_cpu_s``: the CPU time of the build's own process alone (loading,
  checking, generating the pages and the documents; not its tree workers), Redraft's work
  measured within the one run, and ``tree_workers_cpu_s``, the rest.  ``generate_s``, the time
  of ``redraft build --pages-only`` alone (load, check, generate, write), is a cross-check.
  With ``--repeat N``, MkDocs alone and the whole build are measured N times
  each, alternated (render, build, render, build...): the times are medians, ``own_share`` the
  median of each pair's share (every pair's in ``own_share_runs``), so that a machine whose
  speed drifts between the two measures (a share of 14 % one evening, 4 % the next morning,
  same code) is seen, and weighs less;
- ``own_share_side_by_side``: the same share with the two measured over the same minutes, on a
  machine of two cores or more: the whole build pinned to one core (so its trees are built one
  after the other) and MkDocs alone, serial, on another, started together; ``--repeat`` pairs,
  the cores swapped each time (:func:`side_by_side`).  The alternated pairs above are exposed
  to the machine's drift between two runs (single pairs at M read from 0.5 to 22 %); side by
  side, a drift weighs on both;
- ``check_s``: ``redraft check`` (``check_cpu_s``, its CPU time); ``check_warm_s`` and
  ``check_warm_cpu_s``: ``redraft check`` again, reusing the texts the first parsed
  (``build/cache/parse``), what an editor waits for after an edit;
- ``peak_mb``: the peak resident memory of the ``redraft build`` process (``check_peak_mb`` of
  ``redraft check``);
- ``largest_page_kb`` (and which page): the largest HTML page of the built site;
- ``warnings``: how many warnings MkDocs gave in that whole build (a link to a page or an anchor
  that is not there: ``redraft build --strict`` fails on any), so that a regression in the
  site's links shows here as well as in a strict build;
- ``unchanged_build_s``: ``redraft build`` again with nothing changed (the whole command, which
  finds the last build current);
- ``edit_build_s``: ``redraft build`` after a one-word edit (a word added at the end of the first
  paragraph of the working draft's first guideline), what an editor waits for after saving;
  ``edit_ratio``, its share of the full build (wall time: what the editor waits for);
  ``edit_cpu_ratio``, the same on CPU time;
- a rebuild with unchanged inputs (``redraft build --pages-only`` again, MkDocs never writes into
  build/pages): how many files of build/pages changed their modification time, and how much diff
  work it did, counted by wrapping ``redraft.redline.textdiff``'s diff functions in that process
  (``diff_calls``: calls of ``diff_text`` and ``diff_paragraphs``; ``engine_diffs``: runs of the
  diff engine itself), next to the same counts for the first generation;
- diff throughput: every guideline's text diffed against its next version's with
  ``redraft.redline.textdiff.diff_text``
  and with a ``difflib.SequenceMatcher`` over whitespace-split
  words (the baseline of ``scripts/bench_diff.py``), in words per second.

Growth between M and L, and between S and M (build time against pages), and the budget verdicts
are computed when both are measured; from S to M with its parts (``growth_s_to_m_parts``: MkDocs
alone's CPU, Redraft's own CPU and the generated Markdown's size, each grown over the page
count's growth; ``markdown_mb`` is each scale's Markdown).  Prints a Markdown table; ``--json``
writes every figure.  Not a test: the timings are what they are on the machine that ran it;
``tests/test_bench.py`` keeps this script working.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import platform
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

import synth_kb  # noqa: E402

BUDGETS = {
    "own_share": 0.15,  # at L, at most
    "growth_ratio": 1.2,  # build growth / page growth, M → L, at most
    "check_s": 3.0,  # at L, at most
    "peak_mb": 1024.0,  # at L, below
    "largest_page_kb": 150.0,  # at L, below
    "edit_ratio": 0.10,  # one-word-edit rebuild / full build, at M, at most (issue 18)
    "own_share_m": 0.10,  # at M, at most (issue 18)
    "growth_ratio_s_to_m": 1.1,  # build growth / page growth, S → M, at most (issue 18)
}

# Run in a fresh interpreter: `redraft ARGS`, then written to the file named first the CPU time
# of this process alone (not of the tree workers it started and waited for) and, when the
# second argument is "count", its diff work (calls into redraft.redline.textdiff).
RECORDED = r"""
import atexit, json, resource, sys
import redraft.redline.textdiff as td
out, mode = sys.argv[1], sys.argv[2]
counts = {"diff_calls": 0, "engine_diffs": 0}
def counted(function, key):
    def wrapper(*args, **kwargs):
        counts[key] += 1
        return function(*args, **kwargs)
    return wrapper
if mode == "count":
    td.diff_text = counted(td.diff_text, "diff_calls")
    td.diff_paragraphs = counted(td.diff_paragraphs, "diff_calls")
    td._engine_diff = counted(td._engine_diff, "engine_diffs")
def report():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    open(out, "w").write(json.dumps({**counts, "cpu_s": usage.ru_utime + usage.ru_stime}))
atexit.register(report)
from redraft.cli import run
sys.argv = ["redraft", *sys.argv[3:]]
run()
"""

# A worker of MkDocs alone, in a fresh interpreter: builds each tree named on its standard input
# (a line "mkdocs.yml<TAB>site folder") with MkDocs' own build function, and says "done" after
# each, so that it can be handed the next tree waiting, as `redraft build`'s tree workers are.
RENDER_WORKER = r"""
import os, sys, logging
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
logging.getLogger("mkdocs").setLevel(logging.ERROR)
from mkdocs.commands.build import build
from mkdocs.config import load_config
for line in sys.stdin:
    config_file, site_dir = line.rstrip("\n").split("\t")
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    print("done", flush=True)
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    output: str
    cpu_s: float = 0.0  # user + system time of the process, less exposed to a shared machine


def run(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command``; its wall time and its own peak resident memory (``os.wait4``)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    process.returncode, cpu, peak = reap(process.pid)
    return Run(time.perf_counter() - start, peak, process.returncode, output, cpu)


def reap(pid: int) -> tuple[int, float, float]:
    """Wait for process ``pid``: its exit code, its CPU time (user + system, with the children
    it waited for) and its own peak resident memory in MB (``os.wait4``)."""
    _, status, usage = os.wait4(pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    return os.waitstatus_to_exitcode(status), cpu, usage.ru_maxrss / 1024


REDRAFT = [sys.executable, "-c", "from redraft.cli import run; run()"]


def must(result: Run, what: str) -> Run:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed ({result.returncode}):\n{result.output[-3000:]}")
    return result


def recorded(args: Sequence[str], *, count: bool) -> tuple[Run, dict[str, float]]:
    """``redraft ARGS`` in a process that reports its own CPU time (``cpu_s``) and, with
    ``count``, its calls into ``redraft.redline.textdiff`` (``diff_calls``, ``engine_diffs``)."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as sink:
        path = sink.name
    try:
        mode = "count" if count else "plain"
        result = run([sys.executable, "-c", RECORDED, path, mode, *args])
        report = json.loads(Path(path).read_text() or "{}")
    finally:
        os.unlink(path)
    return result, report


def counted(root: Path, *args: str) -> tuple[Run, dict[str, float]]:
    """``redraft ARGS``, which must succeed, counting its diff work (:func:`recorded`)."""
    result, report = recorded(args, count=True)
    return must(result, f"redraft {args}"), report


def render_alone(configs: Sequence[Path], out: Path, workers: int, core: int | None = None) -> Run:
    """MkDocs alone over the trees ``configs`` (each built into a folder of ``out``), the way
    ``redraft build`` runs its trees: ``workers`` processes at once (as many as the cores
    ``redraft build`` finds), each handed the next tree waiting when it has finished one, in
    the order given (the main tree first).  The wall time of the whole; the CPU time of every
    worker together; the largest worker's peak memory.

    Run serially instead, MkDocs alone took less CPU than the same trees on both cores (231
    against 238 s at M, medians of three runs each, alternated, December 2026): the sibling
    core's load slows each process a little, and a serial yardstick charged that to Redraft.
    ``core``: the workers run on that core only (:func:`side_by_side`)."""
    start = time.perf_counter()
    waiting = [f"{config}\t{out / str(n)}\n" for n, config in enumerate(configs)]
    cpu, peak, failed = 0.0, 0.0, []
    with contextlib.ExitStack() as stack:
        errors = [
            stack.enter_context(tempfile.TemporaryFile())
            for _ in range(max(1, min(workers, len(waiting))))
        ]
        workers_running = [
            subprocess.Popen(
                [sys.executable, "-c", RENDER_WORKER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=error,
                text=True,
                preexec_fn=None if core is None else pinned_to(core),
            )
            for error in errors
        ]
        pipes = [(w.stdin, w.stdout) for w in workers_running]
        selector = stack.enter_context(selectors.DefaultSelector())
        busy = 0
        for given, answers in pipes:
            assert given is not None and answers is not None
            selector.register(answers, selectors.EVENT_READ, given)
            busy += 1
            if not hand_next(given, waiting):
                selector.unregister(answers)
                busy -= 1
        while busy:
            for key, _ in selector.select():
                given = key.data
                said = key.fileobj.readline()  # type: ignore[union-attr]
                if said == "done\n" and waiting and hand_next(given, waiting):
                    continue
                selector.unregister(key.fileobj)
                with contextlib.suppress(BrokenPipeError):
                    given.close()
                busy -= 1
        for worker, error in zip(workers_running, errors, strict=True):
            worker.returncode, used, worker_peak = reap(worker.pid)
            if worker.stdout is not None:
                worker.stdout.close()
            cpu += used
            peak = max(peak, worker_peak)
            if worker.returncode != 0:
                error.seek(0)
                failed.append(error.read().decode("utf-8", "replace")[-3000:])
    seconds = time.perf_counter() - start
    return Run(seconds, peak, 1 if failed or waiting else 0, "\n".join(failed), cpu)


def hand_next(given: Any, waiting: list[str]) -> bool:
    """Write the next tree waiting to a worker's input; False, the tree still waiting, if the
    worker is gone."""
    try:
        given.write(waiting[0])
        given.flush()
    except BrokenPipeError:
        return False
    waiting.pop(0)
    return True


def pinned_to(core: int) -> Callable[[], None]:
    """Run in a child before it starts: it, and every process it starts, runs on ``core``."""
    return lambda: os.sched_setaffinity(0, {core})


def side_by_side(
    root: Path, pages: Path, out: Path, build_core: int, render_core: int
) -> tuple[Run, Run]:
    """The whole ``redraft build`` of ``root`` on core ``build_core`` and, at the same time, MkDocs
    alone over the trees of ``pages`` (a copy of the generated pages) on ``render_core``: each
    serial (``redraft build`` finds one core, so builds its trees one after the other), both
    measured over the same minutes.  Two runs one after the other differed by up to a fifth on
    this machine (the same MkDocs alone 216 and 250 s of CPU ten minutes apart); run side by
    side, a drift of the machine's speed weighs on both alike, and swapping the cores between
    pairs evens out a difference between the two."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        build = subprocess.Popen(
            [*REDRAFT, "build", str(root)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            preexec_fn=pinned_to(build_core),
        )
        render = render_alone(tree_configs(pages), out, 1, core=render_core)
        code, cpu, peak = reap(build.pid)
        seconds = time.perf_counter() - start
        sink.seek(0)
        output = sink.read().decode("utf-8", "replace")
    return Run(seconds, peak, code, output, cpu), render


def own_process(command: Sequence[str]) -> tuple[Run, float]:
    """``redraft COMMAND``, and the CPU time of its own process alone: for a build, Redraft's
    loading, checking, generation and documents, without the tree workers (MkDocs)."""
    result, report = recorded(command, count=False)
    return result, report.get("cpu_s", 0.0)


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def tree_configs(pages: Path) -> list[Path]:
    """Every tree's mkdocs.yml, the main tree first (as ``redraft build`` builds them)."""
    configs = sorted(pages.glob("*/mkdocs.yml"))
    return sorted(configs, key=lambda c: c.parent.name != "main")


def mkdocs_warnings(output: str) -> int:
    """How many MkDocs warnings ``redraft build`` reported: one ``mkdocs: …`` line each."""
    return sum(1 for line in output.splitlines() if line.startswith("mkdocs: "))


def page_sizes(site: Path) -> tuple[int, float, str]:
    """(HTML pages, largest page in KB, its path) of a built site."""
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return len(pages), largest.stat().st_size / 1024, largest.relative_to(site).as_posix()


def diff_throughput(root: Path) -> dict[str, float]:
    """Every guideline's text against its next version's: redraft's textdiff against difflib."""
    from redraft.kb.load import load
    from redraft.redline import textdiff
    from redraft.redline.textdiff import diff_text

    kb = load(root).kb
    pairs: list[tuple[str, str]] = []
    for older, newer in zip(kb.versions, kb.versions[1:], strict=False):
        for guideline in older.guidelines:
            later = newer.guideline(guideline.id)
            if later is None:
                continue
            old = " ".join(p.text for p in guideline.text.all_paragraphs)
            new = " ".join(p.text for p in later.text.all_paragraphs)
            pairs.append((old, new))
    words = sum(len(a.split()) + len(b.split()) for a, b in pairs)

    def timed(engine: Any) -> float:
        forget = getattr(textdiff._diff_text, "cache_clear", None)
        if forget is not None:
            forget()  # redraft remembers recent diffs: time the work, not the memory
        start = time.perf_counter()
        for old, new in pairs:
            engine(old, new)
        return time.perf_counter() - start

    def baseline(old: str, new: str) -> None:
        difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).get_opcodes()

    diff_text(*pairs[0])  # compile the tokenizer once, outside the timing
    ours = min(timed(diff_text) for _ in range(2))
    theirs = min(timed(baseline) for _ in range(2))
    return {
        "diff_pairs": len(pairs),
        "diff_words_per_s": round(words / ours),
        "difflib_words_per_s": round(words / theirs),
        "diff_time_vs_difflib": round(ours / theirs, 3),
    }


def measure(
    scale: str, base: Path, seed: int, overrides: dict[str, Any], repeat: int = 1
) -> dict[str, Any]:
    """Every figure of one scale (see the module's docstring).  What its steps replaced is
    deleted when it ends, failed or not, and a stopped run's leftovers when it starts."""
    discarded = Discarded(base / f"discarded-{scale}")
    discarded.delete()
    try:
        return _measure(scale, base, seed, overrides, repeat, discarded)
    finally:
        discarded.delete()


def _measure(
    scale: str,
    base: Path,
    seed: int,
    overrides: dict[str, Any],
    repeat: int,
    discarded: Discarded,
) -> dict[str, Any]:
    root = base / f"kb-{scale}"
    args = argparse.Namespace(
        scale=scale,
        guidelines=overrides.get("guidelines"),
        versions=overrides.get("versions"),
        parties=overrides.get("parties"),
        comments=overrides.get("comments"),
        languages=overrides.get("languages"),
        seed=seed,
    )
    if root.exists():
        shutil.rmtree(root)
    start = time.perf_counter()
    summary = synth_kb.generate(root, synth_kb.spec_from(args))
    row: dict[str, Any] = {
        "scale": scale,
        "synth_s": round(time.perf_counter() - start, 2),
        "guidelines": summary.guidelines[summary.versions[-1]],
        "versions": len(summary.versions),
        "comments": summary.comments,
        "submissions": summary.submissions,
    }
    log(f"[{scale}] knowledge base written: {root}")

    check = run([*REDRAFT, "check", str(root)])
    if check.returncode not in (0,):
        raise SystemExit(f"redraft check found errors in the synthetic knowledge base:\n"
                         f"{check.output[-3000:]}")  # fmt: skip
    row["check_s"] = round(check.seconds, 2)
    row["check_cpu_s"] = round(check.cpu_s, 2)
    row["check_peak_mb"] = round(check.peak_mb, 1)
    # Again, as an editor checks after an edit: the texts parsed by the first are reused.
    again = run([*REDRAFT, "check", str(root)])
    if again.output != check.output:
        raise SystemExit("a second redraft check answered otherwise than the first")
    row["check_warm_s"] = round(again.seconds, 2)
    row["check_warm_cpu_s"] = round(again.cpu_s, 2)
    log(
        f"[{scale}] check {check.seconds:.1f} s ({check.cpu_s:.1f} s CPU), again "
        f"{again.seconds:.1f} s ({again.cpu_s:.1f} s CPU)"
    )

    # Redraft's generation alone (fresh), counting its diff work.
    generate, first_counts = counted(root, "build", str(root), "--pages-only")
    row["generate_s"] = round(generate.seconds, 2)
    row["generate_peak_mb"] = round(generate.peak_mb, 1)
    row["diff_calls_first"] = first_counts["diff_calls"]
    row["engine_diffs_first"] = first_counts["engine_diffs"]
    pages_dir = root / "build" / "pages"
    markdown = [page.stat().st_size for page in pages_dir.glob("*/docs/**/*.md")]
    row["pages"] = len(markdown)
    row["markdown_mb"] = round(sum(markdown) / 1e6, 1)
    row["trees"] = len(tree_configs(pages_dir))
    log(f"[{scale}] generate {generate.seconds:.1f} s, {row['pages']} pages")
    from redraft.site.tree_builds import available_cores

    workers = available_cores()
    row["workers"] = workers
    cores = sorted(os.sched_getaffinity(0))[:2] if workers >= 2 else []
    if cores:
        # MkDocs alone reads a copy when it runs beside a build, which remakes build/pages.
        pages_copy = discarded.folder_for("pages")
        shutil.copytree(pages_dir, pages_copy, dirs_exist_ok=True)

    # The renderer alone over the same Markdown, then the whole build from nothing; `repeat`
    # times, alternated, so that a machine that drifts (the same work took a quarter longer an
    # hour later here) weighs on both alike.  Each pair gives a share; the median is reported.
    renders: list[Run] = []
    builds: list[Run] = []
    generations: list[float] = []
    for attempt in range(repeat):
        out = discarded.folder_for("render")
        render = must(render_alone(tree_configs(pages_dir), out, workers), "plain mkdocs build")
        renders.append(render)
        log(f"[{scale}] render {render.seconds:.1f} s ({render.cpu_s:.1f} s CPU)")
        discarded.put(root / "build")
        discarded.put(root / "site")
        build, own_cpu = own_process(["build", str(root)])
        builds.append(must(build, "redraft build"))
        generations.append(own_cpu)
        share = (build.cpu_s - render.cpu_s) / build.cpu_s
        log(
            f"[{scale}] build {build.seconds:.1f} s ({build.cpu_s:.1f} s CPU, "
            f"{own_cpu:.1f} s of it its own process): own share {share:.1%}"
            + (f" (pair {attempt + 1} of {repeat})" if repeat > 1 else "")
        )
    row["repeat"] = repeat
    row["render_s"] = round(median(r.seconds for r in renders), 2)
    row["render_cpu_s"] = round(median(r.cpu_s for r in renders), 2)
    row["render_peak_mb"] = round(max(r.peak_mb for r in renders), 1)
    row["build_s"] = round(median(b.seconds for b in builds), 2)
    row["build_cpu_s"] = round(median(b.cpu_s for b in builds), 2)
    row["peak_mb"] = round(max(b.peak_mb for b in builds), 1)
    row["render_cpu_runs"] = [round(r.cpu_s, 2) for r in renders]
    row["build_cpu_runs"] = [round(b.cpu_s, 2) for b in builds]
    pairs = list(zip(renders, builds, strict=True))
    row["own_share_runs"] = [round((b.cpu_s - r.cpu_s) / b.cpu_s, 3) for r, b in pairs]
    row["own_share"] = round(median(row["own_share_runs"]), 3)
    row["own_share_wall"] = round(median((b.seconds - r.seconds) / b.seconds for r, b in pairs), 3)
    # The build's CPU split between its own process (loading, checking, generating the pages,
    # the documents) and its tree workers (MkDocs with Redraft's plugins): the first is
    # Redraft's alone and needs no second run to subtract, so it varies only with the machine.
    row["build_own_process_cpu_runs"] = [round(g, 2) for g in generations]
    row["build_own_process_cpu_s"] = round(median(generations), 2)
    row["tree_workers_cpu_s"] = round(
        median(b.cpu_s - g for b, g in zip(builds, generations, strict=True)), 2
    )

    # The same share with both measured over the same minutes: the build on one core, MkDocs
    # alone on the other, `repeat` times, the cores swapped each time (see side_by_side).
    if cores:
        alongside: list[tuple[Run, Run]] = []
        for attempt in range(repeat):
            discarded.put(root / "build")
            discarded.put(root / "site")
            build_core, render_core = cores if attempt % 2 == 0 else cores[::-1]
            build, render = side_by_side(
                root, pages_copy, discarded.folder_for("render"), build_core, render_core
            )
            must(build, "redraft build on one core")
            must(render, "plain mkdocs build on the other core")
            alongside.append((build, render))
            log(
                f"[{scale}] side by side, build on core {build_core}: build {build.cpu_s:.1f} s "
                f"of CPU, MkDocs alone {render.cpu_s:.1f} s: own share "
                f"{(build.cpu_s - render.cpu_s) / build.cpu_s:.1%}"
            )
        row["side_by_side_build_cpu_runs"] = [round(b.cpu_s, 2) for b, _ in alongside]
        row["side_by_side_render_cpu_runs"] = [round(r.cpu_s, 2) for _, r in alongside]
        row["own_share_side_by_side_runs"] = [
            round((b.cpu_s - r.cpu_s) / b.cpu_s, 3) for b, r in alongside
        ]
        row["own_share_side_by_side"] = round(median(row["own_share_side_by_side_runs"]), 3)
    # Cross-check, less exposed to the load of a shared machine between two separate runs.
    row["own_share_generate"] = round(generate.seconds / row["build_s"], 3)
    row["warnings"] = mkdocs_warnings(build.output)
    html_pages, largest_kb, largest = page_sizes(root / "site")
    row["html_pages"] = html_pages
    row["largest_page_kb"] = round(largest_kb, 1)
    row["largest_page"] = largest
    log(
        f"[{scale}] {row['warnings']} MkDocs warnings, largest page {largest_kb:.0f} KB ({largest})"
    )

    # Unchanged inputs: nothing should be rewritten, and nothing diffed again.
    before = mtimes(pages_dir)
    time.sleep(0.05)  # a rewrite within the same clock tick would otherwise go unseen
    rebuild, counts = counted(root, "build", str(root), "--pages-only")
    after = mtimes(pages_dir)
    row["rebuild_s"] = round(rebuild.seconds, 2)
    row["rebuild_rewritten"] = sum(1 for p, m in after.items() if before.get(p) != m)
    row["rebuild_diff_calls"] = counts["diff_calls"]
    row["rebuild_engine_diffs"] = counts["engine_diffs"]
    log(
        f"[{scale}] unchanged rebuild {rebuild.seconds:.1f} s, "
        f"{row['rebuild_rewritten']} files rewritten, {counts['diff_calls']} diff calls"
    )

    # The whole command again, nothing changed; then after a one-word edit.
    unchanged = must(run([*REDRAFT, "build", str(root)]), "unchanged redraft build")
    row["unchanged_build_s"] = round(unchanged.seconds, 2)
    edited = one_word_edit(root)
    edit = must(run([*REDRAFT, "build", str(root)]), "redraft build after a one-word edit")
    row["edited"] = edited
    row["edit_build_s"] = round(edit.seconds, 2)
    row["edit_ratio"] = round(edit.seconds / row["build_s"], 3)
    row["edit_cpu_s"] = round(edit.cpu_s, 2)
    row["edit_cpu_ratio"] = round(edit.cpu_s / row["build_cpu_s"], 3)
    row["edit_peak_mb"] = round(edit.peak_mb, 1)
    log(
        f"[{scale}] unchanged build {unchanged.seconds:.1f} s; after a one-word edit in "
        f"{edited} {edit.seconds:.1f} s ({row['edit_ratio']:.0%} of the full build)"
    )
    row.update(diff_throughput(root))
    return row


class Discarded:
    """Outputs the measurements are done with (a build, a site, MkDocs alone's output), moved
    aside and deleted only once every step of the scale is measured.

    Deleted between two steps, they were charged to the step after: this machine's ext4 has
    no journal, and there the kernel, when it makes a file, passes over every inode freed in
    the last few minutes (``recently_deleted`` in its inode allocator; a journaled file system
    does not).  A whole build of M made right after the last one was deleted took 4.7 and 12.8 s
    more kernel time than one made with the last build moved aside (alternated, 7 December
    2026), and it was always the build, never MkDocs alone, that came right after a deletion.

    The price is disk while a scale runs: each pair keeps a build, a site and MkDocs alone's
    output, about 1.5 GB a pair at M (``--repeat 3``: some 4.5 GB), three times that at L."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = 0

    def _next(self, name: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._count += 1
        return self.folder / f"{self._count}-{name}"

    def folder_for(self, name: str) -> Path:
        """An empty folder for an output, discarded with the rest."""
        folder = self._next(name)
        folder.mkdir()
        return folder

    def put(self, path: Path) -> None:
        """Move ``path`` out of the way (a rename: no file is freed), if it exists."""
        if path.exists():
            path.rename(self._next(path.name))

    def delete(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def one_word_edit(root: Path) -> str:
    """Add one word at the end of the first paragraph of the working draft's first guideline
    (its English file); returns the file's path.  Added at the end, so no quoted passage of a
    comment is cut in two and the knowledge base stays free of errors."""
    draft = root / "guidelines" / "draft"
    originals = sorted(p for p in draft.glob("*.md") if len(p.suffixes) == 1)
    path = originals[0]
    lines = path.read_text("utf-8").split("\n")
    closing = lines.index("---", 1)  # the front matter's end
    start = next(i for i in range(closing + 1, len(lines)) if lines[i].strip())
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    lines[end - 1] = lines[end - 1].rstrip() + " indeed"
    path.write_text("\n".join(lines), "utf-8")
    return path.relative_to(root).as_posix()


def verdicts(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Each budget: met, not met, or not measured (it is judged at L)."""
    large, medium, small = rows.get("L"), rows.get("M"), rows.get("S")
    out: dict[str, Any] = {}

    def judge(name: str, value: Any, ok: bool | None, rule: str) -> None:
        out[name] = {"value": value, "rule": rule, "met": ok}

    if medium is not None:  # issue 18's budgets at M
        judge(
            "edit_rebuild_m",
            medium["edit_ratio"],
            medium["edit_ratio"] <= BUDGETS["edit_ratio"],
            "one-word-edit rebuild ≤ 10 % of the full build, at M",
        )
        judge(
            "own_share_m",
            medium["own_share"],
            medium["own_share"] <= BUDGETS["own_share_m"],
            "Redraft's share of the build's CPU time ≤ 10 %, at M",
        )
        if "own_share_side_by_side" in medium:
            judge(
                "own_share_m_side_by_side",
                medium["own_share_side_by_side"],
                medium["own_share_side_by_side"] <= BUDGETS["own_share_m"],
                "the same, the build and MkDocs alone measured side by side, ≤ 10 %, at M",
            )
        judge(
            "largest_page_m",
            medium["largest_page_kb"],
            medium["largest_page_kb"] < BUDGETS["largest_page_kb"],
            "no page above 150 KB, at M",
        )
        if small is not None:
            growth = (medium["build_s"] / small["build_s"]) / (medium["pages"] / small["pages"])
            judge(
                "growth_s_to_m",
                round(growth, 2),
                growth <= BUDGETS["growth_ratio_s_to_m"],
                "build growth ≤ 1.1 × page growth, S → M",
            )
            # What the growth is made of: pages at M are longer than at S (more comments a
            # guideline), which MkDocs alone pays for too; Redraft's own CPU is judged apart.
            pages = medium["pages"] / small["pages"]
            own = [each["build_cpu_s"] - each["render_cpu_s"] for each in (small, medium)]
            out["growth_s_to_m_parts"] = {
                "render_cpu_over_pages": round(
                    medium["render_cpu_s"] / small["render_cpu_s"] / pages, 2
                ),
                "own_cpu_over_pages": round(own[1] / own[0] / pages, 2) if own[0] > 0 else None,
                "markdown_over_pages": round(
                    medium.get("markdown_mb", 0) / small["markdown_mb"] / pages, 2
                )
                if small.get("markdown_mb")
                else None,
            }
    if large is None:
        out["note"] = "the other budgets are judged at L, which was not measured"
        return out
    judge("own_share", large["own_share"], large["own_share"] <= BUDGETS["own_share"], "≤ 0.15")
    if medium is not None:
        build_growth = large["build_s"] / medium["build_s"]
        page_growth = large["pages"] / medium["pages"]
        ratio = build_growth / page_growth
        judge(
            "growth_m_to_l",
            {
                "build_growth": round(build_growth, 2),
                "page_growth": round(page_growth, 2),
                "ratio": round(ratio, 2),
            },
            ratio <= BUDGETS["growth_ratio"],
            "build growth ≤ 1.2 × page growth",
        )
    judge("check_s", large["check_s"], large["check_s"] <= BUDGETS["check_s"], "≤ 3 s")
    judge(
        "check_warm_s",
        large["check_warm_cpu_s"],
        large["check_warm_cpu_s"] <= BUDGETS["check_s"],
        "a second check (parsed texts reused), ≤ 3 s of CPU time",
    )
    judge("peak_mb", large["peak_mb"], large["peak_mb"] < BUDGETS["peak_mb"], "< 1024 MB")
    judge(
        "unchanged_rebuild",
        {"rewritten": large["rebuild_rewritten"], "diff_calls": large["rebuild_diff_calls"]},
        large["rebuild_rewritten"] == 0 and large["rebuild_diff_calls"] == 0,
        "0 files rewritten, 0 diff calls",
    )
    judge(
        "largest_page_kb",
        large["largest_page_kb"],
        large["largest_page_kb"] < BUDGETS["largest_page_kb"],
        "< 150 KB",
    )
    return out


COLUMNS = [
    ("scale", "scale", "{}"),
    ("guidelines", "guidelines", "{:,}"),
    ("versions", "versions", "{}"),
    ("comments", "comments", "{:,}"),
    ("pages", "pages", "{:,}"),
    ("build_s", "build", "{:.1f} s"),
    ("render_s", "MkDocs alone", "{:.1f} s"),
    ("own_share", "own share (CPU)", "{:.0%}"),
    ("build_own_process_cpu_s", "build's own process (CPU)", "{:.1f} s"),
    ("own_share_side_by_side", "own share, side by side", "{:.0%}"),
    ("generate_s", "--pages-only", "{:.1f} s"),
    ("own_share_generate", "--pages-only / build", "{:.0%}"),
    ("unchanged_build_s", "unchanged build", "{:.1f} s"),
    ("edit_build_s", "one-word edit", "{:.1f} s"),
    ("edit_ratio", "edit / build", "{:.0%}"),
    ("check_s", "check", "{:.1f} s"),
    ("check_warm_cpu_s", "check again (CPU)", "{:.1f} s"),
    ("peak_mb", "peak", "{:.0f} MB"),
    ("largest_page_kb", "largest page", "{:.0f} KB"),
    ("warnings", "warnings", "{:,}"),
    ("rebuild_rewritten", "rebuild: files rewritten", "{:,}"),
    ("rebuild_diff_calls", "rebuild: diff calls", "{:,}"),
    ("diff_time_vs_difflib", "diff time / difflib", "{:.2f}×"),
]


def table(rows: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| " + " | ".join(title for _, title, _ in COLUMNS) + " |",
        "|" + "|".join(" --- " if key == "scale" else " ---: " for key, _, _ in COLUMNS) + "|",
    ]
    for row in rows.values():
        cells = [fmt.format(row[key]) for key, _, fmt in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    for row in rows.values():
        lines.append(f"\nLargest page at {row['scale']}: {row['largest_page']}")
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="S,M,L", help="comma-separated: S, M, L")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--keep", type=Path, help="generate the knowledge bases in this folder")
    parser.add_argument("--seed", type=int, default=8)
    for option in ("guidelines", "versions", "parties", "comments"):
        parser.add_argument(f"--{option}", type=int, help=f"override every scale's {option}")
    parser.add_argument("--languages", help="override the translation languages (zh,fr,ar)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure MkDocs alone and the whole build this many times each, alternated "
        "(medians reported)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat: at least 1")
    scales = [s.strip().upper() for s in args.scales.split(",") if s.strip()]
    for scale in scales:
        if scale not in synth_kb.SCALES:
            parser.error(f"--scales: '{scale}' is not one of S, M, L")
    overrides = {
        k: getattr(args, k) for k in ("guidelines", "versions", "parties", "comments", "languages")
    }
    base = args.keep or Path(tempfile.mkdtemp(prefix="redraft-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    rows: dict[str, dict[str, Any]] = {}
    try:
        for scale in scales:
            rows[scale] = measure(scale, base, args.seed, overrides, args.repeat)
            if args.json:  # after every scale, so a long run leaves what it measured
                write_json(args.json, rows, args)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    report = write_json(args.json, rows, args) if args.json else assemble(rows, args)
    print(table(rows))
    print()
    for name, verdict in report["budgets"].items():
        if name == "note":
            print(verdict)
        elif "met" not in verdict:  # the parts of a budget's figure, not a budget
            print(f"- {name}: {verdict}")
        else:
            mark = "met" if verdict["met"] else "NOT met"
            print(f"- {name}: {verdict['value']} ({verdict['rule']}): {mark}")
    return report


def assemble(rows: dict[str, dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    return {
        "command": "scripts/bench.py " + " ".join(sys.argv[1:]),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "seed": args.seed,
        "scales": rows,
        "budgets": verdicts(rows),
    }


def write_json(path: Path, rows: dict[str, dict[str, Any]], args: argparse.Namespace) -> Any:
    report = assemble(rows, args)
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return report


if __name__ == "__main__":
    main()
