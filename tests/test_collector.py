"""The collector is told about a generation (site/collector.py) and left as it was found."""

from __future__ import annotations

import gc

import pytest

from redraft.site.collector import model_frozen


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_what_exists_is_frozen_while_generating_and_given_back_after() -> None:
    before = gc.get_freeze_count()
    assert before == 0
    alive = _Node()
    with model_frozen():
        assert gc.get_freeze_count() > 0
        made = _Node()  # made during the generation: not frozen, collectable as usual
        del made
    assert gc.get_freeze_count() == 0
    del alive


def test_a_callers_own_frozen_objects_stay_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither frozen again nor unfrozen.  (Counting frozen objects before and after is no
    test: a frozen object that dies leaves the count, as two did once in a full run.)"""
    calls: list[str] = []
    gc.freeze()
    try:
        monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
        monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
        with model_frozen():
            pass
        monkeypatch.undo()
        assert calls == []
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_an_error_in_the_generation_still_gives_everything_back() -> None:
    try:
        with model_frozen():
            raise RuntimeError("a page failed")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0
