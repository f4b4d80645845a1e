"""The collector is told about a generation (kb/collector.py) and left as it was found."""

from __future__ import annotations

import gc

import pytest

from redraft.kb.collector import model_frozen


def test_what_exists_is_frozen_while_generating_and_given_back_after() -> None:
    before = gc.get_freeze_count()
    assert before == 0
    with model_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


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
