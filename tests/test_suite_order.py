"""The order in which the test files are handed to pytest-xdist's workers: the slowest of the
last run first (tests/conftest.py, ``slowest_files_first``), each file's tests together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pytest

from .conftest import FILE_SECONDS, FileTimes, file_of, slowest_files_first


@dataclass
class Collected:
    nodeid: str


def ordered(nodeids: list[str], seconds: dict[str, float]) -> list[str]:
    items = [Collected(nodeid) for nodeid in nodeids]
    slowest_files_first(cast(list[pytest.Item], items), seconds)
    return [item.nodeid for item in items]


COLLECTED = [
    "tests/test_a.py::test_one",
    "tests/test_a.py::test_two",
    "tests/test_b.py::test_one[x]",
    "tests/test_b.py::test_one[y]",
    "tests/test_c.py::test_one",
    "tests/browser/test_d.py::test_one",
]


def test_the_slowest_file_comes_first_and_keeps_its_tests_in_order() -> None:
    seconds = {"tests/test_a.py": 1.0, "tests/test_b.py": 30.0, "tests/test_c.py": 2.5}
    assert ordered(COLLECTED, seconds) == [
        "tests/test_b.py::test_one[x]",
        "tests/test_b.py::test_one[y]",
        "tests/test_c.py::test_one",
        "tests/test_a.py::test_one",
        "tests/test_a.py::test_two",
        "tests/browser/test_d.py::test_one",  # never timed: after the others
    ]


def test_without_timings_the_collection_order_stays() -> None:
    assert ordered(COLLECTED, {}) == COLLECTED


def test_a_file_is_named_by_its_path_in_the_node_id() -> None:
    assert file_of("tests/test_b.py::test_one[a::b]") == "tests/test_b.py"
    assert file_of("tests/browser/test_d.py::Test::test_one") == "tests/browser/test_d.py"


class DictCache:
    """pytest's cache as :meth:`FileTimes.save` uses it, in memory."""

    def __init__(self, stored: dict[str, object]) -> None:
        self.stored = stored

    def get(self, key: str, default: object) -> object:
        return self.stored.get(key, default)

    def set(self, key: str, value: object) -> None:
        self.stored[key] = value


def report(nodeid: str, seconds: float) -> pytest.TestReport:
    return pytest.TestReport(nodeid, ("", 0, ""), {}, "passed", None, "call", duration=seconds)


def test_a_run_s_seconds_are_summed_by_file_and_merged_into_the_cache() -> None:
    times = FileTimes()
    for nodeid, seconds in [
        ("tests/test_b.py::test_one[x]", 2.0),
        ("tests/test_b.py::test_one[y]", 0.5),
        ("tests/test_c.py::test_one", 0.25),
    ]:
        times.add(report(nodeid, seconds))
    earlier = {"tests/test_a.py": 9.0, "tests/test_c.py": 4.0}
    cache = DictCache({FILE_SECONDS: earlier})
    times.save(cast(pytest.Cache, cache))
    # this run's files replace their old figures; a file it did not run keeps its own
    assert cache.stored[FILE_SECONDS] == {
        "tests/test_a.py": 9.0,
        "tests/test_b.py": 2.5,
        "tests/test_c.py": 0.25,
    }
    # and the next collection reads them back: the slowest file first
    assert ordered(COLLECTED, cache.stored[FILE_SECONDS])[:2] == [  # type: ignore[arg-type]
        "tests/test_a.py::test_one",
        "tests/test_a.py::test_two",
    ]


def test_nothing_run_writes_nothing() -> None:
    cache = DictCache({})
    FileTimes().save(cast(pytest.Cache, cache))
    assert cache.stored == {}
