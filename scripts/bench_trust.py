"""Measure what the trust limits cost and what they save (the numbers quoted in docs/trust.md).

    .venv/bin/python scripts/bench_trust.py [--files 215] [--size 20000] [--comments 20000]

1. Writing files: plain ``write_bytes`` against :func:`redraft.kb.atomic.write_bytes_atomic`,
   durable (fsync) and not (the generated pages).
2. A 2 MiB YAML file of a million one-letter values: the time and the growth of the peak resident
   memory of loading it with the value limit, and with the limit lifted (each in a fresh
   interpreter, so that the peaks do not mix).
3. Paragraph ids: a 2 MiB paragraph of ``{#{#{#...`` split by the linear scan (the regular
   expression it replaced grew with the square of the length: 20 KB took seconds).
4. Exports at scale: the compilation of comments on the example's 2018 call, its rows repeated to
   ``--comments`` rows, laid out as csv and as xlsx (and docx with ``--docx``), each three times
   in turn in this one run; the median of each, and xlsx's (docx's) as a multiple of csv's.
   The layouts alone are timed (the same content for each), not the loading or the writing.
5. Guideline Markdown: Python-Markdown, with the extensions the site uses, on runs of each
   construct at growing lengths (brackets grow with the square of their number, the rest in
   proportion to the text), and on the worst paragraphs ``redraft check`` still accepts.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from redraft.checks.markdown import MAX_LINK_SCAN, MAX_PARAGRAPH_CHARS, link_scan
from redraft.exports.compilation import Compilation, ExportFormat, compilation, render
from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.guideline_file import parse_body
from redraft.kb.load import load
from redraft.kb.sources import MAX_FILE_BYTES

EXAMPLE = Path(__file__).resolve().parent.parent

LOAD_ONE = """
import resource, sys, time
import redraft.kb.yamlio as yamlio
from redraft.kb.yamlio import YamlError, load_yaml
if sys.argv[1] == "unlimited":
    yamlio.MAX_NODES = 10**9
