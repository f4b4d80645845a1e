"""Corrupt the example's files at random: loading and checking report problems, never raise.

Each case mutates one file of the example in memory (truncation, random bytes, wrong types, bad
references, lost lines) and runs the whole load-and-check pipeline on it.  CI runs 2,000 cases
(the ``ci`` profile, chosen when the ``CI`` variable is set, as CI sets it); a local run 200.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redraft.checks.rules import check_loaded
from redraft.kb.load import load_from
from redraft.kb.problems import Problem
from redraft.kb.sources import MemorySource

from .conftest import KB_PARTS, REPO

settings.register_profile(
    "ci",
    max_examples=2000,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=200,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def _example_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in KB_PARTS:
        base = REPO / name
        paths = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in paths:
            if path.is_file():
                files[path.relative_to(REPO).as_posix()] = path.read_bytes()
    return files


EXAMPLE = _example_files()
PATHS = sorted(EXAMPLE)
IDS = sorted(
    {m.decode() for data in EXAMPLE.values() for m in re.findall(rb"\b[a-z][a-z0-9-]{3,}\b", data)}
)[:400]
WRONG_VALUES = ["[1, 2]", "{a: 1}", "42", "null", '""', "no", "2019-02-30", "*x", "&y z", "|", "-"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    path = draw(st.sampled_from(PATHS))
    data = EXAMPLE[path]
    kind = draw(
        st.sampled_from(["truncate", "bytes", "insert", "drop-line", "wrong-value", "bad-ref"])
    )
    if kind == "truncate":
        return path, data[: draw(st.integers(0, len(data)))]
    if kind == "bytes":
        at = draw(st.integers(0, len(data)))
        noise = draw(st.binary(min_size=1, max_size=8))
        return path, data[:at] + noise + data[at + len(noise) :]
    if kind == "insert":
        at = draw(st.integers(0, len(data)))
        text = draw(st.text(max_size=40)).encode("utf-8", "surrogatepass")
        return path, data[:at] + text + data[at:]
    lines = data.split(b"\n")
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "drop-line":
        del lines[index]
        return path, b"\n".join(lines)
    line = lines[index]
    if kind == "wrong-value" and b":" in line:
        key = line.split(b":", 1)[0]
        lines[index] = key + b": " + draw(st.sampled_from(WRONG_VALUES)).encode()
    elif IDS:
        found = re.findall(rb"\b[a-z][a-z0-9-]{3,}\b", line)
        if found:
            old = draw(st.sampled_from(found))
            lines[index] = line.replace(old, draw(st.sampled_from(IDS)).encode(), 1)
    return path, b"\n".join(lines)


@given(mutated())
def test_corrupted_files_are_reported_never_raised(case: tuple[str, bytes]) -> None:
    path, data = case
    files = dict(EXAMPLE)
    files[path] = data
    problems = check_loaded(load_from(MemorySource(files)))
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1
        assert problem.path and not Path(problem.path).is_absolute()
        assert "\n" not in str(problem)


def test_the_unmutated_example_loads_clean_from_memory() -> None:
    # the baseline the mutations start from: any problem found above was caused by the mutation
    # (the example's one warning is its planted translation drift)
    problems = check_loaded(load_from(MemorySource(EXAMPLE)))
    assert [(p.path, p.severity) for p in problems] == [
        ("guidelines/draft/pre-seizure-planning.zh.md", "warning")
    ]