text = "items: [" + "a," * ((%d - 100) // 2) + "a]\\n"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    load_yaml(text)
    outcome = "loaded"
except YamlError as exc:
    outcome = exc.message
seconds = time.perf_counter() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(f"{seconds:.2f} s, peak memory +{grown:.0f} MiB: {outcome}")
"""


def bench_writes(files: int, size: int) -> None:
    data = os.urandom(size)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        ways: dict[str, Callable[[Path], object]] = {
            "plain write_bytes": lambda p: p.write_bytes(data),
            "atomic, durable (fsync)": lambda p: write_bytes_atomic(p, data),
            "atomic, not durable": lambda p: write_bytes_atomic(p, data, durable=False),
        }
        for name, write in ways.items():
            start = time.perf_counter()
            for index in range(files):
                write(base / f"{abs(hash(name))}-{index}.md")
            elapsed = time.perf_counter() - start
            print(f"  {name:<26} {elapsed * 1000:7.0f} ms for {files} files of {size} bytes")


def bench_many_values() -> None:
    for mode in ("limited", "unlimited"):
        completed = subprocess.run(
            [sys.executable, "-c", LOAD_ONE % MAX_FILE_BYTES, mode],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"  {mode:<10} {completed.stdout.strip()}")


def bench_paragraph_ids() -> None:
    body = "{#" * (MAX_FILE_BYTES // 2)
    start = time.perf_counter()
    parse_body(body, 1)
    print(f"  2 MiB of '{{#': {time.perf_counter() - start:.2f} s")


def scaled_compilation(comments: int) -> Compilation:
    """The example's 2018 compilation (restricted replies included) with ``comments`` rows: its
    own rows over and over, each numbered anew, so every row is a real one."""
    content = compilation(load(EXAMPLE).kb, "2018-nv", include_restricted=True)
    rows = content.rows
    return dataclasses.replace(
        content,
        rows=tuple(
            dataclasses.replace(rows[i % len(rows)], number=f"c-{i + 1}") for i in range(comments)
        ),
    )


def bench_exports(comments: int, with_docx: bool) -> None:
    content = scaled_compilation(comments)
    formats: tuple[ExportFormat, ...] = ("csv", "xlsx", "docx") if with_docx else ("csv", "xlsx")
    seconds: dict[ExportFormat, list[float]] = {f: [] for f in formats}
    for _ in range(3):
        for export_format in formats:  # in turn, so that a busy moment falls on all alike
            start = time.perf_counter()
            data = render(content, export_format)
            seconds[export_format].append(time.perf_counter() - start)
            del data
    csv_median = statistics.median(seconds["csv"])
    for export_format in formats:
        median = statistics.median(seconds[export_format])
        runs = ", ".join(f"{s:.2f}" for s in seconds[export_format])
        print(
            f"  {export_format:<5} {median:6.2f} s (median of {runs}) for {comments} comments: "
            f"{median / csv_median:5.1f} × csv"
        )


MARKDOWN_RUNS: dict[str, Callable[[int], str]] = {
    "[": lambda n: "[" * n,
    "[x": lambda n: "[x" * n,
    "![": lambda n: "![" * n,
    "[a](b ": lambda n: "[a](b " * n,
    "nested [ ]": lambda n: "[" * n + "a" + "]" * n,
    "*a": lambda n: "*a" * n,
    "` a": lambda n: "` a" * n,
    "<": lambda n: "<" * n,
    "\\": lambda n: "\\" * n,
    "word ": lambda n: "word " * n,
}


def _render_time(text: str) -> float:
    import markdown  # type: ignore[import-untyped]

    from redraft.site.config import REQUIRED_EXTENSIONS
    from redraft.site.text import guideline_markdown

    extensions = [name for name, _ in REQUIRED_EXTENSIONS]
    configs = {name: options for name, options in REQUIRED_EXTENSIONS if options}
    renderer = markdown.Markdown(extensions=extensions, extension_configs=configs)
    # as the site writes a paragraph: its letter before it, its pilcrow after it
    source = f"[(a)](#x){{ .redraft-label }} {guideline_markdown(text)} [¶](#p1){{ .x }}"
    start = time.perf_counter()
    renderer.convert(source)
    return time.perf_counter() - start


def bench_markdown() -> None:
    for name, run in MARKDOWN_RUNS.items():
        times = "  ".join(f"{n:>5}: {_render_time(run(n)):6.3f} s" for n in (500, 1000, 2000))
        print(f"  {name!r:13} {times}")
    for name, unit in (("'['", "["), ("'[a]('", "[a]("), ("'*a'", "*a"), ("'<'", "<")):
        # as many as check accepts, then words up to the paragraph limit
        count = MAX_PARAGRAPH_CHARS // len(unit)
        while link_scan(_at_limit(unit, count), limit=MAX_LINK_SCAN) > MAX_LINK_SCAN:
            count //= 2
        seconds = _render_time(_at_limit(unit, count))
        print(f"  {count} {name} in {MAX_PARAGRAPH_CHARS} characters (accepted): {seconds:.3f} s")


def _at_limit(unit: str, count: int) -> str:
    return (unit * count + " word" * MAX_PARAGRAPH_CHARS)[:MAX_PARAGRAPH_CHARS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=215, help="files to write (the example: 215)")
    parser.add_argument("--size", type=int, default=20_000, help="bytes per file")
    parser.add_argument("--comments", type=int, default=20_000, help="rows of the export")
    parser.add_argument("--docx", action="store_true", help="time docx too (slow: minutes)")
    parser.add_argument(
        "--only-exports", action="store_true", help="measure the exports (4.) and nothing else"
    )
    args = parser.parse_args()
    if args.only_exports:
        print(f"Exports of {args.comments} comments:")
        bench_exports(args.comments, args.docx)
        return
    print("Writing files:")
    bench_writes(args.files, args.size)
    print("A million YAML values in one 2 MiB file:")
    bench_many_values()
    print("Paragraph ids:")
    bench_paragraph_ids()
    print(f"Exports of {args.comments} comments:")
    bench_exports(args.comments, args.docx)
    print("Guideline Markdown (seconds to render one paragraph):")
    bench_markdown()


if __name__ == "__main__":
    main()
